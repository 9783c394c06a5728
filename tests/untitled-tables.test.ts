// Tables converted from a PDF often come without the lines printed above them: the title row is
// gone and only the file's name says which table it is ("01-收支预算总表.csv"). Each real disclosure,
// with every file's title row taken off, reads the same tables, with the same columns, and checks
// with the same findings as the published one; a table whose file name says nothing is still named.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers.js';
import { tempDir } from './input-support.js';

const REAL = ['jiangsu-court-2018/banded', 'jiangsu-court-2019/flat', 'jiangsu-cppcc-2017/banded', 'jiangsu-party-office-2019/flat', 'putuo-commerce-2025/flat', 'putuo-planning-2024-final/banded'];

interface Checked {
  tables: Array<{ kind: string; structure: string; rows: number; columns: string[]; id: string }>;
  findings: Array<{ ruleId: string; severity: string; expected?: string; actual?: string }>;
  code: number;
}

async function check(dir: string): Promise<Checked> {
  const r = await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json');
  const d = JSON.parse(r.out).disclosures[0];
  return {
    code: r.code,
    tables: (d.read?.tables ?? []).map((t: Checked['tables'][number]) => ({ kind: t.kind, structure: t.structure, rows: t.rows, columns: t.columns, id: t.id })),
    findings: d.findings.map((f: Checked['findings'][number]) => ({ ruleId: f.ruleId, severity: f.severity, expected: f.expected, actual: f.actual })),
  };
}

/** The directory's tables with their first row (the title) taken off. */
function untitled(src: string, name = (f: string) => f): string {
  const out = join(tempDir(), src.replace(/\//g, '_'));
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(src)) {
    if (!f.endsWith('.csv')) continue;
    const lines = readFileSync(join(src, f), 'utf8').split('\n');
    expect(lines[0]).toMatch(/表/);
    writeFileSync(join(out, name(f)), lines.slice(1).join('\n'));
  }
  return out;
}

/**
 * The directory's tables with every code column folded into the name column after it, as some
 * converters print them: "30101 基本工资" in one cell, on both sides of a two-sided table.
 */
function codesInNames(src: string): string {
  const out = join(tempDir(), `${src.replace(/\//g, '_')}-codes`);
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(src)) {
    if (!f.endsWith('.csv')) continue;
    const rows = readFileSync(join(src, f), 'utf8').split('\n').map((l) => l.split(','));
    const header = rows.findIndex((r) => r.some((c) => /(编码|代码)$/.test(c.trim())));
    const codes = header < 0 ? [] : rows[header]!.flatMap((c, i) => (/(编码|代码)$/.test(c.trim()) && /名称/.test(rows[header]![i + 1] ?? '') ? [i] : []));
    const folded = rows.map((r, k) => {
      const row = [...r];
      for (const i of codes) {
        const code = k > header ? (row[i]?.trim() ?? '') : '';
        // a code goes in front of the name; a label printed across both columns (合计) stays
        if (/^\d{3,7}$/.test(code)) row[i + 1] = `${code} ${row[i + 1] ?? ''}`;
        else if (code && !row[i + 1]?.trim()) row[i + 1] = code;
      }
      return row.filter((_, i) => !codes.includes(i) || k < header);
    });
    writeFileSync(join(out, f), folded.map((r) => r.join(',')).join('\n'));
  }
  return out;
}

describe('codes printed in front of the names, in one column', () => {
  for (const src of ['jiangsu-court-2018/flat', 'putuo-commerce-2025/flat', 'putuo-planning-2024-final/flat']) {
    it(src, async () => {
      const published = await check(join('fixtures/real', src));
      const folded = await check(codesInNames(join('fixtures/real', src)));
      expect(folded.code).toBe(published.code);
      expect(folded.findings).toEqual(published.findings);
      expect(folded.tables.map((t) => [t.id, t.rows])).toEqual(published.tables.map((t) => [t.id, t.rows]));
    });
  }
});

describe('tables without their title row, named by their files', () => {
  for (const src of REAL) {
    it(src, async () => {
      const published = await check(join('fixtures/real', src));
      expect(published.tables.length).toBeGreaterThanOrEqual(9);
      const stripped = await check(untitled(join('fixtures/real', src)));
      expect(stripped).toEqual(published);
    });
  }

  it('without a title or a telling file name, a table is not guessed at', async () => {
    const dir = untitled('fixtures/real/jiangsu-court-2018/banded', (f) => f.replace(/^(\d+)-.*$/, 'sheet$1.csv'));
    const r = await runMain('check', dir, '--no-config', '--jobs', '1', '-f', 'json');
    const d = JSON.parse(r.out).disclosures[0];
    // the summary tables say nothing by their headers alone: each is named as skipped, and no error is guessed
    expect(r.code).toBe(0);
    expect(d.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(d.findings.find((f: { ruleId: string; location: { file: string } }) => f.ruleId === 'input/unknown-table' && f.location.file.endsWith('sheet01.csv'))).toBeDefined();
  });
});
