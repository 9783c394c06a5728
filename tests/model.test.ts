// The loader's output always satisfies the zod schemas its types are inferred from.
import { describe, expect, it } from 'vitest';
import { DisclosureSchema } from '../src/load/model.js';
import { load } from './helpers.js';

describe('loaded models', () => {
  it.each(['fixtures/kashgar-2022', 'fixtures/putuo-2025', 'fixtures/reference/kashgar-2022.txt', 'fixtures/reference/putuo-2025.txt'])('%s validates against DisclosureSchema', async (path) => {
    const d = await load(path);
    const r = DisclosureSchema.safeParse(d);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('keeps the location of every amount cell', async () => {
    const d = await load('fixtures/kashgar-2022');
    const t6 = d.tables.basicEconomic!;
    const reception = t6.rows.find((r) => r.code === '30217')!;
    expect(reception.cells.total).toMatchObject({
      raw: '9.02',
      loc: { file: 'fixtures/kashgar-2022/t6-一般公共预算基本支出情况表.csv', line: 27, column: 14 },
    });
    expect(reception.cells.total!.amount!.value.toString()).toBe('9.02');
    expect(reception.cells.total!.amount!.decimals).toBe(2);
  });

  it('reads codes split over 类/款/项 and 表一 class names without codes', async () => {
    const p = await load('fixtures/putuo-2025');
    expect(p.tables.overview!.rows.filter((r) => r.side === 'expense' && !r.isTotal).map((r) => r.code)).toEqual([
      '201', '206', '208', '210', '215', '216', '221',
    ]);
    const k = await load('fixtures/kashgar-2022');
    expect(k.tables.income!.rows.map((r) => r.code).slice(0, 4)).toEqual(['201', '20103', '2010301', '2010399']);
  });
});
