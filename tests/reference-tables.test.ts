// The two real disclosures: every inconsistency in the Kashgar tables is found, nothing else;
// the Putuo tables (a different layout, amounts in 元 with 三公 in 万元) are clean.
import { describe, expect, it } from 'vitest';
import { brief, load, tableFindings } from './helpers.js';

const T5 = 'fixtures/kashgar-2022/t5-一般公共预算支出情况表.csv';
const T7 = 'fixtures/kashgar-2022/t7-一般公共预算项目支出情况表.csv';

const KASHGAR = [
  { ruleId: 'project-agreement', at: `${T5}:15:26`, row: '2040299 其他公安支出', col: '一般公共预算支出/项目支出', expected: '972.33', actual: '972.32', difference: '-0.01' },
  { ruleId: 'row-total', at: `${T7}:22:15`, row: '204 公共安全支出', col: '项目支出合计', expected: '972.33', actual: '972.32', difference: '-0.01' },
  { ruleId: 'rollup', at: `${T7}:23:13`, row: '20402 公安', col: '项目支出合计', expected: '972.33', actual: '972.32', difference: '-0.01' },
  { ruleId: 'row-total', at: `${T7}:23:13`, row: '20402 公安', col: '项目支出合计', expected: '972.33', actual: '972.32', difference: '-0.01' },
  { ruleId: 'column-total', at: `${T7}:33:34`, row: '合计', col: '资本性支出', expected: '1244.95', actual: '1244.94', difference: '-0.01' },
];

describe('Kashgar 2022 tables', () => {
  it('reports exactly the 表七 inconsistencies, as 尾差 warnings by default', async () => {
    const findings = tableFindings(await load('fixtures/kashgar-2022'));
    expect(findings.map(brief)).toEqual(KASHGAR.map((k) => ({ ...k, severity: 'warning' })));
    for (const f of findings) expect(f.message.zh).toContain('尾差');
  });

  it('reports the same places as errors with --strict', async () => {
    const findings = tableFindings(await load('fixtures/kashgar-2022'), { strict: true });
    expect(findings.map(brief)).toEqual(KASHGAR.map((k) => ({ ...k, severity: 'error' })));
  });

  it('names the inputs of each recomputation with their locations', async () => {
    const findings = tableFindings(await load('fixtures/kashgar-2022'));
    const colTotal = findings.find((f) => f.ruleId === 'column-total')!;
    expect(colTotal.inputs!.map((i) => [i.value, `${i.location!.line}:${i.location!.column}`])).toEqual([
      ['309.74', '6:37'],
      ['593.96', '22:39'],
      ['341.25', '30:27'],
    ]);
    expect(colTotal.unit).toBe('万元');
  });
});

describe('Putuo 2025 tables', () => {
  it('has no table findings', async () => {
    expect(tableFindings(await load('fixtures/putuo-2025')).map(brief)).toEqual([]);
  });

  it('compares tables in different units (元 and 万元) exactly', async () => {
    const d = await load('fixtures/putuo-2025');
    expect(d.tables.basicEconomic!.unit).toBe('元');
    expect(d.tables.threePublic!.unit).toBe('万元');
  });
});
