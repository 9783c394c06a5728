// The sums the text states: "N 万元，其中：a、b、c", "…包括：a、b、c", "合计 N", and the staff
// and vehicle counts ("实有人数 10 人，其中：在职 10 人…").
import { Decimal, neg, sum, type Interval } from '../../core/decimal.js';
import { WAN_PER } from '../../load/narrative/tokens.js';
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, type Stated } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-sum',
  title: { zh: '说明中的合计与构成', en: 'Sums stated in the text' },
  description: {
    zh: '“N，其中：a、b、c”与“包括：a、b、c”所列各项之和应等于 N；只列一项的“其中”该项不应超过 N。人数、车辆数等整数精确相加。',
    en: 'The items of "N，其中：a、b、c" and "包括：a、b、c" must add up to N; a single 其中 item must not exceed N. Counts of people and vehicles add exactly.',
  },
  rationale: {
    zh: '构成与总额在说明中分别写出，任何一处改动未同步都会使其不符。增减额的“其中”按增减方向带符号相加。',
    en: 'The parts and the total are written separately; an edit made to one and not the other breaks the sum. The parts of a change add with their signs.',
  },
  defaultSeverity: 'error',
  messages: {
    sum: {
      zh: '{stated}为 {actual}，但所列 {count} 项之和为 {expected}',
      en: '{stated} is {actual}, but its {count} listed parts add up to {expected}',
    },
    atMost: {
      zh: '{part} {actual} 超过了{total} {expected}',
      en: '{part} {actual} exceeds {total} {expected}',
    },
  },
};

export const narrativeSum: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const s of n.sums) {
      const total = signed(claimStated(s.total), s.signed && s.total.delta === '减少');
      const parts = s.parts.map((p) => signed(claimStated(p), s.signed && p.delta === '减少'));
      if (s.mode === 'atMost') {
        // one part, or the parts a list names as some of many (主要…, …等): together at most the total
        const part = parts.length === 1 ? parts[0]! : { ...parts[0]!, interval: sum(parts.map((p) => p.interval)), label: { zh: `所列 ${parts.length} 项之和`, en: `the ${parts.length} parts listed` } };
        const f = judge({ meta, messageId: 'atMost', data: { part: part.label, total: total.label }, stated: part, computed: total.interval, inputs: [total, ...(parts.length > 1 ? parts : [])], options, atMost: true });
        if (f) out.push(f);
        continue;
      }
      const computed = sum(parts.map((p) => p.interval));
      // counts of staff list the groups of a total and then another group ("教职工 50 人，其中 … 工勤人员 10 人，退休职工 30 人"):
      // the parts the total is the exact sum of are its parts
      if (!(total.unit in WAN_PER) && !computed.value.eq(total.interval.value)) {
        let acc = new Decimal(0);
        if (parts.slice(0, -1).some((p, i) => (acc = acc.plus(p.interval.value)) && i >= 1 && acc.eq(total.interval.value))) continue;
      }
      const f = judge({ meta, messageId: 'sum', data: { count: String(parts.length) }, stated: total, computed, inputs: parts, options });
      if (f) out.push(f);
    }
    return out;
  },
};

function signed(s: Stated, negative: boolean): Stated {
  if (!negative) return s;
  const interval: Interval = neg(s.interval);
  return { ...s, interval };
}
