// The figures the text states against the tables beside it: classes and 项 by name, 基本支出,
// 人员经费, “三公”经费 …, and each project's amounts against 表七.
import type { Finding } from '../../core/findings.js';
import { keyLabel } from '../../load/narrative/keys.js';
import type { Figure } from '../figures.js';
import { asInput, figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, stated, type Stated } from './shared.js';
import { projectFor } from './names.js';
import { projectRows, tableFigure } from './tables.js';

const meta: RuleMeta = {
  id: 'narrative-amount-vs-table',
  title: { zh: '说明与报表一致', en: 'Text against the tables' },
  description: {
    zh: '说明中写出的金额（各类、款、项支出，基本支出、项目支出，人员经费、公用经费，“三公”经费及其构成，收支总额，各项目金额）应与报表中对应的数字相同。',
    en: 'Amounts the text states (classes and items of expenditure, basic and project expenditure, personnel and public-use costs, the "three public" expenses, totals, each project) must equal the matching table figures.',
  },
  rationale: {
    zh: '功能分类按类/款/项名称在表五（财政拨款口径）或表三（全部资金口径）中查找；项目按名称在表七中查找；决算的“三公”经费预算数与决算数分别与“三公”经费表的预算数、决算数比较，人员经费、公用经费与基本支出决算表各自的合计比较，本年收入合计、本年支出合计与收入支出决算总表的本年合计比较。仅在报表与说明一同提供时检查。',
    en: 'Classes are looked up by their names in 表五 (appropriations) or 表三 (all funds), projects by name in 表七; a 决算\'s "three public" budget and outturn against the budget and outturn columns of its table, personnel and public-use costs against the 合计 of each block of the basic expenditure table, revenue and expenditure of the year against the year totals of the summary table. Checked only when the tables come with the text.',
  },
  defaultSeverity: 'error',
  messages: {
    amount: {
      zh: '说明中{name}为 {actual}，但{table}为 {expected}',
      en: 'the text states {name} as {actual}, but {table} has {expected}',
    },
  },
};

export const narrativeAmountVsTable: Rule = {
  meta,
  check({ disclosure, options, layout }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n || Object.keys(disclosure.tables).length === 0) return out;
    const push = (s: Stated, f: Figure, name: { zh: string; en: string }) => {
      const r = judge({
        meta,
        messageId: 'amount',
        data: { name, table: f.label },
        stated: s,
        computed: f.interval,
        inputs: [],
        options,
      });
      if (r) {
        r.inputs = [asInput(f)];
        r.location = { ...s.loc };
        out.push(r);
      }
    };
    for (const a of n.amounts) {
      if (a.delta || a.prior || a.scope || a.basis === 'difference' || !a.key) continue;
      const f = tableFigure(disclosure, a.key, a.fiscal, { statement: layout.statement, ...(a.basis ? { basis: a.basis } : {}) });
      if (!f || (f.blank && a.fig.value.isZero())) continue;
      push(claimStated(a), f, keyLabel(a.key));
    }
    const t7 = disclosure.tables.projects;
    if (t7) {
      for (const p of n.projects) {
        const row = projectRows(disclosure, p.name)[0];
        const tf = row ? figure(t7, row, 'total') : undefined;
        if (!tf) continue;
        const name = { zh: `${p.name} 预算安排规模`, en: `${p.name}: budget` };
        if (p.scale) push(stated(p.scale, name), tf, name);
      }
      for (const t of n.performance) {
        // with a 预算安排规模 the table total is checked through it (performance-target)
        if (projectFor(n, t.name)?.scale) continue;
        const row = projectRows(disclosure, t.name)[0];
        const tf = row ? figure(t7, row, 'total') : undefined;
        if (!tf || !t.total) continue;
        const name = { zh: `${t.name} 绩效目标表年度资金总额`, en: `${t.name}: performance table total` };
        push(stated(t.total, name), tf, name);
      }
    }
    return out;
  },
};

