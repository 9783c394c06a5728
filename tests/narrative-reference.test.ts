// The reference document's text: every real inconsistency of its narrative, breakdowns and
// performance tables, no false alarm on the figures that agree, and the coverage of its figures.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { readNarrative } from '../src/load/narrative/index.js';
import { runRules } from '../src/rules/engine.js';
import { NARRATIVE_RULES, RULES } from '../src/rules/index.js';
import { codeOf, projectRowCount, projectRows, tableFigure } from '../src/rules/narrative/tables.js';
import type { CheckOptions } from '../src/rules/types.js';
import { checkPath } from '../src/check.js';
import { textFormatter } from '../src/report/text.js';
import { summarize } from '../src/report/types.js';

const OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };
const KASHGAR = 'fixtures/reference/kashgar-2022.txt';
const PUTUO = 'fixtures/reference/putuo-2025.txt';
const WITH_TABLES = 'fixtures/kashgar-2022';
const PUTUO_WITH_TABLES = 'fixtures/narrative/putuo-2025-with-text';

function brief(fs: Finding[]) {
  return fs.map((f) => ({ rule: f.ruleId, at: `${f.location.line}:${f.location.column}`, severity: f.severity, expected: f.expected, actual: f.actual }));
}

/** What the text of the Kashgar 2022 disclosure gets wrong, line by line. */
const KASHGAR_FINDINGS = [
  // 33.12 ÷ 3192.57 = 1.0374%: no rounding of the inputs gives 1.03; but the six shares were made to add
  // up to 100.00% (rounded they add up to 100.01), each within one last digit: a warning that says so
  { rule: 'narrative-share', at: '1970:26', severity: 'warning', expected: '1.04', actual: '1.03' },
  // 组织事务 100.00 and 公安 972.32: all of this year's amount is the increase
  { rule: 'narrative-growth', at: '1996:38', severity: 'info', expected: undefined, actual: undefined },
  { rule: 'narrative-growth', at: '2002:25', severity: 'info', expected: undefined, actual: undefined },
  // 2.34 ÷ 20.10 = 11.64%; rounding of 2.34 and 22.44 reaches 11.65
  { rule: 'narrative-growth', at: '2009:8', severity: 'warning', expected: '11.64', actual: '11.65' },
  // 0.64 ÷ 10.04 = 6.37%
  { rule: 'narrative-growth', at: '2017:6', severity: 'warning', expected: '6.37', actual: '6.34' },
  { rule: 'narrative-growth', at: '2029:36', severity: 'info', expected: undefined, actual: undefined },
  { rule: 'narrative-growth', at: '2037:34', severity: 'info', expected: undefined, actual: undefined },
  { rule: 'narrative-growth', at: '2045:43', severity: 'info', expected: undefined, actual: undefined },
  // 1.76 ÷ 15.07 = 11.68%
  { rule: 'narrative-growth', at: '2051:32', severity: 'warning', expected: '11.68', actual: '11.65' },
  // 食堂: 445 人*32 元*30 天*12 月 = 512.64 exactly, against 预算安排规模 512.65
  { rule: 'breakdown-total', at: '2135:8', severity: 'error', expected: '512.64', actual: '512.65' },
  // 房屋租赁: its own 本年预算 284.218 against 预算安排规模 280.19 …
  { rule: 'breakdown-total', at: '2275:23', severity: 'error', expected: '284.218', actual: '280.19' },
  // … and its items 255.012 + 4.5 + 9 + 4.026 + 11.68 against 共计 280.19
  { rule: 'breakdown-total', at: '2293:15', severity: 'error', expected: '284.218', actual: '280.19' },
  // 便民服务站建设: the seven 元 amounts are 549.26 万元, not 约 530 (3.6% off, beyond 0.5%)
  { rule: 'breakdown-total', at: '2323:3', severity: 'error', expected: '549.259033', actual: '530' },
  // 网络系统: 9.6 + 5 + 12 = 26.6 against 20.00
  { rule: 'breakdown-total', at: '2333:8', severity: 'error', expected: '26.60', actual: '20.00' },
  // “三公” 1.14 ÷ 61.72 = 1.85%
  { rule: 'narrative-growth', at: '2477:36', severity: 'warning', expected: '1.85', actual: '1.84' },
  // 因公（境）费 and 公务用车购置: 0.00 → 0.00%
  { rule: 'narrative-growth', at: '2479:23', severity: 'info', expected: undefined, actual: undefined },
  { rule: 'narrative-growth', at: '2481:25', severity: 'info', expected: undefined, actual: undefined },
  // 公务接待费 0.14 ÷ 9.16 = 1.53%
  { rule: 'narrative-growth', at: '2485:35', severity: 'warning', expected: '1.53', actual: '1.50' },
  // the 18 预算安排规模 add up to 2784.92 (表七 shows the same 0.01 under 公安)
  { rule: 'narrative-count', at: '2544:35', severity: 'warning', expected: '2784.92', actual: '2784.91' },
  // 便民服务站运行费: 年度资金总额 378.36 against 预算安排规模 378.37 (items: 378.365)
  { rule: 'performance-target', at: '2633:1', severity: 'warning', expected: '378.37', actual: '378.36' },
  // 水电费及取暖费 ≤35.4 covers 电费 36 + 水费 5.4 + 取暖费 12
  { rule: 'performance-cost', at: '2669:10', severity: 'error', expected: '35.40', actual: '53.40' },
  // 餐费 ≤164.01 against 17 人*22 元*365 天*15 个站 = 204.765
  { rule: 'performance-cost', at: '2672:5', severity: 'error', expected: '164.010', actual: '204.765' },
  // 基础设施建设 ≤111.6 against 基础建设 1312877.5 元
  { rule: 'performance-cost', at: '3270:16', severity: 'error', expected: '111.60', actual: '131.28775' },
  // 系统运行维护费 ≤16 against 9.6 + 12; 系统改造成本 ≤4 against 5
  { rule: 'performance-cost', at: '3353:11', severity: 'error', expected: '16.00', actual: '21.60' },
  { rule: 'performance-cost', at: '3355:10', severity: 'error', expected: '4.00', actual: '5.00' },
];

describe('the Kashgar 2022 text alone', () => {
  const text = readFileSync(KASHGAR, 'utf8');
  const narrative = readNarrative(text, KASHGAR);
  const findings = runRules({ path: KASHGAR, source: 'file', tables: {}, files: [KASHGAR], issues: [], narrative }, OPTIONS, NARRATIVE_RULES);

  it('reports exactly its inconsistencies', () => {
    expect(brief(findings)).toEqual(KASHGAR_FINDINGS);
  });

  it('reads the claims the checks rest on', () => {
    expect(narrative.shares).toHaveLength(9);
    expect(narrative.growths).toHaveLength(22);
    expect(narrative.sums).toHaveLength(15);
    expect(narrative.counts.map((c) => [c.fig.raw, c.what, c.scope ?? ''])).toEqual([
      ['18个', 'projects', ''],
      ['18个', 'projects', ''],
      ['18个', 'projects', ''],
      ['12个', 'projects', 'fn:一般公共服务支出/政府办公厅(室)及相关机构事务/其他政府办公厅(室)及相关机构事务支出'],
      ['18个', 'performanceProjects', ''],
    ]);
    expect(narrative.projects).toHaveLength(18);
    expect(narrative.performance).toHaveLength(18);
    expect(narrative.projects.reduce((k, p) => k + p.expressions.length, 0)).toBe(35);
    expect(narrative.performance.reduce((k, t) => k + t.caps.length, 0)).toBe(44);
  });

  it('accounts for every figure: taken by a claim, or left out for a stated reason', () => {
    const by: Record<string, number> = {};
    for (const u of narrative.unmatched) by[u.reason] = (by[u.reason] ?? 0) + 1;
    expect(narrative.extracted).toBe(409);
    expect(by).toEqual({
      date: 153, // 2022 年, 2022 年 1月-2022 年 12 月 (18 times), 12月31日 in the targets
      quantity: 34, // 编制数 10人, 15个站, 445 人, 100 兆, 26900 平方米, 0台 … outside any sum or computation
      ordinal: 30, // 1. … 11. before each 项, 1、 2、 in lists, 1号楼
      'document-number': 21, // 喀经开发促〔2021〕27 号, 第 12期
      rate: 5, // 每人每天 32元 (twice), 4000 元/月/人, 7.9 元/平方米, and 12万元/年 in a 设立政策依据
      'contract-share': 6, // 合同金额的 20%, 40% …
      threshold: 4, // 单位价值 50万元以上 / 100 万元以上
      indicator: 162, // 绩效目标表 targets that are no money: >=6分钟, >=95%, =15个 …
    });
    const list = (reason: string) => narrative.unmatched.filter((u) => u.reason === reason).map((u) => `${u.text}@${u.loc.line}`);
    // the money and percentages among them, each with its reason
    expect(list('rate')).toEqual(['32元@2145', '4000元/月/人@2164', '7.9元/平方米@2281', '12万元/年@2404', '32元@2717']);
    expect(list('threshold')).toEqual(['50万元@2534', '100万元@2534', '50万元@2538', '100万元@2540']);
    expect(list('contract-share')).toEqual(['20%@2315', '40%@2317', '5%@2317', '5%@2319', '40%@2319', '10%@2321']);
    expect(list('quantity')).toEqual([
      '4个@18', '1个@18', '10人@22', '1人@24', '0人@24', '0人@26', '15个@2109', '15个站@2117', '17人@2117', '75人@2143', '11县@2143',
      '200人@2143', '40人@2143', '130人@2143', '445人@2143', '360天@2145', '20名@2164', '100@2205', '100兆@2247', '50兆@2247',
      '100兆@2249', '50兆@2249', '26900平方米@2279', '3辆@2359', '1年@2359', '2辆@2402', '1年@2402', '0家@2503', '0家@2503',
      '9564.56平方米@2524', '0台@2534', '0台@2536', '0台@2538', '0台@2540',
    ]);
    // no money or percentage is left without a reason
    expect(narrative.unmatched.filter((u) => u.reason === 'unmatched')).toEqual([]);
    // amounts read as claims that no check of the text can use: the asset values (房屋, 办公家具,
    // 其他资产) have no total beside them
    const inSome = new Set<number>();
    for (const x of narrative.shares) inSome.add(x.amount.fig.start).add(x.total.fig.start);
    for (const x of narrative.sums) for (const a of [x.total, ...x.parts]) inSome.add(a.fig.start);
    for (const x of narrative.growths) inSome.add(x.current.fig.start).add(x.change.fig.start);
    for (const x of narrative.counts) if (x.amount) inSome.add(x.amount.fig.start);
    const idle = narrative.amounts.filter((a) => !a.delta && !a.key && !inSome.has(a.fig.start)).map((a) => `${a.fig.raw}@${a.fig.loc.line}`);
    expect(idle).toEqual(['5000.00万元@2524', '299.59万元@2530', '388.96万元@2532']);
    // the tables printed in 第二部分 are residue, not narrative
    expect(narrative.residueLines).toBe(956);
  });
});

describe('the Putuo 2025 text alone (Shanghai layout, amounts like 37,151.47万元)', () => {
  const text = readFileSync(PUTUO, 'utf8');
  const narrative = readNarrative(text, PUTUO);
  it('gives no false alarm, while checking its sums', () => {
    const findings = runRules({ path: PUTUO, source: 'file', tables: {}, files: [PUTUO], issues: [], narrative }, OPTIONS, NARRATIVE_RULES);
    expect(findings).toEqual([]);
    expect(narrative.sums.map((s) => `${s.total.fig.raw}=${s.parts.map((p) => p.fig.raw).join('+')}`)).toEqual([
      '37,151.47万元=37,151.47万元+0万元+0万元+0万元',
      '37,151.47万元=37,151.47万元',
      // (一) 0 + (二) 0 + (三) 1.00; the 其中 of (二) (购置费 0 + 运行费 0) is a list of its own
      '1.00万元=0万元+0万元+1.00万元',
      '0万元=0万元+0万元',
      '38.20万元=7.80万元+0万元+30.40万元',
      '0辆=0辆+0辆+0辆+0辆+0辆+0辆+0辆+0辆',
      '0辆=0辆+0辆+0辆+0辆+0辆+0辆+0辆+0辆',
      '1720.00万=1720.00万',
      '1170.00万=870.00万+70.00万+180.00万+50.00万',
      '1170.00万=870.00万+70.00万+180.00万+50.00万',
      '1410.00万=340.00万+120.00万+800.00万+70.00万+80.00万元',
      '1410.00万=340.00万+120.00万+800.00万+70.00万+80.00万元',
      '2921.00万=370.00万+30.00万+1106.00万+1262.00万+153.00万',
      '2921.00万=370.00万+30.00万+1106.00万+1262.00万+153.00万',
    ]);
    expect(narrative.unmatched.filter((u) => u.reason === 'unmatched')).toEqual([]);
  });
});

describe('the Kashgar 2022 tables with their text', () => {
  it('reports the table findings and the text findings together; where the text is checked against the tables, they agree', async () => {
    const d = await loadDisclosure(WITH_TABLES);
    const findings = runRules(d, OPTIONS, RULES);
    const text = findings.filter((f) => f.location.file.endsWith('.txt'));
    expect(brief(text)).toEqual(KASHGAR_FINDINGS);
    expect(findings.filter((f) => f.location.file.endsWith('.csv')).map((f) => f.ruleId)).toEqual(['project-agreement', 'row-total', 'rollup', 'row-total', 'column-total']);
    const n = d.narrative!;
    // the checks against the tables did run: 49 stated amounts have a table figure
    const keyed = n.amounts.filter((a) => !a.delta && a.key);
    const missing = keyed.filter((a) => !tableFigure(d, a.key!, a.fiscal)).map((a) => a.key);
    expect(keyed.length - missing.length).toBe(49);
    // 机关运行经费 and 政府采购 have no column in these tables
    expect(missing).toEqual(['agencyOperation', 'procurement', 'procGoods', 'procWorks', 'procServices', 'procSME', 'procSmallMicro']);
    expect(n.projects.filter((p) => projectRows(d, p.name).length === 1)).toHaveLength(18);
    expect(projectRowCount(d)).toBe(18);
    expect(codeOf(d, n.counts[3]!.scope!)).toBe('2010399');
    expect(projectRowCount(d, '2010399')).toBe(12);
  });
});

describe('the Putuo 2025 tables with their text', () => {
  it('agree: no finding, with 30 stated amounts compared with a table figure', async () => {
    const d = await loadDisclosure(PUTUO_WITH_TABLES);
    expect(runRules(d, OPTIONS, RULES)).toEqual([]);
    const keyed = d.narrative!.amounts.filter((a) => !a.delta && a.key);
    const missing = keyed.filter((a) => !tableFigure(d, a.key!, a.fiscal)).map((a) => a.key);
    // 收入预算 (after the department's name), 事业收入 and 其他收入 (by source, in 表一) among them
    expect(keyed.length - missing.length).toBe(30);
    expect(missing).toEqual(['procurement', 'procGoods', 'procWorks', 'procServices']);
  });
});

describe('coverage in the report', () => {
  it('--verbose lists the figures no claim took, by reason; without it, nothing', async () => {
    expect((await checkPath(PUTUO, { load: {}, options: OPTIONS })).coverage).toBeUndefined(); // only when asked for
    const r = await checkPath(PUTUO, { load: {}, options: OPTIONS, coverage: true });
    expect(r.coverage?.extracted).toBe(79);
    const opts = { lang: 'zh' as const, color: false, failOn: 'error' as const, verbose: true };
    const text = textFormatter.format([r], summarize([r]), opts);
    // the text is a whole document: what of its tables was read is said, then the coverage of its prose
    expect(text.split('\n').slice(0, 2)).toEqual([
      PUTUO,
      '  141:1   提示  从文字中读取了 7 张表（2025年部门财务收支预算总表、2025年部门收入预算总表、2025年部门支出预算总表、2025年部门财政拨款收支预算总表、2025年部门一般公共预算支出功能分类预算表、2025年部门一般公共预算基本支出部门预算经济分类预算表、2025年部门“三公”经费和机关运行经费预算表）的编码、名称与合计数（2025年部门“三公”经费和机关运行经费预算表：能确定位置的各列）；文字不保留空单元格，其余各列无法确定，未检查。完整检查请提供 PDF 原件或各表的 CSV/xlsx  input/text-tables-partial',
    ]);
    expect(text).toContain('\n  说明中 79 个数字已作为说法检查，129 个未纳入：\n');
    expect(text).toContain('    无增幅的增减额 (3): 24,558.18万元@101:1 24,491.71万元@102:54 24,491.71万元@103:33');
    expect(textFormatter.format([r], summarize([r]), { ...opts, verbose: false })).not.toContain('说明中');
  });
});
