// The Kashgar tables re-saved the ways Excel on Chinese Windows saves them (GBK CSV, "Unicode
// text" = UTF-16 tab-separated, UTF-8 with BOM, semicolons) give exactly the UTF-8 findings.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { decode, detectDelimiter, parseDelimited } from '../src/load/grid.js';
import { InputError } from '../src/load/errors.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { csvGrids, csvOnly, encodeGbk, encodeUtf16, findingsOf, gridToTsv, locKeyFor, neutral, tableKey, tempDir } from './input-support.js';

const KASHGAR = 'fixtures/kashgar-2022';

type Variant = { name: string; ext: string; bytes: (csv: string, tsv: string) => Uint8Array; encoding?: 'gb18030' | 'utf-16le' };

const VARIANTS: Variant[] = [
  { name: 'GBK CSV', ext: '.csv', bytes: (csv) => encodeGbk(csv) },
  { name: 'GBK CSV with --encoding gb18030', ext: '.csv', bytes: (csv) => encodeGbk(csv), encoding: 'gb18030' },
  { name: 'UTF-8 CSV with BOM', ext: '.csv', bytes: (csv) => new TextEncoder().encode('\ufeff' + csv) },
  { name: 'UTF-16LE tab-separated with BOM', ext: '.tsv', bytes: (_, tsv) => encodeUtf16(tsv, 'le') },
  { name: 'UTF-16BE tab-separated with BOM', ext: '.tsv', bytes: (_, tsv) => encodeUtf16(tsv, 'be') },
  { name: 'Excel "Unicode text" (.txt, UTF-16LE, tabs)', ext: '.txt', bytes: (_, tsv) => encodeUtf16(tsv, 'le') },
  { name: 'UTF-16LE without BOM, forced with --encoding', ext: '.csv', bytes: (_, tsv) => encodeUtf16(tsv, 'le').subarray(2), encoding: 'utf-16le' },
  { name: 'UTF-16LE without BOM, detected', ext: '.csv', bytes: (_, tsv) => encodeUtf16(tsv, 'le').subarray(2) },
];

async function writeVariant(v: Variant): Promise<string> {
  const dir = tempDir();
  for (const { name, grid } of await csvGrids(KASHGAR)) {
    const csv = readFileSync(join(KASHGAR, name), 'utf8');
    writeFileSync(join(dir, name.replace(/\.csv$/, v.ext)), v.bytes(csv, gridToTsv(grid)));
  }
  return dir;
}

describe('the Kashgar tables in other encodings', async () => {
  const tables = csvOnly(KASHGAR);
  const utf8 = neutral(await findingsOf(tables), await locKeyFor(tables, tableKey));

  it('has five findings in UTF-8, the baseline', () => {
    expect(utf8.map((f) => f.ruleId)).toEqual(['project-agreement', 'row-total', 'rollup', 'row-total', 'column-total']);
  });

  for (const v of VARIANTS) {
    it(`${v.name}: exactly the UTF-8 findings`, async () => {
      const dir = await writeVariant(v);
      const load = v.encoding ? { encoding: v.encoding } : {};
      const got = neutral(await findingsOf(dir, load), await locKeyFor(dir, tableKey, v.encoding));
      expect(got).toEqual(utf8);
    });
  }

  it('GBK really is GBK: the bytes are not UTF-8, and decoding them as UTF-8 by force garbles the title', () => {
    const csv = readFileSync(join(KASHGAR, 't8-一般公共预算三公经费支出情况表.csv'), 'utf8');
    const gbk = encodeGbk(csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(decode(gbk, 'x.csv')).toBe(csv);
    expect(decode(gbk, 'x.csv', 'utf-8')).not.toContain('三公');
  });

  it('the CLI prints the same report for the GBK copy (same summary, same exit code)', async () => {
    const dir = await writeVariant(VARIANTS[0]!);
    const run = async (path: string, extra: string[] = []) => {
      let out = '';
      const io = { out: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }), err: new Writable({ write: (_c, _e, cb) => cb() }) };
      const code = await main(['check', path, '-f', 'json', ...extra], io as never);
      return { code, json: JSON.parse(out) as { disclosures: Array<{ findings: unknown[] }> } };
    };
    const a = await run(csvOnly(KASHGAR));
    const b = await run(dir, ['--encoding', 'gb18030']);
    expect(b.code).toBe(a.code);
    const same = (j: typeof a.json) =>
      (j.disclosures[0]!.findings as Array<{ location: { file: string }; inputs?: unknown }>).map((f) => ({ ...f, inputs: undefined, location: { ...f.location, file: basename(f.location.file) } }));
    expect(same(b.json)).toEqual(same(a.json));
    expect(same(a.json).length).toBe(5);
  });
});

describe('the Kashgar tables with their 情况说明 text, all re-encoded', () => {
  const FULL = 'fixtures/kashgar-2022';
  const NARRATIVE = '情况说明.txt';

  for (const [label, enc] of [['GBK', (t: string) => encodeGbk(t)], ['UTF-16LE with BOM', (t: string) => encodeUtf16(t, 'le')]] as const) {
    it(`${label}: exactly the UTF-8 findings, narrative ones included`, async () => {
      const dir = tempDir();
      for (const n of readdirSync(FULL)) writeFileSync(join(dir, n), enc(readFileSync(join(FULL, n), 'utf8')));
      const key = (l: { file: string; line: number; column: number }) => `${basename(l.file)}:${l.line}:${l.column}`;
      const want = neutral(await findingsOf(FULL), key);
      expect(want.filter((f) => f.at.startsWith(NARRATIVE)).length).toBeGreaterThan(10);
      expect(neutral(await findingsOf(dir), key)).toEqual(want);
    });
  }
});

describe('.txt files', () => {
  it('a tab-separated table saved as .txt is a table; prose beside it stays the narrative', async () => {
    const dir = tempDir();
    const t8 = (await csvGrids(KASHGAR)).find((g) => g.name.startsWith('t8'))!;
    writeFileSync(join(dir, 't8.txt'), encodeUtf16(gridToTsv(t8.grid), 'le'));
    writeFileSync(join(dir, '情况说明.txt'), '一、部门收支总体情况\n\t2022年收入预算60.58万元，支出预算60.58万元。\n\t其中：公务接待费9.02万元。\n');
    const d = await loadDisclosure(dir, { cwd: dir });
    expect(Object.keys(d.tables)).toEqual(['threePublic']);
    expect(d.tables.threePublic!.file).toBe('t8.txt');
    expect(d.narrative?.file).toBe('情况说明.txt');
  });
});

describe('delimiters and odd files', () => {
  it('detects comma, tab and semicolon', () => {
    expect(detectDelimiter('表八\n单位：万元\na,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n"1,5";2;3\n')).toBe(';');
    const g = parseDelimited('a;b\n"x;y";2\n', 'f.csv');
    expect(g.rows[1]!.cells.map((c) => [c.text, c.column])).toEqual([['x;y', 1], ['2', 7]]);
  });

  it('refuses binary content, even without a zero byte in it', () => {
    const bytes = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = (x >> 16) & 0xff || 1;
    }
    expect(() => decode(bytes, 'noise.csv')).toThrow(InputError);
    expect(() => decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), 'p.csv')).toThrow('not a text file');
  });
});
