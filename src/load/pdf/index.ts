// A published PDF → the grids of its tables (the same grids the CSV and workbook readers give, so
// one table reader serves all three) and its text (情况说明) for the narrative reader; every cell
// and every figure of the text keeps its page, its line on the page and its box.
import { readFileSync, statSync } from 'node:fs';
import { BUILTIN_LAYOUTS, matchTitle } from '../../layout/index.js';
import { detectTableKind } from '../aliases.js';
import { InputError } from '../errors.js';
import type { Grid } from '../grid.js';
import type { Disclosure, LoadIssue } from '../model.js';
import { readNarrative } from '../narrative/index.js';
import type { Narrative } from '../narrative/model.js';
import { readHead, readTable } from '../table.js';
import type { LoadOptions } from '../disclosure.js';
import { assemble, buildGrid, tableAsLines, type BuiltGrid, type PdfTable } from './assemble.js';
import { DEFAULT_PDF_LIMITS, openPdf, type PdfLimits } from './document.js';
import { readPage, type FreeLine, type ReadPage } from './page.js';
import type { Box, PdfPlace } from './types.js';

export interface PdfText {
  /** the text, one PDF line a line */
  content: string;
  /** where each line of `content` stands (index: line − 1) */
  places: Array<PdfPlace & { bbox: Box }>;
}

export interface PdfRead {
  file: string;
  pages: number;
  /** the tables recognised, in printed order */
  tables: BuiltGrid[];
  /** the text outside the tables (and tables no layout knows), when it has any prose */
  text?: PdfText;
  /** what the reader could not do: tables printed without rules that did not read cleanly */
  issues: LoadIssue[];
  narrative?: Narrative;
}

const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface PdfOptions extends Pick<LoadOptions, 'maxFileBytes' | 'layouts' | 'titleAliases'> {
  limits?: Partial<PdfLimits>;
  /** read as if no rules were drawn (tests of tables printed without them) */
  ignoreRules?: boolean;
}

export async function readPdf(path: string, shown: string, opts: PdfOptions = {}): Promise<PdfRead> {
  const size = statSync(path).size;
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (size > max) {
    throw new InputError({ zh: `文件过大（${size} 字节，上限 ${max} 字节，可用 --max-file-size 调整）`, en: `file too large (${size} bytes, limit ${max}; see --max-file-size)` }, shown);
  }
  if (size === 0) throw new InputError({ zh: '文件为空', en: 'file is empty' }, shown);
  const data = new Uint8Array(readFileSync(path));
  const limits = { ...DEFAULT_PDF_LIMITS, ...opts.limits };
  const doc = await openPdf(data, shown, limits);
  const pages: ReadPage[] = [];
  try {
    for (let n = 1; n <= doc.pages; n++) {
      const content = await doc.page(n);
      if (opts.ignoreRules) content.segments = [];
      pages.push(readPage(content));
    }
  } finally {
    await doc.close();
  }
  const chars = pages.reduce((s, p) => s + p.chars, 0);
  if (chars === 0) {
    throw new InputError(
      {
        zh: 'PDF 中没有文字层（可能是扫描件）：需要先做文字识别（OCR），budgetlint 不做 OCR',
        en: 'the PDF has no text layer (a scan?): it needs OCR, which budgetlint does not do',
      },
      shown,
    );
  }
  const { flow } = assemble(pages);
  const tables: BuiltGrid[] = [];
  const issues: LoadIssue[] = [];
  const textLines: FreeLine[] = [];
  const usedNames = new Map<number, number>();
  for (const f of flow) {
    if (f.kind === 'line') {
      textLines.push(f.line);
      continue;
    }
    const first = f.table.titles[0]?.page ?? f.table.pieces[0]?.page ?? f.table.textRows?.[0]?.page ?? 1;
    const n = (usedNames.get(first) ?? 0) + 1;
    usedNames.set(first, n);
    const built = buildGrid(f.table, `${shown}#p${first}${n > 1 ? `-${n}` : ''}`);
    const known = recognised(built.grid, opts);
    if (known && (!f.table.textRows || (!built.crowded && readsCleanly(built.grid, opts)))) tables.push(built);
    else {
      textLines.push(...tableAsLines(f.table));
      const title = f.table.titles[0];
      if (known && title) {
        issues.push({
          code: 'pdf-unruled-table',
          severity: 'info',
          message: {
            zh: `“${title.text}”印刷时没有框线，未能可靠读出其各列，此表未检查（可用 budgetlint extract 导出后校对再检查）`,
            en: `"${title.text}" is printed without rules and its columns could not be read reliably; it was not checked (budgetlint extract it, correct the CSV and check that)`,
          },
          loc: { file: shown, page: title.page, line: title.line, column: 1, bbox: title.box },
        });
      }
    }
  }
  const out: PdfRead = { file: shown, pages: pages.length, tables, issues };
  if (textLines.some((l) => /[，。；]/.test(l.text))) {
    const text: PdfText = { content: textLines.map((l) => l.text).join('\n') + '\n', places: textLines.map((l) => ({ page: l.page, line: l.line, column: 1, bbox: l.box })) };
    out.text = text;
    const key = `${shown}#text`;
    const narrative = readNarrative(text.content, key);
    relocate(narrative, new Map([[key, placer(shown, text)]]));
    narrative.file = shown;
    out.narrative = narrative;
  }
  // a PDF of the 情况说明 alone is read as its text; one with neither tables nor prose is unusable
  if (tables.length === 0 && !out.narrative) {
    const scan = chars < pages.length * 20;
    throw new InputError(
      scan
        ? { zh: 'PDF 中几乎没有文字（可能是扫描件）：需要先做文字识别（OCR），budgetlint 不做 OCR', en: 'the PDF has almost no text (a scan?): it needs OCR, which budgetlint does not do' }
        : { zh: 'PDF 中没有找到任何预算表（表格需有框线和标题）', en: 'no budget table was found in the PDF (tables need their ruled borders and a title)' },
      shown,
    );
  }
  return out;
}

/** Whether a grid is a table budgetlint reads: its title names a layout's table, or its wording a known kind. */
function recognised(grid: Grid, opts: PdfOptions): boolean {
  const head = readHead(grid);
  const title = head.titleLine || head.titleText;
  const layouts = opts.layouts ?? BUILTIN_LAYOUTS;
  if (title && layouts.some((p) => matchTitle(p, title))) return true;
  return (detectTableKind(head.titleText, opts.titleAliases) ?? detectTableKind(head.headerText, opts.titleAliases)) !== undefined;
}

/**
 * A table printed without rules is taken only when its columns came out clean: every amount a
 * number, every code a code, no column unknown or twice. Otherwise its lines stay text, and the
 * table counts as missing rather than misread.
 */
function readsCleanly(grid: Grid, opts: PdfOptions): boolean {
  const head = readHead(grid);
  const title = head.titleLine || head.titleText;
  const layouts = opts.layouts ?? BUILTIN_LAYOUTS;
  let layoutTable;
  for (const p of layouts) {
    layoutTable = matchTitle(p, title)?.table;
    if (layoutTable) break;
  }
  const kind = layoutTable?.role ?? detectTableKind(head.titleText, opts.titleAliases) ?? detectTableKind(head.headerText, opts.titleAliases);
  if (!kind) return false;
  const { table, issues } = readTable(grid, head, layoutTable ? { kind, layout: layoutTable } : { kind });
  // summaries side by side and outlines of wrapped labels are too easily misread without rules
  if (table.rows.length === 0 || (table.structure !== 'coded' && table.structure !== 'single')) return false;
  return !issues.some((i) => i.severity !== 'info' || i.code === 'unknown-column' || i.code === 'duplicate-column');
}

type Placer = (line: number, column: number) => (PdfPlace & { file: string }) | undefined;

function placer(file: string, text: PdfText): Placer {
  return (line, column) => {
    const p = text.places[Math.min(Math.max(line, 1), text.places.length) - 1];
    return p ? { file, page: p.page, line: p.line, column, bbox: p.bbox } : undefined;
  };
}

function gridPlacer(file: string, g: BuiltGrid): Placer {
  return (line, column) => {
    const c = g.cells.get(`${line}:${column}`);
    if (c) return { file, ...c };
    const r = g.rows.get(line) ?? g.rows.get(1);
    return r ? { file, page: r.page, line: r.line, column, bbox: r.bbox } : undefined;
  };
}

/**
 * Every location in `root` that names one of the internal files (a table's grid, the text) is
 * rewritten in place to the PDF's page, line on the page, column and box.
 */
function relocate(root: unknown, placers: Map<string, Placer>): void {
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length) {
    const o = stack.pop();
    if (o === null || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    if (Array.isArray(o)) {
      for (const x of o) if (x !== null && typeof x === 'object') stack.push(x);
      continue;
    }
    const proto = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) continue; // decimals and the like
    const rec = o as Record<string, unknown>;
    if (typeof rec.file === 'string' && typeof rec.line === 'number') {
      const p = placers.get(rec.file);
      if (p) {
        const at = p(rec.line, typeof rec.column === 'number' ? rec.column : 1);
        if (at) {
          rec.file = at.file;
          rec.page = at.page;
          rec.line = at.line;
          rec.column = at.column;
          if (at.bbox) rec.bbox = at.bbox;
        }
      }
    }
    for (const k in rec) {
      const v = rec[k];
      if (v !== null && typeof v === 'object') stack.push(v);
    }
  }
}

/** After the tables are read: their cells, rows, notes and issues point into the PDF. */
export function relocateDisclosure(d: Disclosure, read: PdfRead): void {
  const placers = new Map<string, Placer>();
  for (const t of read.tables) placers.set(t.grid.file, gridPlacer(read.file, t));
  for (const t of Object.values(d.tables)) if (placers.has(t.file)) t.file = read.file;
  relocate(d.tables, placers);
  relocate(d.issues as LoadIssue[], placers);
}

export type { PdfTable };

export function relocateAll(d: Disclosure, reads: PdfRead[]): void {
  for (const r of reads) relocateDisclosure(d, r);
}
