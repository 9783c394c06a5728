// Where a figure the text states stands in the tables: by key (基本支出, “三公”经费 …), by
// classification names (类/款/项), or by project name; the table is found by its role
// (disclosure.tables.overview, .expenditure, .generalBudget …), so every layout that names the role
// answers. A 决算 layout's “三公” table has a 预算数 and a 决算数 of each item; the text's budget is
// looked up in the one, its outturn in the other.
import type { ColumnKey, Disclosure, Row, Side, Table } from '../../load/model.js';
import type { Statement } from '../../core/vocabulary.js';
import { figure, type Figure } from '../figures.js';
import { dataRows, onlyRow, totalRow, yearTotalRow } from '../table/shared.js';
import { normName } from './names.js';

/** Former and short names of the classification, so that a text that uses them still finds its row. */
export function classAlias(s: string): string {
  return normName(s).replace(/国土资源/g, '自然资源').replace(/国土海洋气象/g, '自然资源海洋气象').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** 社会保障和就业(类) is 社会保障和就业支出 */
function sameName(table: string, text: string, level: number): boolean {
  const a = normName(table).replace(/\(/g, '（').replace(/\)/g, '）');
  const b = normName(text).replace(/\(/g, '（').replace(/\)/g, '）');
  return a === b || (level === 1 && a === `${b}支出`);
}

export function functionRows(t: Table): Row[] {
  return dataRows(t).filter((r) => r.code && r.level !== undefined);
}

/** The row a path of names leads to, level by level; `alias` also takes the former names. */
export function byNames(t: Table, path: string[], alias = false): Row | undefined {
  const rows = functionRows(t);
  let scope = rows;
  let found: Row | undefined;
  for (let level = 1; level <= path.length; level++) {
    const name = path[level - 1]!;
    found = scope.find((r) => r.level === level && (sameName(r.name, name, level) || (alias && classAlias(r.name) === classAlias(name))));
    if (!found) return undefined;
    const code = found.code!;
    scope = rows.filter((r) => r.code!.startsWith(code));
  }
  return found;
}

export interface Lookup {
  /** budget or 决算: which side of a 决算 table (ignored for a budget layout) */
  statement?: Statement;
  basis?: 'budget' | 'final' | 'difference';
}

/** The classification tables in the order a figure of the text is looked up in. */
export function functionTables(d: Disclosure, fiscal: boolean): Table[] {
  const t = d.tables;
  return (fiscal ? [t.generalBudget, t.expenditure] : [t.expenditure, t.generalBudget]).filter((x): x is Table => !!x);
}

/** The table figure a keyed amount of the text states, if the tables hold it. */
export function tableFigure(d: Disclosure, key: string, fiscal: boolean, lookup: Lookup = {}): Figure | undefined {
  const t = d.tables;
  const final = lookup.statement === 'final';
  // a 决算's budget figures are in no table but the “三公” one
  if (final && lookup.basis === 'budget' && !isThreePublicKey(key)) return undefined;
  const tot = (table: Table | undefined, col: ColumnKey, side?: Side) => {
    if (!table) return undefined;
    const r = totalRow(table, side);
    return r ? figure(table, r, col) : undefined;
  };
  if (key.startsWith('code:')) {
    const code = key.slice(5);
    for (const table of functionTables(d, fiscal)) {
      const row = dataRows(table).find((r) => r.code === code);
      if (row) return figure(table, row, 'total');
    }
    return undefined;
  }
  if (key.startsWith('fn:')) {
    const path = key.slice(3).split('/');
    for (const table of functionTables(d, fiscal)) {
      const row = byNames(table, path);
      if (row) return figure(table, row, 'total');
    }
    return undefined;
  }
  if (key.startsWith('income:')) {
    const item = key.slice(7);
    const o = t.overview;
    const row = o && dataRows(o, 'income').find((r) => r.item === item);
    return o && row ? figure(o, row, 'total') : undefined;
  }
  if (isThreePublicKey(key)) return threePublicFigure(d, key, final ? (lookup.basis === 'budget' ? 'budget' : 'final') : undefined);
  switch (key) {
    case 'basic':
    case 'project':
      return fiscal ? tot(t.generalBudget, key) ?? tot(t.expenditure, key) : tot(t.expenditure, key) ?? tot(t.generalBudget, key);
    case 'personnel':
    case 'publicFunds': {
      const b = t.basicEconomic;
      if (!b) return undefined;
      // a budget's table has 人员经费 / 公用经费 columns; a 决算's, a block of each with its 合计 row
      const byColumn = tot(b, key);
      if (byColumn) return byColumn;
      const row = b.rows.find((r) => r.isTotal && r.side === key);
      return row ? figure(b, row, 'total') : undefined;
    }
    // a 决算's 收支总计 holds the 结转和结余 its 收入/支出决算表 (本年 only) leave out: without the
    // summary table there is nothing to compare it with
    case 'grandTotal':
    case 'expenseTotal':
      return tot(t.overview, 'total', 'expense') ?? (final ? undefined : tot(t.expenditure, 'total'));
    case 'incomeTotal':
      return tot(t.overview, 'total', 'income') ?? (final ? undefined : tot(t.income, 'total'));
    case 'yearIncome': {
      const o = t.overview;
      const row = o && yearTotalRow(o, 'income');
      return (o && row ? figure(o, row, 'total') : undefined) ?? tot(t.income, 'total') ?? tot(t.overview, 'total', 'income');
    }
    case 'yearExpense': {
      const o = t.overview;
      const row = o && yearTotalRow(o, 'expense');
      return (o && row ? figure(o, row, 'total') : undefined) ?? tot(t.expenditure, 'total') ?? tot(t.overview, 'total', 'expense');
    }
    case 'fiscalTotal':
    case 'fiscalExpense':
      return tot(t.fiscalOverview, 'total', 'expense');
    case 'fiscalIncome':
      return tot(t.fiscalOverview, 'total', 'income');
    case 'generalBudget':
      return tot(t.generalBudget, 'total');
    default:
      return undefined;
  }
}

const THREE_PUBLIC = new Set(['threePublic', 'abroad', 'vehicles', 'vehiclePurchase', 'vehicleOperation', 'reception', 'agencyOperation']);

export function isThreePublicKey(key: string): boolean {
  return THREE_PUBLIC.has(key);
}

/** A “三公” figure: of a budget's one row, or of a 决算's 预算数 / 决算数 column. */
export function threePublicFigure(d: Disclosure, key: string, side: 'budget' | 'final' | undefined): Figure | undefined {
  const three = d.tables.threePublic;
  if (!three) return undefined;
  const row = dataRows(three)[0] ?? totalRow(three) ?? onlyRow(three);
  if (!row) return undefined;
  // a 决算 table with 决算数 columns only has them undimensioned
  const col = (id: string) => figure(three, row, side ? `${id}@${side}` : id) ?? (side === 'final' ? figure(three, row, id) : undefined);
  // the “三公” subtotal when the table also holds 会议费 and 培训费, else its total
  if (key === 'threePublic') return col('threePublic') ?? col('total');
  return col(key);
}

/** Whether the “三公” table of a 决算 has budget columns at all. */
export function threePublicHasBudget(d: Disclosure): boolean {
  const three = d.tables.threePublic;
  return !!three && three.columns.some((c) => c.id.endsWith('@budget'));
}

/** 表七 rows of one project, by name. */
export function projectRows(d: Disclosure, name: string): Row[] {
  const t7 = d.tables.projects;
  if (!t7) return [];
  const k = normName(name);
  return dataRows(t7).filter((r) => r.project && normName(r.project) === k);
}

export function projectRowCount(d: Disclosure, code?: string): number | undefined {
  const t7 = d.tables.projects;
  if (!t7) return undefined;
  return dataRows(t7).filter((r) => r.project && r.project !== '' && (!code || r.code === code)).length;
}

/** The 项 code of a classification path, from 表五 or 表七. */
export function codeOf(d: Disclosure, key: string): string | undefined {
  if (!key.startsWith('fn:')) return undefined;
  const path = key.slice(3).split('/');
  for (const table of [d.tables.generalBudget, d.tables.expenditure, d.tables.projects]) {
    if (!table) continue;
    const row = byNames(table, path);
    if (row?.code) return row.code;
  }
  return undefined;
}
