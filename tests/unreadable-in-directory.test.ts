// In a disclosure directory, a file that cannot be read is reported at that file and the other
// tables are still checked; the run exits 2 because not all of the input could be used.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers.js';

describe('an unreadable file inside a disclosure directory', () => {
  it('is an input/unreadable error at that file; the rest is checked; exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-partial-'));
    cpSync('fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv', join(dir, 't7.csv'));
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'quotes.csv'), '表八\n合计,"公务接待费\n1.00,2.00\n');
    const r = await runMain('check', dir, '--jobs', '1', '-f', 'json', '--no-config');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${join(dir, 'empty.csv')}:1: 文件为空\nbudgetlint: ${join(dir, 'quotes.csv')}:2: 引号未闭合：从此处开始的引号到文件末尾都没有结束\n`);
    const report = JSON.parse(r.out);
    const findings = report.disclosures[0].findings as Array<{ ruleId: string; severity: string; location: { file: string; line: number } }>;
    expect(findings.filter((f) => f.ruleId === 'input/unreadable').map((f) => [f.severity, f.location.file, f.location.line])).toEqual([
      ['error', join(dir, 'empty.csv'), 1],
      ['error', join(dir, 'quotes.csv'), 2],
    ]);
    // 表七 was still checked: its four 尾差 warnings are there
    expect(findings.filter((f) => f.location.file === join(dir, 't7.csv') && ['row-total', 'rollup', 'column-total'].includes(f.ruleId))).toHaveLength(4);
  });

  it('a file given alone that cannot be read is still the whole input: exit 2 with its message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-partial-'));
    writeFileSync(join(dir, 'empty.csv'), '');
    const r = await runMain('check', join(dir, 'empty.csv'), '--jobs', '1', '--no-config');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${join(dir, 'empty.csv')}: 文件为空\n`);
  });
});
