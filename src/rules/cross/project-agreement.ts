// 表五 项目支出 ↔ 表七 by code and in total.
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { agreeByCode, AGREE_MESSAGES } from './agree.js';

const meta: RuleMeta = {
  id: 'project-agreement',
  title: { zh: '表五项目支出与表七一致', en: 'Project spending agrees between 表五 and 表七' },
  description: {
    zh: '表五每个科目的项目支出等于表七中该科目下（各项目）的项目支出合计，合计行亦然。',
    en: 'The general-budget table\'s project spending at each code equals the project table\'s total for that code (summed over its projects), and so do the total rows.',
  },
  rationale: {
    zh: '表七逐个列示一般公共预算项目，是表五项目支出的明细；按科目汇总的项目金额必须与表五相符。',
    en: 'The project table lists each general-budget project: it is the detail of the general-budget table\'s project column, and its sums by code must match.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: AGREE_MESSAGES.mismatch,
    missing: {
      zh: '{source}在科目 {code} {name} 上有项目，但{table}中没有这一行',
      en: '{source} has projects at code {code} {name} but {table} has no such row',
    },
  },
};

export const projectAgreement: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const { generalBudget: t5, projects: t7 } = ctx.disclosure.tables;
    if (!t5 || !t7 || !t5.columns.some((c) => c.key === 'project')) return out;
    agreeByCode(ctx, { meta, messageId: 'mismatch', missingId: 'missing', stated: { table: t5, key: 'project' }, terms: [{ table: t7, key: 'total' }] }, out);
    return out;
  },
};
