// Tests of growth, not of seconds: an operation timed at size n and at 2n must take at most a
// little more than twice as long. Linear work gives a ratio near 2, quadratic near 4; the bound
// of 3 leaves room for noise. Runs alternate between the sizes and the fastest of each counts, so
// load on a shared machine weighs on both alike; a ratio over the bound is measured again (twice
// at most), since noise rarely repeats where a quadratic pass always does.
import { performance } from 'node:perf_hooks';

export const MAX_RATIO = 3;

/** Collects garbage when the test process allows it (vitest.config.ts passes --expose-gc). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface Growth {
  ratio: number;
  /** fastest run at n and at 2n, in milliseconds */
  small: number;
  large: number;
}

function attempt(runA: () => void, runB: () => void, reps: number): Growth {
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < reps; i++) {
    collect();
    let t0 = performance.now();
    runA();
    small = Math.min(small, performance.now() - t0);
    collect();
    t0 = performance.now();
    runB();
    large = Math.min(large, performance.now() - t0);
  }
  return { ratio: large / Math.max(small, 0.5), small, large };
}

/**
 * Time ratio of `op(make(2n))` to `op(make(n))`. Inputs are made outside the timing; `n` should
 * make one run take tens of milliseconds, so that timer resolution does not matter.
 */
export function growth<T>(make: (n: number) => T, op: (input: T) => unknown, n: number, reps = 3): Growth {
  const a = make(n);
  const b = make(2 * n);
  op(a); // warm up: compile the code paths before timing them
  let best = attempt(() => op(a), () => op(b), reps);
  for (let k = 0; k < 2 && best.ratio >= MAX_RATIO; k++) {
    const again = attempt(() => op(a), () => op(b), reps);
    if (again.ratio < best.ratio) best = again;
  }
  return best;
}

/** The same for an asynchronous operation. */
export async function growthAsync<T>(make: (n: number) => T | Promise<T>, op: (input: T) => Promise<unknown>, n: number, reps = 3): Promise<Growth> {
  const a = await make(n);
  const b = await make(2 * n);
  await op(a);
  const once = async (): Promise<Growth> => {
    let small = Infinity;
    let large = Infinity;
    for (let i = 0; i < reps; i++) {
      collect();
      let t0 = performance.now();
      await op(a);
      small = Math.min(small, performance.now() - t0);
      collect();
      t0 = performance.now();
      await op(b);
      large = Math.min(large, performance.now() - t0);
    }
    return { ratio: large / Math.max(small, 0.5), small, large };
  };
  let best = await once();
  for (let k = 0; k < 2 && best.ratio >= MAX_RATIO; k++) {
    const again = await once();
    if (again.ratio < best.ratio) best = again;
  }
  return best;
}
