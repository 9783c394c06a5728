// 收支平衡: in a summary table the revenue side's grand total equals the spending side's; a
// spending-by-use block without totals of its own adds up to the spending block's total.
import type { Finding } from '../../core/findings.js';
import type { Side } from '../../core/vocabulary.js';
import type { Table } from '../../load/model.js';
import { compare, figure, sumFigures, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { topItems, totalRow, yearTotalRow } from './shared.js';

const meta: RuleMeta = {
  id: 'balance',
  title: { zh: '收入总计等于支出总计', en: 'Total revenue equals total expenditure' },
  description: {
    zh: '收支总表和财政拨款收支总表中，收入总计等于支出总计；按支出用途列示（基本支出、项目支出、单位预留机动经费）而本身没有合计行的一方，其各项之和等于支出方的本年支出合计（没有时为支出总计）。',
    en: 'In a summary table and in the fiscal appropriations summary, total revenue equals total expenditure; a block of spending by use (basic, project, reserve) that has no total of its own adds up to the spending block\'s subtotal of the year (or its grand total).',
  },
  rationale: {
    zh: '部门预算按收支平衡编制，收入总计与支出总计必须相等；同一笔支出按功能和按用途两种列示，合计也必须相同。',
    en: 'Department budgets are drawn up balanced: total revenue must equal total expenditure, and the same spending shown by function and by use must add up to the same total.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，收入总计为 {expected}，收支不平衡，差额 {difference}',
      en: '{stated} is {actual} but total revenue is {expected}: the table does not balance (difference {difference})',
    },
    uses: {
      zh: '{stated}为 {actual}，但按支出用途列示的{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but the spending by use, {parts}, adds up to {expected} (difference {difference})',
    },
  },
};

function spendingTotal(t: Table): { side: Side; fig: Figure } | undefined {
  for (const side of ['expense', 'use'] as const) {
    const r = totalRow(t, side);
    const f = r && figure(t, r, 'total');
    if (f) return { side, fig: f };
  }
  return undefined;
}

export const balance: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    for (const t of Object.values(disclosure.tables)) {
      if (t.structure !== 'sided') continue;
      const inc = totalRow(t, 'income');
      const revenue = inc && figure(t, inc, 'total');
      const spending = spendingTotal(t);
      if (revenue && spending) {
        const f = compare({ meta, messageId: 'mismatch', stated: spending.fig, computed: revenue.interval, inputs: [revenue], options });
        if (f) out.push(f);
      }
      // 支出用途 beside 功能分类 with the totals printed only once, across both
      if (t.rows.some((r) => r.side === 'use') && !totalRow(t, 'use') && t.rows.some((r) => r.side === 'expense')) {
        const target = yearTotalRow(t, 'expense') ?? totalRow(t, 'expense');
        const stated = target && figure(t, target, 'total');
        const uses = topItems(t, 'use').map((r) => figure(t, r, 'total')).filter((f): f is Figure => !!f);
        if (stated && uses.length && !(stated.blank && uses.every((u) => u.blank))) {
          const shown = uses.filter((u) => !u.blank);
          const f = compare({ meta, messageId: 'uses', data: { parts: (shown.length ? shown : uses).map((u) => u.row!.name).join(' + ') }, stated, computed: sumFigures(uses), inputs: shown, options });
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
};
