// A table's header rows → what each column is: part of a classification code, a name, or an
// amount with its key (合计, 基本支出, 公务接待费 …), the block (side) it belongs to in a summary
// table, and the figure it repeats for (预算数 | 决算数). Reads the header as printed, band rows and
// merged cells included, and a flattened one-row header with the help of the column tree and the
// layout's printed column order.
import type { Side } from '../core/vocabulary.js';
import { COLUMN_PARENT, columnKeyOf, dimensionOf, LAST_YEAR_HEADER, normalizeLabel, type ColumnAlias } from './aliases.js';
import type { ColumnKey } from './constants.js';
import { numberIn, type GridRow } from './grid.js';

export type Role =
  | { role: 'amount'; key: ColumnKey | undefined }
  | { role: 'codePart'; part: 0 | 1 | 2 }
  | { role: 'code' }
  | { role: 'name' }
  | { role: 'project' }
  | { role: 'label' }
  | { role: 'blank' };

export interface ColumnInfo {
  /** 1-based field */
  field: number;
  /** header texts top to bottom, merged cells repeated into every column they span */
  labels: string[];
  role: Role;
  side?: Side;
  /** the block of a summary table, 0-based, in printed order */
  block?: number;
  /** the figure a repeated group of columns holds (budget, final …) */
  dimension?: string;
}

const CODE_RE = /^\d{1,3}(\d{2}){0,2}$/;

function textOf(row: GridRow, field: number): string {
  return row.cells[field - 1]?.text.trim() ?? '';
}

/**
 * Header label chains per column. A merged cell is printed in its top-left cell only (Excel) or
 * repeated: a blank is filled from the left when the cells below it are labelled too (a band over
 * several columns), and from above when nothing below is (a label spanning header rows).
 * Linear in the header's size: "anything below" is one pass from the bottom.
 */
export function headerChains(headers: GridRow[], width: number): string[][] {
  const grid: string[][] = headers.map((r) => Array.from({ length: width }, (_, i) => textOf(r, i + 1)));
  const n = grid.length;
  // below[r][f]: some row under r has text in column f
  const below: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(width).fill(false));
  for (let r = n - 2; r >= 0; r--) {
    for (let f = 0; f < width; f++) below[r]![f] = below[r + 1]![f]! || grid[r + 1]![f] !== '';
  }
  for (let r = 0; r < n; r++) {
    const row = grid[r]!;
    for (let f = 1; f < width; f++) {
      if (row[f] === '' && row[f - 1] !== '' && below[r]![f]! && below[r]![f - 1]!) row[f] = row[f - 1]!;
    }
  }
  return Array.from({ length: width }, (_, f) => {
    const chain: string[] = [];
    for (const row of grid) {
      const t = row[f]!;
      if (t !== '' && chain[chain.length - 1] !== t) chain.push(t);
    }
    return chain;
  });
}

const SUBTOTAL = /^(小计|合计|总计)$/;
const NO_BANDS: ReadonlySet<string> = new Set();

/** The key a chain of header labels names, read bottom-up; 小计 under a named band is that band. */
function keyOfChain(labels: string[], extra: readonly ColumnAlias[], blockBands: ReadonlySet<string> = NO_BANDS): ColumnKey | undefined {
  const norm = labels.map(normalizeLabel);
  for (let i = norm.length - 1; i >= 0; i--) {
    const key = columnKeyOf(norm[i]!, extra);
    if (!key) continue;
    if (key === 'total' && SUBTOTAL.test(norm[i]!)) {
      // 合计/小计 under a group heading that names the thing (公务用车购置及运行费 → 小计); a
      // heading over the name column too (财政拨款收入 | 项目, 合计) is a block's, not a group's
      for (let j = i - 1; j >= 0; j--) {
        if (blockBands.has(norm[j]!)) continue;
        const parent = columnKeyOf(norm[j]!, extra);
        if (parent && parent !== 'total') return parent;
      }
    }
    return key;
  }
  return undefined;
}

function labelRole(labels: string[]): Role | undefined {
  const norm = labels.map(normalizeLabel);
  const last = norm[norm.length - 1] ?? '';
  // 合计 printed across the code and name columns in a header row (an empty table's total line):
  // the column is still the code or name column above it
  if (/^(合计|总计)$/.test(last) && norm.length > 1) {
    const above = labelRole(labels.slice(0, -1));
    if (above) return above;
  }
  if (last === '类') return { role: 'codePart', part: 0 };
  if (last === '款') return { role: 'codePart', part: 1 };
  if (last === '项') return { role: 'codePart', part: 2 };
  if (/(编码|代码|编号)$/.test(last)) return { role: 'code' };
  if (/项目名称$/.test(last)) return { role: 'project' };
  if (/科目名称$|^科目$|^项目$|名称$|^功能分类$|^经济分类$|^支出用途$|^采购品目|^采购组织形式$|^经济科目$|^大类$/.test(last)) return { role: 'name' };
  return undefined;
}

type Content = { numbers: number; texts: number; codes: number };

// a table's header is read twice (as sided, then as it is): its columns' content is counted once
const CONTENT = new WeakMap<GridRow[], Map<number, Content>>();

/** Whether a column's data cells are mostly figures (a column whose header we do not know). */
function contentOf(dataRows: GridRow[], field: number): Content {
  let known = CONTENT.get(dataRows);
  if (!known) CONTENT.set(dataRows, (known = new Map()));
  const seen = known.get(field);
  if (seen) return seen;
  let numbers = 0;
  let texts = 0;
  let codes = 0;
  for (const r of dataRows) {
    const c = r.cells[field - 1];
    if (!c) continue;
    const t = c.text.trim();
    if (t === '') continue;
    const compact = t.replace(/\s+/g, '');
    if (CODE_RE.test(compact) && compact.length >= 3) codes++;
    // the untrimmed text reads as the same kind: the reader drops every space itself
    const kind = numberIn(c).kind;
    if (kind === 'number') numbers++;
    else if (kind !== 'blank') texts++;
  }
  const content = { numbers, texts, codes };
  known.set(field, content);
  return content;
}

export interface HeaderReading {
  columns: ColumnInfo[];
  /** true when the header names the columns of several blocks side by side */
  blocks: number;
}

export interface HeaderOptions {
  columnAliases?: readonly ColumnAlias[];
  /** the layout's amount columns in printed order: key or key@dimension */
  order?: readonly string[];
  /** treat the table as a summary of blocks side by side */
  sided?: boolean;
  /** the layout's sides, in block order */
  sides?: readonly Side[];
}

const SIDE_WORDS: Array<[RegExp, Side]> = [
  [/支出用途|^用途$/, 'use'],
  [/^人员经费/, 'personnel'],
  [/^公用经费/, 'publicFunds'],
  [/收入/, 'income'],
  [/支出/, 'expense'],
];

function sideOfLabels(labels: string[]): Side | undefined {
  for (const l of labels) {
    const t = normalizeLabel(l);
    if (/收入/.test(t) && /支出/.test(t)) continue;
    for (const [re, side] of SIDE_WORDS) if (re.test(t)) return side;
  }
  return undefined;
}

export function readHeader(headerRows: GridRow[], dataRows: GridRow[], width: number, opts: HeaderOptions = {}): HeaderReading {
  const extra = opts.columnAliases ?? [];
  const chains = headerChains(headerRows, width);
  let labelledWidth = headerRows.length ? 0 : width;
  chains.forEach((labels, f) => {
    if (labels.length) labelledWidth = f + 1;
  });
  // headings over a name column are a block's (收入 | 支出), never an amount group's
  const blockBands = new Set<string>();
  chains.forEach((labels) => {
    if (labelRole(labels)) for (const l of labels.slice(0, -1)) blockBands.add(normalizeLabel(l));
  });
  const columns: ColumnInfo[] = chains.map((labels, f) => {
    const field = f + 1;
    // 行次 / 序号: the line numbers a 决算 form prints beside its rows, no amounts
    if (labels.length && /^(?:行\s*次|序\s*号|行\s*号)$/.test(labels[labels.length - 1]!.trim())) return { field, labels, role: { role: 'blank' } };
    const role = labelRole(labels);
    if (role) return { field, labels, role };
    // a cell right of every header label is a ragged row's, not a column
    if (labels.length === 0 && field > labelledWidth) return { field, labels, role: { role: 'blank' } };
    const key = keyOfChain(labels, extra, blockBands);
    if (key) return { field, labels, role: { role: 'amount', key } };
    const content = contentOf(dataRows, field);
    if (labels.length === 0 && content.numbers === 0 && content.texts === 0) return { field, labels, role: { role: 'blank' } };
    // a header we do not know: figures make it an amount column (of unknown key), text a label
    if (content.numbers > 0 && content.numbers >= content.texts) return { field, labels, role: { role: 'amount', key: undefined } };
    if (content.codes > 0 && content.codes >= content.texts) return { field, labels, role: { role: 'code' } };
    return { field, labels, role: labels.length === 0 && content.texts === 0 ? { role: 'blank' } : { role: 'label' } };
  });
  // a 功能分类 column holding codes is the code column beside the name column
  for (const c of columns) {
    if (c.role.role !== 'name') continue;
    const content = contentOf(dataRows, c.field);
    if (content.codes > content.texts) c.role = { role: 'code' };
  }
  // a coded table's 项目名称 is the project; elsewhere (a summary's 项目名称 | 金额) it is the name
  const coded = columns.some((c) => c.role.role === 'code' || c.role.role === 'codePart');
  const hasName = columns.some((c) => c.role.role === 'name');
  for (const c of columns) if (c.role.role === 'project' && (!coded || !hasName)) c.role = { role: 'name' };
  assignDimensions(columns, extra);
  let blocks = 1;
  if (opts.sided) blocks = assignBlocks(columns, opts.sides);
  applyOrder(columns, opts.order);
  resolveSubtotals(columns);
  return { columns, blocks };
}

/** Amount columns whose header is only 预算数 / 决算数 under an item band: the band names the key. */
function assignDimensions(columns: ColumnInfo[], extra: readonly ColumnAlias[]): void {
  const amounts = columns.filter((c) => c.role.role === 'amount');
  const dims = new Set<string>();
  for (const c of amounts) for (const l of c.labels) {
    const d = dimensionOf(l);
    if (d) dims.add(d);
  }
  // one 预算数 column is the table's amount; several figures of each item are dimensions
  if (dims.size < 2) return;
  for (const c of amounts) {
    const d = c.labels.map((l) => dimensionOf(l)).find((x) => x !== undefined);
    if (!d) continue;
    c.dimension = d;
    c.role = { role: 'amount', key: keyOfChain(c.labels.filter((l) => dimensionOf(l) === undefined), extra) };
  }
}

/**
 * Blocks of a summary table: a new block starts at a name (or code) column that follows an
 * amount column. Each block's side comes from its band label, else from the layout's list.
 */
function assignBlocks(columns: ColumnInfo[], sides: readonly Side[] | undefined): number {
  let block = 0;
  let seenAmount = false;
  for (const c of columns) {
    const r = c.role.role;
    if ((r === 'name' || r === 'code' || r === 'codePart' || r === 'label') && seenAmount) {
      block++;
      seenAmount = false;
    }
    if (r === 'amount') seenAmount = true;
    c.block = block;
  }
  // a block without figures (a 备注 column after the amounts) belongs to the block before it
  const withAmounts = new Set(columns.filter((c) => c.role.role === 'amount').map((c) => c.block!));
  const renumber = new Map<number, number>();
  let next = -1;
  for (let b = 0; b <= block; b++) {
    if (withAmounts.has(b) || next < 0) next++;
    renumber.set(b, next);
  }
  for (const c of columns) c.block = renumber.get(c.block!)!;
  const count = next + 1;
  for (let b = 0; b < count; b++) {
    const mine = columns.filter((c) => c.block === b);
    let side: Side | undefined;
    for (const c of mine) {
      side = sideOfLabels(c.labels.slice(0, -1).length ? c.labels.slice(0, -1) : c.labels);
      if (side) break;
    }
    // a band over two blocks (支出: 功能分类 | 支出用途) names the first; the finer label the second
    for (const c of mine) {
      const fine = c.labels.map(normalizeLabel).find((l) => /用途/.test(l));
      if (fine) side = 'use';
    }
    side ??= sides?.[b];
    if (side) for (const c of mine) c.side = side;
  }
  return count;
}

/** A flattened header read with the layout's printed order, where its own words do not tell. */
function applyOrder(columns: ColumnInfo[], order: readonly string[] | undefined): void {
  if (!order?.length) return;
  const amounts = columns.filter((c) => c.role.role === 'amount');
  if (amounts.length !== order.length) return;
  const unresolved = amounts.some((c) => c.role.role === 'amount' && c.role.key === undefined);
  const seen = new Set<string>();
  let repeated = false;
  for (const c of amounts) {
    const id = `${c.role.role === 'amount' ? c.role.key : ''}@${c.dimension ?? ''}@${c.block ?? ''}`;
    if (seen.has(id)) repeated = true;
    seen.add(id);
  }
  if (!unresolved && !repeated) return;
  amounts.forEach((c, i) => {
    const [key, dim] = order[i]!.split('@');
    c.role = { role: 'amount', key: key as ColumnKey };
    if (dim) c.dimension = dim;
  });
}

/**
 * 合计 / 小计 in a flattened header: the first amount column is the table's total; a later one is
 * the group whose parts follow it (小计, 因公出国（境）费 … → “三公”经费; 小计, 购置费, 运行费 →
 * 公务用车购置及运行费).
 */
function resolveSubtotals(columns: ColumnInfo[]): void {
  const groups = new Map<string, ColumnInfo[]>();
  for (const c of columns) {
    if (c.role.role !== 'amount') continue;
    // last year's figures printed first (上年预算数 | 合计 | 基本支出 …) do not make 合计 a subtotal
    if (c.labels.some((l) => LAST_YEAR_HEADER.test(normalizeLabel(l)))) continue;
    const g = `${c.block ?? 0}@${c.dimension ?? ''}`;
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  for (const list of groups.values()) {
    list.forEach((c, i) => {
      if (c.role.role !== 'amount' || c.role.key !== 'total') return;
      const label = normalizeLabel(c.labels[c.labels.length - 1] ?? '');
      // the first amount column is the table's total; a later 合计 heads the columns after it
      if (i === 0 || !SUBTOTAL.test(label)) return;
      const next = list[i + 1];
      const nextKey = next?.role.role === 'amount' ? next.role.key : undefined;
      if (!nextKey) return;
      // the nearest ancestor of the next column that no column of the group already is
      const taken = new Set(list.map((x) => (x.role.role === 'amount' ? x.role.key : undefined)));
      for (let k = COLUMN_PARENT[nextKey]; k && k !== 'total'; k = COLUMN_PARENT[k]) {
        if (!taken.has(k)) {
          c.role = { role: 'amount', key: k };
          return;
        }
      }
    });
  }
}
