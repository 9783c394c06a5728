// Machine-readable output; the shape is documented in docs/json-format.md and kept stable.
import type { Finding, Lang } from '../core/findings.js';
import type { Correction, RootCause } from '../rules/root-cause.js';
import { rootCauseText } from './root-cause.js';
import { safeJson } from './escape.js';
import { streamed, type DisclosureResult, type Formatter, type ReadSummary, type ReportOptions } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

function findingJson(f: Finding, opts: ReportOptions) {
  const lang = opts.lang;
  // order only sorts findings about the disclosure as a whole
  const { tableName, order: _order, ...loc } = f.location;
  const o: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(f.messageId ? { messageId: f.messageId } : {}),
    severity: f.severity,
    message: f.message[lang],
    location: tableName ? { ...loc, tableName: tableName[lang] } : loc,
  };
  if (f.expected !== undefined) o.expected = f.expected;
  if (f.actual !== undefined) o.actual = f.actual;
  if (f.difference !== undefined) o.difference = f.difference;
  if (f.unit !== undefined) o.unit = f.unit;
  if (f.inputs?.length) o.inputs = f.inputs.map((i) => ({ label: i.label[lang], value: i.value, ...(i.unit ? { unit: i.unit } : {}), location: i.location }));
  const docs = opts.docs?.(f.ruleId);
  if (docs) o.docs = docs;
  return o;
}

function correctionJson(c: Correction, lang: Lang) {
  const { tableName, ...location } = c.location;
  return { location: tableName ? { ...location, tableName: tableName[lang] } : location, label: c.label[lang], printed: c.printed, corrected: c.corrected, unit: c.unit };
}

function rootCauseJson(r: RootCause, lang: Lang) {
  return {
    message: rootCauseText(r, lang),
    corrections: r.corrections.map((c) => correctionJson(c, lang)),
    ambiguous: r.alternatives.length > 0,
    alternatives: r.alternatives.map((set) => set.map((c) => correctionJson(c, lang))),
    findings: r.findings,
  };
}

/** What was read and checked, in one language. */
function readJson(r: ReadSummary, lang: Lang) {
  return {
    layout: { id: r.layout.id, name: r.layout.name[lang], how: r.layout.how },
    tables: r.tables.map((t) => ({ ...t, label: t.label[lang] })),
    rules: r.rules,
    skipped: r.skipped.map((s) => ({ rule: s.rule, what: s.what, why: s.why[lang] })),
    ...(r.previous ? { previous: r.previous } : {}),
    ...(r.text ? { text: r.text } : {}),
  };
}

/** One disclosure as JSON sees it, in one language. */
export function disclosureJson(r: DisclosureResult, opts: ReportOptions) {
  return {
    path: r.path,
    ...(r.fatal
      ? { error: { message: r.fatal.message[opts.lang], file: r.fatal.file, line: r.fatal.line ?? null, column: r.fatal.column ?? null } }
      : {}),
    ...(r.read ? { read: readJson(r.read, opts.lang) } : {}),
    ...(r.rootCauses?.length ? { rootCauses: r.rootCauses.map((rc) => rootCauseJson(rc, opts.lang)) } : {}),
    findings: r.findings.map((f) => findingJson(f, opts)),
  };
}

/** Every line after the first moved right by `n` spaces, to nest a printed value. */
function indent(text: string, n: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(n)}`);
}

/** One document: the disclosures written as each is checked, the summary last. */
export const jsonFormatter: Formatter = streamed('json', (opts) => {
  let first = true;
  return {
    head: () => `{\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n${opts.config ? `  "configuration": ${safeJson(opts.config)},\n` : ''}  "disclosures": [`,
    disclosure(r) {
      const sep = first ? '\n    ' : ',\n    ';
      first = false;
      return sep + indent(safeJson(disclosureJson(r, opts), 2), 4);
    },
    tail: (summary) => `${first ? '' : '\n  '}],\n  "summary": ${indent(safeJson(summary, 2), 2)}\n}\n`,
  };
});

/** One line a disclosure, for pipelines; the last line holds the summary. */
export const jsonlFormatter: Formatter = streamed('jsonl', (opts) => ({
  head: () => '',
  disclosure: (r) => safeJson({ schemaVersion: JSON_SCHEMA_VERSION, ...(opts.config ? { configuration: opts.config } : {}), ...disclosureJson(r, opts) }) + '\n',
  tail: (summary) => safeJson({ schemaVersion: JSON_SCHEMA_VERSION, summary }) + '\n',
}));
