// --abs-tolerance is an amount of money: it eases money comparisons in the text, never shares
// (percentage points) or counts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dec } from '../src/core/decimal.js';
import { load, options } from './helpers.js';
import { runRules } from '../src/rules/engine.js';

const TEXT = [
  '二、收入预算情况说明',
  '收入预算 100.00 万元，其中：一般公共预算 60.00 万元，占 61.00%。',
  '支出预算 100.00 万元，其中：基本支出 40.00 万元、项目支出 60.50 万元。',
  '',
].join('\n');

async function findings(absTolerance?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-abs-'));
  writeFileSync(join(dir, '情况说明.txt'), TEXT);
  const d = await load(join(dir, '情况说明.txt'));
  const o = absTolerance ? options({ absTolerance: dec(absTolerance) }) : options();
  return runRules(d, o).map((f) => [f.ruleId, f.severity, f.location.line, f.expected, f.actual]);
}

describe('absolute tolerance in the narrative rules', () => {
  it('without it: the share and the sum are both reported', async () => {
    expect(await findings()).toEqual([
      ['narrative-share', 'error', 2, '60.00', '61.00'],
      ['narrative-sum', 'error', 3, '100.50', '100.00'],
    ]);
  });

  it('with 1 万元: the 0.50 万元 sum passes, the 1-point share is still an error', async () => {
    expect(await findings('1')).toEqual([['narrative-share', 'error', 2, '60.00', '61.00']]);
  });
});
