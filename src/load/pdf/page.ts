// One page read: its ruled tables with the text of every cell, and the lines of text outside them,
// each with its line number on the page (lines counted top to bottom over all the page's text).
import { groupLines, joinCellLines, lineText, type TextLine } from './lines.js';
import { findRuledTables, intervalOf, type RuledTable } from './ruling.js';
import { mid, type Box, type PageContent, type TextItem } from './types.js';

export interface CellText {
  text: string;
  /** line on the page of the cell's first text (or where the cell starts when it is empty) */
  line: number;
  box: Box;
}

export interface PagePart {
  table: RuledTable;
  /** text by cell index (RuledTable.cells) */
  texts: CellText[];
}

export interface FreeLine {
  page: number;
  line: number;
  /** the text, with two spaces where the line has a wide gap (as a layout-preserving converter writes it) */
  text: string;
  /** the line's pieces separated by wide gaps, with their x range */
  pieces: Array<{ text: string; x0: number; x1: number }>;
  box: Box;
  size: number;
}

export interface ReadPage {
  number: number;
  width: number;
  height: number;
  parts: PagePart[];
  lines: FreeLine[];
  /** characters of text on the page (0: no text layer) */
  chars: number;
}

const WIDE_GAP = 1.5; // glyph sizes: a gap wider than this separates cells of a table row

export function readPage(content: PageContent): ReadPage {
  const items = content.items;
  const all = groupLines(items);
  const lineOf = new Map<TextItem, number>();
  all.forEach((l, i) => {
    for (const t of l.items) lineOf.set(t, i + 1);
  });
  const mids = all.map((l) => (l.top + l.bottom) / 2);
  /** the first line at or below y */
  const lineAt = (y: number): number => {
    let n = 0;
    while (n < mids.length && mids[n]! < y) n++;
    return Math.min(n + 1, Math.max(1, mids.length));
  };
  const tables = findRuledTables(content.segments);
  const inTable: TextItem[][] = tables.map(() => []);
  const free: TextItem[] = [];
  for (const t of items) {
    const m = mid(t);
    const x = t.x0 + Math.min(t.size, t.x1 - t.x0) / 2;
    const k = tables.findIndex((tb) => x >= tb.box[0] - 1 && x <= tb.box[2] + 1 && m >= tb.box[1] - 1 && m <= tb.box[3] + 1);
    if (k >= 0) inTable[k]!.push(t);
    else free.push(t);
  }
  const parts: PagePart[] = tables.map((table, k) => ({ table, texts: cellTexts(table, inTable[k]!, lineOf, lineAt) }));
  const lines: FreeLine[] = groupLines(free).map((l) => freeLine(content.number, l, lineOf));
  return { number: content.number, width: content.width, height: content.height, parts, lines, chars: items.reduce((n, t) => n + (t.space ? 0 : t.str.trim().length), 0) };
}

function freeLine(page: number, l: TextLine, lineOf: Map<TextItem, number>): FreeLine {
  const first = l.items.find((t) => !t.space)!;
  const pieces: FreeLine['pieces'] = [];
  let cur: TextItem[] = [];
  const flush = () => {
    const text = lineText(cur).replace(/\s+/g, ' ');
    if (text) pieces.push({ text, x0: Math.min(...cur.filter((t) => !t.space).map((t) => t.x0)), x1: Math.max(...cur.filter((t) => !t.space).map((t) => t.x1)) });
    cur = [];
  };
  let lastEnd = -Infinity;
  for (const t of l.items) {
    if (!t.space && cur.some((c) => !c.space) && t.x0 - lastEnd > WIDE_GAP * t.size) flush();
    cur.push(t);
    if (!t.space) lastEnd = Math.max(lastEnd, t.x1);
  }
  flush();
  return {
    page,
    line: lineOf.get(first) ?? 1,
    text: pieces.map((p) => p.text).join('  '),
    pieces,
    box: [l.x0, l.top, l.x1, l.bottom],
    size: l.size,
  };
}

const CJK = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** An item that crosses column borders, cut where its characters cross them (widths estimated: a
 *  CJK character is twice a Latin one). */
function splitAcross(t: TextItem, xs: number[]): TextItem[] {
  if (t.space || xs.length < 3) return [t];
  const a = intervalOf(xs, t.x0 + 0.5);
  const b = intervalOf(xs, t.x1 - 0.5);
  if (a === b) return [t];
  const chars = Array.from(t.str);
  const weights = chars.map((c) => (CJK.test(c) ? 1 : 0.5));
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const unit = (t.x1 - t.x0) / total;
  const out: TextItem[] = [];
  let x = t.x0;
  let start = t.x0;
  let text = '';
  let col = -1;
  chars.forEach((c, i) => {
    const w = weights[i]! * unit;
    const centre = x + w / 2;
    const k = intervalOf(xs, centre);
    if (k !== col && text !== '') {
      out.push({ ...t, str: text, x0: start, x1: x, space: text.trim() === '' });
      text = '';
      start = x;
    }
    col = k;
    text += c;
    x += w;
  });
  if (text !== '') out.push({ ...t, str: text, x0: start, x1: t.x1, space: text.trim() === '' });
  return out;
}

function cellTexts(table: RuledTable, items: TextItem[], lineOf: Map<TextItem, number>, lineAt: (y: number) => number): CellText[] {
  const nc = table.xs.length - 1;
  const byCell: TextItem[][] = table.cells.map(() => []);
  for (const original of items) {
    for (const t of splitAcross(original, table.xs)) {
      const x = t.x0 + Math.min(t.size, t.x1 - t.x0) / 2;
      let r = intervalOf(table.ys, mid(t));
      // a wrapped line cut off by the row's lower rule (its glyphs start above the rule): the cell above's
      if (r > 0 && t.top < table.ys[r]! - 0.1 * t.size && t.bottom <= table.ys[r + 1]! + 0.1 * t.size) r--;
      const c = intervalOf(table.xs, x);
      const k = table.cellAt[r * nc + c]!;
      byCell[k]!.push(t);
      if (t !== original) lineOf.set(t, lineOf.get(original) ?? 1);
    }
  }
  return table.cells.map((cell, k) => {
    const mine = byCell[k]!;
    const lines = groupLines(mine);
    // spaces between two ideographs are the justification of a distributed cell (城 乡 社 区): dropped
    const text = joinCellLines(lines.map((l) => lineText(l.items).replace(/\s+/g, ' '))).replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '');
    const first = lines[0]?.items.find((t) => !t.space);
    return { text, line: first ? (lineOf.get(first) ?? 1) : lineAt(cell.box[1]), box: cell.box };
  });
}
