// The coverage a report carries: figures taken by claims, and the others with why.
import type { Narrative } from './model.js';

export function narrativeCoverage(n: Narrative) {
  return {
    file: n.file,
    extracted: n.extracted,
    unmatched: n.unmatched.map((u) => ({ text: u.text, ...(u.loc.page !== undefined ? { page: u.loc.page } : {}), line: u.loc.line, column: u.loc.column, reason: u.reason })),
  };
}
