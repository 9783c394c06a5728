// 科目汇总: a 类 row is the sum of its 款 rows, a 款 row the sum of its 项 rows (or, in 表七,
// of the project rows under it); on the income side, 财政拨款 is the sum of its three budgets.
import type { Finding } from '../../core/findings.js';
import { stripNumbering } from '../../load/aliases.js';
import type { Row, Table } from '../../load/model.js';
import { compare, figure, sumFigures, type Figure } from '../figures.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { amountKeys, dataRows, incomeItem } from './shared.js';

const meta: RuleMeta = {
  id: 'rollup',
  title: { zh: '类、款、项逐级汇总', en: 'Classification roll-ups (类/款/项)' },
  description: {
    zh: '功能分类的“类”等于其下各“款”之和，“款”等于其下各“项”之和（表七中为其下各项目之和）；经济分类的“类”等于其下各“款”之和；每个金额列分别核对。收入方的“财政拨款”等于一般公共预算、政府性基金预算、国有资本经营预算之和。',
    en: 'A functional class (类) equals the sum of its 款 rows, a 款 the sum of its 项 rows (in the project table, of the projects under it); an economic class equals the sum of its 款 rows; every amount column is checked. On the income side, fiscal appropriations equal general budget + government funds + state capital.',
  },
  rationale: {
    zh: '政府收支分类科目是层级结构，上级科目金额必须等于下级科目之和；逐级汇总漂移是公开表中最常见的错误之一。',
    en: 'The classification is a hierarchy: a parent line must equal the sum of its children. Roll-ups that drift are among the commonest errors in published tables.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但其下 {count} 个{level}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but its {count} {level} rows add up to {expected} (difference {difference})',
    },
    fiscal: {
      zh: '{stated}为 {actual}，但{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but {parts} add up to {expected} (difference {difference})',
    },
  },
};

const LEVEL_NAME = [
  { zh: '', en: '' },
  { zh: '类', en: 'class' },
  { zh: '款', en: '款' },
  { zh: '项', en: '项' },
];

function childrenOf(rows: Row[], parent: Row): Row[] {
  const code = parent.code!;
  const below = rows.filter((r) => r.code && r.code.length > code.length && r.code.startsWith(code));
  if (below.length === 0) return [];
  const level = Math.min(...below.map((r) => r.level ?? 3));
  return below.filter((r) => r.level === level);
}

function checkHierarchy(t: Table, ctx: RuleContext, out: Finding[]): void {
  const side = t.kind === 'overview' || t.kind === 'fiscalOverview' ? 'expense' : undefined;
  const rows = dataRows(t, side).filter((r) => r.code);
  const keys = amountKeys(t, side);
  for (const parent of rows) {
    if ((parent.level ?? 3) >= 3) continue;
    const children = childrenOf(rows, parent);
    if (children.length === 0) continue;
    const isProjects = t.kind === 'projects' && children.some((c) => c.project);
    for (const key of keys) {
      const stated = figure(t, parent, key)!;
      const parts = children.map((c) => figure(t, c, key)!);
      if (stated.blank && parts.every((p) => p.blank)) continue;
      const level = isProjects ? { zh: '项目', en: 'project' } : LEVEL_NAME[children[0]!.level ?? 3]!;
      const f = compare({
        meta,
        messageId: 'mismatch',
        data: { count: String(children.length), level },
        stated,
        computed: sumFigures(parts),
        inputs: parts,
        options: ctx.options,
      });
      if (f) out.push(f);
    }
  }
}

function checkFiscalIncome(t: Table, ctx: RuleContext, out: Finding[]): void {
  const fiscal = incomeItem(t, 'fiscal');
  if (!fiscal) return;
  const parts = (['generalBudget', 'governmentFund', 'stateCapital'] as const)
    .map((k) => incomeItem(t, k))
    .filter((r): r is Row => !!r)
    .map((r) => figure(t, r, 'total'))
    .filter((f): f is Figure => !!f);
  const stated = figure(t, fiscal, 'total');
  if (!stated || parts.length === 0) return;
  const shown = parts.filter((p) => !p.blank);
  const names = (shown.length ? shown : parts).map((p) => stripNumbering(p.row!.name)).join(' + ');
  const f = compare({
    meta,
    messageId: 'fiscal',
    data: { parts: names },
    stated,
    computed: sumFigures(parts),
    inputs: shown,
    options: ctx.options,
  });
  if (f) out.push(f);
}

export const rollup: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of Object.values(ctx.disclosure.tables)) {
      if (t.kind === 'overview' || t.kind === 'fiscalOverview') checkFiscalIncome(t, ctx, out);
      checkHierarchy(t, ctx, out);
    }
    return out;
  },
};
