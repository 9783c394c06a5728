// The CI recipes in the README, taken from the README itself: each is valid YAML, and each
// budgetlint command in it, run on the reference fixture, writes the file in the format that the
// recipe uploads or reports.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../src/cli.js';
import { RULES } from '../src/rules/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

class Sink {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-recipes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The reference fixture's tables alone: what the table rules find there is pinned below. */
const TABLES = join(tmp, 'kashgar-tables');
mkdirSync(TABLES);
for (const f of readdirSync('fixtures/kashgar-2022')) if (f.endsWith('.csv')) cpSync(join('fixtures/kashgar-2022', f), join(TABLES, f));

const README = readFileSync('README.md', 'utf8');
const section = README.slice(README.indexOf('## Using budgetlint in CI'), README.indexOf('\n## ', README.indexOf('## Using budgetlint in CI') + 1));

/** The fenced YAML block whose first line is "# <file>". */
function recipe(file: string): unknown {
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.startsWith(`# ${file}\n`));
  expect(block, `README recipe ${file}`).toBeDefined();
  return parseYaml(block!);
}

/**
 * Runs "npx budgetlint check …" with disclosures/ standing for `dir` and --output files put in
 * the temp directory; returns the exit code, the output and where each output file went.
 */
async function runRecipe(command: string, dir: string) {
  const m = /^npx budgetlint (.*)$/.exec(command.trim());
  expect(m, command).not.toBeNull();
  const args = m![1]!.split(/\s+/).map((a) => (a === 'disclosures/' ? dir : a));
  const o = args.indexOf('--output');
  let output: string | undefined;
  if (o >= 0) {
    output = join(tmp, args[o + 1]!);
    args[o + 1] = output;
  }
  // the committed baseline sits beside the disclosures
  const b = args.indexOf('--baseline');
  if (b >= 0) args[b + 1] = join(dir, '..', args[b + 1]!);
  const out = new Sink();
  const err = new Sink();
  const code = await main(args, { out: out as unknown as NodeJS.WriteStream, err: err as unknown as NodeJS.WriteStream });
  return { code, out: out.text, err: err.text, output };
}

/** A copy of the reference fixture with a figure changed so that an error (not a 尾差) is found. */
function broken(): string {
  const dir = join(tmp, 'broken');
  if (!existsSync(dir)) {
    cpSync(TABLES, dir, { recursive: true });
    const f = join(dir, 't8-一般公共预算三公经费支出情况表.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace('60.58,,51.56,,51.56,9.02', '60.58,,51.56,,51.56,19.02'));
  }
  return dir;
}

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}

describe('GitHub Actions recipe', () => {
  const wf = recipe('.github/workflows/budgetlint.yml') as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  const steps = Object.values(wf.jobs)[0]!.steps;
  const checks = steps.filter((s) => s.run?.includes('budgetlint check'));
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;

  it('may upload to code scanning, and uploads even when the check step fails', () => {
    expect(wf.permissions['security-events']).toBe('write');
    expect(upload).toBeDefined();
    expect(upload.if).toBe('always()');
    expect(checks).toHaveLength(2);
  });

  /** A repository of its own: the reference tables and the baseline written as the README says. */
  async function repository(name: string): Promise<string> {
    const root = join(tmp, name);
    const dir = join(root, 'disclosures');
    mkdirSync(root);
    cpSync(TABLES, dir, { recursive: true });
    const said = /`(npx budgetlint baseline disclosures\/ -o budgetlint-baseline\.json)`/.exec(section);
    expect(said, 'the README says how the baseline is written').not.toBeNull();
    const made = await runRecipe(said![1]!.replace('-o budgetlint-baseline.json', `-o ${join(root, 'budgetlint-baseline.json')}`), dir);
    expect(made.code).toBe(0);
    return dir;
  }

  it('its check step writes the SARIF file the upload step names, valid against the schema', async () => {
    const sarifStep = checks.find((s) => s.run!.includes('--format sarif'))!;
    expect(sarifStep.run).toContain('--baseline budgetlint-baseline.json');
    // without the baseline's findings: the five 尾差 warnings of the reference tables
    const r = await runRecipe(sarifStep.run!.replace(' --baseline budgetlint-baseline.json', ''), TABLES);
    expect(r.code).toBe(0);
    expect(r.output).toBe(join(tmp, String(upload.with!.sarif_file)));
    const log = JSON.parse(readFileSync(r.output!, 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('schemas/sarif-schema-2.1.0.json', 'utf8')));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(5);
    // with the baseline: nothing accepted is reported; a new error fails the step (exit 1) and is still written for the upload
    const repo = await repository('github');
    const accepted = await runRecipe(sarifStep.run!, repo);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(readFileSync(accepted.output!, 'utf8')).runs[0].results).toEqual([]);
    const f = join(repo, 't8-一般公共预算三公经费支出情况表.csv');
    writeFileSync(f, readFileSync(f, 'utf8').replace('60.58,,51.56,,51.56,9.02', '60.58,,51.56,,51.56,19.02'));
    const bad = await runRecipe(sarifStep.run!, repo);
    expect(bad.code).toBe(1);
    const results = JSON.parse(readFileSync(bad.output!, 'utf8')).runs[0].results as Array<{ ruleId: string; level: string }>;
    expect(results.map((x) => [x.ruleId, x.level])).toEqual([['row-total', 'error']]);
  });

  it('its annotation step prints one workflow command per finding', async () => {
    const step = checks.find((s) => s.run!.includes('--format github'))!;
    const r = await runRecipe(step.run!.replace(' --baseline budgetlint-baseline.json', ''), TABLES);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    const file = (n: string) => join(TABLES, n).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:/g, '%3A');
    for (const l of lines) expect(l).toMatch(new RegExp(`^::warning file=(${file('t5-')}|${file('t7-')})[^,]+\\.csv,line=\\d+,col=\\d+,title=budgetlint [a-z-]+::`));
  });
});

describe('GitLab CI recipe', () => {
  const job = Object.values(recipe('.gitlab-ci.yml') as Record<string, { script: string[]; artifacts: { when: string; reports: { junit: string } } }>)[0]!;

  it('writes the JUnit report that the job declares, with one testsuite and a testcase per rule', async () => {
    expect(job.artifacts.when).toBe('always');
    const command = job.script.find((s) => s.includes('budgetlint check'))!;
    const r = await runRecipe(command, broken());
    expect(r.code).toBe(1);
    expect(r.output).toBe(join(tmp, job.artifacts.reports.junit));
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) }).parse(readFileSync(r.output!, 'utf8'));
    expect(doc.testsuites.testsuite).toHaveLength(1);
    const cases = doc.testsuites.testsuite[0].testcase as Array<{ name: string; failure?: Array<{ type: string }> }>;
    expect(cases.map((c) => c.name)).toEqual(RULES.map((x) => x.meta.id));
    const failing = cases.filter((c) => c.failure).map((c) => c.name);
    // 表八 合计 60.58 ≠ 51.56 + 19.02
    expect(failing).toEqual(['row-total']);
  });
});

describe('pre-commit recipe', () => {
  const cfg = recipe('.pre-commit-config.yaml') as { repos: Array<{ repo: string; hooks: Array<{ id: string; entry: string; pass_filenames: boolean; files: string }> }> };
  const hook = cfg.repos[0]!.hooks[0]!;

  it('lets a commit through on the reference fixture (warnings only) and stops one with an error', async () => {
    expect(hook.pass_filenames).toBe(false);
    expect(new RegExp(hook.files).test('disclosures/t1-部门收支总体情况表.csv')).toBe(true);
    const ok = await runRecipe(hook.entry, TABLES);
    expect(ok.code).toBe(0);
    const bad = await runRecipe(hook.entry, broken());
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('错误');
  });

  it('the plain git hook runs the same command', () => {
    expect(section).toContain(`exec ${hook.entry}`);
  });
});
