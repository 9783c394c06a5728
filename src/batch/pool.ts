// A small worker-thread pool: one disclosure in flight per worker, results delivered by index so
// the caller can keep input order. A worker that dies takes only its current disclosure with it;
// a replacement carries on with the rest. Loaded only for multi-disclosure runs with --jobs > 1.
import { Worker } from 'node:worker_threads';
import type { Checked, WireRequest } from './request.js';

export const WORKER_URL = new URL('./worker.js', import.meta.url);

export interface PoolOptions {
  jobs: number;
  /** the worker script (tests substitute their own) */
  workerUrl?: URL;
}

/** Raised when no worker could even start, so the caller can fall back to checking in-process. */
export class PoolStartError extends Error {}

export function runPool(
  paths: readonly string[],
  wire: WireRequest,
  opts: PoolOptions,
  onDone: (i: number, checked: Checked) => void,
  onCrash: (i: number, error: string) => void,
): Promise<void> {
  return new Promise((resolvePool, rejectPool) => {
    let next = 0;
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
      const w = new Worker(opts.workerUrl ?? WORKER_URL, { workerData: wire });
      let current: number | undefined;
      let lastError: string | undefined;
      let ready = false;
      const feed = () => {
        if (next < total) {
          current = next++;
          w.postMessage({ i: current, path: paths[current] });
        } else {
          current = undefined;
          void w.terminate();
        }
      };
      w.on('message', (msg: 'ready' | ({ i: number } & Checked)) => {
        if (msg === 'ready') {
          anyReady = ready = true;
          feed();
          return;
        }
        finished++;
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
        if (current !== undefined) {
          // died while checking: that disclosure gets the blame, the rest go on
          finished++;
          onCrash(current, why);
          current = undefined;
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
        if (next < total) spawn();
        settle();
      });
    };

    if (total === 0) return resolvePool();
    for (let k = 0; k < Math.min(opts.jobs, total); k++) spawn();
  });
}
