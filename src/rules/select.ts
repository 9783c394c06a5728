// Which rules run: `--rule` / `only` (only these) and `--disable` / `disable` (not these), by id or
// by a glob such as `narrative-*`. An id or pattern that names no rule is a mistake worth stopping
// for, and the message offers the ids it most resembles.
import type { RuleLevels } from './engine.js';

export class SelectionError extends Error {
  constructor(
    readonly pattern: string,
    readonly closest: string[],
  ) {
    super(`no rule matches "${pattern}"${closest.length ? `; did you mean ${closest.join(', ')}?` : ''} (see: budgetlint rules)`);
  }
}

/** `*` any run of characters, `?` one; everything else literal. */
function globToRegExp(glob: string): RegExp {
  let src = '';
  for (const ch of glob) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += ch.replace(/[\\^$.+()[\]{}|]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}

export function matchRules(pattern: string, ids: readonly string[]): string[] {
  if (!/[*?]/.test(pattern)) return ids.includes(pattern) ? [pattern] : [];
  const re = globToRegExp(pattern);
  return ids.filter((id) => re.test(id));
}

/** Edit distance, bounded: ids are short, and one row is kept. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The ids nearest to a mistyped one: containing it, or within a third of its length in edits. */
export function closestIds(wanted: string, ids: readonly string[], max = 3): string[] {
  const w = wanted.replace(/[*?]/g, '');
  if (w.length > 200 || w.length === 0) return [];
  // a pattern such as narative-* is compared with as much of each id as it spells out
  const glob = w !== wanted;
  const scored = ids
    .map((id) => ({ id, d: id.includes(w) || (w.length >= 4 && w.includes(id)) ? 0 : distance(w, glob ? id.slice(0, w.length) : id) }))
    .filter((s) => s.d <= Math.max(2, Math.ceil(w.length / 3)));
  scored.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
  return scored.slice(0, max).map((s) => s.id);
}

export interface Selection {
  only?: readonly string[];
  disable?: readonly string[];
}

/**
 * The levels a selection implies: every rule outside `only`, and every rule `disable` names, off.
 * Levels already set (from configuration) are kept for the rules that stay on.
 */
export function selectionLevels(sel: Selection, ids: readonly string[], levels: RuleLevels = {}): RuleLevels {
  const out: RuleLevels = { ...levels };
  const resolve = (patterns: readonly string[]): Set<string> => {
    const hit = new Set<string>();
    for (const p of patterns) {
      const m = matchRules(p, ids);
      if (m.length === 0) throw new SelectionError(p, closestIds(p, ids));
      for (const id of m) hit.add(id);
    }
    return hit;
  };
  if (sel.only?.length) {
    const keep = resolve(sel.only);
    for (const id of ids) if (!keep.has(id)) out[id] = 'off';
  }
  if (sel.disable?.length) for (const id of resolve(sel.disable)) out[id] = 'off';
  return out;
}
