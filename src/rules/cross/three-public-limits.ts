// The basic-spending lines of the “three public” expenses (and of meetings and training) stay within the “three public” table.
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES, checkLinks } from './links.js';

const meta: RuleMeta = {
  id: 'three-public-limits',
  title: { zh: "基本支出中的“三公”等科目不超过“三公”经费表", en: "Three-public lines of basic spending stay within the three-public table" },
  description: {
    zh: "一般公共预算基本支出表中 30217 公务接待费不超过“三公”经费表的公务接待费，30231 公务用车运行维护费不超过公务用车运行费，31013 公务用车购置不超过公务用车购置费，30212 因公出国（境）费用不超过因公出国（境）费；表中列有会议费、培训费的（江苏），30215 会议费、30216 培训费亦不超过。是不等式：“三公”经费还包括项目支出中的同类开支。",
    en: "In the basic-spending table, 30217 reception ≤ the three-public table's reception, 30231 vehicle running ≤ vehicle operation, 31013 vehicle purchase ≤ vehicle purchase, 30212 travel abroad ≤ travel abroad; where the table lists meetings and training (Jiangsu), 30215 and 30216 too. Inequalities, because the three-public figures also count such spending inside projects.",
  },
  rationale: {
    zh: "“三公”经费是社会关注的重点，基本支出中的同名科目是其一部分，超过“三公”总数说明其中一处有误。",
    en: "The three public expenses draw close public attention; the matching basic-spending lines are part of them, so a line above the three-public figure means one of the two is wrong.",
  },
  defaultSeverity: 'error',
  messages: AGREE_MESSAGES,
};

/** Checks the layout's links of this rule (layouts/*.json, budgetlint layouts). */
export const threePublicLimits: Rule = {
  meta,
  check: (ctx) => checkLinks(ctx, meta),
};
