// The one findings type every rule produces and every formatter reads.
import type { Bilingual, Lang, Location, Severity } from './vocabulary.js';

export type { Bilingual, Lang, Severity };

export interface FindingLocation extends Location {
  /** the table: its layout id (T5) or its role when the layout does not name it */
  table?: string;
  /** the table as the document names it: number and name */
  tableName?: Bilingual;
  /** the row: classification code and name, or the income item */
  row?: string;
  /** the column's printed header */
  col?: string;
  /**
   * A finding about the disclosure as a whole (a table missing) has line and column 0 and its file
   * is the disclosure; `order` places it among its like (the table's place in the layout).
   */
  order?: number;
}

/** One figure a recomputation used, with where it stands. */
export interface FindingInput {
  label: Bilingual;
  value: string;
  /** the unit the value is printed in (元, 万元, %) */
  unit?: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
  /** which of the rule's messages (RuleMeta.messages) this is */
  messageId?: string;
  severity: Severity;
  message: Bilingual;
  location: FindingLocation;
  /** what the other figures give (recomputed), as a decimal string */
  expected?: string;
  /** what is published */
  actual?: string;
  /** actual − expected */
  difference?: string;
  /** unit of expected/actual/difference */
  unit?: string;
  inputs?: FindingInput[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function severityRank(s: Severity): number {
  return SEVERITY_ORDER[s];
}

/** Stable order: file, (page,) line, column, rule, then message, so output is byte-identical run to run. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    (a.location.page ?? 0) - (b.location.page ?? 0) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    (a.location.order ?? 0) - (b.location.order ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message.en, b.message.en)
  );
}

/** A finding about the disclosure as a whole, not any place in a file. */
export function isDisclosureWide(f: Finding): boolean {
  return f.location.line === 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fills {key} placeholders from `data`'s own keys only: "{constructor}" stays as written. */
export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(data, k) ? String(data[k]) : m));
}
