// What every formatter receives: the findings of each disclosure checked, in stable order.
import type { Bilingual, Finding, Lang, Severity } from '../core/findings.js';
import type { RuleMeta } from '../rules/types.js';
import type { RootCause } from '../rules/root-cause.js';
import type { Sources } from '../load/model.js';

export interface DisclosureResult {
  path: string;
  findings: Finding[];
  /** what was read and checked: the layout, each table, the rules that ran and what they could not check */
  read?: ReadSummary;
  /** the figures whose correction would make clusters of findings hold */
  rootCauses?: RootCause[];
  /** the published content as read, for the HTML report (only when asked for) */
  sources?: Sources;
  /** the figures of the 情况说明 text: how many claims took, and the others with why */
  coverage?: NarrativeCoverage;
  /** set when the disclosure could not be used at all */
  fatal?: { message: { zh: string; en: string }; file: string; line?: number; column?: number };
}

export interface ReadSummary {
  layout: { id: string; name: Bilingual; how: 'detected' | 'forced' | 'manifest' | 'none' };
  tables: Array<{
    file: string;
    /** the layout's id for the table (T5), when it names it */
    id?: string;
    kind: string;
    label: Bilingual;
    structure: string;
    rows: number;
    /** amount columns read, by id (total, basic, total@budget …; ?N for one not recognised) */
    columns: string[];
    /** the row formulas checked on it */
    formulas: string[];
  }>;
  rules: string[];
  skipped: Array<{ rule: string; what: string; why: Bilingual }>;
}

export interface NarrativeCoverage {
  file: string;
  extracted: number;
  unmatched: Array<{ text: string; page?: number; line: number; column: number; reason: string }>;
}

export interface Summary {
  disclosures: number;
  errors: number;
  warnings: number;
  infos: number;
  /** disclosures that could not be read */
  failed: number;
}

export interface ReportOptions {
  lang: Lang;
  color: boolean;
  failOn: Severity;
  verbose: boolean;
  /** the rules that ran (built-in and custom), for formats that describe them (SARIF, JUnit); all built-in rules when absent */
  rules?: readonly RuleMeta[];
}

export interface Formatter {
  name: string;
  format(results: DisclosureResult[], summary: Summary, opts: ReportOptions): string;
}

export function summarize(results: DisclosureResult[]): Summary {
  const s: Summary = { disclosures: results.length, errors: 0, warnings: 0, infos: 0, failed: 0 };
  for (const r of results) {
    if (r.fatal) s.failed++;
    for (const f of r.findings) {
      if (f.severity === 'error') s.errors++;
      else if (f.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}
