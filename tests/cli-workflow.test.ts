// The daily workflow around a check: choosing rules, allowing warnings, accepting known findings
// with a baseline, starting a configuration, reading standard input, colours, links to the docs,
// and honest exits. Each through main(argv, io), as the command line runs it.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { readConfig } from '../src/config/index.js';
import { RULES } from '../src/rules/index.js';
import { runMain as run } from './helpers.js';
import { tempDir } from './input-support.js';

const KASHGAR = 'fixtures/kashgar-2022';
const ruleIds = (out: string) => [...new Set((JSON.parse(out).disclosures as Array<{ findings: Array<{ ruleId: string }> }>).flatMap((d) => d.findings.map((f) => f.ruleId)))].sort();

/** A copy of the reference disclosure to change. */
function copy(): string {
  const dir = join(tempDir(), 'kashgar');
  cpSync(KASHGAR, dir, { recursive: true });
  return dir;
}

describe('choosing rules', () => {
  it('--rule runs only the rules named, by id or glob, repeated or comma-separated', async () => {
    const all = ruleIds((await run('check', KASHGAR, '--no-config', '-f', 'json')).out);
    expect(all.length).toBeGreaterThan(5);
    const narrative = await run('check', KASHGAR, '--no-config', '-f', 'json', '--rule', 'narrative-*');
    expect(ruleIds(narrative.out)).toEqual(all.filter((id) => id.startsWith('narrative-')));
    const two = await run('check', KASHGAR, '--no-config', '-f', 'json', '--rule', 'rollup,row-total');
    expect(ruleIds(two.out)).toEqual(['rollup', 'row-total']);
    const repeated = await run('check', KASHGAR, '--no-config', '-f', 'json', '--rule', 'rollup', '--rule', 'row-total');
    expect(repeated.out).toBe(two.out);
    // the rules that did not run are not said to have run
    expect(JSON.parse(two.out).disclosures[0].read.rules).toEqual(['row-total', 'rollup']);
  });

  it('--disable leaves rules out; the exit code follows what is left', async () => {
    const r = await run('check', KASHGAR, '--no-config', '-f', 'json', '--disable', 'narrative-*', '--disable', 'breakdown-*,performance-*');
    expect(ruleIds(r.out)).toEqual(['column-total', 'project-agreement', 'rollup', 'row-total']);
    expect(r.code).toBe(0); // only 尾差 warnings are left
  });

  it('a rule that does not exist is exit 2 with the closest ids', async () => {
    const r = await run('check', KASHGAR, '--no-config', '--rule', 'rolup');
    expect(r).toEqual({ code: 2, out: '', err: 'budgetlint: --rule/--disable: no rule matches "rolup"; did you mean rollup? (see: budgetlint rules)\n' });
    const g = await run('check', KASHGAR, '--no-config', '--disable', 'narative-*');
    expect(g.code).toBe(2);
    expect(g.err).toMatch(/^budgetlint: --rule\/--disable: no rule matches "narative-\*"; did you mean narrative-/);
  });

  it('the configuration says the same with only and disable, and the command line wins', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'budgetlint.config.json');
    writeFileSync(cfg, JSON.stringify({ only: ['row-total', 'rollup'], disable: ['rollup'] }));
    expect(ruleIds((await run('check', KASHGAR, '-c', cfg, '-f', 'json')).out)).toEqual(['row-total']);
    expect(ruleIds((await run('check', KASHGAR, '-c', cfg, '-f', 'json', '--rule', 'column-total')).out)).toEqual(['column-total']);
    writeFileSync(cfg, JSON.stringify({ only: ['row-totals'] }));
    const bad = await run('check', KASHGAR, '-c', cfg);
    expect(bad).toEqual({ code: 2, out: '', err: `budgetlint: ${cfg}: only[0]: no rule matches "row-totals"; did you mean row-total? (see: budgetlint rules)\n` });
  });
});

describe('--max-warnings', () => {
  it('exit 1 when the warnings are more than allowed, 0 when within', async () => {
    const only = ['--no-config', '--rule', 'row-total,rollup,column-total,project-agreement']; // 5 warnings, no error
    expect((await run('check', KASHGAR, ...only)).code).toBe(0);
    expect((await run('check', KASHGAR, ...only, '--max-warnings', '5')).code).toBe(0);
    const over = await run('check', KASHGAR, ...only, '--max-warnings', '4');
    expect(over.code).toBe(1);
    expect(over.err).toBe('budgetlint: 警告 5 个，超过 --max-warnings 4\n');
    expect((await run('check', KASHGAR, ...only, '--max-warnings', 'x')).err).toBe('budgetlint: --max-warnings: "x" is not a whole number\n');
  });
});

describe('a baseline', () => {
  it('records the findings; check --baseline reports only new ones, how many it left out and how many are gone', async () => {
    const dir = copy();
    const base = join(dir, '..', 'budgetlint-baseline.json');
    const made = await run('baseline', dir, '-o', base, '--no-config');
    expect(made.code).toBe(0);
    expect(made.err).toBe(`budgetlint: 已将 1 份公开材料的 30 个问题记入 ${base}\n`);
    const entries = JSON.parse(readFileSync(base, 'utf8')).findings as Array<{ disclosure: string; count?: number }>;
    expect(entries.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(30);
    expect(new Set(entries.map((e) => e.disclosure))).toEqual(new Set(['kashgar'])); // relative to the baseline file

    const clean = await run('check', dir, '--no-config', '--baseline', base);
    expect(clean.code).toBe(0);
    expect(clean.out).toBe('检查了 1 份公开材料：0 个问题（0 个错误，0 个警告，0 个提示）\n基线：已略去 30 个已记录的问题；基线中有 0 个问题已不再出现\n');

    // lines move (a blank line before the text, an empty row before a table's header), and one figure changes elsewhere
    const text = join(dir, '情况说明.txt');
    writeFileSync(text, `\n\n${readFileSync(text, 'utf8')}`);
    const t5 = join(dir, 't5-一般公共预算支出情况表.csv');
    const lines = readFileSync(t5, 'utf8').split('\n');
    lines.splice(3, 0, ',,,,,,');
    writeFileSync(t5, lines.join('\n'));
    const t8 = join(dir, 't8-一般公共预算三公经费支出情况表.csv');
    writeFileSync(t8, readFileSync(t8, 'utf8').replace('60.58,,51.56,,51.56,9.02', '60.58,,51.56,,51.56,9.12'));
    const after = await run('check', dir, '--no-config', '--baseline', base, '-f', 'json');
    expect(after.code).toBe(1);
    const json = JSON.parse(after.out);
    const found = json.disclosures[0].findings.map((f: { ruleId: string; location: { table?: string }; actual?: string; expected?: string }) => [f.ruleId, f.location.table ?? '', f.actual, f.expected]);
    expect(found).toEqual([
      ['row-total', 'T8', '60.58', '60.68'],
      ['narrative-amount-vs-table', '', '9.02', '9.12'],
    ]);
    expect(json.summary.baseline).toEqual({ suppressed: 30, fixed: 0 });

    // the text removed: its findings are counted as gone
    rmSync(text);
    const fixed = JSON.parse((await run('check', dir, '--no-config', '--baseline', base, '-f', 'json')).out);
    expect(fixed.summary.baseline).toEqual({ suppressed: 5, fixed: 25 });
  });

  it('a baseline file that is not one is exit 2, naming it', async () => {
    const dir = tempDir();
    const f = join(dir, 'b.json');
    writeFileSync(f, '{"findings": []}');
    const r = await run('check', KASHGAR, '--no-config', '--baseline', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^budgetlint: --baseline: .*b\.json: not a budgetlint baseline/);
    expect((await run('check', KASHGAR, '--no-config', '--baseline', join(dir, 'none.json'))).err).toMatch(/^budgetlint: --baseline: cannot read ".*none\.json": ENOENT\n$/);
  });
});

describe('budgetlint init', () => {
  it('writes a commented configuration with the layout and unit type found, which validates, and never overwrites one', async () => {
    const dir = tempDir();
    cpSync(KASHGAR, join(dir, 'a'), { recursive: true });
    cpSync('fixtures/real/putuo-commerce-2025/flat', join(dir, 'b'), { recursive: true });
    const r = await run('init', dir);
    expect(r.code).toBe(0);
    const file = join(dir, 'budgetlint.config.yaml');
    expect(r.out).toMatch(/^已写入 .*budgetlint\.config\.yaml：2 份公开材料，版式 (national \(1\), shanghai-district \(1\)|shanghai-district \(1\), national \(1\))\n$/);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# 2 disclosure(s) found; layouts detected: ');
    expect(text).toMatch(/^# layout: /m);
    expect(text).toContain('failOn: error');
    const loaded = await readConfig(file);
    expect(loaded.config.failOn).toBe('error');
    const again = await run('init', dir);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^budgetlint: init: .*budgetlint\.config\.yaml already exists \(--force replaces it\)\n$/);
    expect((await run('init', dir, '--force')).code).toBe(0);
  });

  it('names the unit type a text states', async () => {
    const { unitTypeOf } = await import('../src/commands/init.js');
    expect(unitTypeOf('一、部门职责……本单位为财政全额拨款行政单位，内设科室 5 个。')).toBe('行政单位');
    expect(unitTypeOf('单位性质：公益一类事业单位。')).toBe('事业单位');
    expect(unitTypeOf('本部门下属行政单位 1 个、事业单位 2 个。')).toBeUndefined();
  });
});

describe('links to the documentation', () => {
  it('each finding links its rule: a docs URL in JSON, helpUri in SARIF, the installed pages by default', async () => {
    const page = pathToFileURL(resolve('docs/rules/row-total.md')).href;
    const json = JSON.parse((await run('check', KASHGAR, '--no-config', '-f', 'json')).out);
    const f = json.disclosures[0].findings.find((x: { ruleId: string }) => x.ruleId === 'row-total');
    expect(f.docs).toBe(page);
    expect(readFileSync(new URL(f.docs), 'utf8')).toMatch(/^# `row-total`/m);
    const sarif = JSON.parse((await run('check', KASHGAR, '--no-config', '-f', 'sarif')).out);
    expect(sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'row-total').helpUri).toBe(page);
    expect((await run('check', KASHGAR, '--no-config')).out).toContain('规则说明：budgetlint explain <规则>\n');
  });

  it('a configured docsUrl serves a team that hosts the docs', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'budgetlint.config.json');
    writeFileSync(cfg, JSON.stringify({ docsUrl: 'https://docs.example.org/budgetlint/{rule}.html' }));
    const json = JSON.parse((await run('check', KASHGAR, '-c', cfg, '-f', 'json')).out);
    expect(json.disclosures[0].findings[0].docs).toBe(`https://docs.example.org/budgetlint/${json.disclosures[0].findings[0].ruleId}.html`);
    writeFileSync(cfg, JSON.stringify({ docsUrl: 'https://docs.example.org/' }));
    expect((await run('check', KASHGAR, '-c', cfg)).err).toContain('docsUrl: expected a URL with {rule}');
  });

  it('rules --format json lists every rule for tooling', async () => {
    const r = await run('rules', '--format', 'json', '--no-config');
    const doc = JSON.parse(r.out);
    expect(doc.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    expect(doc.rules[0]).toMatchObject({ id: 'row-total', level: 'error', defaultSeverity: 'error', docs: pathToFileURL(resolve('docs/rules/row-total.md')).href });
  });
});

describe('the configuration file used is named', () => {
  it('in the text summary, in JSON, in SARIF', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'budgetlint.config.json');
    writeFileSync(cfg, '{"failOn": "error"}');
    expect((await run('check', KASHGAR, '-c', cfg)).out).toContain(`配置文件: ${cfg}\n`);
    expect(JSON.parse((await run('check', KASHGAR, '-c', cfg, '-f', 'json')).out).configuration).toBe(cfg);
    expect(JSON.parse((await run('check', KASHGAR, '-c', cfg, '-f', 'sarif')).out).runs[0].properties).toEqual({ configuration: cfg });
    expect((await run('check', KASHGAR, '--no-config')).out).not.toContain('配置文件');
  });
});

describe('honest exits and streams', () => {
  it('no arguments: usage on standard error, exit 2; check with no path: exit 2', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.out).toBe('');
    expect(none.err).toMatch(/^Usage: budgetlint \[options\] \[command\]/);
    const noPath = await run('check');
    expect(noPath.code).toBe(2);
    expect(noPath.err).toContain("error: missing required argument 'paths'");
  });

  it('--help gives examples, the exit codes and where the docs are; --version the version', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('Examples:\n  budgetlint check 部门预算/');
    expect(help.out).toContain('Exit codes: 0 no finding at or above --fail-on');
    expect(help.out).toContain('Docs: budgetlint explain <rule>');
    const v = await run('--version');
    expect(v).toEqual({ code: 0, out: '0.1.0\n', err: '' });
  });

  it('--color forces colours into a pipe, as FORCE_COLOR does; --no-color and NO_COLOR turn them off', async () => {
    const esc = /\u001b\[/;
    expect((await run('check', KASHGAR, '--no-config')).out).not.toMatch(esc);
    expect((await run('check', KASHGAR, '--no-config', '--color')).out).toMatch(esc);
    const saved = { ...process.env };
    try {
      process.env.FORCE_COLOR = '1';
      delete process.env.NO_COLOR;
      expect((await run('check', KASHGAR, '--no-config')).out).toMatch(esc);
      expect((await run('check', KASHGAR, '--no-config', '--no-color')).out).not.toMatch(esc);
      process.env.NO_COLOR = '1';
      delete process.env.FORCE_COLOR;
      expect((await run('check', KASHGAR, '--no-config', '--color')).out).toMatch(esc);
    } finally {
      process.env = saved;
    }
  });

  it('- reads one table or one text from standard input, shown as -', async () => {
    const viaStdin = async (text: string, ...args: string[]) => {
      let out = '';
      let err = '';
      const io = {
        out: new Writable({ write: (c, _e, cb) => ((out += String(c)), cb()) }),
        err: new Writable({ write: (c, _e, cb) => ((err += String(c)), cb()) }),
        in: Readable.from([Buffer.from(text)]),
      };
      const code = await main(['check', '-', '--no-config', ...args], io as never);
      return { code, out, err };
    };
    const t8 = '表八\n一般公共预算“三公”经费支出情况表\n单位：万元\n合计,因公出国（境）费,公务用车购置及运行费,公务接待费\n6.00,1.00,2.00,3.00\n';
    expect(await viaStdin(t8)).toEqual({ code: 0, out: '检查了 1 份公开材料：0 个问题（0 个错误，0 个警告，0 个提示）\n', err: '' });
    const wrong = await viaStdin(t8.replace('6.00,', '7.00,'), '-f', 'json');
    expect(wrong.code).toBe(1);
    const d = JSON.parse(wrong.out).disclosures[0];
    expect(d.path).toBe('-');
    expect(d.findings[0]).toMatchObject({ ruleId: 'row-total', location: { file: '-', line: 5, column: 1 }, actual: '7.00', expected: '6.00' });
    // a text is read as the 情况说明
    const text = await viaStdin('三公经费 6.00 万元，其中：公务接待费 3.00 万元，因公出国（境）费 1.00 万元，公务用车购置及运行费 2.00 万元。\n', '-f', 'json');
    expect(JSON.parse(text.out).disclosures[0]).toMatchObject({ path: '-', findings: [] });
    // a whole 情况说明 (its figures with ASCII thousands separators, tables as lines of figures) is
    // the text too, not a table of one column with a finding on every line
    const whole = await viaStdin(readFileSync('fixtures/kashgar-2022/情况说明.txt', 'utf8'), '-f', 'json');
    const file = await run('check', 'fixtures/kashgar-2022/情况说明.txt', '--no-config', '-f', 'json');
    const ids = (out: string) => (JSON.parse(out).disclosures[0].findings as Array<{ ruleId: string; location: { line: number } }>).map((f) => `${f.ruleId}@${f.location.line}`);
    expect(ids(whole.out)).toEqual(ids(file.out));
    expect(ids(whole.out).length).toBeGreaterThan(20);
  });

  it('--abs-tolerance takes the forms the configuration takes', async () => {
    const only = ['--no-config', '--rule', 'row-total,rollup,column-total,project-agreement', '--strict', '-f', 'json'];
    const count = async (...a: string[]) => JSON.parse((await run('check', KASHGAR, ...only, ...a)).out).summary.errors;
    expect(await count()).toBe(5);
    expect(await count('--abs-tolerance', '0.01')).toBe(0);
    expect(await count('--abs-tolerance', '100元')).toBe(0);
    expect(await count('--abs-tolerance', '0.01万元')).toBe(0);
    expect(await count('--abs-tolerance', '99元')).toBe(5);
    const bad = await run('check', KASHGAR, '--no-config', '--abs-tolerance', '1美元');
    expect(bad).toEqual({ code: 2, out: '', err: 'budgetlint: --abs-tolerance: "1美元" is not an amount such as 0.01 (万元), 1元 or 0.01万元\n' });
  });
});
