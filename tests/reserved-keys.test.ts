// Keys that name JavaScript's object machinery (__proto__, constructor) are data to nobody: a
// message template never fills them from inherited properties, and a configuration or manifest
// that holds one is warned about.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from '../src/core/findings.js';
import { reservedKeys } from '../src/core/reserved.js';
import { runCli, tempDir } from './input-support.js';

const T8 = 'fixtures/kashgar-2022/t8-一般公共预算三公经费支出情况表.csv';

describe('reserved keys', () => {
  it('a template is filled from own keys only', () => {
    expect(fill('{constructor} {toString} {__proto__} {actual}', { actual: '1.00' })).toBe('{constructor} {toString} {__proto__} 1.00');
  });

  it('finds them at any depth', () => {
    expect(reservedKeys(JSON.parse('{"a":{"__proto__":1},"b":[{"constructor":2}],"prototype":3}'))).toEqual(['a.__proto__', 'b[0].constructor', 'prototype']);
  });

  it('a custom rule message "{constructor}" prints as written, and a reserved key in the configuration is warned about', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({ rules: JSON.parse('{"__proto__": "off"}'), customRules: [{ id: 'local/x', assert: 'T8.公务接待费 >= 100', message: '{constructor}{actual}' }] }).replace('"rules":{}', '"rules":{"__proto__":"off"}'));
    const r = await runCli(['check', T8, '--jobs', '1', '-c', cfg, '-f', 'json']);
    expect(r.err).toBe(`budgetlint: ${cfg}: rules.__proto__: warning: a reserved name, ignored\n`);
    const f = JSON.parse(r.out).disclosures[0].findings.find((x: { ruleId: string }) => x.ruleId === 'local/x');
    expect(f.message).toBe('{constructor}9.02');
  });

  it('a reserved key in a manifest is a warning at its line', async () => {
    const dir = tempDir();
    cpSync(T8, join(dir, 't8.csv'));
    writeFileSync(join(dir, 'disclosure.yaml'), 'department: x\ntables:\n  constructor: overview\n');
    const r = await runCli(['check', dir, '--jobs', '1', '-f', 'json']);
    const f = JSON.parse(r.out).disclosures[0].findings.find((x: { ruleId: string }) => x.ruleId === 'input/reserved-key');
    expect(f).toMatchObject({ severity: 'warning', message: '清单文件中的键“tables.constructor”是保留名称，已忽略', location: { file: join(dir, 'disclosure.yaml'), line: 3 } });
  });
});
