// Bounded time and memory on any table input: the limits of a disclosure's tables (rows, cells,
// text, digits), the workbook reader's defences (numbers beyond a double, a sheet listed many
// times, repeated merges, a run of "<"), and tests of growth for the readers' passes and the checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../src/load/grid.js';
import { checkPath } from '../src/check.js';
import { Decimal } from '../src/core/decimal.js';
import { MAX_NUMBER_DIGITS, MAX_TABLE_CELLS, MAX_TABLE_CHARS, MAX_TABLE_ROWS } from '../src/load/limits.js';
import { readWorkbook } from '../src/load/xlsx/index.js';
import { scanXml } from '../src/load/xlsx/xml.js';
import { workbookEntries, writeWorkbook, writeZip, type XSheet } from '../fixtures/xlsx/write-workbook.js';
import { growth, growthAsync, MAX_RATIO } from './growth.js';
import { runCli, tempDir } from './input-support.js';
import { codedRows } from '../scripts/big-tables.mjs';

const T8_HEAD = '表八,,\n一般公共预算“三公”经费支出情况表,,\n单位：万元,,\n合计,因公出国（境）费,公务接待费\n';

async function check(path: string, ...more: string[]) {
  return runCli(['check', path, '--jobs', '1', ...more]);
}

describe('a disclosure’s tables are bounded', () => {
  it(`refuses more than ${MAX_TABLE_ROWS} rows (a 300,000-row CSV), naming the line, and checks nothing of it`, async () => {
    const dir = tempDir();
    const file = join(dir, 'big.csv');
    writeFileSync(file, T8_HEAD + '1.00,0.50,0.50\n'.repeat(300_000));
    const r = await check(file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${file}:${MAX_TABLE_ROWS + 1}: 表格过大：本披露的表格合计超过 ${MAX_TABLE_ROWS} 行\n`);
    expect(r.err + r.out).not.toMatch(/^\s+at /m);
  });

  it('counts the rows of all the tables of a directory together, and still checks the tables that fit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), T8_HEAD + '1.00,0.50,0.50\n'.repeat(MAX_TABLE_ROWS - 10));
    writeFileSync(join(dir, 'b.csv'), T8_HEAD + '1.00,0.50,0.50\n'.repeat(20));
    const r = await check(dir, '-f', 'json');
    expect(r.code).toBe(2);
    const findings = JSON.parse(r.out).disclosures[0].findings as Array<{ ruleId: string; message: string; location: { file: string } }>;
    expect(findings.filter((f) => f.ruleId === 'input/unreadable')).toEqual([
      expect.objectContaining({ message: `表格过大：本披露的表格合计超过 ${MAX_TABLE_ROWS} 行`, location: expect.objectContaining({ file: join(dir, 'b.csv') }) }),
    ]);
    expect(findings.some((f) => f.ruleId === 'missing-table')).toBe(true); // a.csv was read and checked
  }, 120_000);

  it(`refuses more than ${MAX_TABLE_CELLS} cells before holding them (a line of commas)`, () => {
    expect(() => parseDelimited('x' + ','.repeat(MAX_TABLE_CELLS) + '\n', 'c.csv')).toThrow(`tables too large: this disclosure's tables have more than ${MAX_TABLE_CELLS} cells in all`);
    // and the same through csv-parse (a lone CR sends the text there)
    expect(() => parseDelimited('a\r' + ','.repeat(MAX_TABLE_CELLS) + '\n', 'c.csv')).toThrow('cells in all');
  });

  it(`refuses a number of more than ${MAX_NUMBER_DIGITS} digits at its cell`, () => {
    const ok = '1'.repeat(MAX_NUMBER_DIGITS);
    expect(parseDelimited(`a,${ok}\n`, 'n.csv').rows[0]!.cells[1]!.text).toBe(ok);
    try {
      parseDelimited(`a,b\nc,"1,${'111,'.repeat(20)}111"\n`, 'n.csv');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(`a number of more than ${MAX_NUMBER_DIGITS} digits is no amount that can be checked`);
      expect(e).toMatchObject({ file: 'n.csv', line: 2, column: 3 });
    }
  });

  it('checks a table whose 类 and 款 codes repeat in time linear in its rows (the roll-up and its root cause)', async () => {
    const head = readFileSync('fixtures/kashgar-2022/t3-部门支出总体情况表.csv', 'utf8').split('\n').slice(0, 6).join('\n') + '\n';
    // n copies of 221 over n copies of 22102: the first 221 is the sum of every 22102, and is not
    const pair = '221,,,住房保障支出,16.83,16.83,\n221,02,,住房改革支出,16.83,16.83,\n';
    const make = (n: number) => {
      const file = join(tempDir(), 't3.csv');
      writeFileSync(file, head + pair.repeat(n));
      return file;
    };
    const req = { load: { cwd: process.cwd() }, options: { strict: false, approxTolerance: new Decimal('0.005') } };
    const r = await checkPath(make(200), req);
    expect(r.fatal).toBeUndefined();
    expect(r.findings.some((f) => f.ruleId === 'rollup')).toBe(true);
    const { ratio } = await growthAsync(make, (file) => checkPath(file, req), 2_000);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('checks 表三 and 表五 in time linear in their rows', async () => {
    const heads = ['t3-部门支出总体情况表.csv', 't5-一般公共预算支出情况表.csv'].map((f) => [f, readFileSync(join('fixtures/kashgar-2022', f), 'utf8').split('\n').slice(0, 6).join('\n') + '\n'] as const);
    // classes of ten 款 of twenty 项 each, every sum right (the bench's tables)
    const make = (n: number) => {
      const lines: string[] = codedRows(n);
      const dir = tempDir();
      for (const [f, head] of heads) writeFileSync(join(dir, f), head + lines.join('\n') + '\n');
      return dir;
    };
    const req = { load: { cwd: process.cwd() }, options: { strict: false, approxTolerance: new Decimal('0.005') } };
    expect((await checkPath(make(2_000), req)).findings.filter((f) => f.ruleId !== 'missing-table')).toEqual([]);
    const { ratio } = await growthAsync(make, (dir) => checkPath(dir, req), 5_000);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('reads a long line of quoted fields in linear time', () => {
    const make = (n: number) => '"a",'.repeat(n) + '"b"\n"c"\n';
    const { ratio } = growth(make, (t) => parseDelimited(t, 'q.csv', ','), 100_000);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});

function t8Sheet(rows: XSheet['rows'] = [[{ n: '1' }, { n: '0.5' }, { n: '0.5' }]]): XSheet {
  return { name: '表八', rows: [['表八'], ['一般公共预算“三公”经费支出情况表'], ['单位：万元'], ['合计', '因公出国（境）费', '公务接待费'], ...rows] };
}

describe('the workbook reader is bounded', () => {
  it('refuses a number beyond any double ("1e999999999") at its cell, without writing it out', () => {
    for (const stored of ['1e999999999', '-1E+400', '1e-999999999', '9'.repeat(400)]) {
      const book = writeWorkbook([t8Sheet([[{ n: stored }, { n: '0.5' }, { n: '0.5' }]])]);
      expect(() => readWorkbook(book, { shown: 'b.xlsx' }), stored).toThrow('a number beyond what Excel can store is no amount that can be checked');
    }
    // the largest and smallest doubles are numbers like any other, if absurd ones (too many digits to be an amount)
    expect(() => readWorkbook(writeWorkbook([t8Sheet([[{ n: '1.7976931348623157e308' }]])]), { shown: 'b.xlsx' })).toThrow('digits');
  });

  it('reads a sheet listed a hundred times once, and counts every sheet against one budget', () => {
    const entries = workbookEntries([t8Sheet()]);
    const wb = entries.find((e) => e.name === 'xl/workbook.xml')!;
    const sheets = Array.from({ length: 100 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join('');
    wb.data = new TextEncoder().encode(new TextDecoder().decode(wb.data).replace(/<sheets>.*<\/sheets>/, `<sheets>${sheets}</sheets>`));
    expect(readWorkbook(writeZip(entries), { shown: 'b.xlsx' }).map((g) => g.sheet)).toEqual(['S0']);
    // two different sparse sheets that each fit, but not together
    const sparse = (name: string): XSheet => ({ name, rows: [['x'], ['y']], rowNumbers: [1, MAX_TABLE_ROWS - 100] });
    expect(() => readWorkbook(writeWorkbook([sparse('A'), sparse('B')]), { shown: 'b.xlsx' })).toThrow(`more than ${MAX_TABLE_ROWS} rows`);
  });

  it('counts text where it is shown: one long shared string in many cells is refused', () => {
    const long = '说'.repeat(1 << 20);
    const rows = Array.from({ length: 70 }, () => [long]);
    expect(() => readWorkbook(writeWorkbook([{ name: 'S', rows }]), { shown: 'b.xlsx' })).toThrow(`more than ${MAX_TABLE_CHARS} characters`);
  });

  it('refuses overlapping merges, and spends nothing on repeats of one merge (growth in their number)', () => {
    const header: XSheet['rows'] = Array.from({ length: 300 }, () => ['a', 'b', 'c', 'd']);
    const book = (n: number) => writeWorkbook([{ name: 'S', rows: header, merges: Array.from({ length: n }, () => 'A1:D300') }]);
    const { ratio } = growth(book, (b) => readWorkbook(b, { shown: 'b.xlsx' }), 5_000);
    expect(ratio).toBeLessThan(MAX_RATIO);
    const overlapping = writeWorkbook([{ name: 'S', rows: header, merges: Array.from({ length: 50 }, (_, i) => `A1:D${300 - i}`) }]);
    expect(() => readWorkbook(overlapping, { shown: 'b.xlsx' })).toThrow('sheet "S" has overlapping merged cells');
  });

  it('scans sheet XML in linear time whatever it holds', () => {
    const patterns = ['<', '<a', '<a b="', '<!--', '<![CDATA[', '<?x', '</', '<a b="1"', '<!', '< a', '<a\t'];
    for (const p of patterns) {
      const { ratio } = growth((n) => `<x>${p.repeat(n)}`, (xml) => scanXml(xml, () => {}), 300_000);
      expect(ratio, JSON.stringify(p)).toBeLessThan(MAX_RATIO);
    }
  });

  it('scans well-formed XML as before: tags, attributes, text, comments, CDATA', () => {
    const events: unknown[] = [];
    scanXml('<?xml version="1.0"?><!-- c --><a:r x="1" y = \'&lt;2&gt;\'>t &amp; u<![CDATA[<raw>]]><b/></a:r>', (e) => events.push(e));
    expect(events).toEqual([
      { type: 'open', name: 'r', attrs: { x: '1', y: '<2>' }, selfClosing: false },
      { type: 'text', text: 't & u' },
      { type: 'text', text: '<raw>' },
      { type: 'open', name: 'b', attrs: {}, selfClosing: true },
      { type: 'close', name: 'b' },
      { type: 'close', name: 'r' },
    ]);
  });
});
