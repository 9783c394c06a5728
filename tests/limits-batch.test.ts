// Arguments in bounded time: a glob that is no pattern is that argument's input error alone; brace
// alternatives are matched, never multiplied out; deep trees and large directories are walked
// in linear time (tests of growth).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../src/batch/expand.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { growth, growthAsync, MAX_RATIO } from './growth.js';
import { runCli, tempDir } from './input-support.js';

const T8 = '表八\n单位：万元\n合计,公务接待费\n1.00,1.00\n';

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

  it('finds the disclosure at the bottom of a deep tree in time linear in its depth', () => {
    const root = tempDir();
    const make = (n: number) => {
      let p = join(root, String(n));
      for (let i = 0; i < n; i++) p = join(p, 'd');
      mkdirSync(p, { recursive: true });
      writeFileSync(join(p, 't8.csv'), T8);
      return join(root, String(n));
    };
    const { ratio } = growth(make, (top) => expect(expandPaths([top]).paths).toHaveLength(1), 400);
    expect(ratio).toBeLessThan(MAX_RATIO);
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
