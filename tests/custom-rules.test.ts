// Custom declarative rules: the expression language, its errors, and a rule from a config file
// catching a crafted inconsistency in a copy of the reference fixture.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../src/core/findings.js';
import { compileCustomRule, ExpressionError, parseAssertion, pointAt } from '../src/rules/custom/index.js';
import { MAX_EXPRESSION_DEPTH } from '../src/rules/custom/parse.js';
import { load, options, runMain as run } from './helpers.js';
import { BUILTIN_LAYOUTS } from '../src/layout/index.js';

const NATIONAL = BUILTIN_LAYOUTS.find((l) => l.id === 'national')!;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;


const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-custom-'));
const T8 = 't8-一般公共预算三公经费支出情况表.csv';
const T6 = 't6-一般公共预算基本支出情况表.csv';
const T7 = 't7-一般公共预算项目支出情况表.csv';

/** A copy of the reference fixture with 表八's 公务接待费 changed from 9.02 to `value`. */
function craft(name: string, value: string): string {
  const dir = join(tmp, name);
  cpSync('fixtures/kashgar-2022', dir, { recursive: true });
  const file = join(dir, T8);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('60.58,,51.56,,51.56,9.02');
  writeFileSync(file, text.replace('60.58,,51.56,,51.56,9.02', `60.58,,51.56,,51.56,${value}`));
  return dir;
}

function config(name: string, body: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return file;
}

const RECEPTION = { id: 'local/reception', assert: "T8.公务接待费 = T6['30217'].合计", message: '表八公务接待费 {actual} 与表六 {expected} 不一致（差额 {difference} {unit}）' };

let swapped: string;
let rounded: string;
beforeAll(() => {
  swapped = craft('swapped', '9.20');
  rounded = craft('rounded', '9.01');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function only(json: string, ruleId: string) {
  const j = JSON.parse(json);
  return j.disclosures.flatMap((d: { findings: Finding[] }) => d.findings).filter((f: Finding) => f.ruleId === ruleId);
}

describe('a custom rule from a config file', () => {
  it('catches the crafted inconsistency as an error at the left-hand figure, with its inputs', async () => {
    const cfg = config('c1.json', { customRules: [RECEPTION] });
    const r = await run('check', swapped, '--config', cfg, '--format', 'json');
    expect(r.code).toBe(1);
    const [f, ...rest] = only(r.out, 'local/reception');
    expect(rest).toEqual([]);
    expect(f).toEqual({
      ruleId: 'local/reception',
      messageId: 'violated',
      severity: 'error',
      message: '表八公务接待费 9.20 与表六 9.02 不一致（差额 0.18 万元）',
      location: { file: join(swapped, T8), line: 6, column: 21, table: 'T8',
        tableName: '表八（一般公共预算“三公”经费支出情况表）', row: '', col: '公务接待费' },
      expected: '9.02',
      actual: '9.20',
      difference: '0.18',
      unit: '万元',
      inputs: [
        { label: '表八 · 公务接待费', value: '9.20', unit: '万元', location: { file: join(swapped, T8), line: 6, column: 21 } },
        { label: '表六 30217 公务接待费 · 合计', value: '9.02', unit: '万元', location: { file: join(swapped, T6), line: 27, column: 14 } },
      ],
    });
  });

  it('holds on the untouched reference fixture', async () => {
    const cfg = config('c2.json', { customRules: [RECEPTION, { id: 'local/sums', assert: 'T3.total.合计 = T5.total.合计 + T9.total.合计' }] });
    const r = await run('check', 'fixtures/kashgar-2022', '--config', cfg, '--format', 'json');
    expect(r.err).toBe('');
    expect(only(r.out, 'local/reception')).toEqual([]);
    expect(only(r.out, 'local/sums')).toEqual([]);
  });

  it('a gap that rounding explains is a warning (尾差), as with the built-in rules; --strict makes it an error', async () => {
    const cfg = config('c3.json', { customRules: [{ id: 'local/reception', assert: RECEPTION.assert }] });
    const r = await run('check', rounded, '--config', cfg, '--format', 'json');
    const [f] = only(r.out, 'local/reception');
    expect(f).toMatchObject({
      severity: 'warning',
      message: "自定义规则“T8.公务接待费 = T6['30217'].合计”不成立：左边为 9.01，右边为 9.02，差额 -0.01（尾差，可由舍入解释）",
      expected: '9.02',
      actual: '9.01',
      difference: '-0.01',
    });
    const strict = await run('check', rounded, '--config', cfg, '--format', 'json', '--strict');
    expect(only(strict.out, 'local/reception')[0].severity).toBe('error');
  });

  it('the rules section sets its level: warning caps it, off removes it', async () => {
    const warn = config('c4.json', { rules: { 'local/reception': 'warning', 'row-total': 'off' }, customRules: [RECEPTION] });
    const r = await run('check', swapped, '--config', warn, '--format', 'json');
    expect(only(r.out, 'local/reception').map((f: Finding) => f.severity)).toEqual(['warning']);
    expect(only(r.out, 'row-total')).toEqual([]);
    const off = config('c5.json', { rules: { 'local/reception': 'off' }, customRules: [RECEPTION] });
    expect(only((await run('check', swapped, '--config', off, '--format', 'json')).out, 'local/reception')).toEqual([]);
  });

  it('the issue example: a cap on one row, caught on the reference fixture', async () => {
    const cfg = config('c6.json', { customRules: [{ id: 'local/rent-cap', assert: "T7['房屋租赁'].合计 <= 250", message: '房屋租赁超过上限：{actual} > {expected}' }] });
    const r = await run('check', 'fixtures/kashgar-2022', '--config', cfg, '--format', 'json');
    expect(r.code).toBe(1);
    expect(only(r.out, 'local/rent-cap')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: '房屋租赁超过上限：280.19 > 250.00',
        location: expect.objectContaining({ file: `fixtures/kashgar-2022/${T7}`, line: 18, column: 36 }),
        difference: '30.19',
      }),
    ]);
  });

  it('runs in worker threads too (two disclosures, --jobs 2), with the same output as in one thread', async () => {
    const cfg = config('c7.json', { customRules: [RECEPTION] });
    const two = await run('check', swapped, rounded, '--config', cfg, '--format', 'json', '--jobs', '2');
    const one = await run('check', swapped, rounded, '--config', cfg, '--format', 'json', '--jobs', '1');
    expect(two.out).toBe(one.out);
    // results come in path order: rounded/ before swapped/
    expect(only(two.out, 'local/reception').map((f: Finding) => f.severity)).toEqual(['warning', 'error']);
  });

  it('appears in SARIF as a described rule and validates against the schema', async () => {
    const cfg = config('c8.json', { customRules: [RECEPTION] });
    const r = await run('check', swapped, '--config', cfg, '--format', 'sarif');
    const log = JSON.parse(r.out);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync('schemas/sarif-schema-2.1.0.json', 'utf8')));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const rules = log.runs[0].tool.driver.rules;
    const i = rules.findIndex((x: { id: string }) => x.id === 'local/reception');
    expect(rules[i]).toMatchObject({ name: 'LocalReception', fullDescription: { text: RECEPTION.assert }, defaultConfiguration: { level: 'error' } });
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'local/reception');
    expect(res.ruleIndex).toBe(i);
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 21 });
  });
});

describe('errors in a custom rule exit 2 and point at the character', () => {
  it('a malformed expression', async () => {
    const cfg = config('bad1.json', { customRules: [{ id: 'local/rent-cap', assert: "T6['30214'.合计 <= 50" }] });
    const r = await run('check', 'fixtures/kashgar-2022', '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `budgetlint: ${cfg}: customRules[0].assert (local/rent-cap): expected "]" but found "." at column 11\n` +
        "    T6['30214'.合计 <= 50\n" +
        '              ^\n',
    );
  });

  it('an expression nested 5,000 deep: the key and the place, the same on any number of threads', async () => {
    const cfg = config('deep.json', { customRules: [{ id: 'local/deep', assert: `${'('.repeat(5000)}T3.total.合计${')'.repeat(5000)} = 1` }] });
    for (const jobs of ['1', '2']) {
      const r = await run('check', 'fixtures/kashgar-2022', 'fixtures/putuo-2025', '--config', cfg, '--jobs', jobs);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toBe(`budgetlint: ${cfg}: customRules[0].assert (local/deep): the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep at column ${MAX_EXPRESSION_DEPTH + 1}`);
    }
    // as deep as allowed is fine
    expect(() => parseAssertion(`${'('.repeat(MAX_EXPRESSION_DEPTH)}1${')'.repeat(MAX_EXPRESSION_DEPTH)} = ${'-'.repeat(MAX_EXPRESSION_DEPTH - 1)}1`)).not.toThrow();
  });

  it('an unknown column, with the caret under it (CJK counted two columns wide)', async () => {
    const cfg = config('bad2.json', { customRules: [{ id: 'local/a', assert: 'T3.total.合计 = T5.total.金额数' }] });
    const r = await run('check', 'fixtures/kashgar-2022', '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${cfg}: customRules[0].assert (local/a): unknown column "金额数" at column 24\n    T3.total.合计 = T5.total.金额数\n${' '.repeat(4 + 25)}^\n`);
  });

  const cases: Array<[string, string, number]> = [
    ['T3.total.合计 =', 'expected a number, a table reference (T1, T2 … or 表一, 表二 … as the layout numbers its tables; TSC) or "(" but found the end of the expression', 14],
    ['T3.total.合计 + 1', 'expected a comparison (=, <=, >=, <, >) but found the end of the expression', 16],
    ['T3.total.合计 = 1 = 2', 'only one comparison is allowed', 17],
    ["T3['201*'].合计 = 1", "a code prefix such as '201*' is only allowed inside sum(…)", 4],
    ["sum(T3['201'].合计) = 1", "sum(…) takes a code prefix such as T3['201*']", 14],
    ['X9.total.合计 = 1', 'unknown table "X9" (expected T1, T2 … or 表一, 表二 … as the layout numbers its tables; TSC)', 1],
    ["T6['3021'].合计 = 1", 'a classification code has 3, 5 or 7 digits', 4],
    ["T6['30217.合计 = 1", 'unterminated string (missing \')', 4],
    ['T3.total.合计 = 1 $ 2', 'unexpected character "$"', 17],
    ['(T3.total.合计 = 1', 'expected ")" but found "="', 14],
    ['T3.total = 1.2.3', 'malformed number', 15],
    ['T8.公务(接待)费 = 1', `unknown column "公务" (for a header with ASCII parentheses write ['…'] or use （）)`, 4],
    // nesting is bounded (evaluation recurses once per level): parentheses, unary minus, chains
    [`${'('.repeat(5000)}1${')'.repeat(5000)} = 1`, `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`, MAX_EXPRESSION_DEPTH + 1],
    [`${'-'.repeat(100_000)}1 = 1`, `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`, MAX_EXPRESSION_DEPTH + 1],
    [`1${'+1'.repeat(200)} = 1`, `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`, 2 * MAX_EXPRESSION_DEPTH],
  ];
  for (const [src, message, column] of cases) {
    it(`${src} → ${message}`, () => {
      let err: unknown;
      try {
        parseAssertion(src);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ExpressionError);
      const e = err as ExpressionError;
      expect(e.message).toBe(message);
      expect(pointAt(src, e.index).split('\n')[0]).toBe(`at column ${column}`);
    });
  }
});

describe('the expression language', () => {
  it('parses precedence, unary minus, units and the written forms of the operators', () => {
    expect(parseAssertion('1 + 2 × 3 ≤ -4万元 ÷ 2')).toMatchObject({
      op: '<=',
      left: { type: 'bin', op: '+', left: { type: 'num' }, right: { type: 'bin', op: '*' } },
      right: { type: 'bin', op: '/', left: { type: 'neg', arg: { type: 'num' } } },
    });
    const a = parseAssertion('50000元 = 5万元');
    expect(a.left.type === 'num' && a.left.value.toString()).toBe('5');
    expect(a.right.type === 'num' && a.right.value.toString()).toBe('5');
    expect(parseAssertion("表六['公务接待费']['合计'] == T8.reception")).toMatchObject({
      op: '=',
      left: { type: 'ref', table: 'T6', row: { kind: 'name', name: '公务接待费' }, col: 'total' },
      right: { type: 'ref', table: 'T8', row: { kind: 'only' }, col: 'reception' },
    });
    expect(parseAssertion("sum(T3['201*'].基本支出) >= T3.total.基本支出")).toMatchObject({
      left: { type: 'sum', table: 'T3', prefix: '201', col: 'basic' },
      right: { type: 'ref', row: { kind: 'total' }, col: 'basic' },
    });
    expect(parseAssertion("T8.因公出国（境）费 = T8.total['因公出国(境)费']")).toMatchObject({
      left: { col: 'abroad', row: { kind: 'only' } },
      right: { col: 'abroad', row: { kind: 'total' } },
    });
    // "T8.total" alone is the 合计 column of the table's row
    expect(parseAssertion('T8.total = 1').left).toMatchObject({ type: 'ref', row: { kind: 'only' }, col: 'total' });
  });

  it('evaluates sums over a code prefix on the most detailed rows only, with exact decimals', async () => {
    const d = await load('fixtures/kashgar-2022');
    const holds = (assert: string) => compileCustomRule({ id: 'local/t', assert }).check({ disclosure: d, options: options(), layout: NATIONAL, skip: () => {} });
    // 201 = 行政运行 341.29 + 其他…支出 1344.34 + 其他组织事务支出 100.00; the 类/款 rows are not added again
    expect(holds("sum(T3['201*'].合计) = 1785.63")).toEqual([]);
    expect(holds("sum(T3['*'].合计) = T3.total.合计")).toEqual([]);
    expect(holds("T3['201'].合计 - T3['20103'].合计 = T3['20132'].合计")).toEqual([]);
    expect(holds("T7['2010399'].合计 = 1344.34")).toEqual([]);
    expect(holds("T1['支出总计'].合计 = T1['收入总计'].合计")).toEqual([]);
    // a code the table does not print holds nothing
    expect(holds("T6['30214'].合计 = 0")).toEqual([]);
    // 1785.63 × 2 stands for 3571.25…3571.27, so 3571.27 holds and 3571.28 does not
    expect(holds("T3['201'].合计 * 2 = 3571.27")).toEqual([]);
    const [off] = holds("T3['201'].合计 * 2 = 3571.28");
    expect(off).toMatchObject({ severity: 'error', actual: '3571.26', expected: '3571.28', difference: '-0.02' });
    expect(holds('T3.total.合计 > T3.total.合计')[0]).toMatchObject({ severity: 'warning', difference: '0.00' });
    expect(holds('T3.total.合计 < 1')[0]).toMatchObject({ severity: 'error', actual: '3192.57', expected: '1.00' });
  });

  it('a name that matches no row, or a column the table lacks, is reported as info rather than guessed', async () => {
    const d = await load('fixtures/kashgar-2022');
    const check = (assert: string) => compileCustomRule({ id: 'local/t', assert }).check({ disclosure: d, options: options(), layout: NATIONAL, skip: () => {} });
    expect(check("T6['公务接待'].合计 = 0")).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: { zh: "无法计算自定义规则“T6['公务接待'].合计 = 0”：表六中没有名为“公务接待”的行", en: `cannot evaluate custom rule "T6['公务接待'].合计 = 0": Table 6 has no row named "公务接待"` },
        location: { file: `fixtures/kashgar-2022/${T6}`, line: 1, column: 1, table: 'T6', tableName: { zh: '表六（一般公共预算基本支出情况表）', en: 'Table 6, General public budget basic expenditure' } },
      }),
    ]);
    expect(check('T8.基本支出 = 0')[0]).toMatchObject({ severity: 'info', message: { en: expect.stringContaining('Table 8 has no "basic expenditure" column') } });
    // a missing table is the missing-table rule's to report
    expect(check('TSC.total.合计 = 1')).toEqual([]);
  });
});
