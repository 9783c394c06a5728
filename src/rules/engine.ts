// Runs the rules over a loaded disclosure: which rules (selection and levels belong here), with
// which layout, and what could not be checked. Load problems become findings of their own.
import { compareFindings, type Finding } from '../core/findings.js';
import type { Bilingual } from '../core/vocabulary.js';
import { BUILTIN_LAYOUTS, findLayout } from '../layout/index.js';
import type { LayoutProfile } from '../layout/types.js';
import type { Disclosure, LoadIssue } from '../load/model.js';
import type { PreviousDisclosure } from '../load/previous.js';
import { compileCustomRule, type CustomRuleSpec } from './custom/index.js';
import { RULES } from './index.js';
import type { CheckOptions, Rule, Skipped } from './types.js';

export const INPUT_RULE_PREFIX = 'input/';

/** A rule's configured level: off, or capped / raised to one severity. */
export type RuleLevel = 'off' | 'warning' | 'error';
export type RuleLevels = Record<string, RuleLevel>;

export function issueToFinding(i: LoadIssue): Finding {
  const location = i.table ? { ...i.loc, table: i.table } : { ...i.loc };
  return { ruleId: `${INPUT_RULE_PREFIX}${i.code}`, severity: i.severity, message: i.message, location };
}

export interface RunResult {
  findings: Finding[];
  /** checks that could not be made, and why */
  skipped: Skipped[];
  /** the rules that ran */
  ran: string[];
}

export function runChecks(
  disclosure: Disclosure,
  options: CheckOptions,
  rules: readonly Rule[] = RULES,
  layouts: readonly LayoutProfile[] = BUILTIN_LAYOUTS,
  previous?: PreviousDisclosure,
): RunResult {
  const layout = findLayout(disclosure.layout, layouts) ?? findLayout('national', BUILTIN_LAYOUTS)!;
  const findings: Finding[] = disclosure.issues.map(issueToFinding);
  const skipped: Skipped[] = [];
  // the rules over two years run only when last year's disclosure is given
  const active = previous ? rules : rules.filter((r) => !r.meta.needsPrevious);
  for (const rule of active) {
    const skip = (what: string, why: Bilingual) => skipped.push({ rule: rule.meta.id, what, why });
    for (const f of rule.check({ disclosure, options, layout, skip, ...(previous ? { previous } : {}) })) findings.push(f); // not push(...): a rule may find more than a call takes
  }
  return { findings: findings.sort(compareFindings), skipped, ran: active.map((r) => r.meta.id) };
}

export function runRules(disclosure: Disclosure, options: CheckOptions, rules: readonly Rule[] = RULES, layouts?: readonly LayoutProfile[], previous?: PreviousDisclosure): Finding[] {
  return runChecks(disclosure, options, rules, layouts, previous).findings;
}

const compiled = new Map<string, Rule>();

/** The rules to run: the base set and the custom rules, less those turned off. */
export function rulesFor(base: readonly Rule[], customRules: readonly CustomRuleSpec[] | undefined, levels: RuleLevels | undefined): readonly Rule[] {
  if (!customRules?.length && !levels) return base;
  const custom = (customRules ?? []).map((spec) => {
    const key = JSON.stringify(spec);
    let r = compiled.get(key);
    if (!r) compiled.set(key, (r = compileCustomRule(spec)));
    return r;
  });
  return [...base, ...custom].filter((r) => levels?.[r.meta.id] !== 'off');
}

/**
 * A rule's level applied to its findings: `off` drops them; `warning` caps them (an error
 * becomes a warning, a note stays a note); `error` makes every one an error, 尾差 included.
 */
export function applyLevels(findings: Finding[], levels: RuleLevels | undefined): Finding[] {
  if (!levels) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const level = levels[f.ruleId];
    if (level === 'off') continue;
    if (level === 'error' && f.severity !== 'error') out.push({ ...f, severity: 'error' });
    else if (level === 'warning' && f.severity === 'error') out.push({ ...f, severity: 'warning' });
    else out.push(f);
  }
  return out;
}
