// Bounds on what one disclosure may make the checker hold and do. Published tables are far
// smaller (a large department prints a few thousand rows); the checks take time linear in the
// rows, and these bound the memory a disclosure's tables may take, so past them the input is refused.
import { InputError, type Bilingual } from './errors.js';

/** rows all the tables of one disclosure (every file and sheet) may have: 表三 and 表五 of
 *  100,000 rows each, with the others beside them */
export const MAX_TABLE_ROWS = 250_000;
/** cells all the tables of one disclosure may spread over, as laid out in rows and columns */
export const MAX_TABLE_CELLS = 2_000_000;
/** characters of cell text all the tables of one disclosure may hold (a workbook's shared
 *  strings can repeat one long text in every cell: text is counted where it is shown) */
export const MAX_TABLE_CHARS = 64 * 1024 * 1024;
/** figures (numbers) one 情况说明 text may hold: a long one has a few thousand, and every figure
 *  costs its claims, their checks and their findings */
export const MAX_TEXT_FIGURES = 50_000;
/** lines one 情况说明 text may have: a 200-page disclosure extracted from PDF has some tens of
 *  thousands, and every line costs its own positions and classification */
export const MAX_TEXT_LINES = 200_000;
/** headings, 其中, 包括 and 项目名称 one text may hold: each opens a section, list or project */
export const MAX_TEXT_MARKERS = 50_000;
/** digits of one number: more is no amount, and decimal arithmetic on it costs its length */
export const MAX_NUMBER_DIGITS = 40;

/** Raised where a limit is crossed, before the file and line are known. */
export class LimitExceeded extends Error {
  constructor(
    readonly what: 'rows' | 'cells' | 'chars' | 'digits' | 'magnitude' | 'figures' | 'lines' | 'markers',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`limit of ${what} exceeded`);
    this.name = 'LimitExceeded';
  }

  toInputError(file: string): InputError {
    return new InputError(limitMessage(this.what), file, this.line, this.column);
  }
}

export function limitMessage(what: LimitExceeded['what']): Bilingual {
  switch (what) {
    case 'rows':
      return { zh: `表格过大：本披露的表格合计超过 ${MAX_TABLE_ROWS} 行`, en: `tables too large: this disclosure's tables have more than ${MAX_TABLE_ROWS} rows in all` };
    case 'cells':
      return { zh: `表格过大：本披露的表格合计超过 ${MAX_TABLE_CELLS} 个单元格`, en: `tables too large: this disclosure's tables have more than ${MAX_TABLE_CELLS} cells in all` };
    case 'chars':
      return { zh: `表格过大：本披露的表格文字合计超过 ${MAX_TABLE_CHARS} 个字符`, en: `tables too large: this disclosure's tables hold more than ${MAX_TABLE_CHARS} characters of text in all` };
    case 'magnitude':
      return { zh: '数值超出 Excel 能存储的范围，不是可核对的金额', en: 'a number beyond what Excel can store is no amount that can be checked' };
    case 'figures':
      return { zh: `说明中的数字过多（超过 ${MAX_TEXT_FIGURES} 个）`, en: `the text holds more than ${MAX_TEXT_FIGURES} figures` };
    case 'lines':
      return { zh: `说明超过 ${MAX_TEXT_LINES} 行`, en: `the text has more than ${MAX_TEXT_LINES} lines` };
    case 'markers':
      return { zh: `说明中的标题、“其中”“包括”和“项目名称”合计超过 ${MAX_TEXT_MARKERS} 个`, en: `the text holds more than ${MAX_TEXT_MARKERS} headings, 其中, 包括 and 项目名称 in all` };
    case 'digits':
      return { zh: `数字超过 ${MAX_NUMBER_DIGITS} 位，不是可核对的金额`, en: `a number of more than ${MAX_NUMBER_DIGITS} digits is no amount that can be checked` };
  }
}

/** What is left of a disclosure's rows and cells; every grid read takes its share. */
export class TableBudget {
  rows = MAX_TABLE_ROWS;
  cells = MAX_TABLE_CELLS;
  chars = MAX_TABLE_CHARS;

  /** Takes rows, cells and characters, or throws LimitExceeded (at `line`) leaving the budget as it was. */
  take(rows: number, cells: number, chars = 0, line?: number): void {
    if (rows > this.rows) throw new LimitExceeded('rows', line);
    if (cells > this.cells) throw new LimitExceeded('cells', line);
    if (chars > this.chars) throw new LimitExceeded('chars', line);
    this.rows -= rows;
    this.cells -= cells;
    this.chars -= chars;
  }
}

/** Index just past the first run of more than MAX_NUMBER_DIGITS digits (ASCII or full-width,
 *  thousands separators allowed between them) in `s`, or -1. Linear. */
export function longNumberAt(s: string): number {
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      if (++digits > MAX_NUMBER_DIGITS) return i + 1;
    } else if (!(digits > 0 && (c === 44 || c === 0xff0c) && i + 1 < s.length && isDigit(s.charCodeAt(i + 1)))) digits = 0;
  }
  return -1;
}

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Levels a manifest or configuration written in YAML may nest. The YAML parser recurses once
 *  per level, so deeper text would fail on the stack, at a depth that depends on the thread. */
export const MAX_NESTING = 64;

/**
 * Where YAML (or JSON) text nests past MAX_NESTING, by a linear scan before it is parsed: flow
 * brackets outside quotes and comments, or a line indented past twice as many columns.
 */
export function nestingTooDeep(text: string): { line: number; column: number } | undefined {
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let quote = 0; // the quote character of the scalar being read, or 0
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      if (quote === 39) quote = 0; // a single-quoted flow scalar may not span lines here: give up on it
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 9) {
        if (i - lineStart >= 2 * MAX_NESTING) return { line, column: i - lineStart + 1 };
        continue;
      }
      atLineStart = false;
    }
    if (quote !== 0) {
      if (c === 92 && quote === 34) i++; // \" inside "…"
      else if (c === quote) quote = 0;
      continue;
    }
    const prev = i > lineStart ? text.charCodeAt(i - 1) : 32;
    const opensScalar = prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58;
    if ((c === 34 || c === 39) && opensScalar) quote = c;
    else if (c === 35 && (prev === 32 || prev === 9 || i === lineStart)) {
      const eol = text.indexOf('\n', i);
      i = (eol < 0 ? text.length : eol) - 1; // a comment, to the line's end
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return { line, column: i - lineStart + 1 };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}
