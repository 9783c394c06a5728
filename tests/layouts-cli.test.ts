// Layouts from the user's side: detection reported, --layout forcing one, `budgetlint layouts`,
// a region's own profile added through the configuration without code, files given one by one
// read as one disclosure, and a directory with nothing recognisable refused (exit 2).
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LAYOUTS } from '../src/layout/index.js';
import { LayoutProfileSchema } from '../src/layout/schema.js';
import { parseLink } from '../src/rules/cross/links.js';
import { runMain } from './helpers.js';
import { tempDir } from './input-support.js';

const JIANGSU = 'fixtures/real/jiangsu-court-2018/banded';

function json(out: string) {
  return JSON.parse(out) as {
    disclosures: Array<{ path: string; read?: { layout: { id: string; how: string }; tables: Array<{ file: string; id?: string; kind: string }>; skipped: unknown[] }; findings: Array<{ ruleId: string; severity: string; location: { file: string; line: number; column: number } }> }>;
  };
}

describe('built-in layouts', () => {
  it('are valid profiles whose links all parse', () => {
    for (const l of BUILTIN_LAYOUTS) {
      expect(LayoutProfileSchema.safeParse(l).success, l.id).toBe(true);
      expect(l.links.filter((k) => !parseLink(k)).map((k) => k.assert), l.id).toEqual([]);
    }
  });

  it('are listed by `budgetlint layouts`, and one is shown with its tables and links', async () => {
    const list = await runMain('layouts', '--no-config');
    expect(list.code).toBe(0);
    expect(list.out.split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean)).toEqual(BUILTIN_LAYOUTS.map((l) => l.id));
    const one = await runMain('layouts', 'jiangsu-2017', '--lang', 'en', '--no-config');
    expect(one.out).toContain('T11  Table 11 Agency operating costs [agencyOperation; coded]');
    expect(one.out).toContain('fiscal-agreement           T5[*].total = T7[*].total + T10?[*].total');
  });
});

describe('choosing the layout', () => {
  it('reports the layout detected and which file is which table (JSON)', async () => {
    const r = json((await runMain('check', JIANGSU, '-f', 'json', '--no-config')).out);
    const read = r.disclosures[0]!.read!;
    expect(read.layout).toMatchObject({ id: 'jiangsu-2017', how: 'detected' });
    expect(read.tables.map((t) => `${t.id} ${t.kind}`)).toEqual(
      readdirSync(JIANGSU)
        .sort()
        .map((_, i) => `T${i + 1}`)
        .map((id) => `${id} ${BUILTIN_LAYOUTS.find((l) => l.id === 'jiangsu-2017')!.tables.find((t) => t.id === id)!.role}`),
    );
  });

  it('--layout forces one (and an unknown id is a usage error, exit 2)', async () => {
    const forced = json((await runMain('check', JIANGSU, '-f', 'json', '--layout', 'national', '--no-config')).out);
    expect(forced.disclosures[0]!.read!.layout).toMatchObject({ id: 'national', how: 'forced' });
    const bad = await runMain('check', JIANGSU, '--layout', 'nowhere', '--no-config');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('budgetlint: --layout: no layout named "nowhere" (known: shanghai-district, jiangsu-2017, national-final, national; see: budgetlint layouts)\n');
    const asked = await runMain('layouts', 'nowhere', '--no-config');
    expect([asked.code, asked.out, asked.err]).toEqual([2, '', 'budgetlint: no layout named "nowhere" (known: shanghai-district, jiangsu-2017, national-final, national)\n']);
  });

  it('a region\'s own profile comes from the configuration, without code, and its links are checked', async () => {
    // Putuo's tables retitled as a region budgetlint does not know
    const dir = tempDir();
    const disclosure = join(dir, 'unit');
    cpSync('fixtures/putuo-2025', disclosure, { recursive: true });
    const retitle: Record<string, string> = {
      '01': '单位预算收支总表',
      '02': '单位收入明细',
      '03': '单位支出明细',
      '04': '单位拨款收支明细',
      '05': '单位一般公共预算支出表',
      '06': '单位基金支出明细',
      '07': '单位国资支出明细',
      '08': '单位基本支出经济分类表',
      '09': '单位三公经费',
    };
    for (const f of readdirSync(disclosure)) {
      const title = retitle[f.slice(0, 2)];
      const p = join(disclosure, f);
      if (title) writeFileSync(p, readFileSync(p, 'utf8').replace(/^[^,\n]*/, `2025年${title}`));
    }
    const profile = {
      id: 'somewhere-unit',
      name: { zh: '某地单位预算', en: 'Somewhere unit budget' },
      statement: 'budget',
      tables: [
        { id: 'A', role: 'overview', number: { zh: '甲表', en: 'Table A' }, name: { zh: '单位预算收支总表', en: 'Summary' }, titles: ['单位预算收支总表'], structure: 'sided' },
        { id: 'B', role: 'generalBudget', number: { zh: '乙表', en: 'Table B' }, name: { zh: '单位一般公共预算支出表', en: 'General budget' }, titles: ['单位一般公共预算支出表'], structure: 'coded' },
        { id: 'C', role: 'basicEconomic', number: { zh: '丙表', en: 'Table C' }, name: { zh: '单位基本支出经济分类表', en: 'Basic by economic class' }, titles: ['单位基本支出经济分类表'], structure: 'coded' },
      ],
      links: [
        { rule: 'basic-agreement', assert: 'C[total].total = B[total].basic' },
        { rule: 'class-agreement', assert: 'B[*].total = A.expense[*].total', relax: 'nonFiscalRevenue' },
      ],
    };
    const cfg = join(dir, 'budgetlint.config.json');
    writeFileSync(cfg, JSON.stringify({ layouts: [profile] }));
    const clean = json((await runMain('check', disclosure, '-f', 'json', '--config', cfg)).out).disclosures[0]!;
    expect(clean.read!.layout).toMatchObject({ id: 'somewhere-unit', how: 'detected' });
    expect(clean.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // break the link the profile declares: 基本支出 of B no longer equals C's total
    const b = join(disclosure, '05-一般公共预算支出功能分类预算表.csv');
    writeFileSync(b, readFileSync(b, 'utf8').replace('"371,514,655.00","19,830,655.00","351,684,000.00"', '"371,514,655.00","19,830,656.00","351,683,999.00"'));
    const broken = json((await runMain('check', disclosure, '-f', 'json', '--config', cfg)).out).disclosures[0]!;
    expect(broken.findings.filter((f) => f.ruleId === 'basic-agreement').map((f) => [f.severity, f.location.file.endsWith('08-一般公共预算基本支出部门预算经济分类预算表.csv')])).toEqual([['error', true]]);
    expect(await runMain('layouts', '--config', cfg)).toMatchObject({ code: 0, out: expect.stringContaining('somewhere-unit') });
  });

  it('a configuration\'s profile that is not valid is refused with its key (exit 2)', async () => {
    const dir = tempDir();
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({ layouts: [{ id: 'x', name: { zh: 'x', en: 'x' }, statement: 'budget', tables: [{ id: 'A', role: 'overview', number: { zh: 'a', en: 'a' }, name: { zh: 'a', en: 'a' }, titles: ['a'] }], links: [{ rule: 'balance', assert: 'A.total = 1' }] }] }));
    const r = await runMain('check', JIANGSU, '--config', cfg);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${cfg}: layouts[0].links[0].assert: not a link such as "T5[*].total = T3[*].total - T9?[*].total": A.total = 1\n`);
  });
});

describe('what a disclosure is', () => {
  it('files of one directory given one by one are one disclosure, so tables are still checked against each other', async () => {
    const files = readdirSync(JIANGSU).map((f) => join(JIANGSU, f));
    const r = json((await runMain('check', ...files, '-f', 'json', '--no-config')).out);
    expect(r.disclosures.map((d) => d.path)).toEqual([JIANGSU]);
    expect(r.disclosures[0]!.read!.tables).toHaveLength(12);
  });

  it('a directory in which nothing is recognised is exit 2 with a message, never a pass', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), '名称,数量\n苹果,3\n梨,4\n');
    writeFileSync(join(dir, 'b.csv'), '日期,天气\n周一,晴\n');
    const r = await runMain('check', dir, '--no-config');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${dir}: 没有识别出任何预算表或说明文字：请检查文件内容，或在清单中指明各表（tables），或用 --layout 指定版式\n`);
  });
});
