// Row selections the table rules share.
import type { ColumnKey, Row, Table } from '../../load/model.js';

export function dataRows(t: Table, side?: 'income' | 'expense'): Row[] {
  return t.rows.filter((r) => !r.isTotal && (side === undefined || r.side === side));
}

export function totalRow(t: Table, side?: 'income' | 'expense'): Row | undefined {
  return t.rows.find((r) => r.isTotal && (side === undefined || r.side === side));
}

export function amountKeys(t: Table, side?: 'income' | 'expense'): ColumnKey[] {
  return t.columns.filter((c) => side === undefined || c.side === side).map((c) => c.key);
}

/** Rows with a code, by code; project tables list several rows under one 项 code. */
export function rowsByCode(t: Table, side?: 'income' | 'expense'): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of dataRows(t, side)) {
    if (!r.code) continue;
    const list = m.get(r.code);
    if (list) list.push(r);
    else m.set(r.code, [r]);
  }
  return m;
}

/** The rows of the highest level present (usually the 类 rows). */
export function topRows(t: Table, side?: 'income' | 'expense'): Row[] {
  const coded = dataRows(t, side).filter((r) => r.level !== undefined);
  if (coded.length === 0) return [];
  const top = Math.min(...coded.map((r) => r.level!));
  return coded.filter((r) => r.level === top);
}

/** Income-side items at the top of the list: 财政拨款 (or its parts when it is not printed) and the other sources. */
export function topIncomeRows(t: Table): Row[] {
  const rows = dataRows(t, 'income');
  const hasFiscal = rows.some((r) => r.item === 'fiscal');
  const parts: ReadonlySet<ColumnKey> = new Set<ColumnKey>(['generalBudget', 'governmentFund', 'stateCapital']);
  return rows.filter((r) => !(hasFiscal && r.item && parts.has(r.item)));
}

export function incomeItem(t: Table, key: ColumnKey): Row | undefined {
  return dataRows(t, 'income').find((r) => r.item === key);
}
