// Project spending by code against the project table.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'project-agreement',
  title: { zh: "项目支出与项目表一致", en: "Project spending agrees with the project table" },
  description: {
    zh: "一般公共预算支出表每个科目的项目支出等于项目支出表中该科目下（各项目）的项目支出合计，合计行亦然。",
    en: "The general-budget table's project spending at each code equals the project table's total for that code (summed over its projects), and so do the total rows.",
  },
  rationale: {
    zh: "项目支出表逐个列示一般公共预算项目，是一般公共预算支出表项目支出的明细；按科目汇总的项目金额必须与之相符。",
    en: "The project table lists each general-budget project: it is the detail of the general-budget table's project column, and its sums by code must match.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const projectAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
