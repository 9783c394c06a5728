// Every table of every built-in layout, holding and breaking: the real disclosure of the layout
// holds (tests/real-layouts.test.ts), and raising the first amount of each table's first row by
// 1.00 gives exactly the findings in fixtures/layouts/<layout>.json — the table's row formulas,
// roll-ups and totals, and the links between tables that figure is part of.
// `UPDATE_EXPECTED=1` rewrites the files; review the diff before committing it.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/load/model.js';
import { load, tableFindings } from './helpers.js';

const LAYOUTS = [
  { layout: 'national', dir: 'fixtures/kashgar-2022' },
  { layout: 'shanghai-district', dir: 'fixtures/putuo-2025' },
  { layout: 'jiangsu-2017', dir: 'fixtures/real/jiangsu-court-2018/banded' },
  { layout: 'national-final', dir: 'fixtures/real/putuo-planning-2024-final/banded' },
];

interface Case {
  table: string;
  /** the changed cell: file:line:column [column id] printed → changed */
  change: string;
  findings: string[];
}

async function breaks(dir: string): Promise<Case[]> {
  const d = await load(dir);
  const before = new Set(tableFindings(d).map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`));
  const out: Case[] = [];
  for (const t of Object.values(d.tables)) {
    const row = t.rows.find((r) => !r.isTotal && Object.values(r.cells).some((c) => c.amount && !c.amount.value.isZero()));
    if (!row) {
      out.push({ table: t.id!, change: `${basename(t.file)}: no amount`, findings: [] });
      continue;
    }
    const [key, cell] = Object.entries(row.cells).find(([, c]) => c.amount && !c.amount.value.isZero())!;
    const changed = cell.amount!.value.plus(1);
    row.cells[key] = { ...cell, amount: { value: changed, decimals: cell.amount!.decimals } } satisfies Cell;
    const findings = tableFindings(d)
      .filter((f) => !before.has(`${f.ruleId} ${f.location.line}:${f.location.column}`))
      .map((f) => `${f.ruleId} ${f.severity} ${basename(f.location.file)}:${f.location.line}:${f.location.column} ${f.actual} ≠ ${f.expected}`);
    row.cells[key] = cell;
    out.push({ table: t.id!, change: `${basename(t.file)}:${cell.loc.line}:${cell.loc.column} [${key}] ${cell.raw} → ${changed.toFixed(cell.amount!.decimals)}`, findings });
  }
  return out;
}

describe.each(LAYOUTS)('$layout, on $dir', ({ layout, dir }) => {
  it('each table breaks with exactly the findings of fixtures/layouts', async () => {
    const file = `fixtures/layouts/${layout}.json`;
    const got = await breaks(dir);
    if (process.env.UPDATE_EXPECTED) writeFileSync(file, JSON.stringify(got, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(file, 'utf8')) as Case[];
    expect(got).toEqual(expected);
    // every table with an amount is broken by its change
    expect(got.filter((c) => !c.change.endsWith('no amount') && !c.findings.some((f) => f.includes(' error ')))).toEqual([]);
  });
});
