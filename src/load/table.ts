// Grid → Table: finds the title, the header rows and the data rows of a published table,
// names each amount column by its wording, and reads every row's code, name and amounts.
import { parseNumber } from '../core/decimal.js';
import {
  columnKeyOf,
  detectTableKind,
  functionClassByName,
  incomeItemOf,
  isTotalLabel,
  normalizeLabel,
  type ColumnAlias,
  type TitleAlias,
} from './aliases.js';
import type { Grid, GridCell, GridRow } from './grid.js';
import type { Cell, Column, ColumnKey, LoadIssue, Location, Row, Side, Table, TableKind, Unit } from './model.js';

export interface TableReadOptions {
  /** the kind, when a manifest says so */
  kind?: TableKind;
  unit?: Unit;
  titleAliases?: TitleAlias[];
  columnAliases?: ColumnAlias[];
}

export interface TableReadResult {
  table?: Table;
  issues: LoadIssue[];
}

type Role =
  | { role: 'amount'; key: ColumnKey }
  | { role: 'codePart'; part: 0 | 1 | 2 }
  | { role: 'code' }
  | { role: 'name' }
  | { role: 'project' }
  | { role: 'unknownLabel' }
  | { role: 'ambiguous' };

interface ColumnInfo {
  field: number;
  labels: string[];
  side?: Side;
  role: Role;
}

const CODE_RE = /^\d{3}(\d{2}){0,2}$/;
const TWO_SIDED: ReadonlySet<TableKind> = new Set<TableKind>(['overview', 'fiscalOverview']);

function textOf(row: GridRow, field: number): string {
  return row.cells[field - 1]?.text.trim() ?? '';
}

function nonBlank(row: GridRow): GridCell[] {
  return row.cells.filter((c) => c.text.trim() !== '');
}

function isTitleRow(row: GridRow): boolean {
  const cells = nonBlank(row);
  if (cells.length <= 1) return true;
  return cells.some((c) => /编制(部门|单位)|^单位[:：]|单位[:：]\s*(万元|千元|元)/.test(c.text.trim()));
}

function looksLikeCode(t: string): boolean {
  return CODE_RE.test(t.replace(/\s+/g, ''));
}

function isDataRow(row: GridRow): boolean {
  const cells = nonBlank(row);
  if (cells.length === 0) return false;
  const first = cells[0]!.text.trim();
  if (looksLikeCode(first)) return true;
  if (cells.some((c) => parseNumber(c.text).kind === 'number')) return true;
  // an empty table's 合计 row, but not a header row that starts with 合计
  return isTotalLabel(first) && cells.every((c) => isTotalLabel(c.text));
}

function isNoteRow(row: GridRow): boolean {
  const cells = nonBlank(row);
  return cells.length === 1 && /^(注|备注|说明)\s*[:：]?/.test(cells[0]!.text.trim());
}

function loc(grid: Grid, c: GridCell): Location {
  return { file: grid.file, line: c.line, column: c.column };
}

function issue(
  code: string,
  severity: LoadIssue['severity'],
  zh: string,
  en: string,
  where: Location,
  table?: TableKind,
): LoadIssue {
  return table ? { code, severity, message: { zh, en }, loc: where, table } : { code, severity, message: { zh, en }, loc: where };
}

/** Header label chains per column, with horizontally merged cells left blank filled from the left. */
function headerChains(headers: GridRow[], width: number): string[][] {
  const grid: string[][] = headers.map((r) => Array.from({ length: width }, (_, i) => textOf(r, i + 1)));
  const hasBelow = (r: number, f: number) => grid.slice(r + 1).some((row) => row[f] !== '');
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    for (let f = 1; f < width; f++) {
      if (row[f] === '' && row[f - 1] !== '' && hasBelow(r, f) && hasBelow(r, f - 1)) row[f] = row[f - 1]!;
    }
  }
  return Array.from({ length: width }, (_, f) => grid.map((row) => row[f]!).filter((t) => t !== ''));
}

function sideOf(labels: string[]): Side | undefined {
  for (const l of labels) {
    const t = normalizeLabel(l);
    if (/收入/.test(t) && !/支出/.test(t)) return 'income';
    if (/支出/.test(t) && !/收入/.test(t)) return 'expense';
  }
  return undefined;
}

function roleOf(labels: string[], extra: readonly ColumnAlias[] = []): Role {
  const norm = labels.map(normalizeLabel);
  const last = norm[norm.length - 1] ?? '';
  if (last === '类') return { role: 'codePart', part: 0 };
  if (last === '款') return { role: 'codePart', part: 1 };
  if (last === '项') return { role: 'codePart', part: 2 };
  if (/项目名称$/.test(last)) return { role: 'project' };
  if (/(编码|代码)$/.test(last)) return { role: 'code' };
  if (/科目名称$|^科目$|^项目$|名称$/.test(last)) return { role: 'name' };
  for (let i = norm.length - 1; i >= 0; i--) {
    const key = columnKeyOf(norm[i]!, extra);
    if (!key) continue;
    if (key === 'total') {
      // 合计/小计 under a group heading that names the thing (公务用车购置及运行费 → 小计)
      for (let j = i - 1; j >= 0; j--) {
        const parent = columnKeyOf(norm[j]!, extra);
        if (parent === 'vehicles') return { role: 'amount', key: parent };
      }
    }
    return { role: 'amount', key };
  }
  if (/^(功能分类|经济分类|功能分类科目|经济分类科目)$/.test(last)) return { role: 'ambiguous' };
  return { role: 'unknownLabel' };
}

export function readTable(grid: Grid, opts: TableReadOptions = {}): TableReadResult {
  const issues: LoadIssue[] = [];
  const rows = grid.rows;
  let i = 0;
  const titleRows: GridRow[] = [];
  while (i < rows.length && isTitleRow(rows[i]!) && !isDataRow(rows[i]!)) titleRows.push(rows[i++]!);
  const headerRows: GridRow[] = [];
  while (i < rows.length && !isDataRow(rows[i]!) && !isNoteRow(rows[i]!)) headerRows.push(rows[i++]!);
  const dataRows = rows.slice(i);

  const titleText = titleRows.map((r) => nonBlank(r).map((c) => c.text).join(' ')).join(' ');
  const headerText = headerRows.map((r) => nonBlank(r).map((c) => c.text).join(' ')).join(' ');
  const kind = opts.kind ?? detectTableKind(titleText, opts.titleAliases) ?? detectTableKind(headerText, opts.titleAliases);
  const firstCell = nonBlank(rows[0] ?? { line: 1, cells: [] })[0];
  const titleLoc: Location = firstCell ? loc(grid, firstCell) : { file: grid.file, line: 1, column: 1 };
  if (!kind) return { issues };

  const titleLine = titleRows
    .flatMap((r) => nonBlank(r).map((c) => c.text.trim()))
    .find((t) => detectTableKind(t, opts.titleAliases) === kind);
  const unitMatch = /单位[:：]\s*(万元|千元|元)/.exec(titleText + ' ' + headerText);
  const unit: Unit = opts.unit ?? (unitMatch ? (unitMatch[1] as Unit) : '万元');
  const unitStated = opts.unit !== undefined || unitMatch !== null;
  if (!unitStated) {
    issues.push(
      issue('unit-assumed', 'info', '未注明金额单位，按“万元”读取', 'no unit stated; amounts read as 万元', titleLoc, kind),
    );
  }

  const width = Math.max(0, ...headerRows.map((r) => r.cells.length), ...dataRows.map((r) => r.cells.length));
  const chains = headerChains(headerRows, width);
  const twoSided = TWO_SIDED.has(kind);
  const infos: ColumnInfo[] = chains.map((labels, f) => {
    const info: ColumnInfo = { field: f + 1, labels, role: roleOf(labels, opts.columnAliases) };
    if (twoSided) {
      const s = sideOf(labels);
      if (s) info.side = s;
    }
    return info;
  });
  resolveAmbiguous(infos, dataRows);

  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const info of infos) {
    if (info.role.role !== 'amount') continue;
    const id = `${info.side ?? ''}:${info.role.key}`;
    if (seen.has(id)) {
      const where: Location = { file: grid.file, line: headerRows[0]?.line ?? 1, column: info.field };
      issues.push(
        issue(
          'duplicate-column',
          'warning',
          `第 ${info.field} 列“${info.labels.join('/')}”与前面的列含义相同，已忽略`,
          `column ${info.field} "${info.labels.join('/')}" repeats an earlier column and is ignored`,
          where,
          kind,
        ),
      );
      continue;
    }
    seen.add(id);
    const col: Column = { key: info.role.key, header: info.labels, index: info.field };
    if (info.side) col.side = info.side;
    columns.push(col);
  }

  const headerTexts = new Set(headerRows.map((r) => r.cells.map((c) => normalizeLabel(c.text)).join('|')));
  const table: Table = {
    kind,
    file: grid.file,
    title: titleLine ?? titleText.trim(),
    titleLoc,
    unit,
    unitStated,
    columns,
    rows: [],
    notes: [],
  };
  if (kind === 'basicEconomic') table.codeKind = 'economic';
  else if (kind !== 'threePublic' && kind !== 'overview' && kind !== 'fiscalOverview') table.codeKind = 'function';

  const sides: Array<Side | undefined> = twoSided ? ['income', 'expense'] : [undefined];
  for (const r of dataRows) {
    const cells = nonBlank(r);
    if (cells.length === 0) continue;
    if (isNoteRow(r)) {
      table.notes.push({ text: cells[0]!.text.trim(), loc: loc(grid, cells[0]!) });
      continue;
    }
    if (headerTexts.has(r.cells.map((c) => normalizeLabel(c.text)).join('|'))) continue; // header repeated after a page break
    // a filled cell right of the header has no column and is lost: say so
    const lastFilled = r.cells.reduce((m, c) => (c.text.trim() !== '' ? c.field : m), 0);
    if (headerRows.length > 0 && (lastFilled > (headerRows[0]?.cells.length ?? 0) || r.cells.length < (headerRows[0]?.cells.length ?? 0))) {
      issues.push(
        issue(
          'ragged-row',
          'warning',
          `此行有 ${r.cells.length} 个单元格，表头有 ${headerRows[0]?.cells.length ?? width} 个`,
          `row has ${r.cells.length} cells, the header has ${headerRows[0]?.cells.length ?? width}`,
          { file: grid.file, line: r.line, column: 1 },
          kind,
        ),
      );
    }
    for (const side of sides) {
      const row = readRow(grid, r, infos, side, kind, issues);
      if (row) table.rows.push(row);
    }
  }
  return { table, issues };
}

/** Columns headed only "功能分类" (表一/表四) are the code or the name, as their contents show. */
function resolveAmbiguous(infos: ColumnInfo[], dataRows: GridRow[]): void {
  for (const info of infos) {
    if (info.role.role !== 'ambiguous') continue;
    let codes = 0;
    let texts = 0;
    for (const r of dataRows) {
      const t = textOf(r, info.field);
      if (t === '') continue;
      if (looksLikeCode(t)) codes++;
      else texts++;
    }
    info.role = codes > texts ? { role: 'code' } : { role: 'name' };
  }
}

function readRow(
  grid: Grid,
  r: GridRow,
  infos: ColumnInfo[],
  side: Side | undefined,
  kind: TableKind,
  issues: LoadIssue[],
): Row | undefined {
  const mine = infos.filter((c) => side === undefined || c.side === side);
  const parts: [string, string, string] = ['', '', ''];
  let combined = '';
  let name = '';
  let project = '';
  let nameCell: GridCell | undefined;
  let codeCell: GridCell | undefined;
  let total = false;
  const cells: Partial<Record<ColumnKey, Cell>> = {};
  let any = false;
  for (const info of mine) {
    const gc = r.cells[info.field - 1];
    if (!gc) continue;
    const t = gc.text.trim();
    if (t !== '') any = true;
    const role = info.role;
    switch (role.role) {
      case 'codePart':
        if (t !== '') {
          parts[role.part] = t;
          codeCell ??= gc;
          if (isTotalLabel(t)) total = true;
        }
        break;
      case 'code':
        if (t !== '') {
          codeCell ??= gc;
          if (isTotalLabel(t)) total = true;
          else combined = t;
        }
        break;
      case 'name':
        if (t !== '' && !name) {
          name = t;
          nameCell = gc;
          if (isTotalLabel(t)) total = true;
        }
        break;
      case 'project':
        if (t !== '') project = t;
        break;
      case 'amount': {
        if (cells[role.key]) break;
        const parsed = parseNumber(gc.text);
        const where = loc(grid, gc);
        if (parsed.kind === 'number') {
          cells[role.key] = { raw: gc.text, loc: where, amount: { value: parsed.n.value, decimals: parsed.n.decimals } };
        } else if (parsed.kind === 'blank') {
          cells[role.key] = { raw: gc.text, loc: where, amount: null };
        } else if (isTotalLabel(t)) {
          total = true;
          cells[role.key] = { raw: gc.text, loc: where, amount: null };
        } else {
          cells[role.key] = { raw: gc.text, loc: where, amount: null, junk: true };
          issues.push(
            issue(
              'non-numeric',
              'error',
              `金额列“${info.labels.join('/')}”中的“${t}”不是数字`,
              `"${t}" in amount column "${info.labels.join('/')}" is not a number`,
              where,
              kind,
            ),
          );
        }
        break;
      }
      default:
        if (t !== '' && isTotalLabel(t)) total = true;
    }
  }
  if (!any) return undefined;

  let code: string | undefined;
  const split = parts.filter((p) => p !== '');
  const codeText = combined || split.join('');
  if (!total && codeText !== '') {
    const ok = combined
      ? CODE_RE.test(combined.replace(/\s+/g, ''))
      : /^\d{3}$/.test(parts[0]) && (parts[1] === '' || /^\d{2}$/.test(parts[1])) && (parts[2] === '' || /^\d{2}$/.test(parts[2]));
    if (ok && !(parts[1] === '' && parts[2] !== '')) code = codeText.replace(/\s+/g, '');
    else {
      const where = codeCell ? loc(grid, codeCell) : { file: grid.file, line: r.line, column: 1 };
      issues.push(
        issue(
          'bad-code',
          'error',
          `科目编码“${split.join(' ') || combined}”无法识别`,
          `classification code "${split.join(' ') || combined}" is not recognised`,
          where,
          kind,
        ),
      );
    }
  }
  if (!total && !code && name && side !== 'income' && kind !== 'threePublic') {
    const byName = functionClassByName(name);
    if (byName) code = byName;
  }
  const first = nonBlank({ line: r.line, cells: mine.map((c) => r.cells[c.field - 1]).filter((c): c is GridCell => !!c) })[0];
  const nameLoc = nameCell ? loc(grid, nameCell) : codeCell ? loc(grid, codeCell) : first ? loc(grid, first) : { file: grid.file, line: r.line, column: 1 };
  const row: Row = { line: r.line, name, isTotal: total, cells, nameLoc };
  if (side) row.side = side;
  if (code) {
    row.code = code;
    row.level = code.length === 3 ? 1 : code.length === 5 ? 2 : 3;
  }
  if (project) row.project = project;
  if (side === 'income' && !total) {
    const item = incomeItemOf(name);
    if (item) row.item = item;
  }
  // A side with a name but nothing else is a printed placeholder line (e.g. "209 社会保险基金支出" with no amount): keep it.
  return row;
}
