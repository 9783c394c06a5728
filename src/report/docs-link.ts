// Where a rule's documentation is: the page a team hosts (docsUrl, with {rule}), else the page
// installed with budgetlint itself (docs/rules/<id>.md in the package, found from this module, so
// it resolves wherever the package is installed, not only in a source checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = new URL('../../', import.meta.url); // dist/report/ → the package

/** The installed documentation page of a built-in rule, as a path, when it is there. */
export function installedRuleDoc(ruleId: string): string | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleId)) return undefined; // custom (local/…) and input/… rules have none
  const path = fileURLToPath(new URL(`docs/rules/${ruleId}.md`, PACKAGE_ROOT));
  return existsSync(path) ? path : undefined;
}

/** A function giving each rule's documentation URL (file: URLs for the installed pages). */
export function ruleDocs(template?: string): (ruleId: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (ruleId) => {
    if (template) return template.replace(/\{rule\}/g, encodeURIComponent(ruleId));
    if (!cache.has(ruleId)) {
      const path = installedRuleDoc(ruleId);
      cache.set(ruleId, path === undefined ? undefined : pathToFileURL(path).href);
    }
    return cache.get(ruleId);
  };
}
