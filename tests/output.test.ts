// The report never lands on an input, whatever way the output path reaches it (a link, a linked
// directory, a glob, the configuration), is written whole or not at all, and a failure to write
// it is one line and exit 2 (a reader closing the pipe early: nothing said).
import { spawnSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { runCli, tempDir } from './input-support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/budgetlint.js');
const T8 = 'fixtures/kashgar-2022/t8-一般公共预算三公经费支出情况表.csv';

function workspace() {
  const dir = tempDir();
  mkdirSync(join(dir, 'd'));
  cpSync(T8, join(dir, 'd/t8.csv'));
  symlinkSync('d', join(dir, 'dlink'));
  symlinkSync('d/t8.csv', join(dir, 't8link.csv'));
  symlinkSync('d/t8.csv', join(dir, 'report-link.json'));
  writeFileSync(join(dir, 'cfg.json'), '{}\n');
  return dir;
}

describe('--output never overwrites an input', () => {
  const refusals: Array<[string, (dir: string) => string[], string]> = [
    ['a link to an input', (d) => [join(d, 'd')], 't8link.csv'],
    ['an input through a linked directory', (d) => [join(d, 'd')], 'dlink/t8.csv'],
    ['an input a glob matched', (d) => [join(d, 'd*')], 'd/t8.csv'],
    ['a link to a file given, under another name', (d) => [join(d, 'd/t8.csv')], 'report-link.json'],
    ['the configuration file', (d) => [join(d, 'd'), '-c', join(d, 'cfg.json')], 'cfg.json'],
  ];
  for (const [what, args, out] of refusals) {
    it(what, async () => {
      const dir = workspace();
      const before = readFileSync(join(dir, 'd/t8.csv'));
      const r = await runCli(['check', ...args(dir), '--jobs', '1', '-o', join(dir, out)]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`budgetlint: --output: "${join(dir, out)}" would overwrite an input; budgetlint never writes to its inputs\n`);
      expect(readFileSync(join(dir, 'd/t8.csv'))).toEqual(before);
      expect(readFileSync(join(dir, 'cfg.json'), 'utf8')).toBe('{}\n');
      expect(readdirSync(join(dir, 'd'))).toEqual(['t8.csv']);
    });
  }

  it('replaces a hard link to an input instead of writing through it', async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, 'd/t8.csv'));
    linkSync(join(dir, 'd/t8.csv'), join(dir, 'hard.json'));
    const r = await runCli(['check', join(dir, 'd'), '--jobs', '1', '-f', 'json', '-o', join(dir, 'hard.json')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'd/t8.csv'))).toEqual(before);
    expect(JSON.parse(readFileSync(join(dir, 'hard.json'), 'utf8')).disclosures).toHaveLength(1);
  });
});

describe('a report that cannot be written', () => {
  const cases: Array<[string, string, (dir: string) => string]> = [
    ['into a missing directory', 'the directory "{dir}/missing" does not exist', (d) => join(d, 'missing/r.json')],
    ['onto a directory', '"{dir}/d" is a directory', (d) => join(d, 'd')],
    ['onto a full disk', 'cannot write "/dev/full": no space left on device (ENOSPC)', () => '/dev/full'],
  ];
  for (const [what, message, out] of cases) {
    it(`${what}: one line, exit 2, nothing left behind`, async () => {
      const dir = workspace();
      const r = await runCli(['check', join(dir, 'd'), '--jobs', '1', '-o', out(dir)]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`budgetlint: --output: ${message.replace('{dir}', dir)}\n`);
      expect(r.out).toBe('');
      expect(readdirSync(dir).sort()).toEqual(['cfg.json', 'd', 'dlink', 'report-link.json', 't8link.csv']);
      expect(readdirSync(join(dir, 'd'))).toEqual(['t8.csv']);
    });
  }

  async function withStdout(fail: NodeJS.ErrnoException) {
    let err = '';
    const out = new Writable({ write: (_c, _e, cb) => cb(fail) });
    const errStream = new Writable({ write: (c, _e, cb) => ((err += String(c)), cb()) });
    const code = await main(['check', T8, '--jobs', '1'], { out, err: errStream } as never);
    return { code, err };
  }

  it('standard output full: one line and exit 2', async () => {
    const r = await withStdout(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    expect(r).toEqual({ code: 2, err: 'budgetlint: standard output: no space left on device (ENOSPC)\n' });
  });

  it('standard output closed by its reader: nothing said, the verdict as exit code', async () => {
    const r = await withStdout(Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' }));
    expect(r).toEqual({ code: 0, err: '' });
  });

  it('the same from a real process: > /dev/full, and | head -1', () => {
    const full = spawnSync('sh', ['-c', `node "${BIN}" check "${T8}" --jobs 1 > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(full.status).toBe(2);
    expect(full.stderr).toBe('budgetlint: standard output: no space left on device (ENOSPC)\n');
    const args = ['fixtures/kashgar-2022', 'fixtures/putuo-2025', '--jobs', '1', '-f', 'json'];
    const piped = spawnSync('bash', ['-c', `node "${BIN}" check ${args.join(' ')} | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.status).toBe(1); // the verdict: the Kashgar tables have errors
  });
});
