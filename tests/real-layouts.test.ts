// Real disclosures of every built-in layout, transcribed as published (fixtures/real/ and the two
// reference fixtures), in both shapes users produce: with band rows and merged headers as budget
// systems export them, and flattened to one header row as PDF converters do. Each is read whole
// (the layout detected, every file a table, every printed figure a cell, no column unknown),
// checks with exactly its known findings, and every amount is checked by something: raising any
// cell by 1.00 gives an error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dec, parseNumber } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { decode, parseDelimited } from '../src/load/grid.js';
import type { Cell, Disclosure } from '../src/load/model.js';
import { readHead } from '../src/load/table.js';
import { load, runMain, tableFindings } from './helpers.js';

interface Case {
  dir: string;
  layout: string;
  tables: number;
  /** the published inconsistencies, as rule@file:line:col (none: a consistent disclosure) */
  findings: string[];
  /** the command line's exit code for the whole disclosure (text included) */
  exit: number;
}

const KASHGAR_FINDINGS = [
  'project-agreement@t5-一般公共预算支出情况表.csv:15:26',
  'row-total@t7-一般公共预算项目支出情况表.csv:22:15',
  'rollup@t7-一般公共预算项目支出情况表.csv:23:13',
  'row-total@t7-一般公共预算项目支出情况表.csv:23:13',
  'column-total@t7-一般公共预算项目支出情况表.csv:33:34',
];

// the 决算's tables print eleven differences of 0.01–0.02 万元 between figures that should agree (尾差):
// 卫生健康支出 236.63 (收入支出决算总表, 财政拨款收入支出决算总表) vs 236.64 (支出决算表, 一般公共预算财政拨款支出决算表);
// 城乡社区支出 3845.25 vs 3845.24; 合计 ≠ 基本支出 + 项目支出 by 0.01 on four rows of 一般公共预算财政拨款支出决算表;
// 302 商品和服务支出 440.90 vs its items 440.88; 人员经费合计 4884.09 vs 301 + 303 = 4884.10
const FINAL_FINDINGS = [
  'class-agreement@03-支出决算表.csv:13:12',
  'class-agreement@03-支出决算表.csv:17:12',
  'fiscal-agreement@04-财政拨款收入支出决算总表.csv:13:19',
  'column-total@04-财政拨款收入支出决算总表.csv:29:23',
  'column-total@04-财政拨款收入支出决算总表.csv:29:31',
  'row-total@05-一般公共预算财政拨款支出决算表.csv:16:12',
  'row-total@05-一般公共预算财政拨款支出决算表.csv:17:16',
  'row-total@05-一般公共预算财政拨款支出决算表.csv:18:14',
  'row-total@05-一般公共预算财政拨款支出决算表.csv:29:5',
  'rollup@06-一般公共预算财政拨款基本支出决算表.csv:4:32',
  'column-total@06-一般公共预算财政拨款基本支出决算表.csv:42:9',
];

const CASES: Case[] = [
  // the text beside the Kashgar tables has errors of its own (tests/narrative-reference.test.ts)
  { dir: 'fixtures/kashgar-2022', layout: 'national', tables: 9, findings: KASHGAR_FINDINGS, exit: 1 },
  { dir: 'fixtures/putuo-2025', layout: 'shanghai-district', tables: 9, findings: [], exit: 0 },
  { dir: 'fixtures/real/putuo-commerce-2025/flat', layout: 'shanghai-district', tables: 9, findings: [], exit: 0 },
  { dir: 'fixtures/real/putuo-planning-2024-final/banded', layout: 'national-final', tables: 9, findings: FINAL_FINDINGS, exit: 0 },
  // tables 02–05 of the flat shape have one header row fewer than the banded; the others are the same
  { dir: 'fixtures/real/putuo-planning-2024-final/flat', layout: 'national-final', tables: 9, findings: FINAL_FINDINGS.map((f) => f.replace(/:(\d+):/, (_, l) => `:${Number(l) - (/0[2-5]-/.test(f) ? 1 : 0)}:`)), exit: 0 },
  ...['jiangsu-court-2018', 'jiangsu-court-2019', 'jiangsu-party-office-2019', 'jiangsu-cppcc-2017'].flatMap((doc) =>
    ['banded', 'flat'].map((shape) => ({ dir: `fixtures/real/${doc}/${shape}`, layout: 'jiangsu-2017', tables: 12, findings: [], exit: 0 })),
  ),
];

function brief(f: Finding, dir: string): string {
  return `${f.ruleId}@${f.location.file.slice(dir.length + 1)}:${f.location.line}:${f.location.column}`;
}

/** Every figure printed in a data row of the disclosure's CSV files, as file:line:column. */
function printedFigures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const file = join(dir, name);
    const grid = parseDelimited(decode(readFileSync(file), file), file);
    for (const r of readHead(grid).dataRows) {
      for (const c of r.cells) {
        const t = c.text.trim();
        // classification codes (201, 20103, 2010301, and 类/款/项 parts) are not amounts
        if (parseNumber(t).kind !== 'number' || /^(\d{1,3}|\d{5}|\d{7})$/.test(t)) continue;
        out.push(`${file}:${c.line}:${c.column}`);
      }
    }
  }
  return out.sort();
}

function readCells(d: Disclosure): Set<string> {
  const s = new Set<string>();
  for (const t of Object.values(d.tables)) for (const r of t.rows) for (const c of Object.values(r.cells)) s.add(`${c.loc.file}:${c.loc.line}:${c.loc.column}`);
  return s;
}

describe.each(CASES)('$dir', (c) => {
  it(`is read whole with the ${c.layout} layout`, async () => {
    const d = await load(c.dir);
    expect(d.layout).toBe(c.layout);
    expect(d.layoutHow).toBe('detected');
    expect(Object.keys(d.tables)).toHaveLength(c.tables);
    expect(d.issues.map((i) => `${i.code} ${i.loc.file}:${i.loc.line}`)).toEqual([]);
    const read = readCells(d);
    expect(printedFigures(c.dir).filter((p) => !read.has(p))).toEqual([]);
  });

  it('checks with exactly its published inconsistencies', async () => {
    const d = await load(c.dir);
    expect(tableFindings(d).map((f) => brief(f, c.dir))).toEqual(c.findings);
    expect(tableFindings(d).filter((f) => f.severity === 'error')).toEqual([]);
    expect(tableFindings(d).every((f) => f.severity === 'warning' && f.message.zh.endsWith('（尾差，可由舍入解释）'))).toBe(true);
    expect((await runMain('check', c.dir, '--jobs', '1')).code).toBe(c.exit);
  });

  it('turns every +1.00 change of an amount cell into an error', async () => {
    const d = await load(c.dir);
    const unchecked: string[] = [];
    for (const t of Object.values(d.tables)) {
      for (const row of t.rows) {
        for (const key of Object.keys(row.cells)) {
          const original = row.cells[key]!;
          const value = original.amount ? original.amount.value.plus(1) : dec(1);
          row.cells[key] = { ...original, amount: { value, decimals: original.amount?.decimals ?? 2 } } satisfies Cell;
          if (!tableFindings(d).some((f) => f.severity === 'error')) unchecked.push(`${original.loc.line}:${original.loc.column} ${t.id} [${key}]`);
          row.cells[key] = original;
        }
      }
    }
    expect(unchecked).toEqual([]);
  });
});

describe('banded and flat shapes of one disclosure', () => {
  const pairs = [
    ['fixtures/putuo-2025', 'fixtures/real/putuo-commerce-2025/flat'],
    ['fixtures/real/putuo-planning-2024-final/banded', 'fixtures/real/putuo-planning-2024-final/flat'],
    ...['jiangsu-court-2018', 'jiangsu-court-2019', 'jiangsu-party-office-2019', 'jiangsu-cppcc-2017'].map((doc) => [`fixtures/real/${doc}/banded`, `fixtures/real/${doc}/flat`]),
  ];
  it.each(pairs)('%s and %s read into the same figures', async (a, b) => {
    const figures = (d: Disclosure) =>
      Object.values(d.tables)
        .flatMap((t) => t.rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.amount).map(([k, c]) => `${t.id} ${r.side ?? ''} ${r.code ?? ''} ${r.name} ${k}=${c.amount!.value.toString()}`)))
        .sort();
    expect(figures(await load(b))).toEqual(figures(await load(a)));
  });
});
