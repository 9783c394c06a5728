// What every claim reader is given: the file, the joined prose with its source positions, its
// numbers, its sections, and the amounts read so far; and the small text helpers they share.
import type { AmountClaim, Fig } from '../model.js';
import type { Mapped } from '../text.js';
import type { Tok } from '../tokens.js';

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

const DELIM = /[，,；;：:。、\n]/;
const SENTENCE_END = /[。\n]/;

/** Text from the previous clause delimiter up to `pos`, with closed parentheticals kept. */
export function clauseBefore(text: string, pos: number, floor = 0): string {
  let i = pos - 1;
  let depth = 0;
  while (i >= floor) {
    const c = text[i]!;
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && DELIM.test(c)) break;
    i--;
  }
  return text.slice(i + 1, pos);
}

export function sentenceStart(text: string, pos: number, floor = 0): number {
  let i = pos - 1;
  while (i >= floor && !SENTENCE_END.test(text[i]!)) i--;
  return i + 1;
}

/** Where the sentence of pos ends: at a “。” outside brackets (“…400.00 万元。）” goes on), or a line break. */
export function sentenceEnd(text: string, pos: number, ceil = text.length): number {
  let i = pos;
  let depth = 0;
  while (i < ceil) {
    const c = text[i]!;
    if (c === '\n') break;
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '。' && depth === 0) break;
    i++;
  }
  return i;
}

/** The start of the source line the stream offset stands on. */
export function lineStart(m: Mapped, pos: number): number {
  let i = pos;
  while (i > 0 && m.eol[i - 1] !== 1 && m.text[i - 1] !== '\n') i--;
  return i;
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
  /** how many of those headings stand at or before pos */
  const upTo = (pos: number): number => {
    let n = 0;
    for (const h of l1) if (h.offset <= pos) n++;
    return n;
  };
  return {
    l1: upTo,
    blockEnd(pos) {
      let level = 0;
      for (const h of hs) if (h.offset <= pos) level = h.level;
      for (const h of hs) if (h.offset > pos && h.level <= level) return h.offset;
      return m.text.length;
    },
    fiscal(pos) {
      // the title of the last such heading at or before pos ('' before the first: not fiscal)
      let last: { fiscal: boolean } | undefined;
      for (const h of l1) if (h.offset <= pos) last = h;
      return last?.fiscal ?? false;
    },
    heading(pos) {
      let last: { offset: number; level: number } | undefined;
      for (const h of hs) if (h.offset <= pos) last = h;
      return last;
    },
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
    const c = text[i]!;
    if (c === '(' || c === '“') depth++;
    else if ((c === ')' || c === '”') && depth > 0) depth--;
    else if (depth === 0 && DELIM.test(c)) out.push(i);
  }
  return out;
}
