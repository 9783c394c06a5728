// Shared by the input tests: re-encode a disclosure (GBK, UTF-16 tab-separated text, an .xlsx
// workbook) and compare findings across the versions, cell for cell.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli.js';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure, readGrids } from '../src/load/disclosure.js';
import type { Grid } from '../src/load/grid.js';
import { runRules } from '../src/rules/engine.js';
import { cellFromCsv, writeWorkbook, type XSheet } from '../fixtures/xlsx/write-workbook.js';

export function tempDir(prefix = 'budgetlint-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A copy of a fixture's tables alone (its .csv files), so that comparisons are of tables only. */
export function csvOnly(dir: string): string {
  const out = tempDir();
  for (const n of readdirSync(dir)) if (n.endsWith('.csv')) copyFileSync(join(dir, n), join(out, n));
  return out;
}

let gbkTable: Map<string, number> | undefined;

/** A small GBK encoder built from the platform's own GBK decoder (every two-byte code). */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        try {
          const ch = dec.decode(new Uint8Array([lead, trail]));
          if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
        } catch {
          // not a valid pair
        }
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const code = gbkTable.get(ch);
      if (code === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** UTF-16 with its BOM, as Excel's "Unicode text" is saved. */
export function encodeUtf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from('\ufeff' + text, 'utf16le');
  if (endian === 'be') le.swap16();
  return new Uint8Array(le);
}

function tsvField(t: string): string {
  return /[\t"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** A grid as tab-separated text with CRLF line ends. */
export function gridToTsv(grid: Grid): string {
  return grid.rows.map((r) => r.cells.map((c) => tsvField(c.text)).join('\t')).join('\r\n') + '\r\n';
}

/** The CSV files of a fixture directory, read with the project's own loader. */
export async function csvGrids(dir: string): Promise<Array<{ name: string; grid: Grid }>> {
  const out: Array<{ name: string; grid: Grid }> = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    const path = join(dir, name);
    out.push({ name, grid: (await readGrids(path, path, {}))[0]! });
  }
  return out;
}

/** One sheet per CSV file, each record at the sheet row of its CSV line. */
export function workbookFromGrids(files: Array<{ name: string; grid: Grid }>, sheetName: (file: string) => string): Uint8Array {
  const sheets: XSheet[] = files.map(({ name, grid }) => ({
    name: sheetName(name),
    rowNumbers: grid.rows.map((r) => r.line),
    rows: grid.rows.map((r) => r.cells.map((c) => cellFromCsv(c.text))),
  }));
  return writeWorkbook(sheets);
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export async function findingsOf(path: string, load: Parameters<typeof loadDisclosure>[1] = {}): Promise<Finding[]> {
  const d = await loadDisclosure(path, { cwd: process.cwd(), ...load });
  return runRules(d, { strict: false, approxTolerance: new Decimal('0.005') });
}

/**
 * A location in version-neutral form: table key (the file's "t1" prefix or the sheet name),
 * line, and field number (character columns differ between CSV and tab-separated text).
 */
export type LocKey = (loc: { file: string; line: number; column: number }) => string;

export async function locKeyFor(dir: string, table: (file: string) => string, encoding?: 'gb18030' | 'utf-16le'): Promise<LocKey> {
  const fields = new Map<string, number>();
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(csv|tsv|txt)$/.test(name)) continue;
    const path = join(dir, name);
    const grid = (await readGrids(path, path, encoding ? { encoding } : {}))[0]!;
    for (const r of grid.rows) for (const c of r.cells) fields.set(`${table(name)}:${c.line}:${c.column}`, c.field);
  }
  return (loc) => {
    const t = table(basename(loc.file));
    const f = fields.get(`${t}:${loc.line}:${loc.column}`);
    return `${t}:${loc.line}:${f ?? `col${loc.column}`}`;
  };
}

/** Everything a finding says, with locations made version-neutral. */
export function neutral(findings: Finding[], key: LocKey, fileNames: (s: string) => string = (s) => s) {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: fileNames(f.message.zh),
    at: key(f.location),
    table: f.location.table,
    row: f.location.row,
    col: f.location.col,
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
    unit: f.unit,
    inputs: f.inputs?.map((i) => ({ label: i.label.zh, value: i.value, at: i.location ? key(i.location) : undefined })),
  }));
}

/** "t3-部门支出总体情况表.csv" → "t3"; "book.xlsx#t3" → "t3". */
export function tableKey(file: string): string {
  const hash = file.lastIndexOf('#');
  if (hash >= 0) return file.slice(hash + 1);
  return basename(file).replace(/[-.].*$/, '');
}

/** Runs the CLI in-process, capturing its output. */
export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    out: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }),
    err: new Writable({ write: (c, _e, cb) => ((err += String(c)), cb()) }),
  };
  const code = await main(argv, io as never);
  return { code, out, err };
}
