#!/usr/bin/env node
// Entry point: runs the compiled CLI and turns any unexpected failure into exit 2 without a
// stack trace (unless --debug). The bundle (scripts/build.mjs: CommonJS, compiled with the code V8
// cached for it in an earlier run, dist/compile-cache.js) starts faster; the modules tsc wrote are
// run instead when only they were built, or built after it (a tsc-only rebuild must not leave an
// older bundle answering).
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const modules = new URL('../dist/cli.js', import.meta.url);
const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const mtime = (u) => {
  try {
    return statSync(fileURLToPath(u)).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundleTime = mtime(bundled);
const modulesTime = mtime(modules);
const cli = bundleTime !== undefined && (modulesTime === undefined || bundleTime >= modulesTime) ? bundled : modules;
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('budgetlint: not built yet; run "npm install" (or "npm run build") first\n');
  process.exit(2);
}
const debug = process.argv.includes('--debug');
/** The bundle's entry, its chunks compiled with the cache when it can be had (a run goes on without). */
async function loadBundle() {
  try {
    const { installCompileCache } = await import(new URL('../dist/compile-cache.js', import.meta.url).href);
    installCompileCache(fileURLToPath(new URL('.', bundled)));
  } catch {
    // compiled without it
  }
  return createRequire(import.meta.url)(fileURLToPath(bundled));
}
try {
  const { main } = cli === bundled ? await loadBundle() : await import(cli.href);
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`budgetlint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('budgetlint: run again with --debug for details\n');
  process.exitCode = 2;
}
