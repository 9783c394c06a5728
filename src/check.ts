// The library entry: load each path, run the rules, and hand back results for a formatter.
import { applyLevels, rulesFor, type RuleLevels } from './config/index.js';
import { InputError } from './load/errors.js';
import { loadDisclosure, type LoadOptions } from './load/disclosure.js';
import { narrativeCoverage } from './load/narrative/coverage.js';
import { runRules } from './rules/engine.js';
import { RULES } from './rules/index.js';
import type { CustomRuleSpec } from './rules/custom/index.js';
import type { CheckOptions, Rule } from './rules/types.js';
import type { DisclosureResult } from './report/types.js';

export interface CheckRequest {
  paths: string[];
  load: LoadOptions;
  options: CheckOptions;
  rules?: readonly Rule[];
  /** per-rule levels from configuration (off / warning / error) */
  levels?: RuleLevels;
  /** declarative rules from configuration, as data so that worker threads can run them too */
  customRules?: CustomRuleSpec[];
  /** keep the text's uncovered figures in each result (for --verbose); off, results stay small */
  coverage?: boolean;
}

export async function checkPath(path: string, req: Omit<CheckRequest, 'paths'>): Promise<DisclosureResult> {
  try {
    const d = await loadDisclosure(path, req.load);
    const rules = rulesFor(req.rules ?? RULES, req.customRules, req.levels);
    const result: DisclosureResult = { path: d.path, findings: applyLevels(runRules(d, req.options, rules), req.levels) };
    if (d.narrative && req.coverage) result.coverage = narrativeCoverage(d.narrative);
    return result;
  } catch (e) {
    if (e instanceof InputError) {
      const fatal: NonNullable<DisclosureResult['fatal']> = { message: e.text, file: e.file };
      if (e.line !== undefined) fatal.line = e.line;
      if (e.column !== undefined) fatal.column = e.column;
      return { path, findings: [], fatal };
    }
    throw e;
  }
}

export async function check(req: CheckRequest): Promise<DisclosureResult[]> {
  const out: DisclosureResult[] = [];
  for (const p of req.paths) out.push(await checkPath(p, req));
  return out;
}
