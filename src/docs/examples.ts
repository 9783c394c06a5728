// Reads a rule's fixtures (fixtures/rules/<id>/) into the examples its doc page shows: the
// good and bad files, the expected findings written beside them, and the messages the rule
// gives on them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '../core/decimal.js';
import type { Bilingual } from '../core/findings.js';
import { loadDisclosure } from '../load/disclosure.js';
import type { Disclosure } from '../load/model.js';
import { loadPrevious, type PreviousDisclosure } from '../load/previous.js';
import { BUILTIN_LAYOUTS, findLayout } from '../layout/index.js';
import { runRules } from '../rules/engine.js';
import type { CheckOptions, Rule } from '../rules/types.js';

/** One expected finding, as written in expected.json. */
export interface ExpectedFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  expected?: string;
  actual?: string;
  difference?: string;
  table?: string;
}

export interface FixtureFile {
  name: string;
  text: string;
}

export interface BadCase {
  /** directory name: bad, bad-error … */
  name: string;
  files: FixtureFile[];
  findings: ExpectedFinding[];
  strict?: ExpectedFinding[];
  /** the rule's message on each expected finding, in the same order (undefined when none matches) */
  messages: Array<Bilingual | undefined>;
  /** where the figures the findings were computed from stand */
  inputs: Array<{ file: string; line: number }>;
}

export interface RuleExamples {
  /** fixtures/rules/<id>, relative to the repository root */
  dir: string;
  good: FixtureFile[];
  bad: BadCase[];
}

export const FIXTURE_OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };

function readFiles(dir: string): FixtureFile[] {
  const files = readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  // last year's disclosure of a case, shown after this year's
  const prev = join(dir, 'previous');
  if (existsSync(prev) && statSync(prev).isDirectory()) for (const f of readFiles(prev)) files.push({ name: `previous/${f.name}`, text: f.text });
  return files;
}

/**
 * A fixture case as the rules see it: its disclosure and, for the rules over two years, last year's
 * disclosure in its `previous/` directory.
 */
export async function loadFixtureCase(dir: string, root: string): Promise<{ disclosure: Disclosure; previous?: PreviousDisclosure }> {
  const disclosure = await loadDisclosure(dir, { cwd: root });
  const prevDir = join(dir, 'previous');
  if (!existsSync(prevDir)) return { disclosure };
  const previous = await loadPrevious(prevDir, { cwd: root }, (id) => findLayout(id, BUILTIN_LAYOUTS) ?? findLayout('national', BUILTIN_LAYOUTS)!);
  return { disclosure, previous };
}

/** bad → expected.json, bad-<name> → expected-<name>.json */
export function expectedFileOf(caseName: string): string {
  return caseName === 'bad' ? 'expected.json' : `expected-${caseName.slice('bad-'.length)}.json`;
}

export function badCaseNames(ruleDir: string): string[] {
  return readdirSync(ruleDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^bad(-[a-z0-9-]+)?$/.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => (a === 'bad' ? -1 : b === 'bad' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

/** The examples of one rule, or undefined when it has no fixtures. `root` is the repository root. */
export async function loadRuleExamples(root: string, rule: Rule): Promise<RuleExamples | undefined> {
  const rel = `fixtures/rules/${rule.meta.id}`;
  const ruleDir = join(root, rel);
  if (!existsSync(join(ruleDir, 'good')) || !existsSync(join(ruleDir, 'bad'))) return undefined;
  const bad: BadCase[] = [];
  for (const name of badCaseNames(ruleDir)) {
    const exp = JSON.parse(readFileSync(join(ruleDir, expectedFileOf(name)), 'utf8')) as {
      findings: ExpectedFinding[];
      strict?: ExpectedFinding[];
    };
    const { disclosure: d, previous } = await loadFixtureCase(join(ruleDir, name), root);
    const actual = runRules(d, FIXTURE_OPTIONS, [rule], undefined, previous).filter((f) => f.ruleId === rule.meta.id);
    // each finding gives its message once: two findings at one place (a count against the text and
    // against 表七) keep their own, in the engine's order
    const unused = [...actual];
    const messages = exp.findings.map((e) => {
      const i = unused.findIndex(
        (f) => f.location.file === e.file && f.location.line === e.line && f.location.column === e.column &&
          f.severity === e.severity &&
          f.expected === e.expected &&
          (e.table === undefined || f.location.table === e.table),
      );
      return i < 0 ? undefined : unused.splice(i, 1)[0]!.message;
    });
    const inputs = actual.flatMap((f) => (f.inputs ?? []).flatMap((i) => (i.location ? [{ file: i.location.file, line: i.location.line }] : [])));
    const c: BadCase = { name, files: readFiles(join(ruleDir, name)), findings: exp.findings, messages, inputs };
    if (exp.strict) c.strict = exp.strict;
    bad.push(c);
  }
  return { dir: rel, good: readFiles(join(ruleDir, 'good')), bad };
}
