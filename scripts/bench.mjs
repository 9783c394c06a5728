#!/usr/bin/env node
// Benchmarks the built CLI (run `npm run build` first):
//   (a) start-up plus one disclosure: `budgetlint check fixtures/kashgar-2022`, wall time over many runs;
//   (b) throughput: N generated disclosures (copies of the two reference disclosures) checked with
//       --jobs 1 and with --jobs = CPUs.
//   (c) the published PDFs of fixtures/pdf/: pages per second and peak memory (resident set) of
//       `budgetlint check <pdf>`, start-up included, and pages per second of the reader in a warm process;
//   (d) the root-cause search at its worst: the reference disclosure with every amount of its tables
//       changed (hundreds of findings in large clusters), against the disclosure as published;
//   (e) the largest inputs accepted: a 20 MiB CSV table, a 20 MiB 情况说明 text and a workbook that
//       inflates to the 128 MiB limit, each at half and at full size (wall time, CPU time and peak
//       memory of the process), so that growth and the memory bound can be read off.
// Usage: node scripts/bench.mjs [--runs 20] [--n 1000] [--jobs <cpus>] [--tables-only] [--pdf-only] [--limits]
// (--tables-only: the generated copies leave out the 情况说明 text, so only the table rules run;
//  --pdf-only: only (c); --limits: only (e))
// Writes nothing into the repository: the generated disclosures go to the system temp directory.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const LIMITS_ONLY = process.argv.includes('--limits');
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
  "import { writeSync } from 'node:fs';\nprocess.on('exit', () => { const c = process.cpuUsage(); writeSync(2, `\\nBENCH_CPU_US ${c.user + c.system}\\nBENCH_RSS_KB ${process.resourceUsage().maxRSS}\\n`); });\n",
);

/** Runs the CLI once: wall and CPU milliseconds, peak resident memory (MB). Exit 0 or 1 (findings) are both fine. */
function timed(args, script = BIN) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(PRELOAD).href, script, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`budgetlint ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const cpu = Number(/BENCH_CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  const rss = Number(/BENCH_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { wall, cpu, rss };
}

const MIB = 1024 * 1024;

/** A 表三 of 9,990 rows (under the 10,000-row limit) whose names are long enough to make `bytes`. */
function bigCsv(bytes) {
  const head = readFileSync(join(FIXTURES[0], 't3-部门支出总体情况表.csv'), 'utf8').split('\n').slice(0, 6).join('\n') + '\n';
  const rows = 9_990;
  const pad = Math.max(1, Math.floor((bytes - head.length) / rows / 3) - 12); // CJK: 3 bytes a character
  const out = [head];
  for (let i = 0; i < rows; i++) out.push(`${200 + (i % 800)},,,${'支'.repeat(pad)}${i},1.00,1.00,\n`);
  return out.join('');
}

/** A 情况说明 of `bytes`: the Kashgar text repeated while its figures stay under the limit (50,000),
 *  then prose without figures, in lines of a few hundred characters (under 200,000 lines). */
function bigText(bytes) {
  const text = readFileSync(join(FIXTURES[0], '情况说明.txt'), 'utf8');
  const figures = (text.match(/\d+/g) ?? []).length;
  const copies = Math.max(1, Math.floor(40_000 / figures));
  const out = [];
  let size = 0;
  for (let i = 0; i < copies && size < bytes / 2; i++) {
    out.push(text);
    size += Buffer.byteLength(text);
  }
  const line = '为贯彻落实部门预算公开要求，本部门严格执行预算管理规定，加强资金使用管理，提高财政资金使用效益。'.repeat(10) + '\n';
  const n = Math.floor((bytes - size) / Buffer.byteLength(line));
  out.push(line.repeat(n));
  return out.join('');
}

/** A workbook of the Kashgar 表八 whose sheet inflates to `bytes` (white space between the rows). */
async function bigXlsx(bytes) {
  const { deflateRawSync } = await import('node:zlib');
  const { writeZipEntries } = zipWriter(deflateRawSync);
  const t8 = readFileSync(join(FIXTURES[0], 't8-一般公共预算三公经费支出情况表.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (j) => String.fromCharCode(65 + j);
  const rowsXml = t8.map((cells, i) => `<row r="${i + 1}">${cells.map((c, j) => (c === '' ? '' : /^[\d.]+$/.test(c) ? `<c r="${col(j)}${i + 1}"><v>${c}</v></c>` : `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`)).join('')}</row>`).join('');
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const sheet = head + rowsXml + ' '.repeat(Math.max(0, bytes - head.length - rowsXml.length - tail.length - 4096)) + tail;
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return writeZipEntries([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="表八" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
}

/** A minimal zip writer (deflated entries, no data descriptors). */
function zipWriter(deflateRawSync) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b) => {
    let c = 0xffffffff;
    for (let i = 0; i < b.length; i++) c = table[(c ^ b[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  return {
    writeZipEntries(entries) {
      const chunks = [];
      const central = [];
      let offset = 0;
      for (const [n, text] of entries) {
        const name = Buffer.from(n);
        const data = Buffer.from(text);
        const body = deflateRawSync(data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(8, 8);
        local.writeUInt32LE(crc32(data), 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(data.length, 22);
        local.writeUInt16LE(name.length, 26);
        const cd = Buffer.alloc(46);
        cd.writeUInt32LE(0x02014b50, 0);
        cd.writeUInt16LE(20, 4);
        cd.writeUInt16LE(20, 6);
        cd.writeUInt16LE(8, 10);
        cd.writeUInt32LE(crc32(data), 16);
        cd.writeUInt32LE(body.length, 20);
        cd.writeUInt32LE(data.length, 24);
        cd.writeUInt16LE(name.length, 28);
        cd.writeUInt32LE(offset, 42);
        chunks.push(local, name, body);
        central.push(cd, name);
        offset += 30 + name.length + body.length;
      }
      const cdBuf = Buffer.concat(central);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(cdBuf.length, 12);
      end.writeUInt32LE(offset, 16);
      return Buffer.concat([...chunks, cdBuf, end]);
    },
  };
}

/** (e): each kind at half and at full size; returns the report's lines. */
async function limitsSection() {
  const dir = join(tmp, 'limits');
  mkdirSync(dir);
  const kinds = [
    ['20 MiB CSV table (表三, 9,990 rows)', 'csv', (b) => bigCsv(b), 20 * MIB - 1024],
    ['20 MiB 情况说明 text', 'txt', (b) => bigText(b), 20 * MIB - 1024],
    ['workbook inflating to 128 MiB', 'xlsx', (b) => bigXlsx(b), 128 * MIB - 64 * 1024],
  ];
  const out = ['(e) the largest inputs accepted, at half and at full size (one run each, --jobs 1)', '    input                                   size        wall (s)   CPU (s)   peak memory (MB)'];
  for (const [what, ext, make, full] of kinds) {
    for (const size of [Math.floor(full / 2), full]) {
      const file = join(dir, `input-${size}.${ext}`);
      writeFileSync(file, await make(size));
      const t = timed(['check', file, '--jobs', '1', '-q', '-f', 'json']);
      const label = ext === 'xlsx' ? `${fmt(size / MIB, 1)} MiB inflated` : `${fmt(statSync(file).size / MIB, 1)} MiB`;
      out.push(`    ${what.padEnd(40)}${label.padStart(18)}   ${fmt(t.wall / 1000, 2).padStart(8)}   ${fmt(t.cpu / 1000, 2).padStart(7)}   ${fmt(t.rss).padStart(16)}`);
      rmSync(file);
    }
  }
  return out;
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
    out.push({ name: pdf.slice(pdf.lastIndexOf('/') + 1), pages, warm: quantile(warm.sort((a, b) => a - b), 0.5), wall: quantile(cli.map((c) => c.wall).sort((a, b) => a - b), 0.5), cpu: quantile(cli.map((c) => c.cpu).sort((a, b) => a - b), 0.5), rss: Math.max(...cli.map((c) => c.rss)) });
  }
  return out;
}

const fmt = (x, d = 0) => x.toFixed(d);
const rows = [];


try {
  if (LIMITS_ONLY) {
    process.stdout.write((await limitsSection()).join('\n') + '\n');
    process.exit(0);
  }
  if (PDF_ONLY) {
    const out = [];
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
    process.exit(0);
  }
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
  const out = [];
  out.push(`budgetlint benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  out.push(`machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
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
  out.push('');
  out.push(`(d) root-cause search at its worst: every amount of kashgar-2022's tables changed, against (a)`);
  out.push(`    CPU: median ${fmt(q(worst, 'cpu', 0.5))} ms (${fmt(q(worst, 'cpu', 0.5) / q(single, 'cpu', 0.5), 2)} × the published disclosure)`);
  out.push('');
  out.push(...(await limitsSection()));
  process.stdout.write(out.join('\n') + '\n');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
