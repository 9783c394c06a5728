// 表四's spending columns against the tables that detail each budget.
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { agreeByCode, hasMoney, AGREE_MESSAGES } from './agree.js';

const meta: RuleMeta = {
  id: 'fiscal-agreement',
  title: { zh: '表四各拨款列与表五、表九、国有资本经营预算表一致', en: 'The fiscal table\'s budget columns agree with the tables that detail them' },
  description: {
    zh: '表四支出方的一般公共预算列在每个功能分类“类”和总计上等于表五的合计，政府性基金预算列等于表九的合计，国有资本经营预算列等于国有资本经营预算支出表的合计。',
    en: 'In the fiscal table, the general-budget column equals the general-budget table\'s total class by class and in total; the government-fund column equals 表九; the state-capital column equals the state-capital table.',
  },
  rationale: {
    zh: '表四按三本预算汇总财政拨款支出，表五、表九和国有资本经营预算表分别展开其中一本；汇总与明细必须一致。',
    en: 'The fiscal table summarises appropriation spending by the three budgets, and one detail table expands each; summary and detail must agree.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: AGREE_MESSAGES.mismatch,
    missing: AGREE_MESSAGES.missing,
  },
};

export const fiscalAgreement: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const { fiscalOverview: t4, generalBudget: t5, governmentFund: t9, stateCapital: sc } = ctx.disclosure.tables;
    if (!t4) return out;
    const pairs = [
      ['generalBudget', t5],
      ['governmentFund', t9],
      ['stateCapital', sc],
    ] as const;
    for (const [key, detail] of pairs) {
      if (!detail || !t4.columns.some((c) => c.key === key && c.side === 'expense')) continue;
      if (!hasMoney(detail) && !hasMoney(t4, 'expense')) continue;
      agreeByCode(
        ctx,
        { meta, messageId: 'mismatch', missingId: 'missing', stated: { table: t4, key, side: 'expense' }, terms: [{ table: detail, key: 'total' }] },
        out,
      );
    }
    return out;
  },
};
