// An empty 政府性基金 (or 国有资本经营) table ⇔ no such money in 表一/表四, and it says so.
import type { Finding } from '../../core/findings.js';
import { TABLE_NUMBER } from '../../load/aliases.js';
import type { ColumnKey, Disclosure, TableKind } from '../../load/model.js';
import { figure, locationOf, plainFinding, show, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { incomeItem, totalRow } from '../table/shared.js';
import { hasMoney } from './agree.js';

const meta: RuleMeta = {
  id: 'empty-table',
  title: { zh: '空表与收支表一致并附说明', en: 'Empty budget tables match the overview and carry their note' },
  description: {
    zh: '政府性基金预算支出表（表九）或国有资本经营预算支出表为空表，当且仅当表一、表四中没有相应的收入或支出；空表须附“本表为空表”的说明。',
    en: 'The government-fund table (表九) or the state-capital table is empty exactly when the overall and fiscal tables show no such revenue or spending; an empty table must carry its note saying so.',
  },
  rationale: {
    zh: '按公开要求，没有相应预算的部门也要公开空表并说明原因；表一、表四中有金额而明细表为空，说明明细漏报。',
    en: 'Departments without such a budget must still publish the empty table and say why; money in the overview with an empty detail table means the detail is missing.',
  },
  defaultSeverity: 'error',
  messages: {
    emptyButMoney: {
      zh: '{table}为空表，但{source}为 {value}',
      en: '{table} is empty but {source} is {value}',
    },
    moneyButNone: {
      zh: '{table}有金额，但表一、表四中没有相应收支',
      en: '{table} has amounts but the overall and fiscal tables show no such money',
    },
    noNote: {
      zh: '{table}为空表，但没有说明为何为空',
      en: '{table} is empty but has no note saying why',
    },
  },
};

function overviewFigures(d: Disclosure, key: ColumnKey): Figure[] {
  const out: Figure[] = [];
  for (const t of [d.tables.overview, d.tables.fiscalOverview]) {
    if (!t) continue;
    const item = incomeItem(t, key);
    const f = item && figure(t, item, 'total');
    if (f && !f.blank && !f.interval.value.isZero()) out.push(f);
  }
  const t4 = d.tables.fiscalOverview;
  const total = t4 && totalRow(t4, 'expense');
  const f = total && figure(t4, total, key);
  if (f && !f.blank && !f.interval.value.isZero()) out.push(f);
  return out;
}

export const emptyTable: Rule = {
  meta,
  check({ disclosure }) {
    const out: Finding[] = [];
    const pairs: Array<[TableKind, ColumnKey]> = [
      ['governmentFund', 'governmentFund'],
      ['stateCapital', 'stateCapital'],
    ];
    for (const [kind, key] of pairs) {
      const t = disclosure.tables[kind];
      if (!t) continue;
      const name = `${TABLE_NUMBER[kind]}（${t.title}）`;
      const money = overviewFigures(disclosure, key);
      const empty = !hasMoney(t);
      if (empty && money.length > 0) {
        const m = money[0]!;
        out.push(plainFinding(meta, 'emptyButMoney', locationOf(m), { table: name, source: m.label, value: `${show(m)} ${m.unit}` }));
      } else if (!empty && money.length === 0 && (disclosure.tables.overview || disclosure.tables.fiscalOverview)) {
        out.push(plainFinding(meta, 'moneyButNone', { ...t.titleLoc, table: kind }, { table: name }));
      }
      if (empty && !t.notes.some((n) => /空表|无.*(预算|支出|收入)|没有/.test(n.text))) {
        out.push(plainFinding(meta, 'noNote', { ...t.titleLoc, table: kind }, { table: name }, 'warning'));
      }
    }
    return out;
  },
};
