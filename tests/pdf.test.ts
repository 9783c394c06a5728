// Published PDFs read directly (fixtures/pdf/: the disclosures as published, with the text a
// layout-preserving converter gives beside them). Each gives, table cell for table cell, the
// figures of its hand transcription (fixtures/real/, fixtures/putuo-2025), and the findings of
// that transcription checked with the converter's text; `extract` round-trips; every finding
// cites its page.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import { extractPdf } from '../src/extract.js';
import { BUILTIN_LAYOUTS } from '../src/layout/index.js';
import { loadDisclosure, type LoadOptions } from '../src/load/disclosure.js';
import type { Disclosure } from '../src/load/model.js';
import { runChecks } from '../src/rules/engine.js';
import { RULES } from '../src/rules/index.js';
import { load, runMain, TABLE_RULE_IDS } from './helpers.js';

interface Case {
  pdf: string;
  /** the hand transcription, as published */
  csv: string;
  layout: string;
  tables: number;
  /** the PDF's text is the same as the converter's: findings compared with it too */
  text: boolean;
}

const CASES: Case[] = [
  { pdf: 'putuo-commerce-2025-budget', csv: 'fixtures/putuo-2025', layout: 'shanghai-district', tables: 9, text: true },
  { pdf: 'jiangsu-court-2018', csv: 'fixtures/real/jiangsu-court-2018/banded', layout: 'jiangsu-2017', tables: 12, text: true },
  { pdf: 'jiangsu-court-2019', csv: 'fixtures/real/jiangsu-court-2019/banded', layout: 'jiangsu-2017', tables: 12, text: true },
  { pdf: 'jiangsu-party-office-2019', csv: 'fixtures/real/jiangsu-party-office-2019/banded', layout: 'jiangsu-2017', tables: 12, text: true },
  { pdf: 'jiangsu-cppcc-2017', csv: 'fixtures/real/jiangsu-cppcc-2017/banded', layout: 'jiangsu-2017', tables: 12, text: true },
  // final accounts (national-final). Its converted text breaks one sentence (政府采购金额 … 其中)
  // where the PDF does not, so only tables are compared
  { pdf: 'putuo-planning-2024-final', csv: 'fixtures/real/putuo-planning-2024-final/banded', layout: 'national-final', tables: 9, text: false },
];

const pdfPath = (c: Case) => `fixtures/pdf/${c.pdf}.pdf`;

/** Each table's rows: code, name (white space aside), side, and every amount. */
function figures(d: Disclosure): string[] {
  return Object.values(d.tables)
    .flatMap((t) =>
      t.rows.flatMap((r) =>
        Object.entries(r.cells)
          .filter(([, c]) => c.amount)
          .map(([k, c]) => `${t.id ?? t.kind} ${r.side ?? ''} ${r.code ?? ''} ${r.name.replace(/\s+/g, '')} ${k}=${c.amount!.value.toString()}`),
      ),
    )
    .sort();
}

/** What a finding says, wherever it points. */
function said(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.location.table ?? ''} ${f.location.row ?? ''} ${f.location.col ?? ''} expected=${f.expected ?? ''} actual=${f.actual ?? ''}`;
}

const opts = { strict: false, approxTolerance: new Decimal('0.005') };
const findingsOf = (d: Disclosure) => runChecks(d, opts, RULES, BUILTIN_LAYOUTS).findings;

const loaded = new Map<string, Promise<Disclosure>>();
function loadOnce(path: string): Promise<Disclosure> {
  let p = loaded.get(path);
  if (!p) loaded.set(path, (p = load(path)));
  return p;
}

const tmp = mkdtempSync(join(tmpdir(), 'budgetlint-pdf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The transcription with the converter's text beside it, as a user would check them. */
function transcriptionWithText(c: Case): string {
  const dir = join(tmp, `${c.pdf}-csv`);
  const files = readdirSync(c.csv).filter((n) => n.endsWith('.csv'));
  rmSync(dir, { recursive: true, force: true });
  for (const n of files) {
    copyTo(join(c.csv, n), join(dir, n));
  }
  copyTo(`fixtures/pdf/${c.pdf}.txt`, join(dir, `${c.pdf}.txt`));
  return dir;
}

function copyTo(from: string, to: string): void {
  mkdirSync(join(to, '..'), { recursive: true });
  copyFileSync(from, to);
}

describe.each(CASES)('$pdf', (c) => {
  it(`reads the ${c.tables} tables of its transcription, figure for figure`, async () => {
    const d = await loadOnce(pdfPath(c));
    expect(d.layout).toBe(c.layout);
    expect(Object.keys(d.tables)).toHaveLength(c.tables);
    const csv = await load(c.csv);
    const want = figures(csv);
    expect(want.length).toBeGreaterThan(100);
    expect(figures(d)).toEqual(want);
    // every cell points at its page
    for (const t of Object.values(d.tables)) {
      expect(t.file).toBe(pdfPath(c));
      for (const r of t.rows) for (const cell of Object.values(r.cells)) expect(cell.loc.page).toBeGreaterThan(0);
    }
  });

  it('gives the findings of the transcription', async () => {
    const d = await loadOnce(pdfPath(c));
    if (c.text) {
      const csv = await load(transcriptionWithText(c));
      expect(findingsOf(d).map(said).sort()).toEqual(findingsOf(csv).map(said).sort());
    } else {
      const tableRules = (fs: Finding[]) => fs.filter((f) => TABLE_RULE_IDS.includes(f.ruleId) || (f.ruleId.startsWith('input/') && f.ruleId !== 'input/unknown-table')).map(said).sort();
      expect(tableRules(findingsOf(d))).toEqual(tableRules(findingsOf(await load(c.csv))));
    }
    // every finding but one about the whole disclosure (a missing table) points at its page
    for (const f of findingsOf(d)) if (f.ruleId !== 'missing-table') expect(f.location.page).toBeGreaterThan(0);
  });

  it('extracts a directory that checks the same', async () => {
    const out = join(tmp, `${c.pdf}-extracted`);
    const r = await extractPdf(pdfPath(c), out);
    expect(r.tables).toBe(c.tables);
    const d = await load(out);
    expect(figures(d)).toEqual(figures(await loadOnce(pdfPath(c))));
    expect(findingsOf(d).map(said).sort()).toEqual(findingsOf(await loadOnce(pdfPath(c))).map(said).sort());
  });
});

describe('reports of a PDF', () => {
  it('cite the page in text, JSON and SARIF', async () => {
    const pdf = 'fixtures/pdf/jiangsu-court-2018.pdf';
    const text = await runMain('check', pdf, '--no-config', '--jobs', '1');
    // the 2018 text's 一般行政事务管理 fell 392.92 from 6442.89 to 6049.97: 6.10 %, printed 5.95 %
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/p\.19:21:21 错误  一般行政事务管理增幅为 5\.95%，但 392\.92万元 ÷ 上年数 6442\.89万元 为 6\.10%/);
    expect(text.out).toMatch(/p\.20:15:3 /);
    const json = JSON.parse((await runMain('check', pdf, '--no-config', '--jobs', '1', '-f', 'json')).out);
    const loc = json.disclosures[0].findings.find((f: { location: { page: number; line: number } }) => f.location.page === 20 && f.location.line === 15).location;
    expect(loc).toMatchObject({ file: pdf, page: 20, line: 15, column: 3 });
    expect(loc.bbox).toHaveLength(4);
    const sarif = JSON.parse((await runMain('check', pdf, '--no-config', '--jobs', '1', '-f', 'sarif')).out);
    const region = sarif.runs[0].results.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => r.locations[0]!.physicalLocation.region).find((g: { startLine: number; properties: { page: number } }) => g.properties.page === 20 && g.startLine === 15);
    expect(region).toMatchObject({ startLine: 15, startColumn: 3, properties: { page: 20 } });
  });

  it('extract refuses to write beside its input or over a file', async () => {
    const r = await runMain('extract', 'fixtures/pdf/jiangsu-cppcc-2017.pdf', '-o', 'fixtures/pdf');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/never writes to its inputs|从不写入/);
    const out = join(tmp, 'twice');
    expect((await runMain('extract', 'fixtures/pdf/jiangsu-cppcc-2017.pdf', '-o', out)).code).toBe(0);
    const again = await runMain('extract', 'fixtures/pdf/jiangsu-cppcc-2017.pdf', '-o', out, '--lang', 'en');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists; nothing was overwritten/);
  });

  it('checks each PDF of a directory as a disclosure of its own', async () => {
    const dir = join(tmp, 'batch');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(dir, 'a.pdf'));
    copyTo('fixtures/pdf/jiangsu-party-office-2019.pdf', join(dir, 'sub', 'b.pdf'));
    const r = await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).disclosures.map((x: { path: string }) => x.path.split(/[\\/]/).slice(-2).join('/'))).toEqual(['batch/a.pdf', 'sub/b.pdf']);
  });

  it('checks one PDF of tables with the 情况说明 text beside it as one disclosure; beside several PDFs a text stays out', async () => {
    const dir = join(tmp, 'with-text');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(dir, '预算公开表.pdf'));
    writeFileSync(join(dir, '情况说明.txt'), '一、收入预算情况说明\n2017年收入预算总额 100 万元，其中财政拨款 60 万元，其他资金 30 万元。\n');
    const r = await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json');
    const [d] = JSON.parse(r.out).disclosures as Array<{ path: string; findings: Finding[]; read: { tables: unknown[] } }>;
    expect(JSON.parse(r.out).disclosures).toHaveLength(1);
    expect(d!.path).toBe(dir);
    expect(d!.read.tables.length).toBe(12);
    const sum = d!.findings.filter((f) => f.ruleId === 'narrative-sum');
    expect(sum.map((f) => [f.severity, f.actual, f.expected, f.location.line])).toEqual([['error', '100', '90', 2]]);
    // the same through a pattern that matches the two files
    const globbed = JSON.parse((await runMain('check', join(dir, '*'), '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Array<{ path: string; findings: Finding[] }>;
    expect(globbed.map((x) => x.path)).toEqual([dir]);
    expect(globbed[0]!.findings.filter((f) => f.ruleId === 'narrative-sum')).toHaveLength(1);
    // the same a level down, and given through a parent directory
    const parent = join(tmp, 'parent');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(parent, 'deptA', '预算公开表.pdf'));
    copyTo(join(dir, '情况说明.txt'), join(parent, 'deptA', '情况说明.txt'));
    const nested = JSON.parse((await runMain('check', parent, '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Array<{ path: string; findings: Finding[] }>;
    expect(nested.map((x) => x.path)).toEqual([join(parent, 'deptA')]);
    expect(nested[0]!.findings.filter((f) => f.ruleId === 'narrative-sum')).toHaveLength(1);
    // a second PDF: which one the text belongs to is not known, so each PDF is a disclosure of its
    // own, and the text is an input that could not be used (named where it is, exit 2), not dropped in silence
    copyTo('fixtures/pdf/jiangsu-party-office-2019.pdf', join(dir, '另一单位.pdf'));
    copyTo('fixtures/pdf/jiangsu-party-office-2019.pdf', join(parent, 'deptB', 'a.pdf'));
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(parent, 'deptB', 'b.pdf'));
    copyTo(join(dir, '情况说明.txt'), join(parent, 'deptB', '情况说明.txt'));
    for (const [root, expected] of [
      [dir, ['另一单位.pdf', '情况说明.txt', '预算公开表.pdf']],
      [parent, ['deptA', 'a.pdf', 'b.pdf', '情况说明.txt']],
    ] as const) {
      const two = await runMain('check', root, '--no-config', '--jobs', '1', '-f', 'json');
      const results = JSON.parse(two.out).disclosures as Array<{ path: string; findings: Finding[]; error?: { message: string } }>;
      expect(results.map((x) => x.path.split(/[\\/]/).pop())).toEqual(expected);
      const text = results.find((x) => x.path.endsWith('情况说明.txt'))!;
      expect([text.findings, text.error?.message]).toEqual([[], '此说明文字旁有多份 PDF（或其下还有其他公开材料），无法确定属于哪一份，未检查；请把它和所属的 PDF 放在单独的目录中']);
      expect(two.code).toBe(2);
    }
    // a readme beside several PDFs (no amounts in it) is no 情况说明: passed over, as before
    const readme = join(tmp, 'readme');
    copyTo('fixtures/pdf/jiangsu-party-office-2019.pdf', join(readme, 'a.pdf'));
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(readme, 'b.pdf'));
    writeFileSync(join(readme, 'README.txt'), '本目录存放各单位 2019 年部门预算公开文件，每个单位一份 PDF。\n');
    const quiet = await runMain('check', readme, '--no-config', '--jobs', '1', '-f', 'json');
    expect([quiet.code, (JSON.parse(quiet.out).disclosures as Array<{ path: string }>).map((x) => x.path.split(/[\\/]/).pop())]).toEqual([0, ['a.pdf', 'b.pdf']]);
    const globbedTwo = JSON.parse((await runMain('check', join(dir, '*'), '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Array<{ path: string; error?: unknown }>;
    expect(globbedTwo.map((x) => [x.path.split(/[\\/]/).pop(), x.error !== undefined])).toEqual([['另一单位.pdf', false], ['情况说明.txt', true], ['预算公开表.pdf', false]]);
    // given as a disclosure of its own beside that, it is checked, and not said to be left out
    const both = JSON.parse((await runMain('check', dir, join(dir, '情况说明.txt'), '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Array<{ path: string; error?: unknown; findings: Finding[] }>;
    const texts = both.filter((x) => x.path.endsWith('情况说明.txt'));
    expect(texts.map((x) => [x.error, x.findings.some((f) => f.ruleId === 'narrative-sum')])).toEqual([[undefined, true]]);
  });

  it('takes a PDF with a word-processor 情况说明 beside it as one disclosure that names it; a linked PDF stays on its own', async () => {
    const dir = join(tmp, 'with-docx');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(dir, '预算公开表.pdf'));
    writeFileSync(join(dir, '情况说明.docx'), 'PK');
    writeFileSync(join(dir, '~$情况说明.docx'), 'lock');
    const [d] = JSON.parse((await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Array<{ path: string; findings: Finding[] }>;
    expect(d!.path).toBe(dir);
    expect(d!.findings.map((f) => [f.ruleId, f.location.file])).toEqual([['input/document-unread', join(dir, '情况说明.docx')]]);
    // a PDF linked in from elsewhere is followed only as a disclosure of its own (the loader refuses
    // links out of a disclosure directory), and the text beside it is then left out, and said so
    const linked = join(tmp, 'linked');
    mkdirSync(linked, { recursive: true });
    symlinkSync(join(process.cwd(), 'fixtures/pdf/jiangsu-cppcc-2017.pdf'), join(linked, 'tables.pdf'));
    writeFileSync(join(linked, 's.txt'), '一、说明\n收入 1 万元。\n');
    const r = await runMain('check', linked, '--no-config', '--jobs', '1', '-f', 'json');
    const out = JSON.parse(r.out).disclosures as Array<{ path: string; read?: { tables: unknown[] }; error?: unknown }>;
    expect(out.map((x) => [x.path.split(/[\\/]/).pop(), x.read?.tables.length, x.error !== undefined])).toEqual([
      ['s.txt', undefined, true],
      ['tables.pdf', 12, false],
    ]);
  });

  it('checks a tables PDF and a 情况说明 PDF named so, alone in a directory, as one disclosure; the longer prose is the text', async () => {
    const dir = join(tmp, 'pair');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(dir, '2017年部门预算公开表.pdf'));
    copyTo('fixtures/pdf/printed/text-only.pdf', join(dir, '2017年部门预算情况说明.pdf'));
    type Result = { path: string; findings: Finding[]; read: { tables: unknown[]; text?: string } };
    const one = JSON.parse((await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Result[];
    expect(one.map((d) => d.path)).toEqual([dir]);
    expect(one[0]!.read.tables).toHaveLength(12);
    expect(one[0]!.read.text).toBe(join(dir, '2017年部门预算情况说明.pdf'));
    // the text's own sum, and the text against the other PDF's tables
    expect(one[0]!.findings.map((f) => [f.ruleId, f.actual, f.expected])).toEqual([
      ['narrative-amount-vs-table', '120.00', '9146.79'],
      ['narrative-sum', '120.00', '110.00'],
    ]);
    // names that do not say which is which: two disclosures, as any two PDFs
    const plain = join(tmp, 'pair-unnamed');
    copyTo('fixtures/pdf/jiangsu-cppcc-2017.pdf', join(plain, 'a.pdf'));
    copyTo('fixtures/pdf/printed/text-only.pdf', join(plain, 'b.pdf'));
    const two = JSON.parse((await runMain('check', plain, '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Result[];
    expect(two.map((d) => d.path.split(/[\\/]/).pop())).toEqual(['a.pdf', 'b.pdf']);
    // both with prose: the longer is the 情况说明, the other PDF's prose is named as not checked
    const both = join(tmp, 'pair-both');
    copyTo('fixtures/pdf/jiangsu-court-2018.pdf', join(both, '预算公开表.pdf'));
    copyTo('fixtures/pdf/printed/text-only.pdf', join(both, '预算情况说明.pdf'));
    const [d] = JSON.parse((await runMain('check', both, '--no-config', '--jobs', '1', '-f', 'json')).out).disclosures as Result[];
    expect(d!.read.text).toBe(join(both, '预算公开表.pdf'));
    expect(d!.findings.filter((f) => f.ruleId === 'input/second-narrative').map((f) => [f.location.file, f.message])).toEqual([
      [join(both, '预算情况说明.pdf'), `已读取说明 ${join(both, '预算公开表.pdf')}，此文件中的说明文字未检查`],
    ]);
  });
});

describe('tables printed without rules', () => {
  // the same PDFs read as if no rule were drawn: a table is taken only when its columns come out
  // clean, and then with the figures of the transcription; the others are named, never misread
  it.each(CASES.filter((c) => ['jiangsu-court-2018', 'putuo-commerce-2025-budget', 'putuo-planning-2024-final', 'jiangsu-court-2019'].includes(c.pdf)))('$pdf: read from the text alone, or named as not read', async (c) => {
    const d = await loadDisclosure(pdfPath(c), { cwd: process.cwd(), ignoreRules: true } as LoadOptions);
    const read = Object.keys(d.tables).length;
    expect(read).toBeGreaterThan(0);
    // names aside: a total's 合计 may stand in the code column of a ruled table and span it without rules
    const plain = (xs: string[]) => xs.map((f) => f.replace(/^(\S+ \S* \S*) \S* /, '$1 '));
    const want = new Set(plain(figures(await load(c.csv))));
    expect(plain(figures(d)).filter((f) => !want.has(f))).toEqual([]);
    // the rest is named as not read, or missing
    expect(read + d.issues.filter((i) => i.code === 'pdf-unruled-table').length).toBeLessThanOrEqual(c.tables);
    // no finding the ruled reading does not make, but for the tables left unread
    // (the column as its header names it aside: header rows read without rules may word it otherwise)
    const gist = (f: Finding) => `${f.ruleId} ${f.severity} ${f.location.table ?? ''} ${f.location.row ?? ''} expected=${f.expected ?? ''} actual=${f.actual ?? ''}`;
    const ruled = new Set(findingsOf(await loadOnce(pdfPath(c))).map(gist));
    expect(findingsOf(d).filter((f) => !['missing-table', 'input/pdf-unruled-table'].includes(f.ruleId) && !f.ruleId.startsWith('narrative-') && !ruled.has(gist(f))).map(gist)).toEqual([]);
  });
});
