// .xlsx workbook → one Grid per worksheet, so that a sheet is read exactly like a CSV file:
// line = sheet row, column = sheet column, numbers shown as their number format shows them.
// Loaded only when a workbook is given (dynamic import), so CSV start-up does not pay for it.
import { posix } from 'node:path';
import { unifyRadicals } from '../../core/cjk.js';
import { InputError } from '../errors.js';
import { cellRef, type Grid, type GridCell, type GridRow } from '../grid.js';
import { LimitExceeded, longNumberAt, MAX_NUMBER_DIGITS, MAX_TABLE_CELLS, TableBudget } from '../limits.js';
import { builtinFormatCode, displayNumber, NumberOutOfRange, parseFormatCode, type NumberFormat } from './numfmt.js';
import { scanXml, unescapeOoxml } from './xml.js';
import { ZipReader } from './zip.js';

export interface WorkbookLimits {
  /** bytes all parts read may inflate to (zip-bomb bound) */
  maxUnzippedBytes: number;
  /** cells a sheet may spread over once laid out as rows × columns */
  maxCells: number;
}

export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  // held twice while read (the inflated bytes and their text): 128 MiB keeps a workbook within
  // a few hundred MB, and is several times what a sheet of the largest tables allowed inflates to
  maxUnzippedBytes: 128 * 1024 * 1024,
  maxCells: 2_000_000,
};

export interface SheetGrid extends Grid {
  sheet: string;
}

/** Old binary .xls (OLE compound file) starts with these bytes. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOleFile(buf: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => buf[i] === b);
}

export function isZipFile(buf: Uint8Array): boolean {
  return buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : unifyRadicals(new TextDecoder('utf-8').decode(bytes));
}

/** Splits "AB12" into column 28, row 12. */
export function parseRef(ref: string): { col: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number.parseInt(m[2]!, 10) };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(base), target));
}

function relsOf(zip: ZipReader, part: string): Map<string, { type: string; target: string }> {
  const relsPath = posix.join(posix.dirname(part), '_rels', posix.basename(part) + '.rels');
  const out = new Map<string, { type: string; target: string }>();
  const xml = text(zip.read(relsPath));
  if (!xml) return out;
  scanXml(xml, (e) => {
    if (e.type === 'open' && e.name === 'Relationship' && e.attrs.Id && e.attrs.Target) {
      out.set(e.attrs.Id, { type: e.attrs.Type ?? '', target: resolveTarget(part, e.attrs.Target) });
    }
  });
  return out;
}

function readSharedStrings(xml: string | undefined, shown: string): string[] {
  const out: string[] = [];
  if (!xml) return out;
  const tooMany = () =>
    new InputError(
      { zh: `工作簿的共享字符串超过 ${MAX_TABLE_CELLS} 个`, en: `the workbook has more than ${MAX_TABLE_CELLS} shared strings` },
      shown,
    );
  let inSi = false;
  let inT = false;
  let skip = 0; // inside <rPh> (phonetic guide) text that is not shown
  let cur = '';
  scanXml(xml, (e) => {
    if (e.type === 'open') {
      if (e.name === 'si') {
        inSi = true;
        cur = '';
      } else if (e.name === 'rPh') skip++;
      else if (e.name === 't' && inSi && !skip) inT = !e.selfClosing;
    } else if (e.type === 'close') {
      if (e.name === 'si') {
        // no more strings than a disclosure's tables may have cells: the rest could never be shown
        if (out.length >= MAX_TABLE_CELLS) throw tooMany();
        out.push(unescapeOoxml(cur));
        inSi = false;
      } else if (e.name === 'rPh') skip--;
      else if (e.name === 't') inT = false;
    } else if (inT) cur += e.text;
  });
  return out;
}

function readStyles(xml: string | undefined): NumberFormat[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  scanXml(xml, (e) => {
    if (e.type === 'open') {
      if (e.name === 'numFmt' && e.attrs.numFmtId !== undefined) {
        custom.set(Number.parseInt(e.attrs.numFmtId, 10), e.attrs.formatCode ?? 'General');
      } else if (e.name === 'cellXfs') inCellXfs = !e.selfClosing;
      else if (e.name === 'xf' && inCellXfs) xfFormats.push(Number.parseInt(e.attrs.numFmtId ?? '0', 10) || 0);
    } else if (e.type === 'close' && e.name === 'cellXfs') inCellXfs = false;
  });
  return xfFormats.map((id) => parseFormatCode(custom.get(id) ?? builtinFormatCode(id) ?? 'General'));
}

interface RawCell {
  row: number;
  col: number;
  text: string;
}

interface Sheet {
  cells: RawCell[];
  merges: Array<{ r1: number; c1: number; r2: number; c2: number }>;
}

/** The cells of a sheet's XML; more than `maxCells` cells throw as soon as they are met. */
function readSheet(xml: string, shared: string[], formats: NumberFormat[], maxCells: number): Sheet {
  const cells: RawCell[] = [];
  const merges: Sheet['merges'] = [];
  let row = 0;
  let col = 0;
  let cur: { row: number; col: number; type: string; style: number; v: string; is: string; hasV: boolean; f?: string } | undefined;
  let inF = false;
  let inV = false;
  let inIsT = false;
  let inIs = false;
  let phonetic = 0;
  scanXml(xml, (e) => {
    if (e.type === 'open') {
      switch (e.name) {
        case 'row':
          row = e.attrs.r ? Number.parseInt(e.attrs.r, 10) : row + 1;
          col = 0;
          break;
        case 'c': {
          const at = e.attrs.r ? parseRef(e.attrs.r) : undefined;
          if (at) {
            col = at.col;
            row = at.row;
          } else col++;
          cur = { row, col, type: e.attrs.t ?? 'n', style: Number.parseInt(e.attrs.s ?? '0', 10) || 0, v: '', is: '', hasV: false };
          break;
        }
        case 'v':
          inV = !e.selfClosing;
          if (cur) cur.hasV = true;
          break;
        case 'f':
          inF = !e.selfClosing;
          if (cur) cur.f ??= '';
          break;
        case 'is':
          inIs = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          inIsT = inIs && !phonetic && !e.selfClosing;
          break;
        case 'mergeCell': {
          const [a, b] = (e.attrs.ref ?? '').split(':');
          const p = a ? parseRef(a) : undefined;
          const q = b ? parseRef(b) : p;
          if (p && q) merges.push({ r1: Math.min(p.row, q.row), c1: Math.min(p.col, q.col), r2: Math.max(p.row, q.row), c2: Math.max(p.col, q.col) });
          break;
        }
      }
    } else if (e.type === 'close') {
      switch (e.name) {
        case 'v':
          inV = false;
          break;
        case 'f':
          inF = false;
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 't':
          inIsT = false;
          break;
        case 'c':
          if (cur) {
            let t: string;
            try {
              t = cellText(cur, shared, formats);
            } catch (e) {
              if (e instanceof NumberOutOfRange) throw new LimitExceeded('magnitude', cur.row, cur.col);
              throw e;
            }
            if (t !== '') {
              if (cells.length >= maxCells) throw new LimitExceeded('cells', cur.row);
              cells.push({ row: cur.row, col: cur.col, text: t });
            }
          }
          cur = undefined;
          break;
      }
    } else if (cur) {
      if (inV) cur.v += e.text;
      else if (inF) cur.f += e.text;
      else if (inIsT) cur.is += e.text;
    }
  });
  return { cells, merges };
}

function cellText(c: { type: string; style: number; v: string; is: string; hasV: boolean; f?: string }, shared: string[], formats: NumberFormat[]): string {
  // a formula never calculated (written by a program, not by Excel) has no value to check: show it
  if (c.f !== undefined && !c.hasV && c.type !== 'inlineStr') return c.f.trim() === '' ? '' : `=${c.f.trim()}`;
  switch (c.type) {
    case 's': {
      const i = Number.parseInt(c.v, 10);
      return Number.isInteger(i) ? (shared[i] ?? '') : '';
    }
    case 'inlineStr':
      return unescapeOoxml(c.is);
    case 'str':
    case 'e':
    case 'd':
      return unescapeOoxml(c.v);
    case 'b':
      return c.v.trim() === '1' ? 'TRUE' : c.v.trim() === '0' ? 'FALSE' : c.v;
    default: {
      if (c.v.trim() === '') return '';
      const fmt = formats[c.style] ?? { kind: 'general', decimals: 0 };
      return displayNumber(c.v, fmt) ?? c.v;
    }
  }
}

/** A laid-out cell; its A1 reference is made when asked for (a sheet may lay out two million). */
class SheetCell implements GridCell {
  field: number;
  constructor(
    public text: string,
    public line: number,
    public column: number,
  ) {
    this.field = column;
  }
  get ref(): string {
    return cellRef(this.column, this.line);
  }
}

/** Lays a sheet out as grid rows; merged header cells repeat their value over the merge. Its
 *  rows, cells and text come out of `budget` (LimitExceeded when they do not fit). */
function toGrid(sheet: Sheet, file: string, shown: string, name: string, limits: WorkbookLimits, budget: TableBudget): SheetGrid {
  const grid: SheetGrid = { file, sheet: name, rows: [] };
  if (sheet.cells.length === 0) return grid;
  let maxRow = 0;
  let maxCol = 0;
  for (const c of sheet.cells) {
    if (c.row > maxRow) maxRow = c.row;
    if (c.col > maxCol) maxCol = c.col;
  }
  const byRow = new Map<number, Map<number, string>>();
  const put = (r: number, c: number, t: string) => {
    let m = byRow.get(r);
    if (!m) byRow.set(r, (m = new Map()));
    m.set(c, t);
  };
  for (const c of sheet.cells) {
    if (c.text.length > MAX_NUMBER_DIGITS && longNumberAt(c.text) >= 0) throw new LimitExceeded('digits', c.row, c.col);
    put(c.row, c.col, c.text);
  }
  if (maxRow * maxCol > limits.maxCells) {
    throw new InputError(
      {
        zh: `工作表“${name}”过大（${maxRow} 行 × ${maxCol} 列，上限 ${limits.maxCells} 个单元格）`,
        en: `sheet "${name}" is too large (${maxRow} rows × ${maxCol} columns, limit ${limits.maxCells} cells)`,
      },
      shown,
    );
  }
  expandHeaderMerges(sheet, byRow, maxRow, maxCol, put, shown, name);
  // the layout: every row, and every column of a row that holds anything
  let chars = 0;
  for (const m of byRow.values()) for (const t of m.values()) chars += t.length;
  budget.take(maxRow, byRow.size * maxCol, chars);
  for (let r = 1; r <= maxRow; r++) {
    const m = byRow.get(r);
    // an empty sheet row is an empty line, as in Excel's own CSV export
    const cells: GridCell[] = [];
    if (m) {
      for (let c = 1; c <= maxCol; c++) cells.push(new SheetCell(m.get(c) ?? '', r, c));
    }
    const row: GridRow = { line: r, cells };
    grid.rows.push(row);
  }
  return grid;
}

/**
 * A merged cell holds its value in the top-left cell only. In the header (the rows above the
 * first row holding a number) the value stands for every cell of the merge, so it is repeated
 * there; in titles (rows with one value) and in data rows it is left where it is, as a CSV
 * export would leave it.
 */
function expandHeaderMerges(
  sheet: Sheet,
  byRow: Map<number, Map<number, string>>,
  maxRow: number,
  maxCol: number,
  put: (r: number, c: number, t: string) => void,
  shown: string,
  name: string,
): void {
  if (sheet.merges.length === 0) return;
  let firstData = maxRow + 1;
  for (const [r, m] of byRow) {
    if (r >= firstData) continue;
    for (const t of m.values()) {
      if (/^[+-]?\d[\d,]*(\.\d+)?%?$/.test(t.trim()) && !/^\d{3}(\d{2}){0,2}$/.test(t.trim())) {
        firstData = r;
        break;
      }
    }
  }
  const counted = new Map<number, number>();
  const valuesIn = (r: number) => {
    let n = counted.get(r);
    if (n === undefined) {
      n = 0;
      for (const t of byRow.get(r)?.values() ?? []) if (t.trim() !== '') n++;
      counted.set(r, n);
    }
    return n;
  };
  // only header rows change, so only they are kept as they were
  const original = new Map<number, Map<number, string>>();
  for (const [r, m] of byRow) if (r < firstData) original.set(r, new Map(m));
  // Merged areas never overlap in a workbook Excel opens, so together they cover each cell of
  // the sheet at most once; more visits than cells means overlaps (10,000 copies of one merge),
  // which would cost their number times their area.
  let visits = maxRow * maxCol;
  const seen = new Set<string>();
  for (const g of sheet.merges) {
    const key = `${g.r1}:${g.c1}:${g.r2}:${g.c2}`;
    if (seen.has(key)) continue; // the same merge listed again changes nothing
    seen.add(key);
    const top = original.get(g.r1)?.get(g.c1);
    if (top === undefined || g.r2 >= firstData) continue;
    if (g.r1 === g.r2 && valuesIn(g.r1) <= 1) continue;
    const rows = Math.min(g.r2, maxRow) - g.r1 + 1;
    const cols = Math.min(g.c2, maxCol) - g.c1 + 1;
    if (rows > 0 && cols > 0 && (visits -= rows * cols) < 0) {
      throw new InputError(
        { zh: `工作表“${name}”的合并单元格相互重叠，不是 Excel 能打开的工作簿`, en: `sheet "${name}" has overlapping merged cells; Excel would not open this workbook` },
        shown,
      );
    }
    for (let r = g.r1; r <= Math.min(g.r2, maxRow); r++) {
      for (let c = g.c1; c <= Math.min(g.c2, maxCol); c++) {
        if (r === g.r1 && c === g.c1) continue;
        if ((original.get(r)?.get(c) ?? '') === '') put(r, c, top);
      }
    }
  }
}

export interface WorkbookReadOptions extends Partial<WorkbookLimits> {
  /** how the workbook is named in messages */
  shown: string;
  /** rows, cells and text the sheets may take (a disclosure's; by default a budget of their own) */
  budget?: TableBudget;
}

/** Reads every worksheet of an .xlsx workbook; sheets named `shown#sheet`. */
export function readWorkbook(buf: Uint8Array, opts: WorkbookReadOptions): SheetGrid[] {
  const limits: WorkbookLimits = {
    maxUnzippedBytes: opts.maxUnzippedBytes ?? DEFAULT_WORKBOOK_LIMITS.maxUnzippedBytes,
    maxCells: opts.maxCells ?? DEFAULT_WORKBOOK_LIMITS.maxCells,
  };
  const shown = opts.shown;
  if (isOleFile(buf)) {
    throw new InputError(
      { zh: '这是旧版 Excel 97-2003（.xls）文件，不支持；请在 Excel 中另存为 .xlsx 或 CSV', en: 'this is an old Excel 97-2003 (.xls) file, which is not supported; save it as .xlsx or CSV' },
      shown,
    );
  }
  if (!isZipFile(buf)) {
    throw new InputError({ zh: '不是有效的 .xlsx 工作簿', en: 'not a valid .xlsx workbook' }, shown);
  }
  const zip = new ZipReader(buf, shown, { maxTotalBytes: limits.maxUnzippedBytes });
  let workbookPath = 'xl/workbook.xml';
  for (const rel of relsOf(zip, '').values()) {
    if (rel.type.endsWith('/officeDocument')) workbookPath = rel.target;
  }
  const workbookXml = text(zip.read(workbookPath));
  if (workbookXml === undefined) {
    throw new InputError({ zh: '工作簿中没有 workbook.xml，不是有效的 .xlsx 文件', en: 'no workbook.xml: not a valid .xlsx file' }, shown);
  }
  const rels = relsOf(zip, workbookPath);
  const sheets: Array<{ name: string; rid: string }> = [];
  scanXml(workbookXml, (e) => {
    if (e.type === 'open' && e.name === 'sheet' && e.attrs.id) sheets.push({ name: e.attrs.name ?? `Sheet${sheets.length + 1}`, rid: e.attrs.id });
  });
  let sharedPath: string | undefined;
  let stylesPath: string | undefined;
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) sharedPath = rel.target;
    if (rel.type.endsWith('/styles')) stylesPath = rel.target;
  }
  const shared = readSharedStrings(sharedPath ? text(zip.read(sharedPath)) : undefined, shown);
  const formats = readStyles(stylesPath ? text(zip.read(stylesPath)) : undefined);
  const budget = opts.budget ?? new TableBudget();
  const out: SheetGrid[] = [];
  const done = new Set<string>();
  for (const s of sheets) {
    const rel = rels.get(s.rid);
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets hold no table
    // a part listed again is the same table again: read once (a small file listing one large
    // sheet a hundred times must not cost a hundred sheets)
    if (done.has(rel.target)) continue;
    done.add(rel.target);
    const xml = text(zip.read(rel.target));
    if (xml === undefined) continue;
    try {
      const sheet = readSheet(xml, shared, formats, budget.cells);
      if (sheet.cells.length === 0) continue; // the blank Sheet2/Sheet3 a new workbook comes with
      out.push(toGrid(sheet, `${shown}#${s.name}`, shown, s.name, limits, budget));
    } catch (e) {
      if (e instanceof LimitExceeded) throw e.toInputError(`${shown}#${s.name}`);
      throw e;
    }
  }
  return out;
}
