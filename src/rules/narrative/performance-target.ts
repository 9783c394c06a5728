// 项目支出绩效目标表 printed in the text: 年度资金总额 = 财政拨款 + 其他资金, the total equals the
// project's 预算安排规模, and there is one table for each project.
import { add, exact, ZERO } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { projectScale } from './items.js';
import { projectFor } from './names.js';
import { judge, judgePair, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'performance-target',
  title: { zh: '项目支出绩效目标表的资金', en: 'Funding in the performance target tables' },
  description: {
    zh: '每张项目支出绩效目标表的年度资金总额应等于财政拨款与其他资金之和，并等于说明中该项目的预算安排规模；绩效目标表的张数应等于说明中的项目个数。',
    en: 'Each performance target table\'s 年度资金总额 must equal 财政拨款 + 其他资金 and the project\'s 预算安排规模 in the text; there must be one table for each project described.',
  },
  rationale: {
    zh: '同一项目金额在说明、绩效目标表和表七中各写一次，三者应一致；两处写法只差末位舍入时为警告。',
    en: 'A project amount is written in the text, its performance table and 表七; they must agree, and a difference in the last place only is a warning.',
  },
  defaultSeverity: 'error',
  messages: {
    split: {
      zh: '{project}：年度资金总额为 {actual}，但财政拨款与其他资金之和为 {expected}',
      en: '{project}: 年度资金总额 is {actual}, but 财政拨款 + 其他资金 is {expected}',
    },
    vsScale: {
      zh: '{project}：绩效目标表年度资金总额 {total} 与预算安排规模 {scale} 不一致',
      en: '{project}: the performance table total {total} and the project budget {scale} differ',
    },
    noProject: {
      zh: '绩效目标表“{project}”在说明中没有对应的项目',
      en: 'the performance table "{project}" matches no project described in the text',
    },
    count: {
      zh: '说明描述了 {projects} 个项目，但有 {tables} 张项目支出绩效目标表',
      en: 'the text describes {projects} projects but prints {tables} performance target tables',
    },
  },
};

export const performanceTarget: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n || !n.performance.length) return out;
    for (const t of n.performance) {
      if (!t.total) continue;
      const data = { project: t.name };
      const total = stated(t.total, `${t.name} 年度资金总额`);
      if (t.fiscal) {
        const fiscal = stated(t.fiscal, `${t.name} 财政拨款`);
        const other = t.other ? stated(t.other, `${t.name} 其他资金`) : undefined;
        const f = judge({ meta, messageId: 'split', data, stated: total, computed: other ? add(fiscal.interval, other.interval) : add(fiscal.interval, exact(ZERO)), inputs: other ? [fiscal, other] : [fiscal], options });
        if (f) out.push(f);
      }
      if (!n.projects.length) continue;
      const p = projectFor(n, t.name);
      if (!p) {
        out.push(plainFinding(meta, 'noProject', { ...t.loc }, data, 'warning'));
        continue;
      }
      const scale = projectScale(p);
      if (!scale) continue;
      const f = judgePair({ meta, messageId: 'vsScale', data: { ...data, total: /[万元]/.test(t.total.raw) ? t.total.raw : `${t.total.raw}万元`, scale: p.scale!.raw }, stated: total, other: scale, options });
      if (f) out.push(f);
    }
    if (n.projects.length && n.projects.length !== n.performance.length) {
      out.push(plainFinding(meta, 'count', { ...n.performance[0]!.loc }, { projects: String(n.projects.length), tables: String(n.performance.length) }));
    }
    return out;
  },
};
