// Batch runs: path expansion, the worker pool, the progress bar, and a 200-disclosure run that
// must come out byte-identical on one thread and on several.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { autoJobs, checkBatch, defaultJobs } from '../src/batch/index.js';
import { main } from '../src/cli.js';
import { comparePaths, expandPaths, globMatches } from '../src/batch/expand.js';
import { runPool } from '../src/batch/pool.js';
import { ProgressBar, displayWidth, progressLine } from '../src/batch/progress.js';
import { fromWire, toWire, type Checked, type Request } from '../src/batch/request.js';
import { parse } from 'csv-parse/sync';
import { gridRows, parseCsvFast, type CsvRecordInfo } from '../src/load/grid.js';
import { ruleDocs } from '../src/report/docs-link.js';
import { jsonFormatter } from '../src/report/json.js';
import { textFormatter } from '../src/report/text.js';
import { summarize, type DisclosureResult } from '../src/report/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST_WORKER = pathToFileURL(join(ROOT, 'dist/batch/worker.js'));
const REQ: Request = { load: { maxFileBytes: 20 * 1024 * 1024 }, options: { strict: false, approxTolerance: new Decimal('0.005') } };
// as the command line reports: each finding with its rule's documentation
const REPORT = { lang: 'zh' as const, color: false, failOn: 'error' as const, verbose: false, docs: ruleDocs() };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'budgetlint-batch-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function touch(p: string, text = 'x\n'): void {
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
}

describe('expandPaths', () => {
  let r: string;
  beforeAll(() => {
    r = join(tmp, 'tree');
    touch(join(r, 'a/t1.csv'));
    touch(join(r, 'b/c/x.tsv'));
    touch(join(r, 'b/readme.md'));
    touch(join(r, 'd/disclosure.yaml'));
    mkdirSync(join(r, 'empty'), { recursive: true });
    touch(join(r, 'e/notes.md'));
    touch(join(r, 'n/notes.txt'));
    touch(join(r, 'n/sub/t.csv'));
    touch(join(r, 't/情况说明.txt'));
    touch(join(r, '.hidden/t.csv'));
    touch(join(r, 'node_modules/m/t.csv'));
    mkdirSync(join(r, 'loop'), { recursive: true });
    symlinkSync(r, join(r, 'loop/up'));
  });

  it('finds disclosure directories under a parent, skipping hidden ones, node_modules and links back up', () => {
    // n holds a text but a disclosure lies below it; t holds only a text
    expect(expandPaths([r])).toEqual({ paths: [join(r, 'a'), join(r, 'b/c'), join(r, 'd'), join(r, 'n/sub'), join(r, 't')], unmatched: [], invalid: [], leftOut: [] });
  });

  it('takes a disclosure directory or a file as it is, and passes on what holds nothing so the loader reports it', () => {
    expect(expandPaths([join(r, 'b/c')]).paths).toEqual([join(r, 'b/c')]);
    expect(expandPaths([join(r, 'a/t1.csv')]).paths).toEqual([join(r, 'a/t1.csv')]);
    expect(expandPaths([join(r, 'empty'), join(r, 'missing')]).paths).toEqual([join(r, 'empty'), join(r, 'missing')]);
  });

  it('matches globs (*, **, braces) and keeps only directories with disclosures and table files', () => {
    expect(expandPaths([`${r}/*`])).toEqual({ paths: [join(r, 'a'), join(r, 'b/c'), join(r, 'd'), join(r, 'n/sub'), join(r, 't')], unmatched: [], invalid: [], leftOut: [] });
    expect(expandPaths([`${r}/**/*.tsv`]).paths).toEqual([join(r, 'b/c/x.tsv')]);
    expect(expandPaths([`${r}/{d,a}`]).paths).toEqual([join(r, 'a'), join(r, 'd')]);
    expect(expandPaths([`${r}/[!a]/c`]).paths).toEqual([join(r, 'b/c')]);
    expect(expandPaths([`${r}/zz*`, `${r}/a`])).toEqual({ paths: [join(r, 'a')], unmatched: [`${r}/zz*`], invalid: [], leftOut: [] });
    expect(expandPaths([`${r}/a`, `${r}/[a]`])).toEqual({ paths: [join(r, 'a')], unmatched: [], invalid: [], leftOut: [] });
    expect(expandPaths([`${r}/e*`])).toEqual({ paths: [], unmatched: [`${r}/e*`], invalid: [], leftOut: [] });
  });

  it('lists each disclosure once, in path order whatever the argument order', () => {
    expect(expandPaths([join(r, 'd'), join(r, 'a') + '/', r, join(r, 'a')]).paths).toEqual([join(r, 'a'), join(r, 'b/c'), join(r, 'd'), join(r, 'n/sub'), join(r, 't')]);
    expect(expandPaths([join(r, 'loop/up/a'), join(r, 'a')]).paths).toEqual([join(r, 'a')]);
    expect(['b/a', 'a-b/x', 'a/b', 'a'].sort(comparePaths)).toEqual(['a', 'a/b', 'a-b/x', 'b/a']);
  });

  it('matches braces (nested too), classes and ? without crossing "/"', () => {
    const r = join(tmp, 'globs');
    touch(join(r, 'g/x/a/y/t.csv'));
    touch(join(r, 'g/x/b1/y/t.csv'));
    touch(join(r, 'g/x/b3/y/t.csv'));
    expect(globMatches(`${r}/g/x/{a,b{1,2}}/y`)).toEqual([join(r, 'g/x/a/y'), join(r, 'g/x/b1/y')]);
    for (const n of ['t1-a.csv', 't1-x.csv', 't12-a.csv', 't1-a.csv.bak']) touch(join(r, 'g/m', n));
    expect(globMatches(`${r}/g/m/t?-[!x]*.csv`)).toEqual([join(r, 'g/m/t1-a.csv')]);
    expect(globMatches(`${r}/g/*/t?-a.csv`)).toEqual([join(r, 'g/m/t1-a.csv')]);
  });
});

describe('progress bar', () => {
  it('draws a bar, a count and the path, fitted to the terminal by display width', () => {
    expect(progressLine(45, 100, 80, 'region/x')).toBe('[#########-----------]  45/100  45%  region/x');
    const line = progressLine(1, 3, 40, '区域/普陀区/2025/商务委员会');
    expect(line).toBe('[######--------------] 1/3  33%  …员会');
    expect(displayWidth(line)).toBeLessThanOrEqual(39);
    expect(progressLine(3, 3, 20, 'x')).toBe('[####################] 3/3 100%');
  });

  it('redraws at most every interval, always the last step, and erases itself', () => {
    const writes: string[] = [];
    let t = 0;
    const bar = new ProgressBar({ write: (s) => (writes.push(s), true), columns: 60 }, 100, () => t);
    bar.update(1, 3, 'a');
    t = 50;
    bar.update(2, 3, 'b');
    t = 60;
    bar.update(3, 3, 'c');
    bar.clear();
    expect(writes).toEqual([
      '\r[######--------------] 1/3  33%  a\x1b[K',
      '\r[####################] 3/3 100%  c\x1b[K',
      '\r\x1b[K',
    ]);
  });
});

describe('worker pool', () => {
  const fake = () => {
    const file = join(tmp, 'fake-worker.mjs');
    writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (batch) => {
  for (const job of batch) {
    if (job.path === 'exit') process.exit(3);
    if (job.path === 'throw') throw new Error('boom');
    parentPort.postMessage({ i: job.i, result: { path: job.path, findings: [] } });
  }
});
parentPort.postMessage('ready');
`,
    );
    return pathToFileURL(file);
  };

  it('blames a crashed or throwing worker on its disclosure alone and carries on with the rest', async () => {
    const paths = ['p0', 'exit', 'p2', 'throw', 'p4', 'p5', 'exit', 'p7'];
    const done: Array<[number, string]> = [];
    const crashed: Array<[number, string]> = [];
    await runPool(paths, toWire(REQ)!, { jobs: 2, workerUrl: fake() }, (i, c: Checked) => done.push([i, c.result.path]), (i, e) => crashed.push([i, e]));
    expect(done.sort((a, b) => a[0] - b[0])).toEqual([[0, 'p0'], [2, 'p2'], [4, 'p4'], [5, 'p5'], [7, 'p7']]);
    expect(crashed.sort((a, b) => a[0] - b[0])).toEqual([[1, 'worker stopped (exit code 3)'], [3, 'boom'], [6, 'worker stopped (exit code 3)']]);
  });

  it('falls back to this thread when no worker can start', async () => {
    const bad = join(tmp, 'bad-worker.mjs');
    writeFileSync(bad, 'throw new Error("cannot start");\n');
    const args = ['fixtures/kashgar-2022', 'fixtures/putuo-2025'];
    const poolErrors: string[] = [];
    const pooled = await checkBatch(args, REQ, { jobs: 2, workerUrl: pathToFileURL(bad), onPoolError: (m) => poolErrors.push(m) });
    expect(poolErrors).toEqual(['cannot start']);
    expect(pooled).toEqual(await checkBatch(args, REQ, { jobs: 1 }));
    expect(pooled.map((r) => r.path)).toEqual(args);
  });

  it('reports an internal error for its disclosure alone, with the stack for --debug, and checks the rest', async () => {
    const boom = { meta: { id: 'boom' }, check: (ctx: { disclosure: { path: string } }) => {
      if (ctx.disclosure.path.endsWith('putuo')) throw new Error('rule failed');
      return [];
    } } as never;
    const dirs = [join(tmp, 'internal', 'kashgar'), join(tmp, 'internal', 'putuo')];
    copyTables(KASHGAR, dirs[0]!);
    copyTables(PUTUO, dirs[1]!);
    const stacks: string[] = [];
    // a rule the workers cannot rebuild: checked in this thread even with --jobs 2
    const results = await checkBatch(dirs, { ...REQ, rules: [boom] }, { jobs: 2, onInternalError: (p, st) => stacks.push(`${p} ${st.split('\n')[0]}`) });
    expect(results.map(({ read: _read, ...r }) => r)).toEqual([
      { path: dirs[0], findings: [] },
      {
        path: dirs[1],
        findings: [],
        fatal: {
          message: { zh: '内部错误：rule failed（可用 --debug 查看详情）', en: 'internal error: rule failed (run with --debug for details)' },
          file: dirs[1],
        },
      },
    ]);
    expect(stacks).toEqual([`${dirs[1]} Error: rule failed`]);
  });

  it('starts only as many threads as a batch pays for, unless told', () => {
    expect([autoJobs(1), autoJobs(49), autoJobs(50), autoJobs(10_000)]).toEqual([1, 1, Math.min(2, defaultJobs()), defaultJobs()]);
  });

  it('refuses a --jobs that is not a positive whole number', async () => {
    for (const bad of ['0', '-1', '2.5', 'many']) {
      let err = '';
      const sink = { isTTY: false, write: (s: string) => ((err += s), true) } as unknown as NodeJS.WriteStream;
      expect(await main(['check', 'fixtures/putuo-2025', '--jobs', bad], { out: sink, err: sink })).toBe(2);
      expect(err).toBe(`budgetlint: --jobs: "${bad}" is not a positive whole number\n`);
    }
  });

  it('does not send requests it cannot rebuild on the other side', () => {
    expect(toWire(REQ)).toEqual({ fields: { load: { maxFileBytes: 20 * 1024 * 1024 }, options: { strict: false, approxTolerance: { $dec: '0.005' } } } });
    const levels = { levels: { 'row-total': 'off' }, customRules: [{ id: 'x', sum: ['a'] }] } as unknown as Partial<Request>;
    expect(fromWire(toWire({ ...REQ, ...levels })!)).toEqual({ ...REQ, ...levels });
    expect(toWire({ ...REQ, rules: [{ meta: { id: 'custom' }, check: () => [] } as never] })).toBeUndefined();
  });
});

describe('CSV fast path', () => {
  const OPTIONS = { raw: true, info: true, relax_column_count: true, skip_empty_lines: false, bom: true } as const;
  // the rows csv-parse's records give, each field placed in its record's raw text
  const reference = (text: string, delimiter: string) => gridRows(parse(text, { ...OPTIONS, delimiter }) as unknown as CsvRecordInfo[], delimiter);

  it('reads every fixture table itself, exactly as csv-parse does', () => {
    const dirs = [KASHGAR, PUTUO];
    let files = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
        const text = readFileSync(join(dir, f), 'utf8');
        for (const variant of [text, text.replace(/\n/g, '\r\n'), '\ufeff' + text]) {
          expect(parseCsvFast(variant, ',')).toEqual(reference(variant, ','));
          files++;
        }
      }
    }
    expect(files).toBe(54);
  });

  it('agrees with csv-parse on random text, or leaves it to csv-parse', () => {
    let seed = 12345;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const alphabet = ['a', '1', ',', ',', '"', '"', '\n', '\r\n', '\r', ' ', '中', '\t', '\ufeff'];
    let fast = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const len = rand(24);
      for (let c = 0; c < len; c++) text += alphabet[rand(alphabet.length)];
      for (const delimiter of [',', '\t']) {
        const got = parseCsvFast(text, delimiter);
        if (!got) continue;
        fast++;
        expect(got, JSON.stringify(text)).toEqual(reference(text, delimiter));
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it('leaves stray and unclosed quotes and mixed line ends to csv-parse', () => {
    for (const t of ['a"b,c\n', '"a"b\n', '"abc\n', 'a\r\nb\nc', 'a\rb', ' "a"']) expect(parseCsvFast(t, ',')).toBeUndefined();
  });
});

// ---- 200 disclosures ----

const N = 200;
const KASHGAR = join(ROOT, 'fixtures/kashgar-2022');
const PUTUO = join(ROOT, 'fixtures/putuo-2025');
const CHANGED = 10; // 表七 便民服务站运行费 378.37 → 388.37
const NO_TABLE8 = 7; // 表八 (三公经费) left out
const MANIFEST = 13; // with a disclosure.yaml
const EMPTY = 42; // 表一 an empty file
const BAD_QUOTE = 99; // an unbalanced quote in 支出预算总表

function dirOf(root: string, i: number): string {
  return join(root, `region-${i % 4}`, '2025', `dept-${String(i).padStart(3, '0')}`);
}

function copyTables(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.csv')) copyFileSync(join(from, f), join(to, f));
}

function edit(dir: string, prefix: string, change: (text: string) => string): string {
  const f = readdirSync(dir).find((n) => n.startsWith(prefix))!;
  writeFileSync(join(dir, f), change(readFileSync(join(dir, f), 'utf8')));
  return join(dir, f);
}

function generate(root: string): void {
  for (let i = 0; i < N; i++) {
    const d = dirOf(root, i);
    copyTables(i % 2 === 0 ? KASHGAR : PUTUO, d);
    if (i === CHANGED) edit(d, 't7', (t) => t.replace('便民服务站运行费,378.37,', '便民服务站运行费,388.37,'));
    if (i === NO_TABLE8) rmSync(join(d, readdirSync(d).find((n) => n.startsWith('09'))!));
    if (i === MANIFEST) writeFileSync(join(d, 'disclosure.yaml'), 'department: 上海市普陀区商务委员会\nyear: 2025\n');
    if (i === EMPTY) edit(d, 't1', () => '');
    if (i === BAD_QUOTE) edit(d, '03', (t) => t.split('\n').map((l, n) => (n === 5 ? '"' + l : l)).join('\n'));
  }
}

/** Findings of a copy, with paths as they would read for the original. */
function asOriginal(findings: Finding[], from: string, to: string): unknown {
  return JSON.parse(JSON.stringify(findings).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1)));
}

/** Rebuilds dist/ (and its bundle) when any source is newer than its output: the workers and the CLI run from there. */
function ensureBuilt(): void {
  const stale = (dir: string): boolean =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).some((e) => {
      const rel = join(dir, e.name);
      if (e.isDirectory()) return stale(rel);
      if (!e.name.endsWith('.ts')) return false;
      try {
        return statSync(join(ROOT, rel)).mtimeMs > statSync(join(ROOT, 'dist', relative('src', rel)).replace(/\.ts$/, '.js')).mtimeMs;
      } catch {
        return true;
      }
    });
  if (stale('src')) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'ignore' });
}

describe(`a batch of ${N} disclosures`, () => {
  let root: string;
  let single: DisclosureResult[];
  let pooled: DisclosureResult[];
  const poolErrors: string[] = [];
  beforeAll(async () => {
    ensureBuilt();
    root = join(tmp, 'batch');
    generate(root);
    single = await checkBatch([root], REQ, { jobs: 1 });
    pooled = await checkBatch([root], REQ, { jobs: 2, workerUrl: DIST_WORKER, onPoolError: (m) => poolErrors.push(m) });
  }, 120_000);

  it('comes out identical on two threads and on one: results, JSON and text', () => {
    expect(poolErrors).toEqual([]);
    expect(pooled).toEqual(single);
    const summary = summarize(single);
    expect(jsonFormatter.format(pooled, summary, REPORT)).toBe(jsonFormatter.format(single, summary, REPORT));
    expect(textFormatter.format(pooled, summary, REPORT)).toBe(textFormatter.format(single, summary, REPORT));
  });

  it('lists every disclosure in path order and counts them', () => {
    const expected = Array.from({ length: N }, (_, i) => dirOf(root, i)).sort(comparePaths);
    expect(single.map((r) => r.path)).toEqual(expected);
    expect(expected[0]).toBe(dirOf(root, 0));
    expect(expected[1]).toBe(dirOf(root, 4));
    // the two broken disclosures are still checked: an input/unreadable error for the file that
    // could not be read, and the rest (Kashgar's 5 warnings and a missing 表一; Putuo's missing 支出预算总表)
    expect(summarize(single)).toEqual({ disclosures: 200, errors: 3 + 2, warnings: 98 * 5 + 3 + 1 + (5 + 1) + 1, infos: 0, failed: 0 });
  });

  it('reports the broken disclosures and checks all the others', async () => {
    const byDir = new Map(single.map((r) => [r.path, r]));
    const empty = byDir.get(dirOf(root, EMPTY))!;
    expect(empty.fatal).toBeUndefined();
    const unreadable = (r: DisclosureResult) => r.findings.filter((f) => f.ruleId === 'input/unreadable').map((f) => [f.severity, f.location.file, f.location.line, f.message.zh]);
    expect(unreadable(empty)).toEqual([['error', join(dirOf(root, EMPTY), 't1-部门收支总体情况表.csv'), 1, '文件为空']]);
    expect(empty.findings.filter((f) => f.ruleId === 'missing-table').map((f) => f.location.table)).toEqual(['T1']);
    const quote = byDir.get(dirOf(root, BAD_QUOTE))!;
    expect(quote.fatal).toBeUndefined();
    expect(unreadable(quote).map((u) => u.slice(0, 3))).toEqual([['error', join(dirOf(root, BAD_QUOTE), '03-支出预算总表.csv'), 6]]);
    expect(quote.findings.filter((f) => f.ruleId === 'missing-table').map((f) => f.location.table)).toEqual(['T3']);

    // the copies hold the tables only, and so do these
    const base = { kashgar: join(tmp, 'base', 'kashgar'), putuo: join(tmp, 'base', 'putuo') };
    copyTables(KASHGAR, base.kashgar);
    copyTables(PUTUO, base.putuo);
    const [kashgar] = await checkBatch([base.kashgar], REQ, { jobs: 1 });
    const [putuo] = await checkBatch([base.putuo], REQ, { jobs: 1 });
    expect(kashgar!.findings.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning', 'warning', 'warning']);
    expect(putuo!.findings).toEqual([]);
    for (let i = 0; i < N; i++) {
      if ([CHANGED, NO_TABLE8, EMPTY, BAD_QUOTE].includes(i)) continue;
      const r = byDir.get(dirOf(root, i))!;
      expect(r.fatal).toBeUndefined();
      expect(asOriginal(r.findings, dirOf(root, i), i % 2 === 0 ? base.kashgar : base.putuo)).toEqual(i % 2 === 0 ? kashgar!.findings : putuo!.findings);
    }

    const changed = byDir.get(dirOf(root, CHANGED))!.findings.filter((f) => f.severity === 'error');
    expect(changed.map((f) => [f.ruleId, relative(dirOf(root, CHANGED), f.location.file), f.location.line, f.location.column, f.expected, f.actual])).toEqual([
      ['project-agreement', 't5-一般公共预算支出情况表.csv', 15, 26, '982.33', '972.32'],
      ['rollup', 't7-一般公共预算项目支出情况表.csv', 23, 13, '982.33', '972.32'],
      ['row-total', 't7-一般公共预算项目支出情况表.csv', 25, 27, '378.37', '388.37'],
    ]);
    const noTable8 = byDir.get(dirOf(root, NO_TABLE8))!.findings;
    expect(noTable8.map((f) => [f.ruleId, f.severity, f.location.file, f.location.line, f.location.table])).toEqual([
      ['missing-table', 'warning', dirOf(root, NO_TABLE8), 0, 'T9'],
    ]);
  });

  it('takes rule levels, custom rules and column aliases from the configuration to the workers', async () => {
    const configured: Request = {
      ...REQ,
      load: { ...REQ.load, columnAliases: [{ key: 'total', pattern: /^合计$/ }] },
      levels: { 'row-total': 'off', 'column-total': 'error' },
      customRules: [{ id: 'local/cap', assert: 'T3.total.合计 <= 250', severity: 'warning' }],
    } as Request;
    const region = [join(root, 'region-{0,1}', '2025', 'dept-0[0-3]?')]; // 10 copies of each reference disclosure
    const one = await checkBatch(region, configured, { jobs: 1 });
    const two = await checkBatch(region, configured, { jobs: 2, workerUrl: DIST_WORKER, onPoolError: (m) => poolErrors.push(m) });
    expect(poolErrors).toEqual([]);
    expect(two).toEqual(one);
    const count = (id: string, severity?: string) =>
      one.reduce((n, r) => n + r.findings.filter((f) => f.ruleId === id && (!severity || f.severity === severity)).length, 0);
    expect(one.length).toBe(20);
    // unconfigured, each Kashgar copy has two row-total and one column-total warning
    expect([count('row-total'), count('column-total', 'error'), count('column-total', 'warning'), count('local/cap', 'warning'), count('local/cap')]).toEqual([0, 10, 0, 20, 20]);
  });

  it('runs the same from the command line on two threads: report, exit 2, errors on stderr and no progress bar off a terminal', () => {
    const glob = join(root, 'region-{3,2}', '*', '*');
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/budgetlint.js'), 'check', glob, '--jobs', '2', '-f', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    const part = single.filter((r) => r.path.startsWith(join(root, 'region-2')) || r.path.startsWith(join(root, 'region-3')));
    expect(part.length).toBe(N / 2);
    expect(cli.status).toBe(2);
    expect(cli.stdout).toBe(jsonFormatter.format(part, summarize(part), REPORT));
    expect(cli.stderr.split('\n')).toEqual([
      `budgetlint: ${join(dirOf(root, EMPTY), 't1-部门收支总体情况表.csv')}:1: 文件为空`,
      expect.stringMatching(new RegExp(`^budgetlint: ${join(dirOf(root, BAD_QUOTE), '03-支出预算总表.csv')}:6: `)),
      '',
    ]);
  }, 60_000);
});
