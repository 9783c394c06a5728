#!/usr/bin/env node
// Entry point: runs the compiled CLI and turns any unexpected failure into exit 2 without a
// stack trace (unless --debug). The bundle (scripts/build.mjs) starts faster; the modules tsc
// wrote are run instead when only they were built, or built after it (a tsc-only rebuild must
// not leave an older bundle answering).
import { existsSync, statSync } from 'node:fs';
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
try {
  const { main } = await import(cli.href);
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`budgetlint: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('budgetlint: run again with --debug for details\n');
  process.exitCode = 2;
}
