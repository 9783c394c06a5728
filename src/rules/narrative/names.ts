// Project names as printed in three places (说明, 绩效目标表, 表七) compare after normalising.
import type { Narrative, PerformanceTable, Project } from '../../load/narrative/model.js';
import { normalizeLine } from '../../load/narrative/text.js';

// The same few hundred names (projects, 表七 rows, classifications) are compared again and again
// by several rules; bounded so that a long batch run does not grow it without end.
const normalized = new Map<string, string>();
const CACHE_MAX = 4096;

export function normName(s: string): string {
  let k = normalized.get(s);
  if (k === undefined) {
    k = normalizeLine(s).replace(/[\s“”"'《》]/g, '');
    if (normalized.size >= CACHE_MAX) normalized.clear();
    normalized.set(s, k);
  }
  return k;
}

export function projectFor(n: Narrative, name: string): Project | undefined {
  const k = normName(name);
  return n.projects.find((p) => normName(p.name) === k) ?? n.projects.find((p) => k.length >= 4 && (normName(p.name).includes(k) || k.includes(normName(p.name))));
}

export function performanceFor(n: Narrative, name: string): PerformanceTable | undefined {
  const k = normName(name);
  return n.performance.find((t) => normName(t.name) === k);
}
