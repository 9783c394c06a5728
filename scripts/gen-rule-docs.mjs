#!/usr/bin/env node
// Writes docs/rules/<id>.md for every registered rule (table and narrative) and docs/rules/index.md,
// from the built rules (dist/) and fixtures/rules/.
// `npm run docs` builds first; tests/rule-docs.test.ts fails when the committed pages differ
// from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { RULES } = await import('../dist/rules/index.js');
const { renderRuleDocs } = await import('../dist/docs/generate.js');

const pages = await renderRuleDocs(root, RULES);
for (const p of pages) {
  const file = join(root, p.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, p.text);
}
process.stdout.write(`wrote ${pages.length} pages to docs/rules/\n`);
