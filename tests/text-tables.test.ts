// A whole document given as text (pdftotext, with or without -layout) holds its tables as lines of
// figures. Text keeps no empty cell, so of a coded table only what stands first in each row is
// certain: its code, its name and its total. Those are read and checked; the rest is said to be
// unread, never guessed.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './input-support.js';
import { brief, load, runMain, tableFindings } from './helpers.js';
import type { Disclosure, Table } from '../src/load/model.js';

const ruleOf = (id: string) => (out: string) => JSON.parse(out).disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === id);
const notices = ruleOf('input/text-tables-unread');
const partial = ruleOf('input/text-tables-partial');

/** Each whole-document text at hand, its tables transcribed by hand, and the tables text gives whole. */
const PAIRS: Array<[text: string, tables: string, read: string[]]> = [
  // (表六 ends where 表七's number stands, above 表七's header and before its title)
  ['fixtures/reference/kashgar-2022.txt', 'fixtures/kashgar-2022', ['overview', 'fiscalOverview', 'income', 'expenditure', 'generalBudget', 'basicEconomic', 'threePublic']],
  ['fixtures/reference/putuo-2025.txt', 'fixtures/putuo-2025', ['overview', 'fiscalOverview', 'income', 'expenditure', 'generalBudget', 'basicEconomic', 'threePublic']],
  ['fixtures/pdf/putuo-commerce-2025-budget.txt', 'fixtures/real/putuo-commerce-2025/flat', ['overview', 'fiscalOverview', 'income', 'expenditure', 'generalBudget', 'basicEconomic', 'threePublic']],
  ['fixtures/pdf/putuo-planning-2024-final.txt', 'fixtures/real/putuo-planning-2024-final/flat', ['income', 'expenditure', 'generalBudget', 'threePublic']],
  ['fixtures/pdf/jiangsu-court-2018.txt', 'fixtures/real/jiangsu-court-2018/flat', ['fiscalExpenditure', 'fiscalBasicEconomic', 'generalBudget', 'basicEconomic', 'threePublic']],
  ['fixtures/pdf/jiangsu-court-2019.txt', 'fixtures/real/jiangsu-court-2019/flat', ['fiscalBasicEconomic', 'threePublic']],
  ['fixtures/pdf/jiangsu-cppcc-2017.txt', 'fixtures/real/jiangsu-cppcc-2017/flat', ['fiscalExpenditure', 'fiscalBasicEconomic', 'generalBudget', 'basicEconomic', 'threePublic']],
  ['fixtures/pdf/jiangsu-party-office-2019.txt', 'fixtures/real/jiangsu-party-office-2019/flat', ['fiscalExpenditure', 'fiscalBasicEconomic', 'generalBudget', 'basicEconomic', 'threePublic']],
];

/** side and code, or name (or the total row) → total, as a table holds it */
function totals(t: Table): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of t.rows) {
    const c = r.cells.total;
    m.set(`${r.side ?? ''}:${r.isTotal ? 'total' : (r.code ?? r.name.replace(/\s+/g, ''))}`, c?.amount == null ? '' : c.raw.replace(/,/g, ''));
  }
  return m;
}

/** The reference text with one line of its 表三 (from line 330) replaced, as printed before: the lines, its index, the file. */
function changedInT3(start: string, was: string, now: string): { lines: string[]; i: number; file: string } {
  const lines = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8').split('\n');
  const i = lines.findIndex((l, k) => k > 329 && l.startsWith(start));
  expect(lines[i]).toBe(was);
  lines[i] = now;
  const file = join(tempDir(), 'kashgar.txt');
  writeFileSync(file, lines.join('\n'));
  return { lines, i, file };
}

const onlyTables = (d: Disclosure) => Object.fromEntries(Object.entries(d.tables).map(([k, t]) => [k, t!]));

describe('tables inside a text', () => {
  it.each(PAIRS)('%s: each coded table read gives the codes and totals of the transcription, and no more columns', async (text, tables, read) => {
    const fromText = await load(text);
    const byHand = await load(tables);
    expect(Object.keys(fromText.tables).sort()).toEqual([...read].sort());
    for (const [kind, t] of Object.entries(onlyTables(fromText))) {
      const hand = byHand.tables[kind as keyof Disclosure['tables']]!;
      if (t.structure === 'single') {
        // the “三公” table: each column read holds the transcription's figure (an empty cell empty)
        const [row, handRow] = [t.rows.find((r) => Object.keys(r.cells).length)!, hand.rows.find((r) => Object.keys(r.cells).length)!];
        expect(t.columns.length, kind).toBeGreaterThan(1);
        for (const c of t.columns) expect(row.cells[c.id]?.raw, `${text} ${c.id}`).toBe(handRow.cells[c.id]?.raw ?? '');
        continue;
      }
      // one amount column a side
      expect(t.columns.map((c) => c.id), kind).toEqual(t.structure === 'sided' ? ['total', 'total'] : ['total']);
      const want = totals(hand);
      // a transcription keeps rows of blanks the text may print without their code or label
      for (const [code, v] of want) if (v === '' && !totals(t).has(code)) want.delete(code);
      expect(totals(t), `${text} ${kind}`).toEqual(want);
      // a name is the printed one, or none where the text could not give it whole
      const names = new Map(hand.rows.map((r) => [r.code, r.name.replace(/\s+/g, '')]));
      for (const r of t.rows) if (r.code && r.name) expect(r.name, `${kind} ${r.code}`).toBe(names.get(r.code));
    }
  });

  it.each(PAIRS)('%s: the tables read from it raise no table finding the transcription does not (a row\'s sum checked whatever its columns)', async (text, tables) => {
    const key = (f: ReturnType<typeof brief>) => `${f.ruleId} ${f.severity} ${f.row} ${f.actual} ${f.expected}`;
    const got = tableFindings(await load(text)).filter((f) => !f.ruleId.startsWith('input/')).map(brief).map(key);
    const byHand = new Set(tableFindings(await load(tables)).map(brief).map(key));
    expect(got.filter((k) => !byHand.has(k))).toEqual([]);
  });

  it('the sums of rows read from a text are the transcription\'s: the 尾差 of the Putuo 决算\'s 一般公共预算财政拨款支出决算表', async () => {
    const got = tableFindings(await load('fixtures/pdf/putuo-planning-2024-final.txt')).filter((f) => f.ruleId === 'row-total').map(brief);
    expect(got.map((f) => [f.severity, f.at, f.row, f.actual, f.expected])).toEqual([
      ['warning', 'fixtures/pdf/putuo-planning-2024-final.txt:431:24', '212 城乡社区支出', '3832.36', '3832.35'],
      ['warning', 'fixtures/pdf/putuo-planning-2024-final.txt:433:24', '21201 城乡社区管理事务', '1092.80', '1092.79'],
      ['warning', 'fixtures/pdf/putuo-planning-2024-final.txt:436:24', '2120101 行政运行', '1092.80', '1092.79'],
      ['warning', 'fixtures/pdf/putuo-planning-2024-final.txt:459:22', '合计', '9746.50', '9746.49'],
    ]);
  });

  it('say which were read and which were not, once, where the first read one starts, in both languages', async () => {
    const r = await runMain('check', 'fixtures/reference/kashgar-2022.txt', '--no-config', '-f', 'json');
    expect(notices(r.out)).toEqual([]);
    const found = partial(r.out);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', location: { file: 'fixtures/reference/kashgar-2022.txt', line: 31, column: 1 } });
    expect(found[0].message).toBe(
      '从文字中读取了 7 张表（部门收支总体情况表、部门收入总体情况表、部门支出总体情况表、财政拨款收支预算总体情况表、一般公共预算支出情况表、一般公共预算基本支出情况表、一般公共预算“三公”经费支出情况表）的编码、名称与合计数（一般公共预算“三公”经费支出情况表：能确定位置的各列）；文字不保留空单元格，其余各列无法确定，未检查；一般公共预算项目支出情况表 未从文字中读取。完整检查请提供 PDF 原件或各表的 CSV/xlsx',
    );
    const en = await runMain('check', 'fixtures/reference/kashgar-2022.txt', '--no-config', '--lang', 'en');
    expect(en.out).toContain('read 7 table(s) from the text (部门收支总体情况表, 部门收入总体情况表, 部门支出总体情况表, 财政拨款收支预算总体情况表, 一般公共预算支出情况表, 一般公共预算基本支出情况表, 一般公共预算“三公”经费支出情况表): their codes, names and totals (一般公共预算“三公”经费支出情况表: the columns its figures could be placed under); text keeps no trace of empty cells');
  });

  it('a figure changed in the text is found where it is printed, against its class and the other tables', async () => {
    // 表三: 204 02 99 其他公安支出 972.32 972.32 → 972.42
    const { lines, i, file } = changedInT3('204 02 99 ', '204 02 99 其他公安支出 972.32 972.32', '204 02 99 其他公安支出 972.42 972.32');
    const d = await load(file);
    const got = tableFindings(d).filter((f) => !f.ruleId.startsWith('input/')).map(brief);
    const at = (line: number, column: number) => `${file}:${line}:${column}`;
    const t5 = lines.findIndex((l, k) => k > 484 && l.startsWith('204 02 99 ')) + 1;
    expect(lines[i - 2]).toBe('204 02 公安 972.32 972.32');
    expect(got).toEqual([
      { ruleId: 'rollup', severity: 'error', at: at(i - 1, 11), row: '20402 公安', col: '合计', expected: '972.42', actual: '972.32', difference: '-0.10' },
      { ruleId: 'class-agreement', severity: 'error', at: at(i + 1, 18), row: '2040299 其他公安支出', col: '合计', expected: '972.32', actual: '972.42', difference: '0.10' },
      // and its own row: its 基本支出 or 项目支出 (text does not say which) is still 972.32
      { ruleId: 'row-total', severity: 'error', at: at(i + 1, 18), row: '2040299 其他公安支出', col: '合计', expected: '972.32', actual: '972.42', difference: '0.10' },
      { ruleId: 'general-budget-agreement', severity: 'error', at: at(t5, 18), row: '2040299 其他公安支出', col: '合计', expected: '972.42', actual: '972.32', difference: '-0.10' },
    ]);
  });

  it('a part changed in a row is found against its total, wherever the part stands', async () => {
    // 表三: 210 卫生健康支出 43.42 16.42 27.00 → 17.42
    const { i, file } = changedInT3('210 卫生健康支出 ', '210 卫生健康支出 43.42 16.42 27.00', '210 卫生健康支出 43.42 17.42 27.00');
    const found = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total');
    expect(found.map(brief)).toEqual([
      { ruleId: 'row-total', severity: 'error', at: `${file}:${i + 1}:12`, row: '210 卫生健康支出', col: '合计', expected: '44.42', actual: '43.42', difference: '-1.00' },
    ]);
    expect(found[0]!.message.zh).toBe('部门支出总体情况表 210 卫生健康支出 · 合计为 43.42，但同行其余 2 个数之和为 44.42，差额 -1.00（表从文字中读取，各数所在的列无法确定，只核对其和）');
    expect(found[0]!.inputs.map((x) => [x.label.en, x.value, x.location.column])).toEqual([
      ['Expenditure 210 卫生健康支出 · figure 2', '17.42', 18],
      ['Expenditure 210 卫生健康支出 · figure 3', '27.00', 24],
    ]);
  });

  it('a table whose rows are not all certain is not read (a figure cut over two lines, figures with no code), and is named', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8');
    const cut = src.replace('201 03 01 行政运行 341.29 341.29\n', '201 03 01 行政运行 341.\n29 341.29\n');
    const file = join(tempDir(), 'cut.txt');
    writeFileSync(file, cut);
    const d = await load(file);
    // the first 行政运行 row is 表二's: 表二 is left out, 表三 and 表五 are read
    expect(Object.keys(d.tables).sort()).toEqual(['basicEconomic', 'expenditure', 'fiscalOverview', 'generalBudget', 'overview', 'threePublic']);
    expect(d.unreadTables).toContain('income');
    const orphan = src.replace('合计 3192.57 407.66 2784.91\n', '合计 3192.57 407.66 2784.91\n人员经费 280.87\n');
    writeFileSync(file, orphan);
    expect(Object.keys((await load(file)).tables).sort()).toEqual(['basicEconomic', 'fiscalOverview', 'generalBudget', 'income', 'overview', 'threePublic']);
  });

  it('tables unread in a text are not reported missing from a directory holding it', async () => {
    const dir = join(tempDir(), 'text-only');
    cpSync('fixtures/reference/kashgar-2022.txt', join(dir, '公开.txt'));
    const r = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    expect(r.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'missing-table')).toEqual([]);
  });

  it('are said to be unread when none could be read', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8');
    // every coded table given a row of figures without its code, every summary a label of neither side
    const file = join(tempDir(), 'none.txt');
    // and the “三公” table's one row of figures printed over two lines
    writeFileSync(file, src.replace(/^(合计 \d.*)$/gm, '$1\n其他 1.00').replace(/^(收入总计 .*)$/gm, '其他 1.00\n$1').replace('60.58 51.56 51.56 9.02\n', '60.58 51.56\n51.56 9.02\n'));
    const r = await runMain('check', file, '--no-config', '-f', 'json');
    expect(partial(r.out)).toEqual([]);
    expect(notices(r.out)).toHaveLength(1);
    expect(notices(r.out)[0].message).toBe('说明文字中夹有表格：表格不从文字中读取，未检查；请一并提供 PDF 原件或各表的 CSV/xlsx');
  });

  it('are not mentioned for a text of prose alone, nor when the tables come beside it', async () => {
    const none = (out: string) => [...notices(out), ...partial(out)];
    expect(none((await runMain('check', 'fixtures/real/putuo-planning-2024-final/情况说明.txt', '--no-config', '-f', 'json')).out)).toEqual([]);
    const dir = join(tempDir(), 'court-2019');
    cpSync('fixtures/real/jiangsu-court-2019/banded', dir, { recursive: true });
    cpSync('fixtures/pdf/jiangsu-court-2019.txt', join(dir, '情况说明.txt'));
    const beside = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    expect(beside.disclosures).toHaveLength(1);
    expect(none(JSON.stringify(beside))).toEqual([]);
    expect(none((await runMain('check', 'fixtures/pdf/jiangsu-court-2019.pdf', '--no-config', '-f', 'json')).out)).toEqual([]);
  });
});

describe('a 情况说明 in a word-processor document', () => {
  it('is named as unread (an info note where it is), and the tables beside it are checked as before', async () => {
    const dir = join(tempDir(), 'with-docx');
    cpSync('fixtures/kashgar-2022', dir, { recursive: true });
    writeFileSync(join(dir, '情况说明.docx'), 'PK\u0003\u0004 not read');
    writeFileSync(join(dir, '封面.png'), 'not a document');
    const r = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    const notes = r.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'input/document-unread');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', location: { file: join(dir, '情况说明.docx'), line: 1, column: 1 } });
    const plain = JSON.parse((await runMain('check', 'fixtures/kashgar-2022', '--no-config', '-f', 'json')).out);
    const others = (d: { findings: Array<{ ruleId: string }> }) => d.findings.filter((f) => f.ruleId !== 'input/document-unread');
    expect(others(plain.disclosures[0]).length).toBeGreaterThan(20);
    expect(others(r.disclosures[0])).toEqual(others(plain.disclosures[0]).map((f: object) => JSON.parse(JSON.stringify(f).split('fixtures/kashgar-2022').join(dir))));
  });
});

describe('what the text is checked against when a table is not there', () => {
  it('a 决算 text: its 收支总计 (with the 结转和结余) is compared with the summary table only, not with the 支出决算表', async () => {
    const r = JSON.parse((await runMain('check', 'fixtures/pdf/putuo-planning-2024-final.txt', '--no-config', '-f', 'json')).out);
    const against = r.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'narrative-amount-vs-table');
    // 卫生健康支出 236.63 against 236.64, as the PDF itself gives; nothing at 588 (收入支出总计 9859.38)
    expect(against.map((f: { severity: string; location: { line: number; column: number } }) => [f.severity, f.location.line, f.location.column])).toEqual([['warning', 639, 7]]);
  });

  it('a row printed without a name says nothing against the name the text gives its item', async () => {
    const dir = join(tempDir(), 'unnamed');
    cpSync('fixtures/real/putuo-planning-2024-final/with-text', dir, { recursive: true });
    const names = async () =>
      JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out)
        .disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'narrative-item-name')
        .map((f: { location: { line: number } }) => f.location.line);
    const before = await names();
    const file = join(dir, '05-一般公共预算财政拨款支出决算表.csv');
    // a wrong name is reported; no name at all is not
    writeFileSync(file, readFileSync(file, 'utf8').replace('2120101,行政运行,', '2120101,行政管理,'));
    expect(await names()).toEqual([...before, 49].sort((a, b) => a - b));
    writeFileSync(file, readFileSync(file, 'utf8').replace('2120101,行政管理,', '2120101,,'));
    expect(await names()).toEqual(before);
  });
});

describe('two-sided summaries inside a text', () => {
  it('an expense figure changed in 表一 is found against the tables that break it down', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8');
    expect(src.split('\n')[44]).toBe('国有资本经营预算 204 公共安全支出 972.32');
    const file = join(tempDir(), 'kashgar-t1.txt');
    writeFileSync(file, src.replace('国有资本经营预算 204 公共安全支出 972.32', '国有资本经营预算 204 公共安全支出 972.23'));
    const got = tableFindings(await load(file)).filter((f) => !f.ruleId.startsWith('input/')).map(brief);
    // the 支出总计 against its classes; 表二's class against it
    expect(got).toEqual([
      { ruleId: 'column-total', severity: 'error', at: `${file}:99:19`, row: '支出总计', col: '支出/预算数', expected: '3192.48', actual: '3192.57', difference: '0.09' },
      { ruleId: 'class-agreement', severity: 'error', at: `${file}:193:12`, row: '204 公共安全支出', col: '合计', expected: '972.23', actual: '972.32', difference: '0.09' },
    ]);
  });

  it('财政拨款收支总表: the expense side\'s figures after its total add up to it, wherever each stands', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8');
    const file = join(tempDir(), 'kashgar-t4.txt');
    writeFileSync(file, src.replace('收入总计 3192.57 支出总计 3192.57 3192.57', '收入总计 3192.57 支出总计 3192.57 3129.57'));
    const got = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total').map(brief);
    expect(got).toEqual([{ ruleId: 'row-total', severity: 'error', at: `${file}:481:19`, row: '支出总计', col: '财政拨款支出/合计', expected: '3129.57', actual: '3192.57', difference: '63.00' }]);
  });

  it('a line whose label says neither 收入 nor 支出 (the end of a wrapped label) leaves the summary unread', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8');
    const file = join(tempDir(), 'kashgar-wrap.txt');
    writeFileSync(file, src.replace('事业收入 206 科学技术支出\n', '事业收入 206 科学技术支出\n费\n'));
    const d = await load(file);
    expect(d.tables.overview).toBeUndefined();
    expect(d.unreadTables).toContain('overview');
    expect(d.tables.fiscalOverview).toBeDefined();
  });
});

describe('tables printed in ways text cannot place for certain', () => {
  const ROOT = 'fixtures/text-tables';
  const quiet = async (file: string) => {
    const r = JSON.parse((await runMain('check', file, '--no-config', '-f', 'json')).out).disclosures[0];
    return r.findings.filter((f: { severity: string }) => f.severity !== 'info').map((f: { ruleId: string; location: { line: number } }) => `${f.ruleId}@${f.location.line}`);
  };
  it.each([
    ['01-first-amount-column-last-year.txt', ['income']],
    ['02-total-in-last-column.txt', ['expenditure']],
    ['03-two-tables-same-title-econ-variant.txt', ['income', 'expenditure', 'generalBudget']],
    // (表三 ends at a title no layout knows: what follows may be its rest or another table)
    ['04-unrecognised-next-table-appended.txt', ['income']],
    ['06a-thousands-narrow-nbsp.txt', []],
    ['07-codes-column-then-figures.txt', []],
    ['07b-codes-column-then-figures-chrome.txt', []],
    ['08-whole-yuan-total-label-own-line.txt', ['income', 'expenditure']],
    ['09-whole-yuan-blank-row-then-code.txt', []],
    // (a coded row without a figure leaves its table unread)
    ['10-whole-yuan-blank-row-page-number.txt', []],
    ['11-name-above-code-wrong-name.txt', ['income', 'expenditure']],
    ['s01-wrapped-expense-label-income-word.txt', []],
    ['s02-whole-yuan-income-figure-taken-as-code.txt', ['overview']],
    ['s03-carryover-labels-merged-figure-to-income.txt', ['overview']],
    ['s04-economic-class-expense-label-with-buzhu.txt', []],
    ['s05-three-sided-use-figures-on-function-items.txt', []],
    ['s07-unread-fund-table-taken-as-zero.txt', ['overview', 'income', 'expenditure', 'fiscalOverview', 'generalBudget']],
    ['s08-page-number-read-as-class-code.txt', ['expenditure', 'generalBudget']],
    ['t01-year-column-2023年预算-before-total.txt', ['income']],
    ['t02-change-column-in-upper-header-line-summed.txt', []],
    ['t03-income-table-carry-column-not-added.txt', ['overview', 'income']],
    ['t04-xubiao-continued-table-cut.txt', ['expenditure']],
    ['t04b-running-head-ending-in-biao-cuts-table.txt', []],
    ['t04c-title-with-xu-continuation-cut.txt', ['expenditure']],
    ['t05-fiscal-group-column-summed-as-part.txt', ['income']],
    ['t07-summary-whole-income-figure-read-as-code.txt', ['overview']],
    ['t08-total-last-first-figure-is-a-part.txt', []],
    ['t09-fund-table-number-below-title-dropped.txt', ['expenditure', 'generalBudget', 'governmentFund']],
    ['t09b-fund-table-title-wrapped-dropped.txt', ['expenditure']],
    ['t09c-title-and-unit-on-one-line-merged-into-previous.txt', ['expenditure', 'generalBudget', 'governmentFund']],
    ['t10-jiangsu-court-2019-plain-pdftotext-figures-after-note.txt', []],
    ['t11-business-income-unknown-strict-general-budget-link.txt', ['income', 'expenditure', 'generalBudget']],
    ['ua1-fiscal-summary-total-last-column.txt', []],
    ['ua1b-fiscal-summary-no-total-column.txt', []],
    ['ua2-two-same-titled-tables-merged.txt', []],
    ['ua3-function-and-economic-parts-one-title.txt', []],
    ['ub-unknown-group-column.txt', ['income']],
    ['uf1-businessfund-under-carryover.txt', ['overview', 'income', 'expenditure', 'fiscalOverview', 'generalBudget', 'basicEconomic', 'governmentFund', 'threePublic']],
    ['uc1-nonfiscal-carryover-general-budget-link.txt', ['overview', 'income', 'expenditure', 'fiscalOverview', 'generalBudget', 'basicEconomic', 'governmentFund', 'threePublic']],
    // the “三公” table: a header naming other columns than the layout's, or not in its order, a
    // 公务用车 band without its 小计, two years' groups, a labelled row after the row: unread
    ['sg01-no-subtotal-raw.txt', []],
    ['sg02-extra-meet-train-blank.txt', []],
    ['sg03-extra-agency-coinc.txt', []],
    ['sg04-lanci-labelled-row.txt', []],
    ['sg05-two-years-cols.txt', []],
    ['sg06-jiangsu-no-vehicle-subtotal.txt', []],
    ['sg07-order-recep-first-layout.txt', []],
    ['sg08-lanci.txt', ['threePublic']],
    ['sg09-dashes.txt', ['threePublic']],
    ['sg10-layout-national-order.txt', ['threePublic']],
    // a second round: a word wrapped onto a lower line (the order from left to right), groups by
    // year (上年, 本年) or by 预算数 | 决算数, a 序号 column, a page number, two tables for one role
    ['sg11-reception-first-wrapped-layout.txt', []],
    ['sg12-last-and-this-year-groups.txt', []],
    ['sg13-row-numbers-column.txt', []],
    ['sg14-last-year-table-first.txt', []],
    ['sg15-final-grouped-by-kind.txt', []],
    ['sg16-page-number-under-blank-row.txt', []],
    // a third: in a text without -layout a word's place on its line says nothing of its column
    // (reading order only); a 其中 column beside the layout's
    ['sg17-reception-first-raw-shared-lines.txt', []],
    ['sg18-of-which-column.txt', []],
    // a fourth: a column that sums others stands before its parts and after the sibling before it
    ['sg19-total-last.txt', []],
    ['sg20-subtotal-after-its-parts.txt', []],
    ['sg21-sangong-subtotal-vehicles-band.txt', []],
    // a fifth: a whole number alone on a line (a cell of the row, or a page's), a column named twice
    ['sg22-row-tail-alone-on-a-line.txt', []],
    ['sg23-columns-listed-twice.txt', []],
    // the template's header written otherwise: read as it
    ['sg24-spaced-total-words.txt', ['threePublic']],
    ['sg25-sangong-total-and-vehicles-he.txt', ['threePublic']],
    ['sg26-reception-note-in-brackets.txt', ['threePublic']],
  ])('%s: no finding, and only the tables whose every row is certain read (%j)', async (name, read) => {
    const file = join(ROOT, name);
    expect(await quiet(file)).toEqual([]);
    expect(Object.keys((await load(file)).tables).sort()).toEqual([...read].sort());
  });

  it('a name wrapped around its code is taken from no neighbour: the row has none, and says nothing against the text', async () => {
    const d = await load(join(ROOT, '11-name-above-code-wrong-name.txt'));
    expect(d.tables.income!.rows.map((r) => [r.code, r.name])).toEqual([
      ['201', '一般公共服务支出'],
      ['20103', ''],
      ['2010301', ''],
      ['2010399', ''],
      [undefined, ''],
    ]);
  });

  it('a table number and title printed again on the next page continue the table', async () => {
    const src = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8').split('\n');
    // the page break inside 表二 (its page number 7, then its header printed again)
    expect(src[250]).toBe('7');
    for (const insert of [[' 表二', ''], [' 表二', '', '部门收入总体情况表', '', '编制部门：新疆维吾尔自治区喀什地区喀什经济开发区党政办公室 单位：万元', '']]) {
      const file = join(tempDir(), 'page.txt');
      writeFileSync(file, [...src.slice(0, 251), ...insert, ...src.slice(251)].join('\n'));
      const d = await load(file);
      expect(d.tables.income?.rows.filter((r) => r.code).length).toBe(25);
      expect(tableFindings(d).filter((f) => !f.ruleId.startsWith('input/')).map(brief)).toEqual([]);
    }
  });

  it('a summary\'s carry-overs on one line are split by their words: 上年结转 on the income side, 结转下年 and its figure on the expense side', async () => {
    const t = (await load(join(ROOT, 's03-carryover-labels-merged-figure-to-income.txt'))).tables.overview!;
    const row = (side: string, name: string) => t.rows.find((r) => r.side === side && r.name === name);
    expect(row('income', '上年结转')?.cells.total?.amount).toBeNull();
    expect(row('expense', '结转下年')?.cells.total?.raw).toBe('20.00');
  });

  it('an optional table printed in the text but not read is not taken as zero by the links: the check is skipped and said so', async () => {
    const r = JSON.parse((await runMain('check', join(ROOT, 's07-unread-fund-table-taken-as-zero.txt'), '--no-config', '-f', 'json', '--lang', 'en')).out).disclosures[0];
    expect(r.read.skipped.filter((s: { rule: string }) => s.rule === 'general-budget-agreement')).toContainEqual({
      rule: 'general-budget-agreement',
      what: 'T5[*].total = T3[*].total - T6?[*].total - T7?[*].total',
      why: 'T6 was not read from the text; not checked',
    });
  });

  it('a column a table read from a text does not show is not known, not zero: the links that need it are skipped, or only ask "not more than"', async () => {
    const skipped = async (name: string) =>
      JSON.parse((await runMain('check', join(ROOT, name), '--no-config', '-f', 'json', '--lang', 'en')).out).disclosures[0].read.skipped.map((s: { rule: string; why: string }) => `${s.rule}: ${s.why}`);
    // 表二's 上年结转 column: the revenue total is not compared with 表一's year revenue plus a zero
    expect(await skipped('t03-income-table-carry-column-not-added.txt')).toContain('income-agreement: only the totals of Revenue were read from the text; not checked');
    // tables read from a text: a 政府性基金 table (one the template always prints) not found in it is
    // not known to be empty; the 国有资本经营 one, which the template prints only when there is one, is
    const lines = readFileSync('fixtures/reference/kashgar-2022.txt', 'utf8').split('\n');
    const nine = lines.findIndex((l) => l.trim() === '表九');
    const file = join(tempDir(), 'no-t9.txt');
    writeFileSync(file, [...lines.slice(0, nine), ...lines.slice(nine + 16)].join('\n'));
    const r = JSON.parse((await runMain('check', file, '--no-config', '-f', 'json', '--lang', 'en')).out).disclosures[0];
    expect(r.read.tables.map((t: { kind: string }) => t.kind)).toContain('generalBudget');
    expect(r.read.skipped.map((s: { rule: string; why: string }) => `${s.rule}: ${s.why}`)).toContain('general-budget-agreement: T9 was not read from the text; not checked');
    // (its 政府性基金 table read, the total link runs)
    expect((await skipped('t09-fund-table-number-below-title-dropped.txt')).filter((x: string) => x.startsWith('general-budget-agreement') && !x.includes('has no such column'))).toEqual([]);
  });

  it('a line of many words in a summary is refused at once, not tried at every cut', async () => {
    const file = join(tempDir(), 'long.txt');
    const words = Array.from({ length: 20000 }, (_, i) => `项目${i}`).join(' ');
    const rows = '财政拨款（补助） 1.00 201 一般公共服务支出 1.00\n'.repeat(6);
    writeFileSync(file, `部门收支总体情况表\n单位：万元\n项目 预算数 项目 预算数\n${rows}${words} 1.00\n收入总计 1.00 支出总计 1.00\n`);
    const d = await load(file);
    expect(d.tables.overview).toBeUndefined();
    expect(d.unreadTables).toEqual(['overview']);
  });

  it('a long run of spaces in a line is read in linear time (no pattern anchored at its end runs over it)', async () => {
    const file = join(tempDir(), 'spaces.txt');
    writeFileSync(file, `部门支出总体情况表\n${' '.repeat(80000)}x\n`);
    expect(await quiet(file)).toEqual([]);
  });

  it('thousands set apart by spaces leave the tables unread', async () => {
    const file = join(tempDir(), 'spaces.txt');
    writeFileSync(file, readFileSync('fixtures/pdf/putuo-commerce-2025-budget.txt', 'utf8').replace(/(\d),(\d{3})/g, '$1 $2'));
    expect(await quiet(file)).toEqual([]);
    // (the “三公” table's figures, 1.00 1.00 171.01, have no thousands)
    expect(Object.keys((await load(file)).tables)).toEqual(['threePublic']);
  });
});

describe('a single-row table inside a text (the “三公” table)', () => {
  const REF = 'fixtures/reference/kashgar-2022.txt';
  /** The reference text with lines replaced (each `was` must be there). */
  function changed(...pairs: Array<[was: string, now: string]>): string {
    let src = readFileSync(REF, 'utf8');
    for (const [was, now] of pairs) {
      expect(src).toContain(was);
      src = src.replace(was, now);
    }
    const file = join(tempDir(), 'kashgar.txt');
    writeFileSync(file, src);
    return file;
  }
  const cellsOf = (t: Table) => Object.fromEntries(Object.entries(t.rows.find((r) => Object.keys(r.cells).length)!.cells).map(([k, c]) => [k, c.raw]));
  const LINE = '60.58 51.56 51.56 9.02\n';

  it('four figures under six columns: the columns every placement keeping the sums agrees on are read, the others not', async () => {
    const d = await load(REF);
    const t = d.tables.threePublic!;
    // 51.56 may be the 购置费 or the 运行费: neither is read; the empty 因公出国（境）费 is certain
    expect(cellsOf(t)).toEqual({ total: '60.58', abroad: '', vehicles: '51.56', reception: '9.02' });
    expect(t.partial).toBe(true);
    expect(t.formulas).toEqual([]);
    expect(t.rows.find((r) => Object.keys(r.cells).length)!.cells.total!.loc).toMatchObject({ line: 1853, column: 1 });
    // the links that need a column not read are skipped, and said so
    const r = JSON.parse((await runMain('check', REF, '--no-config', '-f', 'json')).out).disclosures[0];
    const skipped = r.read.skipped.filter((s: { what: string }) => /T8\[only\]\.vehicle(Purchase|Operation)/.test(s.what));
    expect(skipped.map((s: { why: string }) => s.why)).toEqual(['一般公共预算“三公”经费支出情况表的这一列无法从文字中确定，未核对', '一般公共预算“三公”经费支出情况表的这一列无法从文字中确定，未核对']);
  });

  it('the text\'s “三公” amounts are checked against it: a table row of other figures (its sums kept) is found where the text states them', async () => {
    const file = changed([LINE, '70.58 61.56 61.56 9.02\n']);
    const r = JSON.parse((await runMain('check', file, '--no-config', '-f', 'json')).out).disclosures[0];
    const got = r.findings
      .filter((f: { ruleId: string }) => f.ruleId === 'narrative-amount-vs-table')
      .map((f: { severity: string; location: { line: number }; actual: string; expected: string }) => [f.severity, f.location.line, f.actual, f.expected]);
    // (the text names the 购置费 and 运行费, which the table does not give: not compared)
    expect(got).toEqual([['error', 2473, '60.58', '70.58']]);
  });

  it('every column printed: one placement, and its sums are checked (a part off by 0.50 is an error at the total)', async () => {
    const file = changed([LINE, '60.58 0.00 51.56 0.00 51.56 9.52\n']);
    const t = (await load(file)).tables.threePublic!;
    expect(cellsOf(t)).toEqual({ total: '60.58', abroad: '0.00', vehicles: '51.56', vehiclePurchase: '0.00', vehicleOperation: '51.56', reception: '9.52' });
    const found = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total').map(brief);
    expect(found.map((f) => [f.severity, f.at, f.actual, f.expected])).toEqual([['error', `${file}:1853:1`, '60.58', '61.08']]);
  });

  it('a 决算\'s table (预算数 and 决算数 of each column): placed within each figure\'s kind; all twelve printed, its sums checked', async () => {
    const FINAL = 'fixtures/pdf/putuo-planning-2024-final.txt';
    const row = '     2.85 0.39 0.00 0.00  0.00              0.00    0.00    0.00    0.00    0.00    2.85    0.39';
    const write = (now: string) => {
      const src = readFileSync(FINAL, 'utf8');
      expect(src).toContain(row);
      const file = join(tempDir(), 'final.txt');
      writeFileSync(file, src.replace(row, now));
      return file;
    };
    // four figures of twelve: the 2.85 and 0.39 after the totals may be 因公出国's or 公务接待's, never 公务用车's
    const t = (await load(write('     2.85 0.39                                                              2.85    0.39'))).tables.threePublic!;
    expect(cellsOf(t)).toEqual({
      'total@budget': '2.85',
      'total@final': '0.39',
      'vehicles@budget': '',
      'vehicles@final': '',
      'vehiclePurchase@budget': '',
      'vehiclePurchase@final': '',
      'vehicleOperation@budget': '',
      'vehicleOperation@final': '',
    });
    const file = write(row.replace(/0\.39$/, '0.40'));
    const found = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total' && f.location.line === 546).map(brief);
    expect(found.map((f) => [f.severity, f.at, f.actual, f.expected])).toEqual([['warning', `${file}:546:11`, '0.39', '0.40']]);
  });

  it('a header whose lines hold several words, in the layout\'s order read line by line: read, and a part off found', async () => {
    const file = join(tempDir(), 'shared-lines.txt');
    writeFileSync(
      file,
      readFileSync('fixtures/text-tables/sg17-reception-first-raw-shared-lines.txt', 'utf8')
        .replace('合计 因公出国 公务接待费\n（境）费 公务用车购置及运行费\n', '合计 因公出国（境）费\n公务用车购置及运行费 公务接待费\n')
        .replace('60.58 0.00 9.02 51.56 0.00 51.56', '60.58 0.00 51.56 0.00 50.56 9.02'),
    );
    const t = (await load(file)).tables.threePublic!;
    expect(cellsOf(t)).toEqual({ total: '60.58', abroad: '0.00', vehicles: '51.56', vehiclePurchase: '0.00', vehicleOperation: '50.56', reception: '9.02' });
    const found = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total').map(brief);
    expect(found.map((f) => [f.severity, f.at, f.actual, f.expected])).toEqual([['error', `${file}:9:12`, '51.56', '50.56']]);
  });

  it('a header written otherwise (合 计 spaced, “三公”经费合计, 购置和运行维护费, a note in brackets) is read as the template\'s, and a part off found', async () => {
    const ROW = '   60.58                        51.56                      51.56           9.02';
    const base = readFileSync('fixtures/text-tables/sg10-layout-national-order.txt', 'utf8');
    expect(base).toContain(ROW);
    const want = cellsOf((await load('fixtures/text-tables/sg10-layout-national-order.txt')).tables.threePublic!);
    for (const name of ['sg24-spaced-total-words.txt', 'sg25-sangong-total-and-vehicles-he.txt', 'sg26-reception-note-in-brackets.txt']) {
      const src = readFileSync(join('fixtures/text-tables', name), 'utf8');
      expect(cellsOf((await load(join('fixtures/text-tables', name))).tables.threePublic!), name).toEqual(want);
      // every column printed, 运行费 off by 1.00: the 小计 disagrees with its parts
      const file = join(tempDir(), name);
      writeFileSync(file, src.replace(ROW, '   60.58    0.00     51.56      0.00       50.56      9.02'));
      const found = tableFindings(await load(file)).filter((f) => f.ruleId === 'row-total').map(brief);
      expect(found.map((f) => [f.severity, f.at, f.actual, f.expected]), name).toEqual([['error', `${file}:9:22`, '51.56', '50.56']]);
    }
    // a note cut over two lines is not dropped: its characters name no column, and the table is unread
    const cut = join(tempDir(), 'cut-note.txt');
    writeFileSync(cut, base.replace('公务接待费\n', '公务接待费（含外\n').replace('运行费\n', '运行费    宾接待）\n'));
    expect((await load(cut)).tables.threePublic).toBeUndefined();
  });

  it('is not read when no placement keeps its sums, when its figures run over two lines, or when its header shows another order', async () => {
    const unread = async (file: string) => {
      const d = await load(file);
      expect(d.tables.threePublic).toBeUndefined();
      expect(d.unreadTables).toContain('threePublic');
      expect(tableFindings(d).filter((f) => !f.ruleId.startsWith('input/'))).toEqual([]);
    };
    // 60.58 ≠ any sum of the others, however placed
    await unread(changed([LINE, '60.58 51.56 50.00 9.02\n']));
    await unread(changed([LINE, '60.58 51.56\n51.56 9.02\n']));
    // 公务接待费 named before 公务用车购置及运行费: not the national template's order
    await unread(changed(['公务用车购置及运行费\n\n公务接待费\n', '公务接待费\n\n公务用车购置及运行费\n']));
  });
});
