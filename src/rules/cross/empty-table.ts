// An empty 政府性基金 (or 国有资本经营) table ⇔ no such money in the summary tables, and it says so.
import type { Finding } from '../../core/findings.js';
import type { ColumnKey } from '../../load/constants.js';
import type { Disclosure, TableKind } from '../../load/model.js';
import { figure, locationOf, plainFinding, show, tableLabel, tableLocation, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { itemRows, totalRow } from '../table/shared.js';
import { hasMoney } from './links.js';

const meta: RuleMeta = {
  id: 'empty-table',
  title: { zh: '空表与收支总表一致并附说明', en: 'Empty budget tables match the summaries and carry their note' },
  description: {
    zh: '政府性基金预算支出表或国有资本经营预算支出表为空表，当且仅当收支总表、财政拨款收支总表中没有相应的收入或支出；版式要求说明的（全国模板），空表须附“本表为空表”之类的说明。',
    en: 'The government-fund table or the state-capital table is empty exactly when the summary and appropriations tables show no such revenue or spending; where the layout requires it (the national template), an empty table must carry its note saying so.',
  },
  rationale: {
    zh: '按公开要求，没有相应预算的部门也要公开空表并说明原因；总表中有金额而明细表为空，说明明细漏报。',
    en: 'Departments without such a budget must still publish the empty table and say why; money in the summaries with an empty detail table means the detail is missing.',
  },
  defaultSeverity: 'error',
  messages: {
    emptyButMoney: {
      zh: '{table}为空表，但{source}为 {value}',
      en: '{table} is empty but {source} is {value}',
    },
    moneyButNone: {
      zh: '{table}有金额，但收支总表、财政拨款收支总表中没有相应收支',
      en: '{table} has amounts but the summary tables show no such money',
    },
    noNote: {
      zh: '{table}为空表，但没有说明为何为空',
      en: '{table} is empty but has no note saying why',
    },
  },
};

function summaryFigures(d: Disclosure, key: ColumnKey): Figure[] {
  const out: Figure[] = [];
  for (const t of [d.tables.overview, d.tables.fiscalOverview]) {
    if (!t) continue;
    for (const r of itemRows(t, 'income', key)) {
      const f = figure(t, r, 'total');
      if (f && !f.blank && !f.interval.value.isZero()) out.push(f);
    }
  }
  const t4 = d.tables.fiscalOverview;
  const total = t4 && totalRow(t4, 'expense');
  const f = total && figure(t4, total, key);
  if (f && !f.blank && !f.interval.value.isZero()) out.push(f);
  return out;
}

export const emptyTable: Rule = {
  meta,
  check({ disclosure, layout }) {
    const out: Finding[] = [];
    const pairs: Array<[TableKind, ColumnKey]> = [
      ['governmentFund', 'governmentFund'],
      ['stateCapital', 'stateCapital'],
    ];
    for (const [kind, key] of pairs) {
      const t = disclosure.tables[kind];
      if (!t) continue;
      const name = tableLabel(t);
      const money = summaryFigures(disclosure, key);
      const empty = !hasMoney(t);
      if (empty && money.length > 0) {
        const m = money[0]!;
        out.push(plainFinding(meta, 'emptyButMoney', locationOf(m), { table: name, source: m.label, value: `${show(m)} ${m.unit}` }));
      } else if (!empty && money.length === 0 && (disclosure.tables.overview || disclosure.tables.fiscalOverview)) {
        out.push(plainFinding(meta, 'moneyButNone', tableLocation(t), { table: name }));
      }
      const noteRequired = layout.tables.find((lt) => lt.role === kind)?.emptyNote === true;
      if (empty && noteRequired && !t.notes.some((n) => /空表|无.*(预算|支出|收入|安排)|没有/.test(n.text))) {
        out.push(plainFinding(meta, 'noNote', tableLocation(t), { table: name }, 'warning'));
      }
    }
    return out;
  },
};
