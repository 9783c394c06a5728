// The bundle's chunks are compiled with the code V8 cached for them in an earlier run
// (src/compile-cache.ts): the cache changes how fast a run starts, never what it answers, and a
// cache that is missing, stale, damaged or cannot be written only means compiling as usual.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCacheDir } from '../src/compile-cache.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/budgetlint.js');
const SMALL_PDF = 'fixtures/pdf/jiangsu-party-office-2019.pdf';
const work = mkdtempSync(join(tmpdir(), 'budgetlint-cc-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], cache: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, BUDGETLINT_COMPILE_CACHE: cache } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** Loads `file` (CommonJS, below `root`) with the cache installed for `root`; prints what it exported and what the cache did. */
function load(root: string, file: string, cache: string): { value: unknown; stats: { accepted: number; compiled: number; written: number; dir?: string } } {
  const script = `
    const { installCompileCache } = await import(${JSON.stringify(join(ROOT, 'dist/compile-cache.js'))});
    const { createRequire } = await import('node:module');
    const stats = installCompileCache(${JSON.stringify(root)});
    const value = createRequire(import.meta.url)(${JSON.stringify(file)});
    process.on('exit', () => process.stdout.write(JSON.stringify({ value, stats })));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, BUDGETLINT_COMPILE_CACHE: cache } });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ReturnType<typeof load>;
}

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('the compile cache', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/bundle/cli.js')) || !existsSync(join(ROOT, 'dist/compile-cache.js'))) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'ignore' });
  }, 120_000);

  it('gives the same report, exit code and messages from a first run, a cached run, and with the cache off', () => {
    const cache = join(work, 'cli');
    const args = ['check', 'fixtures/kashgar-2022', '-f', 'json'];
    const first = cli(args, cache);
    const dir = compileCacheDir({ BUDGETLINT_COMPILE_CACHE: cache })!;
    const written = entries(dir);
    expect(written.length).toBeGreaterThan(3);
    const times = written.map((f) => statSync(join(dir, f)).mtimeMs);
    const second = cli(args, cache);
    // the cached code was taken: nothing written again
    expect(entries(dir)).toEqual(written);
    expect(written.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(times);
    const off = cli(args, 'off');
    for (const r of [second, off]) {
      expect(r.status).toBe(first.status);
      expect(r.out).toBe(first.out);
      expect(r.err).toBe(first.err);
    }
    expect(first.status).toBe(1);
  });

  it('a PDF and a YAML manifest read alike from a first and a cached run (the PDF reader imports pdfjs-dist, an ES module)', () => {
    const cache = join(work, 'pdf');
    for (const args of [['check', SMALL_PDF, '-f', 'json'], ['check', 'fixtures/bad/bad-manifest-key/input']]) {
      const first = cli(args, cache);
      const second = cli(args, cache);
      const off = cli(args, 'off');
      expect(second).toEqual(first);
      expect(off).toEqual(first);
      expect(first.err).not.toContain('内部错误');
    }
  });

  it('compiles as usual when the cache cannot be written, and says nothing of it', () => {
    const blocked = join(work, 'blocked');
    writeFileSync(blocked, 'a file where the directory would be');
    const r = cli(['check', 'fixtures/kashgar-2022', '-q'], blocked);
    const ref = cli(['check', 'fixtures/kashgar-2022', '-q'], 'off');
    expect(r.err).toBe(ref.err);
    expect(r.out).toBe(ref.out);
    expect(r.status).toBe(ref.status);
  });

  it('takes cached code only for the very text it was made of: a file rewritten with text of the same length runs as rewritten', () => {
    const root = join(work, 'pkg');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    const file = join(root, 'a.js');
    const cache = join(work, 'same-length');
    writeFileSync(file, 'module.exports = 1 + 1;\n');
    const a = load(root, file, cache);
    expect(a.value).toBe(2);
    expect(a.stats).toMatchObject({ accepted: 0, compiled: 1, written: 1 });
    const b = load(root, file, cache);
    expect(b.value).toBe(2);
    expect(b.stats).toMatchObject({ accepted: 1, compiled: 0, written: 0 });
    // V8 checks only the length of the text; the same length, other code
    writeFileSync(file, 'module.exports = 3 + 3;\n');
    const c = load(root, file, cache);
    expect(c.value).toBe(6);
    expect(c.stats).toMatchObject({ accepted: 0, compiled: 1 });
  });

  it('keeps one entry per file: code made for a file since rewritten or removed goes when new code is written, another installation\'s after a month', () => {
    const root = join(work, 'pkg4');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    const [a, b] = [join(root, 'a.js'), join(root, 'b.js')];
    writeFileSync(a, 'module.exports = 1;\n');
    writeFileSync(b, 'module.exports = 2;\n');
    const cache = join(work, 'prune');
    const dir = compileCacheDir({ BUDGETLINT_COMPILE_CACHE: cache })!;
    load(root, a, cache);
    load(root, b, cache);
    expect(entries(dir)).toHaveLength(2);
    // another installation's entries, a month old and a day old, and a temporary file a killed run left
    const month = join(dir, '0badc0de-cli.js-10-20-30');
    const day = join(dir, '0badc0de-engine.js-10-20-30');
    const tmp = join(dir, `${entries(dir)[0]}.999.tmp`);
    for (const f of [month, day, tmp]) writeFileSync(f, 'x');
    const ago = (days: number) => (Date.now() - days * 86_400_000) / 1000;
    utimesSync(month, ago(31), ago(31));
    utimesSync(day, ago(1), ago(1));
    utimesSync(tmp, ago(2), ago(2));
    // a rebuild: a.js rewritten, b.js gone
    rmSync(b);
    writeFileSync(a, 'module.exports = 10;\n');
    expect(load(root, a, cache)).toMatchObject({ value: 10, stats: { written: 1 } });
    const left = entries(dir);
    expect(left).toHaveLength(2);
    expect(left).toContain('0badc0de-engine.js-10-20-30');
    expect(left.filter((f) => f.includes('-a.js-'))).toHaveLength(1);
    expect(load(root, a, cache).stats).toMatchObject({ accepted: 1, written: 0 });
  });

  it('compiles again, and replaces, cached code V8 refuses (damaged)', () => {
    const root = join(work, 'pkg2');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    const file = join(root, 'b.js');
    writeFileSync(file, 'module.exports = [1, 2, 3].map((x) => x * 2);\n');
    const cache = join(work, 'damaged');
    load(root, file, cache);
    const dir = compileCacheDir({ BUDGETLINT_COMPILE_CACHE: cache })!;
    const [entry] = entries(dir);
    writeFileSync(join(dir, entry!), 'not code');
    const r = load(root, file, cache);
    expect(r.value).toEqual([2, 4, 6]);
    expect(r.stats).toMatchObject({ accepted: 0, compiled: 1, written: 1 });
    expect(load(root, file, cache).stats).toMatchObject({ accepted: 1 });
  });

  it('leaves files outside the bundle to Node', () => {
    const root = join(work, 'pkg3');
    mkdirSync(join(root, 'inner'), { recursive: true });
    writeFileSync(join(root, 'package.json'), '{"type":"commonjs"}');
    writeFileSync(join(root, 'c.js'), 'module.exports = "outside";\n');
    const r = load(join(root, 'inner'), join(root, 'c.js'), join(work, 'outside'));
    expect(r.value).toBe('outside');
    expect(r.stats).toMatchObject({ accepted: 0, compiled: 0, written: 0 });
  });

  it('is kept per user, per Node version and architecture, where the environment says, or nowhere', () => {
    const v = `${process.version}-${process.arch}`;
    expect(compileCacheDir({ BUDGETLINT_COMPILE_CACHE: '/x/y' })).toBe(join('/x/y', v));
    expect(compileCacheDir({ BUDGETLINT_COMPILE_CACHE: 'off' })).toBeUndefined();
    expect(compileCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    if (process.platform === 'linux') {
      expect(compileCacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'budgetlint', 'compile-cache', v));
    }
  });
});
