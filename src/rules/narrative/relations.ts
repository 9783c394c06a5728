// Relations between figures the text states in different sentences: 面向中小企业预留 ≤ 政府采购,
// 机关运行经费 against 公用经费 (= for 行政单位, ≤ otherwise).
import type { Finding } from '../../core/findings.js';
import type { AmountClaim } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-relations',
  title: { zh: '说明中数字之间的关系', en: 'Relations between figures of the text' },
  description: {
    zh: '面向中小企业预留的政府采购金额不应超过政府采购预算；机关运行经费对行政单位应等于公用经费，对其他单位不应超过公用经费。',
    en: 'The procurement reserved for SMEs must not exceed the procurement budget; agency operating costs must equal public-use costs for administrative units and not exceed them otherwise.',
  },
  rationale: {
    zh: '单位类型取自清单或 --unit-type；未说明时按“不超过”检查。',
    en: 'The unit type comes from the manifest or --unit-type; when unknown, "not above" is checked.',
  },
  defaultSeverity: 'error',
  options: ['unitType'],
  optionNotes: { unitType: 'When none says, 机关运行经费 ≤ 公用经费 is checked.' },
  messages: {
    atMost: { zh: '{stated} {actual} 超过了{bound} {expected}', en: '{stated} {actual} exceeds {bound} {expected}' },
    equal: { zh: '{stated}为 {actual}，但{bound}为 {expected}', en: '{stated} is {actual}, but {bound} is {expected}' },
  },
};

export const narrativeRelations: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const first = (key: string): AmountClaim | undefined => n.amounts.find((a) => !a.delta && a.key === key);
    const pairs: Array<[string, string, boolean]> = [
      ['procSME', 'procurement', false],
      ['agencyOperation', 'publicFunds', (options.unitType ?? disclosure.unitType) === '行政单位'],
    ];
    for (const [partKey, boundKey, equal] of pairs) {
      const part = first(partKey);
      const bound = first(boundKey);
      if (!part || !bound) continue;
      const p = claimStated(part);
      const b = claimStated(bound);
      const f = judge({ meta, messageId: equal ? 'equal' : 'atMost', data: { bound: b.label }, stated: p, computed: b.interval, inputs: [b], options, atMost: !equal });
      if (f) out.push(f);
    }
    return out;
  },
};
