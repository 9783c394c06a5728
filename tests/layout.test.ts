// Variants of the published layout load to the same model: merged header cells left blank
// instead of repeated, one combined code column instead of 类/款/项, and a manifest that names
// tables and units where the files do not.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Row, Table } from '../src/load/model.js';
import { brief, load, tableFindings } from './helpers.js';

const T3 = 'fixtures/kashgar-2022/t3-部门支出总体情况表.csv';

function shape(t: Table) {
  return {
    kind: t.kind,
    unit: t.unit,
    columns: t.columns.map((c) => c.key),
    rows: t.rows.map((r: Row) => [r.code ?? null, r.name, r.isTotal, Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c?.amount ? c.amount.value.toString() : null]))]),
  };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'budgetlint-layout-'));
}

describe('header and code layouts', () => {
  it('reads merged header cells left blank like repeated ones', async () => {
    const lines = readFileSync(T3, 'utf8').split('\n');
    lines[3] = '项目,,,,支出预算,,';
    lines[4] = '功能分类科目编码,,,功能分类科目名称,合计,基本支出,项目支出';
    const dir = tempDir();
    writeFileSync(join(dir, 't3.csv'), lines.join('\n'));
    const blank = await load(join(dir, 't3.csv'));
    const repeated = await load(T3);
    expect(shape(blank.tables.expenditure!)).toEqual(shape(repeated.tables.expenditure!));
  });

  it('reads one combined code column like split 类/款/项 columns', async () => {
    const lines = readFileSync(T3, 'utf8').trimEnd().split('\n');
    const out = lines.map((l, i) => {
      const cells = l.split(',');
      if (i === 3) return ['项目', '项目', ...cells.slice(4)].join(',');
      if (i === 4) return ['科目编码', '科目名称', ...cells.slice(4)].join(',');
      if (i === 5) return null;
      if (i < 3) return [cells[0], '', ...cells.slice(4)].join(',');
      return [cells.slice(0, 3).join(''), ...cells.slice(3)].join(',');
    });
    const dir = tempDir();
    writeFileSync(join(dir, 't3.csv'), out.filter((l) => l !== null).join('\n'));
    const combined = await load(join(dir, 't3.csv'));
    const split = await load(T3);
    expect(shape(combined.tables.expenditure!).rows).toEqual(shape(split.tables.expenditure!).rows);
  });
});

describe('codes as real exports print them', () => {
  const T6 = 'fixtures/kashgar-2022/t6-一般公共预算基本支出情况表.csv';

  it('reads 款 printed without its leading zero, and a 类 left blank under a merged cell, with one warning', async () => {
    const lines = readFileSync(T6, 'utf8').trimEnd().split('\n');
    // 301,01 → 301,1 and the 类 of the 款 rows left blank (a merged cell exported by Excel)
    const out = lines.map((l) => {
      const m = /^(30[123]),(\d\d),(.*)$/.exec(l);
      return m ? `,${String(Number(m[2]))},${m[3]}` : l;
    });
    const dir = tempDir();
    writeFileSync(join(dir, 't6.csv'), out.join('\n'));
    const d = await load(join(dir, 't6.csv'));
    const original = await load(T6);
    expect(shape(d.tables.basicEconomic!).rows).toEqual(shape(original.tables.basicEconomic!).rows);
    const warnings = tableFindings(d).filter((f) => f.ruleId === 'input/code-format');
    expect(warnings.map((f) => [f.severity, f.location.line])).toEqual([['warning', 8]]);
    expect(warnings[0]!.message.zh).toBe('科目编码“1”等 12 个编码缺少前导零，按 30101 等读取');
    expect(tableFindings(d).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reads a code printed with its name in one column, and a whole code printed in the 款 column', async () => {
    const lines = readFileSync(T6, 'utf8').trimEnd().split('\n');
    const joined = lines.map((l, i) => {
      const m = /^(30[123]),(\d\d)?,(.*)$/.exec(l);
      if (m) return `${m[1]}${m[2] ?? ''} ${m[3]}`;
      // title lines lose two empty cells; the header keeps the name column's words
      if (l.startsWith('合计')) return l.replace(/^合计,,,/, '合计,');
      return i < 3 ? l.replace(/,,(?=[^,]*$)/, '') : l.replace(/^[^,]*,[^,]*,/, '');
    });
    const whole = lines.map((l) => l.replace(/^(30[123]),(\d\d),/, '$1,$1$2,'));
    const dir = tempDir();
    writeFileSync(join(dir, 'joined.csv'), joined.join('\n'));
    writeFileSync(join(dir, 'whole.csv'), whole.join('\n'));
    const original = shape((await load(T6)).tables.basicEconomic!).rows.map((r) => [r[0], r[2], r[3]]);
    for (const f of ['joined.csv', 'whole.csv']) {
      const d = await load(join(dir, f));
      expect(shape(d.tables.basicEconomic!).rows.map((r) => [r[0], r[2], r[3]]), f).toEqual(original);
      expect(tableFindings(d).filter((x) => x.severity !== 'info'), f).toEqual([]);
    }
  });
});

describe('manifest', () => {
  it('names a table the title does not, and its unit', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd'));
    // a 三公 table exported without its title lines, in 元
    writeFileSync(join(dir, 'd', 'sheet1.csv'), '合计,因公出国（境）费,公务用车购置及运行费,公务用车购置及运行费,公务用车购置及运行费,公务接待费\n,,合计,购置费,运行费,\n"606,000.00",,"516,000.00",,"516,000.00","90,000.00"\n');
    writeFileSync(join(dir, 'd', 'disclosure.yaml'), 'department: 测试部门\nyear: 2022\nunitType: 行政单位\ntables:\n  sheet1.csv: { kind: threePublic, unit: 元 }\n');
    const d = await load(join(dir, 'd'));
    expect(d.department).toBe('测试部门');
    expect(d.unitType).toBe('行政单位');
    const t = d.tables.threePublic!;
    expect(t.unit).toBe('元');
    expect(t.rows[0]!.cells.total!.amount!.value.toString()).toBe('606000');
    expect(tableFindings(d).filter((f) => f.ruleId !== 'missing-table').map(brief)).toEqual([]);
  });

  it('checks the unnamed table with the named unit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sheet1.csv'), '合计,因公出国（境）费,公务用车购置及运行费,公务用车购置及运行费,公务用车购置及运行费,公务接待费\n,,合计,购置费,运行费,\n"606,000.00",,"516,000.00",,"515,000.00","90,000.00"\n');
    writeFileSync(join(dir, 'disclosure.json'), JSON.stringify({ tables: { 'sheet1.csv': { kind: 'threePublic', unit: '元' } } }));
    const findings = tableFindings(await load(dir)).filter((f) => f.ruleId === 'row-total');
    expect(findings.map(brief)).toEqual([
      {
        ruleId: 'row-total',
        severity: 'error',
        at: `${join(dir, 'sheet1.csv')}:3:15`,
        row: '',
        col: '公务用车购置及运行费/合计',
        expected: '515000.00',
        actual: '516000.00',
        difference: '1000.00',
      },
    ]);
  });
});
