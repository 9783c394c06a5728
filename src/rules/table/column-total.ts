// 合计行: a table's total row equals its top-level rows, in every column; on each side of a
// summary table, the year's subtotal equals the listed items and the grand total equals the
// subtotal plus the rows between them (上年结转, 结转下年, 年末结转和结余 …).
import { add, sum } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { Side } from '../../core/vocabulary.js';
import type { Row, Table } from '../../load/model.js';
import { compare, figure, type Figure } from '../figures.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { amountIds, dataRows, sidesOf, topCodedRows, topItems, totalRow, yearTotalRow } from './shared.js';

const meta: RuleMeta = {
  id: 'column-total',
  title: { zh: '合计行等于各行之和', en: 'Total rows equal the rows they total' },
  description: {
    zh: '表中的合计（总计）行在每个金额列上等于各“类”行（或最上一级的行）之和。收支总表每一方：本年收入（支出）合计等于所列各项之和；收入（支出）总计等于本年合计加上其后的上年结转、结转下年、年初/年末结转和结余、结余分配等行；没有本年合计行时，总计等于各项与这些行之和。分级列示的表（收入预算总表、政府采购预算表）中，总计等于各小计（或最上一级各行）之和。',
    en: 'A table\'s total row equals, in every amount column, the sum of the class (类) rows or the top-level rows. On each side of a summary table the year\'s subtotal equals the listed items, and the grand total equals the subtotal plus the rows after it (carried over, carried forward, opening and closing balances, distributions); without a subtotal row the grand total equals the items plus those rows. In an outline table (revenue by source, procurement) the total equals the subtotals or the top-level rows.',
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
    grand: {
      zh: '{stated}为 {actual}，但{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but {parts} add up to {expected} (difference {difference})',
    },
  },
};

const WHAT = {
  classes: { zh: '类', en: 'classes' },
  items: { zh: '项目', en: 'items' },
  rows: { zh: '行', en: 'rows' },
};

function sumOf(t: Table, stated: Row, parts: Row[], what: { zh: string; en: string }, ctx: RuleContext, out: Finding[]): void {
  for (const key of amountIds(t, stated.side)) {
    const s = figure(t, stated, key);
    if (!s) continue;
    const figs = parts.map((r) => figure(t, r, key)).filter((f): f is Figure => !!f);
    if (s.blank && figs.every((p) => p.blank)) continue;
    const f = compare({ meta, messageId: 'mismatch', data: { count: String(figs.filter((p) => !p.blank).length), what }, stated: s, computed: sum(figs.map((p) => p.interval)), inputs: figs.filter((p) => !p.blank), options: ctx.options });
    if (f) out.push(f);
  }
}

/** Grand total = year subtotal (or items) + the adjustment rows. */
function grand(t: Table, side: Side, ctx: RuleContext, out: Finding[]): void {
  const total = totalRow(t, side);
  const year = yearTotalRow(t, side);
  const items = topItems(t, side);
  const adjustments = t.rows.filter((r) => r.side === side && r.role === 'adjustment' && !r.ofWhich && r.parent === undefined);
  if (year && items.length) sumOf(t, year, items, WHAT.items, ctx, out);
  if (!total) return;
  if (!year && adjustments.length === 0) {
    if (items.length) sumOf(t, total, items, items.some((r) => r.code) ? WHAT.classes : WHAT.items, ctx, out);
    return;
  }
  const base: Row[] = year ? [year] : items;
  for (const key of amountIds(t, side)) {
    const s = figure(t, total, key);
    if (!s) continue;
    const figs = [...base, ...adjustments].map((r) => figure(t, r, key)).filter((f): f is Figure => !!f);
    if (s.blank && figs.every((p) => p.blank)) continue;
    const shown = figs.filter((p) => !p.blank);
    const names = (shown.length ? shown : figs).map((p) => p.row!.name).join(' + ');
    const f = compare({ meta, messageId: 'grand', data: { parts: names }, stated: s, computed: figs.reduce((acc, p) => add(acc, p.interval), sum([])), inputs: shown, options: ctx.options });
    if (f) out.push(f);
  }
}

export const columnTotal: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of Object.values(ctx.disclosure.tables)) {
      if (t.structure === 'sided') {
        for (const side of sidesOf(t)) if (side) grand(t, side, ctx, out);
        continue;
      }
      const total = totalRow(t);
      if (!total) continue;
      if (t.structure === 'outline') {
        if (!t.structureKnown) continue;
        const subtotals = t.rows.filter((r) => r.subtotal);
        const top = subtotals.length ? subtotals : t.rows.filter((r) => !r.isTotal && !r.ofWhich && r.parent === undefined);
        if (top.length) sumOf(t, total, top, WHAT.rows, ctx, out);
        continue;
      }
      const top = topCodedRows(dataRows(t));
      if (top.length) sumOf(t, total, top, WHAT.classes, ctx, out);
    }
    return out;
  },
};
