// A real 决算: 上海市普陀区规划和自然资源局 2024 年度部门决算, its 情况说明 beside its nine tables. The text's
// inconsistencies, found by hand with exact decimals, are exactly what the narrative rules report; every
// other claim of the text holds (收支总计 增长 12.08%, the 结构 shares, each item's 完成年初预算 rate …).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { readNarrative } from '../src/load/narrative/index.js';
import { runRules } from '../src/rules/engine.js';
import { NARRATIVE_RULES, RULES } from '../src/rules/index.js';
import type { CheckOptions } from '../src/rules/types.js';

const OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };
const DIR = 'fixtures/real/putuo-planning-2024-final/with-text';
const TEXT = 'fixtures/real/putuo-planning-2024-final/情况说明.txt';

function brief(fs: Finding[]) {
  return fs.map((f) => ({ rule: f.ruleId, at: `${f.location.line}:${f.location.column}`, severity: f.severity, expected: f.expected, actual: f.actual }));
}

/** What the text claims that the figures (its own and the tables') do not bear out. */
const WITH_TABLES = [
  // E1 9746.50 ÷ 9759.38 = 99.868…%: printed by cutting, not rounding
  { rule: 'narrative-share', at: '37:34', severity: 'error', expected: '99.87', actual: '99.86' },
  // "增长 13.95。": the rate holds (1193.20 ÷ 8553.30 = 13.950%), its % is missing
  { rule: 'narrative-growth', at: '37:82', severity: 'info', expected: undefined, actual: undefined },
  // E10 卫生健康支出 236.63 against 表五 236.64 (表一 and 表四 print 236.63)
  { rule: 'narrative-amount-vs-table', at: '39:73', severity: 'warning', expected: '236.64', actual: '236.63' },
  // E11 the thirteen items' 年初预算 add up to 10210.33, not 10210.34 (their 决算 add up to 9746.50)
  { rule: 'narrative-sum', at: '41:19', severity: 'warning', expected: '10210.33', actual: '10210.34' },
  // E2 9746.50 ÷ 10210.34 = 95.457…%: cut, not rounded
  { rule: 'narrative-execution', at: '41:56', severity: 'error', expected: '95.46', actual: '95.45' },
  // E6 机关事业单位退休人员活动费支出 (项) is no row of the tables: 0.88 under 20805 is 2080599 其他行政事业单位养老支出
  { rule: 'narrative-item-name', at: '46:83', severity: 'warning', expected: undefined, actual: undefined },
  // 其他国土资源事务支出 is the former name of 2200199 其他自然资源事务支出
  { rule: 'narrative-item-name', at: '52:76', severity: 'info', expected: undefined, actual: undefined },
  // items 12 and 13 name their 款 住房保障支出 (the 类's name); 22102 is 住房改革支出
  { rule: 'narrative-item-name', at: '53:75', severity: 'warning', expected: undefined, actual: undefined },
  { rule: 'narrative-item-name', at: '54:68', severity: 'warning', expected: undefined, actual: undefined },
  // E3 一般公共预算财政拨款基本支出 is 5364.75 in 表五 (= 表六 4884.09 + 480.66); 5377.64 is 表三's, all funds
  { rule: 'narrative-amount-vs-table', at: '56:16', severity: 'error', expected: '5364.75', actual: '5377.64' },
  // E4 人员经费 4896.98 against 表六 人员经费合计 4884.09 (4896.98 + 480.66 = 5377.64 holds in the text)
  { rule: 'narrative-amount-vs-table', at: '56:35', severity: 'error', expected: '4884.09', actual: '4896.98' },
  // E7 因公出国（境）费 and 公务用车 完成预算的 0.00%: 表七's 预算数 is 0.00, a rate of nothing
  { rule: 'narrative-execution', at: '59:83', severity: 'info', expected: undefined, actual: undefined },
  { rule: 'narrative-execution', at: '59:121', severity: 'info', expected: undefined, actual: undefined },
  // E9 "下降（增长）27.78%": the template's alternative left in (27.78% itself holds: 0.15 ÷ 0.54)
  { rule: 'narrative-wording', at: '60:43', severity: 'warning', expected: undefined, actual: undefined },
  // E8 上海市普陀区规划与自然资源局, three times, for 上海市普陀区规划和自然资源局
  { rule: 'narrative-names', at: '67:8', severity: 'warning', expected: undefined, actual: undefined },
  { rule: 'narrative-names', at: '71:1', severity: 'warning', expected: undefined, actual: undefined },
  { rule: 'narrative-names', at: '73:1', severity: 'warning', expected: undefined, actual: undefined },
  // E5 货物 122.43 + 工程 1387.72 + 服务 809.07 = 2319.22 against 2319.21 (面向中小企业预留 225.10 is no part)
  { rule: 'narrative-sum', at: '80:40', severity: 'warning', expected: '2319.22', actual: '2319.21' },
];

describe('the Putuo 2024 决算 with its tables', () => {
  it('reports exactly the text\'s inconsistencies, and the tables\' eleven 尾差 as before', async () => {
    const d = await loadDisclosure(DIR);
    const findings = runRules(d, OPTIONS, RULES);
    expect(brief(findings.filter((f) => f.location.file.endsWith('.txt')))).toEqual(WITH_TABLES);
    const tables = findings.filter((f) => f.location.file.endsWith('.csv'));
    expect(tables).toHaveLength(11);
    expect(tables.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('says why: a share or rate cut instead of rounded, a rate on a zero budget, the table\'s name of an item', async () => {
    const d = await loadDisclosure(DIR);
    const text = runRules(d, OPTIONS, NARRATIVE_RULES).filter((f) => f.location.file.endsWith('.txt'));
    const at = (p: string) => text.find((f) => `${f.location.line}:${f.location.column}` === p)!.message.zh;
    expect(at('37:34')).toContain('99.86802…% 被截断为 99.86%，而非四舍五入');
    expect(at('41:56')).toContain('95.45715…% 被截断为 95.45%，而非四舍五入');
    expect(at('59:83')).toContain('预算为 0');
    expect(at('46:83')).toContain('2080599 其他行政事业单位养老支出');
    expect(at('53:75')).toContain('住房改革支出');
    expect(at('67:8')).toBe('“上海市普陀区规划与自然资源局”与部门名称“上海市普陀区规划和自然资源局”不一致');
  });

  it('reads the 决算 claims: the year and statement, thirteen items against their budgets, and both sums of them', async () => {
    const n = readNarrative(readFileSync(TEXT, 'utf8'), TEXT);
    expect([n.year, n.statement, n.department?.name]).toEqual([2024, 'final', '上海市普陀区规划和自然资源局']);
    const items = n.executions.filter((c) => c.key?.startsWith('fn:'));
    expect(items).toHaveLength(13);
    expect(items.every((c) => c.budget && c.final && c.rate)).toBe(true);
    const lists = n.sums.filter((s) => s.parts.length === 13).map((s) => `${s.basis ?? 'final'} ${s.total.fig.raw}`);
    expect(lists).toEqual(['final 9746.50万元', 'budget 10210.34万元']);
    // 截至 2024 年 12 月 31 日 is of the year
    expect(n.dates.filter((x) => x.kind === 'cutoff').map((x) => [x.year, x.yearEnd])).toEqual([[2024, true]]);
  });
});

describe('the Putuo 2024 决算 text alone', () => {
  it('finds what the text shows of itself: no table, no name of an item, no budget of “三公” parts', () => {
    const n = readNarrative(readFileSync(TEXT, 'utf8'), TEXT);
    const findings = runRules({ path: TEXT, source: 'file', tables: {}, files: [TEXT], issues: [], narrative: n }, OPTIONS, NARRATIVE_RULES);
    const tableOnly = new Set(['narrative-amount-vs-table', 'narrative-item-name', '59:83', '59:121']);
    expect(brief(findings)).toEqual(WITH_TABLES.filter((f) => !tableOnly.has(f.rule) && !tableOnly.has(f.at)));
  });
});
