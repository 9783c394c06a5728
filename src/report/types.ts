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
  /** last year's disclosure it was checked against (--previous, --series) */
  previous?: string;
  /** the file the 情况说明 was read from (a text file, or the PDF it is printed in) */
  text?: string;
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
  /** with --baseline: findings left out because the baseline holds them, and its entries no longer found */
  baseline?: { suppressed: number; fixed: number };
}

export interface ReportOptions {
  lang: Lang;
  color: boolean;
  failOn: Severity;
  verbose: boolean;
  /** the rules that ran (built-in and custom), for formats that describe them (SARIF, JUnit); all built-in rules when absent */
  rules?: readonly RuleMeta[];
  /** the configuration file the check used, named so that a file found in a parent directory never acts unseen */
  config?: string;
  /** where each rule's documentation is, by rule id (built-in and configured rules) */
  docs?: (ruleId: string) => string | undefined;
}

/** A report written as disclosures are checked: nothing of a disclosure is kept once it is written. */
export interface ReportStream {
  /** what comes before the first disclosure */
  head(): string;
  /** one disclosure, in input order */
  disclosure(r: DisclosureResult): string;
  /** what comes after the last */
  tail(summary: Summary): string;
}

export interface Formatter {
  name: string;
  /** a report of `total` disclosures, written piece by piece */
  open(opts: ReportOptions, total: number): ReportStream;
  /** the whole report at once: the same bytes as the stream's pieces joined */
  format(results: DisclosureResult[], summary: Summary, opts: ReportOptions): string;
}

/** A formatter from its stream: the whole report is the stream's pieces joined. */
export function streamed(name: string, open: (opts: ReportOptions, total: number) => ReportStream): Formatter {
  return {
    name,
    open,
    format(results, summary, opts) {
      const s = open(opts, results.length);
      let out = s.head();
      for (const r of results) out += s.disclosure(r);
      return out + s.tail(summary);
    },
  };
}

/** Adds one disclosure's counts to a running summary. */
export function addToSummary(s: Summary, r: DisclosureResult): void {
  s.disclosures++;
  if (r.fatal) s.failed++;
  for (const f of r.findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
}

export function summarize(results: DisclosureResult[]): Summary {
  const s: Summary = { disclosures: 0, errors: 0, warnings: 0, infos: 0, failed: 0 };
  for (const r of results) addToSummary(s, r);
  return s;
}
