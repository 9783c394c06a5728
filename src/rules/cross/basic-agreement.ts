// Basic spending across tables: the economic-class tables against the basic-spending columns and items.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'basic-agreement',
  title: { zh: "基本支出在各表间一致", en: "Basic spending agrees across tables" },
  description: {
    zh: "一般公共预算基本支出表（按经济分类）的合计等于一般公共预算支出表合计行的基本支出；江苏版式中，财政拨款基本支出预算表的合计等于财政拨款收支预算总表的基本支出，支出预算总表的基本支出、项目支出、单位预留机动经费等于收支预算总表支出用途的对应项，一般公共预算基本支出预算表逐科目不超过（没有政府性基金支出时等于）财政拨款基本支出预算表。",
    en: "The basic-spending-by-economic-class table's total equals the basic spending on the general-budget table's total row; in the Jiangsu layout the appropriation basic-spending table's total equals the summary's basic spending, the expenditure summary's basic, project and reserve figures equal the summary's spending-by-use items, and the general-budget basic table does not exceed (without fund spending, equals) the appropriation basic table code by code.",
  },
  rationale: {
    zh: "按经济分类的基本支出表是同一笔基本支出的另一种展开，合计必须相同。",
    en: "The economic-class tables spread the same basic spending another way: the same money, so the same total.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const basicAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
