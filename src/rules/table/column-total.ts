// 合计行: the 合计/总计 row equals the sum of the top-level rows, in every column.
import type { Finding } from '../../core/findings.js';
import type { Row, Table } from '../../load/model.js';
import { compare, figure, sumFigures } from '../figures.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { amountKeys, topIncomeRows, topRows, totalRow } from './shared.js';

const meta: RuleMeta = {
  id: 'column-total',
  title: { zh: '合计行等于各类之和', en: 'Total rows equal the sum of the top-level rows' },
  description: {
    zh: '表中的合计（总计）行在每个金额列上等于各“类”行之和；表一、表四的收入总计等于各收入项目之和，支出总计等于各支出功能分类之和。',
    en: 'The total row equals, in every amount column, the sum of the top-level (类) rows; in the two-sided tables, total revenue equals the sum of the revenue items and total expenditure the sum of the functional classes.',
  },
  rationale: {
    zh: '合计行是读者最先看到的数字，也是表间勾稽的起点；它与明细不符时，整张表的可信度都会受到影响。',
    en: 'The total row is the figure readers look at first and the starting point of every cross-table check; if it disagrees with the detail, the whole table is in doubt.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但 {count} 个{what}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but the {count} {what} add up to {expected} (difference {difference})',
    },
  },
};

function check(t: Table, side: 'income' | 'expense' | undefined, top: Row[], ctx: RuleContext, out: Finding[]): void {
  const total = totalRow(t, side);
  if (!total || top.length === 0) return;
  const what = side === 'income' ? { zh: '收入项目', en: 'revenue items' } : { zh: '类', en: 'classes' };
  for (const key of amountKeys(t, side)) {
    const stated = figure(t, total, key)!;
    const parts = top.map((r) => figure(t, r, key)!);
    if (stated.blank && parts.every((p) => p.blank)) continue;
    const f = compare({
      meta,
      messageId: 'mismatch',
      data: { count: String(parts.filter((p) => !p.blank).length), what },
      stated,
      computed: sumFigures(parts),
      inputs: parts.filter((p) => !p.blank),
      options: ctx.options,
    });
    if (f) out.push(f);
  }
}

export const columnTotal: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of Object.values(ctx.disclosure.tables)) {
      if (t.kind === 'overview' || t.kind === 'fiscalOverview') {
        check(t, 'income', topIncomeRows(t), ctx, out);
        check(t, 'expense', topRows(t, 'expense'), ctx, out);
      } else {
        check(t, undefined, topRows(t), ctx, out);
      }
    }
    return out;
  },
};
