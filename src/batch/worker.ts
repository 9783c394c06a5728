// A pool worker: receives the request once, then checks one disclosure per message and sends back
// its result (plain data: findings carry decimals as strings).
import { parentPort, workerData } from 'node:worker_threads';
import { checkOne, fromWire, internalErrorResult, type WireRequest } from './request.js';

export interface Job {
  i: number;
  path: string;
}

const port = parentPort!;
const req = fromWire(workerData as WireRequest);

port.on('message', async (job: Job) => {
  const done = await checkOne(job.path, req);
  try {
    port.postMessage({ i: job.i, ...done });
  } catch (e) {
    // a result that cannot be cloned is a bug in a rule; report it for this disclosure only
    port.postMessage({ i: job.i, result: internalErrorResult(job.path, (e as Error).message) });
  }
});
port.postMessage('ready');
