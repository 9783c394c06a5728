// Crafted text beside the Kashgar tables: each kind of figure checked against its table figure.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { readNarrative } from '../src/load/narrative/index.js';
import { runRules } from '../src/rules/engine.js';
import { NARRATIVE_RULES } from '../src/rules/index.js';
import type { CheckOptions } from '../src/rules/types.js';
import { runMain } from './helpers.js';

const OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };

async function check(text: string): Promise<Finding[]> {
  const d = await loadDisclosure('fixtures/kashgar-2022');
  d.narrative = readNarrative(text, 't.txt');
  return runRules(d, OPTIONS, NARRATIVE_RULES).filter((f) => f.location.file === 't.txt');
}

function brief(fs: Finding[]) {
  return fs.map((f) => ({ rule: f.ruleId, at: `${f.location.line}:${f.location.column}`, severity: f.severity, expected: f.expected, actual: f.actual, table: f.inputs?.[0]?.location?.file.replace(/^.*\//, '') }));
}

const TEXT = (v: Record<string, string> = {}) => `一、关于收支预算情况的总体说明
收支总预算 ${v.total ?? '3192.57'} 万元。
二、关于一般公共预算当年拨款情况说明
1.一般公共服务支出（类）${v.c201 ?? '1785.63'} 万元。
2.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）2022 年预算数为 ${v.item ?? '341.29'} 万元。
3.一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）及相关机构事务支出（项）2022 年预算数为 1344.34 万元，我单位本年该科目下安排了 ${v.scoped ?? '12'}个项目。
4.基本支出 ${v.basic ?? '407.66'} 万元，项目支出 2784.91 万元。
三、关于一般公共预算基本支出情况说明
人员经费 ${v.personnel ?? '280.87'} 万元，公用经费 126.79 万元。
四、关于“三公”经费预算情况说明
“三公”经费数为 60.58 万元，其中：因公出国（境）费 0.00 万元，公务用车购置 0.00 万元，公务用车运行费 ${v.vehicle ?? '51.56'} 万元，公务接待费 ${v.reception ?? '9.02'} 万元。
五、关于项目支出情况说明
我单位本年安排 ${v.count ?? '18'}个项目。
（一）项目名称：食堂采购与补助
预算安排规模：${v.canteen ?? '512.65'} 万元
资金分配情况：补助 ${v.canteen ?? '512.65'} 万元。
资金执行时间：2022 年 1月-2022 年 12 月
六、其他`;

describe('text against the tables', () => {
  it('agrees with the Kashgar tables figure for figure', async () => {
    // the crafted text describes one project of the 18: that count is the one finding
    expect(brief(await check(TEXT()))).toEqual([{ rule: 'narrative-count', at: '13:9', severity: 'error', expected: '1', actual: '18', table: undefined }]);
  });

  it('each figure that differs from its table figure, with the table figure as expected', async () => {
    const fs = await check(
      TEXT({ total: '3192.00', c201: '1785.00', item: '341.30', basic: '407.00', personnel: '280.00', vehicle: '51.00', reception: '9.58', canteen: '512.00' }),
    );
    expect(brief(fs)).toEqual([
      { rule: 'narrative-amount-vs-table', at: '2:7', severity: 'error', expected: '3192.57', actual: '3192.00', table: 't1-部门收支总体情况表.csv' },
      { rule: 'narrative-amount-vs-table', at: '4:14', severity: 'error', expected: '1785.63', actual: '1785.00', table: 't5-一般公共预算支出情况表.csv' },
      // 341.30 against 341.29: the two roundings touch, a 尾差
      { rule: 'narrative-amount-vs-table', at: '5:50', severity: 'warning', expected: '341.29', actual: '341.30', table: 't5-一般公共预算支出情况表.csv' },
      { rule: 'narrative-amount-vs-table', at: '7:8', severity: 'error', expected: '407.66', actual: '407.00', table: 't5-一般公共预算支出情况表.csv' },
      { rule: 'narrative-amount-vs-table', at: '9:6', severity: 'error', expected: '280.87', actual: '280.00', table: 't6-一般公共预算基本支出情况表.csv' },
      { rule: 'narrative-amount-vs-table', at: '11:62', severity: 'error', expected: '51.56', actual: '51.00', table: 't8-一般公共预算三公经费支出情况表.csv' },
      { rule: 'narrative-amount-vs-table', at: '11:77', severity: 'error', expected: '9.02', actual: '9.58', table: 't8-一般公共预算三公经费支出情况表.csv' },
      { rule: 'narrative-count', at: '13:9', severity: 'error', expected: '1', actual: '18', table: undefined },
      { rule: 'narrative-amount-vs-table', at: '15:8', severity: 'error', expected: '512.65', actual: '512.00', table: 't7-一般公共预算项目支出情况表.csv' },
    ]);
  });

  it('a figure named by its classification code', async () => {
    const fs = await check(TEXT().replace('六、其他', '六、其他\n其中：2010301 行政运行 341.39 万元。'));
    expect(brief(fs).filter((f) => f.rule === 'narrative-amount-vs-table')).toEqual([
      { rule: 'narrative-amount-vs-table', at: '19:17', severity: 'error', expected: '341.29', actual: '341.39', table: 't3-部门支出总体情况表.csv' },
    ]);
  });

  it('the projects under one 项 against 表七', async () => {
    expect(brief(await check(TEXT({ scoped: '11' })))).toEqual([
      { rule: 'narrative-count', at: '6:89', severity: 'error', expected: '12', actual: '11', table: undefined },
      { rule: 'narrative-count', at: '13:9', severity: 'error', expected: '1', actual: '18', table: undefined },
    ]);
  });

  it('安排 N 个项目 against the rows of 表七 and the projects described', async () => {
    // the text describes one project (食堂) and says 18: the described count differs, 表七 agrees
    expect(brief(await check(TEXT({ count: '17' })))).toEqual([
      { rule: 'narrative-count', at: '13:9', severity: 'error', expected: '1', actual: '17', table: undefined },
      { rule: 'narrative-count', at: '13:9', severity: 'error', expected: '18', actual: '17', table: undefined },
    ]);
  });
});

describe('loading the text', () => {
  it('a directory of text only is checked; a second text file is named and left out', async () => {
    const d = await loadDisclosure('fixtures/narrative/two-texts');
    expect(d.narrative?.file).toBe('fixtures/narrative/two-texts/a-说明.txt');
    expect(d.issues.map((i) => [i.code, i.severity, i.loc.file])).toEqual([['second-narrative', 'warning', 'fixtures/narrative/two-texts/b-说明.md']]);
    const fs = runRules(d, OPTIONS, NARRATIVE_RULES);
    expect(brief(fs)).toEqual([
      { rule: 'narrative-share', at: '2:65', severity: 'error', expected: '40.00', actual: '39.00', table: 'a-说明.txt' },
      { rule: 'input/second-narrative', at: '1:1', severity: 'warning', expected: undefined, actual: undefined, table: undefined },
    ]);
  });

  it('a text file given directly', async () => {
    const d = await loadDisclosure('fixtures/narrative/two-texts/b-说明.md');
    expect(d.source).toBe('file');
    expect(d.narrative?.amounts.map((a) => [a.fig.raw, a.key, a.fig.loc.line, a.fig.loc.column])).toEqual([['1.00万元', 'grandTotal', 3, 7]]);
  });
});

describe('budgetlint check on a text', () => {
  const run = runMain;

  it('the reference text alone: exit 1 on its errors; --strict makes the 尾差 errors; --verbose adds the coverage', async () => {
    const plain = await run('check', 'fixtures/reference/kashgar-2022.txt', '--no-color');
    expect(plain.code).toBe(1);
    expect(plain.out).toContain('检查了 1 份公开材料：26 个问题（10 个错误，8 个警告，8 个提示）');
    expect(plain.out).not.toContain('已作为说法检查');
    const strict = await run('check', 'fixtures/reference/kashgar-2022.txt', '--no-color', '--strict');
    expect(strict.out).toContain('检查了 1 份公开材料：26 个问题（18 个错误，0 个警告，8 个提示）');
    const verbose = await run('check', 'fixtures/reference/kashgar-2022.txt', '--no-color', '--verbose');
    expect(verbose.out).toContain('  说明中 409 个数字已作为说法检查，415 个未纳入：');
  });

  it('--approx-tolerance widens what 约 allows', async () => {
    // 便民服务站建设: 549.26 against 约 530 is 3.6% off
    const r = await run('check', 'fixtures/reference/kashgar-2022.txt', '--no-color', '--approx-tolerance', '0.04');
    expect(r.out).toContain('检查了 1 份公开材料：25 个问题（9 个错误，8 个警告，8 个提示）');
  });
});
