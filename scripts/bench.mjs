#!/usr/bin/env node
// Benchmarks the built CLI (run `npm run build` first):
//   (a) start-up plus one disclosure: `budgetlint check fixtures/kashgar-2022`, wall time over many runs;
//   (b) throughput: N generated disclosures (copies of the two reference disclosures) checked with
//       --jobs 1 and with --jobs = CPUs.
//   (d) the root-cause search at its worst: the reference disclosure with every amount of its tables
//       changed (hundreds of findings in large clusters), against the disclosure as published;
//   (c) the published PDFs of fixtures/pdf/: pages per second and peak memory (resident set) of
//       `budgetlint check <pdf>`, start-up included, and pages per second of the reader in a warm process.
// Usage: node scripts/bench.mjs [--runs 20] [--n 1000] [--jobs <cpus>] [--tables-only] [--pdf-only]
// (--tables-only: the generated copies leave out the 情况说明 text, so only the table rules run;
//  --pdf-only: only (c))
// Writes nothing into the repository: the generated disclosures go to the system temp directory.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

const RUNS = arg('runs', 20);
const N = arg('n', 1000);
const CORES = arg('jobs', availableParallelism());
const TABLES_ONLY = process.argv.includes('--tables-only');
const PDF_ONLY = process.argv.includes('--pdf-only');
const PDFS = readdirSync(join(ROOT, 'fixtures/pdf')).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(ROOT, 'fixtures/pdf', f));

if (!existsSync(join(ROOT, 'dist/cli.js'))) {
  process.stderr.write('bench: dist/ is missing; run "npm run build" first\n');
  process.exit(2);
}

// The child reports its own CPU time (all threads) on exit, so that numbers stay meaningful on a
// busy machine where wall time mostly measures waiting for a core.
const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-bench-'));
const PRELOAD = join(tmp, 'cpu.mjs');
writeFileSync(
  PRELOAD,
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const c = process.cpuUsage(); writeSync(2, `\\nBENCH_CPU_US ${c.user + c.system}\\nBENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\\n`); });\n",
);

/** Runs the CLI once: wall and CPU milliseconds. Exit 0 or 1 (findings) are both fine. */
function timed(args, script = BIN) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(PRELOAD).href, script, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`budgetlint ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/BENCH_CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  const rssMb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { wall, cpu, rssMb };
}

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

function generate(dir, n) {
  const sources = FIXTURES.map((f) => ({ dir: f, files: readdirSync(f).filter((x) => (TABLES_ONLY ? /\.(csv|tsv)$/ : /\.(csv|tsv|txt|md)$/).test(x)) }));
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const to = join(dir, `region-${i % 10}`, `dept-${String(i).padStart(5, '0')}`);
    mkdirSync(to, { recursive: true });
    for (const f of src.files) copyFileSync(join(src.dir, f), join(to, f));
  }
}

const fmt = (x, d = 0) => x.toFixed(d);
const rows = [];


/** (c) each PDF: checked by the command line (start-up included), and read in this process. */
async function pdfRows() {
  const { readPdf } = await import(pathToFileURL(join(ROOT, 'dist/load/pdf/index.js')).href);
  const out = [];
  for (const pdf of PDFS) {
    let pages = 0;
    const warm = [];
    for (let i = 0; i < Math.min(RUNS, 3) + 1; i++) {
      const t0 = process.hrtime.bigint();
      pages = (await readPdf(pdf, pdf)).pages;
      if (i > 0) warm.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first run warms pdfjs
    }
    const cli = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) cli.push(timed(['check', pdf, '-q', '--jobs', '1']));
    out.push({ name: pdf.slice(pdf.lastIndexOf('/') + 1), pages, warm: quantile(warm.sort((a, b) => a - b), 0.5), wall: quantile(cli.map((c) => c.wall).sort((a, b) => a - b), 0.5), cpu: quantile(cli.map((c) => c.cpu).sort((a, b) => a - b), 0.5), rss: Math.max(...cli.map((c) => c.rssMb)) });
  }
  return out;
}

try {
  const out = [];
  out.push(`budgetlint benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!PDF_ONLY) {
    // (a) start-up plus one disclosure
    timed(['check', FIXTURES[0], '-q']); // warm the file cache
    const single = [];
    for (let i = 0; i < RUNS; i++) single.push(timed(['check', FIXTURES[0], '-q']));
    const startup = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) startup.push(timed(['--version']));
    // Node itself, to tell the machine's process start-up from the tool's
    const empty = join(tmp, 'empty.mjs');
    writeFileSync(empty, '');
    const bare = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) bare.push(timed([], empty));

    // (b) throughput
    const data = join(tmp, 'disclosures');
    generate(data, N);
    timed(['check', data, '--jobs', '1', '-q', '-f', 'json']); // warm the file cache
    for (const jobs of [...new Set([1, CORES])]) {
      const t = timed(['check', data, '--jobs', String(jobs), '-q', '-f', 'json']);
      rows.push({ jobs, ...t });
    }

    // (d) every amount changed, deterministically: the root-cause search has the most to do
    const scrambled = join(tmp, 'scrambled');
    mkdirSync(scrambled);
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const f of readdirSync(FIXTURES[0])) {
      const text = readFileSync(join(FIXTURES[0], f), 'utf8');
      writeFileSync(join(scrambled, f), /\.csv$/.test(f) ? text.replace(/(?<![\d.])\d+\.\d\d(?![\d.])/g, (m) => (Number(m) * (0.5 + next())).toFixed(2)) : text);
    }
    const worst = [];
    for (let i = 0; i < Math.min(RUNS, 10); i++) worst.push(timed(['check', scrambled, '-q']));

    const q = (xs, key, p) => quantile(xs.map((x) => x[key]).sort((a, b) => a - b), p);
    out.push('');
    out.push(`(a) one disclosure, start-up included (fixtures/kashgar-2022, ${RUNS} runs)`);
    out.push(`    wall: median ${fmt(q(single, 'wall', 0.5))} ms   p90 ${fmt(q(single, 'wall', 0.9))} ms   min ${fmt(q(single, 'wall', 0))} ms`);
    out.push(`    CPU:  median ${fmt(q(single, 'cpu', 0.5))} ms   p90 ${fmt(q(single, 'cpu', 0.9))} ms`);
    out.push(`    start-up alone (budgetlint --version): wall median ${fmt(q(startup, 'wall', 0.5))} ms, CPU median ${fmt(q(startup, 'cpu', 0.5))} ms`);
    out.push(`    Node itself (an empty script):         wall median ${fmt(q(bare, 'wall', 0.5))} ms, CPU median ${fmt(q(bare, 'cpu', 0.5))} ms`);
    out.push('');
    out.push(`(b) ${N} disclosures (copies of kashgar-2022 and putuo-2025${TABLES_ONLY ? ', tables only' : ''}), whole run including start-up`);
    out.push('    jobs   wall (s)   CPU (s)   disclosures/s (wall)   per core (wall)   per CPU-second');
    for (const r of rows) {
      const rate = (N / r.wall) * 1000;
      out.push(
        `    ${String(r.jobs).padStart(4)}   ${fmt(r.wall / 1000, 2).padStart(8)}   ${fmt(r.cpu / 1000, 2).padStart(7)}   ${fmt(rate).padStart(20)}   ${fmt(rate / r.jobs).padStart(15)}   ${fmt((N / r.cpu) * 1000).padStart(14)}`,
      );
    }
    out.push('');
    out.push(`(d) root-cause search at its worst: every amount of kashgar-2022's tables changed, against (a)`);
    out.push(`    CPU: median ${fmt(q(worst, 'cpu', 0.5))} ms (${fmt(q(worst, 'cpu', 0.5) / q(single, 'cpu', 0.5), 2)} × the published disclosure)`);
  }
  // (c) published PDFs
  const pdfs = await pdfRows();
  out.push('');
  out.push(`(c) published PDFs (fixtures/pdf), median of ${Math.min(RUNS, 3)} runs: check with start-up, and the reader alone in a warm process`);
  out.push('    file                                  pages   check wall (s)   CPU (s)   pages/s (wall)   peak memory (MB)   reader alone (s)   pages/s');
  for (const r of pdfs) {
    out.push(
      `    ${r.name.padEnd(36)} ${String(r.pages).padStart(6)}   ${fmt(r.wall / 1000, 2).padStart(14)}   ${fmt(r.cpu / 1000, 2).padStart(7)}   ${fmt((r.pages / r.wall) * 1000, 1).padStart(14)}   ${fmt(r.rss).padStart(16)}   ${fmt(r.warm / 1000, 2).padStart(16)}   ${fmt((r.pages / r.warm) * 1000, 1).padStart(7)}`,
    );
  }
  process.stdout.write(out.join('\n') + '\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
