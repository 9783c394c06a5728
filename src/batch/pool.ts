// A small worker-thread pool, one worker per core at most: disclosures are sent to a worker in
// batches (a few at a time while many are left, one at a time towards the end so that the
// workers finish together), two batches in flight per worker so that a worker never idles waiting
// for the main thread; each result comes back on its own, by index, so the caller can keep input
// order. A worker that dies takes only the disclosure it was checking with it; those queued behind
// it go back to the pool, and a replacement worker carries on.
// Loaded only for multi-disclosure runs with --jobs > 1.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Checked, WireRequest } from './request.js';
import type { DisclosureTarget } from '../load/disclosure.js';

export const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * A worker's stack as deep as the main thread's (V8's 984 KB, plus the 192 KB Node keeps in
 * reserve below a worker's limit), instead of Node's 4 MB: whatever recursion is left in a parser
 * (a manifest's YAML) then fails or succeeds alike with --jobs 1 and --jobs N.
 */
export const WORKER_STACK_MB = (984 + 192) / 1024;
/** batches in flight per worker */
const DEPTH = 2;
/** disclosures in one batch, at most */
const MAX_BATCH = 8;

/** One disclosure to check, as sent to a worker (in a batch: an array of them). */
export interface Job {
  i: number;
  path: DisclosureTarget;
}

export interface PoolOptions {
  jobs: number;
  /** the worker script (tests substitute their own) */
  workerUrl?: URL;
  /** cores to use at most (the machine's by default) */
  cores?: number;
  /**
   * This thread checks disclosures too, one at a time between the workers' messages, in place of
   * one worker (whose start-up, memory and warming up it saves); a worker that cannot start then
   * leaves the rest to it, and is told of by `onStartError`.
   */
  here?: (path: DisclosureTarget) => Promise<Checked>;
  onStartError?: (message: string) => void;
}

/** Raised when no worker could even start, so the caller can fall back to checking in-process. */
export class PoolStartError extends Error {}

export function runPool(
  paths: readonly DisclosureTarget[],
  wire: WireRequest,
  opts: PoolOptions,
  onDone: (i: number, checked: Checked) => void,
  onCrash: (i: number, error: string) => void,
): Promise<void> {
  return new Promise((resolvePool, rejectPool) => {
    let next = 0;
    const retry: number[] = []; // queued on a worker that died before reaching them
    let finished = 0;
    let anyReady = false;
    let live = 0;
    let failed = false;
    let startFailures = 0;
    const total = paths.length;
    // more threads than cores only take turns on them, each worker at the cost of its own start-up
    const threads = Math.max(1, Math.min(opts.jobs, total, opts.cores ?? availableParallelism()));
    const here = opts.here;
    const workers = here ? threads - 1 : threads;
    let toldStartError = false;

    const settle = () => {
      if (finished === total && live === 0) resolvePool();
    };

    /** The next batch: what died elsewhere first, then a share of what is left that keeps every worker busy to the end. */
    const take = (): Job[] => {
      const batch: Job[] = [];
      while (retry.length > 0 && batch.length < MAX_BATCH) {
        const i = retry.shift()!;
        batch.push({ i, path: paths[i]! });
      }
      const size = Math.min(MAX_BATCH, Math.max(1, Math.floor((total - next) / (threads * DEPTH * 4))));
      while (next < total && batch.length < size) {
        batch.push({ i: next, path: paths[next]! });
        next++;
      }
      return batch;
    };

    const spawn = () => {
      live++;
      const w = new Worker(opts.workerUrl ?? WORKER_URL, { workerData: wire, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
      const inflight: number[] = []; // in the order the worker checks them
      let batches = 0; // batches sent and not yet finished
      const ends: number[] = []; // the last index of each batch in flight
      let lastError: string | undefined;
      let ready = false;
      const feed = () => {
        while (batches < DEPTH && (retry.length > 0 || next < total)) {
          const batch = take();
          for (const j of batch) inflight.push(j.i);
          ends.push(batch[batch.length - 1]!.i);
          batches++;
          w.postMessage(batch);
        }
        if (inflight.length === 0) void w.terminate();
      };
      w.on('message', (msg: 'ready' | ({ i: number } & Checked)) => {
        if (msg === 'ready') {
          anyReady = ready = true;
          feed();
          return;
        }
        finished++;
        inflight.splice(inflight.indexOf(msg.i), 1);
        if (ends[0] === msg.i) {
          ends.shift();
          batches--;
        }
        onDone(msg.i, { result: msg.result, ...(msg.stack ? { stack: msg.stack } : {}) });
        feed();
      });
      w.on('error', (e) => {
        lastError = e instanceof Error ? e.message : String(e);
      });
      w.on('exit', (code) => {
        live--;
        if (failed) return;
        const why = lastError ?? `worker stopped (exit code ${code})`;
        if (inflight.length > 0) {
          // died while checking: that disclosure gets the blame, those queued behind it go back
          finished++;
          onCrash(inflight.shift()!, why);
          retry.push(...inflight.splice(0));
        } else if (!ready) {
          startFailures++;
          const hopeless = !anyReady || startFailures > 3;
          if (hopeless && here) {
            // this thread carries on with what is left
            if (!toldStartError) opts.onStartError?.(why);
            toldStartError = true;
            return settle();
          }
          if (hopeless && live === 0 && finished < total) {
            failed = true;
            rejectPool(new PoolStartError(why));
            return;
          }
          if (hopeless) return settle();
        }
        if (next < total || retry.length > 0) spawn();
        settle();
      });
    };

    /** This thread's share: one disclosure at a time, the workers' messages taken in between. */
    const local = async (check: (path: DisclosureTarget) => Promise<Checked>) => {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (failed) return;
        let i: number;
        if (retry.length > 0) i = retry.shift()!;
        else if (next < total) i = next++;
        else break;
        const checked = await check(paths[i]!);
        finished++;
        onDone(i, checked);
      }
      settle();
    };

    if (total === 0) return resolvePool();
    for (let k = 0; k < workers; k++) spawn();
    if (here) local(here).catch((e: unknown) => {
      failed = true;
      rejectPool(e);
    });
  });
}
