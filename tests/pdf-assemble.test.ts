// Pages → tables, on pages made by hand: continued tables (at the top of the next page, under a
// repeated title, under 续表), repeated headers dropped, notes, running heads and page numbers.
import { describe, expect, it } from 'vitest';
import { assemble, buildGrid } from '../src/load/pdf/assemble.js';
import type { FreeLine, PagePart, ReadPage } from '../src/load/pdf/page.js';

const W = 595;
const H = 842;

function line(page: number, n: number, text: string, top: number): FreeLine {
  return { page, line: n, text, pieces: [{ text, x0: 60, x1: 60 + text.length * 10 }], box: [60, top, 60 + text.length * 10, top + 10], size: 10 };
}

/** A ruled table of plain cells, its top at `top`, 20 points a row, 100 a column. */
function part(rows: string[][], top: number): PagePart {
  const nc = rows[0]!.length;
  const xs = Array.from({ length: nc + 1 }, (_, i) => 60 + i * 100);
  const ys = Array.from({ length: rows.length + 1 }, (_, i) => top + i * 20);
  const cells = rows.flatMap((r, ri) => r.map((_, ci) => ({ row: ri, col: ci, rows: 1, cols: 1, box: [xs[ci]!, ys[ri]!, xs[ci + 1]!, ys[ri + 1]!] as [number, number, number, number] })));
  const cellAt = new Int32Array(cells.length).map((_, i) => i);
  return { table: { box: [xs[0]!, ys[0]!, xs[nc]!, ys[rows.length]!], xs, ys, cells, cellAt }, texts: rows.flatMap((r, ri) => r.map((text, ci) => ({ text, line: ri + 1, box: cells[ri * nc + ci]!.box }))) };
}

function page(number: number, lines: FreeLine[], parts: PagePart[]): ReadPage {
  return { number, width: W, height: H, lines, parts, chars: 100 };
}

const header = ['科目编码', '科目名称', '金额'];

function gridText(pages: ReadPage[]): string[][] {
  const tables = assemble(pages).flow.filter((f) => f.kind === 'table');
  return tables.map((f) => buildGrid((f as { table: Parameters<typeof buildGrid>[0] }).table, 'x.pdf').grid.rows.map((r) => r.cells.map((c) => c.text).join('|')));
}

describe('tables over pages', () => {
  it('continue at the top of the next page, the header printed again dropped', () => {
    const pages = [
      page(1, [line(1, 1, '一般公共预算支出表', 100), line(1, 2, '单位：万元', 115)], [part([header, ['201', '一般公共服务支出', '10.00']], 130)]),
      page(2, [line(2, 9, '12', 820)], [part([header, ['20101', '人大事务', '10.00']], 60)]),
    ];
    expect(gridText(pages)).toEqual([['一般公共预算支出表||', '单位：万元||', '科目编码|科目名称|金额', '201|一般公共服务支出|10.00', '20101|人大事务|10.00']]);
  });

  it('continue under their title repeated, or under 续表', () => {
    for (const again of ['一般公共预算支出表', '续表', '一般公共预算支出表（续）']) {
      const pages = [
        page(1, [line(1, 1, '一般公共预算支出表', 100)], [part([header, ['201', '一般公共服务支出', '10.00']], 130)]),
        page(2, [line(2, 1, again, 40)], [part([header, ['20101', '人大事务', '10.00']], 60)]),
      ];
      expect(gridText(pages)).toHaveLength(1);
    }
  });

  it('a new title starts a new table; notes under a table are its own', () => {
    const pages = [
      page(1, [line(1, 1, '政府性基金预算支出表', 100), line(1, 5, '注：本部门无政府性基金预算。', 200), line(1, 6, '一般公共预算支出表', 260)], [part([header, ['合计', '', '']], 130), part([header, ['201', '一般公共服务支出', '10.00']], 280)]),
    ];
    const grids = gridText(pages);
    expect(grids).toHaveLength(2);
    expect(grids[0]![grids[0]!.length - 1]).toBe('注：本部门无政府性基金预算。||');
  });

  it('running heads and page numbers are left out of the text', () => {
    const pages = [1, 2, 3, 4].map((n) => page(n, [line(n, 1, '某部门2025年部门预算', 20), line(n, 2, `正文第${n}页，说明。`, 300), line(n, 3, `- ${n} -`, 820)], []));
    const text = assemble(pages).flow.map((f) => (f.kind === 'line' ? f.line.text : ''));
    expect(text).toEqual(['正文第1页，说明。', '正文第2页，说明。', '正文第3页，说明。', '正文第4页，说明。']);
  });
});
