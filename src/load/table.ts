// Grid → Table: finds the title, the header rows and the data rows of a published table, names
// each amount column by its wording, and reads every row by how the table is organised: rows of
// classification codes, blocks side by side (a summary table), an outline of label columns, or
// a single row of figures.
import { halfUlp, type Dec } from '../core/decimal.js';
import type { Bilingual, Location, Side } from '../core/vocabulary.js';
import type { LayoutTable } from '../layout/types.js';
import {
  COLUMN_PARENT,
  functionClassByName,
  isAdjustmentLabel,
  isOfWhichLabel,
  itemOf,
  LAST_YEAR_HEADER,
  normalizeLabel,
  stripNumbering,
  numberingLevel,
  rowRoleOf,
  TABLE_NAME,
  type ColumnAlias,
} from './aliases.js';
import type { ColumnKey, Structure } from './constants.js';
import { numberIn, type Grid, type GridCell, type GridRow } from './grid.js';
import { readHeader, type ColumnInfo } from './header.js';
import type { Cell, Column, Formula, LoadIssue, Row, Table, TableKind, Unit } from './model.js';

export interface TableHead {
  titleRows: GridRow[];
  headerRows: GridRow[];
  dataRows: GridRow[];
  /** the title rows' text, joined */
  titleText: string;
  headerText: string;
  /** the title line that names the table (without the department and unit line) */
  titleLine: string;
  /** every title line but the department and unit lines, in printed order */
  titleLines: string[];
  titleLoc: Location;
  unit?: Unit;
}

export interface TableSpec {
  kind: TableKind;
  /** the layout's description of the table */
  layout?: LayoutTable;
  /** when a manifest says so */
  unit?: Unit;
  columnAliases?: readonly ColumnAlias[];
}

export interface TableReadResult {
  table: Table;
  issues: LoadIssue[];
}

const CODE_RE = /^\d{3}(\d{2}){0,2}$/;
const UNIT_RE = /单位[:：]\s*(万元|千元|元)/;

/** The list under `key`, made when first asked for. */
function listIn<K, V>(m: Map<K, V[]>, key: K): V[] {
  let l = m.get(key);
  if (!l) m.set(key, (l = []));
  return l;
}

function nonBlank(row: GridRow): GridCell[] {
  return row.cells.filter((c) => c.text.trim() !== '');
}

function textOf(row: GridRow, field: number): string {
  return row.cells[field - 1]?.text.trim() ?? '';
}

function looksLikeCode(t: string): boolean {
  return CODE_RE.test(t.replace(/\s+/g, ''));
}

function isTitleLike(row: GridRow, unitSeen: boolean): boolean {
  const cells = nonBlank(row);
  if (cells.length === 0) return true;
  if (cells.some((c) => /编制(部门|单位)|^(部门|单位)(名称)?[:：]|单位[:：]\s*(万元|千元|元)/.test(c.text.trim()))) return true;
  // one cell: the title, or a "表一" line; after the unit line a lone cell is a header band
  return cells.length === 1 && (!unitSeen || /表[一二三四五六七八九十\d]*$|^表/.test(cells[0]!.text.trim()));
}

function isDataRow(row: GridRow): boolean {
  const cells = nonBlank(row);
  if (cells.length === 0) return false;
  const first = cells[0]!.text.trim();
  if (looksLikeCode(first)) return true;
  if (cells.some((c) => numberIn(c).kind === 'number')) return true;
  // an empty table's 合计 row, but not a header row that starts with 合计
  return rowRoleOf(first) !== undefined && cells.every((c) => rowRoleOf(c.text) !== undefined);
}

function isNoteRow(row: GridRow): boolean {
  const cells = nonBlank(row);
  return cells.length === 1 && /^(注|备注|说明)\s*[\d:：、.]?/.test(cells[0]!.text.trim());
}

function loc(grid: Grid, c: GridCell): Location {
  return { file: grid.file, line: c.line, column: c.column };
}

function issue(code: string, severity: LoadIssue['severity'], zh: string, en: string, where: Location, table?: string): LoadIssue {
  return table ? { code, severity, message: { zh, en }, loc: where, table } : { code, severity, message: { zh, en }, loc: where };
}

/** Title, unit, header and data rows of a grid; what the table is comes from the title. */
export function readHead(grid: Grid): TableHead {
  const rows = grid.rows;
  let i = 0;
  let unitSeen = false;
  const titleRows: GridRow[] = [];
  while (i < rows.length && !isDataRow(rows[i]!) && isTitleLike(rows[i]!, unitSeen)) {
    if (rows[i]!.cells.some((c) => UNIT_RE.test(c.text))) unitSeen = true;
    titleRows.push(rows[i++]!);
  }
  const headerRows: GridRow[] = [];
  while (i < rows.length && !isDataRow(rows[i]!) && !isNoteRow(rows[i]!)) headerRows.push(rows[i++]!);
  const dataRows = rows.slice(i);
  const titleText = titleRows.map((r) => nonBlank(r).map((c) => c.text).join(' ')).join(' ');
  const headerText = headerRows.map((r) => nonBlank(r).map((c) => c.text).join(' ')).join(' ');
  const firstCell = nonBlank(rows[0] ?? { line: 1, cells: [] })[0];
  const titleLoc: Location = firstCell ? loc(grid, firstCell) : { file: grid.file, line: 1, column: 1 };
  const lines = titleRows.flatMap((r) => nonBlank(r).map((c) => c.text.trim())).filter((t) => !/^(编制(部门|单位)|(部门|单位)(名称)?[:：])|单位[:：]\s*(万元|千元|元)$/.test(t) && !/^(公开)?表[一二三四五六七八九十\d]+$/.test(t));
  const titleLine = lines.find((t) => /表/.test(t)) ?? lines[0] ?? '';
  const unitMatch = UNIT_RE.exec(titleText + ' ' + headerText);
  const head: TableHead = { titleRows, headerRows, dataRows, titleText, headerText, titleLine, titleLines: lines, titleLoc };
  if (unitMatch) head.unit = unitMatch[1] as Unit;
  return head;
}

/** The printed title: the line naming the layout's table when there is one, else the first title line. */
function titleOf(head: TableHead, layout: LayoutTable | undefined): string {
  if (layout) {
    const res = layout.titles.map((t) => new RegExp(`(?:${t})`));
    const named = head.titleLines.find((l) => res.some((re) => re.test(normalizeLabel(l))));
    if (named) return named;
  }
  return head.titleLine || head.titleText.trim();
}

/** "一、", "表一", "公开表五", "表5" before a title, or on a line of its own: how the document numbers the table. */
export function printedNumber(titleLines: readonly string[]): Bilingual | undefined {
  for (const line of titleLines) {
    const t = line.trim();
    const m = /^(?:(公开表|附表|表)\s*([一二三四五六七八九十]+|\d+)(?![一二三四五六七八九十\d])|([一二三四五六七八九十]+)\s*[、.．]|(\d+)\s*[、.．](?!\d))/.exec(t);
    if (!m) continue;
    const n = m[2] ?? m[3] ?? m[4]!;
    const prefix = m[1] ?? '表';
    return { zh: `${prefix}${n}`, en: `Table ${/\d/.test(n) ? n : chineseNumber(n)}` };
  }
  return undefined;
}

/** 一 … 九十九 as a number (0 when not one). */
export function chineseNumber(s: string): number {
  const d: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (d[s[1]!] ?? 0);
  if (s.includes('十')) return (d[s[0]!] ?? 0) * 10 + (d[s[2] ?? ''] ?? 0);
  return d[s] ?? 0;
}

export function readTable(grid: Grid, head: TableHead, spec: TableSpec): TableReadResult {
  const issues: LoadIssue[] = [];
  const { kind, layout } = spec;
  const tableId = layout?.id ?? kind;
  const unit: Unit = spec.unit ?? head.unit ?? '万元';
  const unitStated = spec.unit !== undefined || head.unit !== undefined;
  if (!unitStated) {
    issues.push(issue('unit-assumed', 'info', '未注明金额单位，按“万元”读取', 'no unit stated; amounts read as 万元', head.titleLoc, tableId));
  }
  const { headerRows, dataRows } = head;
  let width = 0;
  for (const r of headerRows) width = Math.max(width, r.cells.length);
  for (const r of dataRows) width = Math.max(width, r.cells.length);

  const headerOpts = { ...(spec.columnAliases ? { columnAliases: spec.columnAliases } : {}), ...(layout?.order ? { order: layout.order } : {}) };
  // the structure: the layout's word, else what the header and rows show
  let reading = readHeader(headerRows, dataRows, width, { ...headerOpts, sided: true, ...(layout?.sides ? { sides: layout.sides } : {}) });
  let structure: Structure | undefined = layout?.structure;
  if (!structure) {
    const coded = reading.columns.some((c) => c.role.role === 'code' || c.role.role === 'codePart');
    const labels = reading.columns.filter((c) => c.role.role === 'name' || c.role.role === 'label').length;
    if (reading.blocks >= 2 && !coded) structure = 'sided';
    else if (reading.blocks >= 2 && coded && reading.columns.filter((c) => c.role.role === 'amount').length >= 2) structure = 'sided';
    else if (coded) structure = 'coded';
    else if (labels >= 1) structure = 'outline';
    else structure = 'single';
  }
  if (structure !== 'sided') reading = readHeader(headerRows, dataRows, width, headerOpts);
  const infos = reading.columns;
  if (structure === 'sided') assignSides(infos, dataRows);

  const name = layout?.name ?? TABLE_NAME[kind];
  const table: Table = {
    kind,
    name,
    file: grid.file,
    title: titleOf(head, layout),
    titleLoc: head.titleLoc,
    unit,
    unitStated,
    structure,
    structureKnown: layout?.structure !== undefined,
    columns: [],
    rows: [],
    formulas: [],
    notes: [],
  };
  if (layout) table.id = layout.id;
  const number = printedNumber(head.titleRows.flatMap((r) => nonBlank(r).map((c) => c.text)));
  if (number) table.number = number;
  if (kind === 'basicEconomic' || kind === 'fiscalBasicEconomic' || kind === 'agencyOperation') table.codeKind = 'economic';
  else if (structure === 'coded') table.codeKind = 'function';

  // amount columns with unique ids per side
  const idOf = new Map<number, string>();
  const used = new Set<string>();
  for (const info of infos) {
    if (info.role.role !== 'amount') continue;
    const key = info.role.key;
    let id = key ? (info.dimension ? `${key}@${info.dimension}` : key) : `?${info.field}`;
    const scoped = `${info.side ?? ''}:${id}`;
    if (used.has(scoped)) {
      // the same words twice on one side: kept, but as a column of its own that no sum assumes
      issues.push(
        issue(
          'duplicate-column',
          'info',
          `第 ${info.field} 列“${info.labels.join('/')}”与前面的列同名，单独读取，不参与行内核对`,
          `column ${info.field} "${info.labels.join('/')}" repeats an earlier column's words; read on its own and left out of row sums`,
          { file: grid.file, line: headerRows[0]?.line ?? head.titleLoc.line, column: info.field },
          tableId,
        ),
      );
      id = `?${info.field}`;
    } else used.add(scoped);
    idOf.set(info.field, id);
    const col: Column = { id, header: info.labels, index: info.field };
    if (key && !id.startsWith('?')) col.key = key;
    if (info.side) col.side = info.side;
    if (info.dimension) col.dimension = info.dimension;
    table.columns.push(col);
    // (a column of last year's figures is known: previous-column compares it with last year's table)
    if (!key && !info.labels.some((l) => LAST_YEAR_HEADER.test(normalizeLabel(l))) && dataRows.some((r) => { const c = r.cells[info.field - 1]; return c !== undefined && numberIn(c).kind === 'number'; })) {
      issues.push(
        issue(
          'unknown-column',
          'info',
          `金额列“${info.labels.join('/') || `第 ${info.field} 列`}”的含义无法识别，其数字已读取，但不参与行内合计核对（可在配置 aliases.columns 中说明）`,
          `amount column "${info.labels.join('/') || `column ${info.field}`}" is not recognised; its figures are read but left out of row sums (name it in the configuration's aliases.columns)`,
          { file: grid.file, line: headerRows[headerRows.length - 1]?.line ?? head.titleLoc.line, column: headerRows[headerRows.length - 1]?.cells[info.field - 1]?.column ?? info.field },
          tableId,
        ),
      );
    }
  }
  canonicalThreePublic(table.columns);
  for (const c of table.columns) idOf.set(c.index, c.id);
  table.formulas = deriveFormulas(table.columns, layout?.columns ?? []);

  const ctx: RowContext = { grid, infos, idOf, table, issues, tableId };
  const headerTexts = new Set(headerRows.map(rowText));
  // a row's text can equal a header's only if its first cell, normalised, begins that header's text
  // up to a "|" or its end: known from one cell, so most rows are not normalised whole. The
  // beginnings are kept in a set (many header rows cost no more per row than one), up to the
  // MAX_PIPES-th "|" (a first cell holding more is checked whole), so the set stays linear in size.
  const beginnings = new Set<string>();
  for (const h of headerTexts) {
    let k = -1;
    for (let n = 0; n < MAX_PIPES && (k = h.indexOf('|', k + 1)) >= 0; n++) beginnings.add(h.slice(0, k));
    beginnings.add(h);
  }
  const couldRepeat = (r: GridRow): boolean => {
    const first = r.cells.length ? normalizeLabel(r.cells[0]!.text) : '';
    return beginnings.has(first) || pipesIn(first) >= MAX_PIPES;
  };
  const headerWidth = headerWidths(headerRows);
  const body: GridRow[] = [];
  let inNotes = false;
  for (const r of dataRows) {
    const cells = nonBlank(r);
    if (cells.length === 0) continue;
    // a note, and the numbered lines that continue it ("2.“科目编码”…")
    if (isNoteRow(r) || (inNotes && cells.length === 1 && !looksLikeCode(cells[0]!.text.trim()) && numberIn(cells[0]!).kind !== 'number')) {
      inNotes = true;
      table.notes.push({ text: cells[0]!.text.trim(), loc: loc(grid, cells[0]!) });
      continue;
    }
    inNotes = false;
    if (couldRepeat(r) && headerTexts.has(rowText(r))) continue; // header repeated after a page break
    // 栏次 1, 2, 3 …: the column numbers a 决算 form prints under its header
    if (/^栏\s*次$/.test(r.cells.find((c) => c.text.trim() !== '')?.text.trim() ?? '')) continue;
    raggedCheck(ctx, r, headerWidth);
    body.push(r);
  }
  switch (structure) {
    case 'coded':
      readCoded(ctx, body);
      break;
    case 'sided':
      readSided(ctx, body);
      break;
    case 'outline':
      readOutline(ctx, body);
      break;
    case 'single':
      readSingle(ctx, body);
      break;
  }
  return { table, issues };
}

interface RowContext {
  grid: Grid;
  infos: ColumnInfo[];
  idOf: Map<number, string>;
  table: Table;
  issues: LoadIssue[];
  tableId: string;
}

const MAX_PIPES = 8;

function pipesIn(s: string): number {
  let n = 0;
  for (let k = s.indexOf('|'); k >= 0 && n < MAX_PIPES; k = s.indexOf('|', k + 1)) n++;
  return n;
}

/** A row's cells normalised, as one string: what a repeated header row is told by. */
function rowText(r: GridRow): string {
  return r.cells.map((c) => normalizeLabel(c.text)).join('|');
}

/** The header's width in cells and the field of its rightmost label: the same for every row. */
function headerWidths(headerRows: GridRow[]): { cells: number; widest: number } | undefined {
  if (headerRows.length === 0) return undefined;
  let widest = 0;
  for (const h of headerRows) for (const c of h.cells) if (c.text.trim() !== '') widest = Math.max(widest, c.field);
  return { cells: headerRows[0]!.cells.length, widest };
}

function raggedCheck(ctx: RowContext, r: GridRow, width: { cells: number; widest: number } | undefined): void {
  if (!width) return;
  const headerWidth = width.cells;
  let lastFilled = 0;
  for (const c of r.cells) if (c.text.trim() !== '') lastFilled = c.field;
  const widest = width.widest;
  // a filled cell right of every header label has no column and is lost: say so
  if (lastFilled > Math.max(headerWidth, widest) && !ctx.infos.some((i) => i.field === lastFilled && i.role.role === 'amount')) {
    ctx.issues.push(
      issue(
        'ragged-row',
        'warning',
        `此行有 ${r.cells.length} 个单元格，表头有 ${headerWidth} 个`,
        `row has ${r.cells.length} cells, the header has ${headerWidth}`,
        { file: ctx.grid.file, line: r.line, column: 1 },
        ctx.tableId,
      ),
    );
  }
}

/** The cell of an amount column, read; a label repeated into it by a merge is no amount. */
function readCell(ctx: RowContext, info: ColumnInfo, gc: GridCell, labelText: string): Cell | 'total' {
  const where = loc(ctx.grid, gc);
  const t = gc.text.trim();
  const parsed = numberIn(gc);
  if (parsed.kind === 'number') return { raw: gc.text, loc: where, amount: parsed.n };
  if (parsed.kind === 'blank') return { raw: gc.text, loc: where, amount: null };
  if (rowRoleOf(t) !== undefined) return 'total';
  if (labelText !== '' && normalizeLabel(t) === normalizeLabel(labelText)) return { raw: gc.text, loc: where, amount: null };
  ctx.issues.push(
    issue(
      'non-numeric',
      'error',
      `金额列“${info.labels.join('/')}”中的“${t}”不是数字`,
      `"${t}" in amount column "${info.labels.join('/')}" is not a number`,
      where,
      ctx.tableId,
    ),
  );
  return { raw: gc.text, loc: where, amount: null, junk: true };
}

function cellsOf(ctx: RowContext, r: GridRow, infos: ColumnInfo[], labelText: string): { cells: Record<string, Cell>; any: boolean; total: boolean } {
  const cells: Record<string, Cell> = {};
  let any = false;
  let total = false;
  for (const info of infos) {
    if (info.role.role !== 'amount') continue;
    const gc = r.cells[info.field - 1];
    if (!gc) continue;
    const id = ctx.idOf.get(info.field)!;
    if (cells[id]) continue;
    const c = readCell(ctx, info, gc, labelText);
    if (c === 'total') {
      total = true;
      cells[id] = { raw: gc.text, loc: loc(ctx.grid, gc), amount: null };
      continue;
    }
    if (c.amount || c.junk) any = true;
    cells[id] = c;
  }
  return { cells, any, total };
}

// ---------- rows of classification codes ----------

function readCoded(ctx: RowContext, body: GridRow[]): void {
  let lastClass = '';
  let lastKuan = '';
  const padded: Array<{ text: string; code: string; where: Location }> = [];
  for (const r of body) {
    const parts: [string, string, string] = ['', '', ''];
    let combined = '';
    let name = '';
    let project = '';
    let nameCell: GridCell | undefined;
    let codeCell: GridCell | undefined;
    let total = false;
    for (const info of ctx.infos) {
      const gc = r.cells[info.field - 1];
      if (!gc) continue;
      const t = gc.text.trim();
      if (t === '') continue;
      const role = info.role;
      if (role.role === 'codePart') {
        if (rowRoleOf(t)) total = true;
        else {
          parts[role.part] = t.replace(/\s+/g, '');
          codeCell ??= gc;
        }
      } else if (role.role === 'code') {
        codeCell ??= gc;
        if (rowRoleOf(t)) total = true;
        else if (!combined) combined = t.replace(/\s+/g, '');
      } else if (role.role === 'name' || role.role === 'label') {
        if (!name) {
          name = t;
          nameCell = gc;
          if (rowRoleOf(t)) total = true;
        }
      } else if (role.role === 'project') {
        if (!project) project = t;
      }
    }
    const { cells, any, total: totalInAmounts } = cellsOf(ctx, r, ctx.infos, name);
    if (totalInAmounts) total = true;
    if (!any && !name && !combined && !parts.some((p) => p) && !project && !total) continue;

    let code: string | undefined;
    const where = codeCell ? loc(ctx.grid, codeCell) : { file: ctx.grid.file, line: r.line, column: 1 };
    if (!total && (combined || parts.some((p) => p))) {
      const read = combined ? readCombined(combined) : readSplit(parts, lastClass, lastKuan);
      if (read.code) {
        code = read.code;
        if (read.padded) padded.push({ text: combined || parts.filter((p) => p).join(' '), code, where });
      } else {
        ctx.issues.push(
          issue(
            'bad-code',
            'error',
            `科目编码“${parts.filter((p) => p).join(' ') || combined}”无法识别`,
            `classification code "${parts.filter((p) => p).join(' ') || combined}" is not recognised`,
            where,
            ctx.tableId,
          ),
        );
      }
    }
    // a code printed in front of the name, in one column: "201 一般公共服务支出"
    const joined = !code && !total ? /^([235]\d{2}(?:\d{2}){0,2})\s*([^\d\s].*)$/.exec(name) : null;
    if (joined) {
      code = joined[1]!;
      name = joined[2]!;
    }
    if (!total && !code && name && ctx.table.codeKind === 'function') {
      const byName = functionClassByName(name);
      if (byName) code = byName;
    }
    if (code) {
      lastClass = code.slice(0, 3);
      if (code.length >= 5) lastKuan = code.slice(3, 5);
      else lastKuan = '';
    }
    const first = nonBlank(r)[0];
    const nameLoc = nameCell ? loc(ctx.grid, nameCell) : codeCell ? loc(ctx.grid, codeCell) : first ? loc(ctx.grid, first) : { file: ctx.grid.file, line: r.line, column: 1 };
    const row: Row = { line: r.line, name, isTotal: total, cells, nameLoc };
    if (code) {
      row.code = code;
      row.level = code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
    }
    if (project) row.project = project;
    ctx.table.rows.push(row);
  }
  // one warning for the table, at the first such code: the codes are read, not an error each
  const first = padded[0];
  if (first) {
    const more = padded.length > 1 ? `等 ${padded.length} 个编码` : '';
    const moreEn = padded.length > 1 ? ` (and ${padded.length - 1} more)` : '';
    ctx.issues.push(
      issue(
        'code-format',
        'warning',
        `科目编码“${first.text}”${more}缺少前导零，按 ${first.code} 等读取`,
        `classification code "${first.text}"${moreEn} lacks its leading zeros; read as ${first.code}`,
        first.where,
        ctx.tableId,
      ),
    );
  }
}

function readCombined(t: string): { code?: string; padded?: boolean } {
  if (CODE_RE.test(t)) return { code: t };
  return {};
}

/**
 * 类/款/项 in their own columns. A 类 left blank under a merged cell is the one above; a 款 or
 * 项 printed without its leading zero ("2" for 02) is padded, with a warning.
 */
function readSplit(parts: [string, string, string], lastClass: string, lastKuan: string): { code?: string; padded?: boolean } {
  let [c, k, x] = parts;
  let padded = false;
  if (!/^\d*$/.test(c + k + x)) return {};
  // the whole code printed in its last column (类 301 | 款 30101): the longest part is the code
  const whole = [x, k].find((p) => p.length >= 5 && CODE_RE.test(p));
  if (whole) return { code: whole };
  if (k.length === 1) {
    k = `0${k}`;
    padded = true;
  }
  if (x.length === 1) {
    x = `0${x}`;
    padded = true;
  }
  if (c === '' && (k !== '' || x !== '')) c = lastClass;
  if (k === '' && x !== '') k = lastKuan;
  if (!/^\d{3}$/.test(c) || (k !== '' && !/^\d{2}$/.test(k)) || (x !== '' && !/^\d{2}$/.test(x))) return {};
  if (k === '' && x !== '') return {};
  return { code: c + k + x, padded };
}

// ---------- summary tables: blocks side by side ----------

const SOURCE_KEYS: ReadonlySet<ColumnKey> = new Set(['fiscal', 'generalBudget', 'governmentFund', 'stateCapital', 'specialAccount', 'business', 'operating', 'upperSubsidy', 'subsidiaryRemit', 'other', 'businessFund']);
const USE_KEYS: ReadonlySet<ColumnKey> = new Set(['basic', 'project', 'reserve', 'operatingExpense', 'upperRemit', 'subsidiaryGrant', 'personnel', 'publicFunds']);

/** Blocks whose header does not say which side they are: their rows do. */
function assignSides(infos: ColumnInfo[], rows: GridRow[]): void {
  const blocks = new Map<number, ColumnInfo[]>();
  for (const c of infos) if (c.block !== undefined) listIn(blocks, c.block).push(c);
  const guessed = new Map<number, Side>();
  for (const [b, cols] of blocks) {
    if (cols.some((c) => c.side)) continue;
    const nameCols = cols.filter((c) => c.role.role === 'name' || c.role.role === 'label' || c.role.role === 'code' || c.role.role === 'codePart');
    let source = 0;
    let use = 0;
    let fn = 0;
    let personnel = 0;
    let publicFunds = 0;
    for (const r of rows) {
      for (const c of nameCols) {
        const t = textOf(r, c.field);
        if (!t) continue;
        const item = itemOf(t);
        if (item && SOURCE_KEYS.has(item)) source++;
        else if (item && USE_KEYS.has(item)) use++;
        else if (functionClassByName(t) || /^2\d\d(\d\d){0,2}$/.test(t)) fn++;
        else if (/^30[13]\d*$/.test(t)) personnel++;
        else if (/^3(0[2-9]|1\d)\d*$/.test(t)) publicFunds++;
      }
    }
    const best = Math.max(source, use, fn, personnel, publicFunds);
    if (best === 0) continue;
    guessed.set(b, best === source ? 'income' : best === fn ? 'expense' : best === use ? 'use' : best === personnel ? 'personnel' : 'publicFunds');
  }
  for (const [b, cols] of blocks) {
    const side = cols.find((c) => c.side)?.side ?? guessed.get(b) ?? (b === 0 ? 'income' : 'expense');
    for (const c of cols) c.side = side;
  }
}

/** A carry-over heading of a summary's side, and the running sums of the parts taken under it (by 其中 or not, and column). */
interface CarryHeading {
  index: number;
  level: number;
  afterYear: boolean;
  sums: Map<string, { sum: Dec; n: number }>;
}

interface BlockRow {
  side: Side;
  name: string;
  nameCell?: GridCell;
  code?: string;
  cells: Record<string, Cell>;
  any: boolean;
  total: boolean;
}

function readSided(ctx: RowContext, body: GridRow[]): void {
  const blocks = new Map<number, ColumnInfo[]>();
  for (const c of ctx.infos) if (c.block !== undefined) listIn(blocks, c.block).push(c);
  const order = [...blocks.keys()].sort((a, b) => a - b);
  const state = new Map<Side, { yearTotalSeen: boolean; lastByLevel: Map<number, number>; lastItemRow?: number; adjustmentHead?: number; numberedAdjustment?: CarryHeading; yearSeen?: boolean }>();
  for (const r of body) {
    const pieces: Array<BlockRow | undefined> = order.map((b) => blockRow(ctx, r, blocks.get(b)!));
    // a label merged across blocks (当年支出小计 over 功能分类 and 支出用途): its amount stands in the
    // next block of the same row, which has no label of its own (or the same one repeated)
    for (let i = 0; i + 1 < pieces.length; i++) {
      const a = pieces[i];
      const b = pieces[i + 1];
      if (!a || !b || a.any || !a.name) continue;
      if (!b.any) {
        if (normalizeLabel(b.name) === normalizeLabel(a.name)) pieces[i + 1] = undefined;
        continue;
      }
      if (b.name !== '' && normalizeLabel(b.name) !== normalizeLabel(a.name)) continue;
      a.cells = b.cells;
      a.any = true;
      pieces[i + 1] = undefined;
    }
    for (const p of pieces) {
      if (!p || (!p.name && !p.any && !p.code)) continue;
      let st = state.get(p.side);
      if (!st) state.set(p.side, (st = { yearTotalSeen: false, lastByLevel: new Map() }));
      const nameLoc = p.nameCell ? loc(ctx.grid, p.nameCell) : { file: ctx.grid.file, line: r.line, column: 1 };
      const row: Row = { line: r.line, side: p.side, name: p.name, isTotal: false, cells: p.cells, nameLoc };
      const role = rowRoleOf(p.name);
      if (role === 'grandTotal' || (p.total && !p.name)) {
        row.isTotal = true;
        row.role = 'grandTotal';
      } else if (role === 'yearTotal') {
        row.role = 'yearTotal';
        // a heading (一、本年收入) has its items after it; a subtotal line (本年收入合计) before it
        st.yearTotalSeen = numberingLevel(p.name) === undefined;
      } else if (st.yearTotalSeen || (isAdjustmentLabel(p.name) && !itemOf(p.name))) {
        row.role = 'adjustment';
      } else {
        row.role = 'item';
      }
      const index = ctx.table.rows.length;
      const level = numberingLevel(p.name);
      // a carry-over heading (二、上年结转, 上年结转结余, 年末结转和结余, 结余分配) heads the unnumbered
      // lines under it that are its own, until a line that is not: its parts worded as such
      // (一般公共预算拨款结转); after the year's total, the appropriations by name (the 2019
      // template's 财政拨款收支总表 prints 一般公共预算拨款 … again there); a 其中 list
      const heading = st.numberedAdjustment;
      let part = false;
      let ofWhich = false;
      if (heading && level === undefined && !row.isTotal && row.role !== 'yearTotal' && !(isAdjustmentLabel(p.name) && !carryPartOf(p.name))) {
        const before = ctx.table.rows[st.lastItemRow ?? -1];
        const listGoesOn = before?.ofWhich === true && (before.parent === heading.index || ctx.table.rows[before.parent ?? -1]?.parent === heading.index);
        // where the words alone do not say (a line after a 其中 line; an appropriation by its plain
        // name before the year's total), a line is a part only if the parts stay within the heading:
        // one that would exceed it is the year's (上年结转 10 printed first, then 财政拨款 105 …)
        const fits = (listing: boolean) => withinHeading(ctx.table.rows[heading.index]!, heading, row, listing);
        if (isOfWhichLabel(p.name) || (listGoesOn && fits(true))) part = ofWhich = true;
        else if (carryPartOf(p.name)) part = true;
        else if (APPROPRIATIONS.has(itemOf(p.name) as ColumnKey) && (heading.afterYear || (hasAmount(row) && fits(false)))) part = true;
      }
      if (heading && !part) delete st.numberedAdjustment;
      if (heading && part) {
        const before = ctx.table.rows[st.lastItemRow ?? -1];
        row.role = 'adjustment';
        row.parent = heading.index;
        if (ofWhich) {
          row.ofWhich = true;
          // 其中 under the part above it (一般公共预算拨款 / 其中：基本支出), the list's next under the same
          if (isOfWhichLabel(p.name) && before && before.parent === heading.index && !before.ofWhich) row.parent = st.lastItemRow!;
          else if (!isOfWhichLabel(p.name) && before?.parent !== undefined) row.parent = before.parent;
        }
        ctx.table.rows.push(row);
        addToHeading(heading, row);
        st.lastItemRow = index;
        continue;
      }
      if (row.role === 'yearTotal') st.yearSeen = true;
      if (row.role === 'item' || row.role === 'adjustment') placeItem(ctx, row, p, st, index);
      if (row.role === 'adjustment' && row.parent === undefined && !row.ofWhich && isAdjustmentLabel(p.name) && !carryPartOf(p.name)) st.numberedAdjustment = { index, level: level ?? 0, afterYear: st.yearSeen === true, sums: new Map() };
      // 年初财政拨款结转和结余, then 一、一般公共预算财政拨款 …: the numbered lines are its parts
      if (row.role === 'adjustment' && row.parent === undefined && numberingLevel(p.name) !== undefined && st.adjustmentHead !== undefined) row.parent = st.adjustmentHead;
      if (row.role === 'adjustment' && numberingLevel(p.name) === undefined && !isOfWhichLabel(p.name)) st.adjustmentHead = index;
      else if (row.role === 'yearTotal') {
        // "一、本年收入" heads the numbered items under it
        const level = numberingLevel(p.name);
        st.lastByLevel.clear();
        if (level !== undefined) st.lastByLevel.set(level, index);
      }
      // the parts of an adjustment (二、上年结转 / （一）一般公共预算拨款) are adjustments too
      if (row.parent !== undefined && ctx.table.rows[row.parent]!.role === 'adjustment') row.role = 'adjustment';
      ctx.table.rows.push(row);
      if (row.role === 'item' || row.role === 'adjustment') st.lastItemRow = index;
    }
  }
}

function hasAmount(row: Row): boolean {
  return Object.values(row.cells).some((c) => c?.amount && !c.amount.value.isZero());
}

/**
 * Whether a line taken as a carry-over's part keeps its parts within it, column by column (the
 * parts so far of the same kind, a 其中 list or the parts proper, plus this line, at most the
 * heading; a half unit of the last place a line allowed for rounding).
 */
function withinHeading(h: Row, heading: CarryHeading, row: Row, listing: boolean): boolean {
  for (const [id, cell] of Object.entries(row.cells)) {
    const a = cell?.amount;
    if (!a || a.value.isZero()) continue;
    const cap = h.cells[id]?.amount;
    if (!cap) return false;
    const so = heading.sums.get(`${listing}|${id}`);
    const sum = so ? so.sum.plus(a.value) : a.value;
    const slack = halfUlp(Math.max(a.decimals, cap.decimals)).times((so?.n ?? 0) + 1);
    if (sum.greaterThan(cap.value.plus(slack))) return false;
  }
  return true;
}

/** A part taken under a carry-over heading: its figures added to the heading's running sums (kept, not recounted). */
function addToHeading(heading: CarryHeading, row: Row): void {
  for (const [id, cell] of Object.entries(row.cells)) {
    const a = cell?.amount;
    if (!a) continue;
    const k = `${row.ofWhich === true}|${id}`;
    const so = heading.sums.get(k);
    heading.sums.set(k, { sum: so ? so.sum.plus(a.value) : a.value, n: (so?.n ?? 0) + 1 });
  }
}

/** The appropriations a carry-over lists again under it by their plain names. */
const APPROPRIATIONS: ReadonlySet<ColumnKey> = new Set(['fiscal', 'generalBudget', 'governmentFund', 'stateCapital']);

/** A carry-over's part by its name: a source or use with 结转/结余 after it (一般公共预算拨款结转). */
function carryPartOf(name: string): boolean {
  const full = normalizeLabel(stripNumbering(name.trim().replace(/^其中[:：]?\s*/, '')));
  const base = full.replace(/(?:上年|年初)?(?:结转|结余)(?:和结余|资金)?$/, '');
  // a kind of money carried (一般公共预算拨款结转, 经营结余, 非财政拨款结转和结余), not a carry-over's
  // own name (上年结转, 年末结转和结余), a use of one (使用非财政拨款结余) or its appropriation
  return base !== '' && base !== full && !/^(?:上年|年初|年末|年终|本年|当年)?(?:结转|结余)?和?$|^(?:使用|提取|用)|下年$/.test(base);
}

function blockRow(ctx: RowContext, r: GridRow, cols: ColumnInfo[]): BlockRow | undefined {
  const side = cols[0]?.side ?? 'income';
  let name = '';
  let nameCell: GridCell | undefined;
  let code = '';
  const parts = ['', '', ''];
  for (const c of cols) {
    const gc = r.cells[c.field - 1];
    const t = gc?.text.trim() ?? '';
    if (!gc || t === '') continue;
    if (c.role.role === 'code') code ||= t.replace(/\s+/g, '');
    else if (c.role.role === 'codePart') parts[c.role.part] = t.replace(/\s+/g, '');
    else if ((c.role.role === 'name' || c.role.role === 'label' || c.role.role === 'project') && !name) {
      name = t;
      nameCell = gc;
    }
  }
  if (!code && parts[0]) code = parts.join('');
  if (code && rowRoleOf(code)) {
    name ||= code;
    code = '';
  }
  // a code printed in the name column, alone or in front of the name ("30101 基本工资")
  if (!code && looksLikeCode(name)) {
    code = name.replace(/\s+/g, '');
    name = '';
  }
  const joined = !code ? /^([235]\d{2}(?:\d{2}){0,2})\s*([^\d\s].*)$/.exec(name) : null;
  if (joined) {
    code = joined[1]!;
    name = joined[2]!;
  }
  const { cells, any, total } = cellsOf(ctx, r, cols, name);
  if (!name && !any && !code && !total) return undefined;
  const out: BlockRow = { side, name, cells, any, total };
  if (nameCell) out.nameCell = nameCell;
  if (code && CODE_RE.test(code)) out.code = code;
  return out;
}

/** An item's place in its block: its code, its key (财政拨款, 基本支出 …) and the item it is part of. */
function placeItem(ctx: RowContext, row: Row, p: BlockRow, st: { lastByLevel: Map<number, number>; lastItemRow?: number }, index: number): void {
  const rows = ctx.table.rows;
  if (isOfWhichLabel(p.name) && st.lastItemRow !== undefined) {
    row.ofWhich = true;
    row.parent = st.lastItemRow;
    return;
  }
  const code = p.code ?? (row.side === 'expense' ? functionClassByName(p.name) : undefined);
  if (code) {
    row.code = code;
    row.level = code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
  }
  const item = row.side === 'expense' && code ? undefined : itemOf(p.name);
  if (item && row.role === 'item') row.item = item;
  const level = numberingLevel(p.name);
  if (level !== undefined) {
    row.depth = level;
    for (let l = level - 1; l >= 1; l--) {
      const parent = st.lastByLevel.get(l);
      if (parent !== undefined) {
        row.parent = parent;
        break;
      }
    }
    st.lastByLevel.set(level, index);
    for (const l of [...st.lastByLevel.keys()]) if (l > level) st.lastByLevel.delete(l);
    if (row.parent !== undefined) return;
  }
  // a code under the nearest shorter code of its side (款 under 类)
  if (code && code.length > 3) {
    for (let len = code.length - 2; len >= 3; len -= 2) {
      const prefix = code.slice(0, len);
      for (let i = rows.length - 1; i >= 0; i--) {
        const x = rows[i]!;
        if (x.side === row.side && x.code === prefix) {
          row.parent = i;
          return;
        }
      }
    }
  }
  if (level !== undefined) return;
  // unnumbered: a known part of a listed item (一般公共预算 under 财政拨款)
  if (item) {
    for (let k = COLUMN_PARENT[item]; k && k !== 'total'; k = COLUMN_PARENT[k]) {
      let parent = -1;
      for (let i = rows.length - 1; i >= 0; i--) {
        const x = rows[i]!;
        if (x.side === row.side && x.item === k && x.role === 'item') {
          parent = i;
          break;
        }
      }
      if (parent >= 0) {
        row.parent = parent;
        return;
      }
    }
  }
}

// ---------- outlines: label columns of increasing depth ----------

function readOutline(ctx: RowContext, body: GridRow[]): void {
  const labelCols = ctx.infos.filter((c) => c.role.role === 'name' || c.role.role === 'label' || c.role.role === 'project' || c.role.role === 'code' || c.role.role === 'codePart');
  const subtotals = body.some((r) => labelCols.some((c) => normalizeLabel(textOf(r, c.field)) === '小计'));
  let group: string | undefined;
  let lastSubtotal: number | undefined;
  const lastAtDepth = new Map<number, number>();
  for (const r of body) {
    const filled = labelCols.map((c, i) => ({ i, t: textOf(r, c.field), c })).filter((x) => x.t !== '');
    const label = filled.map((x) => x.t).filter((t) => normalizeLabel(t) !== '小计');
    let name = label[label.length - 1] ?? '';
    const firstLabel = filled[0];
    const { cells, any, total: totalInAmounts } = cellsOf(ctx, r, ctx.infos, name);
    if (!any && filled.length === 0 && !totalInAmounts) continue;
    const nameCell = firstLabel ? r.cells[firstLabel.c.field - 1] : nonBlank(r)[0];
    const row: Row = { line: r.line, name, isTotal: false, cells, nameLoc: nameCell ? loc(ctx.grid, nameCell) : { file: ctx.grid.file, line: r.line, column: 1 } };
    const index = ctx.table.rows.length;
    const role = firstLabel ? rowRoleOf(firstLabel.t) : totalInAmounts ? 'grandTotal' : undefined;
    if (role === 'grandTotal' || role === 'yearTotal') {
      row.isTotal = true;
      ctx.table.rows.push(row);
      continue;
    }
    if (subtotals) {
      if (filled.some((x) => normalizeLabel(x.t) === '小计')) {
        // 小计 of a group: the group's name is its label, or the last one printed above it
        group = label[0] ?? group;
        row.name = group ?? '小计';
        row.subtotal = true;
        row.depth = 1;
        const item = group ? itemOf(group) : undefined;
        if (item) row.item = item;
        lastSubtotal = index;
      } else {
        if (label.length > 1) group = label[0];
        name = label[label.length - 1] ?? '';
        row.name = name;
        row.depth = 2;
        if (isOfWhichLabel(name)) {
          row.ofWhich = true;
          const prev = ctx.table.rows.length - 1;
          if (prev >= 0) row.parent = prev;
        } else if (lastSubtotal !== undefined) row.parent = lastSubtotal;
        const item = itemOf(name);
        if (item) row.item = item;
      }
    } else {
      // depth: the last label column printed in the row
      const depth = (filled[filled.length - 1]?.i ?? 0) + 1;
      row.depth = depth;
      row.name = filled.map((x) => x.t).join(' ');
      for (let d = depth - 1; d >= 1; d--) {
        const parent = lastAtDepth.get(d);
        if (parent !== undefined) {
          row.parent = parent;
          break;
        }
      }
      lastAtDepth.set(depth, index);
      for (const d of [...lastAtDepth.keys()]) if (d > depth) lastAtDepth.delete(d);
      if (isOfWhichLabel(name)) row.ofWhich = true;
    }
    ctx.table.rows.push(row);
  }
}

// ---------- a single row of figures ----------

function readSingle(ctx: RowContext, body: GridRow[]): void {
  for (const r of body) {
    const labels = ctx.infos.filter((c) => c.role.role !== 'amount').map((c) => textOf(r, c.field)).filter((t) => t !== '');
    const name = labels[0] ?? '';
    const { cells, any, total } = cellsOf(ctx, r, ctx.infos, name);
    if (!any && !name) continue;
    const first = nonBlank(r)[0];
    const row: Row = { line: r.line, name, isTotal: total || (name !== '' && rowRoleOf(name) === 'grandTotal'), cells, nameLoc: first ? loc(ctx.grid, first) : { file: ctx.grid.file, line: r.line, column: 1 } };
    ctx.table.rows.push(row);
  }
}

/**
 * A “三公” table whose 合计 sits under a “三公”经费 band (read as the “三公” subtotal) and that has no
 * total beside it (no 会议费, 培训费): that subtotal is the table's total, as the same table with
 * its band row dropped reads it.
 */
function canonicalThreePublic(columns: Column[]): void {
  const groups = new Map<string, Column[]>();
  for (const c of columns) listIn(groups, `${c.side ?? ''}@${c.dimension ?? ''}`).push(c);
  for (const cols of groups.values()) {
    const three = cols.filter((c) => c.key === 'threePublic');
    if (three.length !== 1 || cols.some((c) => c.key === 'total' || c.key === 'meeting' || c.key === 'training')) continue;
    const c = three[0]!;
    c.key = 'total';
    c.id = c.dimension ? `total@${c.dimension}` : 'total';
  }
}

// ---------- row formulas ----------

const INCOME_SIDE: ReadonlySet<ColumnKey> = new Set(['carryIn', 'yearIncome', 'fiscal', 'generalBudget', 'governmentFund', 'stateCapital', 'specialAccount', 'business', 'operating', 'upperSubsidy', 'subsidiaryRemit', 'other', 'businessFund']);
const SPENDING_SIDE: ReadonlySet<ColumnKey> = new Set(['carryOut', 'yearExpense', 'basic', 'project', 'reserve', 'operatingExpense', 'upperRemit', 'subsidiaryGrant', 'personnel', 'publicFunds']);

/**
 * The column tree's sums among the columns a table prints, per side and repeated group: a column
 * is the sum of the columns whose nearest printed ancestor it is. A group with a column nobody
 * recognised gets none (that column might be a part of anything), only the layout's own formulas.
 */
export function deriveFormulas(columns: Column[], layoutFormulas: readonly string[]): Formula[] {
  const out: Formula[] = [];
  const groups = new Map<string, Column[]>();
  for (const c of columns) {
    const g = `${c.side ?? ''}@${c.dimension ?? ''}`;
    listIn(groups, g).push(c);
  }
  for (const cols of groups.values()) {
    const side = cols[0]!.side;
    const known = cols.filter((c) => c.key !== undefined);
    if (known.length !== cols.length) continue;
    const byKey = new Map(known.map((c) => [c.key!, c]));
    const children = new Map<string, Column[]>();
    for (const c of known) {
      let k = COLUMN_PARENT[c.key!];
      while (k && !byKey.has(k)) k = COLUMN_PARENT[k];
      if (!k) continue;
      listIn(children, k).push(c);
    }
    for (const [k, parts] of children) {
      const total = byKey.get(k as ColumnKey)!;
      // a total over revenue and spending columns at once (年初结转 | 本年收入 | 本年支出 | 年末结转) adds
      // nothing up: only the layout can say how such columns relate
      if (k === 'total' && parts.some((p) => INCOME_SIDE.has(p.key!)) && parts.some((p) => SPENDING_SIDE.has(p.key!))) continue;
      const f: Formula = { total: total.id, parts: parts.map((p) => ({ id: p.id, sign: 1 as const })), source: 'tree' };
      if (side) f.side = side;
      out.push(f);
    }
  }
  for (const text of layoutFormulas) {
    const parsed = parseColumnFormula(text);
    if (!parsed) continue;
    const sides = new Set(columns.map((c) => c.side));
    for (const side of sides) {
      const ids = new Set(columns.filter((c) => c.side === side).map((c) => c.id));
      if (!ids.has(parsed.total) || !parsed.parts.every((p) => ids.has(p.id))) continue;
      // the layout's formula replaces a tree formula for the same column
      const i = out.findIndex((f) => f.total === parsed.total && f.side === side);
      if (i >= 0) out.splice(i, 1);
      const f: Formula = { total: parsed.total, parts: parsed.parts, source: 'layout' };
      if (side) f.side = side;
      out.push(f);
    }
  }
  return out;
}

/** "carryOut = carryIn + yearIncome - yearExpense" → its column ids and signs. */
export function parseColumnFormula(text: string): { total: string; parts: Array<{ id: string; sign: 1 | -1 }> } | undefined {
  const m = /^\s*([A-Za-z0-9@]+)\s*=\s*(.+)$/.exec(text);
  if (!m) return undefined;
  const parts: Array<{ id: string; sign: 1 | -1 }> = [];
  const re = /\s*([+\-−]?)\s*([A-Za-z0-9@]+)/gy;
  let s = m[2]!;
  let mm: RegExpExecArray | null;
  let first = true;
  while ((mm = re.exec(s)) !== null) {
    if (!first && mm[1] === '') return undefined;
    parts.push({ id: mm[2]!, sign: mm[1] === '-' || mm[1] === '−' ? -1 : 1 });
    first = false;
    if (re.lastIndex >= s.length) break;
  }
  s = s.slice(re.lastIndex).trim();
  if (s !== '' || parts.length === 0) return undefined;
  return { total: m[1]!, parts };
}

/** How findings name a table: the document's own number, when printed, and its name. */
export function tableLabel(t: Pick<Table, 'number' | 'name'>): Bilingual {
  return t.number ? { zh: `${t.number.zh}（${t.name.zh}）`, en: `${t.number.en}, ${t.name.en}` } : { zh: t.name.zh, en: t.name.en };
}

