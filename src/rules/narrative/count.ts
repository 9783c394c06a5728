// "本年安排 18 个项目", "该科目下安排了 12 个项目", "绩效管理的财政拨款项目 18 个，涉及预算金额
// 2784.91 万元": against the projects described, the performance tables and 表七.
import { sum } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { projectScale } from './items.js';
import { claimStated, judge } from './shared.js';
import { codeOf, projectRowCount } from './tables.js';

const meta: RuleMeta = {
  id: 'narrative-count',
  title: { zh: '说明中的项目个数', en: 'Project counts stated in the text' },
  description: {
    zh: '“安排 N 个项目”应等于说明描述的项目数、项目支出绩效目标表的张数和表七的项目行数；“该科目下安排了 N 个项目”应等于表七中该项下的项目数；绩效管理项目“涉及预算金额”应等于各项目金额之和。',
    en: '"安排 N 个项目" must equal the projects described, the performance target tables and the project rows of 表七; "该科目下安排了 N 个项目" the 表七 projects under that item; the amount of the projects under performance management the sum of the project amounts.',
  },
  rationale: {
    zh: '项目个数是整数，不存在舍入；金额之和按各项目金额的舍入区间判断。',
    en: 'Counts are exact; the sum of project amounts is judged with their rounding intervals.',
  },
  defaultSeverity: 'error',
  messages: {
    count: {
      zh: '说明写明 {stated} 个项目，但{what}为 {actual} 个',
      en: 'the text states {stated} projects, but {what} has {actual}',
    },
    amount: {
      zh: '涉及预算金额为 {actual}，但说明所列 {count} 个项目金额之和为 {expected}',
      en: 'the amount stated is {actual}, but the {count} projects described add up to {expected}',
    },
  },
};

const WHAT = {
  described: { zh: '说明描述的项目', en: 'the projects described' },
  tables: { zh: '项目支出绩效目标表', en: 'the performance target tables' },
  t7: { zh: '表七的项目行', en: '表七' },
  scoped: { zh: '表七中该科目下的项目', en: 'the 表七 projects under that item' },
};

export const narrativeCount: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const c of n.counts) {
      const stated = c.fig.value.toNumber();
      const compare = (actual: number | undefined, what: { zh: string; en: string }) => {
        if (actual === undefined || actual === stated) return;
        const f = plainFinding(meta, 'count', { ...c.fig.loc }, { stated: String(stated), actual: String(actual), what });
        f.expected = String(actual);
        f.actual = String(stated);
        f.difference = String(stated - actual);
        f.unit = '个';
        out.push(f);
      };
      if (c.scope) {
        const code = codeOf(disclosure, c.scope);
        if (code) compare(projectRowCount(disclosure, code), WHAT.scoped);
        continue;
      }
      if (n.projects.length) compare(n.projects.length, WHAT.described);
      if (n.performance.length) compare(n.performance.length, WHAT.tables);
      compare(projectRowCount(disclosure), WHAT.t7);
      if (c.amount && n.projects.length === stated) {
        const scales = n.projects.map(projectScale);
        if (scales.every((s) => s)) {
          const total = claimStated(c.amount);
          const f = judge({ meta, messageId: 'amount', data: { count: String(stated) }, stated: total, computed: sum(scales.map((s) => s!.interval)), inputs: scales.map((s) => s!), options });
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
};
