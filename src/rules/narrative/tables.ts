// Where a figure the text states stands in the tables: by key (基本支出, “三公”经费 …), by
// classification names (类/款/项), or by project name.
import type { ColumnKey, Disclosure, Row, Table } from '../../load/model.js';
import { figure, type Figure } from '../figures.js';
import { dataRows, totalRow } from '../table/shared.js';
import { normName } from './names.js';

function byNames(t: Table, path: string[]): Row | undefined {
  const rows = dataRows(t).filter((r) => r.code && r.level !== undefined);
  let scope = rows;
  let found: Row | undefined;
  for (let level = 1; level <= path.length; level++) {
    const name = normName(path[level - 1]!);
    found = scope.find((r) => r.level === level && normName(r.name) === name);
    if (!found) return undefined;
    const code = found.code!;
    scope = rows.filter((r) => r.code!.startsWith(code));
  }
  return found;
}

/** The table figure a keyed amount of the text states, if the tables hold it. */
export function tableFigure(d: Disclosure, key: string, fiscal: boolean): Figure | undefined {
  const t = d.tables;
  const tot = (table: Table | undefined, col: ColumnKey, side?: 'income' | 'expense') => {
    if (!table) return undefined;
    const r = totalRow(table, side);
    return r ? figure(table, r, col) : undefined;
  };
  if (key.startsWith('code:')) {
    const code = key.slice(5);
    const order = fiscal ? [t.generalBudget, t.expenditure] : [t.expenditure, t.generalBudget];
    for (const table of order) {
      const row = table && dataRows(table).find((r) => r.code === code);
      if (table && row) return figure(table, row, 'total');
    }
    return undefined;
  }
  if (key.startsWith('fn:')) {
    const path = key.slice(3).split('/');
    const order = fiscal ? [t.generalBudget, t.expenditure] : [t.expenditure, t.generalBudget];
    for (const table of order) {
      if (!table) continue;
      const row = byNames(table, path);
      if (row) return figure(table, row, 'total');
    }
    return undefined;
  }
  const three = t.threePublic;
  const threeRow = three ? dataRows(three)[0] ?? totalRow(three) : undefined;
  switch (key) {
    case 'basic':
    case 'project':
      return fiscal ? tot(t.generalBudget, key) ?? tot(t.expenditure, key) : tot(t.expenditure, key) ?? tot(t.generalBudget, key);
    case 'personnel':
    case 'publicFunds':
      return tot(t.basicEconomic, key);
    case 'threePublic':
      // the “三公” subtotal when the table also holds 会议费 and 培训费, else its total
      return three && threeRow ? figure(three, threeRow, 'threePublic') ?? figure(three, threeRow, 'total') : undefined;
    case 'abroad':
    case 'vehicles':
    case 'vehiclePurchase':
    case 'vehicleOperation':
    case 'reception':
    case 'agencyOperation':
      return three && threeRow ? figure(three, threeRow, key) : undefined;
    case 'grandTotal':
    case 'expenseTotal':
      return tot(t.overview, 'total', 'expense') ?? tot(t.expenditure, 'total');
    case 'incomeTotal':
      return tot(t.overview, 'total', 'income') ?? tot(t.income, 'total');
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
