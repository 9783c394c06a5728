// Property-based tests of the loader and the checks:
// - on random bytes, random CSV text and damaged workbooks the loader only ever throws its own
//   InputError (never a TypeError, RangeError or a parser's own error);
// - a generated, consistent table (表三 layout: split 类/款/项 columns or one code column,
//   amounts written in the ways finance staff write them) has no findings;
// - raising any one amount gives an error at that cell or at a total that depends on it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { InputError } from '../src/load/errors.js';
import { loadDisclosure } from '../src/load/disclosure.js';
import { decode, parseDelimited } from '../src/load/grid.js';
import { readHead, readTable } from '../src/load/table.js';
import type { Grid } from '../src/load/grid.js';
import { BUILTIN_LAYOUTS } from '../src/layout/index.js';

/** A grid read as each kind of table there is (codes, blocks side by side, an outline, one row). */
function readEveryWay(grid: Grid): void {
  const head = readHead(grid);
  for (const layout of BUILTIN_LAYOUTS.find((l) => l.id === 'jiangsu-2017')!.tables) readTable(grid, head, { kind: layout.role, layout });
}
import { readWorkbook } from '../src/load/xlsx/index.js';
import { runRules } from '../src/rules/engine.js';
import { workbookEntries, writeZip } from '../fixtures/xlsx/write-workbook.js';
import { tempDir } from './input-support.js';

const RUNS = { numRuns: 60, seed: 20220101 };

function onlyInputErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.text.zh.length).toBeGreaterThan(0);
    expect(e.file.length).toBeGreaterThan(0);
  }
}

async function onlyInputErrorsAsync(f: () => Promise<unknown>): Promise<void> {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

/** Text as a loader sees it: the pieces CSV and budget tables are made of, and some noise. */
const csvChar = fc.constantFrom(',', '"', '\n', '\r', '\t', ';', ' ', '0', '1', '9', '.', '-', '(', ')', '，', '（', '１', '合', '计', '表', '三', '类', '款', '项', '单', '位', '：', '万', '元', '\u0000', '\u001b', '\ufeff', 'a');
const csvText = fc.array(csvChar, { maxLength: 300 }).map((cs) => cs.join(''));
const csvTable = fc
  .array(fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('合计', '201', '03', '1,785.63', '(12.34)', '—', '表三', '部门支出总体情况表', '单位：万元', '基本支出', '项目支出')), { maxLength: 8 }), { maxLength: 12 })
  .map((rows) => rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'));

describe('the loader never throws anything but InputError', () => {
  it('on random bytes, as a table file', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        onlyInputErrors(() => readEveryWay(parseDelimited(decode(bytes, 'r.csv'), 'r.csv')));
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it('on random text made of CSV and table pieces, in every encoding', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(undefined, 'utf-8', 'gb18030', 'utf-16le', 'utf-16be') as fc.Arbitrary<'utf-8' | undefined>, (text, enc) => {
        onlyInputErrors(() => readEveryWay(parseDelimited(decode(new TextEncoder().encode(text), 'r.csv', enc), 'r.csv')));
      }),
      { ...RUNS, numRuns: 200 },
    );
  });

  it('on random well-quoted CSV tables, through the whole load and check', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(csvTable, async (csv) => {
        const file = join(dir, 't.csv');
        writeFileSync(file, csv);
        await onlyInputErrorsAsync(async () => runRules(await loadDisclosure(file), { strict: false, approxTolerance: new Decimal('0.005') }));
      }),
      RUNS,
    );
  });

  it('on random bytes and damaged workbooks given as .xlsx', () => {
    const good = writeZip(workbookEntries([{ name: 'S', rows: [['表三'], ['合计', { n: '1.5', fmt: '0.00' }]], merges: ['A1:B1'] }]));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (noise, flips) => {
        onlyInputErrors(() => readWorkbook(noise, { shown: 'n.xlsx' }));
        const bad = good.slice();
        for (const [at, v] of flips) bad[at % bad.length] = v;
        onlyInputErrors(() => {
          for (const g of readWorkbook(bad, { shown: 'b.xlsx', maxUnzippedBytes: 1 << 20 })) readEveryWay(g);
        });
      }),
      { ...RUNS, numRuns: 200 },
    );
  });
});

// ---- generated consistent disclosures ----

/** A slice of the 2022 function classification: 类 → 款 → 项, with their names. */
const CLASSES: Array<[string, string, Array<[string, string, Array<[string, string]>]>]> = [
  ['201', '一般公共服务支出', [
    ['03', '政府办公厅（室）及相关机构事务', [['01', '行政运行'], ['02', '一般行政管理事务'], ['99', '其他政府办公厅（室）及相关机构事务支出']]],
    ['32', '组织事务', [['99', '其他组织事务支出']]],
  ]],
  ['208', '社会保障和就业支出', [
    ['05', '行政事业单位养老支出', [['05', '机关事业单位基本养老保险缴费支出'], ['06', '机关事业单位职业年金缴费支出']]],
  ]],
  ['210', '卫生健康支出', [['11', '行政事业单位医疗', [['01', '行政单位医疗'], ['02', '事业单位医疗']]]]],
  ['221', '住房保障支出', [['02', '住房改革支出', [['01', '住房公积金'], ['03', '购房补贴']]]]],
];

interface Line {
  code: string;
  name: string;
  basic: bigint; // in 分 (0.01 万元)
  project: bigint;
}

type Style = { split: boolean; thousands: boolean; fullWidth: boolean; zero: string; totalFirst: boolean };

const style = fc.record({
  split: fc.boolean(),
  thousands: fc.boolean(),
  fullWidth: fc.boolean(),
  zero: fc.constantFrom('', '-', '—', '0.00'),
  totalFirst: fc.boolean(),
});

/** Which 项 are present, with their two amounts (0 to 9,999.99 万元). */
const disclosure = fc
  .array(fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999n }), fc.bigInt({ min: 0n, max: 999_999n })), { minLength: 11, maxLength: 11 })
  .filter((xs) => xs.some(([on]) => on));

function buildLines(items: Array<[boolean, bigint, bigint]>): Line[] {
  const lines: Line[] = [];
  let k = 0;
  for (const [lei, leiName, kuans] of CLASSES) {
    const kuanLines: Line[] = [];
    for (const [kuan, kuanName, xiangs] of kuans) {
      const xiangLines: Line[] = [];
      for (const [xiang, xiangName] of xiangs) {
        const [on, basic, project] = items[k++]!;
        if (on) xiangLines.push({ code: lei + kuan + xiang, name: xiangName, basic, project });
      }
      if (xiangLines.length === 0) continue;
      kuanLines.push({ code: lei + kuan, name: kuanName, basic: sumOf(xiangLines, 'basic'), project: sumOf(xiangLines, 'project') }, ...xiangLines);
    }
    const kuanOnly = kuanLines.filter((l) => l.code.length === 5);
    if (kuanOnly.length) lines.push({ code: lei, name: leiName, basic: sumOf(kuanOnly, 'basic'), project: sumOf(kuanOnly, 'project') }, ...kuanLines);
  }
  return lines;
}

function sumOf(ls: Line[], k: 'basic' | 'project'): bigint {
  return ls.reduce((a, l) => a + l[k], 0n);
}

function money(fen: bigint, s: Style): string {
  if (fen === 0n) return s.zero;
  let t = `${fen / 100n}`;
  if (s.thousands) t = t.replace(/\B(?=(\d{3})+$)/g, ',');
  t += `.${(fen % 100n).toString().padStart(2, '0')}`;
  if (s.fullWidth) t = t.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return /[,，]/.test(t) ? `"${t}"` : t;
}

interface Generated {
  csv: string;
  /** line and field of every amount: [line, field, row index into lines (-1: 合计), column] */
  amounts: Array<{ line: number; field: number; row: number; col: 'total' | 'basic' | 'project' }>;
  lines: Line[];
}

const TITLES = {
  expenditure: ['表三', '部门支出总体情况表', '支出预算'],
  generalBudget: ['表五', '一般公共预算支出情况表', '一般公共预算支出'],
} as const;

function generate(lines: Line[], s: Style, kind: keyof typeof TITLES = 'expenditure'): Generated {
  const [number, title, group] = TITLES[kind];
  const rows: string[][] = [[number], [title], ['编制部门：测试部门', '单位：万元']];
  const head = s.split ? 4 : 2;
  if (s.split) {
    rows.push(['项目', '项目', '项目', '项目', group, group, group]);
    rows.push(['功能分类科目编码', '功能分类科目编码', '功能分类科目编码', '功能分类科目名称', '合计', '基本支出', '项目支出']);
    rows.push(['类', '款', '项', '', '', '', '']);
  } else {
    rows.push(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
  }
  const amounts: Generated['amounts'] = [];
  const put = (cells: string[], l: { basic: bigint; project: bigint }, row: number) => {
    const line = rows.length + 1;
    amounts.push({ line, field: head + 1, row, col: 'total' }, { line, field: head + 2, row, col: 'basic' }, { line, field: head + 3, row, col: 'project' });
    rows.push([...cells, money(l.basic + l.project, s), money(l.basic, s), money(l.project, s)]);
  };
  const total = { basic: sumOf(lines.filter((l) => l.code.length === 3), 'basic'), project: sumOf(lines.filter((l) => l.code.length === 3), 'project') };
  const totalCells = s.split ? ['合计', '', '', ''] : ['合计', ''];
  if (s.totalFirst) put(totalCells, total, -1);
  lines.forEach((l, i) => {
    const code = s.split ? [l.code.slice(0, 3), l.code.slice(3, 5), l.code.slice(5, 7)] : [l.code];
    put([...code, l.name], l, i);
  });
  if (!s.totalFirst) put(totalCells, total, -1);
  return { csv: rows.map((r) => r.join(',')).join('\n') + '\n', amounts, lines };
}

function writeTemp(csv: string): string {
  const file = join(tempDir(), 't3.csv');
  writeFileSync(file, csv);
  return file;
}

async function check(csv: string): Promise<Finding[]> {
  const d = await loadDisclosure(writeTemp(csv));
  return runRules(d, { strict: false, approxTolerance: new Decimal('0.005') });
}

/** The amounts a change to `a` flows into: its row's 合计, the same column and the 合计 of every ancestor, and the 合计 row. */
function dependents(g: Generated, a: Generated['amounts'][number]): Set<string> {
  const out = new Set<string>([`${a.line}:${a.field}`]);
  const code = a.row >= 0 ? g.lines[a.row]!.code : '';
  for (const b of g.amounts) {
    const sameRow = b.line === a.line && b.col === 'total';
    const other = b.row >= 0 ? g.lines[b.row]!.code : '';
    const ancestor = b.row === -1 || (a.row >= 0 && other.length < code.length && code.startsWith(other));
    if (sameRow || (ancestor && (b.col === a.col || b.col === 'total'))) out.add(`${b.line}:${b.field}`);
  }
  return out;
}

function fieldOf(csv: string, line: number, column: number): number {
  const grid = parseDelimited(csv, 't3.csv');
  return grid.rows.find((r) => r.line === line)!.cells.find((c) => c.column === column)!.field;
}

describe('generated consistent tables', () => {
  it('表三 and 表五 together (all money from the general budget) agree with each other too', async () => {
    await fc.assert(
      fc.asyncProperty(disclosure, style, style, fc.boolean(), fc.nat(), async (items, s3, s5, bump, pick) => {
        const lines = buildLines(items);
        const g5 = generate(lines, s5, 'generalBudget');
        const dir = tempDir();
        writeFileSync(join(dir, 't3.csv'), generate(lines, s3).csv);
        let t5 = g5.csv;
        const a = g5.amounts[pick % g5.amounts.length]!;
        if (bump) {
          // 表五 alone raised by 1.00 at one amount: the two tables no longer agree
          const rows = t5.split('\n');
          const cells = rows[a.line - 1]!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
          const grid = parseDelimited(t5, 't5.csv');
          const before = grid.rows.find((r) => r.line === a.line)!.cells[a.field - 1]!.text;
          const old = before.replace(/[^0-9０-９]/g, '').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) || '0';
          cells[a.field - 1] = money(BigInt(old) + 100n, { ...s5, zero: '0.00' });
          rows[a.line - 1] = cells.join(',');
          t5 = rows.join('\n');
        }
        writeFileSync(join(dir, 't5.csv'), t5);
        const d = await loadDisclosure(dir, { cwd: dir });
        expect(Object.keys(d.tables).sort()).toEqual(['expenditure', 'generalBudget']);
        const findings = runRules(d, { strict: false, approxTolerance: new Decimal('0.005') }).filter((f) => f.ruleId !== 'missing-table');
        if (!bump) {
          expect(findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`)).toEqual([]);
        } else {
          const cross = findings.filter((f) => f.ruleId === 'general-budget-agreement' && f.severity === 'error');
          expect(cross.length, `raised t5 ${a.line}:${a.field}`).toBeGreaterThan(0);
          expect(cross.every((f) => f.location.file === 't5.csv')).toBe(true);
        }
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('have no findings, in either layout and however the amounts are written', async () => {
    await fc.assert(
      fc.asyncProperty(disclosure, style, async (items, s) => {
        const g = generate(buildLines(items), s);
        const findings = await check(g.csv);
        expect(findings.map((f) => `${f.ruleId} ${f.location.line}:${f.location.column} ${f.message.zh}`)).toEqual([]);
        // and the table really was read: every line, code and amount
        const t = (await loadDisclosure(writeTemp(g.csv))).tables.expenditure!;
        expect(t.rows.map((r) => r.code ?? (r.isTotal ? '合计' : '?'))).toEqual(
          (s.totalFirst ? ['合计'] : []).concat(g.lines.map((l) => l.code), s.totalFirst ? [] : ['合计']),
        );
        const total = t.rows.find((r) => r.isTotal)!.cells.total!.amount?.value.toFixed(2) ?? '0.00';
        const want = g.lines.filter((l) => l.code.length === 3).reduce((a, l) => a + l.basic + l.project, 0n);
        expect(total).toBe(`${want / 100n}.${(want % 100n).toString().padStart(2, '0')}`);
      }),
      RUNS,
    );
  });

  it('give an error at the changed cell or at a total depending on it when any one amount is raised', async () => {
    await fc.assert(
      fc.asyncProperty(disclosure, style, fc.nat(), fc.bigInt({ min: 100n, max: 10_000_000n }), async (items, s, pick, delta) => {
        const lines = buildLines(items);
        const g = generate(lines, s);
        const a = g.amounts[pick % g.amounts.length]!;
        // rebuild the CSV with that one amount raised by delta 分 (at least 1.00 万元)
        const rows = g.csv.split('\n');
        const cells = rows[a.line - 1]!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
        const l = a.row === -1 ? undefined : lines[a.row]!;
        const totalBasic = sumOf(lines.filter((x) => x.code.length === 3), 'basic');
        const totalProject = sumOf(lines.filter((x) => x.code.length === 3), 'project');
        const base = { basic: l?.basic ?? totalBasic, project: l?.project ?? totalProject };
        const old = a.col === 'total' ? base.basic + base.project : base[a.col];
        cells[a.field - 1] = money(old + delta, { ...s, zero: '0.00' });
        rows[a.line - 1] = cells.join(',');
        const findings = await check(rows.join('\n'));
        const errors = findings.filter((f) => f.severity === 'error');
        const deps = dependents(g, a);
        const hit = errors.filter((f) => deps.has(`${f.location.line}:${fieldOf(rows.join('\n'), f.location.line, f.location.column)}`));
        expect(hit.length, `raised ${a.line}:${a.field} by ${delta} 分; errors: ${errors.map((f) => `${f.ruleId}@${f.location.line}:${f.location.column}`).join(', ')}`).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});
