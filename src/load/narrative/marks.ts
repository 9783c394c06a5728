// Lookups the claim readers make at every figure (the clause or sentence around it, the section it
// stands in, the claims before it), answered by binary search over positions found once, so that
// a pass over a text stays linear however its figures, clauses and headings are arranged.

/** Positions of the characters a predicate picks, in order: the nearest before or after a position. */
export class Marks {
  private readonly at: Int32Array;

  constructor(text: string, pick: (code: number, i: number) => boolean) {
    // one pass, into a buffer that doubles (a text is asked of once per character, not twice)
    let at = new Int32Array(64);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      if (!pick(text.charCodeAt(i), i)) continue;
      if (n === at.length) {
        const more = new Int32Array(n * 2);
        more.set(at);
        at = more;
      }
      at[n++] = i;
    }
    this.at = at.subarray(0, n);
  }

  /** The last position in [floor, pos), or -1. */
  last(pos: number, floor = 0): number {
    const i = lowerBound(this.at.length, (k) => this.at[k]! < pos) - 1;
    return i >= 0 && this.at[i]! >= floor ? this.at[i]! : -1;
  }

  /** The first position in [pos, ceil), or -1. */
  first(pos: number, ceil = Infinity): number {
    const i = lowerBound(this.at.length, (k) => this.at[k]! < pos);
    return i < this.at.length && this.at[i]! < ceil ? this.at[i]! : -1;
  }
}

/** The number of leading indices in [0, n) for which `before` holds (it holds for a prefix). */
export function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item whose position is at or after `pos`, in items sorted by position. */
export function firstAt<T>(items: readonly T[], pos: number, at: (t: T) => number): number {
  return lowerBound(items.length, (i) => at(items[i]!) < pos);
}

/** The items whose position lies in [from, to), in items sorted by position. */
export function within<T>(items: readonly T[], from: number, to: number, at: (t: T) => number): T[] {
  if (to <= from) return [];
  return items.slice(firstAt(items, from, at), firstAt(items, to, at));
}

/** ，,；;：:。、 and line breaks end a clause. */
export function isClauseDelimiter(c: number): boolean {
  return c === 0xff0c || c === 44 || c === 0xff1b || c === 59 || c === 0xff1a || c === 58 || c === 0x3002 || c === 0x3001 || c === 10;
}

/** 。 and line breaks end a sentence. */
export function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 10;
}

/** "(…)" removed, as /\([^)]*\)/g would remove it, in one pass. */
export function dropParentheticals(s: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = s.indexOf('(', i);
    if (open < 0) break;
    const close = s.indexOf(')', open + 1);
    if (close < 0) break; // no ")" after this "(", so none after any later one either
    out += s.slice(i, open);
    i = close + 1;
  }
  return i === 0 ? s : out + s.slice(i);
}

/** How far back a clause is read for a figure's label: a longer run without a delimiter is no
 *  label, and reading it whole for every figure of a long line would cost its square. */
export const CLAUSE_REACH = 200;
