// `budgetlint extract <pdf> -o <dir>`: what was read from a PDF, one CSV a table and the text.
import type { Lang } from '../core/findings.js';
import { escapeTerminal } from '../report/escape.js';
import { EXIT_OK, EXIT_USAGE, type Io } from './check.js';
import { UsageError } from './request.js';

export async function runExtract(pdf: string, flags: { output: string; lang: Lang; maxFileSize: string }, io: Io): Promise<number> {
  const maxFileBytes = Number.parseInt(flags.maxFileSize, 10);
  if (!/^\d+$/.test(flags.maxFileSize) || !Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size: "${flags.maxFileSize}" is not a positive whole number of bytes`);
  const { extractPdf } = await import('../extract.js');
  const { InputError } = await import('../load/errors.js');
  try {
    const r = await extractPdf(pdf, flags.output, { maxFileBytes });
    const zh = flags.lang === 'zh';
    io.out.write(`${zh ? `已从 ${r.pages} 页中读出 ${r.tables} 张表，写入：` : `read ${r.tables} tables from ${r.pages} pages; wrote:`}\n${r.files.map((f) => `  ${escapeTerminal(f)}\n`).join('')}`);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err.write(`budgetlint: ${escapeTerminal(`${e.where()}: ${e.text[flags.lang]}`)}\n`);
    return EXIT_USAGE;
  }
}
