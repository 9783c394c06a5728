// Row selections the table rules share.
import type { Side } from '../../core/vocabulary.js';
import { COLUMN_PARENT } from '../../load/aliases.js';
import type { ColumnKey } from '../../load/constants.js';
import type { Row, Table } from '../../load/model.js';

export function dataRows(t: Table, side?: Side): Row[] {
  return t.rows.filter((r) => !r.isTotal && (side === undefined || r.side === side));
}

/** The grand total row (of a side). */
export function totalRow(t: Table, side?: Side): Row | undefined {
  return t.rows.find((r) => r.isTotal && (side === undefined || r.side === side));
}

/** A side's subtotal of the year (本年收入合计, 当年支出小计), if printed. */
export function yearTotalRow(t: Table, side: Side): Row | undefined {
  return t.rows.find((r) => r.side === side && r.role === 'yearTotal');
}

/** The amount column ids of a side (all of them when the table is not sided). */
export function amountIds(t: Table, side?: Side): string[] {
  return t.columns.filter((c) => side === undefined || c.side === undefined || c.side === side).map((c) => c.id);
}

/** The sides a table's rows stand on (one undefined side for an ordinary table). */
export function sidesOf(t: Table): Array<Side | undefined> {
  const s = new Set<Side | undefined>();
  for (const r of t.rows) s.add(r.side);
  return [...s];
}

// the rules of a run ask for the same tables' codes many times over; a table is not changed once read
const BY_CODE = new WeakMap<Table, Map<Side | undefined, ReadonlyMap<string, Row[]>>>();

/** Rows with a code, by code; a project table lists several rows under one 项 code. Made once per table and side: not to be changed. */
export function rowsByCode(t: Table, side?: Side): ReadonlyMap<string, Row[]> {
  let sides = BY_CODE.get(t);
  if (!sides) BY_CODE.set(t, (sides = new Map()));
  let m = sides.get(side);
  if (!m) sides.set(side, (m = indexByCode(t, side)));
  return m;
}

function indexByCode(t: Table, side?: Side): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of dataRows(t, side)) {
    if (!r.code || r.ofWhich) continue;
    const list = m.get(r.code);
    if (list) list.push(r);
    else m.set(r.code, [r]);
  }
  return m;
}

/** The coded rows of the highest level present (usually the 类 rows). */
export function topCodedRows(rows: readonly Row[]): Row[] {
  let top = Infinity;
  for (const r of rows) if (r.level !== undefined && !r.ofWhich) top = Math.min(top, r.level);
  return rows.filter((r) => r.level === top && !r.ofWhich);
}

/** A summary side's top-level items: those that are part of no other item (a 本年收入 heading aside), not 其中 rows. */
export function topItems(t: Table, side: Side): Row[] {
  return t.rows.filter((r) => r.side === side && r.role === 'item' && !r.ofWhich && (r.parent === undefined || t.rows[r.parent]!.role === 'yearTotal'));
}

/**
 * A summary side's row for an item (财政拨款, 基本支出 …); when the item itself is not printed,
 * the rows of its parts (一般公共预算 + 政府性基金 for 财政拨款).
 */
export function itemRows(t: Table, side: Side, key: ColumnKey): Row[] {
  const rows = t.rows.filter((r) => r.side === side && !r.ofWhich && (r.role === 'item' || r.subtotal));
  const own = rows.find((r) => r.item === key);
  if (own) return [own];
  const parts = rows.filter((r) => r.item !== undefined && COLUMN_PARENT[r.item] === key);
  return parts;
}

/** The first row of a table with figures: the row of a one-row table. */
export function onlyRow(t: Table): Row | undefined {
  return t.rows.find((r) => r.isTotal) ?? t.rows.find((r) => Object.values(r.cells).some((c) => c.amount)) ?? t.rows[0];
}
