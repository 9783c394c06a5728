#!/usr/bin/env node
// Benchmarks the built CLI (run `npm run build` first) as ratios against anchors it runs itself on
// the same machine in the same minutes, so that the figures hold however fast or busy it is:
//   cold      `budgetlint check` of the reference disclosure (fixtures/kashgar-2022), start-up
//             included, with its 情况说明 text and tables only, against `node -e 0`;
//   warm      one disclosure in a warm process (load + rules + root causes), tables only and with
//             the text, against a bare csv-parse pass (read and parse) over the same nine CSV files;
//   batch     1,000 disclosures (copies of the two reference disclosures, tables only) with
//             --jobs 1 and --jobs 2, against one Node process csv-parsing all their files;
//   rows      表三 + 表五 of 3,000, 30,000 and 100,000 rows each, against Miller (mlr) summing the
//             same files by code (when mlr is installed);
//   memory    5,000 and 20,000 disclosures reported with --format json: peak resident memory.
// Each figure is several samples, taken in turn with its anchor (A B A B …), each sample's ratio
// to the anchor of its turn; the table gives the median ratio and the spread (min–max).
// Usage: node scripts/bench.mjs [--runs 9] [--n 1000] [--big 20000] [--skip-memory] [--pdf] [--limits]
//   --pdf: also the published PDFs of fixtures/pdf/; --limits: also the largest inputs accepted
//   (both in scripts/bench-inputs.mjs); --pdf-only / --limits-only: that part alone.
// Writes nothing into the repository: the generated disclosures go to the system temp directory
// (as hard links to the fixtures where the file system allows).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { limitsSection, pdfSection } from './bench-inputs.mjs';
import { codedRows } from './big-tables.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/budgetlint.js');
const FIXTURES = ['fixtures/kashgar-2022', 'fixtures/putuo-2025'].map((f) => join(ROOT, f));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number.parseInt(process.argv[i + 1] ?? '', 10);
  if (!Number.isSafeInteger(v) || v < 1) {
    process.stderr.write(`bench: --${name} needs a positive whole number\n`);
    process.exit(2);
  }
  return v;
}
const flag = (name) => process.argv.includes(`--${name}`);

const RUNS = arg('runs', 9);
const N = arg('n', 1000);
const BIG = arg('big', 20_000);
const JOBS = 2;

if (!existsSync(join(ROOT, 'dist/cli.js'))) {
  process.stderr.write('bench: dist/ is missing; run "npm run build" first\n');
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-bench-'));
// the compiled code the command line caches (README: start-up) goes with the rest into the temp
// directory, unless BUDGETLINT_COMPILE_CACHE says otherwise; each measurement's first, untimed run
// writes it, as a user's first run does
process.env.BUDGETLINT_COMPILE_CACHE ??= join(tmp, 'compile-cache');
// The child reports its own CPU time (all threads) and peak resident memory on exit.
const PRELOAD = join(tmp, 'usage.mjs');
writeFileSync(
  PRELOAD,
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const c = process.cpuUsage(); writeSync(2, `\\nBENCH_CPU_US ${c.user + c.system}\\nBENCH_RSS_KB ${process.resourceUsage().maxRSS}\\n`); });\n",
);

/** One run of a command: wall ms, and with `usage` the child's CPU ms and peak memory (MB). */
function run(cmd, args, { usage = false, ok = [0, 1] } = {}) {
  const argv = usage ? ['--import', pathToFileURL(PRELOAD).href, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const cpu = Number(/BENCH_CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  const rss = Number(/BENCH_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { wall, cpu, rss };
}
const node = (args, opts) => run(process.execPath, args, opts);
/** The built CLI, as limitsSection and pdfSection want it. */
const timed = (args) => node([BIN, ...args], { usage: true });

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), min: s[0], max: s[s.length - 1] };
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const spread = (st, d = 2) => `${fmt(st.median, d)} (${fmt(st.min, d)}–${fmt(st.max, d)})`;

/** `runs` turns of A then B (after one of each not counted): each side's wall times and the ratios A/B. */
function pairs(a, b, runs = RUNS) {
  a();
  b();
  const as = [];
  const bs = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const x = a();
    const y = b();
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { a: stats(as), b: stats(bs), ratio: stats(ratios) };
}

/** A directory of links to (else copies of) `files`. */
function linkAll(files, to) {
  mkdirSync(to, { recursive: true });
  for (const f of files) {
    const dest = join(to, f.slice(f.lastIndexOf('/') + 1));
    try {
      linkSync(f, dest);
    } catch {
      copyFileSync(f, dest);
    }
  }
}

const tablesOf = (dir) => readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f));

/** `n` disclosures, tables only, alternately the two reference disclosures, in directories of a thousand. */
function generate(dir, n) {
  const sources = FIXTURES.map(tablesOf);
  for (let i = 0; i < n; i++) linkAll(sources[i % sources.length], join(dir, `region-${String(Math.floor(i / 1000)).padStart(2, '0')}`, `dept-${String(i).padStart(5, '0')}`));
}

// A warm process: the check of one disclosure and the csv-parse pass, in turns of `reps` each, CPU
// time per disclosure (the check's whole work: load, rules, root causes).
const WARM = join(tmp, 'warm.mjs');
writeFileSync(
  WARM,
  `import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const [dist, target, turns, reps] = process.argv.slice(2);
const { parse } = createRequire(join(dist, '../package.json'))('csv-parse/sync');
const { checkPath } = await import(join(dist, 'check.js'));
const req = { load: { cwd: target }, options: { strict: false } };
const csvs = readdirSync(target).filter((f) => f.endsWith('.csv')).sort().map((f) => join(target, f));
const bare = () => { let n = 0; for (const f of csvs) n += parse(readFileSync(f, 'utf8'), { relax_column_count: true }).length; return n; };
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (let i = 0; i < 3 * Number(reps); i++) { await checkPath(target, req); bare(); }
const out = [];
for (let t = 0; t < Number(turns); t++) {
  let t0 = cpu();
  for (let i = 0; i < Number(reps); i++) await checkPath(target, req);
  const check = (cpu() - t0) / Number(reps);
  t0 = cpu();
  for (let i = 0; i < Number(reps); i++) bare();
  const csv = (cpu() - t0) / Number(reps);
  out.push([check, csv]);
}
process.stdout.write(JSON.stringify(out));
`,
);

function warm(target) {
  const out = execFileSync(process.execPath, [WARM, join(ROOT, 'dist'), target, String(RUNS), '20'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const turns = JSON.parse(out);
  return { a: stats(turns.map((t) => t[0])), b: stats(turns.map((t) => t[1])), ratio: stats(turns.map((t) => t[0] / t[1])) };
}

// The anchor of a batch: one process reading and csv-parsing every table file of the batch.
const BARE_BATCH = join(tmp, 'bare-batch.mjs');
writeFileSync(
  BARE_BATCH,
  `import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const [root, dir] = process.argv.slice(2);
const { parse } = createRequire(join(root, 'package.json'))('csv-parse/sync');
let rows = 0;
const walk = (d) => { for (const e of readdirSync(d, { withFileTypes: true })) { const p = join(d, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.csv')) rows += parse(readFileSync(p, 'utf8'), { relax_column_count: true }).length; } };
walk(dir);
`,
);

/** 表三 and 表五 of about `n` rows each (whole classes of ten 款 of twenty 项, every sum right). */
function bigTables(dir, n) {
  mkdirSync(dir, { recursive: true });
  const lines = codedRows(n);
  const files = [];
  for (const f of ['t3-部门支出总体情况表.csv', 't5-一般公共预算支出情况表.csv']) {
    const head = readFileSync(join(FIXTURES[0], f), 'utf8').split('\n').slice(0, 6).join('\n') + '\n';
    writeFileSync(join(dir, f), head + lines.join('\n') + '\n');
    files.push(join(dir, f));
  }
  return files;
}

function hasMlr() {
  return spawnSync('mlr', ['--version'], { stdio: 'ignore' }).status === 0;
}

function machine() {
  return `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

const table = [];
const notes = [];
/** A row of the table: what, the measured side and its anchor (medians), ratio median (spread), target. */
function row(what, measured, anchor, r, target, met) {
  table.push({ what, measured, anchor, ratio: r, target, met });
  process.stderr.write(`bench: ${what}: ${r} (target ${target})\n`);
}

try {
  if (flag('pdf-only') || flag('limits-only')) {
    const out = [`budgetlint benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, `machine: ${machine()}`, ''];
    if (flag('pdf-only')) out.push(...(await pdfSection(ROOT, RUNS, timed)));
    if (flag('limits-only')) out.push(...(await limitsSection(ROOT, FIXTURES, timed, tmp)));
    process.stdout.write(out.join('\n') + '\n');
    process.exit(0);
  }
  const started = machine();
  const bare = () => node(['-e', '0']).wall;
  const tablesDir = join(tmp, 'kashgar-tables');
  linkAll(tablesOf(FIXTURES[0]), tablesDir);

  // cold
  {
    const p = pairs(() => node([BIN, 'check', FIXTURES[0], '-q']).wall, bare);
    row('cold: check of kashgar-2022 with its text, start-up included', `${fmt(p.a.median)} ms`, `node -e 0: ${fmt(p.b.median)} ms`, spread(p.ratio), '≤ 2.5', p.ratio.median <= 2.5);
    const q = pairs(() => node([BIN, 'check', tablesDir, '-q']).wall, bare);
    row('cold: check of kashgar-2022 tables only, start-up included', `${fmt(q.a.median)} ms`, `node -e 0: ${fmt(q.b.median)} ms`, spread(q.ratio), '≤ 2', q.ratio.median <= 2);
  }
  // warm
  {
    const t = warm(tablesDir);
    row('warm: one disclosure, tables only (CPU per disclosure)', `${fmt(t.a.median, 2)} ms`, `csv-parse of its 9 files: ${fmt(t.b.median, 2)} ms`, spread(t.ratio), '≤ 2', t.ratio.median <= 2);
    const withText = join(tmp, 'kashgar');
    linkAll(readdirSync(FIXTURES[0]).map((f) => join(FIXTURES[0], f)), withText);
    const w = warm(withText);
    row('warm: one disclosure with its text (CPU per disclosure)', `${fmt(w.a.median, 2)} ms`, `csv-parse of its 9 files: ${fmt(w.b.median, 2)} ms`, spread(w.ratio), '≤ 4', w.ratio.median <= 4);
  }
  // batch
  {
    const data = join(tmp, 'batch');
    // in two halves, so that the machine's own parallel capacity can be measured on them
    generate(join(data, 'a'), Math.ceil(N / 2));
    generate(join(data, 'b'), Math.floor(N / 2));
    const batch = (jobs) => node([BIN, 'check', data, '--jobs', String(jobs), '-q', '-f', 'json']).wall;
    const anchor = () => node([BARE_BATCH, ROOT, data]).wall;
    const runs = Math.max(3, Math.ceil(RUNS / 3));
    const one = pairs(() => batch(1), anchor, runs);
    const two = pairs(() => batch(JOBS), anchor, runs);
    const rate = (ms) => (N / ms) * 1000;
    row(`batch: ${N} disclosures, tables only, --jobs 1`, `${fmt(rate(one.a.median))}/s`, `csv-parse of their files, one process: ${fmt(rate(one.b.median))}/s`, spread(one.ratio), '–', null);
    row(`batch: ${N} disclosures, tables only, --jobs ${JOBS}`, `${fmt(rate(two.a.median))}/s`, `csv-parse of their files, one process: ${fmt(rate(two.b.median))}/s`, spread(two.ratio), '≥ 1,500/s', rate(two.a.median) >= 1500);
    const speedup = one.a.median / two.a.median;
    row(`batch: --jobs ${JOBS} against --jobs 1 (wall)`, `×${fmt(speedup, 2)}`, `${JOBS} threads`, fmt(speedup, 2), `close to ${JOBS}`, speedup >= JOBS * 0.8);
    // what the machine gives two of anything: two separate --jobs 1 processes side by side, each
    // on half the disclosures; threads that pay come close to it
    const sideBySide = () => {
      const t0 = process.hrtime.bigint();
      const kids = ['a', 'b'].map((h) => spawn(process.execPath, [BIN, 'check', join(data, h), '--jobs', '1', '-q', '-f', 'json'], { cwd: ROOT, stdio: 'ignore' }));
      return Promise.all(kids.map((k) => new Promise((res) => k.on('exit', res)))).then(() => Number(process.hrtime.bigint() - t0) / 1e6);
    };
    const twoProcs = [];
    const twoThreads = [];
    for (let k = 0; k < runs; k++) {
      twoProcs.push(await sideBySide());
      twoThreads.push(batch(JOBS));
    }
    const procs = stats(twoProcs);
    const ratios = stats(twoThreads.map((t, k) => twoProcs[k] / t));
    row(`batch: --jobs ${JOBS} against two --jobs 1 processes side by side, half the disclosures each (wall)`, `${fmt(rate(stats(twoThreads).median))}/s`, `two processes: ${fmt(rate(procs.median))}/s`, spread(ratios), 'close to 1', ratios.median >= 0.9);
    rmSync(data, { recursive: true, force: true });
  }
  // rows
  {
    const mlr = hasMlr();
    if (!mlr) notes.push('mlr is not installed: the rows are timed without their anchor (apt-get install miller).');
    const perRow = [];
    for (const n of [3_000, 30_000, 100_000]) {
      const dir = join(tmp, `rows-${n}`);
      const files = bigTables(dir, n);
      const check = () => node([BIN, 'check', dir, '-q', '--jobs', '1', '-f', 'json']).wall;
      const anchor = () => run('mlr', ['--icsv', '--ojson', '--implicit-csv-header', '--allow-ragged-csv-input', 'stats1', '-a', 'sum,count', '-f', '5,6', '-g', '1,2', ...files]).wall;
      const runs = n >= 100_000 ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS;
      const p = mlr ? pairs(check, anchor, runs) : { a: stats(Array.from({ length: runs }, check)), b: stats([NaN]), ratio: stats([NaN]) };
      perRow.push([n, p.a.median]);
      row(`rows: 表三 + 表五 of about ${n.toLocaleString('en-US')} rows each`, `${fmt(p.a.median)} ms`, mlr ? `mlr stats1 by code: ${fmt(p.b.median)} ms` : 'mlr: –', spread(p.ratio), '≤ 3', p.ratio.median <= 3);
      rmSync(dir, { recursive: true, force: true });
    }
    const [[n0, t0], , [n2, t2]] = perRow;
    notes.push(`rows: ${fmt(n2 / n0)}× the rows took ${fmt(t2 / t0, 1)}× the time (start-up included).`);
  }
  // memory
  if (!flag('skip-memory')) {
    const rss = [];
    for (const n of [Math.floor(BIG / 4), BIG]) {
      const data = join(tmp, `memory-${n}`);
      generate(data, n);
      const r = node([BIN, 'check', data, '-q', '-f', 'json'], { usage: true });
      rss.push([n, r.rss, r.wall]);
      rmSync(data, { recursive: true, force: true });
    }
    const [[n1, m1], [n2, m2, w2]] = rss;
    row(`memory: ${n2.toLocaleString('en-US')} disclosures, --format json (peak resident)`, `${fmt(m2)} MB`, `${n1.toLocaleString('en-US')} disclosures: ${fmt(m1)} MB`, fmt(m2 / m1, 2), '< 200 MB, flat in N', m2 < 200 && m2 / m1 < 1.25);
    notes.push(`memory: the ${n2.toLocaleString('en-US')}-disclosure run took ${fmt(w2 / 1000, 1)} s.`);
  }

  const out = [];
  out.push(`budgetlint benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push(`machine: ${started} (at the start); ${RUNS} samples a figure unless said`);
  out.push('');
  out.push('| measurement | budgetlint (median) | anchor (median) | ratio: median (min–max) | target | met |');
  out.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of table) out.push(`| ${r.what} | ${r.measured} | ${r.anchor} | ${r.ratio} | ${r.target} | ${r.met === null ? '–' : r.met ? 'yes' : 'no'} |`);
  out.push('');
  for (const n of notes) out.push(n);
  if (flag('pdf')) out.push('', ...(await pdfSection(ROOT, RUNS, timed)));
  if (flag('limits')) out.push('', ...(await limitsSection(ROOT, FIXTURES, timed, tmp)));
  out.push(`load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.stdout.write(out.join('\n') + '\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
