// 表六's economic lines for the "three public" expenses cannot exceed 表八, which also counts
// the same expenses paid from projects.
import type { Finding } from '../../core/findings.js';
import type { ColumnKey } from '../../load/model.js';
import { compare, figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { dataRows, rowsByCode } from '../table/shared.js';

const meta: RuleMeta = {
  id: 'three-public-limits',
  title: { zh: '基本支出中的“三公”科目不超过“三公”经费表', en: 'Three-public lines of basic spending stay within the three-public table' },
  description: {
    zh: '表六中 30217 公务接待费不超过表八公务接待费，30231 公务用车运行维护费不超过公务用车运行费，31013 公务用车购置不超过公务用车购置费，30212 因公出国（境）费用不超过因公出国（境）费。是不等式：“三公”经费还包括项目支出中的同类开支。',
    en: 'In table 6, 30217 reception ≤ the three-public reception figure, 30231 vehicle running ≤ vehicle operation, 31013 vehicle purchase ≤ vehicle purchase, 30212 travel abroad ≤ travel abroad. Inequalities, because the three-public figures also count such spending inside projects.',
  },
  rationale: {
    zh: '“三公”经费是社会关注的重点，基本支出中的同名科目是其一部分，超过“三公”总数说明其中一处有误。',
    en: 'The three public expenses draw close public attention; the matching basic-spending lines are part of them, so a line above the three-public figure means one of the two is wrong.',
  },
  defaultSeverity: 'error',
  messages: {
    exceeds: {
      zh: '{stated}为 {actual}，超过{limit} {expected}，超出 {difference}',
      en: '{stated} is {actual}, more than {limit} {expected} (excess {difference})',
    },
  },
};

const LINKS: Array<{ code: string; key: ColumnKey }> = [
  { code: '30217', key: 'reception' },
  { code: '30231', key: 'vehicleOperation' },
  { code: '31013', key: 'vehiclePurchase' },
  { code: '30212', key: 'abroad' },
];

export const threePublicLimits: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    const { basicEconomic: t6, threePublic: t8 } = disclosure.tables;
    if (!t6 || !t8) return out;
    const row8 = dataRows(t8)[0];
    if (!row8) return out;
    const byCode = rowsByCode(t6);
    for (const { code, key } of LINKS) {
      const limit = figure(t8, row8, key);
      const line = byCode.get(code)?.[0];
      const stated = line && figure(t6, line, 'total');
      if (!limit || !stated || stated.blank) continue;
      const f = compare({ meta, messageId: 'exceeds', data: { limit: limit.label }, stated, computed: limit.interval, inputs: [limit], options, atMost: true });
      if (f) out.push(f);
    }
    return out;
  },
};
