// Arguments in bounded time: a glob that is no pattern is that argument's input error alone; brace
// alternatives are matched, never multiplied out; deep trees and large directories are walked
// in linear time (tests of growth).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../src/batch/expand.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { growth, growthAsync, MAX_RATIO } from './growth.js';
import { runCli, tempDir } from './input-support.js';

const T8 = '表八\n一般公共预算“三公”经费支出情况表\n单位：万元\n合计,因公出国（境）费,公务用车购置及运行费,公务接待费\n1.00,0.00,0.00,1.00\n';

describe('arguments', () => {
  it('reports a glob that is no valid pattern as that argument’s input error, and checks the others', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't8.csv'), T8);
    const bad = join(dir, 'x[z-a]');
    const r = await runCli(['check', bad, join(dir, 't8.csv'), '--jobs', '1', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${bad}: 不是有效的模式（Range out of order in character class）\n`);
    const report = JSON.parse(r.out) as { disclosures: Array<{ path: string; error?: unknown }> };
    expect(report.disclosures.map((d) => [d.path, d.error === undefined])).toEqual([
      [join(dir, 't8.csv'), true],
      [bad, false],
    ]);
  });

  it('matches {a,b} repeated 22 times without expanding it (2^22 patterns), in time linear in its length', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ab'.repeat(4)), { recursive: true });
    const { ratio, large } = growth((n) => join(dir, '{a,b}'.repeat(n)), (p) => expandPaths([p]), 11);
    expect(large).toBeLessThan(1000);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });

  it('finds the disclosure at the bottom of a deep tree at the cost of listing each level once', () => {
    // Each system call on a path of depth d resolves its d components, so even listing the
    // levels one by one grows with the square of the depth; that is the bound to compare with.
    // (With a realpath call per level the search cost a cube: 15 s for 1,000 levels.)
    const top = tempDir();
    const levels: string[] = [];
    let p = top;
    for (let i = 0; i < 600; i++) levels.push((p = join(p, 'd')));
    mkdirSync(p, { recursive: true });
    writeFileSync(join(p, 't8.csv'), T8);
    const fastest = (run: () => void) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        run();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    expect(expandPaths([top]).paths).toEqual([p]);
    const listing = fastest(() => {
      readdirSync(top, { withFileTypes: true });
      for (const l of levels) readdirSync(l, { withFileTypes: true });
    });
    const search = fastest(() => expandPaths([top]));
    expect(search, `listing ${listing.toFixed(1)} ms, search ${search.toFixed(1)} ms`).toBeLessThan(4 * listing + 20);
  });

  it('loads a directory of many table files in time linear in their number', async () => {
    const root = tempDir();
    const make = (n: number) => {
      const dir = join(root, String(n));
      mkdirSync(dir);
      for (let i = 0; i < n; i++) writeFileSync(join(dir, `t${String(i).padStart(6, '0')}.csv`), T8);
      return dir;
    };
    const { ratio } = await growthAsync(make, (dir) => loadDisclosure(dir), 1500);
    expect(ratio).toBeLessThan(MAX_RATIO);
  });
});
