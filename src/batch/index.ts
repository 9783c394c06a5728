// Batch runs: expand the arguments into disclosures, check them (across worker threads when there
// are several and --jobs > 1), and return results in path order whatever the scheduling.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { targetPath, type DisclosureTarget } from '../load/disclosure.js';
import type { DisclosureResult } from '../report/types.js';
import { comparePaths, expandPaths } from './expand.js';
import { checkOne, internalErrorResult, toWire, type Checked, type Request } from './request.js';
import type { PoolOptions } from './pool.js';
import { pairTargets, type Pairing } from './series.js';

export { expandPaths } from './expand.js';
export type { Request } from './request.js';

export interface BatchOptions {
  /** worker threads; 1 checks in this thread (default: autoJobs) */
  jobs?: number;
  /** after each disclosure, in completion order */
  onProgress?: (done: number, total: number, path: string) => void;
  /** the stack of an internal error, for --debug */
  onInternalError?: (path: string, stack: string) => void;
  /** no worker thread could start, so the rest was checked in this thread */
  onPoolError?: (message: string) => void;
  /** the pool's worker script (tests only) */
  workerUrl?: URL;
  /** the disclosures the arguments expand to, before any is checked (may throw to stop the run) */
  onExpanded?: (paths: readonly string[]) => void;
  /** how many results there will be, before the first is handed on */
  onPlanned?: (total: number) => void;
  /** which disclosures are checked against last year's (--previous, --series, configuration) */
  pairing?: Pairing;
}

/**
 * Threads by default: one per CPU where there are more than two. On two CPUs a second thread was
 * measured to cost more than it gains (300 disclosures: 3.7 s on one thread, 5.4 s on two, the
 * same bytes), so one thread checks them; --jobs still asks for more.
 */
export function defaultJobs(): number {
  const cpus = availableParallelism();
  return cpus <= 2 ? 1 : cpus;
}

/** A worker spends about as long starting (loading every module) as checking this many disclosures. */
export const DISCLOSURES_PER_WORKER = 25;

/** Threads for a batch when none are asked for: one per CPU, but only as many as the batch pays for. */
export function autoJobs(disclosures: number): number {
  return Math.min(defaultJobs(), Math.max(1, Math.floor(disclosures / DISCLOSURES_PER_WORKER)));
}

export function unmatchedResult(pattern: string): DisclosureResult {
  return {
    path: pattern,
    findings: [],
    fatal: { message: { zh: '没有与此模式匹配的文件或目录', en: 'no file or directory matches this pattern' }, file: pattern },
  };
}

/** A text beside several PDFs: checked with none of them; an input that cannot be used as given, like a pattern that matches nothing. */
export function leftOutResult(file: string): DisclosureResult {
  return {
    path: file,
    findings: [],
    fatal: {
      message: {
        zh: '此说明文字旁有多份 PDF（或其下还有其他公开材料），无法确定属于哪一份，未检查；请把它和所属的 PDF 放在单独的目录中',
        en: 'this text lies beside several PDFs (or above other disclosures), so which one it belongs to is not known and it was not checked; put it in a directory with its PDF',
      },
      file,
    },
  };
}

/**
 * Table files of one directory given one by one (a shell's `dir/*.csv`) are one disclosure, so
 * that their tables are still checked against each other; a workbook stays a disclosure of its own.
 */
export function groupSiblings(paths: readonly string[]): DisclosureTarget[] {
  const byDir = new Map<string, string[]>();
  const isSibling = (p: string) => /\.(csv|tsv|txt|md)$/i.test(p) && isFile(p);
  for (const p of paths) {
    if (!isSibling(p)) continue;
    const list = byDir.get(dirname(p));
    if (list) list.push(p);
    else byDir.set(dirname(p), [p]);
  }
  const out: DisclosureTarget[] = [];
  const done = new Set<string>();
  for (const p of paths) {
    const files = isSibling(p) ? byDir.get(dirname(p))! : undefined;
    if (!files || files.length < 2) out.push(p);
    else if (!done.has(dirname(p))) {
      done.add(dirname(p));
      out.push({ dir: dirname(p), files });
    }
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export function invalidPatternResult(pattern: string, reason: string): DisclosureResult {
  return {
    path: pattern,
    findings: [],
    fatal: { message: { zh: `不是有效的模式（${reason}）`, en: `not a valid pattern (${reason})` }, file: pattern },
  };
}

/** Every result of a batch, in order (tests, and callers that want them all at once). */
export async function checkBatch(args: readonly string[], req: Request, opts: BatchOptions = {}): Promise<DisclosureResult[]> {
  const all: DisclosureResult[] = [];
  await runBatch(args, req, opts, (r) => {
    all.push(r);
  });
  return all;
}

/**
 * Checks a batch and hands each result to `onResult` as soon as every one before it is done: in
 * path order whatever the scheduling, holding back only what finished early. Returns how many
 * results there were.
 */
export async function runBatch(
  args: readonly string[],
  req: Request,
  opts: BatchOptions,
  onResult: (r: DisclosureResult) => void | Promise<void>,
): Promise<number> {
  const expanded = expandPaths(args);
  const { unmatched, invalid, leftOut } = expanded;
  opts.onExpanded?.(expanded.paths);
  const paths = pairTargets(groupSiblings(expanded.paths), opts.pairing);
  // the order of the report: the disclosures as expanded, with patterns that matched nothing or
  // are no pattern placed where they sort, like any other unusable input
  interface Entry {
    key: string;
    check?: number;
    result?: DisclosureResult;
  }
  let entries: Entry[] = paths.map((p, i) => ({ key: targetPath(p), check: i }));
  if (unmatched.length || invalid.length || leftOut.length) {
    for (const u of unmatched) entries.push({ key: u, result: unmatchedResult(u) });
    for (const v of invalid) entries.push({ key: v.pattern, result: invalidPatternResult(v.pattern, v.reason) });
    for (const t of leftOut) entries.push({ key: t, result: leftOutResult(t) });
    entries = entries.sort((a, b) => comparePaths(a.key, b.key));
  }
  const entryOf: number[] = new Array(paths.length);
  entries.forEach((e, i) => {
    if (e.check !== undefined) entryOf[e.check] = i;
  });
  opts.onPlanned?.(entries.length);
  let next = 0;
  let flushing = Promise.resolve();
  const flush = () => {
    // results are handed on one at a time, in order, even when onResult is asynchronous
    flushing = flushing.then(async () => {
      while (next < entries.length && entries[next]!.result) {
        const r = entries[next]!.result!;
        entries[next] = { key: entries[next]!.key }; // written: not kept
        next++;
        await onResult(r);
      }
    });
  };
  let done = 0;
  const checked = new Array<boolean>(paths.length).fill(false);
  const record = (i: number, c: Checked) => {
    if (checked[i]) return;
    checked[i] = true;
    entries[entryOf[i]!]!.result = c.result;
    if (c.stack) opts.onInternalError?.(targetPath(paths[i]!), c.stack);
    opts.onProgress?.(++done, paths.length, targetPath(paths[i]!));
    flush();
  };
  flush(); // a leading unmatched pattern is written at once
  const jobs = Math.min(opts.jobs ?? autoJobs(paths.length), paths.length);
  const wire = jobs > 1 ? toWire(req) : undefined;
  if (wire) {
    const { runPool, PoolStartError } = await import('./pool.js');
    // this thread checks too, in place of one worker, letting the report take what is ready first
    const here = async (p: DisclosureTarget) => {
      await flushing;
      return checkOne(p, req);
    };
    const poolOpts: PoolOptions = { jobs, here, onStartError: (m) => opts.onPoolError?.(m) };
    if (opts.workerUrl) poolOpts.workerUrl = opts.workerUrl;
    try {
      await runPool(paths, wire, poolOpts, record, (i, error) => record(i, { result: internalErrorResult(targetPath(paths[i]!), error) }));
    } catch (e) {
      if (!(e instanceof PoolStartError)) throw e;
      // no thread could start: what is left is checked here instead
      opts.onPoolError?.(e.message);
    }
  }
  for (let i = 0; i < paths.length; i++) {
    if (!checked[i]) {
      record(i, await checkOne(paths[i]!, req));
      // let the report take what is ready before the next disclosure is checked
      await flushing;
    }
  }
  await flushing;
  return entries.length;
}
