// The rule documentation as files: one page per rule and the index, from the rules' metadata
// and fixtures. Shared by scripts/gen-rule-docs.mjs (writes them) and the test (compares them).
import type { Rule } from '../rules/types.js';
import { loadRuleExamples } from './examples.js';
import { renderRuleDoc, renderRuleIndex } from './rule-doc.js';

export interface DocPage {
  /** relative to the repository root */
  path: string;
  text: string;
}

export const RULE_DOCS_DIR = 'docs/rules';

export function ruleDocPath(id: string): string {
  return `${RULE_DOCS_DIR}/${id}.md`;
}

export async function renderRulePage(root: string, rule: Rule): Promise<DocPage> {
  return { path: ruleDocPath(rule.meta.id), text: renderRuleDoc(rule, await loadRuleExamples(root, rule)) };
}

/** Every page for these rules, then the index listing them. `root` is the repository root. */
export async function renderRuleDocs(root: string, rules: readonly Rule[]): Promise<DocPage[]> {
  const pages: DocPage[] = [];
  for (const r of rules) pages.push(await renderRulePage(root, r));
  pages.push({ path: `${RULE_DOCS_DIR}/index.md`, text: renderRuleIndex(rules) });
  return pages;
}
