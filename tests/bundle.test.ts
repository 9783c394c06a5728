// The command line runs from dist/bundle/ (scripts/build.mjs): the same answers as the modules tsc
// wrote, and what those load lazily stays out of the chunks a check loads up front.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/bundle');

/**
 * Chunks and packages a bundle file (CommonJS) requires as it is loaded (a `require("./x.js")` at
 * the top level), and the chunks it loads later (`Promise.resolve().then(() => require("./x.js"))`).
 */
function importsOf(file: string): { chunks: string[]; packages: string[]; lazy: string[] } {
  const src = readFileSync(join(BUNDLE, file), 'utf8');
  const chunks: string[] = [];
  const packages: string[] = [];
  for (const m of src.matchAll(/^(?:(?:const|let|var) [\w$]+ = )?(?:require_rolldown_runtime\.__toESM\()?require\("([^"]+)"\)/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) chunks.push(spec.slice(2));
    else if (!spec.startsWith('node:') && spec !== 'url') packages.push(spec);
  }
  const lazy = [...src.matchAll(/Promise\.resolve\(\)\.then\(\(\) => require\("\.\/([^"]+)"\)\)/g)].map((m) => m[1]!);
  return { chunks, packages, lazy };
}

/** The chunks loaded with `entry`, before anything it imports lazily, and the packages they import. */
function upFront(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    const i = importsOf(f);
    i.packages.forEach((p) => packages.add(p));
    i.chunks.forEach(visit);
  };
  visit(entry);
  return { files, packages };
}

/** The chunk that defines a function. */
function chunkDefining(name: string): string {
  const hit = readdirSync(BUNDLE).filter((f) => f.endsWith('.js') && new RegExp(`\\bfunction ${name}\\(`).test(readFileSync(join(BUNDLE, f), 'utf8')));
  expect(hit).toHaveLength(1);
  return hit[0]!;
}

function run(args: string[], bin: string[]) {
  const r = spawnSync(process.execPath, [...bin, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundled command line', () => {
  beforeAll(() => {
    if (!existsSync(join(BUNDLE, 'cli.js'))) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'ignore' });
  }, 120_000);

  it('answers as the unbundled modules do: same report, same exit code', () => {
    const unbundled = ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(ROOT, 'dist/cli.js'))}); process.exitCode = await main(process.argv.slice(1));`, '--'];
    for (const args of [['check', 'fixtures/kashgar-2022', '-f', 'json'], ['check', 'fixtures/putuo-2025', '--lang', 'en'], ['check', 'fixtures/nowhere']]) {
      const a = run(args, ['bin/budgetlint.js']);
      const b = run(args, unbundled);
      expect(a.status).toBe(b.status);
      expect(a.out).toBe(b.out);
      expect(a.err).toBe(b.err);
    }
  });

  it('is run unless the modules were built after it (a tsc-only rebuild), and the modules when it is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'budgetlint-bin-'));
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
    copyFileSync(join(ROOT, 'bin/budgetlint.js'), join(root, 'bin/budgetlint.js'));
    copyFileSync(join(ROOT, 'bin/package.json'), join(root, 'bin/package.json'));
    writeFileSync(join(root, 'package.json'), '{"type":"module"}');
    const fake = (which: string) => `export async function main() { process.stdout.write('${which}'); return 0; }\n`;
    writeFileSync(join(root, 'dist/cli.js'), fake('modules'));
    // the bundle is CommonJS (and there is no dist/bundle/compile-cache.js here: it runs without the cache)
    writeFileSync(join(root, 'dist/bundle/package.json'), '{"type":"commonjs"}');
    writeFileSync(join(root, 'dist/bundle/cli.js'), `exports.main = async function () { process.stdout.write('bundle'); return 0; };\n`);
    const ran = () => spawnSync(process.execPath, [join(root, 'bin/budgetlint.js')], { encoding: 'utf8' }).stdout;
    const at = (file: string, s: number) => utimesSync(join(root, file), s, s);
    at('dist/cli.js', 1000);
    at('dist/bundle/cli.js', 2000);
    expect(ran()).toBe('bundle');
    at('dist/bundle/cli.js', 1000); // as npm pack leaves them: one time for all
    expect(ran()).toBe('bundle');
    at('dist/cli.js', 3000);
    expect(ran()).toBe('modules');
    rmSync(join(root, 'dist/bundle'), { recursive: true });
    expect(ran()).toBe('modules');
    rmSync(root, { recursive: true, force: true });
  });

  it('starts without the ES-module loader and without opening standard input, unless reading it', () => {
    // a preload that records, at exit, Node's internal modules loaded and whether process.stdin was made
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-start-'));
    const hook = join(dir, 'hook.cjs');
    writeFileSync(
      hook,
      `const d = Object.getOwnPropertyDescriptor(process, 'stdin'); let made = false;
Object.defineProperty(process, 'stdin', { configurable: true, get() { made = true; return d.get.call(process); } });
process.on('exit', () => require('fs').writeFileSync(process.env.OUT, JSON.stringify({ made, mods: process.moduleLoadList })));`,
    );
    const start = (args: string[], input?: string) => {
      const out = join(dir, 'out.json');
      const r = spawnSync(process.execPath, ['-r', hook, 'bin/budgetlint.js', ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, OUT: out } });
      return { status: r.status, ...(JSON.parse(readFileSync(out, 'utf8')) as { made: boolean; mods: string[] }) };
    };
    const t8 = 'fixtures/kashgar-2022/t8-一般公共预算三公经费支出情况表.csv';
    const file = start(['check', t8]);
    expect(file.status).toBe(0);
    expect(file.made).toBe(false);
    // the ES-module loader's translators are loaded only to run an ES module (an ES-module entry
    // point, or import() of one); its import of node:fs builds a facade that loads fs streams
    expect(file.mods.filter((m) => /esm\/translators|internal\/fs\/streams/.test(m))).toEqual([]);
    const piped = start(['check', '-'], readFileSync(join(ROOT, t8), 'utf8'));
    expect(piped.status).toBe(0);
    expect(piped.made).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps up front only what every run needs: commands, readers and formats come in chunks of their own', () => {
    const cli = upFront('cli.js');
    // commander, decimal.js and chalk are bundled in; no package is resolved before a command runs
    expect([...cli.packages]).toEqual([]);
    expect(cli.files.size).toBeGreaterThan(1);
    const lazyFromCli = importsOf('cli.js').lazy;
    // the check command, once loaded, still leaves the 情况说明 reader, PDFs and workbooks, the other formats for later
    const check = lazyFromCli.find((f) => /^check-/.test(f))!;
    const checkUpFront = upFront(check);
    for (const name of ['readNarrative', 'readPdf', 'readWorkbook']) {
      const chunk = chunkDefining(name);
      expect(cli.files.has(chunk)).toBe(false);
      expect(checkUpFront.files.has(chunk)).toBe(false);
    }
    expect([...checkUpFront.packages].sort()).toEqual([]);
  });
});
