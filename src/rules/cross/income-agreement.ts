// Revenue figures across the summary, revenue and appropriation tables, as the layout links them.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'income-agreement',
  title: { zh: "收入数在各表间一致", en: "Revenue agrees across tables" },
  description: {
    zh: "收入总表的合计及各收入来源等于收支总表收入方的总计和对应收入项目；财政拨款收支总表的收入总计等于收支总表的财政拨款，各拨款项目（一般公共预算、政府性基金预算、国有资本经营预算）逐项相等；版式另有的收入关系（如一般公共预算支出表合计等于一般公共预算拨款收入）同样核对。各版式的具体关系见 budgetlint layouts。",
    en: "The revenue table's total and source totals equal the summary's total revenue and matching items; the appropriations summary's total revenue equals the summary's appropriations, item by item (general budget, funds, state capital); further revenue links of a layout (the general-budget spending table's total equals the general-budget appropriation) are checked alike. See budgetlint layouts for each layout's links.",
  },
  rationale: {
    zh: "收支总表汇总全部收入，收入总表按功能分类或资金来源展开同一收入，财政拨款收支总表只列财政拨款；它们是同一组数字的不同切面，必须一致（表间勾稽关系）。",
    en: "The summary table totals all revenue, the revenue table spreads the same revenue by function or source, and the appropriations summary lists only appropriations: views of one set of figures, which must agree.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const incomeAgreement: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
