// 机关运行经费 against the public-use costs of basic spending.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'agency-operation',
  title: { zh: "机关运行经费与公用经费一致", en: "Agency operating costs match public-use costs" },
  description: {
    zh: "声明为行政单位的，机关运行经费等于一般公共预算基本支出中的公用经费；事业单位、行政事业兼有的部门，以及未注明单位类型时，只核对机关运行经费不超过公用经费，并在结果中说明。单位类型取自配置、清单或 --unit-type。江苏等版式的机关运行经费包含项目支出，不与公用经费比较。",
    en: "For a unit declared administrative (行政单位), agency operating costs equal the public-use costs of general-budget basic spending; for public institutions, mixed departments, and when no unit type is given, only \"not more than\" is checked, and the finding says so. The unit type comes from the configuration, the manifest or --unit-type. Layouts whose agency operating costs include project spending (Jiangsu) do not compare them with public-use costs.",
  },
  rationale: {
    zh: "机关运行经费按定义是行政单位的日常公用经费，两处公开的数字应当一致；事业单位的公用经费不计入机关运行经费，所以只能要求不超过。",
    en: "Agency operating costs are, by definition, an administrative unit's day-to-day public-use costs, so the two published figures should agree; a public institution's public-use costs are not agency operating costs, so for them only \"not more than\" holds.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
  options: ['unitType'],
  optionNotes: { unitType: 'When none says, only 机关运行经费 ≤ 公用经费 is checked, and a finding says so.' },
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const agencyOperation: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
