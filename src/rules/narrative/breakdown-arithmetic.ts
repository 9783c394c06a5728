// 资金分配情况 computations: "2000元/月*12个月*15个站=36万元" evaluated exactly, 元↔万元.
import { exact, formatDec, scale } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { judge, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'breakdown-arithmetic',
  title: { zh: '资金分配中的算式', en: 'Computations in project breakdowns' },
  description: {
    zh: '项目“资金分配情况”中写出的算式（单价×数量×月数=金额）按所写数字精确计算，并在元与万元之间换算后与所写结果比较。',
    en: 'Each computation written in a project breakdown (price × quantity × months = amount) is evaluated exactly from the numbers written, converting 元 and 万元, and compared with the result written.',
  },
  rationale: {
    zh: '人数、天数、月数、单价都是精确的整数或所写的数，乘积没有舍入余地；结果按所示位数舍入后仍不等即为错误。左边未写单位时，取元或结果单位中与结果相符的一种。',
    en: 'Counts of people, days, months and written prices are exact; only the written result is rounded. A left side without units is read in 元 or in the result unit, whichever matches.',
  },
  defaultSeverity: 'error',
  messages: {
    arithmetic: {
      zh: '算式 {expr} 的结果写为 {actual}，但计算得 {expected}',
      en: 'the computation {expr} is written as {actual}, but evaluates to {expected}',
    },
  },
};

export const breakdownArithmetic: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const p of n.projects) {
      for (const e of p.expressions) {
        const res = stated(e.result, `${p.name}`);
        const computed = scale(exact(e.computed), e.computedScale);
        const f = judge({
          meta,
          messageId: 'arithmetic',
          data: { expr: e.text, value: formatDec(e.computed) },
          stated: res,
          computed,
          inputs: e.factors.map((x) => ({ ...stated(x, x.raw, true), unit: x.unit })),
          options,
          at: e.loc,
        });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
