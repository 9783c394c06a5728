// 收支平衡: in 表一 and 表四 total revenue equals total expenditure.
import type { Finding } from '../../core/findings.js';
import { compare, figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { totalRow } from './shared.js';

const meta: RuleMeta = {
  id: 'balance',
  title: { zh: '收入总计等于支出总计', en: 'Total revenue equals total expenditure' },
  description: {
    zh: '部门收支总体情况表（表一）和财政拨款收支总体情况表（表四）中，收入总计等于支出总计。',
    en: 'In the overall table (表一) and the fiscal appropriations table (表四), total revenue equals total expenditure.',
  },
  rationale: {
    zh: '部门预算按收支平衡编制，收入总计与支出总计必须相等。',
    en: 'Department budgets are drawn up balanced: total revenue must equal total expenditure.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，收入总计为 {expected}，收支不平衡，差额 {difference}',
      en: '{stated} is {actual} but total revenue is {expected}: the table does not balance (difference {difference})',
    },
  },
};

export const balance: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    for (const kind of ['overview', 'fiscalOverview'] as const) {
      const t = disclosure.tables[kind];
      if (!t) continue;
      const inc = totalRow(t, 'income');
      const exp = totalRow(t, 'expense');
      if (!inc || !exp) continue;
      const revenue = figure(t, inc, 'total');
      const spending = figure(t, exp, 'total');
      if (!revenue || !spending) continue;
      const f = compare({ meta, messageId: 'mismatch', stated: spending, computed: revenue.interval, inputs: [revenue], options });
      if (f) out.push(f);
    }
    return out;
  },
};
