// The text states many figures more than once (一般公共服务支出 in three places, 基本支出 in three):
// every statement of one figure must agree with the first.
import type { Finding } from '../../core/findings.js';
import { keyLabel } from '../../load/narrative/keys.js';
import type { AmountClaim } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judgePair } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-repeat',
  title: { zh: '说明中同一数字前后一致', en: 'One figure stated alike throughout the text' },
  description: {
    zh: '同一项目（如某类支出、基本支出、“三公”经费、机关运行经费）在说明中多次出现时，各处金额应相同。',
    en: 'When the text states one figure (a class of expenditure, basic expenditure, "three public" expenses…) more than once, every statement must agree.',
  },
  rationale: {
    zh: '按说明所述口径分组：财政拨款或一般公共预算部分的金额只与同口径的金额比较，因为全部资金与财政拨款可以不同。',
    en: 'Statements are grouped by scope: figures of the 财政拨款 / 一般公共预算 sections compare only with each other, since all funds and appropriations may differ.',
  },
  defaultSeverity: 'error',
  messages: {
    repeat: {
      zh: '{name}在此为 {actual}，但第 {firstLine} 行为 {first}',
      en: '{name} is {actual} here, but {first} on line {firstLine}',
    },
  },
};

export const narrativeRepeat: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const first = new Map<string, AmountClaim>();
    for (const a of n.amounts) {
      if (a.delta || !a.key) continue;
      const group = `${a.key}|${a.fiscal ? 'fiscal' : 'all'}`;
      const f0 = first.get(group);
      if (!f0) {
        first.set(group, a);
        continue;
      }
      const name = keyLabel(a.key);
      const f = judgePair({
        meta,
        messageId: 'repeat',
        data: { name, first: f0.fig.raw, firstLine: String(f0.fig.loc.line) },
        stated: claimStated(a),
        other: claimStated(f0),
        options,
        at: a.fig.loc,
      });
      if (f) out.push(f);
    }
    return out;
  },
};
