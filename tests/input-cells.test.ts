// Messy cells: the Kashgar tables with every amount rewritten the ways finance staff write
// them (thousands separators, full-width forms, a trailing 万元, stray spaces, dashes for
// "no amount") load to the same figures and give exactly the same findings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../src/load/grid.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { csvGrids, csvOnly, findingsOf, locKeyFor, neutral, tableKey, tempDir } from './input-support.js';

const KASHGAR = 'fixtures/kashgar-2022';

const WRITINGS: Array<(t: string) => string> = [
  (t) => t.replace(/\B(?=(\d{3})+(?!\d)(?=\.))/g, ','), // 1,785.63
  (t) => t.replace(/\B(?=(\d{3})+(?!\d)(?=\.))/g, '，'), // 1，785.63
  (t) => t.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), // １７８５．６３
  (t) => `${t}万元`,
  (t) => ` ${t}\u3000`,
  (t) => `\u00a0${t}`,
];
const BLANKS = ['-', '—', '－', ' ', '——'];

function csvField(t: string): string {
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

describe('messy amount cells', () => {
  it('give exactly the findings of the clean Kashgar tables', async () => {
    const dir = tempDir();
    let rewritten = 0;
    let blanks = 0;
    for (const { name, grid } of await csvGrids(KASHGAR)) {
      const amountFields = new Set<number>();
      for (const r of grid.rows) for (const c of r.cells) if (/^\d+\.\d+$/.test(c.text)) amountFields.add(c.field);
      const lines = grid.rows.map((r) => {
        const numeric = r.cells.some((c) => /^\d+\.\d+$/.test(c.text));
        return r.cells
          .map((c, i) => {
            if (/^\d+\.\d+$/.test(c.text)) return csvField(WRITINGS[(rewritten++ + i) % WRITINGS.length]!(c.text));
            if (numeric && c.text === '' && amountFields.has(c.field)) return BLANKS[blanks++ % BLANKS.length]!;
            return csvField(c.text);
          })
          .join(',');
      });
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
    }
    expect(rewritten).toBeGreaterThan(250);
    expect(blanks).toBeGreaterThan(50);
    const messy = neutral(await findingsOf(dir), await locKeyFor(dir, tableKey));
    const tables = csvOnly(KASHGAR);
    const clean = neutral(await findingsOf(tables), await locKeyFor(tables, tableKey));
    expect(messy).toEqual(clean);

    // and the figures themselves are the same, cell for cell (a dash-only side of a two-sided
    // row becomes a row of blanks, which sums as nothing: blanks are left out)
    const a = await loadDisclosure(KASHGAR);
    const b = await loadDisclosure(dir);
    const figures = (d: typeof a) =>
      Object.values(d.tables).flatMap((t) => t.rows.flatMap((r) => Object.entries(r.cells).map(([k, c]) => `${t.kind}:${r.line}:${k}=${c.amount ? `${c.amount.value.toFixed(c.amount.decimals)}` : 'blank'}${c.junk ? '!' : ''}`)));
    const filled = (xs: string[]) => xs.filter((x) => !x.endsWith('=blank'));
    expect(filled(figures(b))).toEqual(filled(figures(a)));
    expect(filled(figures(a)).length).toBeGreaterThan(250);
  });

  it('reads negatives in parentheses and with a true minus sign', async () => {
    const dir = tempDir();
    const csv = '表三,,,,\n部门支出总体情况表,,,,\n单位：万元,,,,\n科目编码,科目名称,合计,基本支出,项目支出\n201,一般公共服务支出,(12.34),−12.34,—\n合计,,（12.34）,"-12.34",\n';
    writeFileSync(join(dir, 't3.csv'), csv);
    const d = await loadDisclosure(join(dir, 't3.csv'));
    const rows = d.tables.expenditure!.rows.map((r) => [r.code ?? '合计', r.cells.total?.amount?.value.toString(), r.cells.basic?.amount?.value.toString(), r.cells.project?.amount]);
    expect(rows).toEqual([
      ['201', '-12.34', '-12.34', null],
      ['合计', '-12.34', '-12.34', null],
    ]);
    expect(parseDelimited(csv, 'x').rows.length).toBe(6);
  });
});

describe('a header printed again inside a table', () => {
  // told by the row's cells normalised and joined by "|", as always: a "|" in a cell counts as one
  it('is dropped when its cells read as the header, whatever "|" they hold, and only then', async () => {
    const t2 = 't2-部门收入总体情况表.csv';
    const base = csvOnly('fixtures/kashgar-2022');
    const plain = await findingsOf(base);
    const lines = readFileSync(join(base, t2), 'utf8').split('\n');
    for (const [row, dropped] of [
      ['类,款,项,,,,,,,,,', true],
      ['类|款,项,,,,,,,,,', true], // one cell fewer, the same text joined
      [' 类 ,“款”,项,,,,,,,,,', true], // what normalising strips
      ['类,款|项,,,,,,,,,', true],
      ['"类|款|项|||||||||"', true], // the whole header in one cell (more "|" than the quick test looks at)
      ['类,项,款,,,,,,,,,', false],
    ] as const) {
      const dir = csvOnly('fixtures/kashgar-2022');
      writeFileSync(join(dir, t2), [...lines.slice(0, 11), row, ...lines.slice(11)].join('\n'));
      const got = await findingsOf(dir);
      const codes = got.filter((f) => f.ruleId === 'input/bad-code').length;
      expect([row, codes]).toEqual([row, dropped ? 0 : 1]);
      if (dropped) expect(got.length).toBe(plain.length);
    }
  });
});
