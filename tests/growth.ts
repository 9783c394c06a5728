// Tests of growth, not of seconds: an operation timed at size n and at 2n (the fastest of a few
// runs each, so a busy machine counts less) must take at most a little more than twice as long.
// Linear work gives a ratio near 2, quadratic near 4; the bound of 3 leaves room for noise.
import { performance } from 'node:perf_hooks';

export const MAX_RATIO = 3;

function fastest(run: () => void, reps: number): number {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Time ratio of `op(make(2n))` to `op(make(n))`. Inputs are made outside the timing; `n` should
 * make one run take tens of milliseconds, so that timer resolution does not matter.
 */
export function growth<T>(make: (n: number) => T, op: (input: T) => unknown, n: number, reps = 3): { ratio: number; small: number; large: number } {
  const a = make(n);
  const b = make(2 * n);
  op(a); // warm up: compile the code paths before timing them
  const small = fastest(() => op(a), reps);
  const large = fastest(() => op(b), reps);
  return { ratio: large / Math.max(small, 0.5), small, large };
}

/** The same for an asynchronous operation. */
export async function growthAsync<T>(make: (n: number) => T | Promise<T>, op: (input: T) => Promise<unknown>, n: number, reps = 3): Promise<{ ratio: number; small: number; large: number }> {
  const a = await make(n);
  const b = await make(2 * n);
  await op(a);
  const time = async (x: T) => {
    let best = Infinity;
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      await op(x);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const small = await time(a);
  const large = await time(b);
  return { ratio: large / Math.max(small, 0.5), small, large };
}
