// `budgetlint extract disclosure.pdf -o dir/`: what was read from a PDF, for a person to look at and
// correct — one CSV per table, laid out as read (title, unit, header and data rows, notes), and
// the text outside the tables as a .txt. Checking that directory gives the findings of the PDF.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { InputError } from './load/errors.js';
import { display, type LoadOptions } from './load/disclosure.js';
import type { Grid } from './load/grid.js';
import { readHead } from './load/table.js';

export interface Extracted {
  /** the files written, as shown */
  files: string[];
  tables: number;
  pages: number;
}

/** One CSV field: quoted when it holds a comma, a quote, a line break or leading/trailing spaces. */
function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gridToCsv(grid: Grid): string {
  return grid.rows.map((r) => r.cells.map((c) => csvField(c.text)).join(',')).join('\n') + '\n';
}

/** A file name from a table's title: no path or reserved characters, not too long. */
function fileName(n: number, title: string): string {
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60) || 'table';
  return `${String(n).padStart(2, '0')}-${safe}.csv`;
}

export async function extractPdf(pdfPath: string, outDir: string, opts: LoadOptions = {}): Promise<Extracted> {
  const cwd = opts.cwd ?? process.cwd();
  const shown = display(resolve(pdfPath), cwd);
  if (!existsSync(pdfPath) || !statSync(pdfPath).isFile()) throw new InputError({ zh: '文件不存在', en: 'no such file' }, shown);
  if (extname(pdfPath).toLowerCase() !== '.pdf') throw new InputError({ zh: 'extract 只读取 PDF 文件', en: 'extract reads PDF files only' }, shown);
  const out = resolve(outDir);
  const input = resolve(pdfPath);
  // never into an input: not the PDF, not the directory it stands in (that would become a disclosure of both)
  if (out === input || out === dirname(input) || input.startsWith(out + '/') && out !== '/') {
    throw new InputError({ zh: `输出目录“${outDir}”包含输入文件；budgetlint 从不写入其输入`, en: `the output directory "${outDir}" holds the input; budgetlint never writes to its inputs` }, shown);
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new InputError({ zh: `“${outDir}”不是目录`, en: `"${outDir}" is not a directory` }, display(out, cwd));
  }
  const { readPdf } = await import('./load/pdf/index.js');
  const read = await readPdf(pdfPath, shown, opts);
  const files: Array<{ name: string; content: string }> = read.tables.map((t, i) => {
    const head = readHead(t.grid);
    return { name: fileName(i + 1, head.titleLine || head.titleText || `p${t.pages[0] ?? ''}`), content: gridToCsv(t.grid) };
  });
  if (read.text) files.push({ name: `${basename(pdfPath, extname(pdfPath))}.txt`, content: read.text.content });
  // nothing already there is replaced
  const existing = existsSync(out) ? new Set(readdirSync(out)) : new Set<string>();
  const clash = files.find((f) => existing.has(f.name));
  if (clash) {
    throw new InputError({ zh: `“${join(outDir, clash.name)}”已存在，未覆盖任何文件`, en: `"${join(outDir, clash.name)}" already exists; nothing was overwritten` }, display(out, cwd));
  }
  mkdirSync(out, { recursive: true });
  for (const f of files) writeFileSync(join(out, f.name), f.content);
  return { files: files.map((f) => display(join(out, f.name), cwd)), tables: read.tables.length, pages: read.pages };
}
