// A breakdown item as an interval in 万元: exact when an agreeing computation gives it.
import { exact, scale, sum, type Interval } from '../../core/decimal.js';
import type { BreakdownItem, Project } from '../../load/narrative/model.js';
import { wan } from '../../load/narrative/tokens.js';
import { stated, type Stated } from './shared.js';

export function itemInterval(i: BreakdownItem): Interval {
  if (i.exactWan) return exact(i.exactWan);
  if (i.derivedFrom && i.derivedFrom.length === 2) {
    const [count, rate] = i.derivedFrom as [BreakdownItem['fig'], BreakdownItem['fig']];
    return scale(wan(rate), count.value);
  }
  return wan(i.fig);
}

export function itemStated(i: BreakdownItem): Stated {
  const s = stated(i.fig, i.label || i.fig.raw);
  return { ...s, interval: itemInterval(i) };
}

export function itemsSum(items: BreakdownItem[]): Interval {
  return sum(items.map(itemInterval));
}

export function projectScale(p: Project): Stated | undefined {
  return p.scale ? stated(p.scale, { zh: `${p.name} 预算安排规模`, en: `${p.name}: budget` }) : undefined;
}
