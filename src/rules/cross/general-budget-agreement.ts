// General-budget spending is total spending less government-fund and state-capital spending, code by code.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'general-budget-agreement',
  title: { zh: "一般公共预算支出等于总支出减去政府性基金和国有资本经营支出", en: "General-budget spending is total spending less fund and state-capital spending" },
  description: {
    zh: "在每个科目和合计行上，一般公共预算支出表的合计、基本支出、项目支出等于支出总表减去政府性基金预算支出表和国有资本经营预算支出表的对应数；部门有财政拨款以外的收入（事业收入、其他收入等）时，只要求不超过这一差额。",
    en: "On every code and on the total row, the general-budget table's total, basic and project spending equal the expenditure table less the government-fund and state-capital tables; when the department has revenue other than appropriations, the general-budget figure must only not exceed that difference.",
  },
  rationale: {
    zh: "支出总表包含部门全部资金的支出，一般公共预算支出表只含一般公共预算拨款；没有其他资金时二者逐行相同，这是公开表最常用的表间勾稽关系之一。",
    en: "The expenditure table covers all of the department's money, the general-budget table only the general-budget appropriation; without other money they are the same row by row, one of the most used cross-table checks.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const generalBudgetAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
