// The one findings type every rule produces and every formatter reads.
import type { Severity } from './decimal.js';
import type { Bilingual } from '../load/errors.js';
import type { Location, TableKind } from '../load/model.js';

export type { Bilingual, Severity };
export type Lang = 'zh' | 'en';

export interface FindingLocation extends Location {
  table?: TableKind;
  /** the row: classification code and name, or the income item */
  row?: string;
  /** the column's printed header */
  col?: string;
}

/** One figure a recomputation used, with where it stands. */
export interface FindingInput {
  label: Bilingual;
  value: string;
  location?: Location;
}

export interface Finding {
  ruleId: string;
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

/** Stable order: file, line, column, rule, then message, so output is byte-identical run to run. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message.en, b.message.en)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fills {key} placeholders from `data`'s own keys only: "{constructor}" stays as written. */
export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(data, k) ? String(data[k]) : m));
}
