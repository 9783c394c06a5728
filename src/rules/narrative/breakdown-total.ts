// A project's breakdown against its own totals: each stated 共计 against the items before it, and
// the breakdown (its last 共计, or its items) and any 本年预算 against the 预算安排规模.
import type { Finding } from '../../core/findings.js';
import type { BreakdownItem } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { itemStated, itemsSum, projectScale } from './items.js';
import { judge, judgePair, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'breakdown-total',
  title: { zh: '资金分配与项目金额', en: 'Project breakdowns against their totals' },
  description: {
    zh: '“资金分配情况”所列各项之和应等于其后写出的“共计/合计”；分配总额（最后的共计，或没有共计时各项之和）与“本年预算”都应等于“预算安排规模”。',
    en: 'The items of a breakdown must add up to the 共计/合计 written after them; the breakdown total (its last 共计, or its items when there is none) and any 本年预算 must equal the 预算安排规模.',
  },
  rationale: {
    zh: '算式得出的项目按精确值相加；写作“约”的共计允许 --approx-tolerance 的相对差（默认 0.5%），超出即为错误。带“/天”“/月”的中间结果和“每次”单价不计为分项。',
    en: 'Items from computations add at their exact values; a 共计 marked 约 allows the relative --approx-tolerance (0.5% by default) and no more. Per-day and per-month steps and unit prices are not items.',
  },
  defaultSeverity: 'error',
  options: ['approxTolerance'],
  messages: {
    sumStatement: {
      zh: '{project}：写明共计 {actual}，但所列 {count} 项之和为 {expected}',
      en: '{project}: the stated total is {actual}, but its {count} items add up to {expected}',
    },
    itemsVsScale: {
      zh: '{project}：预算安排规模为 {actual}，但资金分配各项之和为 {expected}',
      en: '{project}: the budget is {actual}, but the breakdown items add up to {expected}',
    },
    finalVsScale: {
      zh: '{project}：资金分配共计 {total} 与预算安排规模 {scale} 不一致',
      en: '{project}: the breakdown total {total} and the project budget {scale} differ',
    },
    budgetVsScale: {
      zh: '{project}：资金分配中的本年预算 {budget} 与预算安排规模 {scale} 不一致',
      en: '{project}: the budget {budget} stated in the breakdown and the project budget {scale} differ',
    },
  },
};

export const breakdownTotal: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const p of n.projects) {
      const data = { project: p.name };
      for (const s of p.sums) {
        if (!s.items.length) continue;
        const f = judge({
          meta,
          messageId: 'sumStatement',
          data: { ...data, count: String(s.items.length) },
          stated: stated(s.fig, `${p.name} 共计`),
          computed: itemsSum(s.items),
          inputs: s.items.map(itemStated),
          options,
          expectedDecimals: places(s.items),
          ...(s.approx ? { relTolerance: options.approxTolerance } : {}),
        });
        if (f) out.push(f);
      }
      const scale = projectScale(p);
      if (!scale) continue;
      for (const b of p.budgetStatements) {
        const f = judgePair({ meta, messageId: 'budgetVsScale', data: { ...data, budget: b.raw, scale: p.scale!.raw }, stated: stated(b, `${p.name} 本年预算`), other: scale, options });
        if (f) out.push(f);
      }
      const final = p.sums.find((s) => s.final);
      if (final) {
        const f = judgePair({
          meta,
          messageId: 'finalVsScale',
          data: { ...data, total: final.fig.raw, scale: p.scale!.raw },
          stated: stated(final.fig, `${p.name} 共计`),
          other: scale,
          options,
          ...(final.approx ? { relTolerance: options.approxTolerance } : {}),
        });
        if (f) out.push(f);
      } else if (p.items.length) {
        const f = judge({ meta, messageId: 'itemsVsScale', data: { ...data, count: String(p.items.length) }, stated: scale, computed: itemsSum(p.items), inputs: p.items.map(itemStated), options, expectedDecimals: places(p.items) });
        if (f) out.push(f);
      }
    }
    return out;
  },
};

/** the places the items are shown with, in 万元 */
function places(items: BreakdownItem[]): number {
  return Math.max(0, ...items.map((i) => (i.fig.unit === '元' ? 0 : i.fig.decimals)));
}
