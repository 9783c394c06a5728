// .xlsx workbooks: the Kashgar tables as a workbook give exactly the findings of the CSV files;
// numbers are read as their format shows them (no float drift); shared, inline and rich
// strings; merged header cells; and the zip-bomb and broken-file refusals.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/load/errors.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { readWorkbook } from '../src/load/xlsx/index.js';
import { displayNumber, parseFormatCode } from '../src/load/xlsx/numfmt.js';
import { workbookEntries, writeWorkbook, writeZip, type XSheet } from '../fixtures/xlsx/write-workbook.js';
import { csvGrids, csvOnly, findingsOf, locKeyFor, neutral, runCli, tableKey, tempDir, workbookFromGrids } from './input-support.js';

const KASHGAR = 'fixtures/kashgar-2022';
const PUTUO = 'fixtures/putuo-2025';

function sortNeutral<T extends { at: string; ruleId: string; message: string }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => (a.at + a.ruleId + a.message < b.at + b.ruleId + b.message ? -1 : 1));
}

async function sameAsCsv(fixture: string) {
  const dir = csvOnly(fixture);
  const grids = await csvGrids(dir);
  const tmp = tempDir();
  const book = join(tmp, 'book.xlsx');
  writeFileSync(book, workbookFromGrids(grids, tableKey));
  const csvKey = await locKeyFor(dir, tableKey);
  const xlsxKey = (l: { file: string; line: number; column: number }) => `${tableKey(l.file)}:${l.line}:${l.column}`;
  const fromCsv = sortNeutral(neutral(await findingsOf(dir), csvKey));
  const fromXlsx = sortNeutral(neutral(await findingsOf(book), xlsxKey));
  return { fromCsv, fromXlsx, book };
}

describe('a disclosure saved as an .xlsx workbook', () => {
  it('gives exactly the findings of the Kashgar CSV files', async () => {
    const { fromCsv, fromXlsx } = await sameAsCsv(KASHGAR);
    expect(fromCsv.length).toBe(5);
    expect(fromXlsx).toEqual(fromCsv);
  });

  it('gives exactly the findings of the Putuo CSV files (none), with all nine tables read', async () => {
    const { fromCsv, fromXlsx, book } = await sameAsCsv(PUTUO);
    expect(fromXlsx).toEqual(fromCsv);
    const d = await loadDisclosure(book);
    expect(Object.keys(d.tables).sort()).toEqual(
      ['basicEconomic', 'expenditure', 'fiscalOverview', 'generalBudget', 'governmentFund', 'income', 'overview', 'stateCapital', 'threePublic'],
    );
    expect(d.source).toBe('directory');
  });

  it('written by a third-party writer (openpyxl: merged titles and headers, float noise, built-in formats), gives exactly the CSV findings', async () => {
    // fixtures/xlsx/kashgar-2022.xlsx is made by fixtures/xlsx/make-openpyxl.py
    const book = 'fixtures/xlsx/kashgar-2022.xlsx';
    const tables = csvOnly(KASHGAR);
    const csvKey = await locKeyFor(tables, tableKey);
    const xlsxKey = (l: { file: string; line: number; column: number }) => `${tableKey(l.file)}:${l.line}:${l.column}`;
    const fromCsv = sortNeutral(neutral(await findingsOf(tables), csvKey));
    expect(fromCsv.length).toBe(5);
    expect(sortNeutral(neutral(await findingsOf(book), xlsxKey))).toEqual(fromCsv);
    const d = await loadDisclosure(book);
    expect(Object.keys(d.tables).length).toBe(9);
    // the header of 表三 came from merged cells: 项目 over A4:D4, 支出预算 over E4:G4
    expect(d.tables.expenditure!.columns.map((c) => [c.key, c.index, c.header.join('/')])).toEqual([
      ['total', 5, '支出预算/合计'],
      ['basic', 6, '支出预算/基本支出'],
      ['project', 7, '支出预算/项目支出'],
    ]);
  });

  it('reads workbooks inside a disclosure directory, one table per sheet, with sheet locations', async () => {
    const grids = await csvGrids(KASHGAR);
    const tmp = tempDir();
    writeFileSync(join(tmp, 'a.xlsx'), workbookFromGrids(grids.slice(0, 4), tableKey));
    writeFileSync(join(tmp, 'b.xlsx'), workbookFromGrids(grids.slice(4), tableKey));
    const d = await loadDisclosure(tmp, { cwd: tmp });
    expect(Object.keys(d.tables).length).toBe(9);
    expect(d.tables.projects!.file).toBe('b.xlsx#t7');
    const f = (await findingsOf(tmp, { cwd: tmp })).find((x) => x.ruleId === 'column-total')!;
    expect(f.location).toMatchObject({ file: 'b.xlsx#t7', line: 33, column: 12 });
  });
});

describe('the text report on a workbook', () => {
  it('names the sheet and the cell as Excel does', async () => {
    const tmp = tempDir();
    const book = join(tmp, 'book.xlsx');
    writeFileSync(book, workbookFromGrids(await csvGrids(KASHGAR), tableKey));
    const r = await runCli(['check', book, '--jobs', '1']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.endsWith('#t7  表七（一般公共预算项目支出情况表）'));
    expect(lines[at]).toBe(`${book}#t7  表七（一般公共预算项目支出情况表）`);
    expect(lines.slice(at + 1).find((l) => l.includes('column-total'))).toMatch(/^  L33 +警告  表七 合计 · 资本性支出为 1244\.94，但 3 个类之和为 1244\.95/);
    expect(lines.find((l) => l.includes('依据') && l.includes('309.74'))).toContain('309.74 万元 (L6)');
  });
});

describe('numbers are read exactly', () => {
  it('shows the stored double as its number format does', () => {
    const fixed2 = parseFormatCode('0.00');
    expect(displayNumber('0.30000000000000004', fixed2)).toBe('0.30');
    expect(displayNumber('0.30000000000000004', parseFormatCode('General'))).toBe('0.3');
    expect(displayNumber('1785.6300000000001', parseFormatCode('#,##0.00'))).toBe('1785.63');
    expect(displayNumber('2.6749999999999998', fixed2)).toBe('2.68'); // Excel rounds the 15-digit value
    expect(displayNumber('-0.001', fixed2)).toBe('0.00');
    expect(displayNumber('1.2345E3', parseFormatCode('0.0'))).toBe('1234.5');
    expect(displayNumber('0.05', parseFormatCode('0.00%'))).toBe('5.00%');
    expect(displayNumber('12', parseFormatCode('#,##0.00_);[Red]\\(#,##0.00\\)'))).toBe('12.00');
    expect(displayNumber('12.5', parseFormatCode('"¥"#,##0.000'))).toBe('12.500');
    expect(displayNumber('abc', fixed2)).toBeUndefined();
  });

  it('reads cell types: shared, inline and rich strings, formulas, errors and built-in formats', () => {
    const entries = workbookEntries([
      {
        name: 'S',
        rows: [
          ['名称', { inline: '内联' }, { rich: ['富', '文本'], phonetic: 'ふりがな' }],
          [{ n: '0.30000000000000004', fmt: '0.00' }, { f: 'A2*2', v: '0.60000000000000009' }, { n: '3' }],
          [{ f: 'SUM(A1:A2)' }, 'A_x000D_B'],
        ],
      },
    ]);
    const [grid] = readWorkbook(writeZip(entries), { shown: 'w.xlsx' });
    const texts = grid!.rows.map((r) => r.cells.map((c) => c.text));
    expect(texts).toEqual([
      ['名称', '内联', '富文本'],
      ['0.30', '0.6', '3'],
      ['=SUM(A1:A2)', 'A\rB', ''],
    ]);
    expect(grid!.rows[1]!.cells[1]).toMatchObject({ line: 2, column: 2, field: 2, ref: 'B2' });
    expect(grid!.file).toBe('w.xlsx#S');
  });

  it('skips blank sheets, and expands no DTD entities (no billion laughs)', () => {
    const entries = workbookEntries([{ name: 'S', rows: [['x']] }, { name: 'Sheet2', rows: [] }]);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const xml = new TextDecoder().decode(sheet.data);
    const doctype = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    sheet.data = new TextEncoder().encode(
      xml.replace('<worksheet', `${doctype}<worksheet`).replace('<c r="A1" t="s"><v>0</v></c>', '<c r="A1" t="inlineStr"><is><t>&b;&amp;&#x4E00;</t></is></c>'),
    );
    const grids = readWorkbook(writeZip(entries), { shown: 'w.xlsx' });
    expect(grids.map((g) => g.file)).toEqual(['w.xlsx#S']);
    expect(grids[0]!.rows[0]!.cells[0]!.text).toBe('&b;&一');
  });

  it('a non-numeric amount in a workbook is a finding at that sheet cell', async () => {
    const grids = await csvGrids(KASHGAR);
    const t8 = grids.find((g) => g.name.startsWith('t8'))!;
    const tmp = tempDir();
    const book = join(tmp, 'book.xlsx');
    const sheets: XSheet[] = [{ name: 't8', rows: t8.grid.rows.map((r) => r.cells.map((c) => c.text || null)) }];
    // put an error value (#DIV/0!) where the 公务接待费 amount is
    const row = sheets[0]!.rows.findIndex((r) => r.some((c) => typeof c === 'string' && /^\d+\.\d\d$/.test(c)));
    sheets[0]!.rows[row]![sheets[0]!.rows[row]!.length - 1] = { f: '1/0', v: undefined };
    const e = workbookEntries(sheets);
    const sheetXml = new TextDecoder().decode(e.find((x) => x.name === 'xl/worksheets/sheet1.xml')!.data);
    const patched = sheetXml.replace(/<c r="([A-Z]+\d+)"><f>1\/0<\/f><\/c>/, '<c r="$1" t="e"><f>1/0</f><v>#DIV/0!</v></c>');
    expect(patched).not.toBe(sheetXml);
    e.find((x) => x.name === 'xl/worksheets/sheet1.xml')!.data = new TextEncoder().encode(patched);
    writeFileSync(book, writeZip(e));
    const f = (await findingsOf(book, { cwd: tmp })).filter((x) => x.ruleId === 'input/non-numeric');
    const width = sheets[0]!.rows[row]!.length;
    expect(f.map((x) => [x.location.file, x.location.line, x.location.column])).toEqual([['book.xlsx#t8', row + 1, width]]);
    expect(f[0]!.message.zh).toContain('“#DIV/0!”不是数字');
  });
});

describe('merged header cells', () => {
  const rows = [
    ['测试部门一般公共预算基本支出情况表', null, null, null, null],
    ['单位：万元', null, null, null, null],
    ['科目编码', null, '科目名称', '基本支出', null],
    [null, null, null, '人员经费', '公用经费'],
    ['301', null, '工资福利支出', { n: '10.1', fmt: '0.00' }, null],
  ] as XSheet['rows'];

  it('repeats a merged header over its cells, and leaves merged titles alone', () => {
    const [grid] = readWorkbook(writeWorkbook([{ name: 'S', rows, merges: ['A1:E1', 'A2:E2', 'A3:B4', 'C3:C4', 'D3:E3'] }]), { shown: 'm.xlsx' });
    const texts = grid!.rows.map((r) => r.cells.map((c) => c.text));
    expect(texts).toEqual([
      ['测试部门一般公共预算基本支出情况表', '', '', '', ''],
      ['单位：万元', '', '', '', ''],
      ['科目编码', '科目编码', '科目名称', '基本支出', '基本支出'],
      ['科目编码', '科目编码', '科目名称', '人员经费', '公用经费'],
      ['301', '', '工资福利支出', '10.10', ''],
    ]);
  });

  it('reads the table with the same columns as the CSV export of the same sheet', async () => {
    const tmp = tempDir();
    writeFileSync(join(tmp, 'm.xlsx'), writeWorkbook([{ name: 'S', rows, merges: ['A1:E1', 'A3:B4', 'C3:C4', 'D3:E3'] }]));
    writeFileSync(join(tmp, 'm.csv'), '测试部门一般公共预算基本支出情况表,,,,\n单位：万元,,,,\n科目编码,,科目名称,基本支出,\n,,,人员经费,公用经费\n301,,工资福利支出,10.10,\n');
    const x = await loadDisclosure(join(tmp, 'm.xlsx'));
    const c = await loadDisclosure(join(tmp, 'm.csv'));
    const cols = (d: typeof x) => d.tables.basicEconomic!.columns.map((k) => [k.key, k.index]);
    expect(cols(x)).toEqual([['personnel', 4], ['publicFunds', 5]]);
    expect(cols(x)).toEqual(cols(c));
    expect(x.tables.basicEconomic!.rows[0]!.cells.personnel!.amount!.value.toString()).toBe('10.1');
  });
});

describe('refusals', () => {
  it('stops a zip bomb that declares a small size, before inflating past the limit', () => {
    const entries = workbookEntries([{ name: 'S', rows: [['x']] }]);
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    sheet.data = new Uint8Array(8 * 1024 * 1024); // 8 MiB of zeros, about 8 KiB deflated
    sheet.declaredSize = 100;
    const zip = writeZip(entries);
    expect(zip.length).toBeLessThan(64 * 1024);
    let err: unknown;
    try {
      readWorkbook(zip, { shown: 'bomb.xlsx', maxUnzippedBytes: 1024 * 1024 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).text.zh).toBe('工作簿解压后超过 1048576 字节上限（在 xl/worksheets/sheet1.xml 处），可能是压缩炸弹，已拒绝');
    expect((err as InputError).file).toBe('bomb.xlsx');
  });

  it('refuses an entry whose declared size is over the limit without inflating it', () => {
    const entries = workbookEntries([{ name: 'S', rows: [['x']] }]);
    entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.declaredSize = 0xfffffff0;
    expect(() => readWorkbook(writeZip(entries), { shown: 'big.xlsx' })).toThrow(/zip bomb/);
  });

  it('reads ZIP64 records, and still bounds what their 64-bit sizes declare', () => {
    const entries = workbookEntries([{ name: 'S', rows: [['表三', { n: '1.25', fmt: '0.0' }]] }]);
    const [g] = readWorkbook(writeZip(entries, { zip64: true }), { shown: 'z64.xlsx' });
    expect(g!.rows[0]!.cells.map((c) => c.text)).toEqual(['表三', '1.3']);
    entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!.declaredSize = 0xfffffff0;
    expect(() => readWorkbook(writeZip(entries, { zip64: true }), { shown: 'z64.xlsx' })).toThrow(/zip bomb/);
  });

  it('names old .xls files, damaged zips and sheets too large to lay out', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(() => readWorkbook(ole, { shown: 'old.xls' })).toThrow('old Excel 97-2003 (.xls)');
    const zip = writeWorkbook([{ name: 'S', rows: [['x']] }]);
    expect(() => readWorkbook(zip.subarray(0, zip.length - 30), { shown: 'cut.xlsx' })).toThrow('damaged zip structure');
    const far: XSheet = { name: 'S', rows: [['a'], ['b']], rowNumbers: [1, 1_000_000] };
    const wide = writeWorkbook([{ ...far, rows: [['a'], [...Array(20).fill(null), 'b']] }]);
    expect(() => readWorkbook(wide, { shown: 'far.xlsx' })).toThrow('sheet "S" is too large (1000000 rows × 21 columns, limit 2000000 cells)');
  });

  it('keeps the workbook reader out of the static import graph of the CLI', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)[^'";]*?from\s+'(\.[^']+)'/gm)) {
        const target = join(file, '..', m[1]!.replace(/\.js$/, '.ts'));
        visit(target);
      }
    };
    visit('src/cli.ts');
    visit('src/commands/check.ts');
    expect([...seen].some((f) => f.includes('xlsx'))).toBe(false);
    expect(seen.has(join('src', 'load', 'disclosure.ts'))).toBe(true);
    expect(readdirSync('src/load/xlsx').sort()).toEqual(['index.ts', 'numfmt.ts', 'xml.ts', 'zip.ts']);
  });
});

describe('other spreadsheet files', () => {
  it('reads a macro-enabled workbook (.xlsm) as the .xlsx it is, and names WPS and OpenDocument spreadsheets as unread', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kashgar.xlsm'), readFileSync('fixtures/xlsx/kashgar-2022.xlsx'));
    const xlsm = await findingsOf(join(dir, 'kashgar.xlsm'));
    const xlsx = await findingsOf('fixtures/xlsx/kashgar-2022.xlsx');
    const ids = (fs: typeof xlsm) => fs.map((f) => `${f.ruleId}:${f.severity}:${f.actual}:${f.expected}`);
    expect(xlsx.length).toBeGreaterThan(0);
    expect(ids(xlsm)).toEqual(ids(xlsx));
    // beside it in a directory, an .et (WPS) spreadsheet is named, not passed over in silence
    writeFileSync(join(dir, '表九.et'), 'not read');
    const d = await loadDisclosure(dir, { cwd: process.cwd() });
    expect(d.issues.filter((i) => i.code === 'document-unread').map((i) => [i.severity, i.loc.file])).toEqual([['info', join(dir, '表九.et')]]);
    expect(Object.keys(d.tables).length).toBeGreaterThan(5);
  });
});
