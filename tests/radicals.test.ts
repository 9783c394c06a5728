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
