// Runs the rules over a loaded disclosure; load problems become findings of their own.
import { compareFindings, type Finding } from '../core/findings.js';
import type { Disclosure, LoadIssue } from '../load/model.js';
import { RULES } from './index.js';
import type { CheckOptions, Rule } from './types.js';

export const INPUT_RULE_PREFIX = 'input/';

export function issueToFinding(i: LoadIssue): Finding {
  const location = i.table ? { ...i.loc, table: i.table } : { ...i.loc };
  return { ruleId: `${INPUT_RULE_PREFIX}${i.code}`, severity: i.severity, message: i.message, location };
}

export function runRules(disclosure: Disclosure, options: CheckOptions, rules: readonly Rule[] = RULES): Finding[] {
  const findings: Finding[] = disclosure.issues.map(issueToFinding);
  for (const rule of rules) findings.push(...rule.check({ disclosure, options }));
  return findings.sort(compareFindings);
}
