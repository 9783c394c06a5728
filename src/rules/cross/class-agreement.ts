// Spending by functional class across the summary, revenue and expenditure tables.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'class-agreement',
  title: { zh: "各表按功能分类一致", en: "Functional classes agree across tables" },
  description: {
    zh: "收支总表支出方各功能分类“类”的金额等于收入总表、支出总表（江苏版式为财政拨款支出预算表）对应“类”的合计；收入总表与支出总表在每个共有的科目（类、款、项）上相等。部门有财政拨款以外的收入时，只含财政拨款的表只要求不超过。",
    en: "Each functional class on the summary's spending side equals that class in the revenue and expenditure tables (in the Jiangsu layout, the appropriation expenditure table); the revenue and expenditure tables agree on every code both print (类, 款, 项). With revenue other than appropriations, a table of appropriations alone must only not exceed it.",
  },
  rationale: {
    zh: "收入总表按功能分类列示收入来源，支出总表按功能分类列示支出去向，两表与收支总表是同一预算的不同呈现；任何科目上的差异都意味着某张表被单独改动过。",
    en: "The revenue table shows where each function's money comes from, the expenditure table where it goes; with the summary they present one budget in different ways, so any difference at any code means one table was edited alone.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const classAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
