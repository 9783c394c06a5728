// Configuration files: discovery upwards from the working directory, validation that names the
// key, and each setting's effect on a check (levels, tolerances, unit type, aliases, fail level),
// always under the command-line flags.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigSchema } from '../src/config/schema.js';
import { ConfigError, configuredCheck, findConfig, readConfig, resolveConfig } from '../src/config/index.js';
import { applyLevels } from '../src/rules/engine.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { runMain as run } from './helpers.js';


const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, body: unknown): string {
  const file = join(tmp, rel);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

function findings(out: string): Array<{ ruleId: string; severity: string; location: { line: number } }> {
  return JSON.parse(out).disclosures.flatMap((d: { findings: unknown[] }) => d.findings);
}

/** The reference fixture's tables alone, so that these tests see only what the table rules find. */
const KASHGAR = join(tmp, 'kashgar-tables');
mkdirSync(KASHGAR);
for (const f of readdirSync('fixtures/kashgar-2022')) if (f.endsWith('.csv')) cpSync(join('fixtures/kashgar-2022', f), join(KASHGAR, f));

describe('discovery', () => {
  it('finds the nearest file from the working directory upwards, JSON before YAML in one directory', () => {
    const top = write('d/budgetlint.config.yaml', 'strict: true\n');
    mkdirSync(join(tmp, 'd/a/b/c'), { recursive: true });
    expect(findConfig(join(tmp, 'd/a/b/c'))).toBe(top);
    const mid = write('d/a/budgetlint.config.yml', 'strict: false\n');
    expect(findConfig(join(tmp, 'd/a/b/c'))).toBe(mid);
    const json = write('d/a/budgetlint.config.json', '{}');
    expect(findConfig(join(tmp, 'd/a/b'))).toBe(json);
    expect(findConfig(join(tmp, 'd'))).toBe(top);
  });

  it('--no-config uses none; --config names a file; a missing one is an error', async () => {
    expect(await resolveConfig(false, join(tmp, 'd/a'))).toBeUndefined();
    expect((await resolveConfig(undefined, join(tmp, 'd/a/b')))!.config).toEqual({});
    await expect(resolveConfig(join(tmp, 'nope.json'))).rejects.toThrow(ConfigError);
    const r = await run('check', KASHGAR, '--config', join(tmp, 'nope.json'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${join(tmp, 'nope.json')}: no such file\n`);
  });

  it('the command line finds the file from the working directory', async () => {
    write('w/budgetlint.config.json', { rules: { 'project-agreement': 'off', rollup: 'error' } });
    const before = process.cwd();
    process.chdir(join(tmp, 'w'));
    try {
      const r = await run('check', KASHGAR, '--format', 'json');
      expect(findings(r.out).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['row-total warning', 'rollup error', 'row-total warning', 'column-total warning']);
      expect(r.code).toBe(1);
      const none = await run('check', KASHGAR, '--format', 'json', '--no-config');
      expect(findings(none.out)).toHaveLength(5);
    } finally {
      process.chdir(before);
    }
  });
});

describe('budgetlint rules with a configuration', () => {
  it('lists the custom rules and each configured level', async () => {
    const cfg = write('rules-cmd.json', { rules: { rollup: 'off', 'local/cap': 'warning' }, customRules: [{ id: 'local/cap', assert: "T7['房屋租赁'].合计 <= 250", description: '房屋租赁上限' }] });
    const r = await run('rules', '--config', cfg);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines.find((l) => l.startsWith('rollup '))).toMatch(/^rollup +off +/);
    expect(lines.find((l) => l.startsWith('row-total '))).toMatch(/^row-total +error +/);
    expect(lines[lines.length - 1]).toBe(`${'local/cap'.padEnd(28)} ${'warning'.padEnd(8)} 房屋租赁上限`);
    expect((await run('rules', '--no-config')).out).not.toContain('local/cap');
    const bad = await run('rules', '--config', write('rules-bad.json', { rules: { rollup: 'of' } }));
    expect(bad.code).toBe(2);
  });
});

describe('validation: exit 2 with the file and the key', () => {
  const cases: Array<[string, string, string]> = [
    ['level.json', '{"rules":{"row-total":"fatal"}}', 'rules.row-total: Invalid option: expected one of "off"|"warning"|"error", got "fatal"'],
    ['unknown-rule.json', '{"rules":{"row-totl":"off"}}', 'rules.row-totl: unknown rule (did you mean row-total?) (see: budgetlint rules, or a customRules id)'],
    ['tolerance.json', '{"tolerances":{"absolute":"1 yuan"}}', 'tolerances.absolute: expected an amount in 万元 such as "0.01", or with a unit such as "1元", got "1 yuan"'],
    ['approx.json', '{"tolerances":{"approx":"-0.1"}}', 'tolerances.approx: expected a ratio such as "0.005", got "-0.1"'],
    ['key.json', '{"tolerances":{"abs":"1"}}', 'tolerances.abs: unknown key (expected one of: approx, absolute)'],
    ['top.json', '{"rule":{}}', 'rule: unknown key (expected one of: $schema, rules, only, disable, maxWarnings, docsUrl, tolerances, unitType, strict, failOn, aliases, customRules, layouts, layout, series, previous)'],
    ['unit.json', '{"unitType":"行政"}', 'unitType: Invalid option: expected one of "行政单位"|"事业单位"|"混合", got "行政"'],
    ['alias.json', '{"aliases":{"columns":{"rent":["租金"]}}}', 'aliases.columns.rent: unknown key (expected one of: total, yearIncome, yearExpense, carryIn, carryOut, fiscal, generalBudget, governmentFund, stateCapital, specialAccount, business, operating, upperSubsidy, subsidiaryRemit, other, businessFund, basic, project, reserve, operatingExpense, upperRemit, subsidiaryGrant, personnel, publicFunds, e301, e302, e303, e307, e309, e310, e311, e312, e313, e399, threePublic, abroad, vehicles, vehiclePurchase, vehicleOperation, reception, meeting, training, agencyOperation)'],
    ['alias2.json', '{"aliases":{"tables":{"overview":"部门收支表"}}}', 'aliases.tables.overview: Invalid input: expected array, received string'],
    ['id.json', '{"customRules":[{"id":"rent-cap","assert":"1 = 1"}]}', 'customRules[0].id: expected a namespaced rule id such as "local/rent-cap" (letters, digits, - and _, with at least one /)'],
    ['dup.json', '{"customRules":[{"id":"a/b","assert":"1 = 1"},{"id":"a/b","assert":"2 = 2"}]}', 'customRules[1].id: "a/b" is already used by another rule'],
    ['extra.json', '{"customRules":[{"id":"a/b","assert":"1 = 1","level":"x"}]}', 'customRules[0].level: unknown key (expected one of: id, assert, message, severity, description)'],
    ['strict.json', '{"strict":"yes"}', 'strict: Invalid input: expected boolean, received string'],
    ['syntax.json', '{"rules":{"a":"off",}', 'not valid JSON at line 1, column 21: Expected double-quoted property name'],
  ];
  for (const [name, body, message] of cases) {
    it(`${name}: ${message.slice(0, 60)}`, async () => {
      const file = write(`bad/${name}`, body);
      const r = await run('check', KASHGAR, '--config', file);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`budgetlint: ${file}: ${message}\n`);
    });
  }

  it('YAML syntax errors give the line and column', async () => {
    const file = write('bad/y.yaml', 'rules:\n  row-total: [off\n');
    const r = await run('check', KASHGAR, '--config', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^budgetlint: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML at line 3, column 1: `));
  });
});

describe('settings', () => {
  it('YAML and JSON say the same thing', async () => {
    const y = await readConfig(write('same/a.yaml', 'rules:\n  rollup: warning\ntolerances:\n  approx: "0.01"\n  absolute: 1元\nunitType: 事业单位\n'));
    const j = await readConfig(write('same/a.json', { rules: { rollup: 'warning' }, tolerances: { approx: 0.01, absolute: '1元' }, unitType: '事业单位' }));
    const cy = configuredCheck(y);
    const cj = configuredCheck(j);
    expect(cy.options.approxTolerance!.toString()).toBe('0.01');
    expect(cy.options.absTolerance!.toString()).toBe('0.0001');
    expect(cj.options.approxTolerance!.toString()).toBe('0.01');
    expect(cj.options.absTolerance!.toString()).toBe('0.0001');
    expect(cy.options.unitType).toBe('事业单位');
    expect(cy.levels).toEqual({ rollup: 'warning' });
    expect(cj.levels).toEqual(cy.levels);
  });

  it('levels: off drops, warning caps errors, error raises warnings and notes', () => {
    const f = (ruleId: string, severity: Finding['severity']): Finding => ({ ruleId, severity, message: { zh: '', en: '' }, location: { file: 'f', line: 1, column: 1 } });
    const out = applyLevels([f('a', 'error'), f('b', 'error'), f('b', 'info'), f('c', 'warning'), f('c', 'info'), f('d', 'error'), f('e', 'warning')], { a: 'off', b: 'warning', c: 'error' });
    expect(out.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['b warning', 'b info', 'c error', 'c error', 'd error', 'e warning']);
  });

  it('an absolute tolerance of 100 元 accepts the 0.01 万元 尾差; --abs-tolerance on the command line wins', async () => {
    const cfg = write('tol.json', { tolerances: { absolute: '100元' } });
    const r = await run('check', KASHGAR, '--config', cfg, '--format', 'json');
    expect(findings(r.out)).toEqual([]);
    const flag = await run('check', KASHGAR, '--config', cfg, '--format', 'json', '--abs-tolerance', '0');
    expect(findings(flag.out)).toHaveLength(5);
  });

  it('failOn and strict from the file; the flag wins', async () => {
    const cfg = write('fail.json', { failOn: 'warning' });
    expect((await run('check', KASHGAR, '--config', cfg)).code).toBe(1);
    expect((await run('check', KASHGAR, '--config', cfg, '--fail-on', 'error')).code).toBe(0);
    const strict = write('strict.json', { strict: true });
    const r = await run('check', KASHGAR, '--config', strict, '--format', 'json');
    expect(findings(r.out).map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error', 'error']);
  });

  it('unitType decides whether 机关运行经费 = 公用经费 or ≤; without one, only ≤ is checked', async () => {
    const dir = join(tmp, 'putuo');
    cpSync('fixtures/putuo-2025', dir, { recursive: true });
    const file = join(dir, '09-三公经费和机关运行经费预算表.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('1.00,,1.00,,,,171.01', '1.00,,1.00,,,,150.00'));
    const agency = (out: string) => findings(out).filter((f) => f.ruleId === 'agency-operation').map((f) => f.severity);
    // below 公用经费: holds as "≤" unless the unit is declared 行政单位
    expect(agency((await run('check', dir, '--format', 'json')).out)).toEqual([]);
    const inst = write('inst.json', { unitType: '事业单位' });
    expect(agency((await run('check', dir, '--config', inst, '--format', 'json')).out)).toEqual([]);
    expect(agency((await run('check', dir, '--config', inst, '--format', 'json', '--unit-type', '行政单位')).out)).toEqual(['error']);
    // above 公用经费: wrong whatever the unit type
    writeFileSync(file, text.replace('1.00,,1.00,,,,171.01', '1.00,,1.00,,,,190.00'));
    const over = (await run('check', dir, '--format', 'json')).out;
    expect(agency(over)).toEqual(['error']);
    expect(findings(over).find((f) => f.ruleId === 'agency-operation')!.message).toContain('未注明单位类型');
  });

  it('table-title and column aliases extend the built-in wording', async () => {
    const dir = join(tmp, 'renamed');
    cpSync(KASHGAR, dir, { recursive: true });
    const t6 = join(dir, 't6-一般公共预算基本支出情况表.csv');
    writeFileSync(
      t6,
      readFileSync(t6, 'utf8')
        .replace('一般公共预算基本支出情况表,,,,,', '本级日常运转支出明细,,,,,')
        .replace('表六,,,,,', ',,,,,')
        .replace('合计,人员经费,公用经费', '合计,人员经费,日常公用开支'),
    );
    const plain = await loadDisclosure(dir, { cwd: process.cwd() });
    expect(plain.tables.basicEconomic).toBeUndefined();
    const cfg = configuredCheck(await readConfig(write('alias.json', { aliases: { tables: { basicEconomic: ['本级日常运转支出明细'] }, columns: { publicFunds: ['日常公用开支'] } } })));
    const d = await loadDisclosure(dir, { cwd: process.cwd(), ...cfg.load });
    expect(d.tables.basicEconomic!.columns.map((c) => c.key)).toEqual(['total', 'personnel', 'publicFunds']);
    // with the aliases the renamed copy reads exactly as the original
    const original = await run('check', KASHGAR, '--format', 'json');
    const renamed = await run('check', dir, '--format', 'json', '--config', join(tmp, 'alias.json'));
    const strip = (out: string) => findings(out).map((f) => `${f.ruleId} ${f.severity} ${f.location.line}`);
    expect(strip(renamed.out)).toEqual(strip(original.out));
    expect(strip((await run('check', dir, '--format', 'json', '--no-config')).out)).not.toEqual(strip(original.out));
  });
});

describe('the configuration schema for editors, and the documented examples', () => {
  const generated = (() => {
    const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return { $schema, $id: 'budgetlint.config.schema.json', title: 'budgetlint configuration', ...rest };
  })();
  const file = 'schemas/budgetlint.config.schema.json';

  it('schemas/budgetlint.config.schema.json is the zod schema as JSON schema (UPDATE_SCHEMAS=1 rewrites it)', () => {
    const text = JSON.stringify(generated, null, 2) + '\n';
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  const examples = [
    ...[...readFileSync('docs/config.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => ['docs/config.md', m[1]!] as const),
    ...[...readFileSync('README.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => ['README.md', m[1]!] as const),
    ...[...readFileSync('docs/custom-rules.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => ['docs/custom-rules.md', m[1]!] as const),
  ];

  it('finds the examples', () => {
    expect(examples.map((e) => e[0])).toEqual(['docs/config.md', 'README.md', 'README.md', 'docs/custom-rules.md']);
  });

  for (const [i, [doc, text]] of examples.entries()) {
    it(`the JSON example in ${doc} is valid for the JSON schema and for budgetlint, and runs on the reference fixture`, async () => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
      expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ rules: { 'row-total': 'fatal' } })).toBe(false);
      const cfg = write(`examples/${i}.json`, text);
      const r = await run('check', KASHGAR, '--config', cfg, '--format', 'json');
      expect(r.err).toBe('');
      expect([0, 1]).toContain(r.code);
    });
  }

  it('the YAML example in docs/config.md reads the same as its JSON example where they overlap', async () => {
    const doc = readFileSync('docs/config.md', 'utf8');
    const yamlText = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const c = (await readConfig(write('examples/doc.yaml', yamlText))).config;
    expect(c.rules).toEqual({ 'empty-table': 'off', rollup: 'warning' });
    expect(c.tolerances!.absolute!.toString()).toBe('0.0001');
    expect(c.customRules![0]).toEqual({ id: 'local/rent-cap', assert: "T7['房屋租赁'].合计 <= 250" });
  });
});
