// Year over year: a disclosure checked against last year's (--previous, --series, the configuration's
// series / previous). The example is one unit's two years, 江苏省高级人民法院 2018 and 2019
// (fixtures/yoy/jiangsu-court/<year>: the transcribed tables and the 情况说明 text): every change the
// 2019 text states against 2018 maps to a figure of the 2018 tables and holds, checked by hand with
// exact decimals; raising every 2018 figure by 1.00 breaks each of them at its place.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import { pairTargets, seriesKey } from '../src/batch/series.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { loadPrevious } from '../src/load/previous.js';
import { BUILTIN_LAYOUTS, findLayout } from '../src/layout/index.js';
import { runChecks } from '../src/rules/engine.js';
import { PREVIOUS_RULES } from '../src/rules/index.js';
import { options, runMain } from './helpers.js';

const Y2018 = 'fixtures/yoy/jiangsu-court/2018';
const Y2019 = 'fixtures/yoy/jiangsu-court/2019';
const TEXT = `${Y2019}/情况说明.txt`;
const layoutOf = (id: string) => findLayout(id, BUILTIN_LAYOUTS)!;

/**
 * Every change of the 2019 text against 2018, checked by hand: its line, what changed, the 2018 figure
 * it maps to (this year's figure ∓ the change, or this year's for 与上年一致) and the 2018 table it is in.
 * All hold; the rates (12.11 %, 4.91 % … 5.07 %) are the change over that figure, rounded.
 */
const CLAIMS: Array<[line: number, subject: string, figure2018: string, table: string]> = [
  [662, '收支总计', '33172.15', '01-收支预算总表.csv'],
  [666, '一般公共预算收入', '33172.15', '01-收支预算总表.csv'],
  [674, '公共安全（类）', '26200.88', '07-一般公共预算支出预算表.csv'],
  [678, '社会保障和就业（类）', '2254.76', '07-一般公共预算支出预算表.csv'],
  [681, '住房保障（类）', '4716.51', '07-一般公共预算支出预算表.csv'],
  [683, '基本支出', '18570.82', '03-支出预算总表.csv'],
  [686, '项目支出', '11343.27', '03-支出预算总表.csv'],
  [690, '单位预留机动经费', '3258.06', '03-支出预算总表.csv'],
  [723, '财政拨款收、支总计', '33172.15', '04-财政拨款收支预算总表.csv'],
  [732, '财政拨款支出', '33172.15', '04-财政拨款收支预算总表.csv'],
  [739, '行政运行', '14857.61', '07-一般公共预算支出预算表.csv'],
  [742, '一般行政事务管理 (2018: 一般行政管理事务, 2040502)', '6049.97', '07-一般公共预算支出预算表.csv'],
  [745, '机关服务', '1600.00', '07-一般公共预算支出预算表.csv'],
  [748, '案件审判', '1833.30', '07-一般公共预算支出预算表.csv'],
  [753, '案件执行', '950.00', '07-一般公共预算支出预算表.csv'],
  [756, '其他法院支出', '910.00', '07-一般公共预算支出预算表.csv'],
  [760, '未归口管理的行政单位离退休', '397.23', '07-一般公共预算支出预算表.csv'],
  [764, '机关事业单位基本养老保险缴费支出', '1326.81', '07-一般公共预算支出预算表.csv'],
  [767, '机关事业单位职业年金缴费支出', '530.72', '07-一般公共预算支出预算表.csv'],
  [771, '住房公积金', '1398.26', '07-一般公共预算支出预算表.csv'],
  [774, '提租补贴', '3318.25', '07-一般公共预算支出预算表.csv'],
  [795, '一般公共预算财政拨款支出', '33172.15', '07-一般公共预算支出预算表.csv'],
  [823, '因公出国（境）费', '170.00', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [828, '公务用车购置 (与上年一致; 2018 blank)', '0', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [829, '公务用车运行维护费 (与上年一致)', '266.80', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [830, '公务接待费', '183.95', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [833, '会议费', '271.26', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [836, '培训费', '1666.25', '09-“三公”经费、会议费、培训费支出预算表.csv'],
  [846, '机关运行经费', '3407.38', '11-一般公共预算机关运行经费支出预算表.csv'],
];

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'budgetlint-yoy-'));
  temps.push(d);
  return d;
}

/** A copy of a disclosure directory with every amount of two decimals raised by 1.00. */
function raised(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const text = readFileSync(join(from, name), 'utf8');
    if (!name.endsWith('.csv')) {
      writeFileSync(join(to, name), text);
      continue;
    }
    const plus = (s: string) => new Decimal(s.replace(/,/g, '')).plus(1).toFixed(2);
    // cell by cell: "33,172.15" → 33173.15, 950.00 → 951.00; other cells as they are
    const cell = (c: string) => (/^"?\d{1,3}(?:,\d{3})*\.\d\d"?$|^\d+\.\d\d$/.test(c) ? plus(c.replace(/"/g, '')) : c);
    writeFileSync(join(to, name), text.split('\n').map((line) => line.replace(/\r$/, '').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(cell).join(',') + (line.endsWith('\r') ? '\r' : '')).join('\n'));
  }
}

async function run(current: string, previous: string) {
  const d = await loadDisclosure(current, { cwd: process.cwd() });
  const p = await loadPrevious(previous, { cwd: process.cwd() }, layoutOf);
  return runChecks(d, options(), PREVIOUS_RULES, BUILTIN_LAYOUTS, p);
}

describe('the example pair: 江苏省高级人民法院 2019 against 2018', () => {
  it('every change the 2019 text states against 2018 maps to a 2018 figure, and holds', async () => {
    const r = await run(Y2019, Y2018);
    expect(r.findings).toEqual([]);
    // nothing left unmapped
    expect(r.skipped.filter((s) => s.rule === 'previous-change')).toEqual([]);
  });

  it('each claim is checked against the figure the hand check names: with every 2018 figure 1.00 higher, each breaks by 1.00 at its place', async () => {
    const dir = tempDir();
    raised(Y2018, join(dir, '2018'));
    const r = await run(Y2019, join(dir, '2018'));
    const got = r.findings.map((f) => {
      const last = f.inputs![f.inputs!.length - 1]!;
      return [f.location.line, last.value, last.location!.file.split('/').pop()];
    });
    // 828: 公务用车购置 0 against a blank cell stays as it was (a blank is raised by nothing)
    expect(got).toEqual(CLAIMS.filter(([line]) => line !== 828).map(([line, , fig, table]) => [line, new Decimal(fig).plus(1).toFixed(2), table]));
    for (const f of r.findings) {
      expect(f.ruleId).toBe('previous-change');
      expect(f.location.file).toBe(TEXT);
      // the change is 1.00 off in the direction of the change; a 与上年一致 figure 1.00 below
      expect(new Decimal(f.difference!).abs().toFixed(2)).toBe('1.00');
    }
    const first = r.findings[0]!;
    expect(first).toMatchObject({ severity: 'error', expected: '4015.19', actual: '4016.19', difference: '1.00', unit: '万元', location: { line: 662, column: 20 } });
    expect(first.inputs!.map((i) => [i.value, i.unit, i.location!.file, i.location!.line])).toEqual([
      ['37188.34', '万元', TEXT, 661],
      ['4016.19', '万元', TEXT, 662],
      ['33173.15', '万元', join(dir, '2018', '01-收支预算总表.csv'), 28],
    ]);
  });

  it('read from the published PDFs, the pair gives the same verdicts (the claims cited by page)', async () => {
    const r = await run('fixtures/pdf/jiangsu-court-2019.pdf', 'fixtures/pdf/jiangsu-court-2018.pdf');
    expect(r.findings).toEqual([]);
    expect(r.skipped.filter((s) => s.rule === 'previous-change')).toEqual([]);
  }, 120_000);
});

describe('pairing a unit\'s years', () => {
  it('by the last year in the path: <unit>/2018 and <unit>/2019, court-2018.pdf and court-2019.pdf', () => {
    expect(seriesKey('a/法院/2019')).toEqual({ unit: 'a/法院/{year}', year: 2019 });
    expect(seriesKey('x/court-2019.pdf')).toEqual({ unit: 'x/court-{year}.pdf', year: 2019 });
    expect(seriesKey('x/2019/banded')).toEqual({ unit: 'x/{year}/banded', year: 2019 });
    expect(seriesKey('x/unit/20190')).toBeUndefined();
    const paired = pairTargets(['u/2017', 'u/2019', 'u/2020', 'v/2020', 'w-2018.pdf', 'w-2019.pdf'], { series: true });
    expect(paired).toEqual([
      'u/2017',
      'u/2019', // 2018 missing: 上年 is the year before, so no pair
      { current: 'u/2020', previous: 'u/2019' },
      'v/2020',
      'w-2018.pdf',
      { current: 'w-2019.pdf', previous: 'w-2018.pdf' },
    ]);
  });
});

describe('command line', () => {
  const pair = () => {
    const dir = tempDir();
    cpSync(Y2019, join(dir, 'court', '2019'), { recursive: true });
    raised(Y2018, join(dir, 'court', '2018'));
    return dir;
  };

  it('--previous: the changes of the text against last year\'s disclosure, both places cited', async () => {
    const ok = await runMain('check', Y2019, '--previous', Y2018, '-f', 'json', '-q');
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as { disclosures: Array<{ read: { previous?: string }; findings: Array<{ ruleId: string }> }> };
    expect(json.disclosures[0]!.read.previous).toBe(Y2018);
    expect(json.disclosures[0]!.findings.filter((f) => f.ruleId.startsWith('previous-'))).toEqual([]);

    const dir = pair();
    const bad = await runMain('check', join(dir, 'court', '2019'), '--previous', join(dir, 'court', '2018'), '--rule', 'previous-*', '-q');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('662:20  错误  收支总计增加 4016.19，但本年 37188.34万元 与上年公开的 33173.15万元 相差 4015.19（按说明，上年应为 33172.15万元）  previous-change');
    expect(bad.out).toContain('2018 年 表一 支出合计 · 金额 33173.15 万元');
    const en = await runMain('check', join(dir, 'court', '2019'), '--previous', join(dir, 'court', '2018'), '--rule', 'previous-*', '-q', '--lang', 'en');
    expect(en.out).toContain("662:20  error  total: a change of 4016.19 is stated, but this year's 37188.34 10k yuan and last year's published 33173.15 10k yuan differ by 4015.19 (by the text, last year was 33172.15 10k yuan)  previous-change");
  });

  it('--series: each year against the year before, the same with one thread or two', async () => {
    const dir = pair();
    cpSync(join(dir, 'court'), join(dir, 'court-copy'), { recursive: true });
    const one = await runMain('check', '--series', dir, '--rule', 'previous-*', '-f', 'json', '-q', '--jobs', '1');
    const two = await runMain('check', '--series', dir, '--rule', 'previous-*', '-f', 'json', '-q', '--jobs', '2');
    expect(one.code).toBe(1);
    expect(two.out).toBe(one.out);
    const json = JSON.parse(one.out) as { disclosures: Array<{ path: string; read: { previous?: string }; findings: unknown[] }> };
    expect(json.disclosures.map((d) => [d.path.split('/').slice(-2).join('/'), d.read.previous?.split('/').slice(-2).join('/'), d.findings.length])).toEqual([
      ['court/2018', undefined, 0],
      ['court/2019', 'court/2018', 28],
      ['court-copy/2018', undefined, 0],
      ['court-copy/2019', 'court-copy/2018', 28],
    ]);
  });

  it('the configuration pairs years: "series": true, or "previous" naming last year\'s of a disclosure', async () => {
    const dir = pair();
    writeFileSync(join(dir, 'budgetlint.config.json'), JSON.stringify({ series: true }));
    const bySeries = await runMain('check', join(dir, 'court'), '-c', join(dir, 'budgetlint.config.json'), '--rule', 'previous-*', '-q');
    expect(bySeries.code).toBe(1);
    expect(bySeries.out).toContain('previous-change');
    writeFileSync(join(dir, 'map.json'), JSON.stringify({ previous: { 'court/2019': 'court/2018' } }));
    const byMap = await runMain('check', join(dir, 'court', '2019'), '-c', join(dir, 'map.json'), '--rule', 'previous-*', '-q');
    expect(byMap.code).toBe(1);
    expect(byMap.out).toContain('previous-change');
  });

  it('a --previous that does not exist: exit 2, the file named, no stack', async () => {
    const r = await runMain('check', Y2019, '--previous', 'fixtures/yoy/no-such-year');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('budgetlint: --previous: "fixtures/yoy/no-such-year": no such file or directory (last year\'s disclosure: a directory, workbook or PDF)\n');
    // one that exists but cannot be read: the disclosure cannot be checked, last year's file named
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.csv'), '');
    const unreadable = await runMain('check', Y2019, '--previous', join(dir, 'empty.csv'), '-q');
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toContain(`${join(dir, 'empty.csv')}`);
    expect(unreadable.err).toContain('上年公开材料无法读取');
    expect(unreadable.err).not.toMatch(/\n\s+at /);
    const two = await runMain('check', Y2019, Y2018, '--previous', Y2018);
    expect(two.code).toBe(2);
    expect(two.err).toContain('--previous pairs one disclosure');
  });

  it('--verbose lists what could not be compared; with no --previous nothing of it is said', async () => {
    const dir = tempDir();
    cpSync('fixtures/rules/previous-change/bad-notcomparable/情况说明.txt', join(dir, '2022', '情况说明.txt'));
    cpSync('fixtures/rules/previous-change/bad-notcomparable/previous', join(dir, '2021'), { recursive: true });
    const r = await runMain('check', join(dir, '2022'), '--previous', join(dir, '2021'), '--rule', 'previous-*', '--verbose', '-q');
    expect(r.out).toContain('收支总计是与上年执行数相比，上年预算公开中没有这一数字，未核对');
    expect(r.out).toContain('说明比较的是 2020 年，上年公开材料是 2021 年的');
    expect(r.out).toContain('上年公开材料中没有找到政府性基金预算支出');
    const alone = await runMain('check', join(dir, '2022'), '--verbose', '-q');
    expect(alone.out).not.toContain('previous-');
  });
});
