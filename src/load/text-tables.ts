// Tables inside a whole document given as text (pdftotext, with or without -layout; a copy from a
// web page). Text keeps no trace of an empty cell: "201 03 01 行政运行 341.29 341.29" may put its
// second figure under any of the other columns. What text does keep, in every layout seen, is the
// order of a row: its code, its name, then its figures left to right, the first being the row's
// total (合计/总计), which is never empty where any part is not. So a coded table is read as its code,
// name and total column: its roll-ups, its total row and its agreement with the other tables by code
// are checked, and no figure is ever put under a column it may not belong to. The figures after a
// total are kept beside the row, unplaced: where the header makes them all parts of the total, their
// sum is checked against it, which holds wherever each stands. A budget's two-sided summary is read
// by splitting each line where its expense item starts. Other shapes (single rows, project lists,
// 决算 summaries) are named, not read. A table whose rows cannot all be read with certainty is not
// read at all: a row left out would make its parent's sum fail.
import { add, displayedIn, exact, ONE, overlaps, parseNumber, ZERO, type Dec, type Interval } from '../core/decimal.js';
import { COLUMN_PARENT, columnKeyOf, FUNCTION_CLASSES, functionClassByName, itemOf, normalizeLabel, stripNumbering } from './aliases.js';
import type { Grid, GridCell, GridRow } from './grid.js';
import { chineseNumber } from './table.js';

/** Where a table of the text starts, and what became of it. */
export interface TextTable {
  /** the title as printed */
  title: string;
  /** what kindOf called it */
  key: string;
  /** 1-based line of the title */
  line: number;
  /** the grid of its code, name and total columns, when read */
  grid?: Grid;
  /**
   * By the side and line of a row of the grid (`expense@12`, `@12`): the figures printed after its
   * total, when the header makes the total the sum of every other column (no 小计 or 其中 among
   * them), so that their sum is its total wherever each stands
   */
  parts?: Map<string, GridCell[]>;
  /** why it was not read: not a shape text places for certain; a row not certain; nothing in it; a second table for one role */
  why?: 'shape' | 'uncertain' | 'empty' | 'duplicate';
  /** a single-row table (“三公”), and whether its column sums placed its figures (then they are not checked again) */
  single?: { placedBySums: boolean };
}

/**
 * What a title's table is: a coded table, a budget's two-sided summary (收入 | 支出), both read, or
 * another shape (named); undefined: no table of a layout.
 */
export type TitleKind = (title: string) => { shape: 'coded' | 'sided' | 'single' | 'other'; key: string; number?: string; columns?: readonly string[] } | undefined;

const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
/** a table's number on a line of its own, printed above its title (表七), which may come after its header */
// 表二, 公开表6, and the number between the words (公开 09 表, as Jiangsu prints it)
const NUMBER_ONLY = /^(?:(?:公开|附)?表\s*[一二三四五六七八九十\d]+|(?:公开|附)\s*\d{1,2}\s*表)$/;
const TITLE = /表\s*(?:[（(][^（）()]{0,20}[）)]\s*)*$/;
const UNIT_LINE = /单位[:：]\s*(万元|千元|元)/;

/** Where a table's unit is printed: its text and place. */
interface UnitAt {
  text: string;
  line: number;
  column: number;
}

/**
 * A unit or 编制部门 line (printed again on the next page): undefined for any other line; else the
 * unit it names, or null.
 */
function unitLine(raw: string, t: string, line: number): UnitAt | null | undefined {
  if (!UNIT_LINE.test(t) && !/^编制(?:部门|单位)/.test(t)) return undefined;
  const m = UNIT_LINE.exec(raw);
  return m ? { text: m[0], line, column: m.index + 1 } : null;
}
const NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DASH = /^[-—–－]+$/;
const TOTAL_LABEL = /^(?:[一二三四五六七八九十]+、)?(?:本年)?(?:支出|收入)?(?:合计|总计)$/;
/** a code at the start of a line: 201, 201 03, 201 03 01, 2010301, 2010301行政运行 */
const CODE_SPLIT = /^(\d{3})(?:[ \t]+(\d{2}))?(?:[ \t]+(\d{2}))?(?=\s|$)/;
const CODE_JOINED = /^(\d{3}(?:\d{2}){0,2})(?=\s|$|[^\d.,，])/;
const PAGE_NUMBER = /^[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?[-—–－\s]*$/;

/** A title line: short, ending in 表, no sentence. */
export function isTitleText(t: string): boolean {
  return t.length <= 80 && TITLE.test(t) && !PART_HEADING.test(t) && !/[。；，]/.test(t);
}

/** A line of prose (a sentence, a note) ends a table. */
function isProse(t: string): boolean {
  return /。/.test(t) || /^(?:注|备注|说明)\s*[\d:：、.．]/.test(t) || (/[，；]/.test(t) && t.length > 20);
}

interface Token {
  text: string;
  /** 1-based column of the token in its line */
  column: number;
  /** 1-based line, where known */
  line?: number;
}

function tokens(line: string, from = 0): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], column: m.index + 1 });
  return out;
}

const isFigure = (t: string) => NUMBER.test(t) || DASH.test(t);
/** Figures whose thousands are set apart by spaces ("21 601 733.00"): text cannot tell them from three cells. */
function groupsSplit(figs: Token[]): boolean {
  for (let i = 0; i + 1 < figs.length; i++) if (/^\d{1,3}$/.test(figs[i]!.text) && /^\d{3}(?:[.,]\d+)?$/.test(figs[i + 1]!.text)) return true;
  return false;
}

/** a figure cut at its point by a narrow column ("1444." / "34") */
const CUT = /^\d[\d,]*\.$/;
/**
 * The first amount column named in the header (a word of its own, not part of a group's name):
 * read only when it is the total (or the only amount, 金额); a table whose first column is
 * 年初结转和结余 or 预算数 has its total elsewhere.
 */
const TOTAL_WORD = /^(?:本年(?:收入|支出)?合计|合计|总计|小计|金额)$/;
const OTHER_WORD = /^(?:\d{4}\s*年度?)?(?:年初|结转|结余|上年|预算数|决算数|调整|执行数|(?:基本|项目)支出$|(?:人员|公用)经费$|本年(?:收入|支出)$|(?:事业|经营|其他)收入$)|拨款(?:收入)?$|基金(?:预算)?(?:拨款)?$/;

/**
 * Whether every column the header names after its total is a part of that total: none is a 小计,
 * a 其中 or a second total, and one at least is named.
 */
function partsOnly(words: string[]): boolean {
  const first = words.findIndex((w) => TOTAL_WORD.test(w));
  if (first < 0 || first === words.length - 1) return false;
  // nothing anywhere in the header (its upper lines too) that is no part: a 小计, a 其中, a year's
  // or a change's column, a second total
  if (words.some((w, i) => i !== first && /小计|其中|合计|总计|结转|结余|上年|年初|预算数|决算数|调整|比上年|增减|执行|预计|%|\d{4}/.test(w))) return false;
  // nor a group over some of the others (财政拨款 over 一般公共预算 and 政府性基金)
  const keys = new Set(words.map((w) => columnKeyOf(w)).filter((k) => k !== undefined));
  return ![...keys].some((k) => { const parent = COLUMN_PARENT[k]; return parent !== undefined && parent !== 'total' && keys.has(parent); });
}

/**
 * Words of a header that name an amount column of their own, not a band over the table's columns
 * (支出预算, 一般公共预算支出): a year's figures, a change, a source of money.
 */
const COLUMN_BEFORE_TOTAL = /\d{4}|上年|预计|执行|决算|预算数|增减|比上年|%|拨款|基金|资金|收入$/;

/** A printed figure as an exact decimal (core/decimal's reading of a cell); a dash is zero. */
const HUNDREDTH = ZERO.plus('0.01');

function amountOf(t: string): Dec | undefined {
  if (DASH.test(t)) return ZERO;
  const p = parseNumber(t);
  return p.kind === 'number' ? p.n.value : undefined;
}

/**
 * Whether the figures after the totals add up to them on all but a few rows. A header whose words
 * hide a group (单位资金 over 事业收入 and 其他收入, 工资福利支出 under 基本支出) makes nearly every row
 * fail, which is the header misread, not the document wrong: then no row's sum is checked.
 */
function sumsMostlyHold(records: Record[]): boolean {
  let rows = 0;
  let off = 0;
  for (const r of records) {
    if (!r.total || !r.rest?.length) continue;
    const total = amountOf(r.total.token.text);
    const parts = r.rest.map((x) => amountOf(x.text));
    if (total === undefined || parts.some((x) => x === undefined)) continue;
    rows++;
    const diff = parts.reduce((a, b) => a!.minus(b!), total)!.abs();
    // more than a rounding difference (a hundredth a figure)
    if (diff.greaterThan(HUNDREDTH.times(parts.length + 1))) off++;
  }
  return off <= 1 || off * 4 < rows;
}

/** Whether the first amount column the header names is the total. */
function totalFirst(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (TOTAL_WORD.test(w)) return true;
    // "本年收入" / "合计" wrapped in a narrow cell
    if (/^本年(?:收入|支出)$/.test(w) && words[i + 1] === '合计') return true;
    if (OTHER_WORD.test(w) || COLUMN_BEFORE_TOTAL.test(w)) return false;
  }
  return false;
}

interface Record {
  line: number;
  code?: { text: string; column: number };
  name: Token[];
  nameLine: number;
  total?: { token: Token; line: number };
  /** whether its name is known whole */
  sure: boolean;
  /** whether its name starts on the line of its code */
  onLine: boolean;
  /** the figures after its total, in columns text does not tell */
  rest?: Token[];
}

/** Tables found in a text by their titles; coded ones read into grids of code, name and total. */
export function tablesInText(text: string, file: string, kindOf: TitleKind): TextTable[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Array<TextTable & { read?: Read }> = [];
  // title-like lines no layout knows, printed on three pages or more: running heads, not a table's end
  const seen = new Map<string, number>();
  for (const l of lines) {
    const u = titleOf(clean(l));
    if (u.length <= 80 && u.endsWith('表')) seen.set(base(u), (seen.get(base(u)) ?? 0) + 1);
  }
  const runningHead = (u: string) => (seen.get(base(u)) ?? 0) >= 3 && !kindOf(u);
  /** the title at a line: the line itself, or the line and the next when it is wrapped before its last character (…情况 / 表) */
  const titleAt = (k: number): { text: string; span: number } | undefined => {
    const t = titleOf(clean(lines[k] ?? ''));
    if (isTitleText(t)) return { text: t, span: 1 };
    const next = clean(lines[k + 1] ?? '');
    if (/[\u4e00-\u9fff]{2}/.test(t) && next.length > 0 && next.length <= 3 && next.endsWith('表') && !CONTINUED.test(next) && isTitleText(t + next)) return { text: t + next, span: 2 };
    return undefined;
  };
  let i = 0;
  while (i < lines.length) {
    const at = titleAt(i);
    const t = at?.text ?? '';
    const split = (at?.span ?? 1) - 1;
    const kind = at ? kindOf(t) : undefined;
    if (!kind) {
      i++;
      continue;
    }
    const start = i;
    // its number printed on a line of its own just above or below it (表二), which it may print
    // again on the next page with its title
    const number = [lines[i - 1], lines[i - 2], lines[i + 1 + split], lines[i + 2 + split]].map((l) => clean(l ?? '')).find((l) => NUMBER_ONLY.test(l))?.replace(/\s+/g, '');
    // another table's number just below the title: the title is printed under its own table's rows
    // (pdftotext -raw of some workbooks), and the rows below are the next table's
    const below = [lines[i + 1 + split], lines[i + 2 + split]].map((l) => clean(l ?? '')).find((l) => NUMBER_ONLY.test(l));
    const underItsRows = below !== undefined && kind.number !== undefined && ordinal(below) !== ordinal(kind.number);
    // the table runs to the next title (but its own, printed again on the next page, 续表 and
    // running heads continue it), another table's number, a part heading or prose
    let end = i + 1 + split;
    // ended at a title no layout knows: the rest of the table may stand beyond it (a running head
    // printed once), or another table may start there; either way the table is not certain
    let cut = false;
    while (end < lines.length) {
      const u = titleOf(clean(lines[end]!));
      if (PART_HEADING.test(u) || isProse(u)) break;
      if (CONTINUED.test(u)) {
        end++;
        continue;
      }
      if (NUMBER_ONLY.test(u) && u.replace(/\s+/g, '') !== number) break;
      const other = titleAt(end);
      if (other && base(other.text) !== base(t) && !runningHead(other.text)) {
        cut = kindOf(other.text) === undefined;
        break;
      }
      end++;
    }
    const entry: TextTable & { read?: Read } = { title: t, line: start + 1, key: kind.key };
    if (kind.shape === 'other') entry.why = 'shape';
    else if (cut || underItsRows) entry.why = 'uncertain';
    else if (kind.shape === 'sided') {
      const read = readSidedText(lines, start, end, file, kind.key);
      if (typeof read === 'string') entry.why = read;
      else {
        entry.grid = read.grid;
        if (read.parts) entry.parts = read.parts;
      }
    } else {
      const read = kind.shape === 'single' ? readSingleText(lines, start, end, file, kind.columns ?? []) : readCoded(lines, start, end);
      if (read === 'uncertain') entry.why = read;
      else if (read === 'empty') {
        // a title with nothing under it is a table of contents' line, no table
        if (end - start <= 2 + split) {
          i = end;
          continue;
        }
        // empty as printed only when it says so (本表为空表, 无…支出, a 合计 with no figure); else
        // its rows are where text put them, not known
        const said = lines.slice(start + 1, Math.min(lines.length, end + 2)).some((l) => EMPTY_SAID.test(l));
        entry.why = said ? 'empty' : 'uncertain';
      } else if ('placedBySums' in read) {
        entry.grid = read.grid;
        entry.single = { placedBySums: read.placedBySums };
      } else entry.read = read;
    }
    out.push(entry);
    i = end;
  }
  // a table of contents names each table once before the tables: the read one stands, else the
  // last (the table itself, not its entry in the contents); of two tables read for one role
  // (一般公共预算支出表 by function and by economic class), the first
  // two single-row tables for one role (this year's and last year's “三公”): which is which is not
  // known, so neither is read
  const twice = new Set(out.filter((e) => e.single && out.some((o) => o !== e && o.key === e.key && o.single)));
  for (const e of twice) {
    delete e.grid;
    delete e.single;
    e.why = 'uncertain';
  }
  const stands = new Map<string, TextTable & { read?: Read }>();
  for (const e of out) {
    const had = stands.get(e.key);
    if (!had || !(had.read || had.grid)) stands.set(e.key, e);
  }
  const kept = out.filter((e) => stands.get(e.key) === e || ((e.read || e.grid) && stands.get(e.key)!.title !== e.title));
  for (const e of kept) {
    if (stands.get(e.key) === e) continue;
    delete e.read;
    delete e.grid;
    delete e.single;
    e.why = 'duplicate';
  }
  // a name whose wrapped parts could not be told from its neighbours' is the name its code has in
  // a table where every name stood whole; else none (no name is better than a wrong one)
  const names = new Map<string, string>();
  for (const e of kept) for (const r of e.read?.records ?? []) if (r.code && r.sure && r.name.length) names.set(r.code.text, r.name.map((n) => n.text).join(''));
  for (const e of kept) {
    if (!e.read) continue;
    e.grid = gridOf(e.read, lines, file, names);
    if (e.read.sums) {
      e.parts = new Map();
      for (const r of e.read.records) if (r.rest?.length) e.parts.set(`@${r.line}`, cellsOf(r.rest, r.line));
    }
  }
  return kept.map(({ read: _r, ...e }) => e);
}

function cellsOf(figs: Token[], line: number): GridCell[] {
  return figs.map((f, k) => ({ text: f.text, line: f.line ?? line, column: f.column, field: k + 2 }));
}

/** A table's number as a number: 表六, 公开表6, 表十二, 公开 09 表 → 6, 6, 12, 9. */
function ordinal(s: string): number | undefined {
  const t = s.replace(/^(?:公开|附)?表\s*|^(?:公开|附)\s*|\s*表$/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  return chineseNumber(t) || undefined;
}

/** A title without the unit (and 编制部门) printed on its line. */
function titleOf(t: string): string {
  // titles are short; and no pattern anchored at the end runs over a long line of spaces
  if (t.length > 200) return t;
  const k = t.lastIndexOf('单位');
  if (k < 0 || !/^单位[:：]\s*(?:万元|千元|元)\s*$/.test(t.slice(k))) return t;
  let head = t.slice(0, k).trimEnd().replace(/金额$/, '').trimEnd();
  const e = head.lastIndexOf('编制');
  if (e >= 0 && /^编制(?:部门|单位)[:：]\S*$/.test(head.slice(e))) head = head.slice(0, e);
  return head.trim();
}

/** A title as compared with the same printed again: no spaces, no 续 mark. */
function base(t: string): string {
  return t.replace(/\s+/g, '').replace(/(?:[（(]续(?:表)?[）)]|续表)$/, '');
}

/** 续表 / （续上表） on a line of its own: the table goes on */
const CONTINUED = /^[（(]?续(?:上)?表[）)]?$/;
/** a table said to be empty: 本表为空表, 无…支出, 没有…安排 */
const EMPTY_SAID = /空表|无数据|本表无|没有.{0,30}(?:支出|收入|安排|预算)|无.{0,10}(?:支出|收入|预算)|^\s*合\s*计\s*$/;

/** A line without the form feed pdftotext puts at a page's start, trimmed. */
function clean(s: string): string {
  return s.replace(/\f/g, '').trim();
}

interface Read {
  start: number;
  records: Record[];
  /** whether every column after the total is a part of it */
  sums: boolean;
  unit?: UnitAt;
  headerLine?: number;
}

function readCoded(lines: string[], start: number, end: number): Read | 'empty' | 'uncertain' {
  const records: Record[] = [];
  let open: Record | undefined;
  let unit: Read['unit'];
  /** a total's label alone on its line ("合计"), its figures on the next */
  let pendingLabel: { tok: Token; line: number } | undefined;
  let firstHeader: number | undefined;
  /** the last header line, when it is the line just above the first row */
  let lastHeader: { line: number; column: number } | undefined;
  const header: string[] = [];
  /** words on lines of their own between two coded rows: the ends and starts of wrapped names */
  let between = 0;
  // whether the table prints its figures with a point: in a table of whole numbers a line of bare
  // numbers under a row may be its figures, a code or a page number, which text cannot tell apart
  let pointed = 0;
  for (let i = start + 1; i < end; i++) pointed += lines[i]!.match(/(?:^|\s)\d[\d,]*\.\d+(?=\s|$)/g)?.length ?? 0;
  const whole = pointed < 2;
  /** the words between two rows could end the one and start the other: neither name is certain */
  const close = (next: Record | undefined) => {
    const prev = records[records.length - 1];
    if (between > 0 && prev?.code) {
      prev.sure = false;
      if (next) next.sure = false;
    }
    between = 0;
  };
  for (let i = start + 1; i < end; i++) {
    const raw = lines[i]!.replace(/\f/g, ' ');
    const t = raw.trim();
    if (t === '') continue;
    const line = i + 1;
    // the unit and 编制部门 lines, printed again on the next page
    const u = unitLine(raw, t, line);
    if (u !== undefined) {
      unit ??= u ?? undefined;
      continue;
    }
    // a page number: a number alone at a page's end or start (pdftotext's form feed beside it)
    if (PAGE_NUMBER.test(t) && (lines[i]!.includes('\f') || (lines[i + 1] ?? '').startsWith('\f'))) continue;
    const lead = raw.length - raw.trimStart().length;
    const toks = tokens(raw);
    const allFigures = toks.every((x) => isFigure(x.text));
    // a total's figures under its label ("合计" / "10000 10000")
    if (pendingLabel && !open && allFigures) {
      close(undefined);
      const rec: Record = { line: pendingLabel.line, name: [pendingLabel.tok], nameLine: pendingLabel.line, sure: true, onLine: true };
      if (!take(rec, toks, line)) return 'uncertain';
      records.push(rec);
      pendingLabel = undefined;
      continue;
    }
    if (open && !open.total && allFigures && whole) return 'uncertain';
    const code = codeAt(t);
    if (code) {
      // a new coded row; one still waiting for its figures had none (a row of blanks), and words
      // taken under it may be the new row's
      const next: Record = { line, code: { text: code.text, column: lead + 1 }, name: [], nameLine: line, sure: true, onLine: false };
      if (open) {
        if (open.name.some((n) => n.line !== open!.line)) {
          open.sure = false;
          next.sure = false;
        }
        records.push(open);
      }
      if (!take(next, tokens(raw, lead + code.length), line)) return 'uncertain';
      next.onLine = next.name.length > 0;
      if (records.length === 0 && lastHeader && lastHeader.line === line - 1 && next.onLine && Math.abs(lastHeader.column - next.name[0]!.column) <= 3) next.sure = false;
      close(next);
      open = next;
      if (open.total) {
        records.push(open);
        open = undefined;
      }
      pendingLabel = undefined;
      continue;
    }
    const figures = toks.findIndex((x) => isFigure(x.text));
    if (open) {
      // the rest of a wrapped name, or the figures of the row
      if (!take(open, toks, line)) return 'uncertain';
      if (open.total) {
        records.push(open);
        open = undefined;
      }
      continue;
    }
    if (figures < 0) {
      // header lines, a repeated header on the next page, a running head; between rows, wrapped names
      const only = toks.length === 1 ? toks[0]! : undefined;
      pendingLabel = only && TOTAL_LABEL.test(only.text) ? { tok: only, line } : undefined;
      if (records.length === 0) {
        firstHeader ??= line;
        header.push(...t.split(/\s+/));
        lastHeader = { line, column: toks[0]!.column };
      } else if (!pendingLabel) between++;
      continue;
    }
    // figures outside a coded row: a total row, or a page number
    const label = toks.slice(0, figures);
    if (label.length === 0 && PAGE_NUMBER.test(t) && !t.includes('.') && !whole) continue;
    if (label.length === 1 && TOTAL_LABEL.test(label[0]!.text)) {
      close(undefined);
      const rec: Record = { line, name: [], nameLine: line, sure: true, onLine: true };
      if (!take(rec, toks, line)) return 'uncertain';
      records.push(rec);
      continue;
    }
    // any other row of figures without a code: its place in the table is not known
    return 'uncertain';
  }
  if (open) records.push(open);
  close(undefined);
  const coded = records.filter((r) => r.code);
  if (coded.length === 0) return 'empty';
  if (!totalFirst(header)) return 'uncertain';
  // a coded table prints its 合计 once (at its head or its foot): one without was cut short, one
  // with two is two tables under one title (a department's and a unit's, by function and by class)
  if (records.filter((r) => !r.code && r.total).length !== 1) return 'uncertain';
  // a coded row is printed because it holds money: one without a figure is a page number read as a
  // code, or a row whose figures text put elsewhere (after a note, in a column of their own)
  if (coded.some((r) => !r.total)) return 'uncertain';
  // codes run in order (201, 20103, 2010301, 20132 …): one out of order is another table's row
  for (let k = 1; k < coded.length; k++) if (coded[k]!.code!.text <= coded[k - 1]!.code!.text) return 'uncertain';
  // a total is at least each of its parts: a row whose first figure is smaller than another is a
  // row whose total is not first (a part, a year before, a change)
  for (const r of records) {
    const first = r.total && NUMBER.test(r.total.token.text) ? amountOf(r.total.token.text) : undefined;
    if (first === undefined || first.isNegative()) continue;
    if ((r.rest ?? []).some((x) => NUMBER.test(x.text) && amountOf(x.text)!.greaterThan(first))) return 'uncertain';
  }
  // one table prints its figures one way (2 decimals, or whole numbers): a total printed otherwise
  // may be a figure cut across two lines ("1444." / "34")
  const places = new Set<number>();
  for (const r of records) if (r.total && NUMBER.test(r.total.token.text)) places.add(r.total.token.text.split('.')[1]?.length ?? 0);
  if (places.size > 1) return 'uncertain';
  const read: Read = { start, records, sums: partsOnly(header) && sumsMostlyHold(records) };
  if (unit) read.unit = unit;
  if (firstHeader !== undefined) read.headerLine = firstHeader;
  return read;
}

/**
 * A classification code at the start of a line: 201, 201 03, 201 03 01, 2010301, 2010301行政运行.
 * Only codes of a class that exists (2xx by function, 3xx and 5xx by economic class): a whole
 * number in 元 ("10000 10000") is no code.
 */
function codeAt(t: string): { text: string; length: number } | undefined {
  const m = CODE_SPLIT.exec(t) ?? CODE_JOINED.exec(t);
  if (!m) return undefined;
  const text = m.slice(1).filter((x) => x !== undefined).join('');
  return /^[235]\d\d/.test(text) && !/^[235]00/.test(text) ? { text, length: m[0].length } : undefined;
}

function gridOf(read: Read, lines: string[], file: string, names: Map<string, string>): Grid {
  const { start, records, unit } = read;
  const rows: GridRow[] = [];
  const cell = (text: string, line: number, column: number, field: number): GridCell => ({ text, line, column, field });
  const title = clean(lines[start]!);
  rows.push({ line: start + 1, cells: [cell(title, start + 1, lines[start]!.indexOf(title) + 1, 1)] });
  if (unit) rows.push({ line: unit.line, cells: [cell(unit.text, unit.line, unit.column, 1)] });
  // the header is the reader's own: what text shows of the columns is their names, not their places
  const headerLine = read.headerLine ?? unit?.line ?? start + 1;
  rows.push({ line: headerLine, cells: [cell('科目编码', headerLine, 1, 1), cell('科目名称', headerLine, 1, 2), cell('合计', headerLine, 1, 3)] });
  for (const r of records) {
    const name = r.sure ? r.name.map((n) => n.text).join('') : (names.get(r.code?.text ?? '') ?? '');
    const nameCol = r.name[0]?.column ?? 1;
    const total = r.total ? cell(DASH.test(r.total.token.text) ? '' : r.total.token.text, r.total.line, r.total.token.column, 3) : cell('', r.line, 1, 3);
    // a total row's label stands in the code column, as tables print it
    if (!r.code) rows.push({ line: r.line, cells: [cell(name || '合计', r.nameLine, nameCol, 1), cell('', r.nameLine, nameCol, 2), total] });
    else rows.push({ line: r.line, cells: [cell(r.code.text, r.line, r.code.column, 1), cell(name, r.nameLine, nameCol, 2), total] });
  }
  return { file, rows };
}
/**
 * Tokens of a row taken into it: words before the first figure are its name, the first figure its
 * total; false when the row cannot be read with certainty (a figure cut at its point, words after
 * the figures).
 */
function take(r: Record, toks: Token[], line: number): boolean {
  if (toks.some((x) => CUT.test(x.text))) return false;
  const first = toks.findIndex((x) => isFigure(x.text));
  const words = first < 0 ? toks : toks.slice(0, first);
  if (words.length && r.name.length === 0) r.nameLine = line;
  for (const w of words) r.name.push({ ...w, line });
  if (first < 0) return true;
  const figs = toks.slice(first);
  if (!figs.every((x) => isFigure(x.text)) || groupsSplit(figs)) return false;
  r.total = { token: figs[0]!, line };
  r.rest = figs.slice(1).map((f) => ({ ...f, line }));
  return !/\.$/.test(figs[0]!.text);
}

// ---------- two-sided summaries: 收入 | 支出 on one line ----------
//
// A budget's 收支总表 and 财政拨款收支总表 print an income item and an expense item on each line:
// "财政拨款（补助） 3192.57 201 一般公共服务支出 1785.63", "2. 政府性基金 三、社会保障和就业支出 3,808,085.00",
// "收入总计 3192.57 支出总计 3192.57 3192.57". The income side has one amount column; the expense side's
// first is its total. A line is split where the expense item starts (its code, its numbering before a
// name ending in 支出, its 支出总计); every label must say which side it is on, or the table is not read.

/** a row's numbering as a word of its own: "1." "（一）" — a label's part, not a figure */
const NUMBERING = /^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])$/;
const INCOME_TOTAL = /^(?:本年)?收入(?:总计|合计)$/;
const EXPENSE_TOTAL = /^(?:本年)?支出(?:总计|合计)$/;

type Side = 'income' | 'expense';

/** the sources of money a summary lists on its income side */
const INCOME_ITEMS: ReadonlySet<string> = new Set(['fiscal', 'generalBudget', 'governmentFund', 'stateCapital', 'specialAccount', 'business', 'operating', 'upperSubsidy', 'subsidiaryRemit', 'other', 'businessFund']);
const INCOME_ADJUSTMENT = /^(?:上年结转(?:和结余)?|年初结转和结余|上年结余|用事业基金弥补收支差额)$/;
const EXPENSE_ADJUSTMENT = /^(?:结转下年|年末结转和结余|结余分配)$/;

/**
 * Which side a label belongs to: an income item, total or carry-over of the template's own wording,
 * or a 类 of the functional classification, an expense total or carry-over. Undefined for anything
 * else — a wrapped label's half, a use (基本支出), an economic class: such a summary is not read.
 */
function sideOf(label: string): Side | undefined {
  const l = normalizeLabel(stripNumbering(label));
  if (EXPENSE_TOTAL.test(l)) return 'expense';
  if (INCOME_TOTAL.test(l)) return 'income';
  if (INCOME_ADJUSTMENT.test(l)) return 'income';
  if (EXPENSE_ADJUSTMENT.test(l)) return 'expense';
  const item = itemOf(label);
  if (item && INCOME_ITEMS.has(item)) return 'income';
  if (functionClassByName(label)) return 'expense';
  return undefined;
}

/** Whether a name is that of the 类 a code stands for (printed whole, or cut short in a narrow cell). */
function namesClass(code: string, name: string): boolean {
  const cls = FUNCTION_CLASSES[code];
  const n = normalizeLabel(name);
  return cls !== undefined && (functionClassByName(n) === code || (n.length >= 4 && cls.startsWith(n)));
}

interface Segment {
  code?: Token;
  words: Token[];
  figures: Token[];
}

/** A line's segments (a code, words, figures), or undefined when it cannot be split for sure. */
function segmentsOf(toks: Token[]): Segment[] | undefined {
  const segs: Segment[] = [];
  let cur: Segment | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (CUT.test(t.text) && !NUMBERING.test(t.text)) return undefined;
    // a 类 of the functional classification before its name (a whole number in 元 is no code:
    // the codes of a summary are checked to run in order, below)
    const isCode = /^2[0-3]\d$/.test(t.text) && next !== undefined && !isFigure(next.text) && namesClass(t.text, next.text);
    if (isCode) {
      cur = { code: t, words: [], figures: [] };
      segs.push(cur);
    } else if (isFigure(t.text) && !NUMBERING.test(t.text)) {
      if (!cur) return undefined;
      cur.figures.push(t);
    } else {
      if (!cur || cur.figures.length) segs.push((cur = { words: [], figures: [] }));
      cur.words.push(t);
    }
  }
  // a run of words without a code may hold an income label and then an expense one
  const out: Segment[] = [];
  for (const g of segs) {
    if (g.code || g.words.length < 2) {
      out.push(g);
      continue;
    }
    // labels are a few words: a longer run is no summary's line (and is not tried at every cut)
    if (g.words.length > 12) return undefined;
    const cuts: number[] = [];
    for (let k = 1; k < g.words.length; k++) {
      const head = g.words.slice(0, k).map((x) => x.text).join('');
      const tail = g.words.slice(k).map((x) => x.text).join('');
      if (sideOf(head) === 'income' && sideOf(tail) === 'expense') cuts.push(k);
    }
    if (cuts.length > 1) return undefined;
    if (cuts.length === 0) out.push(g);
    else {
      const k = cuts[0]!;
      out.push({ words: g.words.slice(0, k), figures: [] }, { words: g.words.slice(k), figures: g.figures });
    }
  }
  return out;
}

interface SidedItem {
  label: Token[];
  code?: Token;
  total?: Token;
  /** the figures after the total (the expense side's sources: 一般公共预算, 政府性基金 …) */
  rest?: Token[];
  line: number;
}

function readSidedText(lines: string[], start: number, end: number, file: string, key: string): { grid: Grid; parts?: Map<string, GridCell[]> } | 'empty' | 'uncertain' {
  const income: SidedItem[] = [];
  const expense: SidedItem[] = [];
  const rows: Array<{ line: number; income?: SidedItem; expense?: SidedItem }> = [];
  let unit: UnitAt | undefined;
  const header: string[] = [];
  let headerLine = start + 1;
  let started = false;
  for (let i = start + 1; i < end; i++) {
    const raw = lines[i]!.replace(/\f/g, ' ');
    const t = raw.trim();
    if (t === '') continue;
    const line = i + 1;
    if (!unit && UNIT_LINE.test(t)) {
      const m = UNIT_LINE.exec(raw)!;
      unit = { text: m[0], line, column: m.index + 1 };
      continue;
    }
    if (/^编制(?:部门|单位)/.test(t)) continue;
    const toks = tokens(raw);
    const segs = segmentsOf(toks);
    if (!segs || segs.some((g) => groupsSplit(g.figures))) return 'uncertain';
    const hasFigures = segs.some((g) => g.figures.length);
    const hasCode = segs.some((g) => g.code);
    if (!started && !hasFigures && !hasCode) {
      header.push(...toks.map((x) => x.text));
      headerLine = line;
      continue;
    }
    if (!hasFigures && !hasCode && PAGE_NUMBER.test(t)) continue;
    started = true;
    const row: { line: number; income?: SidedItem; expense?: SidedItem } = { line };
    for (const g of segs) {
      const label = g.words.map((w) => w.text).join('');
      if (g.words.length === 0) return 'uncertain';
      const side: Side | undefined = g.code ? 'expense' : sideOf(label);
      if (!side) {
        // words that say nothing, with no figure: a wrapped label's end is not certain to be harmless
        return 'uncertain';
      }
      if (row[side] || (side === 'income' && row.expense)) return 'uncertain';
      if (side === 'income' && g.figures.length > 1) return 'uncertain';
      const item: SidedItem = { label: g.words, line };
      if (g.code) item.code = g.code;
      if (g.figures[0]) item.total = g.figures[0];
      if (g.figures.length > 1) item.rest = g.figures.slice(1);
      row[side] = item;
      (side === 'income' ? income : expense).push(item);
    }
    rows.push(row);
  }
  // the 类 of a summary run in order: a figure read as a code would break it
  const codes = expense.filter((x) => x.code).map((x) => Number(x.code!.text));
  if (codes.some((c, i) => i > 0 && c <= codes[i - 1]!)) return 'uncertain';
  // a summary is never empty: one with no figure was printed in an order text does not keep
  if (!income.some((x) => x.total) && !expense.some((x) => x.total)) return 'uncertain';
  // each side's first amount column is its total: the header's first amount word (the income
  // side's), and the first after it (the expense side's), are 合计, 预算数, 金额 or 总计
  const TOTALISH = /^(?:合计|总计|预算数|金额)$/;
  const AMOUNT = /^(?:合计|总计|小计|预算数|金额)$|一般公共|政府性|国有资本|基金|拨款|基本支出|项目支出|专户|事业|经营|其他/;
  const amounts = header.filter((w) => AMOUNT.test(w) && !/收入$|支出$/.test(w));
  if (amounts.length < 2 || !TOTALISH.test(amounts[0]!) || !TOTALISH.test(amounts[1]!)) return 'uncertain';
  const withCodes = expense.some((x) => x.code);
  const fiscal = key === 'fiscalOverview';
  const cell = (text: string, line: number, column: number, field: number): GridCell => ({ text, line, column, field });
  const out: GridRow[] = [];
  const title = clean(lines[start]!);
  out.push({ line: start + 1, cells: [cell(title, start + 1, lines[start]!.indexOf(title) + 1, 1)] });
  if (unit) out.push({ line: unit.line, cells: [cell(unit.text, unit.line, unit.column, 1)] });
  const band = fiscal ? ['财政拨款收入', '财政拨款收入', '财政拨款支出', '财政拨款支出', '财政拨款支出'] : ['收入', '收入', '支出', '支出', '支出'];
  const head = withCodes ? ['项目', '预算数', '功能分类', '功能分类', fiscal ? '合计' : '预算数'] : ['项目', '预算数', '项目', fiscal ? '合计' : '预算数'];
  if (!withCodes) band.pop();
  const hl = headerLine;
  out.push({ line: hl, cells: band.map((b, k) => cell(b, hl, 1, k + 1)) });
  out.push({ line: hl, cells: head.map((h, k) => cell(h, hl, 1, k + 1)) });
  for (const r of rows) {
    const cells: GridCell[] = [];
    const put = (text: string, tok: Token | undefined, line: number) => cells.push(cell(text, line, tok?.column ?? 1, cells.length + 1));
    const inc = r.income;
    put(inc ? inc.label.map((w) => w.text).join('') : '', inc?.label[0], r.line);
    put(inc?.total && !DASH.test(inc.total.text) ? inc.total.text : '', inc?.total, r.line);
    const exp = r.expense;
    const label = exp ? exp.label.map((w) => w.text).join('') : '';
    if (withCodes) {
      // a total's label stands over the code and name, as the tables print it
      put(exp?.code?.text ?? (exp && !exp.code ? label : ''), exp?.code ?? exp?.label[0], r.line);
      put(exp?.code ? label : '', exp?.label[0], r.line);
    } else put(label, exp?.label[0], r.line);
    put(exp?.total && !DASH.test(exp.total.text) ? exp.total.text : '', exp?.total, r.line);
    out.push({ line: r.line, cells });
  }
  // the expense side's figures after its total, when the header's last total is followed by its parts only
  const last = header.reduce((k, w, i) => (TOTAL_WORD.test(w) ? i : k), -1);
  if (last < 0 || !partsOnly(header.slice(last))) return { grid: { file, rows: out } };
  const parts = new Map<string, GridCell[]>();
  for (const x of expense) if (x.rest?.length) parts.set(`expense@${x.line}`, cellsOf(x.rest, x.line));
  return { grid: { file, rows: out }, parts };
}

// ---------- single-row tables: the “三公” table ----------
//
// One line of figures under a header of named columns, in an order the layout gives
// (textColumns): "60.58 51.56 51.56 9.02" under 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 |
// 购置费 | 运行费) | 公务接待费. An empty cell leaves no trace, so four figures may stand under any four
// of the six columns, in order. The columns add up (合计 = 因公出国 + 公务用车 + 公务接待, 公务用车 =
// 购置 + 运行), and of the placements that keep every sum (within rounding) a column is read only
// where all of them put the same figure there: here 合计 60.58, 因公出国 empty, 公务用车 51.56 and
// 公务接待 9.02; 51.56 may be the 购置费 or the 运行费, so neither is read. The sums having placed the
// figures, they are not checked again (every column printed: the one placement, and its sums checked).
// The header must show the layout's columns, no other, in the layout's order (sibling columns by
// their words: from left to right in a -layout text, in reading order otherwise), or the table is
// not read: another region's columns or order would place figures wrongly.

/** The words that name a column in a header, a part of a word where text splits it ("公务用车运 / 行维护费"). */
const SINGLE_MARKERS: { readonly [key: string]: RegExp } = {
  total: /^(?:[“"]?三公[”"]?经费)?(?:合计|总计)$/,
  threePublic: /三公/,
  abroad: /因公/,
  // 公务用车购置及运行（维护）费, also written 购置和运行 or 购置与运行
  vehicles: /购置[及和与]运行/,
  vehiclePurchase: /购置(?![及和与])|用车购$/,
  vehicleOperation: /(?<![及和与关])运行|用车运$/,
  reception: /接待|公务接$/,
  meeting: /会议/,
  training: /培训/,
  agencyOperation: /机关运行/,
};

/** Which column a header word names, the longer names first (公务用车购置及运行费 before 购置费, 机关运行经费 before 运行费; “三公”经费合计 the total). */
const MARKER_ORDER = ['agencyOperation', 'vehicles', 'total', 'threePublic', 'abroad', 'reception', 'meeting', 'training', 'vehiclePurchase', 'vehicleOperation'];

/** A word of a column that sums others: the table's 合计 (“三公”经费合计), a group's 小计. */
const SUM_WORD = /^(?:(?:[“"]?三公[”"]?经费)?(?:合计|总计)|小计)$/;

/** Words a header may print spaced out, one character or two at a time ("合　计"). */
const SPACED_WORDS = new Set(['合计', '小计', '总计', '预算数', '决算数']);

/**
 * A header line's words as they name columns: a word printed spaced out ("合 计") made one, and a
 * note in brackets dropped from the word it explains (公务接待费（含外宾接待）); a note cut over
 * two words or lines is left, and the header's characters then leave the table unread.
 */
function headerWords(toks: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    let merged: Token | undefined;
    for (let n = 2; n <= 3 && !merged && i + n <= toks.length; n++) {
      const part = toks.slice(i, i + n);
      const joined = part.map((t) => t.text).join('');
      if (part.every((t) => t.text.length <= 2) && SPACED_WORDS.has(joined)) {
        merged = { ...toks[i]!, text: joined };
        i += n - 1;
      }
    }
    const w = merged ?? toks[i]!;
    const text = w.text.replace(/[（(]含[^（()）]*[）)]/g, '');
    if (text !== '') out.push(text === w.text ? w : { ...w, text });
  }
  return out;
}

/** A listed column, `key` or `key@dimension` (a 决算's 预算数 and 决算数 of one column), as its parts. */
function splitColumn(c: string): { key: string; dim: string | undefined } {
  const at = c.indexOf('@');
  return at < 0 ? { key: c, dim: undefined } : { key: c.slice(0, at), dim: c.slice(at + 1) };
}

/** How each listed column is a part of another listed one: its nearest listed ancestor (COLUMN_PARENT) of the same dimension. */
function listedParents(columns: readonly string[]): Array<number | undefined> {
  return columns.map((c) => {
    const { key, dim } = splitColumn(c);
    for (let p = COLUMN_PARENT[key as keyof typeof COLUMN_PARENT]; p !== undefined; p = COLUMN_PARENT[p as keyof typeof COLUMN_PARENT]) {
      const i = columns.indexOf(dim === undefined ? p : `${p}@${dim}`);
      if (i >= 0) return i;
    }
    return undefined;
  });
}

/** The words of a 决算's figures of one column, in the order the layout lists them. */
const DIMENSION_MARKERS: { readonly [dim: string]: RegExp } = { budget: /预算/, final: /决算/ };

/**
 * Whether words stand in order: from left to right in a text that keeps the page's columns (-layout:
 * a word wrapped onto a lower line would misorder them in reading order), else in reading order
 * (where a word's place on its line says nothing of its column).
 */
function ordered(ws: ReadonlyArray<Token & { line: number }>, spaced: boolean): boolean {
  if (spaced) return ws.every((w, j) => j === 0 || ws[j - 1]!.column < w.column);
  return ws.every((w, j) => j === 0 || ws[j - 1]!.line < w.line || (ws[j - 1]!.line === w.line && ws[j - 1]!.column < w.column));
}

/**
 * Whether the header shows the listed columns in their order: the columns of each parent by their
 * words (see `ordered`), and a 决算's dimensions once: 预算数 before 决算数.
 */
function headerInOrder(words: Array<Token & { line: number }>, columns: readonly string[], parents: Array<number | undefined>, spaced: boolean): boolean {
  const wordOf = (re: RegExp | undefined) => (re ? words.find((w) => re.test(w.text)) : undefined);
  const at = columns.map((c) => wordOf(SINGLE_MARKERS[splitColumn(c).key]));
  if (at.some((w) => w === undefined)) return false;
  const dims = [...new Set(columns.map((c) => splitColumn(c).dim).filter((d) => d !== undefined))];
  if (dims.length) {
    const dw = dims.map((d) => wordOf(DIMENSION_MARKERS[d]));
    if (dw.some((w) => w === undefined) || !ordered(dw as Array<Token & { line: number }>, spaced)) return false;
  }
  // siblings by parent's key (the same for each dimension), each key once
  const groups = new Map<string, string[]>();
  parents.forEach((p, i) => {
    const g = p === undefined ? '' : splitColumn(columns[p]!).key;
    const key = splitColumn(columns[i]!).key;
    const list = groups.get(g) ?? [];
    if (!list.includes(key)) list.push(key);
    groups.set(g, list);
  });
  const wordOfKey = (k: string) => at[columns.findIndex((c) => splitColumn(c).key === k)]!;
  for (const keys of groups.values()) if (!ordered(keys.map(wordOfKey), spaced)) return false;
  // a column that sums others stands before them (合计 first; a group's 小计 before its parts) and
  // after the sibling before it: the 合计/小计 words taken in turn, the table's total first, then
  // each group's in the layout's order
  const subtotals = words.filter((w) => SUM_WORD.test(w.text));
  const sums = [...new Set(parents.filter((p): p is number => p !== undefined).map((p) => splitColumn(columns[p]!).key))];
  sums.sort((a, b) => columns.findIndex((c) => splitColumn(c).key === a) - columns.findIndex((c) => splitColumn(c).key === b));
  for (const [g, keys] of groups) {
    if (g === '') continue;
    const head = subtotals[sums.indexOf(g)];
    if (!head) return false;
    for (const k of keys) if (!ordered([head, wordOfKey(k)], spaced)) return false;
    const own = [...groups.values()].find((ks) => ks.includes(g));
    const before = own ? own[own.indexOf(g) - 1] : undefined;
    if (before !== undefined && !ordered([wordOfKey(before), head], spaced)) return false;
  }
  return true;
}

/**
 * Whether the header shows the listed columns and no others: no column a layout names elsewhere
 * (会议费, 机关运行经费 in a table listed without them; “三公” names the table itself), no two
 * years' groups, no 决算 column in a budget's table, and one 合计/小计 for each column that sums
 * others (a 公务用车购置及运行费 printed over 购置费 and 运行费 with no 小计 of its own is a band,
 * not a column).
 */
function headerComplete(words: ReadonlyArray<Token & { line: number }>, columns: readonly string[], parents: ReadonlyArray<number | undefined>): boolean {
  const keys = new Set(columns.map((c) => splitColumn(c).key));
  const dims = columns.some((c) => splitColumn(c).dim);
  // every character of the header is one of the columns' names (however text splits them), of
  // 合计/小计, 预算数 (决算数), a year, or the table's own “三公”经费: 其中：外事接待费 is another column
  const known = new Set([...columns.map((c) => SINGLE_LABEL[splitColumn(c).key] ?? ''), '合计小计总计预算数年“”"\'（）()：:、·三公经费维护和与财政拨款一般公共万元', dims ? '决算全初' : ''].join(''));
  if (words.some((w) => [...w.text].some((ch) => !known.has(ch) && !/[\d\s]/.test(ch)))) return false;
  // each column named once (a line listing the columns above the header may name them in another order)
  const named = new Set<string>();
  for (const w of words) {
    const key = MARKER_ORDER.find((k) => SINGLE_MARKERS[k]!.test(w.text));
    if (key === undefined || key === 'total' || key === 'threePublic') continue;
    if (!keys.has(key) || named.has(key)) return false;
    named.add(key);
  }
  // another year's group (2021年, 上年, 执行数) or the rows' numbers (序号) beside the columns
  if (words.filter((w) => /\d{4}\s*年|本年/.test(w.text)).length > 1 || words.some((w) => /上年|执行|^(?:序号|行次)$/.test(w.text))) return false;
  if (!dims && words.some((w) => /决算/.test(w.text))) return false;
  // a 决算's 预算数 and 决算数 named over each column (not once over a group of columns each)
  if (dims && words.filter((w) => /预算|决算/.test(w.text)).length !== columns.length) return false;
  const sums = new Set(parents.filter((p): p is number => p !== undefined).map((p) => splitColumn(columns[p]!).key));
  return words.filter((w) => SUM_WORD.test(w.text)).length === sums.size;
}

/** The interval a figure of the row stands for; a dash or an absent figure is an empty cell, exactly zero. */
function rowInterval(t: string | undefined): Interval {
  if (t === undefined || DASH.test(t)) return exact(ZERO);
  const p = parseNumber(t);
  return p.kind === 'number' ? displayedIn(p.n, ONE) : exact(ZERO);
}

/** Whether a placement (figure index per column, or -1) keeps every column sum, within rounding. */
function placementHolds(figs: readonly Token[], at: readonly number[], parents: ReadonlyArray<number | undefined>): boolean {
  const iv = at.map((k) => rowInterval(k >= 0 ? figs[k]!.text : undefined));
  const sums = new Map<number, Interval>();
  parents.forEach((p, i) => {
    if (p !== undefined) sums.set(p, add(sums.get(p) ?? exact(ZERO), iv[i]!));
  });
  for (const [p, s] of sums) if (!overlaps(iv[p]!, s)) return false;
  return true;
}

/** Every way to put `k` figures, in order, under `n` columns. */
function* placements(n: number, k: number): Generator<number[]> {
  const pick: number[] = [];
  function* go(from: number): Generator<number[]> {
    if (pick.length === k) {
      const at = new Array<number>(n).fill(-1);
      pick.forEach((col, f) => (at[col] = f));
      yield at;
      return;
    }
    for (let c = from; c <= n - (k - pick.length); c++) {
      pick.push(c);
      yield* go(c + 1);
      pick.pop();
    }
  }
  yield* go(0);
}

/**
 * A single-row table: its grid of the columns whose figure is certain, and whether the column sums
 * placed it (then they are not checked again).
 */
export function readSingleText(lines: string[], start: number, end: number, file: string, columns: readonly string[]): { grid: Grid; placedBySums: boolean } | 'empty' | 'uncertain' {
  let unit: UnitAt | undefined;
  const words: Array<Token & { line: number }> = [];
  let row: { line: number; figs: Token[] } | undefined;
  let spaced = false;
  /** a whole number alone at a page break: a page's number only where the row's figures have decimals */
  let pageNumber = false;
  for (let i = start + 1; i < end; i++) {
    const raw = lines[i]!.replace(/\f/g, ' ');
    const t = raw.trim();
    if (t === '') continue;
    const line = i + 1;
    const u = unitLine(raw, t, line);
    if (u !== undefined) {
      unit ??= u ?? undefined;
      continue;
    }
    // the department and a unit cut over two lines (单位：万 / 元), printed where 编制部门 stands
    if (/^(?:部门名称|单位)[:：]/.test(t)) continue;
    const toks = tokens(raw);
    const figs = toks.filter((x) => isFigure(x.text));
    if (figs.length === toks.length) {
      // the columns' numbers (栏次: 1 2 3 …) are no figures
      if (toks.every((x, j) => x.text === String(j + 1))) continue;
      // a whole number alone: a page's number at a page break (pdftotext's form feed beside it);
      // else a page's or a cell of the row on a line of its own, which text cannot tell apart
      if (toks.length === 1 && /^\d+$/.test(toks[0]!.text)) {
        if (!lines[i]!.includes('\f') && !(lines[i + 1] ?? '').startsWith('\f')) return 'uncertain';
        pageNumber = true;
        continue;
      }
      // a second line of figures (the row wrapped, or a second row): not one row for certain
      if (row || toks.some((x) => CUT.test(x.text)) || groupsSplit(toks)) return 'uncertain';
      row = { line, figs: toks };
      continue;
    }
    // a note under the row (注：…) ends it; a labelled row of figures after it (合计 60.58 …) makes
    // it one of several rows; any other figure among words is no header of names
    if (row) {
      if (/^(?:注|备注|说明)/.test(t)) break;
      const first = toks.findIndex((x) => isFigure(x.text));
      if (first >= 1 && first <= 2 && toks.slice(first).every((x) => isFigure(x.text))) return 'uncertain';
      continue;
    }
    if (figs.length) return 'uncertain';
    // a header line indented, or with words set apart by runs of spaces: the page's columns kept
    if (/^\s{2,}\S|\S\s{2,}\S/.test(raw)) spaced = true;
    for (const w of headerWords(toks)) words.push({ ...w, line });
  }
  if (!row) return pageNumber ? 'uncertain' : 'empty';
  if (pageNumber && !row.figs.some((f) => f.text.includes('.'))) return 'uncertain';
  const parents = listedParents(columns);
  const n = columns.length;
  const k = row.figs.length;
  if (k > n || !headerInOrder(words, columns, parents, spaced) || !headerComplete(words, columns, parents)) return 'uncertain';
  // every column printed: one placement, its sums left to the rules; else the placements the sums allow
  const fits: number[][] = [];
  if (k === n) fits.push(columns.map((_, i) => i));
  else {
    for (const at of placements(n, k)) {
      if (placementHolds(row.figs, at, parents)) fits.push(at);
      // more placements than a row of this size can have kept apart: not certain
      if (fits.length > 64) return 'uncertain';
    }
  }
  if (fits.length === 0) return 'uncertain';
  // a column is read where every placement gives it the same figure (an empty cell counts as one)
  const text = (f: number) => (f < 0 || DASH.test(row.figs[f]!.text) ? '' : row.figs[f]!.text);
  const certain = columns.map((_, c) => fits.every((at) => text(at[c]!) === text(fits[0]![c]!)));
  if (!certain[0]) return 'uncertain';
  const cell = (t: string, line: number, column: number, field: number): GridCell => ({ text: t, line, column, field });
  const rows: GridRow[] = [];
  const title = clean(lines[start]!);
  rows.push({ line: start + 1, cells: [cell(title, start + 1, lines[start]!.indexOf(title) + 1, 1)] });
  if (unit) rows.push({ line: unit.line, cells: [cell(unit.text, unit.line, unit.column, 1)] });
  // the header is the reader's own, of the certain columns only, named by their keys' names
  const kept = columns.map((key, c) => ({ key, c })).filter(({ c }) => certain[c]);
  const headerLine = words[0]?.line ?? row.line;
  rows.push({ line: headerLine, cells: kept.map(({ key }, j) => cell(SINGLE_LABEL[splitColumn(key).key] ?? key, headerLine, 1, j + 1)) });
  // a 决算's two figures of a column: 预算数 and 决算数 under its name
  if (kept.some(({ key }) => splitColumn(key).dim)) rows.push({ line: headerLine, cells: kept.map(({ key }, j) => cell(DIMENSION_LABEL[splitColumn(key).dim ?? ''] ?? '', headerLine, 1, j + 1)) });
  rows.push({
    line: row.line,
    cells: kept.map(({ c }, j) => {
      const f = fits[0]![c]!;
      return f >= 0 ? cell(text(f), row.line, row.figs[f]!.column, j + 1) : cell('', row.line, row.figs[0]!.column, j + 1);
    }),
  });
  return { grid: { file, rows }, placedBySums: k < n };
}

const DIMENSION_LABEL: { readonly [dim: string]: string } = { budget: '预算数', final: '决算数' };

/** A column's name in the reader's own header: words the header reader takes for that column. */
const SINGLE_LABEL: { readonly [key: string]: string } = {
  total: '合计',
  threePublic: '“三公”经费',
  abroad: '因公出国（境）费',
  vehicles: '公务用车购置及运行费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行费',
  reception: '公务接待费',
  meeting: '会议费',
  training: '培训费',
  agencyOperation: '机关运行经费',
};
