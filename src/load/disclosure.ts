// A disclosure is a directory of tables (one file per table) with an optional manifest, or a
// single file. This module finds the files, reads each into a Table and gathers what went wrong.
import { createRequire } from 'node:module';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, realpathSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { BUILTIN_LAYOUTS, detectLayout, findLayout, matchTitle, tableByRole, type LayoutProfile, type LayoutTable } from '../layout/index.js';
import type { TextTable } from './text-tables.js';
import { detectTableKind, type ColumnAlias, type TitleAlias } from './aliases.js';
import { reservedKeys } from '../core/reserved.js';
import { InputError } from './errors.js';
import { decode, detectDelimiter, numberIn, parseDelimited, type Encoding, type Grid, type GridCell } from './grid.js';
import { LimitExceeded, MAX_NESTING, nestingTooDeep, TableBudget } from './limits.js';
import type { Manifest } from './manifest.js';
import type { Cell, Disclosure, LoadIssue, Sources, Table, TableKind } from './model.js';
import { readHead, readTable, tableLabel, type TableHead, type TableSpec } from './table.js';
import type { PdfRead } from './pdf/index.js';
import type { Narrative } from './narrative/model.js';

/** Load issue of a file in a disclosure directory that could not be read at all. */
export const UNREADABLE = 'unreadable';

export { MANIFEST_NAMES } from '../core/vocabulary.js';
import { DOCUMENT_EXTENSIONS, MANIFEST_NAMES } from '../core/vocabulary.js';
const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.xlsx', '.xlsm', '.xls', '.pdf']);
export const TEXT_EXTENSIONS = new Set(['.txt', '.md']);
/** Spreadsheets tables are often kept in, which are not read: named, as documents are, so nobody takes them for checked. */
const SHEET_EXTENSIONS = new Set(['.et', '.ods', '.numbers']);

export type { Manifest } from './manifest.js';

export interface LoadOptions {
  encoding?: Encoding;
  /** files larger than this are refused (bytes) */
  maxFileBytes?: number;
  /** bytes a workbook may inflate to (zip-bomb bound) */
  maxUnzippedBytes?: number;
  titleAliases?: TitleAlias[];
  /** header wording from configuration, tried before the built-in aliases */
  columnAliases?: ColumnAlias[];
  /** paths in findings are shown relative to this directory */
  cwd?: string;
  /** the layout profiles to choose from (built-in ones and the configuration's) */
  layouts?: readonly LayoutProfile[];
  /** read every disclosure with this layout (--layout) */
  layout?: string;
  /** keep the published content (disclosure.sources) for a report that draws it */
  keepSources?: boolean;
}

export { DEFAULT_MAX_FILE_BYTES } from '../core/vocabulary.js';
import { DEFAULT_MAX_FILE_BYTES } from '../core/vocabulary.js';

/** A path as findings show it: relative to the working directory when it lies below it. */
export function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

function formatZodPath(path: PropertyKey[]): string {
  return path.map((p) => String(p)).join('.') || '(root)';
}

export async function readManifest(file: string, shown: string, issues?: LoadIssue[]): Promise<Manifest> {
  const text = decode(readFileSync(file), shown);
  let data: unknown;
  const deep = file.endsWith('.json') ? undefined : nestingTooDeep(text);
  if (deep) {
    throw new InputError({ zh: `清单文件嵌套超过 ${MAX_NESTING} 层`, en: `the manifest nests more than ${MAX_NESTING} levels` }, shown, deep.line, deep.column);
  }
  try {
    if (file.endsWith('.json')) data = JSON.parse(text);
    else {
      // required, not imported: the bundle's code cache keeps no import() callback (src/compile-cache.ts)
      const YAML = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      data = YAML.parse(text);
    }
  } catch (e) {
    const linePos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new InputError(
      { zh: `清单文件无法解析：${(e as Error).message}`, en: `manifest cannot be parsed: ${(e as Error).message}` },
      shown,
      linePos?.line,
      linePos?.col,
    );
  }
  for (const key of reservedKeys(data)) {
    issues?.push({
      code: 'reserved-key',
      severity: 'warning',
      message: { zh: `清单文件中的键“${key}”是保留名称，已忽略`, en: `manifest key "${key}" is a reserved name; ignored` },
      loc: { file: shown, line: keyLine(text, key.split('.').pop()!) ?? 1, column: 1 },
    });
  }
  const { ManifestSchema } = await import('./manifest.js');
  const parsed = ManifestSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const key = formatZodPath(first.path);
    if (first.code === 'unrecognized_keys') {
      const unknown = first.keys.map((k) => (first.path.length ? `${key}.${k}` : k)).join('”“');
      throw new InputError(
        { zh: `清单文件中有未知的键“${unknown}”`, en: `manifest has an unknown key "${unknown.replace(/”“/g, '", "')}"` },
        shown,
        keyLine(text, first.keys[0]!),
      );
    }
    throw new InputError(
      { zh: `清单文件中的“${key}”不正确：${first.message}`, en: `manifest key "${key}": ${first.message}` },
      shown,
    );
  }
  return parsed.data;
}

/** The line where a manifest key first appears, for the message. */
function keyLine(text: string, key: string): number | undefined {
  const i = text.split(/\r?\n/).findIndex((l) => new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`).test(l));
  return i < 0 ? undefined : i + 1;
}

/**
 * Calls to the file system by the loader, by kind (tests and the benchmark read them): a file is
 * opened once, its size taken from the open descriptor, and a directory's plain files are neither
 * stated nor resolved again.
 */
export const fsCalls = { stat: 0, realpath: 0, readdir: 0, open: 0 };

/** Reads one file into Grids: one per sheet of a workbook, else one; their rows and cells come out of `budget`. */
export async function readGrids(path: string, shown: string, opts: LoadOptions, budget = new TableBudget()): Promise<Grid[]> {
  // the disclosure's tables are at their limit already: not even read
  const buf = readChecked(path, shown, opts, () => {
    if (budget.rows <= 0) throw new LimitExceeded('rows').toInputError(shown);
  });
  return gridsOf(buf, path, shown, opts, budget);
}

async function gridsOf(buf: Buffer, path: string, shown: string, opts: LoadOptions, budget: TableBudget, text?: string): Promise<Grid[]> {
  if (isWorkbookFile(path, buf)) {
    const { readWorkbook } = await import('./xlsx/index.js');
    return readWorkbook(buf, opts.maxUnzippedBytes ? { shown, budget, maxUnzippedBytes: opts.maxUnzippedBytes } : { shown, budget });
  }
  return [parseDelimited(text ?? decode(buf, shown, opts.encoding), shown, undefined, budget)];
}

/** Reads one file into a Grid, refusing what cannot be read as text. */
export function readGrid(path: string, shown: string, opts: LoadOptions): Grid {
  const text = decode(readChecked(path, shown, opts), shown, opts.encoding);
  return parseDelimited(text, shown);
}

/**
 * A file's bytes, refused when empty or larger than the limit (its size read from the open file,
 * before any of it is read); `ready` may refuse it too once the size is known good.
 */
function readChecked(path: string, shown: string, opts: LoadOptions, ready?: () => void): Buffer {
  fsCalls.open++;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (size > max) {
      throw new InputError(
        {
          zh: `文件过大（${size} 字节，上限 ${max} 字节，可用 --max-file-size 调整）`,
          en: `file too large (${size} bytes, limit ${max}; see --max-file-size)`,
        },
        shown,
      );
    }
    if (size === 0) throw new InputError({ zh: '文件为空', en: 'file is empty' }, shown);
    ready?.();
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, null);
      if (n === 0) break; // the file shrank while being read: what there is
      got += n;
    }
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

function realpath(p: string): string {
  fsCalls.realpath++;
  return realpathSync(p);
}

function insideDir(dir: string, target: string, realDir?: string): boolean {
  const d = realDir ?? realpath(dir);
  let t: string;
  try {
    t = realpath(target);
  } catch {
    return resolve(target).startsWith(resolve(dir) + sep);
  }
  return t === d || t.startsWith(d + sep);
}

/**
 * What one disclosure is: a directory, a single file, or some files of one directory given one
 * by one (a shell's `dir/*.csv`), read together so that tables are still checked against each other.
 */
export type DisclosureTarget = SingleTarget | PairedTarget;
export type SingleTarget = string | { dir: string; files: string[] };
/** A disclosure checked against last year's (--previous, --series): src/load/previous.ts. */
export interface PairedTarget {
  current: SingleTarget;
  previous: SingleTarget;
}

export function targetPath(t: DisclosureTarget): string {
  if (typeof t !== 'string' && 'current' in t) return targetPath(t.current);
  return typeof t === 'string' ? t : t.dir;
}

export async function loadDisclosure(given: DisclosureTarget, opts: LoadOptions = {}): Promise<Disclosure> {
  // a pair is loaded as its current year; last year's disclosure is loaded by src/load/previous.ts
  const target: SingleTarget = typeof given !== 'string' && 'current' in given ? given.current : given;
  const path = targetPath(target);
  const only = typeof target === 'string' ? undefined : new Set(target.files.map((f) => basename(f)));
  const cwd = opts.cwd ?? process.cwd();
  const shownRoot = display(resolve(path), cwd);
  let st;
  try {
    fsCalls.stat++;
    st = statSync(path);
  } catch {
    throw new InputError({ zh: '路径不存在', en: 'no such file or directory' }, shownRoot);
  }
  const issues: LoadIssue[] = [];
  const disclosure: Disclosure = { path: shownRoot, source: st.isDirectory() ? 'directory' : 'file', layout: 'national', layoutHow: 'none', tables: {}, files: [], issues };
  let files: string[];
  let manifest: Manifest = {};
  if (st.isDirectory()) {
    fsCalls.readdir++;
    const entries = readdirSync(path, { withFileTypes: true }).filter((e) => !only || only.has(e.name) || MANIFEST_NAMES.includes(e.name));
    const names = entries.map((e) => e.name).sort();
    // a plain file of the directory is inside it and a file: only links need resolving
    const plainFiles = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    // resolved only when a link is to be followed
    let realDir: string | undefined;
    const manifestName = names.find((n) => MANIFEST_NAMES.includes(n));
    if (manifestName && !insideDir(path, join(path, manifestName))) {
      throw new InputError(
        { zh: '清单文件是指向披露目录之外的符号链接，已拒绝', en: 'the manifest is a symbolic link out of the disclosure directory; refused' },
        display(join(path, manifestName), cwd),
      );
    }
    if (manifestName) manifest = await readManifest(join(path, manifestName), display(join(path, manifestName), cwd), issues);
    for (const f of Object.keys(manifest.tables ?? {})) {
      if (!insideDir(path, join(path, f))) {
        throw new InputError(
          { zh: `清单中的路径“${f}”指向披露目录之外，已拒绝`, en: `manifest path "${f}" leaves the disclosure directory; refused` },
          display(join(path, manifestName!), cwd),
        );
      }
    }
    const dirNames = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    const documents: string[] = [];
    for (const n of names) {
      // (links too: a document is named, never read; a Word lock file "~$…" is no document)
      const ext = extname(n).toLowerCase();
      const sheet = SHEET_EXTENSIONS.has(ext);
      if (n.startsWith('.') || n.startsWith('~$') || !(sheet || DOCUMENT_EXTENSIONS.has(ext)) || dirNames.has(n)) continue;
      documents.push(n);
      issues.push({
        code: 'document-unread',
        severity: 'info',
        message: sheet
          ? { zh: 'WPS、OpenDocument 等格式的表格不读取，其中的表未检查：请另存为 .xlsx 或 CSV 放在此目录中', en: 'spreadsheets in WPS, OpenDocument and like formats are not read, so its tables were not checked: save it as .xlsx or CSV in this directory' }
          : { zh: '文字处理文档（Word、WPS 等）不读取，其中的说明未检查：请另存为 .txt 或 PDF 放在此目录中', en: 'word-processor documents (Word, WPS …) are not read, so the text in it was not checked: save it as .txt or PDF in this directory' },
        loc: { file: display(join(path, n), cwd), line: 1, column: 1 },
      });
    }
    files = names
      .filter((n) => !MANIFEST_NAMES.includes(n) && !n.startsWith('.'))
      .filter((n) => {
        const ext = extname(n).toLowerCase();
        if (!TABLE_EXTENSIONS.has(ext) && !TEXT_EXTENSIONS.has(ext)) return false;
        if (plainFiles.has(n)) return true;
        const p = join(path, n);
        if (!insideDir(path, p, (realDir ??= realpath(path)))) {
          issues.push(linkIssue(display(p, cwd)));
          return false;
        }
        fsCalls.stat++;
        return statSync(p).isFile();
      })
      .map((n) => join(path, n));
    const checkable = files.filter((p) => TABLE_EXTENSIONS.has(extname(p).toLowerCase()));
    if (files.length === 0) {
      const named = (sep: string, more: string) => documents.slice(0, 3).join(sep) + (documents.length > 3 ? more : '');
      const docs = documents.length
        ? { zh: `；${named('、', ` 等 ${documents.length} 个`)} 的格式不读取，请另存为 .txt、PDF、.xlsx 或 CSV`, en: `; ${named(', ', ` and ${documents.length - 3} more`)}: not read in that format, save them as .txt, PDF, .xlsx or CSV` }
        : { zh: '', en: '' };
      throw new InputError(
        {
          zh: `目录中没有可检查的文件（表格 .csv/.tsv/.xlsx、PDF 或说明 .txt）${docs.zh}`,
          en: `nothing to check in this directory (no .csv/.tsv/.xlsx tables, PDF or .txt text)${docs.en}`,
        },
        shownRoot,
      );
    }
    const isCheckable = new Set(checkable);
    files = checkable.concat(files.filter((p) => !isCheckable.has(p)));
  } else {
    files = [path];
    if (isWorkbookFile(path) || isPdfFile(path)) disclosure.source = 'directory'; // a workbook or a PDF is a whole disclosure
  }
  // every table file and sheet of the disclosure takes its rows and cells from one budget
  const budget = new TableBudget();
  if (manifest.department) disclosure.department = manifest.department;
  if (manifest.year) disclosure.year = manifest.year;
  if (manifest.unitType) disclosure.unitType = manifest.unitType;

  const grids: Array<{ grid: Grid; head: TableHead; file: string }> = [];
  const pdfs: PdfRead[] = [];
  /** where the 情况说明 taken came from: a PDF's prose or a text, and how long it is */
  let narrativeFrom: { size: number; pdf: boolean } | undefined;
  /** the text of the 情况说明 taken from a text file, for the tables printed in it */
  let narrativeText: string | undefined;
  for (const file of files) {
    const shown = display(resolve(file), cwd);
    disclosure.files.push(shown);
    if (!st.isDirectory()) {
      await loadFile(file, shown);
      continue;
    }
    // In a directory, a file that cannot be read is reported where it is and the other tables
    // are still checked.
    try {
      await loadFile(file, shown);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push({ code: UNREADABLE, severity: 'error', message: e.text, loc: { file: e.file, line: e.line ?? 1, column: e.column ?? 1 } });
    }
  }

  // the layout: forced, named by the manifest, or the one most titles belong to
  const profiles = opts.layouts ?? BUILTIN_LAYOUTS;
  const wanted = opts.layout ?? manifest.layout;
  // a whole document as text (pdftotext, a copy from a web page), with no table given beside it:
  // its coded tables are read from it, their code, name and total (see text-tables.ts)
  let fromText: TextTable[] | undefined;
  if (grids.length === 0 && !pdfs.length && narrativeText !== undefined && disclosure.narrative) {
    const { tablesInText } = await import('./text-tables.js');
    const candidates = wanted ? profiles.filter((p) => p.id === wanted) : profiles;
    fromText = tablesInText(narrativeText, disclosure.narrative.file, (title) => {
      let best: { table: LayoutTable; length: number; profile: LayoutProfile } | undefined;
      for (const p of candidates) {
        const m = matchTitle(p, title);
        if (m && (!best || m.length > best.length)) best = { ...m, profile: p };
      }
      if (!best) return undefined;
      const t = best.table;
      // read: coded tables whose first amount column is their total (not a 结转 table, not a project
      // list), and a budget's two-sided summaries of 收入 and 支出
      const first = t.order?.[0];
      const number = t.number.zh;
      if (t.structure === 'coded' && t.role !== 'projects' && !t.columns && (first === undefined || /^total\b/.test(first))) return { shape: 'coded', key: t.role, number };
      const twoSided = !t.sides || (t.sides.length === 2 && t.sides[0] === 'income' && t.sides[1] === 'expense');
      if (t.structure === 'sided' && twoSided && best.profile.statement !== 'final' && (t.role === 'overview' || t.role === 'fiscalOverview')) return { shape: 'sided', key: t.role, number };
      // a single-row table (“三公”) whose columns' printed order the layout gives
      if (t.structure === 'single' && t.textColumns) return { shape: 'single', key: t.role, number, columns: t.textColumns };
      return { shape: 'other', key: t.role, number };
    });
    for (const t of fromText) if (t.grid) grids.push({ grid: t.grid, head: readHead(t.grid), file: disclosure.narrative.file });
  }
  let layout: LayoutProfile | undefined;
  if (wanted) {
    layout = findLayout(wanted, profiles);
    if (!layout) throw new InputError({ zh: `没有名为“${wanted}”的版式（见 budgetlint layouts）`, en: `no layout named "${wanted}" (see: budgetlint layouts)` }, shownRoot);
    disclosure.layoutHow = opts.layout ? 'forced' : 'manifest';
  } else {
    layout = detectLayout(grids.map((g) => titlesOf(g.grid, g.head)), profiles);
    disclosure.layoutHow = layout ? 'detected' : 'none';
  }
  const profile = layout ?? findLayout('national', profiles) ?? BUILTIN_LAYOUTS[BUILTIN_LAYOUTS.length - 1]!;
  disclosure.layout = profile.id;

  for (const { grid, head, file } of grids) {
    const sheet = (grid as { sheet?: string }).sheet;
    const spec = manifest.tables?.[sheet === undefined ? basename(file) : `${basename(file)}#${sheet}`];
    const kindFromManifest: TableKind | undefined = typeof spec === 'string' ? spec : spec?.kind;
    const titles = titlesOf(grid, head);
    let layoutTable = kindFromManifest ? tableByRole(profile, kindFromManifest) : matchTitle(profile, titles)?.table;
    // a table the layout does not name: the roles' generic wording, title first (or the file's name), then header
    const fromName = fileTitle(grid, head);
    const named = fromName ? detectTableKind(fromName, opts.titleAliases) : undefined;
    const kind = kindFromManifest ?? layoutTable?.role ?? detectTableKind(head.titleText, opts.titleAliases) ?? named ?? detectTableKind(head.headerText, opts.titleAliases);
    if (!kind) {
      if (opts.keepSources) keep(grid, head);
      issues.push({
        code: 'unknown-table',
        severity: 'info',
        message: { zh: '无法识别为任何标准表，已跳过', en: 'not recognised as any standard table; skipped' },
        loc: { file: grid.file, line: 1, column: 1 },
      });
      continue;
    }
    // a table only the generic wording recognised is read and checked on its own, but the
    // layout's links between tables, written for its own tables, do not reach it
    const unit = (typeof spec === 'object' ? spec.unit : undefined) ?? manifest.unit;
    const tableSpec: TableSpec = { kind };
    if (layoutTable) tableSpec.layout = layoutTable;
    if (unit) tableSpec.unit = unit;
    if (opts.columnAliases) tableSpec.columnAliases = opts.columnAliases;
    const { table, issues: tableIssues } = readTable(grid, head, tableSpec);
    for (const i of tableIssues) issues.push(i);
    const text = fromText?.find((t) => t.grid === grid);
    if (text) {
      table.partial = true;
      if (text.parts) placeless(table, text.parts);
      // its figures were placed by its column sums: they hold by construction
      if (text.single?.placedBySums) table.formulas = [];
    }
    addTable(disclosure, table);
    if (opts.keepSources) keep(grid, head, table);
  }
  if (pdfs.length) (await import('./pdf/index.js')).relocateAll(disclosure, pdfs);
  // a whole document as text (pdftotext, a copy from a web page): what of its tables was read, and
  // what was not, is said rather than left for the user to think it was all checked
  const rows = disclosure.narrative?.tableRows;
  const read = fromText?.filter((t) => t.grid) ?? [];
  const unread = fromText?.filter((t) => !t.grid && t.why !== 'empty') ?? [];
  // printed there but not read: no table to report missing; an empty one is zero, another unknown
  if (unread.length) disclosure.unreadTables = [...new Set(unread.map((t) => t.key as TableKind))];
  const empty = fromText?.filter((t) => t.why === 'empty') ?? [];
  if (empty.length) disclosure.emptyTables = [...new Set(empty.map((t) => t.key as TableKind))];
  if (read.length) {
    disclosure.tablesFromText = true;
    const list = (ts: TextTable[], sep: string) => ts.map((t) => t.title).join(sep);
    // a single-row table (“三公”) keeps the columns its figures stand under for certain
    const single = read.filter((t) => t.single);
    const singleZh = single.length ? `（${list(single, '、')}：能确定位置的各列）` : '';
    const singleEn = single.length ? ` (${list(single, ', ')}: the columns its figures could be placed under)` : '';
    issues.push({
      code: 'text-tables-partial',
      severity: 'info',
      message: {
        zh: `从文字中读取了 ${read.length} 张表（${list(read, '、')}）的编码、名称与合计数${singleZh}；文字不保留空单元格，其余各列无法确定，未检查${unread.length ? `；${list(unread, '、')} 未从文字中读取` : ''}。完整检查请提供 PDF 原件或各表的 CSV/xlsx`,
        en: `read ${read.length} table(s) from the text (${list(read, ', ')}): their codes, names and totals${singleEn}; text keeps no trace of empty cells, so the other columns cannot be placed and were not checked${unread.length ? `; not read from the text: ${list(unread, ', ')}` : ''}. For a full check give the PDF itself, or the tables as CSV/xlsx`,
      },
      loc: { file: disclosure.narrative!.file, line: read[0]!.line, column: 1 },
    });
  } else if (Object.keys(disclosure.tables).length === 0 && rows && rows.count >= 5 && !pdfs.length) {
    issues.push({
      code: 'text-tables-unread',
      severity: 'info',
      message: {
        zh: '说明文字中夹有表格：表格不从文字中读取，未检查；请一并提供 PDF 原件或各表的 CSV/xlsx',
        en: 'the text holds tables: tables are not read from text and were not checked; give the PDF itself, or the tables as CSV/xlsx, with it',
      },
      loc: { file: disclosure.narrative!.file, line: rows.first, column: 1 },
    });
  }
  if (Object.keys(disclosure.tables).length === 0 && !disclosure.narrative && !issues.some((i) => i.code === UNREADABLE)) {
    throw new InputError(
      {
        zh: '没有识别出任何预算表或说明文字：请检查文件内容，或在清单中指明各表（tables），或用 --layout 指定版式',
        en: 'nothing here was recognised as a budget table or a text: check the files, name the tables in a manifest (tables), or choose a layout with --layout',
      },
      shownRoot,
    );
  }
  return disclosure;

  function keep(grid: Grid, head: TableHead, table?: Table): void {
    const part = new Map<number, 'title' | 'header'>();
    for (const r of head.titleRows) part.set(r.line, 'title');
    for (const r of head.headerRows) part.set(r.line, 'header');
    const entry: Sources['tables'][number] = {
      file: grid.file,
      rows: grid.rows.map((r) => ({ line: r.line, part: part.get(r.line) ?? 'data', cells: r.cells.map((c) => ({ text: c.text, column: c.column, field: c.field })) })),
    };
    if (table) {
      entry.kind = table.kind;
      entry.name = table.name;
      entry.unit = table.unit;
      if (table.id) entry.id = table.id;
      if (table.number) entry.number = table.number;
    }
    (disclosure.sources ??= { tables: [] }).tables.push(entry);
  }

  /**
   * One 情况说明 a disclosure: the first text read, except that the longer of two PDFs' prose (a tables
   * PDF's notes against the 说明 PDF) and a text file over a PDF's shorter prose are taken instead.
   * What is not taken is named where it is.
   */
  function takeNarrative(n: Narrative, size: number, fromPdf: boolean, shown: string): void {
    const had = disclosure.narrative;
    if (had && !replaces(size)) {
      leftOut(shown, had.file, fromPdf);
      return;
    }
    if (had) leftOut(had.file, shown, narrativeFrom?.pdf ?? false);
    disclosure.narrative = n;
    narrativeFrom = { size, pdf: fromPdf };
  }

  /** Whether a text of this length is read in place of the 情况说明 already taken: only a PDF's shorter prose gives way. */
  function replaces(size: number): boolean {
    return !disclosure.narrative || (narrativeFrom?.pdf === true && size > narrativeFrom.size);
  }

  function leftOut(file: string, read: string, pdf: boolean): void {
    issues.push({
      code: 'second-narrative',
      severity: 'warning',
      message: pdf
        ? { zh: `已读取说明 ${read}，此文件中的说明文字未检查`, en: `the text ${read} is already read; the text in this file is not checked` }
        : { zh: `已读取说明 ${read}，此文件未检查`, en: `the text ${read} is already read; this file is not checked` },
      loc: { file, line: 1, column: 1 },
    });
  }

  async function loadFile(file: string, shown: string): Promise<void> {
    const ext = extname(file).toLowerCase();
    if (ext === '.pdf') {
      // a published PDF: its tables, and its text as the 情况说明
      const { readPdf } = await import('./pdf/index.js');
      const pdf = await readPdf(file, shown, opts);
      pdfs.push(pdf);
      issues.push(...pdf.issues);
      for (const t of pdf.tables) grids.push({ grid: t.grid, head: readHead(t.grid), file });
      if (pdf.narrative) takeNarrative(pdf.narrative, pdf.text?.content.length ?? 0, true, shown);
      return;
    }
    if (TEXT_EXTENSIONS.has(ext)) {
      // read and decoded once, whether it turns out a table or the text
      const buf = readChecked(file, shown, opts);
      const text = decode(buf, shown, opts.encoding);
      if (ext === '.txt' && buf.includes(9) && isTabSeparatedTable(text, shown, opts)) {
        if (budget.rows <= 0) throw new LimitExceeded('rows').toInputError(shown);
        for (const grid of await gridsOf(buf, file, shown, opts, budget, text)) grids.push({ grid, head: readHead(grid), file });
        return;
      }
      // the 情况说明 text: one a disclosure; a second one is named and left out (but a text given as
      // such is read in place of the shorter prose of a PDF: the PDF's tables are checked all the same)
      // (decided before reading it: a text that would not be taken is not read)
      if (!replaces(text.length)) leftOut(shown, disclosure.narrative!.file, false);
      else {
        // the reader of the text is loaded only for a disclosure that has one
        const { readNarrative } = await import('./narrative/index.js');
        try {
          takeNarrative(readNarrative(text, shown), text.length, false, shown);
          narrativeText = text;
        } catch (e) {
          if (e instanceof LimitExceeded) throw e.toInputError(shown);
          throw e;
        }
        for (const n of disclosure.narrative!.notices ?? []) issues.push({ code: n.code, severity: 'warning', message: n.message, loc: n.loc });
        if (opts.keepSources) (disclosure.sources ??= { tables: [] }).text = { file: shown, lines: text.split(/\r\n|\r|\n/) };
      }
      return;
    }
    for (const grid of await readGrids(file, shown, opts, budget)) grids.push({ grid, head: readHead(grid), file });
  }
}

/** A text's rows keep the figures after their totals, whose columns it does not tell (text-tables.ts). */
function placeless(table: Table, parts: Map<string, GridCell[]>): void {
  for (const row of table.rows) {
    const cells = parts.get(`${row.side ?? ''}@${row.line}`);
    if (!cells) continue;
    const read: Cell[] = [];
    for (const c of cells) {
      const n = numberIn(c);
      // a dash stands for an empty cell
      read.push({ raw: c.text, loc: { file: table.file, line: c.line, column: c.column }, amount: n.kind === 'number' ? n.n : null });
    }
    row.unplaced = read;
  }
}

/**
 * Excel saves "Unicode text" as .txt: tab-separated, lines of many fields. Such a file is a table
 * when its wording says which; prose stays the narrative.
 */
function isTabSeparatedTable(text: string, shown: string, opts: LoadOptions): boolean {
  try {
    if (detectDelimiter(text) !== '\t' || text.split('\n', 20).filter((l) => l.split('\t').length >= 3).length < 3) return false;
    const grid = parseDelimited(text, shown, '\t');
    const head = readHead(grid);
    return head.dataRows.length > 0 && (detectTableKind(head.titleText, opts.titleAliases) ?? detectTableKind(head.headerText, opts.titleAliases)) !== undefined;
  } catch {
    return false; // read as the text, whose reader gives the message
  }
}

/** .xlsx/.xlsm/.xls by name, or a zip/OLE file whatever its name (a workbook saved as .csv). */
function isWorkbookFile(path: string, head?: Uint8Array): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls') return true;
  if (!head) return false;
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole;
}

function isPdfFile(path: string): boolean {
  return extname(path).toLowerCase() === '.pdf';
}

function linkIssue(shown: string): LoadIssue {
  return {
    code: 'outside-link',
    severity: 'error',
    message: { zh: '符号链接指向披露目录之外，已拒绝读取', en: 'symbolic link leaves the disclosure directory; refused' },
    loc: { file: shown, line: 1, column: 1 },
  };
}

function addTable(d: Disclosure, table: Table): void {
  const existing = d.tables[table.kind];
  if (existing) {
    d.issues.push({
      code: 'duplicate-table',
      severity: 'error',
      message: {
        zh: `与 ${existing.file} 同为${tableLabel(existing).zh}，已忽略此文件`,
        en: `is the same table (${tableLabel(existing).en}) as ${existing.file}; this file is ignored`,
      },
      loc: table.titleLoc,
      table: table.id ?? table.kind,
    });
    return;
  }
  d.tables[table.kind] = table;
}

/**
 * The title lines a table is known by: those printed above it, and the name of its file or sheet
 * when none of them names a table (see fileTitle).
 */
function titlesOf(grid: Grid, head: TableHead): string[] {
  const printed = head.titleLines.length ? head.titleLines : [head.titleText];
  const name = fileTitle(grid, head);
  if (!name) return printed;
  // a file name often leaves out the 部门 / 单位 its printed title starts with ("收入预算总表.csv")
  const named = /^(?:\d{4}\s?年度?)?(?:部门|单位)/.test(name) ? [name] : [name, `部门${name}`];
  return [...printed.filter((t) => t.trim() !== ''), ...named];
}

/**
 * For a grid printed without a title (converted from a PDF without the lines above it; a unit or
 * 编制部门 line may be left):
 * the name of its file or sheet, without its numbering, when that names one — "01-收支预算总表.csv",
 * "表5 一般公共预算支出情况表.csv", "t3-支出预算总表.csv".
 */
function fileTitle(grid: Grid, head: TableHead): string | undefined {
  if (head.titleLines.length > 0) return undefined;
  const sheet = (grid as { sheet?: string }).sheet;
  const base = sheet ?? basename(grid.file, extname(grid.file));
  const name = base.replace(/^(?:[A-Za-z]{0,3}[-_]?\d{1,3}|(?:公开)?表[一二三四五六七八九十\d]+|公开\d+表|[一二三四五六七八九十]+)[\s._\-—、：:]*/, '').trim();
  return /表/.test(name) ? name : undefined;
}
