// Pairs each disclosure of a batch with last year's: --previous for a single one, the naming
// convention (`<unit>/2018`, `<unit>/2019`; `court-2018.pdf`, `court-2019.pdf`) with --series or the
// configuration's `series`, and the configuration's `previous` map of paths. Only consecutive
// years are paired: a text's 上年 is the year before, not the last one on file.
import { resolve } from 'node:path';
import type { DisclosureTarget, SingleTarget } from '../load/disclosure.js';
import { targetPath } from '../load/disclosure.js';

export interface Pairing {
  /** --previous: last year's disclosure of the one disclosure given */
  previous?: string;
  /** pair the years of each unit by their names */
  series?: boolean;
  /** this year's path → last year's, both absolute (the configuration's `previous`) */
  map?: Readonly<Record<string, string>>;
}

/** Said when --previous cannot pair what was given (exit 2). */
export class PairingError extends Error {}

// a year standing alone in a name: not part of a longer run of digits (a code, a date)
const YEAR = /(?<!\d)((?:19|20)\d\d)(?!\d)/g;

/** The unit a path is of and its year: the last year in the path, replaced by a mark. */
export function seriesKey(path: string): { unit: string; year: number } | undefined {
  const norm = path.replace(/\\/g, '/').replace(/\/+$/, '');
  let last: RegExpExecArray | undefined;
  for (const m of norm.matchAll(YEAR)) last = m as RegExpExecArray;
  if (!last) return undefined;
  return { unit: norm.slice(0, last.index) + '{year}' + norm.slice(last.index + last[0].length), year: Number(last[1]) };
}

function single(t: DisclosureTarget): SingleTarget {
  return typeof t !== 'string' && 'current' in t ? t.current : t;
}

/** The targets with each paired to last year's where the pairing says so. */
export function pairTargets(targets: readonly DisclosureTarget[], pairing: Pairing | undefined, cwd = process.cwd()): DisclosureTarget[] {
  if (!pairing || (!pairing.previous && !pairing.series && !pairing.map)) return [...targets];
  if (pairing.previous !== undefined) {
    if (targets.length !== 1) {
      throw new PairingError(
        `--previous pairs one disclosure with last year's, but the arguments name ${targets.length}; use --series <dir> (years named <unit>/2018, <unit>/2019) or the configuration's "previous"`,
      );
    }
    return [{ current: single(targets[0]!), previous: pairing.previous }];
  }
  const byUnit = new Map<string, Map<number, SingleTarget>>();
  if (pairing.series) {
    for (const t of targets) {
      const k = seriesKey(targetPath(t));
      if (!k) continue;
      let years = byUnit.get(k.unit);
      if (!years) byUnit.set(k.unit, (years = new Map()));
      // two disclosures of one unit and year: which is last year's is not clear, so neither is used
      years.set(k.year, years.has(k.year) ? '' : single(t));
    }
  }
  return targets.map((t) => {
    const path = targetPath(t);
    const mapped = pairing.map?.[resolve(cwd, path)];
    if (mapped) return { current: single(t), previous: mapped };
    if (!pairing.series) return t;
    const k = seriesKey(path);
    const prev = k ? byUnit.get(k.unit)?.get(k.year - 1) : undefined;
    return prev ? { current: single(t), previous: prev } : t;
  });
}
