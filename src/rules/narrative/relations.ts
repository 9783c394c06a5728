// Relations between figures the text states in different sentences: 面向中小企业预留 ≤ 政府采购,
// 机关运行经费 against 公用经费 (= for 行政单位, ≤ otherwise).
import type { Finding } from '../../core/findings.js';
import type { AmountClaim } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { sum } from '../../core/decimal.js';
import { claimStated, judge } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-relations',
  title: { zh: '说明中数字之间的关系', en: 'Relations between figures of the text' },
  description: {
    zh: '面向中小企业预留的政府采购金额不应超过政府采购金额，面向小微企业预留的不应超过面向中小企业预留的，预留项目中由中小（小微）企业中标或成交的不应超过预留金额，由中小企业中标或成交的（授予中小企业的合同金额）合计不应超过政府采购金额，授予小微企业的不应超过授予中小企业的；机关运行经费对行政单位应等于公用经费，对其他单位不应超过公用经费。',
    en: 'The procurement reserved for SMEs must not exceed the procurement, that reserved for small and micro firms not that reserved for SMEs, what SMEs (small and micro firms) were awarded of the reserved procurement not the reserve, and all that SMEs were awarded not the procurement, nor what small and micro firms were awarded what SMEs were; agency operating costs must equal public-use costs for administrative units and not exceed them otherwise.',
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
    awarded: { zh: '{stated} {actual} 超过了{bound} {expected}', en: '{stated} {actual} exceeds {bound} {expected}' },
  },
};

export const narrativeRelations: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const first = (key: string): AmountClaim | undefined => n.amounts.find((a) => !a.delta && !a.prior && a.key === key);
    const pairs: Array<[string, string, boolean]> = [
      ['procSME', 'procurement', false],
      ['procSmallMicro', 'procSME', false],
      ['procSMEAwarded', 'procSME', false],
      ['procSmallMicroAwarded', 'procSmallMicro', false],
      ['procSmallMicroAwarded', 'procSMEAwarded', false],
      ['agencyOperation', 'publicFunds', (options.unitType ?? disclosure.unitType) === '行政单位'],
    ];
    for (const [partKey, boundKey, equal] of pairs) {
      const part = first(partKey);
      const bound = first(boundKey);
      if (!part || !bound) continue;
      // a "N，其中：part" the sum rule checks already: one finding a claim
      if (n.sums.some((x) => x.total === bound && x.parts.includes(part))) continue;
      const p = claimStated(part);
      const b = claimStated(bound);
      const f = judge({ meta, messageId: equal ? 'equal' : 'atMost', data: { bound: b.label }, stated: p, computed: b.interval, inputs: [b], options, atMost: !equal });
      if (f) out.push(f);
    }
    // what SMEs were awarded, in reserved and other procurement, is part of the procurement
    const awarded = [first('procSMEAwarded'), first('procOtherSMEAwarded')].filter((a): a is AmountClaim => !!a);
    const total = first('procurement');
    if (awarded.length && total) {
      const parts = awarded.map(claimStated);
      const b = claimStated(total);
      const f = judge({ meta, messageId: 'awarded', data: { bound: b.label }, stated: parts.length === 1 ? parts[0]! : { ...parts[0]!, interval: sum(parts.map((p) => p.interval)), label: { zh: '由中小企业中标或成交的采购金额', en: 'procurement awarded to SMEs' } }, computed: b.interval, inputs: [b, ...parts], options, atMost: true });
      if (f) out.push(f);
    }
    return out;
  },
};
