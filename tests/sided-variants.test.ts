// Summary tables as the national template prints them from 2019 on (fixtures/layouts/national-2019,
// figures made up and consistent): 表1 with 本年收入合计, 上年结转结余 and 收入总计; 表4 with numbered
// 一、本年收入 / 二、上年结转 blocks, each over its parts. Each relationship holds as printed and breaks
// with exactly its finding.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load, tableFindings } from './helpers.js';
import { tempDir } from './input-support.js';
import type { Table } from '../src/load/model.js';

const DIR = 'fixtures/layouts/national-2019';
const T1 = '表1-部门收支总表.csv';
const T4 = '表4-财政拨款收支总表.csv';

/** The findings of a copy of the fixture with one line replaced, as rule line:column actual≠expected. */
async function broken(file: string, line: number, text: string): Promise<string[]> {
  const dir = tempDir();
  for (const f of [T1, T4]) writeFileSync(join(dir, f), readFileSync(join(DIR, f), 'utf8'));
  const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
  lines[line - 1] = text;
  writeFileSync(join(dir, file), lines.join('\n'));
  return tableFindings(await load(dir))
    .filter((f) => f.ruleId !== 'missing-table')
    .map((f) => `${f.ruleId} ${f.location.file.endsWith(T1) ? 'T1' : 'T4'} ${f.location.line}:${f.location.column} ${f.actual}≠${f.expected}`);
}

/** A summary's income rows as role, name and the row they are a part of. */
function incomeRows(t: Table): string[] {
  return t.rows.filter((r) => r.side === 'income').map((r) => `${r.role} ${r.name}${r.parent === undefined ? '' : ` < ${t.rows[r.parent]!.name}`}`);
}

/** The disclosure in `dir` holds (no table finding but the missing tables'): its 财政拨款收支总表's income rows. */
async function heldIncomeRows(dir: string): Promise<string[]> {
  const d = await load(dir);
  expect(tableFindings(d).filter((f) => f.ruleId !== 'missing-table')).toEqual([]);
  return incomeRows(d.tables.fiscalOverview!);
}

describe('summary tables of the national template from 2019', () => {
  it('hold as printed, and are read with their blocks, subtotals and carried-over rows', async () => {
    expect(await heldIncomeRows(DIR)).toEqual([
      'yearTotal 一、本年收入',
      'item （一）一般公共预算拨款 < 一、本年收入',
      'item （二）政府性基金预算拨款 < 一、本年收入',
      'item （三）国有资本经营预算拨款 < 一、本年收入',
      'adjustment 二、上年结转',
      'adjustment （一）一般公共预算拨款 < 二、上年结转',
      'adjustment （二）政府性基金预算拨款 < 二、上年结转',
      'grandTotal 收入总计',
    ]);
  });

  it('本年收入合计 is the sum of the items; 收入总计 adds 上年结转结余', async () => {
    expect(await broken(T1, 10, '五、事业收入,6.00,,')).toEqual(['column-total T1 11:8 105.00≠106.00']);
    expect(await broken(T1, 12, '上年结转结余,3.00,结转下年,2.00')).toEqual(['column-total T1 13:6 107.00≠108.00']);
  });

  it('一、本年收入 is the sum of its parts, 二、上年结转 of its own, 收入总计 of both, and 收入总计 = 支出总计', async () => {
    expect(await broken(T4, 7, '（一）一般公共预算拨款,101.00,（一）一般公共服务支出,75.00,75.00,,')).toEqual([
      'column-total T4 6:8 100.00≠101.00',
      'income-agreement T4 7:13 101.00≠100.00',
    ]);
    expect(await broken(T4, 11, '（一）一般公共预算拨款,3.00,,,,,')).toEqual(['rollup T4 10:8 2.00≠3.00']);
    expect(await broken(T4, 13, '收入总计,103.00,支出总计,102.00,102.00,,')).toEqual(['column-total T4 13:6 103.00≠102.00', 'balance T4 13:18 102.00≠103.00']);
  });

  it('支出 by class adds up to 一、本年支出, in every column', async () => {
    expect(await broken(T4, 8, '（二）政府性基金预算拨款,,（二）社会保障和就业支出,16.00,16.00,,')).toEqual([
      'column-total T4 6:22 100.00≠101.00',
      'column-total T4 6:29 100.00≠101.00',
    ]);
  });

  it('表4 本年收入 agrees with 表1 财政拨款 (not with 收入总计, which carries money over)', async () => {
    expect(await broken(T4, 6, '一、本年收入,99.00,一、本年支出,100.00,100.00,,')).toEqual([
      'column-total T4 6:8 99.00≠100.00',
      'income-agreement T4 6:8 99.00≠100.00',
      'column-total T4 13:6 102.00≠101.00',
    ]);
  });

  it('the sources under 二、上年结转 printed without their numbers are its parts too, not 一、本年收入\'s', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, T4), readFileSync(join(DIR, T4), 'utf8').replace(/^（[一二三]）(\S+?拨款,)/gm, '$1'));
    expect(await heldIncomeRows(dir)).toEqual([
      'yearTotal 一、本年收入',
      'item 一般公共预算拨款',
      'item 政府性基金预算拨款',
      'item 国有资本经营预算拨款',
      'adjustment 二、上年结转',
      'adjustment 一般公共预算拨款 < 二、上年结转',
      'adjustment 政府性基金预算拨款 < 二、上年结转',
      'grandTotal 收入总计',
    ]);
    // and 二、上年结转 is still the sum of its own
    const lines = readFileSync(join(dir, T4), 'utf8').split('\n');
    lines[10] = '一般公共预算拨款,3.00,,,,,';
    writeFileSync(join(dir, T4), lines.join('\n'));
    expect(tableFindings(await load(dir)).filter((f) => f.ruleId !== 'missing-table').map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.actual}≠${f.expected}`)).toEqual(['rollup 10:8 2.00≠3.00']);
  });

  it.each([
    ['ofwhich', '二、上年结转 / 其中：一般公共预算拨款 / 政府性基金预算拨款: the 其中 list goes on'],
    ['ofwhich-uses', '二、上年结转 / 一般公共预算拨款 / 其中：基本支出 / 项目支出'],
    ['worded', 'the parts of 二、上年结转 named 一般公共预算拨款结转 …'],
    ['after-subtotal', '本年收入合计 / 四、上年结转 / 一般公共预算拨款'],
    ['nonfiscal', 'a 上年结转 of money other than appropriations: 一般公共预算 only at most 支出 less 政府性基金'],
    ['f1-businessfund-under-carryover', '上年结转 / 用事业基金弥补收支差额: a source of its own, not the carry-over\'s'],
    ['f2-ofwhich-after-year-total', '本年收入合计 / 上年结转 / 其中：一般公共预算拨款 / 政府性基金预算拨款'],
    ['f3-final-ofwhich-carryout', '决算: 年末结转和结余 / 其中：基本支出结转 / 项目支出结转和结余'],
    ['f4-carryover-first-unnumbered-sources', '上年结转 printed before the sources of the year'],
    ['g-carry-parts-no-year-total', '四、上年结转 / 一般公共预算拨款, no 本年收入合计 above: within the heading, its part'],
    ['g-nonfiscal-carry-parts', '年初结转和结余 / 财政拨款结转和结余 / 非财政拨款结转和结余'],
    ['g-nonfiscal-carry-parts-ofwhich', '年初结转和结余 / 其中：财政拨款结转和结余 / 非财政拨款结转和结余'],
    ['g-ofwhich-list-jingying-jieyu', '决算 2015–18: 其中：基本支出结转 / 项目支出结转和结余 / 经营结余'],
    ['g-ofwhich-list-swallows-business-fund', '上年结转结余 / 其中 list / then 用事业基金弥补收支差额, the year\'s'],
    ['g-ofwhich-list-swallows-year-items', '上年结转 and its 其中 list printed first, then the year\'s sources'],
  ])('carry-overs: %s (%s) hold as printed', async (dir) => {
    const d = await load(join('fixtures/layouts/carry-over', dir));
    expect(tableFindings(d).filter((f) => f.ruleId !== 'missing-table' && f.ruleId !== 'empty-table').map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`)).toEqual([]);
  });

  it('carry-overs: a part of 二、上年结转 changed is found against it, and 收入总计 still adds the heading once', async () => {
    const broke = async (dir: string, file: string, line: number, text: string) => {
      const to = tempDir();
      const lines = readFileSync(join('fixtures/layouts/carry-over', dir, file), 'utf8').split('\n');
      lines[line - 1] = text;
      writeFileSync(join(to, file), lines.join('\n'));
      return tableFindings(await load(to)).filter((f) => f.ruleId !== 'missing-table').map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.actual}≠${f.expected}`);
    };
    expect(await broke('worded', '表4-财政拨款收支总表.csv', 11, '一般公共预算拨款结转,3.00,,,,')).toEqual(['rollup 10:8 2.00≠3.00']);
    expect(await broke('after-subtotal', '表1-部门收支总表.csv', 11, '一般公共预算拨款,3.00,,')).toEqual(['rollup 10:8 2.00≠3.00']);
  });

  it('a 决算 form with 行次 columns and a 栏次 row: the line and column numbers are no amounts', async () => {
    const dir = 'fixtures/layouts/final-line-numbers';
    const file = '表1-收入支出决算总表.csv';
    const d = await load(dir);
    expect(d.tables.overview!.columns.map((c) => `${c.side}:${c.id}`)).toEqual(['income:total', 'expense:total']);
    expect(tableFindings(d).filter((f) => f.ruleId !== 'missing-table').map((f) => f.ruleId)).toEqual([]);
    const to = tempDir();
    writeFileSync(join(to, file), readFileSync(join(dir, file), 'utf8').replace('本年收入合计,3,105.00', '本年收入合计,3,106.00'));
    expect(tableFindings(await load(to)).filter((f) => f.ruleId !== 'missing-table').map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.actual}≠${f.expected}`)).toEqual([
      'column-total 8:10 106.00≠105.00',
      'column-total 11:6 107.00≠108.00',
    ]);
  });
});
