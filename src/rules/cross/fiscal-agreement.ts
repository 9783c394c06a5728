// The appropriations summary against the tables that detail each budget.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'fiscal-agreement',
  title: { zh: "财政拨款收支总表与各明细表一致", en: "The appropriations summary agrees with the tables that detail it" },
  description: {
    zh: "财政拨款收支总表支出方的一般公共预算列在每个功能分类和合计上等于一般公共预算支出表的合计，政府性基金预算列等于政府性基金预算支出表，国有资本经营预算列等于国有资本经营预算支出表；江苏版式中，财政拨款支出预算表等于一般公共预算支出预算表与政府性基金支出预算表之和，其合计等于财政拨款收支预算总表的支出合计。",
    en: "In the appropriations summary, the general-budget column equals the general-budget table's total class by class and in total, the government-fund column the fund table, the state-capital column the state-capital table; in the Jiangsu layout the appropriation expenditure table equals the general-budget and fund tables together, and its total the summary's spending total.",
  },
  rationale: {
    zh: "财政拨款收支总表按三本预算汇总财政拨款支出，各明细表分别展开其中一本；汇总与明细必须一致。",
    en: "The appropriations summary totals appropriation spending by the three budgets, and one detail table expands each; summary and detail must agree.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const fiscalAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
