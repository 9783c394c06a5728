// Batch runs: expand the arguments into disclosures, check them (across worker threads when there
// are several and --jobs > 1), and return results in path order whatever the scheduling.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { targetPath, type DisclosureTarget } from '../load/disclosure.js';
import type { DisclosureResult } from '../report/types.js';
import { comparePaths, expandPaths } from './expand.js';
import { checkOne, internalErrorResult, toWire, type Checked, type Request } from './request.js';

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
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
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

export async function checkBatch(args: readonly string[], req: Request, opts: BatchOptions = {}): Promise<DisclosureResult[]> {
  const expanded = expandPaths(args);
  const { unmatched, invalid } = expanded;
  opts.onExpanded?.(expanded.paths);
  const paths = groupSiblings(expanded.paths);
  const results: Array<DisclosureResult | undefined> = new Array(paths.length);
  let done = 0;
  const record = (i: number, c: Checked) => {
    results[i] = c.result;
    if (c.stack) opts.onInternalError?.(targetPath(paths[i]!), c.stack);
    opts.onProgress?.(++done, paths.length, targetPath(paths[i]!));
  };
  const jobs = Math.min(opts.jobs ?? autoJobs(paths.length), paths.length);
  const wire = jobs > 1 ? toWire(req) : undefined;
  if (wire) {
    const { runPool, PoolStartError } = await import('./pool.js');
    const poolOpts = opts.workerUrl ? { jobs, workerUrl: opts.workerUrl } : { jobs };
    try {
      await runPool(paths, wire, poolOpts, record, (i, error) => record(i, { result: internalErrorResult(targetPath(paths[i]!), error) }));
    } catch (e) {
      if (!(e instanceof PoolStartError)) throw e;
      // no thread could start: what is left is checked here instead
      opts.onPoolError?.(e.message);
    }
  }
  for (let i = 0; i < paths.length; i++) {
    if (!results[i]) record(i, await checkOne(paths[i]!, req));
  }
  if (unmatched.length === 0 && invalid.length === 0) return results as DisclosureResult[];
  // patterns that matched nothing or are no pattern are reported where they sort, like any other unusable input
  const keyed: Array<[string, DisclosureResult]> = paths.map((p, i) => [targetPath(p), results[i]!]);
  for (const u of unmatched) keyed.push([u, unmatchedResult(u)]);
  for (const v of invalid) keyed.push([v.pattern, invalidPatternResult(v.pattern, v.reason)]);
  return keyed.sort((a, b) => comparePaths(a[0], b[0])).map((k) => k[1]);
}
