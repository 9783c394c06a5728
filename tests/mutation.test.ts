// No figure goes unchecked: raising any amount cell of the reference tables by 1.00 (a blank
// cell becomes 1.00) must produce at least one error.
import { describe, expect, it } from 'vitest';
import { dec } from '../src/core/decimal.js';
import type { Cell } from '../src/load/model.js';
import { load, tableFindings } from './helpers.js';

describe('every amount cell of the reference fixture is checked', () => {
  it('turns each +1.00 change into an error', async () => {
    const d = await load('fixtures/kashgar-2022');
    expect(tableFindings(d).filter((f) => f.severity === 'error')).toEqual([]);
    const unchecked: string[] = [];
    let cells = 0;
    let filled = 0;
    for (const t of Object.values(d.tables)) {
      for (const row of t.rows) {
        for (const key of Object.keys(row.cells) as Array<keyof typeof row.cells>) {
          const original = row.cells[key]!;
          const value = original.amount ? original.amount.value.plus(1) : dec(1);
          const mutated: Cell = { ...original, amount: { value, decimals: original.amount?.decimals ?? 2 } };
          row.cells[key] = mutated;
          cells++;
          if (original.amount) filled++;
          const errors = tableFindings(d).filter((f) => f.severity === 'error');
          if (errors.length === 0) unchecked.push(`${original.loc.file}:${original.loc.line}:${original.loc.column} (${key})`);
          row.cells[key] = original;
        }
      }
    }
    expect(unchecked).toEqual([]);
    // the reference tables print 318 amounts; their 613 blank amount cells are mutated too
    expect(filled).toBe(318);
    expect(cells).toBe(931);
  });
});
