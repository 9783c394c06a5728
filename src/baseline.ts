// A baseline: the findings a repository has accepted, so that a check reports only new ones.
// A finding is known by what it says, not where it is printed: rule, disclosure, file, table, row,
// column, the stated and recomputed figures and the other figures its message cites — never line
// numbers, so edits elsewhere in a file leave it recognised. Equal identities are counted, so a
// second finding just like an accepted one is still reported.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Finding } from './core/findings.js';
import type { DisclosureResult } from './report/types.js';
import { findingKey } from './rules/root-cause.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  messageId?: string;
  /** the disclosure, relative to the baseline file's directory */
  disclosure: string;
  /** the file within the disclosure */
  file: string;
  table?: string;
  row?: string;
  col?: string;
  stated?: string;
  recomputed?: string;
  /** the figures the message cites, in order: what tells two claims of one text apart */
  figures: string;
  /** how many findings share this identity */
  count?: number;
  /** the message when the baseline was written, for the reader (not part of the identity) */
  message?: string;
}

export interface BaselineFile {
  budgetlint: 'baseline';
  version: number;
  findings: BaselineEntry[];
}

export interface BaselineOutcome {
  /** findings left out because the baseline holds them */
  suppressed: number;
  /** baseline entries of the disclosures checked that no longer occur */
  fixed: number;
}

function posix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function relativeTo(base: string, p: string): string {
  const r = relative(base, resolve(p));
  return posix(r === '' ? '.' : r);
}

/** Figures a message cites: amounts and rates, without the codes and counts in names. */
function figuresOf(message: string): string {
  return (message.match(/-?\d[\d,]*\.\d+/g) ?? []).map((x) => x.replace(/,/g, '')).join(' ');
}

const IDENTITY_KEYS = ['rule', 'messageId', 'disclosure', 'file', 'table', 'row', 'col', 'stated', 'recomputed', 'figures'] as const;

function keyOf(e: BaselineEntry): string {
  return JSON.stringify(IDENTITY_KEYS.map((k) => e[k] ?? null));
}

export function identityOf(f: Finding, disclosurePath: string, baseDir: string): BaselineEntry {
  const root = resolve(disclosurePath);
  const file = resolve(f.location.file);
  const within = relative(root, file);
  const e: BaselineEntry = {
    rule: f.ruleId,
    disclosure: relativeTo(baseDir, disclosurePath),
    // a disclosure given as one file is its own file
    file: within === '' ? '.' : !within.startsWith('..') && !isAbsolute(within) ? posix(within) : relativeTo(baseDir, file),
    figures: figuresOf(f.message.zh),
  };
  if (f.messageId) e.messageId = f.messageId;
  if (f.location.table) e.table = f.location.table;
  if (f.location.row) e.row = f.location.row;
  if (f.location.col) e.col = f.location.col;
  if (f.actual !== undefined) e.stated = f.actual;
  if (f.expected !== undefined) e.recomputed = f.expected;
  return e;
}

/** Gathers a baseline result by result; the baseline file will be written at `file`. */
export function baselineBuilder(file: string): { add(r: DisclosureResult): void; done(): BaselineFile } {
  const baseDir = dirname(resolve(file));
  const byKey = new Map<string, BaselineEntry>();
  return {
    add(r) {
      for (const f of r.findings) {
        const e = identityOf(f, r.path, baseDir);
        const k = keyOf(e);
        const seen = byKey.get(k);
        if (seen) seen.count = (seen.count ?? 1) + 1;
        else byKey.set(k, { ...e, message: f.message.zh });
      }
    },
    done: () => ({ budgetlint: 'baseline', version: BASELINE_VERSION, findings: [...byKey.values()] }),
  };
}

/** The baseline of these results; the baseline file will be written at `file`. */
export function makeBaseline(results: readonly DisclosureResult[], file: string): BaselineFile {
  const b = baselineBuilder(file);
  for (const r of results) b.add(r);
  return b.done();
}

export function formatBaseline(b: BaselineFile): string {
  // one entry a line: a baseline under version control changes by lines that mean something
  const lines = b.findings.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "budgetlint": "baseline",\n  "version": ${b.version},\n  "findings": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export class BaselineError extends Error {}

const STRING_KEYS = ['rule', 'disclosure', 'file', 'figures'] as const;
const OPTIONAL_KEYS = ['messageId', 'table', 'row', 'col', 'stated', 'recomputed', 'message'] as const;

/** Reads a baseline file's text; a malformed one is a BaselineError saying where. */
export function parseBaseline(text: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`not JSON: ${(e as Error).message}`);
  }
  const o = data as Partial<BaselineFile> | null;
  if (!o || typeof o !== 'object' || o.budgetlint !== 'baseline' || !Array.isArray(o.findings)) {
    throw new BaselineError('not a budgetlint baseline (expected {"budgetlint": "baseline", "version": 1, "findings": [...]}; write one with: budgetlint baseline <paths> -o <file>)');
  }
  if (o.version !== BASELINE_VERSION) throw new BaselineError(`baseline version ${String(o.version)} is not supported (this budgetlint writes version ${BASELINE_VERSION})`);
  o.findings.forEach((e: unknown, i) => {
    const entry = e as Record<string, unknown> | null;
    if (!entry || typeof entry !== 'object') throw new BaselineError(`findings[${i}]: not an object`);
    for (const k of STRING_KEYS) if (typeof entry[k] !== 'string') throw new BaselineError(`findings[${i}].${k}: expected a string`);
    for (const k of OPTIONAL_KEYS) if (entry[k] !== undefined && typeof entry[k] !== 'string') throw new BaselineError(`findings[${i}].${k}: expected a string`);
    if (entry.count !== undefined && !(Number.isInteger(entry.count) && (entry.count as number) >= 1)) throw new BaselineError(`findings[${i}].count: expected a whole number of at least 1`);
  });
  return o as BaselineFile;
}

/** Leaves out of results, one at a time, the findings the baseline holds; counts what it left out and what is gone. */
export interface BaselineFilter {
  apply(r: DisclosureResult): DisclosureResult;
  outcome(): BaselineOutcome;
}

/**
 * The filter of a baseline written at `file`. Entries for disclosures not checked now are neither
 * used nor counted as fixed.
 */
export function baselineFilter(baseline: BaselineFile, file: string): BaselineFilter {
  const baseDir = dirname(resolve(file));
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(keyOf(e), (left.get(keyOf(e)) ?? 0) + (e.count ?? 1));
  const checked = new Set<string>();
  let suppressed = 0;
  return {
    apply(r) {
      checked.add(relativeTo(baseDir, r.path));
      const findings = r.findings.filter((f) => {
        const k = keyOf(identityOf(f, r.path, baseDir));
        const n = left.get(k) ?? 0;
        if (n === 0) return true;
        left.set(k, n - 1);
        suppressed++;
        return false;
      });
      if (findings.length === r.findings.length) return r;
      // a cause is shown while one of the findings it explains is
      const shown = new Set(findings.map(findingKey));
      const rootCauses = r.rootCauses?.filter((c) => c.findings.some((k) => shown.has(k)));
      const kept: DisclosureResult = { ...r, findings };
      if (rootCauses?.length) kept.rootCauses = rootCauses;
      else delete kept.rootCauses;
      return kept;
    },
    outcome() {
      let fixed = 0;
      const counted = new Set<string>();
      for (const e of baseline.findings) {
        const k = keyOf(e);
        if (!checked.has(e.disclosure) || counted.has(k)) continue;
        counted.add(k);
        fixed += left.get(k) ?? 0;
      }
      return { suppressed, fixed };
    },
  };
}

/** The whole-results form of baselineFilter. */
export function applyBaseline(results: readonly DisclosureResult[], baseline: BaselineFile, file: string): { results: DisclosureResult[]; outcome: BaselineOutcome } {
  const filter = baselineFilter(baseline, file);
  const out = results.map((r) => filter.apply(r));
  return { results: out, outcome: filter.outcome() };
}
