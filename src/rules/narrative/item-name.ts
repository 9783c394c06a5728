// An item the text names by its classification ("社会保障和就业支出（类）行政事业单位养老支出（款）…（项）")
// must carry the name its code has in the tables. When the path is in no table, the row it means is
// found by the names that do match and the amount, and the finding says what the table calls it.
import { judgeEqual } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { AmountClaim } from '../../load/narrative/model.js';
import type { Row, Table } from '../../load/model.js';
import { figure, judgeOptions, plainFinding, tableShort } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated } from './shared.js';
import { normName } from './names.js';
import { byNames, classAlias, functionRows, functionTables } from './tables.js';

const meta: RuleMeta = {
  id: 'narrative-item-name',
  title: { zh: '说明中的科目名称与报表一致', en: 'Item names in the text as in the tables' },
  description: {
    zh: '说明按“类/款/项”写出的科目名称应与报表中该科目编码的名称相同。说明的科目在报表中找不到时，按能对上的上级科目和金额找出所指的行，说明报表中的名称。',
    en: 'An item the text names by its 类/款/项 path must carry the name its code has in the tables. When the path is in no table, the row it means is found by the levels that match and its amount, and the finding gives the table\'s name.',
  },
  rationale: {
    zh: '科目名称写错（或写成另一个科目的名称）时，读者无法把说明与报表对上；旧科目名称（如“国土资源”改为“自然资源”）以提示报告。仅在报表与说明一同提供时检查。',
    en: 'A wrong name (or the name of another item) keeps a reader from matching the text to the tables; a former name of the classification (国土资源 → 自然资源) is an info. Checked only when the tables come with the text.',
  },
  defaultSeverity: 'warning',
  messages: {
    renamed: {
      zh: '说明中的科目“{text}”（{amount}）在{table}中为 {code} {name}',
      en: 'the text names the item "{text}" ({amount}); {table} has it as {code} {name}',
    },
    formerName: {
      zh: '说明中的科目名称“{text}”是旧称，{table}中 {code} 为“{name}”',
      en: 'the text uses a former name "{text}"; {table} calls {code} "{name}"',
    },
  },
};

const LEVEL_WORD = ['类', '款', '项'];

export const narrativeItemName: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n || Object.keys(disclosure.tables).length === 0) return out;
    const seen = new Set<string>();
    // the outturn of an item before its budget: the amount is the one the tables hold
    const amounts = [...n.amounts].sort((a, b) => rank(a) - rank(b) || a.fig.start - b.fig.start);
    for (const a of amounts) {
      if (!a.key?.startsWith('fn:') || a.delta || a.prior || a.basis === 'difference') continue;
      const path = a.key.slice(3).split('/');
      if (path.length < 2) continue;
      const id = `${a.key}|${a.block ?? -1}`;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const table of functionTables(disclosure, a.fiscal)) {
        if (byNames(table, path)) break;
        const former = byNames(table, path, true);
        if (former) {
          const chain = ancestors(table, former);
          const i = Math.max(0, path.findIndex((p, k) => chain[k] && normName(chain[k].name) !== normName(p) && normName(chain[k].name) !== `${normName(p)}支出`));
          const row = chain[i] ?? former;
          out.push(plainFinding(meta, 'formerName', { ...a.fig.loc }, { text: path[i]!, table: tableShort(table), code: row.code!, name: row.name }, 'info'));
          break;
        }
        const row = meant(table, path, a.basis === 'budget' ? undefined : a, options);
        if (row) {
          const chain = ancestors(table, row);
          // a row printed without its name (or whose name a text could not give whole) says nothing against the text's
          if (chain.some((r) => (r.name ?? '').trim() === '')) break;
          // the whole path when a level above the item differs, else the item's own name
          const upper = chain.slice(0, -1).some((r, i) => normName(r.name) !== normName(path[i] ?? '') && normName(r.name) !== `${normName(path[i] ?? '')}支出`);
          out.push(
            plainFinding(meta, 'renamed', { ...a.fig.loc }, { text: path.map((p, i) => `${p}（${LEVEL_WORD[i]}）`).join(''), amount: a.fig.raw, table: tableShort(table), code: row.code!, name: upper ? chain.map((r) => r.name).join(' / ') : row.name }),
          );
          break;
        }
      }
    }
    return out;
  },
};

function rank(a: AmountClaim): number {
  return a.basis === 'budget' ? 1 : 0;
}

/** The rows from the 类 down to this one. */
function ancestors(table: Table, row: Row): Row[] {
  const rows = functionRows(table);
  return rows.filter((r) => row.code!.startsWith(r.code!) && r.code!.length <= row.code!.length).sort((x, y) => x.code!.length - y.code!.length);
}

/** The row a path that is in no table means: by its last name under the levels that match, else by the amount. */
function meant(table: Table, path: string[], a: AmountClaim | undefined, options: Parameters<typeof judgeOptions>[0]): Row | undefined {
  const rows = functionRows(table);
  let depth = 0;
  let parent: Row | undefined;
  for (let k = 1; k < path.length; k++) {
    const r = byNames(table, path.slice(0, k));
    if (!r) break;
    depth = k;
    parent = r;
  }
  if (!parent) {
    const cls = byNames(table, path.slice(0, 1));
    if (!cls) return undefined;
    parent = cls;
    depth = 1;
  }
  const level = path.length;
  const under = rows.filter((r) => r.level === level && r.code!.startsWith(parent!.code!));
  // the last name is right, a level between is not (住房保障支出（款）for 住房改革支出)
  const byLast = under.filter((r) => classAlias(r.name) === classAlias(path[level - 1]!));
  if (byLast.length === 1 && depth < level - 1) return byLast[0];
  if (!a) return undefined;
  const s = claimStated(a);
  const opts = { ...judgeOptions(options), strict: false };
  const byAmount = under.filter((r) => {
    const f = figure(table, r, 'total');
    return f && !f.blank && !judgeEqual(s.interval, f.interval, opts);
  });
  return byAmount.length === 1 ? byAmount[0] : undefined;
}
