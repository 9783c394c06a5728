// SARIF 2.1.0 for code scanning: one run, every rule described in tool.driver, every finding a
// result at its cell, with the figures it was recomputed from as related locations.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Finding, Lang, Severity } from '../core/findings.js';
import type { Location } from '../load/model.js';
import { RULES } from '../rules/index.js';
import type { RuleMeta } from '../rules/types.js';
import { findingKey, type RootCause } from '../rules/root-cause.js';
import { correctionText } from './root-cause.js';
import { streamed, type DisclosureResult, type Formatter, type ReportOptions, type Summary } from './types.js';
import { safeJson } from './escape.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/budgetlint';

let version: string | undefined;
/** The package's version; src/ and dist/ both sit two levels below package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

/** Load problems (input/…) have no module of their own: describe them from their id. */
function inputRuleMeta(id: string): RuleMeta {
  const code = id.slice(id.indexOf('/') + 1);
  return {
    id,
    title: { zh: `输入问题：${code}`, en: `input problem: ${code}` },
    description: { zh: '读取表格时发现的问题。', en: 'A problem met while reading the tables.' },
    rationale: { zh: '表格须能被完整、无歧义地读取，检查才有意义。', en: 'Checks mean something only when the tables can be read completely and unambiguously.' },
    defaultSeverity: 'warning',
    messages: {},
  };
}

/**
 * Every rule that ran, then a descriptor for each other rule id that has findings (load
 * problems), sorted, so the list is the same from run to run.
 */
export function reportedRules(results: DisclosureResult[], opts: ReportOptions): RuleMeta[] {
  const metas: RuleMeta[] = [...(opts.rules ?? RULES.map((r) => r.meta))];
  const known = new Set(metas.map((m) => m.id));
  const extra = new Set<string>();
  for (const r of results) for (const f of r.findings) if (!known.has(f.ruleId)) extra.add(f.ruleId);
  for (const id of [...extra].sort()) metas.push(inputRuleMeta(id));
  return metas;
}

export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'info' ? 'note' : s;
}

/** "row-total" → "RowTotal", "local/rent-cap" → "LocalRentCap". */
function pascal(id: string): string {
  return id
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);

/** A relative path becomes a relative URI against %SRCROOT%; an absolute one a file: URI. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const parts = file.replace(/\\/g, '/').split('/');
  if (isAbsolute(file)) {
    const drive = /^[A-Za-z]:$/.test(parts[0]!) ? `${parts.shift()}/` : '';
    return { uri: `file:///${drive}${parts.filter((p, i) => i > 0 || p !== '').map(encodeURIComponent).join('/')}` };
  }
  return { uri: parts.map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physical(loc: Location) {
  // the disclosure as a whole: the artifact without a region
  if (loc.line === 0) return { artifactLocation: artifactLocation(loc.file) };
  // in a PDF: the line on its page, the page and the box on it (points from the top left) in the region's properties
  const pdf = loc.page !== undefined ? { properties: { page: loc.page, ...(loc.bbox ? { bbox: loc.bbox } : {}) } } : {};
  return { artifactLocation: artifactLocation(loc.file), region: { startLine: loc.line, startColumn: loc.column, ...pdf } };
}

function fingerprint(f: Finding): string {
  // Stable across edits elsewhere in the file: the rule, the file and the row/column names, not the line.
  const key = [f.ruleId, f.location.file, f.location.table ?? '', f.location.row ?? '', f.location.col ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** The root cause that explains a finding, by the finding's key. */
function causesByFinding(r: DisclosureResult): Map<string, RootCause> {
  const m = new Map<string, RootCause>();
  for (const rc of r.rootCauses ?? []) for (const k of rc.findings) m.set(k, rc);
  return m;
}

function result(f: Finding, lang: Lang, ruleIndex: Map<string, number>, cause?: RootCause) {
  const o: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: sarifLevel(f.severity),
    message: { text: f.message[lang] },
    locations: [
      {
        physicalLocation: physical(f.location),
        ...(f.location.table || f.location.row || f.location.col
          ? { logicalLocations: [{ fullyQualifiedName: [f.location.table, f.location.row, f.location.col].filter(Boolean).join(' / '), kind: 'element' }] }
          : {}),
      },
    ],
  };
  const related = (f.inputs ?? []).filter((i) => i.location);
  const relatedLocations: Array<Record<string, unknown>> = related.map((i, n) => ({
    id: n + 1,
    physicalLocation: physical(i.location!),
    message: { text: `${i.label[lang]} ${i.value}` },
  }));
  // the figure whose correction explains this finding (with others), marked as its likely cause
  for (const c of cause?.corrections ?? []) {
    relatedLocations.push({
      id: relatedLocations.length + 1,
      physicalLocation: physical(c.location),
      message: { text: `${lang === 'zh' ? '根因' : 'root cause'}: ${correctionText(c, lang)}` },
    });
  }
  if (relatedLocations.length) o.relatedLocations = relatedLocations;
  o.partialFingerprints = { 'budgetlint/v1': fingerprint(f) };
  const props: Record<string, string> = {};
  for (const k of ['expected', 'actual', 'difference', 'unit'] as const) if (f[k] !== undefined) props[k] = f[k]!;
  for (const k of ['table', 'row', 'col'] as const) if (f.location[k] !== undefined) props[k] = f.location[k]!;
  if (Object.keys(props).length) o.properties = props;
  return o;
}

function ruleDescriptor(m: RuleMeta, opts: ReportOptions) {
  const lang = opts.lang;
  const helpUri = opts.docs?.(m.id);
  return {
    id: m.id,
    name: pascal(m.id),
    shortDescription: { text: m.title[lang] },
    fullDescription: { text: m.description[lang] },
    help: { text: `${m.description[lang]}\n\n${m.rationale[lang]}` },
    defaultConfiguration: { level: sarifLevel(m.defaultSeverity) },
    ...(helpUri ? { helpUri } : {}),
  };
}

const indentBy = (text: string, n: number) => text.replace(/\n/g, `\n${' '.repeat(n)}`);

/**
 * One SARIF log, written as disclosures are checked: the results first, then the tool with the
 * rules they used (rules known only from findings, such as input/… ones, indexed as they appear).
 */
export const sarifFormatter: Formatter = streamed('sarif', (opts) => {
  const metas: RuleMeta[] = [...(opts.rules ?? RULES.map((r) => r.meta))];
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  const notifications: unknown[] = [];
  let first = true;
  return {
    head: () => `{\n  "$schema": ${safeJson(SARIF_SCHEMA_URI)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [`,
    disclosure(r) {
      if (r.fatal) {
        const loc: Location = { file: r.fatal.file, line: r.fatal.line ?? 1, column: r.fatal.column ?? 1 };
        notifications.push({ level: 'error', message: { text: r.fatal.message[opts.lang] }, locations: [{ physicalLocation: physical(loc) }] });
      }
      const causes = causesByFinding(r);
      let out = '';
      for (const f of r.findings) {
        if (!ruleIndex.has(f.ruleId)) {
          ruleIndex.set(f.ruleId, metas.length);
          metas.push(inputRuleMeta(f.ruleId));
        }
        out += (first ? '\n        ' : ',\n        ') + indentBy(safeJson(result(f, opts.lang, ruleIndex, causes.get(findingKey(f))), 2), 8);
        first = false;
      }
      return out;
    },
    tail() {
      const rest = {
        tool: {
          driver: {
            name: 'budgetlint',
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: INFORMATION_URI,
            rules: metas.map((m) => ruleDescriptor(m, opts)),
          },
        },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        language: opts.lang === 'zh' ? 'zh-CN' : 'en-US',
        columnKind: 'utf16CodeUnits',
        ...(opts.config ? { properties: { configuration: opts.config } } : {}),
      };
      // the rest of the run object, its braces dropped to follow the results
      const body = indentBy(safeJson(rest, 2), 4).slice(1, -1).trimEnd();
      return `${first ? '' : '\n      '}],${body}\n    }\n  ]\n}\n`;
    },
  };
});

/** The whole log as an object (tests and tools that want it parsed). */
export function toSarif(results: DisclosureResult[], summary: Summary, opts: ReportOptions): unknown {
  return JSON.parse(sarifFormatter.format(results, summary, opts));
}
