// The README's quick start says what checking the bundled example gives: its exit code and how many
// errors, warnings and notes. This keeps that paragraph true as the rules change.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runMain } from './helpers.js';

it('the bundled example gives the exit code and the findings the README says', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const command = /npm install && node bin\/budgetlint\.js check (\S+)/.exec(readme)![1]!;
  const said = /It exits \*\*(\d)\*\*: [\s\S]*?has (\d+) errors[\s\S]*?Its (\d+) warnings[\s\S]*?its (\d+) notes/.exec(readme)!;
  expect(said, 'the quick start describes the example').not.toBeNull();
  const r = await runMain('check', command, '--no-config', '--jobs', '1', '-f', 'json');
  const { summary } = JSON.parse(r.out);
  expect([r.code, summary.errors, summary.warnings, summary.infos]).toEqual(said.slice(1, 5).map(Number));
});
