// Shared test plumbing: load a disclosure and run rules with default options.
import { main } from '../src/cli.js';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import type { Disclosure } from '../src/load/model.js';
import { runRules } from '../src/rules/engine.js';
import { RULES } from '../src/rules/index.js';
import type { CheckOptions } from '../src/rules/types.js';

export const TABLE_RULE_IDS = [
  'row-total',
  'rollup',
  'column-total',
  'balance',
  'income-agreement',
  'class-agreement',
  'general-budget-agreement',
  'fiscal-agreement',
  'basic-agreement',
  'project-agreement',
  'three-public-limits',
  'agency-operation',
  'empty-table',
  'missing-table',
];

export function options(over: Partial<CheckOptions> = {}): CheckOptions {
  return { strict: false, approxTolerance: new Decimal('0.005'), ...over };
}

export async function load(path: string): Promise<Disclosure> {
  return loadDisclosure(path, { cwd: process.cwd() });
}

const TABLE_RULES = RULES.filter((r) => TABLE_RULE_IDS.includes(r.meta.id));

/** Findings of the table rules (and of loading) only; narrative rules have their own tests. */
export function tableFindings(d: Disclosure, over: Partial<CheckOptions> = {}): Finding[] {
  return runRules(d, options(over), TABLE_RULES);
}

/** The parts of a finding a test pins down exactly. */
export function brief(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    at: `${f.location.file}:${f.location.line}:${f.location.column}`,
    row: f.location.row,
    col: f.location.col,
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
  };
}

/** Captures what the CLI writes; not a terminal, so no colours and no progress bar. */
class Sink {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** Runs the CLI in-process, as `budgetlint <argv>` would. */
export async function runMain(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new Sink();
  const err = new Sink();
  const code = await main(argv, { out: out as unknown as NodeJS.WriteStream, err: err as unknown as NodeJS.WriteStream });
  return { code, out: out.text, err: err.text };
}
