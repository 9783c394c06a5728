// `budgetlint init`: a commented budgetlint.config.yaml for a directory of disclosures, with what
// could be found out about them (their layouts, the kind of unit) written in, and every other
// setting shown commented out with what it does.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Lang } from '../core/findings.js';
import { expandPaths } from '../batch/expand.js';
import { CONFIG_NAMES } from '../config/index.js';
import { loadDisclosure } from '../load/disclosure.js';
import { InputError } from '../load/errors.js';
import { UsageError } from './request.js';

/** At most this many disclosures are read to describe a directory. */
const SAMPLE = 50;

type UnitType = '行政单位' | '事业单位';

/** The kind of unit a 情况说明 says it is: "本单位为行政单位", "属于公益一类事业单位". */
export function unitTypeOf(text: string): UnitType | undefined {
  const found = new Set<UnitType>();
  const re = /(?:本(?:部门|单位)|我(?:部门|单位)|单位性质)[^。；\n]{0,12}?(?:为|是|属于|系|：|:)[^。；\n]{0,12}?(行政|事业)单位/g;
  for (const m of text.slice(0, 2_000_000).matchAll(re)) found.add(`${m[1]}单位` as UnitType);
  return found.size === 1 ? [...found][0] : undefined;
}

function textsOf(dir: string): string[] {
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((n) => ['.txt', '.md'].includes(extname(n).toLowerCase()))
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

export interface Survey {
  disclosures: number;
  read: number;
  layouts: Map<string, number>;
  unitTypes: Map<UnitType, number>;
}

export async function survey(dir: string): Promise<Survey> {
  const { paths } = expandPaths([dir]);
  const s: Survey = { disclosures: paths.length, read: 0, layouts: new Map(), unitTypes: new Map() };
  for (const p of paths.slice(0, SAMPLE)) {
    try {
      const d = await loadDisclosure(p);
      s.read++;
      if (d.layout && d.layoutHow !== 'none') s.layouts.set(d.layout, (s.layouts.get(d.layout) ?? 0) + 1);
      let unit: UnitType | undefined = d.unitType === '行政单位' || d.unitType === '事业单位' ? d.unitType : undefined;
      for (const f of textsOf(p)) {
        if (unit) break;
        try {
          unit = unitTypeOf(readFileSync(f, 'utf8'));
        } catch {
          // an unreadable text says nothing
        }
      }
      if (unit) s.unitTypes.set(unit, (s.unitTypes.get(unit) ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
  }
  return s;
}

const counted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${k} (${n})`).join(', ');

/** The configuration text for what the survey found. */
export function configText(dir: string, s: Survey, today: string): string {
  const layouts = counted(s.layouts);
  const single = s.layouts.size === 1 ? [...s.layouts.keys()][0] : undefined;
  const unit = s.unitTypes.size === 1 && [...s.unitTypes.values()][0] === s.read ? [...s.unitTypes.keys()][0] : s.unitTypes.size > 1 ? '混合' : undefined;
  const lines = [
    `# budgetlint configuration, written by \`budgetlint init\` on ${today} for ${dir}`,
    `# ${s.disclosures} disclosure(s) found${s.read < s.disclosures ? `, ${s.read} read to write this` : ''}; layouts detected: ${layouts || 'none'}.`,
    '# Every key is optional: delete what you do not need. Flags on the command line win over this file.',
    '# Reference: docs/config.md of the budgetlint package; check a change with `budgetlint check <dir>`.',
    '',
    '# The layout every disclosure is read with (see: budgetlint layouts). Left out, each disclosure\'s',
    '# layout is detected from its table titles, which is what found the layouts above.',
    `# layout: ${single ?? 'national'}`,
    '',
    '# 行政单位, 事业单位 or 混合: whether 机关运行经费 must equal 公用经费 (行政单位) or only not exceed it.',
    unit
      ? `unitType: ${unit}   # ${unit === '混合' ? `the texts name both: ${counted(s.unitTypes)}` : `named in the texts of ${s.unitTypes.get(unit as UnitType)} of ${s.read} disclosure(s)`}`
      : '# unitType: 行政单位   # not found in the texts: say which, or leave it out and ≤ is checked',
    '',
    '# The level that makes the exit code 1: error, or warning (then 尾差 warnings fail too).',
    'failOn: error',
    '',
    '# Warnings allowed before the exit code is 1 (as --max-warnings).',
    '# maxWarnings: 0',
    '',
    '# Rule levels (off, warning or error); `budgetlint rules` lists them, `budgetlint explain <rule>` says what each checks.',
    'rules:',
    '  missing-table: warning',
    '',
    '# Only these rules, or never these (ids or globs such as narrative-*), as --rule and --disable.',
    '# only: [row-total, rollup, column-total]',
    '# disable: [narrative-*]',
    '',
    'tolerances:',
    '  # a total marked 约 may differ by this share',
    '  approx: "0.005"',
    '  # differences up to this amount are accepted everywhere ("0.01" is in 万元; "1元" also works)',
    '  # absolute: 1元',
    '',
    '# Where your team hosts the rule docs ({rule} is the rule id); by default, the pages installed with budgetlint.',
    '# docsUrl: https://docs.example.org/budgetlint/{rule}.html',
    '',
  ];
  return lines.join('\n');
}

export async function runInit(dirArg: string | undefined, flags: { force?: boolean; lang: Lang }, out: { write(s: string): unknown }, cwd = process.cwd()): Promise<void> {
  const dir = resolve(cwd, dirArg ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`init: "${dirArg ?? '.'}" is not a directory`);
  const existing = CONFIG_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
  if (existing && !flags.force) throw new UsageError(`init: ${relative(cwd, existing) || existing} already exists (--force replaces it)`);
  const file = join(dir, 'budgetlint.config.yaml');
  const s = await survey(dir);
  const shown = relative(cwd, dir) || '.';
  const { writeReport, outputTarget } = await import('../output.js');
  if (existing && existing !== file) throw new UsageError(`init: ${relative(cwd, existing)} already exists; remove it first, so that one configuration is found`);
  writeReport(outputTarget(file), configText(shown, s, new Date().toISOString().slice(0, 10)));
  const zh = flags.lang === 'zh';
  out.write(
    zh
      ? `已写入 ${relative(cwd, file)}：${s.disclosures} 份公开材料，版式 ${counted(s.layouts) || '未识别'}\n`
      : `wrote ${relative(cwd, file)}: ${s.disclosures} disclosure(s), layouts ${counted(s.layouts) || 'none detected'}\n`,
  );
}
