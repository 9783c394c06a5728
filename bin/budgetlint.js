#!/usr/bin/env node
// Entry point: runs the compiled CLI and turns any unexpected failure into exit 2 without a
// stack trace (unless --debug). The bundle (scripts/build.mjs) starts faster; the modules tsc
// wrote are the fallback when only they were built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const cli = existsSync(fileURLToPath(bundled)) ? bundled : new URL('../dist/cli.js', import.meta.url);
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
