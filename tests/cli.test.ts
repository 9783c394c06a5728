// The command line as users meet it: exit codes, languages, formats.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from './helpers.js';


describe('budgetlint check', () => {
  it('exits 0 on the clean Putuo tables', async () => {
    const r = await run('check', 'fixtures/putuo-2025');
    expect(r.code).toBe(0);
    expect(r.out).toContain('检查了 1 份公开材料：0 个问题');
  });

  it('reports 尾差 as warnings (exit 0) and fails on them with --fail-on warning or --strict', async () => {
    const plain = await run('check', 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv');
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('警告');
    expect(plain.out).toContain('填报 1244.94 万元，重算 1244.95 万元，差额 -0.01 万元');
    expect((await run('check', '--fail-on', 'warning', 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv')).code).toBe(1);
    const strict = await run('check', '--strict', 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('4 个问题（4 个错误，0 个警告，0 个提示）');
  });

  it('speaks English with --lang en', async () => {
    const r = await run('check', '--lang', 'en', 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv');
    expect(r.out).toContain('stated 1244.94 10k yuan, recomputed 1244.95 10k yuan, difference -0.01 10k yuan');
    expect(r.out).toContain('checked 1 disclosure: 4 problems (0 errors, 4 warnings, 0 info)');
  });

  it('prints the documented JSON shape with amounts as decimal strings', async () => {
    const r = await run('check', '--format', 'json', 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv');
    const json = JSON.parse(r.out);
    expect(json.schemaVersion).toBe(1);
    expect(json.summary).toEqual({ disclosures: 1, errors: 0, warnings: 4, infos: 0, failed: 0 });
    const f = json.disclosures[0].findings.find((x: { ruleId: string }) => x.ruleId === 'column-total');
    expect(f).toMatchObject({
      ruleId: 'column-total',
      severity: 'warning',
      location: { file: 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv', line: 33, column: 34, table: 'T7', row: '合计', col: '资本性支出' },
      expected: '1244.95',
      actual: '1244.94',
      difference: '-0.01',
      unit: '万元',
    });
  });

  it('exits 2 when the input cannot be used, naming the path', async () => {
    const r = await run('check', 'fixtures/does-not-exist');
    expect(r.code).toBe(2);
    expect(r.err).toContain('fixtures/does-not-exist: 路径不存在');
  });

  it('exits 2 on a bad command line', async () => {
    expect((await run('check', '--fail-on', 'sometimes', 'fixtures/putuo-2025')).code).toBe(2);
    expect((await run('check')).code).toBe(2);
    expect((await run('check', '--abs-tolerance', 'x', 'fixtures/putuo-2025')).code).toBe(2);
  });
});

describe('budgetlint rules / explain', () => {
  it('lists the rules and explains one', async () => {
    const list = await run('rules');
    expect(list.out).toContain('row-total');
    expect(list.out).toContain('three-public-limits');
    const doc = await run('explain', 'rollup', '--lang', 'en');
    expect(doc.code).toBe(0);
    expect(doc.out).toContain('Roll-ups');
    expect((await run('explain', 'no-such-rule')).code).toBe(2);
    // the page installed with the package, wherever that is
    expect(doc.out).toContain(`See ${resolve('docs/rules/rollup.md')}`);
  });

  it('explains a custom rule from the configuration that defines it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-explain-'));
    const config = join(dir, 'budgetlint.config.json');
    writeFileSync(config, JSON.stringify({ customRules: [{ id: 'local/rent-cap', assert: "T7['房屋租赁'].合计 <= 250" }] }));
    const r = await run('explain', 'local/rent-cap', '--config', config);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe("local/rent-cap — 自定义规则：T7['房屋租赁'].合计 <= 250");
    expect((await run('explain', 'local/rent-cap', '--no-config')).code).toBe(2);
  });
});
