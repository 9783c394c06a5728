// The loader's calls to the file system per disclosure, counted: a directory is stated and listed
// once, each file opened once (its size read from the open file), the text read and decoded once,
// and nothing resolved unless a link is to be followed.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsCalls, loadDisclosure } from '../src/load/disclosure.js';
import { tempDir } from './input-support.js';

function counted<T>(run: () => Promise<T>): Promise<{ calls: typeof fsCalls; value: T }> {
  const before = { ...fsCalls };
  return run().then((value) => ({ value, calls: { stat: fsCalls.stat - before.stat, realpath: fsCalls.realpath - before.realpath, readdir: fsCalls.readdir - before.readdir, open: fsCalls.open - before.open } }));
}

describe('file-system calls per disclosure', () => {
  it('the reference disclosure: one stat, one listing, one open a file, no path resolved', async () => {
    const { calls, value } = await counted(() => loadDisclosure('fixtures/kashgar-2022', { cwd: process.cwd() }));
    expect(Object.keys(value.tables)).toHaveLength(9);
    expect(value.narrative).toBeDefined();
    expect(calls).toEqual({ stat: 1, realpath: 0, readdir: 1, open: 10 });
  });

  it('a link is resolved, and one leaving the directory refused', async () => {
    const dir = tempDir();
    const inside = join(dir, 'd');
    mkdirSync(inside);
    writeFileSync(join(inside, 't8.csv'), '表八,,\n一般公共预算“三公”经费支出情况表,,\n单位：万元,,\n合计,因公出国（境）费,公务接待费\n1.00,0.50,0.50\n');
    writeFileSync(join(dir, 'outside.csv'), 'a,b\n1,2\n');
    symlinkSync(join(dir, 'outside.csv'), join(inside, 'link.csv'));
    const { calls, value } = await counted(() => loadDisclosure(inside, { cwd: dir }));
    expect(value.issues.map((i) => i.code)).toContain('outside-link');
    expect(calls).toEqual({ stat: 1, realpath: 2, readdir: 1, open: 1 });
  });
});
