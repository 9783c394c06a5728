// Every output format carries the same findings of the reference fixture, in the same order,
// byte for byte the same from run to run; each is parsed back with a real parser of its syntax.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/findings.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { FORMATTERS } from '../src/report/index.js';
import { FORMAT_NAMES } from '../src/report/names.js';
import { escapeCell } from '../src/report/markdown.js';
import { summarize, type DisclosureResult, type ReportOptions } from '../src/report/types.js';
import { RULES } from '../src/rules/index.js';
import { TABLE_RULE_IDS, runMain as run } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;


const FIXTURE = 'fixtures/kashgar-2022';
const T5 = 'fixtures/kashgar-2022/t5-一般公共预算支出情况表.csv';
const T7 = 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv';

/**
 * The findings of the table rules on the reference fixture, pinned: rule, severity and place,
 * in order. Every format must give these and whatever else the JSON report holds.
 */
const TABLE_FINDINGS = [
  `project-agreement warning ${T5}:15:26`,
  `row-total warning ${T7}:22:15`,
  `rollup warning ${T7}:23:13`,
  `row-total warning ${T7}:23:13`,
  `column-total warning ${T7}:33:34`,
];

const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-formats-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface JsonFinding {
  ruleId: string;
  severity: string;
  location: { file: string; line: number; column: number };
}

function jsonFindings(text: string): JsonFinding[] {
  return JSON.parse(text).disclosures.flatMap((d: { findings: JsonFinding[] }) => d.findings);
}

function fromJson(text: string): string[] {
  const j = JSON.parse(text);
  return j.disclosures.flatMap((d: { findings: Array<{ ruleId: string; severity: string; location: { file: string; line: number; column: number } }> }) =>
    d.findings.map((f) => `${f.ruleId} ${f.severity} ${f.location.file}:${f.location.line}:${f.location.column}`),
  );
}

const LEVEL = { error: 'error', warning: 'warning', note: 'info' } as Record<string, string>;

function fromSarif(text: string): string[] {
  const log = JSON.parse(text);
  return log.runs[0].results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }> }) => {
    const p = r.locations[0]!.physicalLocation;
    return `${r.ruleId} ${LEVEL[r.level]} ${decodeURIComponent(p.artifactLocation.uri)}:${p.region.startLine}:${p.region.startColumn}`;
  });
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'failure'].includes(name) });

interface JUnitCase {
  name: string;
  classname: string;
  failure?: Array<{ message: string; type: string; '#text': string }>;
  'system-out'?: string;
}

function junitCases(text: string): JUnitCase[] {
  const doc = xml.parse(text);
  return doc.testsuites.testsuite.flatMap((s: { testcase: JUnitCase[] }) => s.testcase);
}

/** Failures and the findings listed below the fail level, each as "file:line:col severity rule: …". */
function fromJUnit(text: string): string[] {
  const out: string[] = [];
  for (const c of junitCases(text)) {
    const lines = [
      ...(c.failure ?? []).map((f) => f['#text'].split('\n')[0]!),
      ...String(c['system-out'] ?? '')
        .split('\n\n')
        .filter(Boolean)
        .map((b) => b.split('\n')[0]!),
    ];
    for (const l of lines) {
      const m = /^(\S+:\d+:\d+) (\w+) (\S+): /.exec(l)!;
      expect(m[3]).toBe(c.name);
      out.push(`${m[3]} ${m[2]} ${m[1]}`);
    }
  }
  return out;
}

/** Parses one workflow command: ::name k=v,k=v::data, undoing the escapes. */
export function parseWorkflowCommand(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unProp = (s: string) => unData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = unProp(kv.slice(i + 1));
  }
  return { command: m[1]!, props, message: unData(m[3]!) };
}

function fromGithub(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const c = parseWorkflowCommand(l);
      const sev = c.command === 'notice' ? 'info' : c.command;
      return `${c.props.title!.replace(/^budgetlint /, '')} ${sev} ${c.props.file}:${c.props.line}:${c.props.col}`;
    });
}

/** The findings table rows of the Markdown report: | where | level | rule | … */
function fromMarkdown(text: string): string[] {
  const sev: Record<string, string> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  return text
    .split('\n')
    .filter((l) => /^\| \S+:\d+:\d+ \|/.test(l))
    .map((l) => {
      const cells = l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      return `${unescape(cells[2]!)} ${sev[cells[1]!]} ${unescape(cells[0]!)}`;
    });
}

function fromText(text: string): string[] {
  const sev: Record<string, string> = { 错误: 'error', 警告: 'warning', 提示: 'info' };
  const out: string[] = [];
  let file = '';
  for (const l of text.split('\n')) {
    const head = /^(fixtures\/\S+)/.exec(l);
    if (head) file = head[1]!;
    const m = /^ {2}(\d+):(\d+)\s+(错误|警告|提示)\s+.*\s(\S+)$/.exec(l);
    if (m) out.push(`${m[4]} ${sev[m[3]!]} ${file}:${m[1]}:${m[2]}`);
  }
  return out;
}

/** JUnit groups by rule; put its list back in the stable order the others use. */
function sortLike(xs: string[], order: string[]): string[] {
  return [...xs].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

const PARSERS: Record<string, (s: string) => string[]> = {
  text: fromText,
  json: fromJson,
  sarif: fromSarif,
  junit: fromJUnit,
  github: fromGithub,
  markdown: fromMarkdown,
};

describe('every format on the reference fixture', () => {
  let reference: string[];
  let errors: number;
  beforeAll(async () => {
    const r = await run('check', FIXTURE, '--format', 'json');
    reference = fromJson(r.out);
    errors = jsonFindings(r.out).filter((f) => f.severity === 'error').length;
    expect(r.code).toBe(errors > 0 ? 1 : 0);
  });

  it('offers exactly the eight formats', () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual(['github', 'html', 'json', 'jsonl', 'junit', 'markdown', 'sarif', 'text']);
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(FORMATTERS).sort());
  });

  it('the JSON report holds the pinned table findings, in order', () => {
    expect(reference.filter((l) => TABLE_RULE_IDS.includes(l.split(' ')[0]!))).toEqual(TABLE_FINDINGS);
  });

  for (const format of Object.keys(PARSERS)) {
    it(`${format}: same findings, same exit code, byte-identical across runs, same bytes on stdout and in --output`, async () => {
      const a = await run('check', FIXTURE, '--format', format);
      const b = await run('check', FIXTURE, '--format', format);
      expect(a.code).toBe(errors > 0 ? 1 : 0);
      expect(a.out).toBe(b.out);
      const got = PARSERS[format]!(a.out);
      expect(format === 'junit' ? sortLike(got, reference) : got).toEqual(reference);
      const file = join(tmp, `report.${format}`);
      const c = await run('check', FIXTURE, '--format', format, '--output', file);
      expect(c.code).toBe(a.code);
      expect(c.out).toBe('');
      expect(readFileSync(file, 'utf8')).toBe(a.out);
      // the exit code follows the findings, not the format
      expect((await run('check', FIXTURE, '--format', format, '--fail-on', 'warning', '--output', file)).code).toBe(1);
    });
  }
});

describe('SARIF', () => {
  const oasis = JSON.parse(readFileSync('schemas/sarif-schema-2.1.0.json', 'utf8'));
  const sdk = JSON.parse(readFileSync('schemas/sarif-2.1.0.sdk.json', 'utf8'));
  const ajv07 = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv07);
  const validate07 = ajv07.compile(oasis);
  const ajv20 = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv20);
  const validate20 = ajv20.compile(sdk);

  it('the schema validator rejects a broken log (so a pass means something)', () => {
    expect(validate07({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate07({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: { text: 'm' } }] }] })).toBe(false);
    expect(validate20({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'fatal', message: { text: 'm' } }] }] })).toBe(false);
  });

  it('validates against the official SARIF 2.1.0 schema, with the driver, rules, results and related locations', async () => {
    const r = await run('check', FIXTURE, '--format', 'sarif');
    const log = JSON.parse(r.out);
    expect(validate07(log), JSON.stringify(validate07.errors)).toBe(true);
    expect(validate20(log), JSON.stringify(validate20.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'budgetlint', version: '0.1.0', informationUri: 'https://www.npmjs.com/package/budgetlint' });
    expect(driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    expect(driver.rules[0]).toEqual({
      id: 'row-total',
      name: 'RowTotal',
      shortDescription: { text: RULES[0]!.meta.title.zh },
      fullDescription: { text: RULES[0]!.meta.description.zh },
      help: { text: `${RULES[0]!.meta.description.zh}\n\n${RULES[0]!.meta.rationale.zh}` },
      defaultConfiguration: { level: RULES[0]!.meta.defaultSeverity },
      // the page installed with the package
      helpUri: pathToFileURL(resolve('docs/rules/row-total.md')).href,
    });
    const first = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'project-agreement');
    expect(first).toMatchObject({
      ruleId: 'project-agreement',
      ruleIndex: RULES.findIndex((x) => x.meta.id === 'project-agreement'),
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(T5), uriBaseId: '%SRCROOT%' },
            region: { startLine: 15, startColumn: 26 },
          },
        },
      ],
      properties: { expected: '972.33', actual: '972.32', difference: '-0.01', unit: '万元', table: 'T5' },
    });
    expect(first.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }) => [decodeURIComponent(l.physicalLocation.artifactLocation.uri), l.physicalLocation.region.startLine, l.physicalLocation.region.startColumn])).toEqual([
      [T7, 24, 34],
      [T7, 25, 27],
      [T7, 26, 28],
    ]);
    expect(first.relatedLocations[0].message.text).toBe('表七 2040299 其他公安支出 新建改建便民服务站屋顶改造项目 · 项目支出合计 63.96');
  });

  it('an unreadable input validates too and is reported as a failed execution', async () => {
    const r = await run('check', join(tmp, 'no-such-dir'), '--format', 'sarif');
    expect(r.code).toBe(2);
    const log = JSON.parse(r.out);
    expect(validate07(log), JSON.stringify(validate07.errors)).toBe(true);
    expect(validate20(log), JSON.stringify(validate20.errors)).toBe(true);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].level).toBe('error');
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.*no-such-dir$/);
  });
});

describe('JUnit', () => {
  it('one testsuite per disclosure, one testcase per rule, one failure per finding at the fail level', async () => {
    const r = await run('check', FIXTURE, 'fixtures/putuo-2025', '--format', 'junit', '--fail-on', 'warning');
    expect(r.code).toBe(1);
    const json = JSON.parse((await run('check', FIXTURE, 'fixtures/putuo-2025', '--format', 'json')).out);
    const byDisclosure: JsonFinding[][] = json.disclosures.map((d: { findings: JsonFinding[] }) => d.findings.filter((f) => f.severity !== 'info'));
    const failingRules = byDisclosure.map((fs) => new Set(fs.map((f) => f.ruleId)).size);
    const doc = xml.parse(r.out);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual([FIXTURE, 'fixtures/putuo-2025']);
    // the suites carry the counts (a streamed document cannot know the totals at its start)
    expect(totals(suites)).toEqual({ tests: 2 * RULES.length, failures: failingRules[0]! + failingRules[1]!, errors: 0, skipped: 0 });
    const [k, p] = suites;
    expect(k.testcase.map((c: JUnitCase) => c.name)).toEqual(RULES.map((x) => x.meta.id));
    expect(k).toMatchObject({ tests: String(RULES.length), failures: String(failingRules[0]), errors: '0' });
    const failures = Object.fromEntries(k.testcase.map((c: JUnitCase) => [c.name, (c.failure ?? []).length]));
    expect(failures).toMatchObject({ 'row-total': 2, rollup: 1, 'column-total': 1, 'project-agreement': 1, balance: 0 });
    expect(k.testcase.flatMap((c: JUnitCase) => c.failure ?? [])).toHaveLength(byDisclosure[0]!.length);
    const colTotal = k.testcase.find((c: JUnitCase) => c.name === 'column-total').failure[0];
    expect(colTotal.type).toBe('warning');
    expect(colTotal.message).toBe(`${T7}:33:34: 表七 合计 · 资本性支出为 1244.94，但 3 个类之和为 1244.95，差额 -0.01（尾差，可由舍入解释）`);
    expect(colTotal['#text']).toContain('填报 1244.94 万元; 重算 1244.95 万元; 差额 -0.01 万元');
    expect(p).toMatchObject({ failures: String(failingRules[1]) });
    expect(p.testcase.flatMap((c: JUnitCase) => c.failure ?? [])).toHaveLength(byDisclosure[1]!.length);
  });

  it('at the default fail level the warnings are listed in system-out, not failed', async () => {
    const r = await run('check', FIXTURE, '--format', 'junit');
    const doc = xml.parse(r.out);
    const errorRules = new Set(jsonFindings((await run('check', FIXTURE, '--format', 'json')).out).filter((f) => f.severity === 'error').map((f) => f.ruleId));
    expect(totals(doc.testsuites.testsuite).failures).toBe(errorRules.size);
    const rowTotal = doc.testsuites.testsuite[0].testcase.find((c: JUnitCase) => c.name === 'row-total');
    expect(rowTotal.failure).toBeUndefined();
    expect(String(rowTotal['system-out']).split('\n\n')).toHaveLength(2);
  });

  it('an unreadable disclosure is an <error> testcase, and its rules are skipped, not passed', async () => {
    const missing = join(tmp, 'no-such-dir');
    const r = await run('check', missing, FIXTURE, '--format', 'junit');
    expect(r.code).toBe(2);
    const doc = xml.parse(r.out);
    expect(totals(doc.testsuites.testsuite)).toMatchObject({ tests: 2 * RULES.length + 1, errors: 1, skipped: RULES.length });
    const bad = doc.testsuites.testsuite.find((s: { name: string }) => s.name === missing);
    expect(bad).toMatchObject({ tests: String(RULES.length + 1), errors: '1', skipped: String(RULES.length) });
    expect(bad.testcase[0]).toMatchObject({ name: 'load', error: { type: 'input', message: `${missing}: 路径不存在` } });
    expect(bad.testcase.slice(1).every((c: { skipped?: unknown }) => c.skipped !== undefined)).toBe(true);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    const results: DisclosureResult[] = [{ path: 'a&b<c>', findings: [finding({ message: { zh: 'x < y & "z" \u0001 </failure>', en: 'e' } })] }];
    const out = FORMATTERS.junit!.format(results, summarize(results), opts({ failOn: 'warning' }));
    const doc = xml.parse(out);
    expect(doc.testsuites.testsuite[0].name).toBe('a&b<c>');
    const f = doc.testsuites.testsuite[0].testcase.find((c: JUnitCase) => c.name === 'row-total').failure[0];
    expect(f.message).toBe('t.csv:3:4: x < y & "z" \uFFFD </failure>');
  });
});

/** The counts of JUnit suites added up. */
function totals(suites: Array<Record<string, string>> | Record<string, string>): { tests: number; failures: number; errors: number; skipped: number } {
  const list = Array.isArray(suites) ? suites : [suites];
  const sum = (k: string) => list.reduce((n, x) => n + Number(x[k] ?? 0), 0);
  return { tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped') };
}

function finding(over: Partial<Finding> = {}): Finding {
  return { ruleId: 'row-total', severity: 'warning', message: { zh: 'm', en: 'm' }, location: { file: 't.csv', line: 3, column: 4 }, ...over };
}

function opts(over: Partial<ReportOptions> = {}): ReportOptions {
  return { lang: 'zh', color: false, failOn: 'error', verbose: false, ...over };
}

describe('github workflow commands', () => {
  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('50% a\r\nb:c,d')).toBe('50%25 a%0D%0Ab:c,d');
    expect(escapeProperty('50% a\r\nb:c,d')).toBe('50%25 a%0D%0Ab%3Ac%2Cd');
  });

  it('round-trips awkward file names and messages through a parser of the syntax', () => {
    const f = finding({
      ruleId: 'local/x:y',
      severity: 'error',
      message: { zh: '100% 超出,\r\n第二行 ::error::', en: 'e' },
      location: { file: 'dir,1/a:b%.csv', line: 7, column: 2 },
    });
    const results: DisclosureResult[] = [{ path: 'dir,1', findings: [f, { ...f, severity: 'info' }] }];
    const out = FORMATTERS.github!.format(results, summarize(results), opts());
    const lines = out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('::error file=dir%2C1/a%3Ab%25.csv,line=7,col=2,title=budgetlint local/x%3Ay::100%25 超出,%0D%0A第二行 ::error::');
    const c = parseWorkflowCommand(lines[0]!);
    expect(c).toEqual({ command: 'error', props: { file: 'dir,1/a:b%.csv', line: '7', col: '2', title: 'budgetlint local/x:y' }, message: '100% 超出,\r\n第二行 ::error::' });
    expect(parseWorkflowCommand(lines[1]!).command).toBe('notice');
  });
});

describe('markdown', () => {
  it('escapes | and line breaks (and Markdown/HTML) in cells', () => {
    expect(escapeCell('a|b\nc\r\nd')).toBe('a\\|b<br>c<br>d');
    expect(escapeCell('<b>*x*</b> [l](u) `c` a_b')).toBe('&lt;b&gt;\\*x\\*&lt;/b&gt; \\[l\\](u) \\`c\\` a\\_b');
  });

  it('a message with | and a newline stays in one row with the right number of cells', () => {
    const results: DisclosureResult[] = [{ path: 'p|q', findings: [finding({ message: { zh: '甲|乙\n丙', en: 'e' }, actual: '1', expected: '2', difference: '-1', unit: '万元' })] }];
    const out = FORMATTERS.markdown!.format(results, summarize(results), opts());
    const row = out.split('\n').find((l) => l.startsWith('| t.csv:3:4'))!;
    expect(row).toBe('| t.csv:3:4 | 警告 | row-total | 甲\\|乙<br>丙 | 1 万元 | 2 万元 | -1 万元 |');
    expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(7);
    expect(out).toContain('## p\\|q\n\n| 错误 | 警告 | 提示 | 结论 |\n| --: | --: | --: | --- |\n| 0 | 1 | 0 | 通过 |');
    expect(out).toContain('## p\\|q');
  });
});
