// One answer whatever --jobs: adversarial disclosures checked in this thread (--jobs 1) and on
// worker threads (--jobs 2) give byte-identical reports, standard error and exit codes. What
// once depended on a thread's stack (deep nesting in a manifest, a computation or a custom
// rule) is bounded explicitly, and worker threads get the main thread's stack size.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING, MAX_TABLE_ROWS } from '../src/load/limits.js';
import { writeWorkbook } from '../fixtures/xlsx/write-workbook.js';
import { tempDir } from './input-support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/budgetlint.js');
const T8 = join(ROOT, 'fixtures/kashgar-2022/t8-一般公共预算三公经费支出情况表.csv');

let root: string;
beforeAll(() => {
  // the CLI and its workers run from dist/bundle/
  spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'ignore' });
  root = tempDir();
  const put = (name: string, files: Record<string, string | Uint8Array>) => {
    mkdirSync(join(root, name));
    cpSync(T8, join(root, name, 't8.csv'));
    for (const [f, body] of Object.entries(files)) writeFileSync(join(root, name, f), body);
  };
  put('a-clean', {});
  put('b-deep-manifest-flow', { 'disclosure.yaml': `tables: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
  put('c-deep-manifest-block', { 'disclosure.yaml': Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n' });
  put('d-deep-parentheses', { '说明.txt': `一、概况\n项目名称：X\n预算安排规模：1万元\n资金分配情况：1元*${'（'.repeat(3000)}2${'）'.repeat(3000)}=2元。\n` });
  put('e-many-rows', { 'big.csv': '表三\n单位：万元\n科目编码,科目名称,合计\n' + '201,一般公共服务支出,1.00\n'.repeat(MAX_TABLE_ROWS + 10_000) });
  put('f-huge-exponent', { 'w.xlsx': writeWorkbook([{ name: 'S', rows: [['表八'], ['单位：万元'], ['合计', '公务接待费'], [{ n: '1e999999999' }, { n: '1' }]] }]) });
  put('g-long-number', { '说明.txt': `一、概况\n支出${'9'.repeat(5000)}万元。\n` });
}, 120_000);

function run(jobs: string, ...more: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', root, '--jobs', jobs, '-f', 'json', ...more], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('the same answer whatever --jobs', () => {
  it('reports, messages and exit codes are identical on one thread and on two', () => {
    const one = run('1');
    const two = run('2');
    expect(one.status).toBe(2);
    expect(two).toEqual(one);
    expect(one.err).not.toMatch(/^\s+at |internal error|内部错误/m);
    const report = JSON.parse(one.out) as { disclosures: Array<{ path: string; error?: { message: string }; findings: Array<{ ruleId: string }> }> };
    const by = Object.fromEntries(report.disclosures.map((d) => [d.path.split('/').pop()!, d]));
    expect(by['b-deep-manifest-flow']!.error!.message).toBe(`清单文件嵌套超过 ${MAX_NESTING} 层`);
    expect(by['c-deep-manifest-block']!.error!.message).toBe(`清单文件嵌套超过 ${MAX_NESTING} 层`);
    expect(by['d-deep-parentheses']!.findings.map((f) => f.ruleId)).toContain('input/too-deep');
    expect(by['e-many-rows']!.findings.map((f) => f.ruleId)).toContain('input/unreadable');
  });
});
