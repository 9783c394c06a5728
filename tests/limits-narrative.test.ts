// The 情况说明 reader in bounded time and memory: every pass over the text is linear whatever its
// figures, clauses and headings (tests of growth: twice the text, at most a little more than
// twice the time), computations nest and chain within bounds that are said where they are hit,
// and a text of absurd figures is refused.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNarrative } from '../src/load/narrative/index.js';
import { MAX_EXPR_DEPTH } from '../src/load/narrative/projects.js';
import { MAX_NUMBER_DIGITS, MAX_TEXT_FIGURES, MAX_TEXT_LINES, MAX_TEXT_MARKERS } from '../src/load/limits.js';
import { growth, MAX_RATIO } from './growth.js';
import { runCli, tempDir } from './input-support.js';

const HEAD = '一、部门收支总体情况\n';
const PROJECT = '项目名称：X\n预算安排规模：1万元\n资金分配情况：';

/** Texts that each stress one pass of the reader, n repetitions of their pattern. */
const STRESS: Record<string, (n: number) => string> = {
  '1万元 repeated on one line (each figure’s clause)': (n) => `${HEAD}支出${'1万元'.repeat(n)}。\n`,
  'many 其中： in one sentence': (n) => `${HEAD}支出100万元，${'其中：1万元'.repeat(n)}。\n`,
  '其中： at line ends (lists set out line by line)': (n) => `${HEAD}支出100万元，其中：\n${'基本支出1万元，其中：\n'.repeat(n)}`,
  'many 增加…增长 clauses in one sentence': (n) => `${HEAD}支出100万元，${'比上年增加1万元，增长1%，'.repeat(n)}。\n`,
  'many headings, each with a share': (n) => Array.from({ length: n }, (_, i) => `${'一二三'[i % 3]}、标题\n支出${i}万元，占5%。`).join('\n'),
  'many 包括 clauses in one sentence': (n) => `${HEAD}支出总预算100万元，${'包括：1万元、'.repeat(n)}。\n`,
  'many shares after one 其中': (n) => `${HEAD}支出100万元，${'其中：基本支出1万元，占1%，'.repeat(n)}。\n`,
  'many project counts in one sentence': (n) => `${HEAD}${'安排18个项目，绩'.repeat(n)}。\n`,
  'many projects and sections': (n) => Array.from({ length: n }, (_, i) => `${'一二三'[i % 3]}、标题\n项目名称：P${i}\n预算安排规模：1万元\n资金分配情况：1元*2=2元。`).join('\n'),
  'a long a*b*… chain in 资金分配情况': (n) => `${HEAD}${PROJECT}${Array.from({ length: n }, () => '2元').join('*')}。\n`,
  'many 每次 rates in one allocation': (n) => `${HEAD}${PROJECT}开展5次，${'每次约1万元，'.repeat(n)}。\n`,
  'unclosed parentheses before each item': (n) => `${HEAD}${PROJECT}${'(租金1万元'.repeat(n)}。\n`,
  '成本指标 without a comparison': (n) => `项目支出绩效目标表\n成本指标 ${'费'.repeat(n)}1万元\n`,
  'a run of delimiters before each figure': (n) => `${HEAD}${PROJECT}${'，'.repeat(n)}1万元。\n`,
};

/** repetitions at which a run takes some tens of milliseconds (the heavier patterns fewer) */
const SIZE: Record<string, number> = { 'many projects and sections': 2_000, 'a long a*b*… chain in 资金分配情况': 1_500, '成本指标 without a comparison': 50_000, 'a run of delimiters before each figure': 50_000 };

describe('every pass over the text is linear', () => {
  for (const [what, make] of Object.entries(STRESS)) {
    it(what, () => {
      const { ratio, small, large } = growth(make, (t) => readNarrative(t, 'x.txt'), SIZE[what] ?? 4_000);
      expect(ratio, `${small.toFixed(1)} ms, then ${large.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
    });
  }
});

describe('the reader’s bounds, said where they are hit', () => {
  it(`reads no computation past ${MAX_EXPR_DEPTH} nested parentheses, and says so at the place; the rest is still checked`, async () => {
    const dir = tempDir();
    const deep = `${'（'.repeat(3000)}2${'）'.repeat(3000)}`;
    const text = `${HEAD}项目名称：X\n预算安排规模：2元\n资金分配情况：1元*${deep}=2元。租金1元*2=3元。\n`;
    const file = join(dir, '说明.txt');
    writeFileSync(file, text);
    const n = readNarrative(text, 'x.txt');
    expect(n.notices).toEqual([{ code: 'too-deep', message: { zh: `括号嵌套超过 ${MAX_EXPR_DEPTH} 层，此处的算式未计算`, en: expect.any(String) }, loc: { file: 'x.txt', line: 4, column: 11 + MAX_EXPR_DEPTH } }]);
    for (const jobs of ['1', '2']) {
      const r = await runCli(['check', file, '--jobs', jobs, '-f', 'json']);
      expect(r.code).toBe(1);
      const findings = JSON.parse(r.out).disclosures[0].findings as Array<{ ruleId: string; severity: string }>;
      expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'input/too-deep', severity: 'warning' }));
      // the computation after it is still read and checked: 1*2 is not 3
      expect(findings.some((f) => f.ruleId === 'breakdown-expression' || f.ruleId === 'breakdown-arithmetic')).toBe(true);
    }
  });

  it(`refuses a figure of more than ${MAX_NUMBER_DIGITS} digits, naming its line and column`, async () => {
    const dir = tempDir();
    const file = join(dir, '说明.txt');
    writeFileSync(file, `${HEAD}支出${'9'.repeat(MAX_NUMBER_DIGITS + 1)}万元。\n`);
    const r = await runCli(['check', file, '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${file}:2:3: 数字超过 ${MAX_NUMBER_DIGITS} 位，不是可核对的金额\n`);
  });

  it(`refuses a text of more than ${MAX_TEXT_FIGURES} figures`, async () => {
    const dir = tempDir();
    const file = join(dir, '说明.txt');
    writeFileSync(file, `${HEAD}支出${'1万元，'.repeat(MAX_TEXT_FIGURES + 1)}\n`);
    const r = await runCli(['check', file, '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${file}:2:${3 + 4 * MAX_TEXT_FIGURES}: 说明中的数字过多（超过 ${MAX_TEXT_FIGURES} 个）\n`);
  });

  it(`refuses a text of more than ${MAX_TEXT_LINES} lines before splitting it`, async () => {
    const dir = tempDir();
    const file = join(dir, '说明.txt');
    writeFileSync(file, 'x\n'.repeat(MAX_TEXT_LINES + 5));
    const r = await runCli(['check', file, '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${file}:${MAX_TEXT_LINES + 1}: 说明超过 ${MAX_TEXT_LINES} 行\n`);
  });

  it(`refuses more than ${MAX_TEXT_MARKERS} headings, 其中, 包括 and 项目名称 together`, async () => {
    const dir = tempDir();
    const file = join(dir, '说明.txt');
    writeFileSync(file, `${HEAD}${'其中包括'.repeat(MAX_TEXT_MARKERS / 2)}项目名称\n`);
    const r = await runCli(['check', file, '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${file}:2:${4 * (MAX_TEXT_MARKERS / 2) - 1}: 说明中的标题、“其中”“包括”和“项目名称”合计超过 ${MAX_TEXT_MARKERS} 个\n`);
  });
});
