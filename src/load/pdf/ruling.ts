// The rules on a page → the tables drawn with them: rules that touch each other form one table;
// the distinct x of its vertical rules and y of its horizontal rules cut it into a lattice, and
// lattice units with no rule between them are one (merged) cell.
import type { Box, Segment } from './types.js';

/** One cell of a ruled table: its top left lattice unit, how many it spans, and its box. */
export interface RuledCell {
  row: number;
  col: number;
  rows: number;
  cols: number;
  box: Box;
}

export interface RuledTable {
  box: Box;
  /** lattice lines: x of the column borders, y of the row borders, ascending */
  xs: number[];
  ys: number[];
  cells: RuledCell[];
  /** the cell covering each lattice unit: cellAt[row * (xs.length - 1) + col] */
  cellAt: Int32Array;
}

const SAME_LINE = 1.5; // points: rules closer than this are one
const TOUCH = 2.5; // points: a rule ending this close to another meets it
const MIN_LENGTH = 3;

/** Collinear pieces (one per cell edge, as Word draws them) joined into whole rules. */
export function mergeSegments(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const dir of ['h', 'v'] as const) {
    const list = segments.filter((s) => s.dir === dir && s.b - s.a >= 0.1).sort((p, q) => p.c - q.c || p.a - q.a);
    let i = 0;
    while (i < list.length) {
      // one line: rules whose c is within SAME_LINE of the first
      let j = i;
      while (j < list.length && list[j]!.c - list[i]!.c <= SAME_LINE) j++;
      const group = list.slice(i, j).sort((p, q) => p.a - q.a);
      const c = group.reduce((s, g) => s + g.c, 0) / group.length;
      let cur: Segment | undefined;
      for (const g of group) {
        if (cur && g.a <= cur.b + TOUCH) cur.b = Math.max(cur.b, g.b);
        else {
          if (cur) out.push(cur);
          cur = { dir, c, a: g.a, b: g.b };
        }
      }
      if (cur) out.push(cur);
      i = j;
    }
  }
  return out.filter((s) => s.b - s.a >= MIN_LENGTH);
}

function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

function unite(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[ra] = rb;
}

/** Values closer than `tol` to the previous one are one (their mean). */
function clusterValues(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i]! - sorted[i - 1]! > tol) {
      const part = sorted.slice(start, i);
      out.push(part.reduce((s, v) => s + v, 0) / part.length);
      start = i;
    }
  }
  return out;
}

/** The tables drawn on a page, top to bottom. */
export function findRuledTables(raw: Segment[]): RuledTable[] {
  const segs = mergeSegments(raw);
  const n = segs.length;
  if (n < 4) return [];
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const hs: number[] = [];
  const vs: number[] = [];
  segs.forEach((s, i) => (s.dir === 'h' ? hs : vs).push(i));
  // a vertical rule meets a horizontal one when each passes within TOUCH of the other
  vs.sort((a, b) => segs[a]!.c - segs[b]!.c);
  for (const hi of hs) {
    const h = segs[hi]!;
    // vertical rules whose x lies within the horizontal one (binary search on x)
    let lo = 0;
    let hi2 = vs.length;
    while (lo < hi2) {
      const m = (lo + hi2) >> 1;
      if (segs[vs[m]!]!.c < h.a - TOUCH) lo = m + 1;
      else hi2 = m;
    }
    for (let k = lo; k < vs.length; k++) {
      const v = segs[vs[k]!]!;
      if (v.c > h.b + TOUCH) break;
      if (h.c >= v.a - TOUCH && h.c <= v.b + TOUCH) unite(parent, hi, vs[k]!);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  }
  const tables: RuledTable[] = [];
  for (const members of groups.values()) {
    const h = members.map((i) => segs[i]!).filter((s) => s.dir === 'h');
    const v = members.map((i) => segs[i]!).filter((s) => s.dir === 'v');
    if (h.length < 2 || v.length < 2) continue;
    const t = lattice(h, v);
    if (t) tables.push(t);
  }
  return tables.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

function lattice(h: Segment[], v: Segment[]): RuledTable | undefined {
  const xs = clusterValues(v.map((s) => s.c), TOUCH);
  const ys = clusterValues(h.map((s) => s.c), TOUCH);
  // rows (columns) with no rule above (beside) them, where a page break cut the border off: the
  // vertical (horizontal) rules reach past the last horizontal (vertical) one
  const OPEN = 4;
  const vTop = Math.min(...v.map((s) => s.a));
  const vBottom = Math.max(...v.map((s) => s.b));
  const hLeft = Math.min(...h.map((s) => s.a));
  const hRight = Math.max(...h.map((s) => s.b));
  if (vTop < ys[0]! - OPEN) {
    ys.unshift(vTop);
    h = [...h, { dir: 'h', c: vTop, a: xs[0]!, b: xs[xs.length - 1]! }];
  }
  if (vBottom > ys[ys.length - 1]! + OPEN) {
    ys.push(vBottom);
    h = [...h, { dir: 'h', c: vBottom, a: xs[0]!, b: xs[xs.length - 1]! }];
  }
  if (hLeft < xs[0]! - OPEN) {
    xs.unshift(hLeft);
    v = [...v, { dir: 'v', c: hLeft, a: ys[0]!, b: ys[ys.length - 1]! }];
  }
  if (hRight > xs[xs.length - 1]! + OPEN) {
    xs.push(hRight);
    v = [...v, { dir: 'v', c: hRight, a: ys[0]!, b: ys[ys.length - 1]! }];
  }
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nc < 1 || nr < 1 || (nc < 2 && nr < 2)) return undefined;
  // a rule covers the middle of a lattice edge
  const covers = (list: Segment[], c: number, a: number, b: number): boolean => {
    const m = (a + b) / 2;
    const reach = Math.max(TOUCH, (b - a) * 0.3);
    return list.some((s) => Math.abs(s.c - c) <= TOUCH && s.a <= m - (b - a) / 2 + reach && s.b >= m + (b - a) / 2 - reach);
  };
  // rules grouped by line, so each test looks only at its own line's rules
  const hAt = ys.map((y) => h.filter((s) => Math.abs(s.c - y) <= TOUCH));
  const vAt = xs.map((x) => v.filter((s) => Math.abs(s.c - x) <= TOUCH));
  const units = nr * nc;
  const parent = new Int32Array(units);
  for (let i = 0; i < units; i++) parent[i] = i;
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      // no vertical rule between (r, c) and (r, c + 1)
      if (c + 1 < nc && !covers(vAt[c + 1]!, xs[c + 1]!, ys[r]!, ys[r + 1]!)) unite(parent, r * nc + c, r * nc + c + 1);
      // no horizontal rule between (r, c) and (r + 1, c)
      if (r + 1 < nr && !covers(hAt[r + 1]!, ys[r + 1]!, xs[c]!, xs[c + 1]!)) unite(parent, r * nc + c, (r + 1) * nc + c);
    }
  }
  const byRoot = new Map<number, RuledCell>();
  const cellIndex = new Map<number, number>();
  const cells: RuledCell[] = [];
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const root = find(parent, r * nc + c);
      let cell = byRoot.get(root);
      if (!cell) {
        cell = { row: r, col: c, rows: 1, cols: 1, box: [xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!] };
        byRoot.set(root, cell);
        cellIndex.set(root, cells.length);
        cells.push(cell);
      } else {
        cell.rows = Math.max(cell.rows, r - cell.row + 1);
        cell.cols = Math.max(cell.cols, c - cell.col + 1);
        cell.box = [Math.min(cell.box[0], xs[c]!), Math.min(cell.box[1], ys[r]!), Math.max(cell.box[2], xs[c + 1]!), Math.max(cell.box[3], ys[r + 1]!)];
      }
    }
  }
  const cellAt = new Int32Array(units);
  for (let i = 0; i < units; i++) cellAt[i] = cellIndex.get(find(parent, i))!;
  return { box: [xs[0]!, ys[0]!, xs[nc]!, ys[nr]!], xs, ys, cells, cellAt };
}

/** The lattice interval a coordinate falls in (clamped to the first and last). */
export function intervalOf(lines: number[], v: number): number {
  let lo = 0;
  let hi = lines.length - 2;
  while (lo < hi) {
    const m = (lo + hi + 1) >> 1;
    if (lines[m]! <= v) lo = m;
    else hi = m - 1;
  }
  return lo;
}
