#!/usr/bin/env node
// Build: the TypeScript compiler writes dist/ (one module per source file, what tests and the
// library entry points import), then the command line and its worker are bundled into
// dist/bundle/ — a cold start resolves, reads and compiles a few chunks instead of about 120
// modules (measured: a cold check of a disclosure 10–15 % faster). Code loaded lazily stays in
// chunks of its own (the 情况说明 reader, formats, PDF and workbook readers).
// The bundle is CommonJS: Node 20 keeps no compiled code of ES modules from one run to the next,
// but a CommonJS script can be compiled with the code V8 cached for it in an earlier run
// (src/compile-cache.ts, bundled as dist/bundle/compile-cache.js for the CommonJS entry point
// bin/budgetlint.js): a cold check of a disclosure about a fifth faster.
// Usage: node scripts/build.mjs [--bundle-only]
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));

if (!process.argv.includes('--bundle-only')) {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

/** dist/bundle/: where bin/budgetlint.js looks first. Two levels below the package root, as dist/<dir>/<module>.js are, so paths made from import.meta.url (docs, package.json) hold in both. */
export const BUNDLE_DIR = join(ROOT, 'dist', 'bundle');

// Packages every check loads are bundled in, so that their compiled code is cached with ours and
// no package is resolved at start-up; those loaded lazily or rarely stay external (and ES modules:
// pdfjs-dist, loaded with import(), as before).
const INLINED = new Set(['commander', 'chalk', 'decimal.js']);

/**
 * commander requires node:child_process at start-up (a few milliseconds of a cold start) for
 * subcommands run as separate executables, which budgetlint has none of: it is required when used.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code, id) {
    if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    const eager = "const childProcess = require('node:child_process');";
    // another commander: bundled as it is
    if (!code.includes(eager)) return null;
    return code.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };");
  },
};

const { rolldown } = await import('rolldown');
rmSync(BUNDLE_DIR, { recursive: true, force: true });
const bundle = await rolldown({
  input: { cli: join(ROOT, 'dist/cli.js'), worker: join(ROOT, 'dist/batch/worker.js'), 'compile-cache': join(ROOT, 'dist/compile-cache.js') },
  platform: 'node',
  // node: built-ins and the other packages are loaded as they would be unbundled (a package's own
  // imports, `#ansi-styles` in chalk, go with it)
  external: (id) => !INLINED.has(id) && !id.startsWith('#') && !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id),
  plugins: [lazyChildProcess],
  logLevel: 'warn',
});
try {
  // the worker pool starts dist/bundle/worker.js (new URL('./worker.js', import.meta.url))
  await bundle.write({ dir: BUNDLE_DIR, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
} finally {
  await bundle.close();
}
// the package is "type": "module"; its .js files below here are CommonJS
writeFileSync(join(BUNDLE_DIR, 'package.json'), '{ "type": "commonjs" }\n');
