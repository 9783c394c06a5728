// "一般公共服务支出（类）1785.63 万元，占 55.93%": the amount over the total its paragraph names.
import { div, HUNDRED, scale } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-share',
  title: { zh: '说明中的占比', en: 'Shares stated in the text' },
  description: {
    zh: '说明中“X 万元，占 P%”的 P 应等于该金额除以段落所述总额（收入预算、支出预算、当年拨款合计等），并按所示位数舍入。',
    en: 'A share "X 万元，占 P%" must equal the amount over the total its paragraph names (revenue budget, expenditure budget, appropriations…), rounded as shown.',
  },
  rationale: {
    zh: '总额取同一部分中最近的“N 万元，其中：”所述金额，没有时取该部分的第一个金额。能由输入舍入解释的差额为警告，否则为错误。',
    en: 'The total is the nearest "N 万元，其中：" of the same section, else its first amount. A gap that rounding of the inputs explains is a warning, otherwise an error.',
  },
  defaultSeverity: 'error',
  messages: {
    share: {
      zh: '{stated}占比为 {actual}%，但 {amount} ÷ {total} 为 {expected}%',
      en: '{stated} is stated as {actual}%, but {amount} ÷ {total} is {expected}%',
    },
  },
};

export const narrativeShare: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const s of n.shares) {
      const a = claimStated(s.amount);
      const t = claimStated(s.total);
      const q = div(a.interval, t.interval);
      if (!q) continue;
      const f = judge({
        meta,
        messageId: 'share',
        data: { amount: `${s.amount.fig.raw}`, total: `${s.total.fig.raw}` },
        stated: stated(s.percent, a.label),
        computed: scale(q, HUNDRED),
        inputs: [a, t],
        options,
        roundExpected: true,
      });
      if (f) out.push(f);
    }
    return out;
  },
};
