// 表三 ↔ 表五 (↔ 表九, 国有资本经营预算表): general-budget spending is total spending less the
// funds and state-capital spending, row by row.
import type { Finding } from '../../core/findings.js';
import type { Disclosure } from '../../load/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { agreeByCode, hasMoney, type Term, AGREE_MESSAGES } from './agree.js';
import { incomeItem } from '../table/shared.js';

const meta: RuleMeta = {
  id: 'general-budget-agreement',
  title: { zh: '表五等于表三减去政府性基金和国有资本经营支出', en: 'General-budget spending is total spending less fund and state-capital spending' },
  description: {
    zh: '在每个科目和合计行上，表五（一般公共预算支出）的合计、基本支出、项目支出等于表三（部门支出总体情况表）减去表九（政府性基金）和国有资本经营预算支出表的对应数；部门有财政拨款以外的收入（事业收入、其他收入等）时，只要求表五不超过这一差额。',
    en: 'On every code and on the total row, the general-budget table\'s total, basic and project spending equal the expenditure table less the government-fund and state-capital tables; when the department has revenue other than appropriations, the general-budget figure must only not exceed that difference.',
  },
  rationale: {
    zh: '表三包含部门全部资金的支出，表五只含一般公共预算拨款；没有其他资金时二者逐行相同，这是公开表最常用的表间勾稽关系之一。',
    en: 'The expenditure table covers all of the department\'s money, the general-budget table only the general-budget appropriation; without other money they are the same row by row, one of the most used cross-table checks.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: AGREE_MESSAGES.mismatch,
    exceeds: {
      zh: '{stated}为 {actual}，超过{source} {expected}（部门有财政拨款以外的收入，只要求不超过），超出 {difference}',
      en: '{stated} is {actual}, more than {source} {expected} (with revenue other than appropriations it must only not exceed it; excess {difference})',
    },
    missing: AGREE_MESSAGES.missing,
  },
};

/**
 * Revenue other than appropriations (事业收入, 其他收入…) in 表一 or 表二. Either is enough:
 * when the two disagree, income-agreement reports that, and this rule should not pile up
 * findings that assume the lower one.
 */
export function hasNonFiscalRevenue(d: Disclosure): boolean {
  const keys = ['specialAccount', 'business', 'operating', 'other'] as const;
  const t1 = d.tables.overview;
  const t2 = d.tables.income;
  const inT1 = !!t1 && keys.some((k) => incomeItem(t1, k)?.cells.total?.amount?.value.isZero() === false);
  const inT2 = !!t2 && t2.rows.some((r) => keys.some((k) => r.cells[k]?.amount?.value.isZero() === false));
  return inT1 || inT2;
}

export const generalBudgetAgreement: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const { expenditure: t3, generalBudget: t5, governmentFund: t9, stateCapital: sc } = ctx.disclosure.tables;
    if (!t3 || !t5) return out;
    const atMost = hasNonFiscalRevenue(ctx.disclosure);
    for (const key of ['total', 'basic', 'project'] as const) {
      if (!t5.columns.some((c) => c.key === key) || !t3.columns.some((c) => c.key === key)) continue;
      const terms: Term[] = [{ table: t3, key }];
      for (const t of [t9, sc]) if (t && hasMoney(t) && t.columns.some((c) => c.key === key)) terms.push({ table: t, key, sign: -1 });
      agreeByCode(ctx, { meta, messageId: 'mismatch', exceedsId: 'exceeds', missingId: 'missing', stated: { table: t5, key }, terms, atMost }, out);
    }
    return out;
  },
};
