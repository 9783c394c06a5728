#!/usr/bin/env node
// Entry point: runs the compiled CLI and turns any unexpected failure into exit 2 without a
// stack trace (unless --debug). The bundle (scripts/build.mjs: CommonJS, compiled with the code V8
// cached for it in an earlier run, dist/bundle/compile-cache.js) starts faster; the modules tsc
// wrote are run instead when only they were built, or built after it (a tsc-only rebuild must not
// leave an older bundle answering).
// CommonJS (bin/package.json), like the bundle: an ES-module entry would start Node's ES-module
// loader and build a module facade for each built-in it imports (node:fs's loads its streams), a
// tenth of a cold check for nothing.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const modules = join(__dirname, '../dist/cli.js');
const bundled = join(__dirname, '../dist/bundle/cli.js');
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
};
const bundleTime = mtime(bundled);
const modulesTime = mtime(modules);
const useBundle = bundleTime !== undefined && (modulesTime === undefined || bundleTime >= modulesTime);
const debug = process.argv.includes('--debug');

/** The bundle's entry, its chunks compiled with the cache when it can be had (a run goes on without). */
function loadBundle() {
  try {
    require(join(__dirname, '../dist/bundle/compile-cache.js')).installCompileCache(join(__dirname, '../dist/bundle'));
  } catch {
    // compiled without it
  }
  return require(bundled);
}

async function run() {
  const { main } = useBundle ? loadBundle() : await import(require('node:url').pathToFileURL(modules).href);
  return main(process.argv.slice(2));
}

if (!existsSync(useBundle ? bundled : modules)) {
  process.stderr.write('budgetlint: not built yet; run "npm install" (or "npm run build") first\n');
  process.exitCode = 2;
} else {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`budgetlint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
      else process.stderr.write('budgetlint: run again with --debug for details\n');
      process.exitCode = 2;
    },
  );
}
