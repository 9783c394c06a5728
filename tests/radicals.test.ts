// Text whose CJK characters come as Kangxi radicals or radicals-supplement forms (收⼊ for 收入, ⽀出 for
// 支出, 部⻔ for 部门), as PDFs printed by Chrome and Skia carry them, reads as the ideographs.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifyRadicals } from '../src/core/cjk.js';
import { runMain } from './helpers.js';
import { tempDir } from './input-support.js';

async function brief(path: string) {
  const r = await runMain('check', path, '--no-config', '--jobs', '1', '-f', 'json');
  const d = JSON.parse(r.out).disclosures[0];
  return {
    code: r.code,
    tables: d.read.tables.map((t: { id: string; rows: number; columns: string[] }) => [t.id, t.rows, t.columns.join(' ')]),
    findings: d.findings.map((f: { ruleId: string; severity: string; expected?: string; actual?: string }) => [f.ruleId, f.severity, f.expected, f.actual]),
  };
}

describe('radicals written for ideographs', () => {
  it('become the ideographs, one unit for one', () => {
    expect(unifyRadicals('收⼊⽀出，部⻔“三公”经费，机关运⾏，⻋辆')).toBe('收入支出，部门“三公”经费，机关运行，车辆');
    expect(unifyRadicals('收入支出')).toBe('收入支出');
    const s = '⼀⼆⼗⾦⻓⻢';
    expect(unifyRadicals(s)).toHaveLength(s.length);
  });

  it('in CSV files: the tables read and check as written with the ideographs', async () => {
    const src = 'fixtures/real/putuo-commerce-2025/flat';
    const dir = join(tempDir(), 'radicals');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(src)) writeFileSync(join(dir, f), readFileSync(join(src, f), 'utf8').replace(/入/g, '⼊').replace(/支/g, '⽀').replace(/门/g, '⻔').replace(/行/g, '⾏'));
    expect(await brief(dir)).toEqual(await brief(src));
  });

  it('in a PDF printed by Chrome: every table read, the findings of the transcription', async () => {
    const pdf = await brief('fixtures/pdf/printed/putuo-planning-2024-final-chrome.pdf');
    const csv = await brief('fixtures/real/putuo-planning-2024-final/flat');
    expect(pdf.tables.map((t: unknown[]) => t.slice(0, 2))).toEqual(csv.tables.map((t: unknown[]) => t.slice(0, 2)));
    expect(pdf.findings).toEqual(csv.findings);
    expect(pdf.code).toBe(csv.code);
  });
});

describe('a PDF of the 情况说明 alone', () => {
  it('is checked as its text, cited by page, with the findings the same text gives as a file', async () => {
    const pdf = await runMain('check', 'fixtures/pdf/printed/text-only.pdf', '--no-config', '--jobs', '1', '-f', 'json');
    const txt = await runMain('check', 'fixtures/pdf/printed/text-only.txt', '--no-config', '--jobs', '1', '-f', 'json');
    const p = JSON.parse(pdf.out).disclosures[0];
    const t = JSON.parse(txt.out).disclosures[0];
    expect(pdf.code).toBe(1);
    expect(p.read.text).toBe('fixtures/pdf/printed/text-only.pdf');
    expect(p.findings.map((f: { ruleId: string; expected: string; actual: string }) => [f.ruleId, f.expected, f.actual])).toEqual(
      t.findings.map((f: { ruleId: string; expected: string; actual: string }) => [f.ruleId, f.expected, f.actual]),
    );
    expect(p.findings[0]).toMatchObject({ ruleId: 'narrative-sum', expected: '110.00', actual: '120.00', location: { page: 1, line: 5, column: 11 } });
    const text = await runMain('check', 'fixtures/pdf/printed/text-only.pdf', '--no-config', '--jobs', '1');
    expect(text.out).toContain('  读取 0 张表及说明，运行');
  });
});
