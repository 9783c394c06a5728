// Project names as printed in three places (说明, 绩效目标表, 表七) compare after normalising.
import type { Narrative, PerformanceTable, Project } from '../../load/narrative/model.js';
import { normalizeChar } from '../../load/narrative/text.js';

export function normName(s: string): string {
  return Array.from(s, normalizeChar).join('').replace(/[\s“”"'《》]/g, '');
}

export function projectFor(n: Narrative, name: string): Project | undefined {
  const k = normName(name);
  return n.projects.find((p) => normName(p.name) === k) ?? n.projects.find((p) => k.length >= 4 && (normName(p.name).includes(k) || k.includes(normName(p.name))));
}

export function performanceFor(n: Narrative, name: string): PerformanceTable | undefined {
  const k = normName(name);
  return n.performance.find((t) => normName(t.name) === k);
}
