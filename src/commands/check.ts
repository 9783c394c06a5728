// `budgetlint check` and `budgetlint baseline`: run a batch and write its report as each
// disclosure is done (nothing of a written disclosure is kept), then say how it went by the exit
// code: 0 clean, 1 findings at or above the fail level (or more warnings than allowed), 2 input or
// command line unusable.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineBuilder, baselineFilter, BaselineError, formatBaseline, parseBaseline, type BaselineFilter } from '../baseline.js';
import { runBatch } from '../batch/index.js';
import { ProgressBar } from '../batch/progress.js';
import { severityRank } from '../core/findings.js';
import { detectDelimiter } from '../load/grid.js';
import { UNREADABLE } from '../load/disclosure.js';
import { fileSink, OutputError, outputTarget, refuseInputs, streamSink, writeReport, type ReportSink } from '../output.js';
import { escapeTerminal } from '../report/escape.js';
import { loadFormatter } from '../report/load.js';
import { addToSummary, type ReportStream, type Summary } from '../report/types.js';
import { INPUT_RULE_PREFIX } from '../rules/engine.js';
import { UsageError, type CheckRun } from './request.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
const UNREADABLE_RULE = `${INPUT_RULE_PREFIX}${UNREADABLE}`;

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** standard input, for the path `-` */
  in?: NodeJS.ReadableStream;
}

/** Standard input as one file of a private directory, named by what it holds (a table or a text). */
async function stdinFile(input: NodeJS.ReadableStream | undefined, maxBytes: number): Promise<{ dir: string; file: string }> {
  if (!input) throw new UsageError('"-" reads standard input, which is not available here');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > maxBytes) throw new UsageError(`standard input: more than ${maxBytes} bytes (--max-file-size)`);
    chunks.push(b);
  }
  const data = Buffer.concat(chunks);
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-stdin-'));
  // a table if the table reader recognises one in it, else a 情况说明 text
  const sample = data.subarray(0, 64 * 1024).toString('utf8');
  const delim = detectDelimiter(sample) === '\t' ? '.tsv' : '.csv';
  const table = join(dir, `stdin${delim}`);
  writeFileSync(table, data);
  // prose (sentences with full-width punctuation on many lines, the delimiter between fields on
  // few) is the text: read as a one-column table it would give a finding for every line
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  const fieldSep = delim === '.tsv' ? '\t' : ',';
  const prose = lines.filter((l) => /[。，；]/.test(l)).length;
  const delimited = lines.filter((l) => l.split(fieldSep).length >= 3).length;
  if (!(prose >= 10 && delimited * 2 < lines.length)) {
    const { loadDisclosure } = await import('../load/disclosure.js');
    try {
      const d = await loadDisclosure(table, { maxFileBytes: maxBytes });
      if (Object.values(d.tables).some((t) => t && t.rows.length > 0)) return { dir, file: table };
    } catch {
      // not a table: read as text
    }
  }
  const text = join(dir, 'stdin.txt');
  renameSync(table, text);
  return { dir, file: text };
}

/** Every string of a result that names `from` names `to` instead (standard input's file shown as "-"). */
function relabel<T>(v: T, from: string, to: string): T {
  if (typeof v === 'string') return (v.startsWith(from) ? to + v.slice(from.length) : v) as T;
  if (Array.isArray(v)) return v.map((x) => relabel(x, from, to)) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = relabel(x, from, to);
    return o as T;
  }
  return v;
}

/** `check`: the report, streamed; the exit code. */
export async function runCheck(run: CheckRun, io: Io, outErrors: { error?: NodeJS.ErrnoException }): Promise<number> {
  return runBatchCommand(run, io, outErrors, 'check');
}

/** `baseline`: the findings of the disclosures written as the baseline file (-o); exit 0 unless the input is unusable. */
export async function runBaselineCommand(run: CheckRun, io: Io, outErrors: { error?: NodeJS.ErrnoException }): Promise<number> {
  return runBatchCommand(run, io, outErrors, 'baseline');
}

async function runBatchCommand(run: CheckRun, io: Io, outErrors: { error?: NodeJS.ErrnoException }, mode: 'check' | 'baseline'): Promise<number> {
  for (const w of run.warnings) io.err.write(`budgetlint: ${escapeTerminal(w)}\n`);
  let filter: BaselineFilter | undefined;
  if (run.baseline) {
    let text: string;
    try {
      text = readFileSync(run.baseline, 'utf8');
    } catch (e) {
      throw new UsageError(`--baseline: cannot read "${run.baseline}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      filter = baselineFilter(parseBaseline(text), run.baseline);
    } catch (e) {
      if (e instanceof BaselineError) throw new UsageError(`--baseline: ${run.baseline}: ${e.message}`);
      throw e;
    }
  }
  // the report's file is checked against every input before anything is read, and again once the arguments are expanded
  const target = run.output;
  if (target) refuseInputs(target, run.paths.filter((p) => p !== '-'), run.configFile);
  const stdin = run.paths.includes('-') ? await stdinFile(io.in, run.request.load.maxFileBytes ?? 100 * 1024 * 1024) : undefined;
  const paths = run.paths.map((p) => (p === '-' && stdin ? stdin.file : p));
  try {
    const err = io.err as NodeJS.WriteStream;
    const bar = err.isTTY === true && !run.quiet ? new ProgressBar(err) : undefined;
    const formatter = (await loadFormatter(run.report.format))!;
    const summary: Summary = { disclosures: 0, errors: 0, warnings: 0, infos: 0, failed: 0 };
    const problems: string[] = [];
    const builder = mode === 'baseline' ? baselineBuilder(target?.real ?? 'budgetlint-baseline.json') : undefined;
    let stream: ReportStream | undefined;
    let sink: ReportSink | undefined;
    let failing = false;
    let unusable = false;
    let headDone = false;
    const head = () => {
      const h = headDone ? '' : stream!.head();
      headDone = true;
      return h;
    };
    try {
      await runBatch(
        paths,
        run.request,
        {
          ...(run.jobs !== undefined ? { jobs: run.jobs } : {}),
          ...(run.pairing ? { pairing: run.pairing } : {}),
          onProgress: (done, total, path) => {
            if (total > 1) bar?.update(done, total, path);
          },
          onInternalError: (path, stack) => {
            if (run.debug) io.err.write(`budgetlint: ${path}: ${stack}\n`);
          },
          ...(target ? { onExpanded: (found: readonly string[]) => refuseInputs(target, found, run.configFile) } : {}),
          onPlanned: (total) => {
            if (mode === 'baseline') return;
            sink = target ? fileSink(target) : streamSink(io.out, outErrors);
            stream = formatter.open(run.report, total);
          },
        },
        async (raw) => {
          let r = stdin ? relabel(raw, stdin.file, '-') : raw;
          if (filter) r = filter.apply(r);
          addToSummary(summary, r);
          if (r.fatal) {
            unusable = true;
            const where = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
            problems.push(`${where}: ${r.fatal.message[run.report.lang]}`);
          }
          const limit = severityRank(run.report.failOn);
          for (const f of r.findings) {
            if (severityRank(f.severity) <= limit) failing = true;
            // a file of a directory that could not be read: the rest was checked, but the input was not all usable
            if (f.ruleId === UNREADABLE_RULE) {
              unusable = true;
              problems.push(`${f.location.file}:${f.location.line}: ${f.message[run.report.lang]}`);
            }
          }
          builder?.add(r);
          if (stream && sink) {
            bar?.clear();
            await sink.write(head() + stream.disclosure(r));
          }
        },
      );
      bar?.clear();
      if (filter) summary.baseline = filter.outcome();
      if (builder) {
        const file = target ?? outputTarget('budgetlint-baseline.json');
        if (!target) refuseInputs(file, paths, run.configFile);
        const b = builder.done();
        writeReport(file, formatBaseline(b));
        const zh = run.report.lang === 'zh';
        io.err.write(`budgetlint: ${zh ? `已将 ${summary.disclosures} 份公开材料的 ${b.findings.reduce((n, e) => n + (e.count ?? 1), 0)} 个问题记入 ${file.given}` : `recorded ${b.findings.reduce((n, e) => n + (e.count ?? 1), 0)} findings of ${summary.disclosures} disclosure(s) in ${file.given}`}\n`);
      } else {
        // a batch that expanded to nothing still gets its (empty) report
        if (!stream || !sink) {
          sink = target ? fileSink(target) : streamSink(io.out, outErrors);
          stream = formatter.open(run.report, 0);
        }
        await sink.write(head() + stream.tail(summary));
        await sink.close();
      }
    } catch (e) {
      sink?.abort();
      throw e;
    }
    for (const p of problems) io.err.write(`budgetlint: ${escapeTerminal(p)}\n`);
    if (unusable) return EXIT_USAGE;
    if (mode === 'baseline') return EXIT_OK;
    if (failing) return EXIT_FINDINGS;
    if (run.maxWarnings !== undefined && summary.warnings > run.maxWarnings) {
      io.err.write(`budgetlint: ${run.report.lang === 'zh' ? `警告 ${summary.warnings} 个，超过 --max-warnings ${run.maxWarnings}` : `${summary.warnings} warnings, more than --max-warnings ${run.maxWarnings}`}\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } finally {
    if (stdin) rmSync(stdin.dir, { recursive: true, force: true });
  }
}

export { OutputError };
