// Reading a finding: every input with its unit and, from another file, that file's name; English
// throughout with --lang en; findings about the disclosure as a whole at the disclosure; a line per
// disclosure saying what was read and where the findings are.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers.js';
import { tempDir } from './input-support.js';

const KASHGAR = 'fixtures/kashgar-2022';

/** The reference tables without 表八 and 表九. */
function withoutTables(...drop: RegExp[]): string {
  const dir = tempDir();
  for (const f of readdirSync(KASHGAR)) if (/\.csv$/.test(f) && !drop.some((d) => d.test(f))) copyFileSync(join(KASHGAR, f), join(dir, f));
  return dir;
}

describe('a finding as the text report prints it', () => {
  it('lists each input with its unit, and the file of an input from another table', async () => {
    const r = await runMain('check', KASHGAR, '--no-config');
    const block = r.out.split('\n');
    const i = block.findIndex((l) => l.includes('project-agreement'));
    expect(block[i + 1]).toBe('          填报 972.32 万元，重算 972.33 万元，差额 -0.01 万元');
    expect(block[i + 2]).toContain('表七 2040299 其他公安支出 新建改建便民服务站屋顶改造项目 · 项目支出合计 63.96 万元 (t7-一般公共预算项目支出情况表.csv 24:34)');
    // an input of the finding's own file is named by its place alone
    const own = block.find((l) => l.includes('依据') && l.includes('工资福利支出 204.77'));
    expect(own).toContain('工资福利支出 204.77 万元 (22:22)');
    // a figure in 元 within a sum in 万元 says so
    expect(r.out).toContain('指导组组住宿费 116800 元 (2293:2)');
  });

  it('speaks English with --lang en: table names, units, one pair of parentheses', async () => {
    const r = await runMain('check', KASHGAR, '--no-config', '--lang', 'en');
    expect(r.out).toContain('fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv  Table 7, General public budget project expenditure');
    expect(r.out).toContain('stated 1244.94 10k yuan, recomputed 1244.95 10k yuan, difference -0.01 10k yuan');
    expect(r.out).toContain('capital expenditure is 1244.94 but the 3 classes add up to 1244.95 (difference -0.01; rounding difference)');
    expect(r.out).not.toContain(') (');
    expect(r.out).toContain('指导组组住宿费 116800 yuan (2293:2)');
    // the figures' own lines speak English; quotations of the document keep its words
    const figureLines = r.out.split('\n').filter((l) => /^ {10}(stated|from:)/.test(l));
    expect(figureLines.length).toBeGreaterThan(20);
    for (const l of figureLines) expect(l).not.toMatch(/\d 万元/);
  });

  it('closes each disclosure with what was read, the rules run and the findings by table', async () => {
    const zh = await runMain('check', KASHGAR, '--no-config');
    expect(zh.out).toContain('  读取 9 张表及说明，运行 30 条规则，2 项未能核对；问题分布：表五 1，表七 4，说明 25\n');
    const en = await runMain('check', KASHGAR, '--no-config', '--lang', 'en');
    expect(en.out).toContain('  read 9 tables and the text, ran 30 rules, 2 not checkable; findings by table: Table 5 1, Table 7 4, text 25\n');
  });
});

describe('a finding about the disclosure as a whole', () => {
  it('stands at the disclosure, first, in the layout\'s table order, in every format', async () => {
    const dir = withoutTables(/^t9-/, /^t8-/);
    const text = await runMain('check', dir, '--no-config');
    const lines = text.out.split('\n');
    expect(lines[0]).toBe(`${dir}  （公开材料整体）`);
    expect(lines[1]).toMatch(/^ {2}— {7}警告 {2}缺少表八一般公共预算“三公”经费支出情况表，依赖它的表间核对未执行 {2}missing-table$/);
    expect(lines[2]).toMatch(/^ {2}— {7}警告 {2}缺少表九政府性基金预算支出情况表/);

    const json = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    const missing = json.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'missing-table');
    expect(missing.map((f: { location: unknown }) => f.location)).toEqual([
      { file: dir, line: 0, column: 0, table: 'T8', tableName: '表八（一般公共预算“三公”经费支出情况表）' },
      { file: dir, line: 0, column: 0, table: 'T9', tableName: '表九（政府性基金预算支出情况表）' },
    ]);

    const sarif = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'sarif')).out);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'missing-table');
    expect(result.locations[0].physicalLocation.region).toBeUndefined();
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\//);

    const github = (await runMain('check', dir, '--no-config', '-f', 'github')).out;
    expect(github).toContain(`::warning file=${dir},title=budgetlint missing-table::缺少表八`);
  });
});
