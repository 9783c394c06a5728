// Machine-readable output; the shape is documented in docs/json-format.md and kept stable.
import type { Finding, Lang } from '../core/findings.js';
import type { DisclosureResult, Formatter, Summary } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

function findingJson(f: Finding, lang: Lang) {
  const o: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message[lang],
    location: f.location,
  };
  if (f.expected !== undefined) o.expected = f.expected;
  if (f.actual !== undefined) o.actual = f.actual;
  if (f.difference !== undefined) o.difference = f.difference;
  if (f.unit !== undefined) o.unit = f.unit;
  if (f.inputs?.length) o.inputs = f.inputs.map((i) => ({ label: i.label[lang], value: i.value, location: i.location }));
  return o;
}

export const jsonFormatter: Formatter = {
  name: 'json',
  format(results: DisclosureResult[], summary: Summary, opts) {
    return (
      JSON.stringify(
        {
          schemaVersion: JSON_SCHEMA_VERSION,
          summary,
          disclosures: results.map((r) => ({
            path: r.path,
            ...(r.fatal
              ? { error: { message: r.fatal.message[opts.lang], file: r.fatal.file, line: r.fatal.line ?? null, column: r.fatal.column ?? null } }
              : {}),
            findings: r.findings.map((f) => findingJson(f, opts.lang)),
          })),
        },
        null,
        2,
      ) + '\n'
    );
  },
};
