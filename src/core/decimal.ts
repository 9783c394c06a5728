// The one place where numbers are made, combined and judged. Money never becomes a JS number:
// every figure is a decimal.js value, and every published figure carries the interval that
// its rounding stands for (XBRL Calculations 1.1, "interval arithmetic" mode).
import { Decimal as DecimalBase } from 'decimal.js';
import type { Severity } from './vocabulary.js';

export const Decimal = DecimalBase.clone({
  precision: 60,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 60,
});
export type Dec = DecimalBase;

export const ZERO: Dec = new Decimal(0);
export const ONE: Dec = new Decimal(1);
export const HUNDRED: Dec = new Decimal(100);

export function dec(v: string | number | bigint | Dec): Dec {
  return new Decimal(v);
}

/** A value together with the range of exact values it may stand for. */
export interface Interval {
  readonly value: Dec;
  readonly lo: Dec;
  readonly hi: Dec;
}

export function exact(v: Dec): Interval {
  return { value: v, lo: v, hi: v };
}

const HALF_ULPS: Dec[] = [];

/** Half of one unit in the last displayed place: 2 decimals → 0.005. */
export function halfUlp(decimals: number): Dec {
  // cached: pow() at 60 digits is costly and every cell asks for one of a handful of values
  return (HALF_ULPS[decimals] ??= new Decimal(`5e-${decimals + 1}`));
}

/** A published figure shown with `decimals` places stands for value ± ½·10⁻ᵈ. */
export function displayed(value: Dec, decimals: number): Interval {
  const h = halfUlp(decimals);
  return { value, lo: value.minus(h), hi: value.plus(h) };
}

export function add(a: Interval, b: Interval): Interval {
  return { value: a.value.plus(b.value), lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) };
}

export function sub(a: Interval, b: Interval): Interval {
  return { value: a.value.minus(b.value), lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) };
}

export function neg(a: Interval): Interval {
  return { value: a.value.neg(), lo: a.hi.neg(), hi: a.lo.neg() };
}

/** The interval of a blank cell; sums skip it without arithmetic. */
export const NOTHING: Interval = exact(ZERO);

export function sum(items: readonly Interval[]): Interval {
  let acc = NOTHING;
  for (const it of items) if (it !== NOTHING) acc = acc === NOTHING ? it : add(acc, it);
  return acc;
}

function bounds(products: Dec[]): { lo: Dec; hi: Dec } {
  let lo = products[0]!;
  let hi = products[0]!;
  for (const p of products) {
    if (p.lt(lo)) lo = p;
    if (p.gt(hi)) hi = p;
  }
  return { lo, hi };
}

export function mul(a: Interval, b: Interval): Interval {
  const { lo, hi } = bounds([a.lo.times(b.lo), a.lo.times(b.hi), a.hi.times(b.lo), a.hi.times(b.hi)]);
  return { value: a.value.times(b.value), lo, hi };
}

/** Division; undefined when the divisor's interval touches zero (no bound can be given). */
export function div(a: Interval, b: Interval): Interval | undefined {
  if (b.value.isZero() || (b.lo.lte(0) && b.hi.gte(0))) return undefined;
  const { lo, hi } = bounds([a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)]);
  return { value: a.value.div(b.value), lo, hi };
}

export function scale(a: Interval, k: Dec): Interval {
  if (k.eq(1)) return a;
  return k.gte(0)
    ? { value: a.value.times(k), lo: a.lo.times(k), hi: a.hi.times(k) }
    : { value: a.value.times(k), lo: a.hi.times(k), hi: a.lo.times(k) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo.lte(b.hi) && b.lo.lte(a.hi);
}

export type { Severity };

export interface JudgeOptions {
  /** Every nonzero difference is an error. */
  strict: boolean;
  /** Differences up to this magnitude (in the compared unit) are accepted. */
  absTolerance?: Dec;
  /** Differences up to this share of the stated figure are accepted (e.g. 0.005 for "约"). */
  relTolerance?: Dec;
}

export interface Verdict {
  severity: Severity;
  /** stated − recomputed */
  difference: Dec;
  /** true when some rounding of the displayed inputs could give the stated figure (尾差) */
  roundingExplains: boolean;
}

function withinTolerance(diff: Dec, stated: Dec, opts: JudgeOptions): boolean {
  const d = diff.abs();
  if (opts.absTolerance && d.lte(opts.absTolerance)) return true;
  if (opts.relTolerance && d.lte(stated.abs().times(opts.relTolerance))) return true;
  return false;
}

/**
 * Judges "stated = computed". No finding when the recomputed value rounds to the stated
 * figure (it lies within the stated figure's own interval); a warning when the intervals
 * overlap, so that rounding of the inputs explains the gap (尾差); an error otherwise.
 */
export function judgeEqual(stated: Interval, computed: Interval, opts: JudgeOptions): Verdict | null {
  const difference = stated.value.minus(computed.value);
  if (computed.value.gte(stated.lo) && computed.value.lte(stated.hi)) return null;
  if (withinTolerance(difference, stated.value, opts)) return null;
  const roundingExplains = overlaps(stated, computed);
  const severity: Severity = opts.strict || !roundingExplains ? 'error' : 'warning';
  return { severity, difference, roundingExplains };
}

/** Judges "part ≤ bound"; the difference reported is part − bound (the excess). */
export function judgeAtMost(part: Interval, bound: Interval, opts: JudgeOptions): Verdict | null {
  // as for "=": no finding when the bound lies within what the printed part may stand for
  if (part.value.lte(bound.value) || part.lo.lte(bound.value)) return null;
  const difference = part.value.minus(bound.value);
  if (withinTolerance(difference, bound.value, opts)) return null;
  const roundingExplains = part.lo.lte(bound.hi);
  const severity: Severity = opts.strict || !roundingExplains ? 'error' : 'warning';
  return { severity, difference, roundingExplains };
}

const FULLWIDTH = /[０-９．，－（）＋％]/g;
const FULLWIDTH_MAP: Record<string, string> = { '．': '.', '，': ',', '－': '-', '（': '(', '）': ')', '＋': '+', '％': '%' };

/** Full-width digits and punctuation to ASCII. */
export function toHalfWidth(s: string): string {
  return s.replace(FULLWIDTH, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return FULLWIDTH_MAP[c] ?? c;
  });
}

export interface ParsedNumber {
  value: Dec;
  /** places after the decimal point as displayed */
  decimals: number;
}

export type ParseResult = { kind: 'blank' } | { kind: 'number'; n: ParsedNumber } | { kind: 'junk'; text: string };

const BLANK_MARKS = new Set(['', '-', '—', '–', '－', '——', '/', '—-', '--']);
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$|^[+-]?\.(\d+)$/;

const PLAIN_NUMBER = /^\d+(?:\.(\d+))?$/;
const ANY_DIGIT = /[0-9０-９]/;
const ANY_SPACE = /[\s\u00a0\u3000]/;

/**
 * Parses a published amount cell: thousands separators, full-width forms, a trailing unit
 * or %, "(12.34)" and "−12.34" as negatives. "-", "—" and empty are no amount.
 */
export function parseNumber(raw: string): ParseResult {
  // most cells are plain ASCII figures: the same result without the rewriting below
  const plain = PLAIN_NUMBER.exec(raw);
  if (plain) return { kind: 'number', n: { value: new Decimal(raw), decimals: plain[1]?.length ?? 0 } };
  // no digit, no amount: a blank mark (at most two characters once spaces go) or text
  if (!ANY_DIGIT.test(raw)) {
    const short = raw.length <= 2 || ANY_SPACE.test(raw);
    return short && BLANK_MARKS.has(toHalfWidth(raw).replace(/[\s\u00a0\u3000]+/g, '')) ? { kind: 'blank' } : { kind: 'junk', text: raw };
  }
  let s = toHalfWidth(raw).replace(/[\s\u00a0\u3000]+/g, '');
  if (BLANK_MARKS.has(s)) return { kind: 'blank' };
  s = s.replace(/(万元|千元|元|%)$/, '');
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1]!;
  }
  s = s.replace(/^[−‒–]/, '-');
  const m = NUMBER.exec(s);
  if (!m) return { kind: 'junk', text: raw };
  const frac = m[1] ?? m[2] ?? '';
  let value = new Decimal(s.replace(/,/g, ''));
  if (negative) value = value.neg();
  return { kind: 'number', n: { value, decimals: frac.length } };
}

/** Renders a value with at least `minDecimals` places, trimming what exact division leaves. */
export function formatDec(v: Dec, minDecimals = 0, maxDecimals = 10): string {
  const places = Math.min(Math.max(v.decimalPlaces(), minDecimals), maxDecimals);
  const s = v.toFixed(places);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}
