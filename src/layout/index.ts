// The layout profiles budgetlint knows (built in, and any a configuration adds), and how the one
// a disclosure follows is found: the profile whose table titles match most of its tables.
import { normalizeLabel } from '../load/aliases.js';
import type { TableKind } from '../load/constants.js';
import jiangsu2017 from './profiles/jiangsu-2017.json' with { type: 'json' };
import national from './profiles/national.json' with { type: 'json' };
import nationalFinal from './profiles/national-final.json' with { type: 'json' };
import shanghaiDistrict from './profiles/shanghai-district.json' with { type: 'json' };
import type { LayoutProfile, LayoutTable } from './types.js';

export type { LayoutLink, LayoutProfile, LayoutTable } from './types.js';

/** Built-in profiles, most specific first (a tie in detection goes to the earlier one). */
export const BUILTIN_LAYOUTS: readonly LayoutProfile[] = [
  shanghaiDistrict as LayoutProfile,
  jiangsu2017 as LayoutProfile,
  nationalFinal as LayoutProfile,
  national as LayoutProfile,
];

interface CompiledTable {
  table: LayoutTable;
  patterns: RegExp[];
}

const compiled = new WeakMap<LayoutProfile, CompiledTable[]>();

function tablesOf(p: LayoutProfile): CompiledTable[] {
  let c = compiled.get(p);
  if (!c) {
    c = p.tables.map((t) => ({ table: t, patterns: t.titles.map((s) => new RegExp(`(?:${s})$`)) }));
    compiled.set(p, c);
  }
  return c;
}

/**
 * A printed title as the patterns see it: no spaces or quotes, no trailing qualifier in
 * parentheses ("（功能科目）", "（一般公共预算）"), no "单位：万元".
 */
export function titleKey(title: string): string {
  let t = normalizeLabel(title).replace(/(金额)?单位[:：].*$/, '');
  for (let i = 0; i < 3; i++) t = t.replace(/（[^（）]*）$/, '');
  return t;
}

export interface TitleMatch {
  table: LayoutTable;
  /** characters of the title the pattern took: the longer, the more specific */
  length: number;
}

/**
 * What may stand before a table's name is a number, a year, a department: never more budget
 * wording, so "一般公共预算财政拨款支出预算表" is not the "财政拨款支出预算表" of another layout.
 */
const WORDING_BEFORE = /(预算|资金|拨款|经费|支出|收入|基金|财政|决算)$/;

/**
 * The profile's table a title names (the longest match wins), if any. Several title lines (a
 * department's "…年度部门决算表" above the table's own "收入支出决算总表") are tried each.
 */
export function matchTitle(p: LayoutProfile, title: string | readonly string[]): TitleMatch | undefined {
  if (typeof title !== 'string') {
    let best: TitleMatch | undefined;
    for (const line of title) {
      const m = matchTitle(p, line);
      if (m && (!best || m.length > best.length)) best = m;
    }
    return best;
  }
  const t = titleKey(title);
  let best: TitleMatch | undefined;
  for (const c of tablesOf(p)) {
    for (const re of c.patterns) {
      const m = re.exec(t);
      if (!m || WORDING_BEFORE.test(t.slice(0, m.index))) continue;
      if (!best || m[0].length > best.length) best = { table: c.table, length: m[0].length };
    }
  }
  return best;
}

export function tableByRole(p: LayoutProfile, role: TableKind): LayoutTable | undefined {
  return p.tables.find((t) => t.role === role);
}

export function tableById(p: LayoutProfile, id: string): LayoutTable | undefined {
  return p.tables.find((t) => t.id === id);
}

/**
 * The profile most of the titles belong to: the most titles matched, then the longest matches
 * in all, then the earlier profile. Undefined when no title matches any profile.
 */
export function detectLayout(titles: ReadonlyArray<string | readonly string[]>, profiles: readonly LayoutProfile[]): LayoutProfile | undefined {
  let best: { p: LayoutProfile; count: number; length: number } | undefined;
  for (const p of profiles) {
    let count = 0;
    let length = 0;
    const roles = new Set<string>();
    for (const title of titles) {
      const m = matchTitle(p, title);
      if (!m || roles.has(m.table.role)) continue;
      roles.add(m.table.role);
      count++;
      length += m.length;
    }
    if (count === 0) continue;
    if (!best || count > best.count || (count === best.count && length > best.length)) best = { p, count, length };
  }
  return best?.p;
}

export function findLayout(id: string, profiles: readonly LayoutProfile[]): LayoutProfile | undefined {
  return profiles.find((p) => p.id === id);
}
