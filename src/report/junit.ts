// JUnit XML for CI test reports: one testsuite per disclosure, one testcase per rule, one
// <failure> per finding at or above the fail level. Findings below it are listed in the
// testcase's <system-out>, so the report still carries every finding.
import { placeText, withUnit } from './place.js';
import { severityRank, type Finding, type Lang } from '../core/findings.js';
import { escapeBidi } from './escape.js';
import { RULES } from '../rules/index.js';
import { streamed, type DisclosureResult, type Formatter, type ReportOptions } from './types.js';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/FFFF.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(s: string): string {
  return escapeBidi(s)
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** Text content: only &, < and > need escaping, and line breaks stay readable (bidi controls
 *  are made visible, as in every format a person reads). */
function xmlText(s: string): string {
  return escapeBidi(s).replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

const WORDS = {
  zh: { stated: '填报', expected: '重算', diff: '差额', from: '依据', cannot: '无法检查' },
  en: { stated: 'stated', expected: 'recomputed', diff: 'difference', from: 'from', cannot: 'cannot check' },
};

export function where(f: Finding): string {
  return placeText(f.location);
}

function details(f: Finding, lang: Lang): string {
  const w = WORDS[lang];
  const lines = [`${where(f)} ${f.severity} ${f.ruleId}: ${f.message[lang]}`];
  if (f.actual !== undefined && f.expected !== undefined) {
    const u = (v: string) => withUnit(v, f.unit, lang);
    lines.push(`${w.stated} ${u(f.actual)}; ${w.expected} ${u(f.expected)}; ${w.diff} ${u(f.difference ?? '')}`);
  }
  for (const i of f.inputs ?? []) {
    const at = i.location ? ` (${placeText(i.location)})` : '';
    lines.push(`${w.from}: ${i.label[lang]} ${withUnit(i.value, i.unit, lang)}${at}`);
  }
  return lines.join('\n');
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suite(r: DisclosureResult, ruleIds: string[], opts: ReportOptions): Suite {
  const limit = severityRank(opts.failOn);
  const byRule = new Map<string, Finding[]>(ruleIds.map((id) => [id, []]));
  for (const f of r.findings) byRule.get(f.ruleId)!.push(f);
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  const name = xmlEscape(r.path);
  if (r.fatal) {
    errors++;
    const at = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
    const msg = `${at}: ${r.fatal.message[opts.lang]}`;
    cases.push(
      `    <testcase classname="${name}" name="load">\n      <error message="${xmlEscape(msg)}" type="input">${xmlText(msg)}</error>\n    </testcase>`,
    );
  }
  for (const id of ruleIds) {
    const fs = byRule.get(id)!;
    const failing = fs.filter((f) => severityRank(f.severity) <= limit);
    const rest = fs.filter((f) => severityRank(f.severity) > limit);
    const head = `    <testcase classname="${name}" name="${xmlEscape(id)}"`;
    if (failing.length) failures++;
    if (!fs.length) {
      // nothing was checked when the disclosure could not be read: not a pass
      cases.push(r.fatal ? `${head}>\n      <skipped message="${xmlEscape(WORDS[opts.lang].cannot)}"/>\n    </testcase>` : `${head}/>`);
      continue;
    }
    const body = failing.map(
      (f) => `      <failure message="${xmlEscape(`${where(f)}: ${f.message[opts.lang]}`)}" type="${f.severity}">${xmlText(details(f, opts.lang))}</failure>`,
    );
    if (rest.length) body.push(`      <system-out>${xmlText(rest.map((f) => details(f, opts.lang)).join('\n\n'))}</system-out>`);
    cases.push(`${head}>\n${body.join('\n')}\n    </testcase>`);
  }
  const tests = ruleIds.length + (r.fatal ? 1 : 0);
  const skipped = r.fatal ? ruleIds.filter((id) => !byRule.get(id)!.length).length : 0;
  const xml = `  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  return { xml, tests, failures, errors, skipped };
}

/**
 * One JUnit document, a suite per disclosure written as it is checked: each rule a test case, and
 * the input/… rules where they occur. The totals are the suites' own (CI tools add them up), so
 * nothing waits for the end of a batch.
 */
export const junitFormatter: Formatter = streamed('junit', (opts) => {
  const base = (opts.rules ?? RULES.map((r) => r.meta)).map((m) => m.id);
  const known = new Set(base);
  return {
    head: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="budgetlint">\n`,
    disclosure(r) {
      const extra = [...new Set(r.findings.map((f) => f.ruleId).filter((id) => !known.has(id)))].sort();
      return suite(r, extra.length ? [...base, ...extra] : base, opts).xml + '\n';
    },
    tail: () => `</testsuites>\n`,
  };
});
