// A pool worker: receives the request once, then checks the disclosures it is sent in batches,
// strictly one after another (the pool keeps a second batch queued here so a worker never waits
// for the main thread), and sends back each result as it is done (plain data: findings carry
// decimals as strings).
import { parentPort, workerData } from 'node:worker_threads';
import { checkOne, fromWire, internalErrorResult, type WireRequest } from './request.js';
import type { Job } from './pool.js';
import { targetPath } from '../load/disclosure.js';

const port = parentPort!;
const req = fromWire(workerData as WireRequest);
const queue: Job[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const done = await checkOne(job.path, req);
    try {
      port.postMessage({ i: job.i, ...done });
    } catch (e) {
      // a result that cannot be cloned is a bug in a rule; report it for this disclosure only
      port.postMessage({ i: job.i, result: internalErrorResult(targetPath(job.path), (e as Error).message) });
    }
  }
  busy = false;
}

port.on('message', (batch: Job[]) => {
  for (const job of batch) queue.push(job);
  if (!busy) void drain();
});
port.postMessage('ready');
