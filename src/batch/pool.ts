// A small worker-thread pool: two disclosures in flight per worker (one being checked, one queued,
// so a worker never idles waiting for the main thread), results delivered by index so the caller
// can keep input order. A worker that dies takes only the disclosure it was checking with it; the
// one queued behind it goes back to the pool, and a replacement worker carries on.
// Loaded only for multi-disclosure runs with --jobs > 1.
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
const DEPTH = 2;

export interface PoolOptions {
  jobs: number;
  /** the worker script (tests substitute their own) */
  workerUrl?: URL;
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

    const settle = () => {
      if (finished === total && live === 0) resolvePool();
    };

    const spawn = () => {
      live++;
      const w = new Worker(opts.workerUrl ?? WORKER_URL, { workerData: wire, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
      const inflight: number[] = []; // in the order the worker checks them
      let lastError: string | undefined;
      let ready = false;
      const feed = () => {
        while (inflight.length < DEPTH && (retry.length > 0 || next < total)) {
          const i = retry.length > 0 ? retry.shift()! : next++;
          inflight.push(i);
          w.postMessage({ i, path: paths[i] });
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
          // died while checking: that disclosure gets the blame, the one queued behind it goes back
          finished++;
          onCrash(inflight.shift()!, why);
          retry.push(...inflight.splice(0));
        } else if (!ready) {
          startFailures++;
          const hopeless = !anyReady || startFailures > 3;
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

    if (total === 0) return resolvePool();
    for (let k = 0; k < Math.min(opts.jobs, total); k++) spawn();
  });
}
