// Pages → tables and text. A ruled table with a title above it (and its 单位/编制部门 lines) starts a
// table; one with no title at the top of the next page continues the table before it (a header
// printed again is dropped); 注 lines under a table are its notes. Running heads, footers and page
// numbers are left out; every other line is the text (情况说明), in reading order.
import type { Grid, GridCell, GridRow } from '../grid.js';
import type { FreeLine, PagePart, ReadPage } from './page.js';
import { intervalOf } from './ruling.js';
import { columnOf, isFigure, splitFigures, textColumns, textTableLines } from './textTable.js';
import { roundBox, union, type Box, type PdfPlace } from './types.js';

export interface PdfTablePiece {
  page: number;
  part: PagePart;
}

export interface PdfTable {
  titles: FreeLine[];
  pieces: PdfTablePiece[];
  notes: FreeLine[];
  /** a table printed without rules: its lines, header and data */
  textRows?: FreeLine[];
}

export type Flow = { kind: 'line'; line: FreeLine } | { kind: 'table'; table: PdfTable };

export interface Assembled {
  flow: Flow[];
  /** lines left out as running heads, footers and page numbers */
  dropped: FreeLine[];
}

const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
const UNIT_LINE = /单位[:：]\s*(万元|千元|元)|编制(部门|单位)[:：]|^(部门|单位)(名称)?[:：]/;
const NUMBER_ONLY = /^(公开|附)?表\s*[一二三四五六七八九十\d]+$|^附件\s*\d*$/;
const TITLE = /表\s*(?:[（(][^（）()]{0,20}[）)]\s*)*$/;
const NOTE = /^\s*(注|备注|说明)\s*[\d:：、.．]|^\s*注\s*[一二三四五六七八九十]/;
const PAGE_NUMBER = /^[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?(\s*([/／]|共)\s*\d{1,4}\s*页?)?[-—–－\s]*$/;

export function isTitleLine(t: string): boolean {
  const s = t.trim();
  return s.length <= 80 && TITLE.test(s) && !PART_HEADING.test(s) && !/[。；]/.test(s);
}

/** Running heads and footers: the same words (digits aside) near the top or bottom of several pages; page numbers. */
export function dropHeadsAndFeet(pages: ReadPage[]): Set<FreeLine> {
  const dropped = new Set<FreeLine>();
  const band = (l: FreeLine, p: ReadPage) => l.box[1] < p.height * 0.12 || l.box[3] > p.height * 0.88;
  const seen = new Map<string, Set<number>>();
  const key = (l: FreeLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  for (const p of pages) {
    for (const l of p.lines) {
      if (!band(l, p)) continue;
      if (PAGE_NUMBER.test(l.text)) {
        dropped.add(l);
        continue;
      }
      if (UNIT_LINE.test(l.text) || isTitleLine(l.text)) continue;
      const k = `${key(l)}@${Math.round(l.box[1] / 10)}`;
      let s = seen.get(k);
      if (!s) seen.set(k, (s = new Set()));
      s.add(p.number);
    }
  }
  const withText = pages.filter((p) => p.chars > 0).length;
  const repeated = new Set<string>();
  for (const [k, s] of seen) if (s.size >= 3 && s.size >= withText * 0.3) repeated.add(k);
  if (repeated.size) {
    for (const p of pages) for (const l of p.lines) if (band(l, p) && repeated.has(`${key(l)}@${Math.round(l.box[1] / 10)}`)) dropped.add(l);
  }
  return dropped;
}

export function assemble(pages: ReadPage[]): Assembled {
  const droppedSet = dropHeadsAndFeet(pages);
  const flow: Flow[] = [];
  let pending: FreeLine[] = [];
  let current: PdfTable | undefined;
  /** the last block placed was a piece of `current` (nothing but dropped lines since) */
  let afterPiece = false;
  let inNote = false;
  const flushPending = () => {
    for (const line of pending) flow.push({ kind: 'line', line });
    pending = [];
  };
  for (const page of pages) {
    type Block = { top: number; line?: FreeLine; part?: PagePart };
    const blocks: Block[] = [
      ...page.lines.filter((l) => !droppedSet.has(l)).map((l) => ({ top: l.box[1], line: l })),
      ...page.parts.map((p) => ({ top: p.table.box[1], part: p })),
    ].sort((a, b) => a.top - b.top);
    let atTop = true;
    let onPage = 0;
    for (const b of blocks) {
      onPage++;
      if (b.line) {
        const l = b.line;
        if (current && (afterPiece || inNote) && pending.length === 0 && (NOTE.test(l.text) || (inNote && !isTitleLine(l.text) && !UNIT_LINE.test(l.text) && !PART_HEADING.test(l.text) && continuesNote(current, l)))) {
          current.notes.push(l);
          inNote = true;
          afterPiece = false;
          atTop = false;
          continue;
        }
        inNote = false;
        afterPiece = false;
        pending.push(l);
        atTop = false;
        continue;
      }
      const part = b.part!;
      const titles = takeTitles(pending, part, page.number);
      // a table printed on, its title (and 单位 line) repeated at the top of the page
      const repeated = titles.length > 0 && current !== undefined && onPage === titles.length + 1 && titles.every((l) => l.page === page.number) && sameTitle(titles, current.titles) && sameColumns(current, part);
      if (current && ((titles.length === 0 && (atTop || afterPiece) && pending.length === 0 && !titledInside(part)) || repeated) && sameColumns(current, part)) {
        current.pieces.push({ page: page.number, part });
      } else {
        flushPending();
        current = { titles, pieces: [{ page: page.number, part }], notes: [] };
        flow.push({ kind: 'table', table: current });
      }
      pending = [];
      afterPiece = true;
      inNote = false;
      atTop = false;
    }
  }
  flushPending();
  return { flow: withTextTables(flow), dropped: [...droppedSet] };
}

/**
 * Tables printed without rules: a title line followed by lines of figures in columns, among the
 * lines no ruled table took.
 */
function withTextTables(flow: Flow[]): Flow[] {
  const out: Flow[] = [];
  let i = 0;
  while (i < flow.length) {
    const f = flow[i]!;
    if (f.kind !== 'line' || !isTitleLine(f.line.text)) {
      out.push(f);
      i++;
      continue;
    }
    // the lines up to the next ruled table
    let j = i + 1;
    while (j < flow.length && flow[j]!.kind === 'line') j++;
    const lines = flow.slice(i, j).map((x) => (x as { line: FreeLine }).line);
    let k = 1;
    while (k < lines.length && k < 4 && UNIT_LINE.test(lines[k]!.text) && !lines[k]!.pieces.some((p) => /\d\.\d/.test(p.text))) k++;
    const stop = (l: FreeLine) => isTitleLine(l.text) || PART_HEADING.test(l.text) || NOTE.test(l.text);
    const end = textTableLines(lines, k, stop);
    if (end === k) {
      out.push(f);
      i++;
      continue;
    }
    let e = end;
    const notes: FreeLine[] = [];
    while (e < lines.length && (NOTE.test(lines[e]!.text) || (notes.length > 0 && !stop(lines[e]!) && lines[e]!.page === notes[notes.length - 1]!.page && lines[e]!.box[1] - notes[notes.length - 1]!.box[3] < lines[e]!.size * 1.2))) notes.push(lines[e++]!);
    out.push({ kind: 'table', table: { titles: joinWrappedUnit(lines.slice(0, k)), pieces: [], notes, textRows: lines.slice(k, end).map(splitFigures) } });
    i += e;
  }
  return out;
}

/** A table whose title is printed inside its borders: a first row of one cell across the table, ending in 表. */
function titledInside(part: PagePart): boolean {
  const first = part.table.cells.filter((c) => c.row === 0);
  const k = part.table.cells.indexOf(first[0]!);
  return first.length === 1 && first[0]!.cols === part.table.xs.length - 1 && k >= 0 && isTitleLine(part.texts[k]!.text);
}

/** The same title again, or one marked as continued: 续表, 表一（续）. */
function sameTitle(a: FreeLine[], b: FreeLine[]): boolean {
  const CONTINUED = /[（(]续表?[)）]$|^续表$|续表$/;
  const title = (ls: FreeLine[]) => ls.map((l) => l.text.replace(/\s+/g, '')).find((t) => isTitleLine(t)) ?? '';
  const t = title(a);
  if (t === '') return false;
  if (/^续表$/.test(t)) return true;
  return t.replace(CONTINUED, '') === title(b).replace(CONTINUED, '') || (CONTINUED.test(t) && title(b).startsWith(t.replace(CONTINUED, '')));
}

function continuesNote(t: PdfTable, l: FreeLine): boolean {
  const last = t.notes[t.notes.length - 1];
  if (!last || last.page !== l.page) return false;
  return l.box[1] - last.box[3] < last.size * 1.2;
}

/** A piece at the top of a page continues the table before it when its columns span the same width. */
function sameColumns(t: PdfTable, part: PagePart): boolean {
  const last = t.pieces[t.pieces.length - 1]!.part.table.box;
  const b = part.table.box;
  return Math.abs(last[0] - b[0]) < 20 && Math.abs(last[2] - b[2]) < 20;
}

/** The title lines just above a table, taken off the end of `pending`: its 单位/编制部门 lines, its
 *  title (a line ending in 表), and a 表N line above that. */
function takeTitles(pending: FreeLine[], part: PagePart, page: number): FreeLine[] {
  const got: FreeLine[] = [];
  let titled = false;
  let i = pending.length - 1;
  let below = part.table.box[1];
  while (i >= 0 && got.length < 5) {
    const l = pending[i]!;
    const t = l.text.trim();
    // too far above the table (on its page) to be its title
    if (l.page === page && below - l.box[3] > Math.max(60, l.size * 6)) break;
    if (titled) {
      if (NUMBER_ONLY.test(t)) {
        got.push(l);
        i--;
      }
      break;
    }
    if (UNIT_LINE.test(t) || NUMBER_ONLY.test(t)) {
      got.push(l);
    } else if (isTitleLine(t)) {
      got.push(l);
      titled = true;
    } else break;
    below = l.box[1];
    i--;
  }
  if (!titled && !got.some((l) => UNIT_LINE.test(l.text))) return [];
  pending.splice(i + 1);
  return joinWrappedUnit(got.reverse());
}

/** "单位：万" with "元" wrapped onto the line below it: one piece again. */
function joinWrappedUnit(lines: FreeLine[]): FreeLine[] {
  for (let k = 0; k + 1 < lines.length; k++) {
    const a = lines[k]!;
    const b = lines[k + 1]!;
    const cut = a.pieces.find((p) => /单位[:：]\s*[万千]?$/.test(p.text));
    if (!cut) continue;
    const rest = b.pieces.find((p) => /^(万元|千元|元)$/.test(p.text) && p.x1 > cut.x0 && p.x0 < cut.x1);
    if (!rest) continue;
    const joinedA = { ...a, pieces: a.pieces.map((p) => (p === cut ? { ...p, text: p.text + rest.text, x1: Math.max(p.x1, rest.x1) } : p)) };
    joinedA.text = joinedA.pieces.map((p) => p.text).join('  ');
    const restB = { ...b, pieces: b.pieces.filter((p) => p !== rest) };
    restB.text = restB.pieces.map((p) => p.text).join('  ');
    lines[k] = joinedA;
    if (restB.pieces.length) lines[k + 1] = restB;
    else lines.splice(k + 1, 1);
  }
  return lines;
}

/** A table as a Grid (title rows, the ruled rows of every piece, note rows), with where each cell stands. */
export interface BuiltGrid {
  grid: Grid;
  /** by grid line: the row's place */
  rows: Map<number, PdfPlace & { bbox: Box }>;
  /** by `${line}:${field}`: the cell's place */
  cells: Map<string, PdfPlace>;
  /** the pages the table is printed on */
  pages: number[];
  /** a table printed without rules whose pieces crowded into one column (a column with no figure
   *  whose header has nowhere to go): its columns are not to be trusted */
  crowded?: boolean;
}

function clusterXs(values: number[], tol: number): number[] {
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

function nearest(xs: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  return best;
}

const AMOUNT_WORD = /^(金额|预算数|决算数|预算金额|本年预算数?|合计|小计)$/;
const NAME_WORD = /名称$|^项目$|^科目$/;

/**
 * The column a cell's text is placed in: its first. A band drawn one column too far to the left
 * — over the 金额 of the block before it, 支出用途 over 金额 | 项目名称 | 金额 — starts where its
 * own block does, at the name column after that 金额.
 */
function bandStart(part: PagePart, k: number): number {
  const tb = part.table;
  const cell = tb.cells[k]!;
  const c0 = cell.col;
  if (cell.cols < 2 || c0 === 0 || part.texts[k]!.text === '') return c0;
  const nc = tb.xs.length - 1;
  const nr = tb.ys.length - 1;
  const below = (c: number): string => {
    for (let r = cell.row + cell.rows; r < nr; r++) {
      const j = tb.cellAt[r * nc + c]!;
      const t = part.texts[j]!.text.replace(/\s+/g, '');
      if (tb.cells[j]!.col === c && t !== '') return t;
    }
    return '';
  };
  return AMOUNT_WORD.test(below(c0)) && NAME_WORD.test(below(c0 - 1)) && NAME_WORD.test(below(c0 + 1)) ? c0 + 1 : c0;
}

const normRow = (cells: string[]) => cells.map((c) => c.replace(/\s+/g, '')).join('|');

export function buildGrid(t: PdfTable, file: string): BuiltGrid {
  const borders = t.textRows ? textColumns(t.textRows) : undefined;
  const X = borders ? borders.map((b, i) => (Number.isFinite(b) ? b : i === 0 ? -1e6 : 1e6)) : clusterXs(t.pieces.flatMap((p) => p.part.table.xs), 3);
  const width = Math.max(1, X.length - 1);
  const rows: GridRow[] = [];
  const rowPlaces = new Map<number, PdfPlace & { bbox: Box }>();
  const cellPlaces = new Map<string, PdfPlace>();
  const addRow = (texts: string[], places: Array<PdfPlace | undefined>, row: PdfPlace & { bbox: Box }) => {
    const line = rows.length + 1;
    const cells: GridCell[] = texts.map((text, i) => ({ text, line, column: i + 1, field: i + 1 }));
    rows.push({ line, cells });
    rowPlaces.set(line, row);
    places.forEach((p, i) => {
      if (p) cellPlaces.set(`${line}:${i + 1}`, p);
    });
  };
  // title lines: one piece in the first column; several by where they stand
  for (const l of t.titles) {
    const texts = new Array<string>(width).fill('');
    const places = new Array<PdfPlace | undefined>(width).fill(undefined);
    l.pieces.forEach((p, k) => {
      let f = l.pieces.length === 1 ? 0 : Math.min(width - 1, intervalOf(X.length > 1 ? X : [0, 1], p.x0 + 1));
      if (k === l.pieces.length - 1 && l.pieces.length > 1) f = Math.max(f, Math.min(width - 1, intervalOf(X, p.x1 - 1)));
      while (f < width - 1 && texts[f] !== '') f++;
      texts[f] = texts[f] ? `${texts[f]} ${p.text}` : p.text;
      places[f] ??= { page: l.page, line: l.line, column: f + 1, bbox: roundBox([p.x0, l.box[1], p.x1, l.box[3]]) };
    });
    addRow(texts, places, { page: l.page, line: l.line, column: 1, bbox: roundBox(l.box) });
  }
  const header: string[] = [];
  let headerDone = false;
  t.pieces.forEach((piece, pi) => {
    const tb = piece.part.table;
    const nr = tb.ys.length - 1;
    const texts: string[][] = Array.from({ length: nr }, () => new Array<string>(width).fill(''));
    const places: Array<Array<PdfPlace | undefined>> = Array.from({ length: nr }, () => new Array<PdfPlace | undefined>(width).fill(undefined));
    const rowLine: number[] = new Array<number>(nr).fill(Infinity);
    tb.cells.forEach((cell, k) => {
      const ct = piece.part.texts[k]!;
      const f = Math.min(width - 1, nearest(X, tb.xs[bandStart(piece.part, k)]!));
      const r = cell.row;
      texts[r]![f] = ct.text;
      places[r]![f] = { page: piece.page, line: ct.line, column: f + 1, bbox: roundBox(cell.box) };
      if (ct.text !== '') rowLine[r] = Math.min(rowLine[r]!, ct.line);
    });
    for (let r = 0; r < nr; r++) {
      const rowTexts = texts[r]!;
      const key = normRow(rowTexts);
      // a continuation repeats the header rows: dropped
      if (pi > 0 && r < header.length + 1 && header.includes(key) && !rowTexts.every((x) => x === '')) continue;
      if (pi === 0 && !headerDone) {
        // the header: the rows before the first with a figure or a code
        if (rowTexts.some((x) => /^[-(（]?[\d,，.]+[)）]?$/.test(x.replace(/\s+/g, ''))) || header.length >= 6) headerDone = true;
        else header.push(key);
      }
      const firstLine = Number.isFinite(rowLine[r]!) ? rowLine[r]! : (places[r]!.find((p) => p)?.line ?? 1);
      // cells with no text stand on the row's line
      const rowPlacesFilled = places[r]!.map((p) => (p ? { ...p, line: texts[r]![p.column - 1] === '' ? firstLine : p.line } : p));
      addRow(rowTexts, rowPlacesFilled, { page: piece.page, line: firstLine, column: 1, bbox: roundBox([tb.xs[0]!, tb.ys[r]!, tb.xs[tb.xs.length - 1]!, tb.ys[r + 1]!]) });
    }
  });
  let crowded = false;
  if (t.textRows && borders) {
    for (const group of textRowGroups(t.textRows)) {
      const texts = new Array<string>(width).fill('');
      const places = new Array<PdfPlace | undefined>(width).fill(undefined);
      const main = group.find((l) => l.pieces.some((p) => isFigure(p.text))) ?? group[0]!;
      let box: Box | undefined;
      for (const l of group) {
        box = union(box, l.box);
        const taken = new Set<number>();
        for (const p of l.pieces) {
          const f = Math.min(width - 1, columnOf(borders, p));
          if (taken.has(f)) crowded = true;
          taken.add(f);
          // a name wrapped over lines is one name; words on one line keep their space
          texts[f] = texts[f] ? (l === main || group.indexOf(l) === 0 ? `${texts[f]} ${p.text}` : texts[f] + p.text) : p.text;
          places[f] ??= { page: l.page, line: l.line, column: f + 1, bbox: roundBox([p.x0, l.box[1], p.x1, l.box[3]]) };
        }
      }
      addRow(texts.map((x) => x.replace(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '')), places, { page: main.page, line: main.line, column: 1, bbox: roundBox(box!) });
    }
  }
  for (const l of t.notes) {
    const texts = new Array<string>(width).fill('');
    texts[0] = l.text.replace(/\s+/g, ' ');
    addRow(texts, [{ page: l.page, line: l.line, column: 1, bbox: roundBox(l.box) }], { page: l.page, line: l.line, column: 1, bbox: roundBox(l.box) });
  }
  const pages = [...new Set([...t.titles.map((l) => l.page), ...t.pieces.map((p) => p.page), ...(t.textRows ?? []).map((l) => l.page), ...t.notes.map((l) => l.page)])].sort((a, b) => a - b);
  return { grid: { file, rows }, rows: rowPlaces, cells: cellPlaces, pages, ...(crowded ? { crowded } : {}) };
}

/**
 * The rows of a table printed without rules: each line with figures, with the lines of words
 * (a name wrapped above and below its figures) that stand closer to it than rows stand to each other.
 */
function textRowGroups(lines: FreeLine[]): FreeLine[][] {
  const centre = (l: FreeLine) => (l.box[1] + l.box[3]) / 2;
  const data = lines.map((l, i) => ({ l, i })).filter((x) => x.l.pieces.some((p) => isFigure(p.text)));
  if (data.length === 0) return lines.map((l) => [l]);
  const pitches: number[] = [];
  for (let k = 1; k < data.length; k++) if (data[k]!.l.page === data[k - 1]!.l.page) pitches.push(centre(data[k]!.l) - centre(data[k - 1]!.l));
  pitches.sort((a, b) => a - b);
  const pitch = pitches.length ? pitches[Math.floor(pitches.length / 2)]! : Infinity;
  const owner = new Map<number, number>(); // line index → data line index
  const first = data[0]!.i;
  lines.forEach((l, i) => {
    if (data.some((d) => d.i === i)) return;
    // above the first row only a wrapped line hugging it, never the header
    const near = i < first ? 0.35 : 0.6;
    let best: number | undefined;
    let dist = Infinity;
    for (const d of data) {
      if (d.l.page !== l.page) continue;
      const x = Math.abs(centre(d.l) - centre(l));
      if (x < dist) {
        dist = x;
        best = d.i;
      }
    }
    if (best !== undefined && dist < pitch * near) owner.set(i, best);
  });
  const groups: FreeLine[][] = [];
  const byData = new Map<number, FreeLine[]>();
  lines.forEach((l, i) => {
    const o = owner.get(i);
    if (o !== undefined) {
      byData.get(o)?.push(l) ?? byData.set(o, [l]);
      return;
    }
    if (data.some((d) => d.i === i)) {
      const g = byData.get(i) ?? [];
      g.push(l);
      byData.set(i, g);
      groups.push(g);
    } else groups.push([l]);
  });
  // lines above their data line were attached before it was seen: every group read top to bottom
  for (const g of groups) g.sort((a, b) => centre(a) - centre(b));
  return groups;
}

/** A table nobody recognised, as text lines (cells two spaces apart), for the text reader. */
export function tableAsLines(t: PdfTable): FreeLine[] {
  const out: FreeLine[] = [...t.titles, ...(t.textRows ?? [])];
  for (const piece of t.pieces) {
    const tb = piece.part.table;
    const nr = tb.ys.length - 1;
    for (let r = 0; r < nr; r++) {
      const cells = tb.cells.map((c, k) => ({ c, t: piece.part.texts[k]! })).filter((x) => x.c.row === r && x.t.text !== '').sort((a, b) => a.c.col - b.c.col);
      if (!cells.length) continue;
      let box: Box | undefined;
      for (const x of cells) box = union(box, x.c.box);
      out.push({
        page: piece.page,
        line: Math.min(...cells.map((x) => x.t.line)),
        text: cells.map((x) => x.t.text).join('  '),
        pieces: cells.map((x) => ({ text: x.t.text, x0: x.c.box[0], x1: x.c.box[2] })),
        box: box!,
        size: 10,
      });
    }
  }
  out.push(...t.notes);
  return out;
}
