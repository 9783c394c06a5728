// Per-rule fixtures (fixtures/rules/<id>/), for the table rules and the narrative rules alike
// (a narrative fixture is a 情况说明 text, with tables where the rule compares the two): `good`
// gives no finding of the rule; every `bad*` directory gives exactly the findings written beside it (bad → expected.json,
// bad-<name> → expected-<name>.json), in the engine's order, and under --strict the
// `strict` list when one is given.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { badCaseNames, expectedFileOf, loadFixtureCase } from '../src/docs/examples.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { runRules } from '../src/rules/engine.js';
import { RULES } from '../src/rules/index.js';
import type { CheckOptions } from '../src/rules/types.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures/rules');

interface Expected {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  expected?: string;
  actual?: string;
  difference?: string;
  /** only for findings that are no comparison (missing or empty tables), where it names what is meant */
  table?: string;
}

interface ExpectedFile {
  findings: Expected[];
  strict?: Expected[];
}

const OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };

/** What a fixture pins down of a finding: rule, severity, place and the three numbers. */
function project(f: Finding): Expected {
  const out: Expected = {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
  };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.difference !== undefined) out.difference = f.difference;
  if (f.expected === undefined && f.location.table) out.table = f.location.table;
  return out;
}

async function findingsOf(dir: string, ruleId: string, options: CheckOptions): Promise<Expected[]> {
  // a rule over two years finds last year's disclosure in the case's previous/ directory
  const { disclosure: d, previous } = await loadFixtureCase(dir, ROOT);
  return runRules(d, options, undefined, undefined, previous)
    .filter((f) => f.ruleId === ruleId)
    .map(project);
}

const ruleIds = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('rule fixtures', () => {
  it('every rule has a fixture directory with good/, bad/ and expected.json', () => {
    const missing = RULES.map((r) => r.meta.id).filter(
      (id) => !['good', 'bad', 'expected.json'].every((p) => existsSync(join(FIXTURES, id, p))),
    );
    expect(missing).toEqual([]);
  });

  it('every fixture directory belongs to a registered rule', () => {
    const known = new Set(RULES.map((r) => r.meta.id));
    expect(ruleIds.filter((id) => !known.has(id))).toEqual([]);
  });

  for (const id of ruleIds) {
    describe(id, () => {
      const ruleDir = join(FIXTURES, id);

      // so that "no finding" cannot come from a table or a text the loader did not read
      it('good and bad load cleanly: every CSV file is a table, a text file is the 情况说明, and no load issue', async () => {
        for (const sub of ['good', ...badCaseNames(ruleDir)]) {
          const d = await loadDisclosure(join(ruleDir, sub), { cwd: ROOT });
          expect(d.issues, sub).toEqual([]);
          const names = readdirSync(join(ruleDir, sub));
          const csv = names.filter((n) => n.endsWith('.csv'));
          expect(Object.values(d.tables).map((t) => t.file).sort(), sub).toEqual(csv.map((n) => `fixtures/rules/${id}/${sub}/${n}`).sort());
          const text = names.filter((n) => /\.(txt|md)$/.test(n));
          expect(text.length, sub).toBeLessThanOrEqual(1);
          expect(d.narrative?.file, sub).toBe(text[0] === undefined ? undefined : `fixtures/rules/${id}/${sub}/${text[0]}`);
        }
      });

      it('good: no finding', async () => {
        expect(await findingsOf(join(ruleDir, 'good'), id, OPTIONS)).toEqual([]);
        expect(await findingsOf(join(ruleDir, 'good'), id, { ...OPTIONS, strict: true })).toEqual([]);
      });

      for (const c of badCaseNames(ruleDir).map((dir) => ({ dir, expected: expectedFileOf(dir) }))) {
        const exp = JSON.parse(readFileSync(join(ruleDir, c.expected), 'utf8')) as ExpectedFile;

        it(`${c.dir}: exactly the findings in ${c.expected}`, async () => {
          expect(exp.findings.length).toBeGreaterThan(0);
          expect(await findingsOf(join(ruleDir, c.dir), id, OPTIONS)).toEqual(exp.findings);
        });

        if (exp.strict) {
          const strict = exp.strict;
          it(`${c.dir}: with strict, exactly the strict findings in ${c.expected}`, async () => {
            expect(await findingsOf(join(ruleDir, c.dir), id, { ...OPTIONS, strict: true })).toEqual(strict);
          });
        }
      }
    });
  }
});
