// 表五 基本支出 ↔ 表六 合计.
import type { Finding } from '../../core/findings.js';
import { compare, figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { totalRow } from '../table/shared.js';

const meta: RuleMeta = {
  id: 'basic-agreement',
  title: { zh: '表六合计等于表五基本支出', en: 'The basic-spending table\'s total equals 表五 basic spending' },
  description: {
    zh: '一般公共预算基本支出情况表（表六）的合计等于一般公共预算支出情况表（表五）合计行的基本支出。',
    en: 'The total of the basic-spending-by-economic-class table (表六) equals the basic spending on the general-budget table\'s total row.',
  },
  rationale: {
    zh: '表六把表五的基本支出按经济分类展开，两者是同一笔钱。',
    en: 'Table 6 spreads table 5\'s basic spending by economic class: the same money, so the same total.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但表五基本支出合计为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but 表五 basic spending totals {expected} (difference {difference})',
    },
  },
};

export const basicAgreement: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    const { generalBudget: t5, basicEconomic: t6 } = disclosure.tables;
    if (!t5 || !t6) return out;
    const r5 = totalRow(t5);
    const r6 = totalRow(t6);
    const basic = r5 && figure(t5, r5, 'basic');
    const total = r6 && figure(t6, r6, 'total');
    if (!basic || !total) return out;
    const f = compare({ meta, messageId: 'mismatch', stated: total, computed: basic.interval, inputs: [basic], options });
    if (f) out.push(f);
    return out;
  },
};
