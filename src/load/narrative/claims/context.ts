// What every claim reader is given: the file, the joined prose with its source positions, its
// numbers, its sections, and the amounts read so far; and the small text helpers they share.
import type { AmountClaim, Fig } from '../model.js';
import type { Mapped } from '../text.js';
import type { Tok } from '../tokens.js';
import { CLAUSE_REACH, isClauseDelimiter, isSentenceEnd, Marks } from '../marks.js';

export interface ClaimContext {
  file: string;
  m: Mapped;
  text: string;
  /** every number of the prose stream */
  toks: Tok[];
  /** the numbers outside the project descriptions (projects are read on their own) */
  prose: Tok[];
  tokAt: Map<number, Tok>;
  sec: Sections;
  inProject(pos: number): boolean;
  /** the money amounts of the prose, levels and changes, in text order (read first, by amounts.ts) */
  amounts: AmountClaim[];
  byStart: Map<number, AmountClaim>;
}

/** How far a sentence is read around a figure. A longer stretch without a 。 or a line break is a
 *  list or a table flattened into prose, whose far end says nothing about the figure; and reading
 *  it whole for each of its figures would cost its square. */
export const SENTENCE_REACH = 600;

const isOpen = (c: number) => c === 40; // (
const isClose = (c: number) => c === 41; // )

/** Text from the previous clause delimiter (at most CLAUSE_REACH back) up to `pos`, with closed parentheticals kept. */
export function clauseBefore(text: string, pos: number, floor = 0): string {
  const lo = Math.max(floor, pos - CLAUSE_REACH);
  let i = pos - 1;
  let depth = 0;
  while (i >= lo) {
    const c = text.charCodeAt(i);
    if (isClose(c)) depth++;
    else if (isOpen(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && isClauseDelimiter(c)) break;
    i--;
  }
  return text.slice(i + 1, pos);
}

// The sentence ends of the text being read, found once: the claim readers ask for the sentence of
// every figure. One text at a time is read, so one is kept.
let endsOf: { text: string; ends: Marks } | undefined;

function sentenceEnds(text: string): Marks {
  if (endsOf?.text !== text) endsOf = { text, ends: new Marks(text, isSentenceEnd) };
  return endsOf.ends;
}

/** Where the sentence of pos starts (not before floor, nor more than SENTENCE_REACH back). */
export function sentenceStart(text: string, pos: number, floor = 0): number {
  const lo = Math.max(floor, pos - SENTENCE_REACH);
  const e = sentenceEnds(text).last(pos, lo);
  return e < 0 ? Math.max(lo, 0) : e + 1;
}

/** Where the sentence of pos ends: at a “。” outside brackets (“…400.00 万元。）” goes on), or a line break (at most SENTENCE_REACH on). */
export function sentenceEnd(text: string, pos: number, ceil = text.length): number {
  const hi = Math.min(ceil, pos + SENTENCE_REACH);
  let i = pos;
  let depth = 0;
  while (i < hi) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (isOpen(c)) depth++;
    else if (isClose(c) && depth > 0) depth--;
    else if (c === 0x3002 && depth === 0) break;
    i++;
  }
  return i;
}

/** Whether the stream offset starts a source line. */
export function opensLine(m: Mapped, pos: number): boolean {
  return pos === 0 || m.eol[pos - 1] === 1 || m.text.charCodeAt(pos - 1) === 10;
}

export interface Sections {
  /** L1 section index of an offset */
  l1(pos: number): number;
  /** where the innermost section enclosing pos ends */
  blockEnd(pos: number): number;
  /** the section is about 财政拨款 / 一般公共预算 only */
  fiscal(pos: number): boolean;
  /** the innermost heading at or before pos: its offset and level (undefined before the first) */
  heading(pos: number): { offset: number; level: number } | undefined;
  /** the index (in the text's headings) of that heading, -1 before the first */
  headingIndex(pos: number): number;
}

export function sections(m: Mapped): Sections {
  const hs = m.headings;
  // per 部分/一、 heading, in stream order: its offset and whether its title is about 财政拨款
  const l1: Array<{ offset: number; fiscal: boolean }> = [];
  for (const h of hs) {
    if (h.level > 1) continue;
    const title = m.text.slice(h.offset, h.offset + 80).split(/说明|\n/)[0]!;
    l1.push({ offset: h.offset, fiscal: /财政拨款|一般公共预算|三公/.test(title) });
  }
  // headings are in stream order: each lookup is a binary search, and where a section ends is
  // found once per heading (the next heading at its level or above)
  const l1Offsets = l1.map((h) => h.offset);
  const hsOffsets = hs.map((h) => h.offset);
  /** how many of the offsets stand at or before pos */
  const upTo = (offsets: readonly number[], pos: number): number => lowerBound(offsets, pos + 1, (o) => o);
  const ends = new Int32Array(hs.length).fill(m.text.length);
  const open: number[] = [];
  for (let i = 0; i < hs.length; i++) {
    while (open.length > 0 && hs[open[open.length - 1]!]!.level >= hs[i]!.level) ends[open.pop()!] = hs[i]!.offset;
    open.push(i);
  }
  return {
    l1: (pos) => upTo(l1Offsets, pos),
    blockEnd(pos) {
      const k = upTo(hsOffsets, pos) - 1;
      return k < 0 ? m.text.length : ends[k]!;
    },
    fiscal(pos) {
      // the title of the last such heading at or before pos ('' before the first: not fiscal)
      const k = upTo(l1Offsets, pos) - 1;
      return k >= 0 && l1[k]!.fiscal;
    },
    heading(pos) {
      const k = upTo(hsOffsets, pos) - 1;
      return k >= 0 ? hs[k] : undefined;
    },
    headingIndex: (pos) => upTo(hsOffsets, pos) - 1,
  };
}

/** The first index of a sorted list whose start is at or after pos. */
function lowerBound<T>(list: readonly T[], pos: number, start: (x: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start(list[mid]!) < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The amounts that start in [from, to), in text order (the amounts are read in text order). */
export function amountsIn(ctx: ClaimContext, from: number, to: number): AmountClaim[] {
  const out: AmountClaim[] = [];
  for (let i = lowerBound(ctx.amounts, from, (a) => a.fig.start); i < ctx.amounts.length && ctx.amounts[i]!.fig.start < to; i++) out.push(ctx.amounts[i]!);
  return out;
}

/**
 * The last item of `list` (in text order) that starts before pos and passes `ok`, looking back no
 * further than `stop` allows: one binary search, then a walk back over the items that fail.
 */
export function lastBefore(list: readonly AmountClaim[], pos: number, ok: (a: AmountClaim) => boolean, stop: (a: AmountClaim) => boolean = () => false): AmountClaim | undefined {
  for (let i = lowerBound(list, pos, (a) => a.fig.start) - 1; i >= 0; i--) {
    const a = list[i]!;
    if (stop(a)) return undefined;
    if (ok(a)) return a;
  }
  return undefined;
}

/** The prose numbers that start in [from, to), in text order. */
export function tokensIn(ctx: ClaimContext, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  for (let i = lowerBound(ctx.prose, from, (t) => t.start); i < ctx.prose.length && ctx.prose[i]!.start < to; i++) out.push(ctx.prose[i]!);
  return out;
}

export function strip(t: Tok): Fig {
  return { raw: t.raw, value: t.value, decimals: t.decimals, unit: t.unit, per: t.per, loc: t.loc, start: t.start, end: t.end };
}

/** The offsets where the top-level clauses of [from, to) end: at a delimiter outside brackets and quotes. */
export function clauseEnds(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 0x201c) depth++;
    else if ((c === 41 || c === 0x201d) && depth > 0) depth--;
    else if (depth === 0 && isClauseDelimiter(c)) out.push(i);
  }
  return out;
}
