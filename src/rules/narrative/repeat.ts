// The text states many figures more than once (一般公共服务支出 in three places, 基本支出 in three):
// every statement of one figure must agree with the first. A budget and its 决算, a level and its
// change, the 基本支出 of one item and of the department, are different figures; so are the totals
// of different headings (收入合计 of the general budget and of the fund budget). With tables, a
// figure they hold is checked against them instead (narrative-amount-vs-table): one finding a claim.
import type { Finding } from '../../core/findings.js';
import { keyLabel } from '../../load/narrative/keys.js';
import type { AmountClaim } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judgePair } from './shared.js';
import { tableFigure } from './tables.js';

const meta: RuleMeta = {
  id: 'narrative-repeat',
  title: { zh: '说明中同一数字前后一致', en: 'One figure stated alike throughout the text' },
  description: {
    zh: '同一项目（如某类支出、基本支出、“三公”经费、机关运行经费）在说明中多次出现时，各处金额应相同。',
    en: 'When the text states one figure (a class of expenditure, basic expenditure, "three public" expenses…) more than once, every statement must agree.',
  },
  rationale: {
    zh: '按说明所述口径分组：财政拨款或一般公共预算部分的金额只与同口径的金额比较，因为全部资金与财政拨款可以不同；预算数与决算数、不同年度的数字、某一科目下的基本支出与部门的基本支出分别比较；收入合计、支出合计等总额只在同一标题下比较。有报表时，报表中有的数字与报表比较，不再前后比较。',
    en: 'Statements are grouped by scope: figures of the 财政拨款 / 一般公共预算 sections compare only with each other, since all funds and appropriations may differ; budgets and outturns, figures of different years, and the 基本支出 of one item and of the department, are apart; totals such as 收入合计 compare only under one heading. With tables, a figure they hold is compared with them instead.',
  },
  defaultSeverity: 'error',
  messages: {
    repeat: {
      zh: '{name}在此为 {actual}，但第 {firstLine} 行为 {first}',
      en: '{name} is {actual} here, but {first} on line {firstLine}',
    },
  },
};

/** totals whose words recur for different figures in one text (and the sources of revenue): compared under one heading only */
const LOCAL = new Set(['incomeTotal', 'expenseTotal', 'grandTotal', 'yearIncome', 'yearExpense', 'fiscalTotal']);

export const narrativeRepeat: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const tables = Object.keys(disclosure.tables).length > 0;
    const first = new Map<string, AmountClaim>();
    for (const a of n.amounts) {
      if (a.delta || a.prior || a.basis === 'difference' || !a.key) continue;
      const local = LOCAL.has(a.key) || a.key.startsWith('income:');
      const group = [a.key, a.scope ?? '', a.fiscal ? 'fiscal' : 'all', a.basis === 'budget' ? 'budget' : 'level', local ? String(a.block ?? -1) : '', a.year ?? ''].join('|');
      const f0 = first.get(group);
      if (!f0) {
        first.set(group, a);
        continue;
      }
      if (tables && !a.scope && a.basis !== 'budget' && tableFigure(disclosure, a.key, a.fiscal)) continue;
      const f = judgePair({
        meta,
        messageId: 'repeat',
        data: { name: keyLabel(a.key), first: f0.fig.raw, firstLine: String(f0.fig.loc.line) },
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
