// The one figure behind many findings: a mistyped cell breaks its row, its parent codes, the total
// and a link to another table; the root cause names that cell and the value every check wants.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dec } from '../src/core/decimal.js';
import { recordingRelations } from '../src/rules/relations.js';
import { runChecks } from '../src/rules/engine.js';
import { RULES } from '../src/rules/index.js';
import { findRootCauses, type Correction } from '../src/rules/root-cause.js';
import { load, options, runMain, TABLE_RULE_IDS } from './helpers.js';
import { tempDir } from './input-support.js';

const TABLE_RULES = RULES.filter((r) => TABLE_RULE_IDS.includes(r.meta.id));
const at = (c: Correction) => `${c.location.file}:${c.location.line}:${c.location.column}`;

describe('root causes', () => {
  it('name the changed cell for (nearly) every +1.00 change of a printed amount, and never another cell alone', async () => {
    const d = await load('fixtures/kashgar-2022');
    let changes = 0;
    let named = 0;
    const wrong: string[] = [];
    for (const t of Object.values(d.tables)) {
      for (const row of t.rows) {
        for (const key of Object.keys(row.cells)) {
          const cell = row.cells[key]!;
          if (!cell.amount) continue;
          changes++;
          row.cells[key] = { ...cell, amount: { value: cell.amount.value.plus(dec(1)), decimals: cell.amount.decimals } };
          const { relations } = recordingRelations(() => runChecks(d, options(), TABLE_RULES));
          const causes = findRootCauses(relations, { strict: false });
          row.cells[key] = cell;
          const here = `${cell.loc.file}:${cell.loc.line}:${cell.loc.column}`;
          if (causes.some((c) => c.corrections.some((x) => at(x) === here) || c.alternatives.some((a) => a.some((x) => at(x) === here)))) named++;
          for (const c of causes) {
            // a sole, unambiguous cause that is some other cell would send the user to the wrong place
            if (c.alternatives.length === 0 && c.corrections.length === 1 && at(c.corrections[0]!) !== here) wrong.push(`${here} → ${at(c.corrections[0]!)}`);
          }
        }
      }
    }
    expect(changes).toBe(318);
    expect(wrong).toEqual([]);
    expect(named / changes).toBeGreaterThanOrEqual(0.9);
  });

  it('are reported first in the text, and in JSON and SARIF, with the value the checks want', async () => {
    const dir = tempDir();
    cpSync('fixtures/kashgar-2022', dir, { recursive: true });
    const t3 = join(dir, 't3-部门支出总体情况表.csv');
    writeFileSync(t3, readFileSync(t3, 'utf8').replace('201,03,01,行政运行,341.29', '201,03,01,行政运行,342.29'));
    const text = await runMain('check', dir, '--no-config', '--lang', 'en');
    const first = text.out.split('\n')[0]!;
    expect(first).toBe(`root cause  One figure explains 4 findings: Table 3 2010301 行政运行 · total 342.29 (should be 341.29 10k yuan); corrected, these checks all hold  ${t3}:9:16`);
    const json = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out) as { disclosures: Array<{ rootCauses: Array<{ corrections: Array<{ printed: string; corrected: string; location: { line: number; column: number } }>; ambiguous: boolean; findings: string[] }> }> };
    const rc = json.disclosures[0]!.rootCauses[0]!;
    expect(rc).toMatchObject({ ambiguous: false, corrections: [{ printed: '342.29', corrected: '341.29', location: { line: 9, column: 16 } }] });
    expect(rc.findings.map((k) => k.replace(dir + '/', ''))).toEqual([
      'row-total@t3-部门支出总体情况表.csv:9:16',
      'rollup@t3-部门支出总体情况表.csv:8:25',
      'class-agreement@t3-部门支出总体情况表.csv:9:16',
      'general-budget-agreement@t5-一般公共预算支出情况表.csv:9:16',
    ]);
    const sarif = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'sarif')).out) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ message: { text: string } }> }> }> };
    const rowTotal = sarif.runs[0]!.results.find((r) => r.ruleId === 'row-total')!;
    expect(rowTotal.relatedLocations!.at(-1)!.message.text).toBe('根因: 表三 2010301 行政运行 · 合计 342.29（应为 341.29 万元）');
  });

  it('are not guessed: where several figures explain a cluster equally, all are named, none as the cause', async () => {
    // 表四's 支出用途: 项目支出 + 单位预留机动经费 add up to 支出合计 in no other table, so either may be the one
    const d = await load('fixtures/real/jiangsu-court-2018/banded');
    const t = d.tables.fiscalOverview!;
    const row = t.rows.find((r) => r.name === '二、项目支出')!;
    const cell = row.cells.total!;
    row.cells.total = { ...cell, amount: { value: cell.amount!.value.plus(dec(1)), decimals: 2 } };
    const { relations } = recordingRelations(() => runChecks(d, options(), TABLE_RULES));
    const [cause, ...others] = findRootCauses(relations, { strict: false });
    expect(others).toEqual([]);
    const names = [cause!.corrections, ...cause!.alternatives].map((set) => set.map((c) => `${c.label.zh} ${c.printed}→${c.corrected}`));
    expect(names).toEqual([['表四 二、项目支出 · 金额 11344.27→11343.27'], ['表四 三、单位预留机动经费 · 金额 3258.06→3257.06']]);
  });
});
