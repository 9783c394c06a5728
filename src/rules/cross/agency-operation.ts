// 机关运行经费 against 表六 公用经费.
import type { Finding } from '../../core/findings.js';
import { compare, figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { dataRows, totalRow } from '../table/shared.js';

const meta: RuleMeta = {
  id: 'agency-operation',
  title: { zh: '机关运行经费与公用经费一致', en: 'Agency operating costs match public-use costs' },
  description: {
    zh: '行政单位的机关运行经费等于一般公共预算基本支出中的公用经费；事业单位或行政、事业单位兼有的部门，机关运行经费不超过公用经费。单位类型取自配置或清单（unitType），未注明时按行政单位核对并在结果中说明。',
    en: 'For an administrative unit, agency operating costs equal the public-use costs of general-budget basic spending; for public institutions or mixed departments they must not exceed them. The unit type comes from the configuration or manifest (unitType); when not given, an administrative unit is assumed and the finding says so.',
  },
  rationale: {
    zh: '机关运行经费按定义就是行政单位的日常公用经费，两处公开的数字应当一致。',
    en: 'Agency operating costs are, by definition, an administrative unit\'s day-to-day public-use costs; the two published figures should agree.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但表六公用经费合计为 {expected}，差额 {difference}（{assumption}）',
      en: '{stated} is {actual} but 表六 public-use costs total {expected} (difference {difference}; {assumption})',
    },
  },
};

export const agencyOperation: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    const { basicEconomic: t6, threePublic: t8 } = disclosure.tables;
    if (!t6 || !t8) return out;
    const row8 = dataRows(t8)[0];
    const stated = row8 && figure(t8, row8, 'agencyOperation');
    const total6 = totalRow(t6);
    const publicFunds = total6 && figure(t6, total6, 'publicFunds');
    if (!stated || stated.blank || !publicFunds) return out;
    const unitType = options.unitType ?? disclosure.unitType;
    const assumption = unitType
      ? { zh: `单位类型：${unitType}`, en: `unit type: ${unitType}` }
      : { zh: '未注明单位类型，按行政单位核对', en: 'no unit type given; checked as an administrative unit' };
    const f = compare({
      meta,
      messageId: 'mismatch',
      data: { assumption },
      stated,
      computed: publicFunds.interval,
      inputs: [publicFunds],
      options,
      atMost: unitType === '事业单位' || unitType === '混合',
    });
    if (f) out.push(f);
    return out;
  },
};
