// A file's cells as text, each with its position. CSV, tab-separated text and (later) workbook
// sheets all become a Grid, so the table reader has one input to understand.
import { createRequire } from 'node:module';
import type { parse as Parse } from 'csv-parse/sync';
import { unifyRadicals } from '../core/cjk.js';
import { parseNumber, type ParseResult } from '../core/decimal.js';
import { InputError } from './errors.js';
import { LimitExceeded, longNumberAt, MAX_NUMBER_DIGITS, TableBudget } from './limits.js';

export interface GridCell {
  text: string;
  line: number;
  /** 1-based character column where the field starts (the cell's column in a workbook) */
  column: number;
  /** 1-based field index */
  field: number;
  /** the cell's A1 reference, for workbook sheets */
  ref?: string;
  /** the cell's text read as a number, once (see numberIn) */
  parsed?: ParseResult;
}

/** A cell's text read as a published number: read once, however many passes ask. */
export function numberIn(c: GridCell): ParseResult {
  return (c.parsed ??= parseNumber(c.text));
}

export interface GridRow {
  line: number;
  cells: GridCell[];
}

export interface Grid {
  file: string;
  rows: GridRow[];
}

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Decodes file bytes: a BOM decides; otherwise UTF-8 if it is valid, else GB18030 (a superset of GBK). */
/** A text file's content (see decodeBytes), with radicals written for ideographs made ideographs (core/cjk.ts). */
export function decode(buf: Uint8Array, file: string, forced?: Encoding): string {
  return unifyRadicals(decodeBytes(buf, file, forced));
}

function decodeBytes(buf: Uint8Array, file: string, forced?: Encoding): string {
  let enc: Encoding | undefined = forced;
  let start = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    enc ??= 'utf-8';
    start = enc === 'utf-8' ? 3 : 0;
  } else if (buf[0] === 0xff && buf[1] === 0xfe) {
    enc ??= 'utf-16le';
    start = enc === 'utf-16le' ? 2 : 0;
  } else if (buf[0] === 0xfe && buf[1] === 0xff) {
    enc ??= 'utf-16be';
    start = enc === 'utf-16be' ? 2 : 0;
  }
  const body = buf.subarray(start);
  enc ??= utf16WithoutBom(body);
  if (!enc || enc === 'utf-8' || enc === 'gb18030') {
    if (looksBinary(body)) throw binaryError(file);
  }
  if (enc === 'utf-16le' || enc === 'utf-16be') {
    const text = new TextDecoder(enc).decode(body);
    if (mostlyControls(text)) throw binaryError(file);
    return text;
  }
  if (enc) return new TextDecoder(enc).decode(body);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const text = new TextDecoder('gb18030').decode(body);
    if (mostlyControls(text)) throw binaryError(file);
    return text;
  }
}

function binaryError(file: string): InputError {
  return new InputError({ zh: '不是文本文件（含有二进制内容），无法读取', en: 'not a text file (binary content), cannot be read' }, file);
}

/** Text decoded from binary data: control characters other than tab and line ends, or U+FFFD. */
function mostlyControls(text: string): boolean {
  const n = Math.min(text.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > n / 100;
}

/** UTF-16 text saved without a BOM: mostly ASCII, so every other byte is zero. */
function utf16WithoutBom(buf: Uint8Array): Encoding | undefined {
  const n = Math.min(buf.length, 8192) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.1 && even * 10 < odd) return 'utf-16le';
  if (even > pairs * 0.1 && odd * 10 < even) return 'utf-16be';
  return undefined;
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Picks the separator that splits the first lines most consistently. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 10).filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = 0;
  for (const d of [',', '\t', ';']) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const score = counts.reduce((a, b) => a + b, 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

export interface CsvRecordInfo {
  record: string[];
  raw: string;
  info: { lines: number };
}

interface CsvError extends Error {
  code?: string;
  lines?: number;
}

/**
 * The rows parseDelimited makes from csv-parse's records (with the options parseCsvSlow uses: raw,
 * info, relaxed column count, empty lines kept, BOM dropped), made directly for plain well-formed
 * text, each field located as it is read: csv-parse and a second pass over every record to place
 * its fields were a fifth of the time of a whole check. Returns undefined for anything out of the
 * ordinary (stray or unclosed quotes, lone or mixed CR line ends, a delimiter longer than one
 * character), which then goes to csv-parse itself, so its results and its error messages stay the
 * reference.
 */
export function parseCsvFast(text: string, delimiter: string, budget?: TableBudget): GridRow[] | undefined {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') return undefined;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // line ends: all LF, or all CRLF; csv-parse settles on the first it meets, so mixtures go to it
  const firstCr = text.indexOf('\r', start);
  const crlf = firstCr >= 0;
  if (crlf) {
    for (let i = text.indexOf('\r', start); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return undefined;
    for (let i = text.indexOf('\n', start); i >= 0; i = text.indexOf('\n', i + 1)) if (text.charCodeAt(i - 1) !== 13) return undefined;
  }
  const d = delimiter.charCodeAt(0);
  const end = crlf ? 13 : 10; // the character that ends a record (CR of CRLF)
  const n = text.length;
  const out: GridRow[] = [];
  // the budget is checked as records are made, so that a huge file is refused before it is held
  const rowsLeft = budget?.rows ?? Infinity;
  const cellsLeft = budget?.cells ?? Infinity;
  let cells = 0;
  let i = start;
  let line = 1;
  // where the current line starts: a field's column counts from it
  let lineStart = start;
  // the first LF at or after the scan position, found again only once the scan has passed it:
  // one search per line, not one per quoted field (a long line of quoted fields stays linear)
  let nl = text.indexOf('\n', start);
  while (i < n) {
    const row: GridRow = { line, cells: [] };
    const record = row.cells;
    if (out.length >= rowsLeft) throw new LimitExceeded('rows', line);
    for (;;) {
      if (++cells > cellsLeft) throw new LimitExceeded('cells', line);
      // one field, starting at i
      const cell: GridCell = { text: '', line, column: i - lineStart + 1, field: record.length + 1 };
      if (text.charCodeAt(i) === 34) {
        let value = '';
        let from = i + 1;
        let j = from;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return undefined; // never closed
          if (nl >= 0 && nl < j) nl = text.indexOf('\n', j);
          for (; nl >= 0 && nl < q; nl = text.indexOf('\n', nl + 1)) {
            if (crlf) return undefined; // csv-parse counts such line ends its own way
            line++;
            lineStart = nl + 1;
          }
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            from = j = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        cell.text = value;
        record.push(cell);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c !== d && c !== end && c !== -1) return undefined; // text after a closing quote
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === d || c === end) break;
          if (c === 34 || c === 13 || c === 10) return undefined; // a quote inside a bare field; a line end of the other kind
        }
        cell.text = text.slice(i, j);
        record.push(cell);
        i = j;
      }
      if (i >= n) {
        out.push(row);
        budget?.take(out.length, cells, n);
        return out;
      }
      if (text.charCodeAt(i) === d) {
        i++;
        if (i >= n) {
          if (++cells > cellsLeft) throw new LimitExceeded('cells', line);
          record.push({ text: '', line, column: i - lineStart + 1, field: record.length + 1 });
          out.push(row);
          budget?.take(out.length, cells, n);
          return out;
        }
        continue;
      }
      out.push(row);
      i += crlf ? 2 : 1;
      line++;
      lineStart = i;
      break;
    }
  }
  budget?.take(out.length, cells, n);
  return out;
}

/**
 * Parses delimited text into a Grid; unbalanced quotes are an InputError naming the line, and so
 * are rows or cells past what is left of `budget`, and a number of absurd length.
 */
export function parseDelimited(text: string, file: string, delimiter = detectDelimiter(text), budget = new TableBudget()): Grid {
  let rows: GridRow[];
  try {
    rows = parseCsvFast(text, delimiter, budget) ?? gridRows(parseCsvSlow(text, file, delimiter, budget), delimiter);
  } catch (e) {
    if (e instanceof LimitExceeded) throw e.toInputError(file);
    throw e;
  }
  for (const r of rows) for (const c of r.cells) if (c.text.length > MAX_NUMBER_DIGITS && longNumberAt(c.text) >= 0) throw new LimitExceeded('digits', c.line, c.column).toInputError(file);
  return { file, rows };
}

/** Rows of located cells from csv-parse's records: each record starts on the line after the one before ended. */
export function gridRows(records: CsvRecordInfo[], delimiter: string): GridRow[] {
  const rows: GridRow[] = [];
  let nextLine = 1;
  for (const r of records) {
    const line = nextLine;
    nextLine = r.info.lines + 1;
    rows.push({ line, cells: locateFields(r.record, r.raw, line, delimiter) });
  }
  return rows;
}

// csv-parse is needed only for what parseCsvFast leaves to it: loaded then (its one-file build)
let csvParseFn: typeof Parse | undefined;
function csvParse(): typeof Parse {
  return (csvParseFn ??= (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof Parse }).parse);
}

/** csv-parse, for what parseCsvFast leaves to it, under the same budget. */
function parseCsvSlow(text: string, file: string, delimiter: string, budget: TableBudget): CsvRecordInfo[] {
  // csv-parse builds a whole record before anyone sees it: count fields first (quote-aware, as
  // it splits them), so that a line of millions of delimiters is refused before it is made
  countFields(text, delimiter, budget);
  let rows = 0;
  let cells = 0;
  try {
    const records = csvParse()(text, {
      delimiter,
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      // with raw and info, each record comes as { record, raw, info }
      on_record: ((r: CsvRecordInfo) => {
        cells += r.record.length;
        if (++rows > budget.rows) throw new LimitExceeded('rows', r.info.lines);
        if (cells > budget.cells) throw new LimitExceeded('cells', r.info.lines);
        return r;
      }) as never,
    }) as unknown as CsvRecordInfo[];
    budget.take(rows, cells, text.length);
    return records;
  } catch (e) {
    if (e instanceof LimitExceeded) throw e;
    const err = e as CsvError;
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new InputError(
        { zh: '引号未闭合：从此处开始的引号到文件末尾都没有结束', en: 'unbalanced quote: a quoted field is never closed' },
        file,
        quoteOpenLine(text) ?? line,
      );
    }
    throw new InputError(
      { zh: `无法解析 CSV：${err.message}`, en: `cannot parse CSV: ${err.message}` },
      file,
      line,
    );
  }
}

/** Throws LimitExceeded where the fields or records of `text` (split as csv-parse splits
 *  well-formed text) pass what is left of the budget. */
function countFields(text: string, delimiter: string, budget: TableBudget): void {
  const d = delimiter.charCodeAt(0);
  let quoted = false;
  let cells = 1;
  let rows = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === d) cells++;
    else if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      rows++;
      cells++;
    } else continue;
    if (cells > budget.cells) throw new LimitExceeded('cells', rows);
    if (rows > budget.rows) throw new LimitExceeded('rows', rows);
  }
}

/** Finds where each field starts in the record's raw text (line and column). */
function locateFields(fields: string[], raw: string, line: number, delimiter: string): GridCell[] {
  const cells: GridCell[] = [];
  let l = line;
  let col = 1;
  let quoted = false;
  let fieldStartLine = l;
  let fieldStartCol = col;
  let idx = 0;
  // character codes, not one-character strings (a CJK character would be a new string each)
  const d = delimiter.length === 1 ? delimiter.charCodeAt(0) : -2;
  for (let i = 0; i <= raw.length; i++) {
    const ch = i < raw.length ? raw.charCodeAt(i) : -1;
    const end = ch === -1 || (!quoted && (ch === d || ch === 10 || ch === 13));
    if (end) {
      if (idx < fields.length) {
        cells.push({ text: fields[idx]!, line: fieldStartLine, column: fieldStartCol, field: idx + 1 });
      }
      idx++;
      if (ch !== d) break;
      col++;
      fieldStartLine = l;
      fieldStartCol = col;
      continue;
    }
    if (ch === 34) quoted = !quoted;
    if (ch === 10) {
      l++;
      col = 1;
    } else {
      col++;
    }
  }
  // Fields the scan could not place (should not happen) still keep their text.
  for (; idx < fields.length; idx++) cells.push({ text: fields[idx]!, line, column: 1, field: idx + 1 });
  return cells;
}

function quoteOpenLine(text: string): number | undefined {
  let quoted = false;
  let line = 1;
  let openedAt = 0;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      if (quoted) openedAt = line;
    } else if (ch === '\n') line++;
  }
  return quoted ? openedAt : undefined;
}

/** Spreadsheet-style reference of a cell: field 5 on record 42 is "E42". */
export function cellRef(field: number, row: number): string {
  let n = field;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row}`;
}
