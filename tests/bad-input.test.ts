// The corpus of broken inputs under fixtures/bad/: each case's expected.json gives the exit
// code and either the one message (naming the file and line) or every finding. The CLI runs
// in-process through main(), once as text (stderr and exit code) and once as JSON (findings).
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { runCli, tempDir } from './input-support.js';

const BAD = 'fixtures/bad';

interface Expected {
  description: string;
  args: string[];
  exit: number;
  setup?: 'symlink-out' | 'manifest-symlink-out';
  error?: { where: string; message: string };
  findings: Array<{ ruleId: string; severity: string; at: string; message?: string }>;
}

function prepare(name: string, exp: Expected): string {
  const dir = join(BAD, name);
  if (!exp.setup) return dir;
  const tmp = tempDir();
  const disclosure = join(tmp, 'disclosure');
  mkdirSync(disclosure);
  cpSync(join(dir, 'input'), disclosure, { recursive: true });
  if (exp.setup === 'symlink-out') {
    cpSync('fixtures/kashgar-2022/t1-部门收支总体情况表.csv', join(tmp, 'outside.csv'));
    symlinkSync(join('..', 'outside.csv'), join(disclosure, 'evil.csv'));
  } else {
    writeFileSync(join(tmp, 'outside.yaml'), 'department: 别处\n');
    symlinkSync(join('..', 'outside.yaml'), join(disclosure, 'disclosure.yaml'));
  }
  return disclosure;
}

const cases = readdirSync(BAD).filter((n) => statSync(join(BAD, n)).isDirectory()).sort();

describe('broken inputs get a clear message and the documented exit code', () => {
  it('has every case the input rules promise', () => {
    expect(cases).toEqual([
      'bad-manifest-key',
      'binary-file',
      'corrupt-xlsx',
      'duplicate-tables',
      'empty-dir',
      'empty-file',
      'file-too-large',
      'long-number',
      'manifest-escape',
      'manifest-symlink-out',
      'missing-table',
      'non-numeric',
      'nonexistent-path',
      'old-xls',
      'ragged-rows',
      'symlink-out',
      'unbalanced-quotes',
      'unknown-table',
      'xlsx-huge-exponent',
      'xlsx-repeated-merges',
      'xlsx-sheet-listed-100-times',
      'zip-bomb-declared',
    ]);
  });

  for (const name of cases) {
    const exp = JSON.parse(readFileSync(join(BAD, name, 'expected.json'), 'utf8')) as Expected;
    it(`${name}: ${exp.description}`, async () => {
      const where = prepare(name, exp);
      const fill = (s: string) => s.replaceAll('{case}', where);
      const args = ['check', ...exp.args.map(fill), '--jobs', '1'];

      const text = await runCli(args);
      expect(text.code).toBe(exp.exit);
      expect(text.err).toBe(exp.error ? `budgetlint: ${fill(exp.error.where)}: ${exp.error.message}\n` : '');
      expect(text.err + text.out).not.toMatch(/^\s+at /m); // never a stack trace

      const json = await runCli([...args, '-f', 'json']);
      expect(json.code).toBe(exp.exit);
      const report = JSON.parse(json.out) as {
        disclosures: Array<{ error?: { message: string; file: string; line: number | null; column?: number | null }; findings: Array<{ ruleId: string; severity: string; message: string; location: { file: string; line: number; column: number } }> }>;
      };
      const d = report.disclosures[0]!;
      if (exp.error) {
        expect(`${d.error!.file}${d.error!.line === null ? '' : `:${d.error!.line}`}${d.error!.column == null ? '' : `:${d.error!.column}`}`).toBe(fill(exp.error.where));
        expect(d.error!.message).toBe(exp.error.message);
      } else {
        expect(d.error).toBeUndefined();
      }
      // a finding's message is pinned where it is this case's point; other rules' wording is theirs
      expect(
        d.findings.map((f, i) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          at: `${f.location.file}:${f.location.line}:${f.location.column}`,
          ...(exp.findings[i]?.message === undefined ? {} : { message: f.message }),
        })),
      ).toEqual(exp.findings.map((f) => ({ ...f, at: fill(f.at), ...(f.message === undefined ? {} : { message: fill(f.message) }) })));
    });
  }
});

describe('budgetlint never writes to its inputs', () => {
  function snapshot(root: string): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const n of readdirSync(dir).sort()) {
        const p = join(dir, n);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else out[p] = `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${st.mtimeMs} ${st.mode}`;
      }
    };
    walk(root);
    return out;
  }

  it('refuses an --output that would overwrite an input, and leaves it as it was', async () => {
    const dir = tempDir();
    cpSync('fixtures/kashgar-2022/t8-一般公共预算三公经费支出情况表.csv', join(dir, 't8.csv'));
    const before = readFileSync(join(dir, 't8.csv'));
    for (const [target, arg] of [[join(dir, 't8.csv'), dir], [join(dir, 't8.csv'), join(dir, 't8.csv')], [join(dir, 'disclosure.json'), dir]] as const) {
      const r = await runCli(['check', arg, '--jobs', '1', '-f', 'json', '-o', target]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`budgetlint: --output: "${target}" would overwrite an input; budgetlint never writes to its inputs\n`);
    }
    expect(readFileSync(join(dir, 't8.csv'))).toEqual(before);
    expect(readdirSync(dir)).toEqual(['t8.csv']);
    // a report beside the tables, under another name, is fine
    const ok = await runCli(['check', dir, '--jobs', '1', '-f', 'json', '-o', join(dir, 'report.json')]);
    expect(ok.err).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['report.json', 't8.csv']);
  });

  it('leaves every file of the fixtures byte-for-byte and time-for-time as it was', async () => {
    const before = snapshot('fixtures');
    expect(Object.keys(before).length).toBeGreaterThan(40);
    await runCli(['check', 'fixtures/kashgar-2022', 'fixtures/putuo-2025', '--jobs', '1']);
    for (const name of cases) {
      const exp = JSON.parse(readFileSync(join(BAD, name, 'expected.json'), 'utf8')) as Expected;
      if (exp.setup) continue;
      await runCli(['check', ...exp.args.map((a) => a.replaceAll('{case}', join(BAD, name))), '--jobs', '1']);
    }
    expect(snapshot('fixtures')).toEqual(before);
  });
});
