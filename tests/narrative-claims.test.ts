// Crafted text per kind of claim, agreeing and disagreeing: the exact finding and its severity.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import type { Disclosure } from '../src/load/model.js';
import { readNarrative } from '../src/load/narrative/index.js';
import { runRules } from '../src/rules/engine.js';
import { NARRATIVE_RULES } from '../src/rules/index.js';
import type { CheckOptions } from '../src/rules/types.js';

const OPTIONS: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005') };

function disclosureOf(text: string): Disclosure {
  return { path: 't.txt', source: 'file', tables: {}, files: ['t.txt'], issues: [], narrative: readNarrative(text, 't.txt') };
}

function check(text: string, options: Partial<CheckOptions> = {}): Finding[] {
  return runRules(disclosureOf(text), { ...OPTIONS, ...options }, NARRATIVE_RULES);
}

/** rule, line:column, severity, expected, actual: what a reader needs to find and judge it */
function brief(fs: Finding[]) {
  return fs.map((f) => ({ rule: f.ruleId, at: `${f.location.line}:${f.location.column}`, severity: f.severity, expected: f.expected, actual: f.actual }));
}

describe('reading the text', () => {
  it('joins broken lines, reads full-width digits and separators, and cites where each figure starts', () => {
    const n = readNarrative(
      ['一、关于收支总体说明', '', '部门收支总预算 3，518.85 万', '', '元。', '', '27', '', '其中：一般公共预算 ３５１８．８５万元，占 100.00%。'].join('\n'),
      't.txt',
    );
    expect(n.amounts.map((a) => [a.fig.value.toString(), a.fig.decimals, a.fig.unit, a.fig.loc.line, a.fig.loc.column, a.key])).toEqual([
      ['3518.85', 2, '万元', 3, 9, 'grandTotal'],
      ['3518.85', 2, '万元', 9, 11, 'generalBudget'],
    ]);
    expect(n.shares).toHaveLength(1);
    // the page number is no figure of the text
    expect(n.unmatched.map((u) => u.text)).toEqual([]);
  });

  it('takes 元 amounts and thousands separators: 1312877.5 元, 37,151.47万元', () => {
    const n = readNarrative('一、说明\n收入预算37,151.47万元，其中：财政拨款收入37,151.47万元；其他收入0万元。\n基础建设 1312877.5 元。', 't.txt');
    expect(n.amounts.map((a) => `${a.fig.value.toString()} ${a.fig.unit}`)).toEqual(['37151.47 万元', '37151.47 万元', '0 万元', '1312877.5 元']);
    expect(n.sums.map((s) => [s.total.fig.raw, s.parts.map((p) => p.fig.raw)])).toEqual([['37,151.47万元', ['37,151.47万元', '0万元']]]);
  });

  it('skips the tables printed in the text (第二部分 …公开表) as residue', () => {
    const n = readNarrative(['第二部分 2022 年部门预算公开表', '表一', '财政拨款（补助） 3192.57 201 一般公共服务支出 1785.63', '第三部分 2022 年部门预算情况说明', '一、说明', '收支总预算 10.00 万元。'].join('\n'), 't.txt');
    expect(n.residueLines).toBe(3);
    expect(n.amounts.map((a) => a.fig.raw)).toEqual(['10.00万元']);
  });
});

describe('other wordings', () => {
  it('Markdown: headings, list marks, emphasis and tables', () => {
    const md = ['## 一、关于收入预算情况说明', '', '部门收入预算 **100.00 万元**，其中：', '- 一般公共预算 60.00 万元，占 61.00%。', '- 政府性基金预算 40.00 万元，占 40.00%。', '', '| 项目 | 金额 |', '| 合计 | 100.00 |'].join('\n');
    expect(brief(check(md))).toEqual([{ rule: 'narrative-share', at: '4:21', severity: 'error', expected: '60.00', actual: '61.00' }]);
    expect(readNarrative(md, 't.md').residueLines).toBe(2);
  });

  it('较上年 … 增幅为; 降低', () => {
    expect(brief(check('一、说明\n基本支出 120.00 万元，较上年增加 20.00 万元，增幅为 25.00%。'))).toEqual([
      { rule: 'narrative-growth', at: '2:35', severity: 'error', expected: '20.00', actual: '25.00' },
    ]);
    expect(check('一、说明\n公务接待费 9.00 万元，较上年减少 1.00 万元，降低 10.00%。')).toEqual([]);
  });

  it('占部门预算总额的 P% takes the 收支总预算', () => {
    const t = (p: string) => `一、说明\n部门收支总预算 200.00 万元。\n二、其他\n基本支出 50.00 万元，占部门预算总额的 ${p}%。`;
    expect(check(t('25.00'))).toEqual([]);
    expect(brief(check(t('20.00')))).toEqual([{ rule: 'narrative-share', at: '4:24', severity: 'error', expected: '25.00', actual: '20.00' }]);
  });

  it('a share that names its total: 占本年支出预算的 P%', () => {
    const t = (p: string) => `一、说明\n本年支出预算 200.00 万元。\n二、其他\n政府采购预算 100.00 万元，其中：政府采购货物预算 50.00 万元，占支出预算的比重为 ${p}%；政府采购服务预算 50.00 万元。`;
    expect(check(t('25.00'))).toEqual([]);
    expect(brief(check(t('50.00')))).toEqual([{ rule: 'narrative-share', at: '4:49', severity: 'error', expected: '25.00', actual: '50.00' }]);
  });
});

describe('narrative-share', () => {
  const text = (p1: string, p2: string) => `一、关于收入预算情况说明\n部门收入预算 100.00 万元，其中：\n一般公共预算 60.00 万元，占 ${p1}%。\n政府性基金预算 40.00 万元，占 ${p2}%。`;

  it('agrees: each amount over the 其中 total', () => {
    expect(check(text('60.00', '40.00'))).toEqual([]);
  });

  it('an error when no rounding of the inputs gives the stated share', () => {
    expect(brief(check(text('60.00', '39.00')))).toEqual([{ rule: 'narrative-share', at: '4:20', severity: 'error', expected: '40.00', actual: '39.00' }]);
  });

  it('a warning (尾差) when some rounding of the inputs gives it', () => {
    const fs = check('一、说明\n支出预算 3.00 万元，其中：基本支出 1.00 万元，占 33.50%。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-share', at: '2:32', severity: 'warning', expected: '33.33', actual: '33.50' }]);
  });
});

describe('narrative-growth', () => {
  const g = (tail: string) => `一、说明\n基本支出 120.00 万元，比上年预算${tail}。`;

  it('agrees: 增加 20 on 100 is 增长 20.00%; 减少 1 from 10 is 下降 10.00%', () => {
    expect(check(g('增加 20.00 万元，增长 20.00%'))).toEqual([]);
    expect(check('一、说明\n公务接待费 9.00 万元，比上年减少 1.00 万元，下降 10.00%。')).toEqual([]);
  });

  it('an error when the rate is not the change over last year', () => {
    expect(brief(check(g('增加 20.00 万元，增长 25.00%')))).toEqual([{ rule: 'narrative-growth', at: '2:36', severity: 'error', expected: '20.00', actual: '25.00' }]);
  });

  it('a warning when rounding of the change and the current amount explains the rate', () => {
    const fs = check('一、说明\n住房公积金 22.44 万元，比上年预算增加 2.34 万元，增长 11.65%。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-growth', at: '2:35', severity: 'warning', expected: '11.64', actual: '11.65' }]);
  });

  it('an error when the wording contradicts the sign', () => {
    const fs = check(g('增加 20.00 万元，下降 20.00%'));
    expect(fs.map((f) => [f.ruleId, f.severity, f.message.zh])).toEqual([['narrative-growth', 'error', '“增加”与“下降”相矛盾']]);
  });

  it('growth from a zero base is the convention it is, at info level', () => {
    const fs = check('一、说明\n其他组织事务支出 100.00 万元，比上年预算增加 100.00 万元，增长 100.00%。');
    expect(fs.map((f) => [f.ruleId, f.severity, `${f.location.line}:${f.location.column}`])).toEqual([['narrative-growth', 'info', '2:41']]);
  });

  it('finds the current amount by name when the change stands in another sentence', () => {
    const text = '一、说明\n“三公”经费数为 10.00 万元，其中：公务接待费 2.00 万元，公务用车运行费 8.00 万元。\n“三公”经费比上年减少 1.00 万元，下降 9.09%，其中：公务接待费减少 0.50 万元，下降 25.00%；公务用车运行费减少 0.50 万元，下降 5.88%。';
    // 0.50 ÷ (2.00 + 0.50) = 20.00%, not 25.00%
    expect(brief(check(text))).toEqual([{ rule: 'narrative-growth', at: '3:52', severity: 'error', expected: '20.00', actual: '25.00' }]);
  });
});

describe('narrative-sum', () => {
  it('其中 listed inline: parts against the total', () => {
    const ok = '一、说明\n“三公”经费数为 10.00 万元，其中：因公出国（境）费 1.00 万元，公务用车运行费 6.00 万元，公务接待费 3.00 万元。';
    expect(check(ok)).toEqual([]);
    expect(brief(check(ok.replace('6.00', '5.00')))).toEqual([{ rule: 'narrative-sum', at: '2:10', severity: 'error', expected: '9.00', actual: '10.00' }]);
  });

  it('其中 over paragraphs (the colon ends its line): the first amount of each sentence', () => {
    const t = (b: string) => `一、说明\n支出预算 100.00 万元，其中：\n基本支出 ${b} 万元，主要用于人员经费。\n项目支出 60.00 万元，主要用于日常运转。\n二、其他\n车辆 2 辆。`;
    expect(check(t('40.00'))).toEqual([]);
    expect(brief(check(t('40.50')))).toEqual([{ rule: 'narrative-sum', at: '2:6', severity: 'error', expected: '100.50', actual: '100.00' }]);
  });

  it('其中 at a line end, then one sentence listing every part: the paragraph after it is no part', () => {
    // as pdftotext lays out the Putuo 2024 决算's 政府采购 (货物 + 工程 + 服务 = 2319.22, a 尾差 against 2319.21)
    const t = (x: string) =>
      `（二）政府采购支出情况\n本部门2024年度政府采购金额为 2319.21 万元，\n其中：\n货物采购金额 122.43 万元、工程采购金额 1387.72 万元、服务采购金额 ${x} 万元。\n2024 年度本部门面向中小企业预留政府采购项目预算金额 225.10 万元，面向小微企业预留政府采购项目预算金额 164.87 万元。`;
    expect(brief(check(t('809.07')))).toEqual([{ rule: 'narrative-sum', at: '2:18', severity: 'warning', expected: '2319.22', actual: '2319.21' }]);
    expect(brief(check(t('810.07')))).toEqual([{ rule: 'narrative-sum', at: '2:18', severity: 'error', expected: '2320.22', actual: '2319.21' }]);
  });

  it('包括 lists add up to the section total', () => {
    const t = (x: string) => `一、说明\n收支总预算 100.00 万元。\n支出预算包括：一般公共服务支出 70.00 万元、公共安全支出 ${x} 万元。`;
    expect(check(t('30.00'))).toEqual([]);
    expect(brief(check(t('31.00')))).toEqual([{ rule: 'narrative-sum', at: '2:7', severity: 'error', expected: '101.00', actual: '100.00' }]);
  });

  it('counts add exactly: 实有人数 = 在职 + 退休 + 离休; the 增加 figures are no parts', () => {
    const t = (x: string) => `编制数 10人，实有人数 10人，其中：在职 ${x}人，增加 1人；退休 1人，增加 0 人；离休 0 人，增加 0 人。`;
    expect(check(t('9'))).toEqual([]);
    const fs = check(t('8'));
    expect(brief(fs)).toEqual([{ rule: 'narrative-sum', at: '1:14', severity: 'error', expected: '9', actual: '10' }]);
    expect(fs[0]!.unit).toBe('人');
  });

  it('a single 其中 part must not exceed its total (小微 ≤ 中小)', () => {
    const fs = check('一、说明\n面向中小企业预留政府采购项目预算金额 120.00 万元，其中：面向小微企业预留政府采购项目预算金额 130.00 万元。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-sum', at: '2:52', severity: 'error', expected: '120.00', actual: '130.00' }]);
  });

  it('signed changes: −1.14 = −1.00 − 0.24 fails', () => {
    const fs = check('一、说明\n“三公”经费比上年减少 1.14 万元，其中：公务用车运行费减少 1.00 万元；公务接待费减少 0.24 万元。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-sum', at: '2:13', severity: 'error', expected: '-1.24', actual: '-1.14' }]);
  });

  it('no sum from figures far from 其中 (text that is not a budget narrative)', () => {
    const text = `设置 "absolute": "1元" ${'说明文字'.repeat(40)} 其中 / 包括 / 合计，例如 2000元/月*12个月*15个站=36万元`;
    expect(readNarrative(text, 't.md').sums).toEqual([]);
    expect(check(text)).toEqual([]);
  });

  it('合计 after the parts is a total too', () => {
    const fs = check('六、年度预算安排\n2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，合计1170.00万。');
    expect(brief(fs)).toEqual([
      { rule: 'narrative-sum', at: '2:12', severity: 'error', expected: '940.00', actual: '1170.00' },
      { rule: 'narrative-sum', at: '2:58', severity: 'error', expected: '940.00', actual: '1170.00' },
    ]);
  });
});

describe('narrative-relations', () => {
  const t = (sme: string) => `一、说明\n政府采购预算 100.00 万元，其中：政府采购货物预算 50.00 万元，政府采购工程预算 20.00 万元，政府采购服务预算 30.00 万元。\n面向中小企业预留政府采购项目预算金额 ${sme} 万元。`;
  it('面向中小企业预留 ≤ 政府采购', () => {
    expect(check(t('80.00'))).toEqual([]);
    expect(brief(check(t('120.00')))).toEqual([{ rule: 'narrative-relations', at: '3:20', severity: 'error', expected: '100.00', actual: '120.00' }]);
  });

  it('机关运行经费 = 公用经费 for 行政单位, ≤ otherwise', () => {
    const text = '一、说明\n公用经费 126.79 万元。\n二、其他\n机关运行经费财政拨款预算 120.00 万元。';
    expect(check(text)).toEqual([]);
    expect(brief(check(text, { unitType: '行政单位' }))).toEqual([{ rule: 'narrative-relations', at: '4:14', severity: 'error', expected: '126.79', actual: '120.00' }]);
  });
});

describe('narrative-repeat', () => {
  it('one figure stated twice must agree', () => {
    const t = (x: string) => `一、关于收支总体说明\n支出预算包括：一般公共服务支出 100.00 万元。\n二、关于支出预算说明\n其中一般公共服务支出 ${x} 万元。`;
    expect(check(t('100.00'))).toEqual([]);
    expect(brief(check(t('100.10')))).toEqual([{ rule: 'narrative-repeat', at: '4:12', severity: 'error', expected: '100.00', actual: '100.10' }]);
  });

  it('all funds and appropriations are different scopes', () => {
    expect(check('一、关于收支总体说明\n基本支出 100.00 万元。\n二、关于一般公共预算当年拨款情况说明\n基本支出 90.00 万元。')).toEqual([]);
  });
});

const PROJECT = (alloc: string, scale = '40.00') => `七、关于项目支出情况说明
（一）项目名称：测试项目
设立政策依据：文件。
预算安排规模：${scale} 万元
项目承担单位：本单位
资金分配情况：${alloc}
资金执行时间：2022 年 1月-2022 年 12 月
八、关于“三公”经费说明
无。`;

describe('breakdown-arithmetic and breakdown-total', () => {
  it('agrees: computations exact in 元↔万元, items add to 共计 and to the 预算安排规模', () => {
    expect(check(PROJECT('本年度预算 40 万元，电费 2000 元/月*12 个月*15 个站=36 万元；网络费 1000 元/月*12 个月*3 个站=3.6 万元；其他 0.4 万元，共计 40 万元。'))).toEqual([]);
  });

  it('a computation that does not give its result is an error; the total of the breakdown against the budget too', () => {
    const fs = check(PROJECT('电费 2000 元/月*12 个月*15 个站=36 万元；网络费 1000 元/月*12 个月*3 个站=3.5 万元；共计 39.5 万元。'));
    expect(brief(fs)).toEqual([
      { rule: 'breakdown-arithmetic', at: '6:42', severity: 'error', expected: '3.6', actual: '3.5' },
      { rule: 'breakdown-total', at: '6:72', severity: 'error', expected: '40.00', actual: '39.5' },
    ]);
  });

  it('a 共计 that the items do not give', () => {
    const fs = check(PROJECT('办公费 10 万元；印刷费 20 万元；共计 40 万元。'));
    expect(brief(fs)).toEqual([{ rule: 'breakdown-total', at: '6:31', severity: 'error', expected: '30', actual: '40' }]);
  });

  it('约 allows the approx tolerance (0.5%) and no more', () => {
    expect(check(PROJECT('办公费 20 万元；印刷费 20 万元；共计约 40.1 万元。', '40.10'))).toEqual([]);
    // items shown without decimals stand for ±0.5 each: 41 is then only a 尾差
    expect(brief(check(PROJECT('办公费 20 万元；印刷费 20 万元；共计约 41 万元。', '41.00')))).toEqual([
      { rule: 'breakdown-total', at: '6:32', severity: 'warning', expected: '40', actual: '41' },
    ]);
    const fs = check(PROJECT('办公费 20.00 万元；印刷费 20.00 万元；共计约 41 万元。', '41.00'));
    expect(brief(fs)).toEqual([{ rule: 'breakdown-total', at: '6:38', severity: 'error', expected: '40.00', actual: '41' }]);
  });

  it('per-day and per-month steps are no items; exact integers give an exact total (512.64 ≠ 512.65)', () => {
    const fs = check(PROJECT('共计人数 445 人*32 元=1.424 万元/天，1.424 万元*30 天=42.72 万元/月，42.72 万元*12 月=512.64 万元/年。', '512.65'));
    expect(brief(fs)).toEqual([{ rule: 'breakdown-total', at: '4:8', severity: 'error', expected: '512.64', actual: '512.65' }]);
  });

  it('unitless products read in 元 when that gives the result: (26900*7.9)*12=255.01 万元, (1000*15)15000 元', () => {
    expect(check(PROJECT('租金（26900*7.9）*12=255.01 万元；消毒液(1000*15)15000 元。', '256.51'))).toEqual([]);
  });

  it('本年预算 stated otherwise than 预算安排规模', () => {
    const fs = check(PROJECT('本项目本年预算 44 万元，主要用于租赁。'));
    expect(brief(fs)).toEqual([{ rule: 'breakdown-total', at: '6:16', severity: 'error', expected: '40.00', actual: '44' }]);
  });

  it('"开展 5 次 … 每次约 20 万元" is 5 × 20', () => {
    expect(check(PROJECT('计划开展 5 次慰问活动，每次约 20万元。', '100.00'))).toEqual([]);
    expect(brief(check(PROJECT('计划开展 5 次慰问活动，每次约 20万元。', '120.00')))).toEqual([
      { rule: 'breakdown-total', at: '4:8', severity: 'error', expected: '100.00', actual: '120.00' },
    ]);
  });
});

const PERF = (total: string, fiscal: string, caps: string) => `项目支出绩效目标表
(2022 年)
项目名称 测试项目
项目资金（万
元）
年度资金总
额：
${total}
其中：财政拨
款
${fiscal} 其他资金 0.00
产出指标
成本指标
${caps}
效益指标
社会效益指标 好
（五）其他需说明的事项`;

describe('performance-target and performance-cost', () => {
  const alloc = '电费 2000 元/月*12 个月*15 个站=36 万元；网络费 1000 元/月*12 个月*3 个站=3.6 万元；其他 0.4 万元。';

  it('agrees: 年度资金总额 = 财政拨款 + 其他资金 = 预算安排规模; caps cover their items', () => {
    expect(check(`${PROJECT(alloc)}\n${PERF('40.00', '40.00', '电费 ≤36万元\n网络费 <=3.6万元\n每次补助资金数 <=1万元')}`)).toEqual([]);
  });

  it('the table total against its split and against the project; caps below their items', () => {
    const fs = check(`${PROJECT(alloc)}\n${PERF('40.01', '40.00', '电费 ≤30万元\n网络费 <=3.6万元')}`);
    expect(brief(fs)).toEqual([
      { rule: 'performance-target', at: '17:1', severity: 'warning', expected: '40.00', actual: '40.01' },
      { rule: 'performance-target', at: '17:1', severity: 'warning', expected: '40.00', actual: '40.01' },
      { rule: 'performance-cost', at: '23:5', severity: 'error', expected: '30.00', actual: '36.00' },
    ]);
  });

  it('a cap above the project total', () => {
    const fs = check(`${PROJECT(alloc)}\n${PERF('40.00', '40.00', '网络费 ≤45万元')}`);
    expect(brief(fs)).toEqual([{ rule: 'performance-cost', at: '23:6', severity: 'error', expected: '40.00', actual: '45' }]);
  });

  it('one table for each project', () => {
    const fs = check(`${PROJECT(alloc)}\n${PERF('40.00', '40.00', '电费 ≤36万元')}\n${PERF('40.00', '40.00', '电费 ≤36万元')}`);
    expect(fs.map((f) => [f.ruleId, f.severity, f.message.zh])).toEqual([['performance-target', 'error', '说明描述了 1 个项目，但有 2 张项目支出绩效目标表']]);
  });
});

describe('narrative-count', () => {
  it('安排 N 个项目 against the projects described', () => {
    const text = (k: string) => `一、说明\n项目支出 40.00 万元，主要原因是：本年安排 ${k}个项目。\n${PROJECT('办公费 40 万元。')}`;
    expect(check(text('1'))).toEqual([]);
    const fs = check(text('2'));
    expect(brief(fs)).toEqual([{ rule: 'narrative-count', at: '2:26', severity: 'error', expected: '1', actual: '2' }]);
  });
});

// Patterns met in real 情况说明 texts of many regions (budgets and 决算), each in a crafted text of its own:
// what the reader must take as a claim, and what it must leave alone.
describe('patterns of real texts', () => {
  const rules = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.location.line}:${f.location.column}:${f.severity}`);

  it('items under one 款 named after its mark are different items: 住房公积金 and 提租补贴', () => {
    const t = '一、说明\n住房保障支出（类）住房改革支出（款）住房公积金 60.00 万元；住房保障支出（类）住房改革支出（款）提租补贴 20.00 万元。';
    expect(check(t)).toEqual([]);
    expect(readNarrative(t, 't.txt').amounts.map((a) => a.key)).toEqual(['fn:住房保障支出/住房改革支出/住房公积金', 'fn:住房保障支出/住房改革支出/提租补贴']);
  });

  it('a level and a change of the same thing are different claims: 人员经费 A and 增加人员经费 B', () => {
    const t = '一、说明\n人员经费 100.00 万元，公用经费 20.00 万元。\n二、变动\n主要原因是增加人员经费 5.00 万元。';
    expect(check(t)).toEqual([]);
    expect(readNarrative(t, 't.txt').amounts.map((a) => a.delta ?? 'level')).toEqual(['level', 'level', '增加']);
  });

  it('"主要包括：" naming categories is no sum; the 其中 parts are 人员经费 and 公用经费', () => {
    const t = (p: string) => `六、基本支出\n一般公共预算财政拨款基本支出 120.00 万元。其中：人员经费 ${p} 万元，主要包括：基本工资、津贴补贴；公用经费 20.00 万元，主要包括：办公费、差旅费。`;
    expect(check(t('100.00'))).toEqual([]);
    expect(brief(check(t('110.00')))).toEqual([{ rule: 'narrative-sum', at: '2:16', severity: 'error', expected: '130.00', actual: '120.00' }]);
  });

  it('a sum is of the parts the sentence adds: a 包括 inside a part, a bracketed breakdown, a staff list followed by 退休', () => {
    expect(check('一、人员\n实有人数 60 人，其中在职人员 40 人，包括行政人员 25 人，事业人员 15 人；退休人员 12 人，聘用人员 5 人，遗属 3 人。')).toEqual([]);
    expect(check('一、说明\n“三公”经费支出预算 5000 万元，其中：因公出国（境）费 50 万元，公务接待费 450 万元，公务用车购置及运行维护费 4500 万元（包括：公务用车运行维护费 3000 万元、公务用车购置费 1500 万元）。')).toEqual([]);
    expect(check('一、人员\n实际正式教职工 50 人，其中副高级职称 5 人，中级职称 20 人，初级职称 15 人，工勤人员 10 人，退休职工 30 人。')).toEqual([]);
  });

  it('基本支出 and 项目支出 of an item are not the department\'s', () => {
    const t = '五、一般公共预算支出\n一般公共预算拨款支出 300.00 万元，其中：基本支出 250.00 万元，项目支出 50.00 万元。\n初中教育支出 200.00 万元，其中：基本支出 200.00 万元，项目支出 0 万元。\n高中教育支出 100.00 万元，其中：基本支出 50.00 万元，项目支出 50.00 万元。';
    expect(check(t)).toEqual([]);
  });

  it('each source of revenue is its own figure: 一般公共预算财政拨款收入 and 政府性基金预算财政拨款收入', () => {
    expect(check('二、收入\n本年收入合计 100.00 万元，其中：一般公共预算财政拨款收入 60.00 万元，占 60.00%；政府性基金预算财政拨款收入 0 万元，占 0%；事业收入 40.00 万元，占 40.00%。')).toEqual([]);
  });

  it('"…决算中，X 占 P%" is a share of the 决算, not of the budget stated before it', () => {
    const t = (p: string) => `七、“三公”经费\n“三公”经费财政拨款支出预算为 40.00 万元，支出决算为 20.00 万元，完成预算的 50.00%。\n“三公”经费财政拨款支出决算中，公务接待费支出决算 15.00 万元，占 ${p}%；公务用车购置及运行维护费支出决算 5.00 万元，占 25.00%。`;
    expect(check(t('75.00'))).toEqual([]);
    expect(brief(check(t('37.50')))).toEqual([{ rule: 'narrative-share', at: '3:38', severity: 'error', expected: '75.00', actual: '37.50' }]);
  });

  it('last year\'s figure stated with the change, or with the rate alone', () => {
    expect(check('二、收入\n收入预算 2500.00 万元，比 2024 年年初预算数 2000.00 万元增加 500.00 万元，增长 25.00%。')).toEqual([]);
    expect(check('三、“三公”经费\n“三公”经费支出 3.00 万元，较上年 4.00 减少 1.00 万元，减少了 25.00%。')).toEqual([]);
    expect(brief(check('八、培训费\n培训费 2025 年预算 3 万元，较 2024 年预算 2.00 万元增长 80%。'))).toEqual([
      { rule: 'narrative-growth', at: '2:40', severity: 'error', expected: '50', actual: '80' },
    ]);
  });

  it('a rate over this year instead of last year says so; words that contradict need no figure', () => {
    const fs = check('四、说明\n社会保障和就业支出 120000.00 元，同比增加 20000.00 元，增长 16.67%。');
    expect(fs.map((f) => f.message.zh)).toEqual([expect.stringContaining('该增幅是增减额除以本年数，而非除以上年数')]);
    expect(rules(check('一、说明\n办公费较上年减 0.20 万元，增 2.00%。'))).toEqual(['narrative-growth@2:19:error']);
  });

  it('两个数各自的增减: "收、支总计各是 A、B 万元 … 各减少 a、b 万元，各下降 p%、q%"', () => {
    const fs = check('一、总体情况\n2024 年度收、支总计各是 2000.00,3000.00 万元。与 2023 年相比，收、支总计各减少 500.00,1201.00 万元，各下降 20.00%、28.58%。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-growth', at: '2:84', severity: 'error', expected: '28.59', actual: '28.58' }]);
    expect(fs[0]!.message.zh).toContain('被截断为 28.58%');
  });

  it('a mirror\'s traditional characters and pinyin glosses are read as the text', () => {
    const fs = check('二、收入\n2024年度,本單位收入為1200.00萬元,其中:財政撥款收入1000.00萬元,事業(yè)收入200.00萬元,經(jīng)營收入0萬元。\n三、決算\n一般公共預(yù)算財政撥款支出總計1500.00萬元;完成年初預(yù)算100%,決算數(shù)大於預(yù)算數(shù)60.00萬元。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-execution', at: '4:39', severity: 'error', expected: '104', actual: '100' }]);
  });

  it('决算 against budget with a stated gap; a rate on a zero budget', () => {
    expect(check('二、对比\n“三公”经费支出 3.10 万元，年初预算为 4.00 万元，差值为 0.90 万元。其中：因公出国（境）支出 0 万元，年初预算为 0 万元，差值为 0 万元；公务接待费支出 3.10 万元，年初预算为 4.00 万元，差值为 0.90 万元。')).toEqual([]);
    expect(rules(check('一、说明\n因公出国（境）费支出决算为 0 万元，完成全年预算 0 万元的 0%。'))).toEqual(['narrative-execution@2:33:info']);
  });

  it('an excerpt cut inside a list is not summed; a list whose parts are all there is', () => {
    expect(check('一、收入\n收入预算总额为 5000.00 万元。其中：财政拨款收入 4000.00 万元；其他收入 500.00 万元；上年结')).toEqual([]);
    expect(rules(check('二、公务用车\n公务用车购置及运行维护费支出 5.00 万元。其中：\n公务用车购置支出 0 万元，购置车辆 0 辆。本单位无此项支出。\n公务用车运行维护支出 0 万元，开支'))).toEqual(['narrative-sum@2:16:error']);
  });

  it('a 其中 that ends a wrapped line is inline: the next item is no part of it', () => {
    const t = '五、一般公共预算支出\n机构运行 110.00 万元，其中：基本支出 110.00 万元，项目支出 0 元。\n养老保险缴费支出 15.00 万元，其中：\n基本支出 15.00 万元，项目支出 0 元。主要用于缴费\n支出。\n事业单位医疗 7.60 万元，其中：基本支出 7.60 万元，项目支出 0 元。';
    expect(check(t)).toEqual([]);
  });

  it('a masked name is no total; "稳增长" is a name, not a change', () => {
    expect(check('一、说明\n财政拨款支出 100.00 万元。其中：按功能分类科目，********支出 2.00 万元，********支出 98.00 万元。\n二、其他\n教育支出 5.00 万元。')).toEqual([]);
    const n = readNarrative('六、年度预算安排\n项目总预算 400.00 万，其中支持外贸发展 370.00 万，支持商销稳增长 30.00 万，合计 400.00 万。', 't.txt');
    expect(n.amounts.filter((a) => a.delta)).toEqual([]);
    expect(n.sums).toHaveLength(2);
  });

  it('figures of different years are different figures; 加上 ends a list', () => {
    expect(check('一、2025 年预算\n2025 年度“三公”经费预算总计 30.0 万元，其中：因公出国（境）经费 0 万元，公务接待 18.0 万元，公务用车运行费用 12 万元。\n二、2024 年决算\n2024 年度“三公”经费合计支出 28.50 万元，其中：因公出国（境）经费 0 万元，公务接待 16.50 万元，公务用车运行费用 12.00 万元。')).toEqual([]);
    expect(check('1.一般公共预算\n全区一般公共预算总收入 300000 万元，其中地方一般公共预算收入 200000 万元；加上级补助收入 80000 万元，上年结余收入 30000 万元，收入合计 310000 万元。')).toEqual([]);
  });

  it('shares of a total the text names but does not state: 基本支出 and 项目支出 make it', () => {
    const t = '五、支出\n1. 基本支出预算 3000000.00 元，占一般公共预算支出的 75.00%。\n2. 项目支出 1000000 元，占一般公共预算支出的 30.00%。';
    expect(brief(check(t))).toEqual([{ rule: 'narrative-share', at: '3:30', severity: 'error', expected: '25.00', actual: '30.00' }]);
  });

  it('a count of projects of one kind is no count of all projects', () => {
    const n = readNarrative('十、绩效\n编报绩效目标的项目 39 个，涉及预算金额 4415.48 万元；绩效评级为“良”的项目 0 个；绩效自评中共发现问题 0 个。', 't.txt');
    expect(n.counts.map((c) => c.fig.raw)).toEqual(['39个']);
  });

  it('sides that each restate the total are no parts of it', () => {
    expect(check('一、收支预算总体情况\n收入、支出预算总计 33172.15 万元，与上年相比各增加 4322.77 万元，增长 14.98%。其中：\n（一）收入预算总计 33172.15 万元，与上年相比增加 4322.77 万元。\n（二）支出预算总计 33172.15 万元，与上年相比增加 2687.77 万元。')).toEqual([]);
  });
});

describe('more wordings of real texts', () => {
  it('"一般公共服务（类）支出 X", "社会保障和就业（类）…（项）": one class, one key', () => {
    const n = readNarrative('（二）一般公共预算财政拨款支出决算结构情况\n一般公共服务（类）支出 1200.00 万元，占 85.71%；社会保障和就业（类）支出 200.00 万元，占 14.29%。\n1.社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为 200.00 万元。', 't.txt');
    expect(n.amounts.map((a) => a.key)).toEqual(['fn:一般公共服务支出', 'fn:社会保障和就业支出', 'fn:社会保障和就业支出/行政事业单位养老支出/机关事业单位基本养老保险缴费支出']);
  });

  it('授予中小企业合同金额 and 授予小微企业 are the awards, checked against the procurement', () => {
    const t = (x: string) => `十、政府采购\n本单位政府采购支出总额 50.00 万元，其中：政府采购货物支出 20.00 万元、政府采购工程支出 0 万元、政府采购服务支出 30.00 万元。授予中小企业合同金额 ${x} 万元，占政府采购支出总额的 100%。`;
    expect(check(t('50.00'))).toEqual([]);
    expect(check(t('60.00')).map((f) => f.ruleId)).toEqual(['narrative-relations', 'narrative-share']);
  });
});

describe('lists of some of the parts', () => {
  it('"其中：主要用于 A、B" and "A、B 等" list some parts only: together at most the total', () => {
    expect(check('五、项目支出\n项目支出 500.00 万元，其中：主要用于甲项目 100.00 万元、乙项目 50.00 万元。')).toEqual([]);
    const fs = check('五、项目支出\n项目支出 500.00 万元，其中：甲项目 100.00 万元、乙项目 450.00 万元等。');
    expect(brief(fs)).toEqual([{ rule: 'narrative-sum', at: '2:23', severity: 'error', expected: '500.00', actual: '550.00' }]);
    expect(fs[0]!.message.zh).toBe('所列 2 项之和 550.00 超过了项目支出 500.00');
  });
});

describe('changes of the parts', () => {
  it('"因公出国（境）费 0 万元，与上年持平" is a part with no change: the changes of the parts add up to the total\'s', () => {
    const t = (d: string) => `四、“三公”经费预算情况\n2024年“三公”经费预算20.00万元，比上年减少${d}万元。其中：因公出国（境）费0万元，与上年持平；公务用车购置及运行费15.00万元，比上年减少1.00万元；公务接待费5.00万元，比上年减少1.00万元。`;
    expect(check(t('2.00'))).toEqual([]);
    expect(brief(check(t('2.50')))).toEqual([{ rule: 'narrative-sum', at: '2:27', severity: 'error', expected: '-2.00', actual: '-2.50' }]);
  });
});

describe('items under a heading that names their class', () => {
  it('"（一）公共安全（类）" then "1．法院（款）行政运行（项）支出 X": the path has the heading\'s class; "（项）支出" is no part of the name', () => {
    const n = readNarrative('五、财政拨款支出预算情况说明\n其中：\n（一）公共安全（类）\n1．法院（款）行政运行（项）支出 14857.61 万元，与上年相比增加 3070.69 万元，增长 26.05%。', 't.txt');
    expect(n.amounts.filter((a) => !a.delta).map((a) => a.key)).toEqual(['fn:公共安全支出/法院/行政运行']);
  });
});
