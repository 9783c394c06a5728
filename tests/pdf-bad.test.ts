// PDFs that cannot be checked: each is a clear message on standard error and exit 2, never a stack
// trace, and quickly. The files are written here (tests/pdf-support.ts) or cut from a real one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../src/load/pdf/index.js';
import { runMain } from './helpers.js';
import { buildPdf, textPage } from './pdf-support.js';

const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-badpdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, data: Buffer | string): string {
  const p = join(tmp, name);
  writeFileSync(p, data);
  return p;
}

const real = readFileSync('fixtures/pdf/jiangsu-cppcc-2017.pdf');

const CASES: Array<[string, () => string, RegExp]> = [
  ['encrypted', () => write('encrypted.pdf', buildPdf({ pages: [textPage(['hello'])], encrypted: true })), /encrypted \(it needs a password\)/],
  ['scanned (no text layer)', () => write('scan.pdf', buildPdf({ pages: [{ content: '0 0 1 rg 100 100 200 200 re f' }, { content: '' }] })), /no text layer \(a scan\?\): it needs OCR, which budgetlint does not do/],
  ['truncated', () => write('cut.pdf', real.subarray(0, Math.floor(real.length * 0.6))), /truncated/],
  ['cut just before its end marker', () => write('cut2.pdf', real.subarray(0, real.length - 8)), /truncated/],
  ['malformed', () => write('garbage.pdf', '%PDF-1.4\nnot a PDF body at all\n%%EOF\n'), /damaged or truncated/],
  ['not a PDF at all', () => write('text.pdf', 'hello, world\n'), /not a PDF file/],
  ['empty', () => write('empty.pdf', ''), /file is empty/],
  ['without any table', () => write('prose.pdf', buildPdf({ pages: [textPage(['This budget is explained in words, with no table.', 'Nothing else.'])] })), /no budget table was found/],
];

describe.each(CASES)('a PDF %s', (_name, make, message) => {
  it('is exit 2 with a message and no stack trace', async () => {
    const path = make();
    const r = await runMain('check', path, '--no-config', '--jobs', '1', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    const x = await runMain('extract', path, '-o', join(tmp, 'out-' + _name.replace(/\W+/g, '-')), '--lang', 'en');
    expect(x.code).toBe(2);
    expect(x.err).toMatch(message);
  });
});

describe('a large PDF', () => {
  it('of 300 pages is read in bounded time, page by page', async () => {
    const pages = Array.from({ length: 300 }, (_, i) => textPage(Array.from({ length: 30 }, (_, k) => `Line ${k} of page ${i + 1}, with some words, and 123.45 figures.`), { rows: 12, cols: 6 }));
    const path = write('big.pdf', buildPdf({ pages }));
    const started = Date.now();
    // no table a layout knows: the whole document is read, then refused
    await expect(readPdf(path, 'big.pdf')).rejects.toThrow(/no budget table/);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('past the page limit is refused before it is read', async () => {
    const path = write('many.pdf', buildPdf({ pages: Array.from({ length: 30 }, () => textPage(['x'])) }));
    await expect(readPdf(path, 'many.pdf', { limits: { maxPages: 20 } })).rejects.toThrow(/too many pages \(30; the limit is 20\)/);
  });

  it('over the time limit stops with a message', async () => {
    const path = write('slow.pdf', buildPdf({ pages: Array.from({ length: 5 }, () => textPage(['x'])) }));
    await expect(readPdf(path, 'slow.pdf', { limits: { maxMillis: 0 } })).rejects.toThrow(/took too long/);
  });
});
