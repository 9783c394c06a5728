// The one place where numbers are made, combined and judged. Money never becomes an inexact JS
// number: every figure is a decimal.js value, and every published figure carries the interval
// that its rounding stands for (XBRL Calculations 1.1, "interval arithmetic" mode).
//
// Published figures are fixed-point, so most of that work needs no decimal arithmetic: a figure
// of at most 15 digits is also held as a safe integer at a known scale (value = units·10⁻ᵉ), and
// sums, differences and comparisons of such intervals are integer operations. Each is proved
// exact as it is made: a sum or product of safe integers whose true value passes 2⁵³ − 1 rounds
// to at least 2⁵³ (rounding is monotone and 2⁵³ is a double), so Number.isSafeInteger of the
// result says whether it is exact; when it is not, the operation is done in decimal.js instead.
// The decimal value of a scaled interval is made only when something asks for it (a finding's
// figures, division, rounding), and equals the one decimal.js arithmetic would have given.
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

/** A decimal from an integer at a scale: u·10⁻ᵉ. */
function fromScaled(u: number, e: number): Dec {
  return new Decimal(e === 0 ? String(u) : `${u}e-${e}`);
}

/**
 * An interval whose value and bounds are safe integers at scale `e`: value = v·10⁻ᵉ, lo = l·10⁻ᵉ,
 * hi = h·10⁻ᵉ. Never holds a negative zero (decimal.js keeps the sign of zero; only negation would
 * make one, and negation of a zero leaves this form), so its decimals are those decimal.js gives.
 */
class Scaled implements Interval {
  private dv: Dec | undefined;
  private dl: Dec | undefined;
  private dh: Dec | undefined;
  constructor(
    readonly v: number,
    readonly l: number,
    readonly h: number,
    readonly e: number,
  ) {}

  get value(): Dec {
    return (this.dv ??= fromScaled(this.v, this.e));
  }
  get lo(): Dec {
    return (this.dl ??= this.l === this.v ? this.value : fromScaled(this.l, this.e));
  }
  get hi(): Dec {
    return (this.dh ??= this.h === this.v ? this.value : fromScaled(this.h, this.e));
  }
}

/** 10ᵏ for the k a scale difference may take; all exact doubles up to 10²². */
const POW10: number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** `a` at the larger scale `e`, or undefined when a bound would pass the safe integers. */
function rescale(a: Scaled, e: number): Scaled | undefined {
  if (a.e === e) return a;
  const f = POW10[e - a.e];
  if (f === undefined) return undefined;
  const v = a.v * f;
  const l = a.l * f;
  const h = a.h * f;
  return Number.isSafeInteger(l) && Number.isSafeInteger(h) && Number.isSafeInteger(v) ? new Scaled(v, l, h, e) : undefined;
}

/** Two scaled figures on one scale (the finer of theirs), or undefined when that is not exact. */
function aligned(a: Scaled, b: Scaled): [Scaled, Scaled] | undefined {
  if (a.e === b.e) return [a, b];
  const e = Math.max(a.e, b.e);
  const x = rescale(a, e);
  const y = x && rescale(b, e);
  return x && y ? [x, y] : undefined;
}

/** A sum or difference as a Scaled when every bound is still a safe integer. */
function safe(v: number, l: number, h: number, e: number): Scaled | undefined {
  return Number.isSafeInteger(l) && Number.isSafeInteger(h) && Number.isSafeInteger(v) ? new Scaled(v, l, h, e) : undefined;
}

function scaledAdd(a: Scaled, b: Scaled): Scaled | undefined {
  const xy = aligned(a, b);
  if (!xy) return undefined;
  const [x, y] = xy;
  return safe(x.v + y.v, x.l + y.l, x.h + y.h, x.e);
}

function scaledSub(a: Scaled, b: Scaled): Scaled | undefined {
  const xy = aligned(a, b);
  if (!xy) return undefined;
  const [x, y] = xy;
  return safe(x.v - y.v, x.l - y.h, x.h - y.l, x.e);
}

/** −1, 0 or 1 as a·10⁻ᵃᵉ compares with b·10⁻ᵇᵉ; undefined when they cannot be put on one scale exactly. */
function cmpScaled(a: number, ae: number, b: number, be: number): number | undefined {
  if (ae !== be) {
    const f = POW10[Math.abs(ae - be)];
    if (f === undefined) return undefined;
    if (ae < be) a *= f;
    else b *= f;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return undefined;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Decimal arithmetic only (the reference the scaled integers are tested against); for tests. */
let referenceOnly = false;

/** With `on`, numbers are read without their scaled integers, so every operation is done by decimal.js. */
export function useReferenceArithmetic(on: boolean): void {
  referenceOnly = on;
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
  if (a instanceof Scaled && b instanceof Scaled) {
    const r = scaledAdd(a, b);
    if (r) return r;
  }
  return { value: a.value.plus(b.value), lo: a.lo.plus(b.lo), hi: a.hi.plus(b.hi) };
}

export function sub(a: Interval, b: Interval): Interval {
  if (a instanceof Scaled && b instanceof Scaled) {
    const r = scaledSub(a, b);
    if (r) return r;
  }
  return { value: a.value.minus(b.value), lo: a.lo.minus(b.hi), hi: a.hi.minus(b.lo) };
}

export function neg(a: Interval): Interval {
  // decimal.js negates a zero to −0: such an interval leaves the scaled form
  if (a instanceof Scaled && a.v !== 0 && a.l !== 0 && a.h !== 0) return new Scaled(-a.v, -a.h, -a.l, a.e);
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
  if (b.lo.gt(0)) {
    // over a positive divisor x/y rises with x, and falls with y when x ≥ 0, rises when x < 0:
    // the least and greatest of the four corners are known without dividing the other two
    const lo = a.lo.div(a.lo.isNeg() ? b.lo : b.hi);
    const hi = a.hi.div(a.hi.isNeg() ? b.hi : b.lo);
    return { value: a.value.div(b.value), lo, hi };
  }
  const { lo, hi } = bounds([a.lo.div(b.lo), a.lo.div(b.hi), a.hi.div(b.lo), a.hi.div(b.hi)]);
  return { value: a.value.div(b.value), lo, hi };
}

/** k as 10ⁿ (n may be negative), for the units' factors; undefined for any other k. */
const POWERS_OF_TEN = new WeakMap<Dec, number | null>();

function powerOfTen(k: Dec): number | undefined {
  let n = POWERS_OF_TEN.get(k);
  if (n === undefined) {
    const m = /^1(0*)$|^0\.(0*)1$/.exec(k.toFixed());
    n = m ? (m[1] !== undefined ? m[1].length : -(m[2]!.length + 1)) : null;
    POWERS_OF_TEN.set(k, n);
  }
  return n ?? undefined;
}

export function scale(a: Interval, k: Dec): Interval {
  if (k.eq(1)) return a;
  if (a instanceof Scaled) {
    const n = powerOfTen(k);
    // ×10⁻ⁿ is a change of scale alone; ×10ⁿ multiplies, checked like any sum
    if (n !== undefined && n < 0) return new Scaled(a.v, a.l, a.h, a.e - n);
    if (n !== undefined && a.e >= n) return new Scaled(a.v, a.l, a.h, a.e - n);
  }
  return k.gte(0)
    ? { value: a.value.times(k), lo: a.lo.times(k), hi: a.hi.times(k) }
    : { value: a.value.times(k), lo: a.hi.times(k), hi: a.lo.times(k) };
}

/**
 * A sum with one of its parts changed: `total` less `old`, plus `next`, bound by bound (not the
 * interval difference, which would widen it). Exact, so it is the sum made again with `next`.
 */
export function replaceIn(total: Interval, old: Interval, next: Interval): Interval {
  if (total instanceof Scaled && old instanceof Scaled && next instanceof Scaled) {
    const e = Math.max(total.e, old.e, next.e);
    const t = rescale(total, e);
    const o = t && rescale(old, e);
    const n = o && rescale(next, e);
    if (t && o && n) {
      const v = t.v - o.v + n.v;
      const l = t.l - o.l + n.l;
      const h = t.h - o.h + n.h;
      // each step checked: the difference first, then the sum
      if ([t.v - o.v, t.l - o.l, t.h - o.h, v, l, h].every(Number.isSafeInteger)) return new Scaled(v, l, h, e);
    }
  }
  return { value: total.value.minus(old.value).plus(next.value), lo: total.lo.minus(old.lo).plus(next.lo), hi: total.hi.minus(old.hi).plus(next.hi) };
}

/** Whether the signed sum of the figures' values (each +1 unless `signs` says −1) is exactly `target`'s value. */
export function signedSumIs(figs: ReadonlyArray<{ interval: Interval }>, signs: ReadonlyArray<1 | -1> | undefined, target: Interval): boolean {
  if (target instanceof Scaled) {
    let e = target.e;
    let scaled = true;
    for (const f of figs) {
      const iv = f.interval;
      if (!(iv instanceof Scaled)) {
        scaled = iv === NOTHING; // a blank adds nothing
        if (!scaled) break;
      } else if (iv.e > e) e = iv.e;
    }
    if (scaled) {
      const at = (x: Scaled) => (x.e === e ? x.v : x.v * (POW10[e - x.e] ?? NaN));
      let total = 0;
      let exact = Number.isSafeInteger(at(target));
      for (let i = 0; i < figs.length; i++) {
        if (!exact) break;
        const iv = figs[i]!.interval;
        if (iv === NOTHING) continue;
        const v = at(iv as Scaled);
        total = (signs?.[i] ?? 1) === 1 ? total + v : total - v;
        exact = Number.isSafeInteger(v) && Number.isSafeInteger(total);
      }
      if (exact) return total === at(target);
    }
  }
  let total = ZERO;
  for (let i = 0; i < figs.length; i++) total = (signs?.[i] ?? 1) === 1 ? total.plus(figs[i]!.interval.value) : total.minus(figs[i]!.interval.value);
  return total.eq(target.value);
}

export function overlaps(a: Interval, b: Interval): boolean {
  if (a instanceof Scaled && b instanceof Scaled) {
    const x = cmpScaled(a.l, a.e, b.h, b.e);
    const y = cmpScaled(b.l, b.e, a.h, a.e);
    if (x !== undefined && y !== undefined) return x <= 0 && y <= 0;
  }
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
  // most relationships hold: that much is settled on the scaled integers
  if (stated instanceof Scaled && computed instanceof Scaled) {
    const lo = cmpScaled(computed.v, computed.e, stated.l, stated.e);
    const hi = cmpScaled(computed.v, computed.e, stated.h, stated.e);
    if (lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0) return null;
  }
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
  if (part instanceof Scaled && bound instanceof Scaled) {
    const v = cmpScaled(part.v, part.e, bound.v, bound.e);
    const l = cmpScaled(part.l, part.e, bound.v, bound.e);
    if (v !== undefined && l !== undefined && (v <= 0 || l <= 0)) return null;
  }
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

/**
 * A number as read from a cell. Its decimal value is made when first asked for; a figure of at
 * most 15 digits also carries them as `units`, the safe integer value·10^decimals, from which
 * its interval is made without decimal arithmetic.
 */
class Printed implements ParsedNumber {
  private dec: Dec | undefined;
  /** the interval last made for a unit factor, and that factor */
  interval: Interval | undefined;
  intervalBase: Dec | undefined;
  constructor(
    private readonly text: string,
    private readonly negative: boolean,
    readonly decimals: number,
    readonly units: number | undefined,
  ) {}

  get value(): Dec {
    if (!this.dec) {
      const v = new Decimal(this.text);
      this.dec = this.negative ? v.neg() : v;
    }
    return this.dec;
  }
}

/** The digits of `s` (from `from`, skipping "." and ","), as an integer when they are at most 15. */
function unitsOf(s: string, from: number): number | undefined {
  let u = 0;
  let digits = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 15) return undefined;
      u = u * 10 + (c - 48);
    } else if (c !== 46 && c !== 44) return undefined;
  }
  return u;
}

/** The interval a published figure stands for, in the compared unit (`toBase` × the printed unit). */
export function displayedIn(n: ParsedNumber, toBase: Dec): Interval {
  if (n instanceof Printed && n.units !== undefined) {
    if (n.intervalBase === toBase) return n.interval!;
    const v = n.units * 10;
    let iv: Interval = Number.isSafeInteger(v + 5) && Number.isSafeInteger(v - 5) ? new Scaled(v, v - 5, v + 5, n.decimals + 1) : displayed(n.value, n.decimals);
    iv = scale(iv, toBase);
    n.interval = iv;
    n.intervalBase = toBase;
    return iv;
  }
  return scale(displayed(n.value, n.decimals), toBase);
}

export type ParseResult = { kind: 'blank' } | { kind: 'number'; n: ParsedNumber } | { kind: 'junk'; text: string };

const BLANK_MARKS = new Set(['', '-', '—', '–', '－', '——', '/', '—-', '--']);
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$|^[+-]?\.(\d+)$/;

const ANY_DIGIT = /[0-9０-９]/;
const ANY_SPACE = /[\s\u00a0\u3000]/;

const NOT_PLAIN = -1;

/** A cell of digits with at most one "." between digits (/^\d+(?:\.\d+)?$/), read in one scan; else undefined. */
function plainNumber(raw: string): ParseResult | undefined {
  const n = raw.length;
  if (n === 0) return undefined;
  let units = 0;
  let digits = 0;
  let point = NOT_PLAIN;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      units = units * 10 + (c - 48);
    } else if (c === 46 && point === NOT_PLAIN && i > 0 && i < n - 1) point = i;
    else return undefined;
  }
  const decimals = point === NOT_PLAIN ? 0 : n - point - 1;
  // at most 15 digits: every step of the sum above was a safe integer
  return { kind: 'number', n: new Printed(raw, false, decimals, digits <= 15 && !referenceOnly ? units : undefined) };
}

/**
 * Parses a published amount cell: thousands separators, full-width forms, a trailing unit
 * or %, "(12.34)" and "−12.34" as negatives. "-", "—" and empty are no amount.
 */
export function parseNumber(raw: string): ParseResult {
  // most cells are plain ASCII figures: the same result without the rewriting below
  const plain = plainNumber(raw);
  if (plain) return plain;
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
  const text = s.replace(/,/g, '');
  let units = referenceOnly ? undefined : unitsOf(text, text.charCodeAt(0) === 45 || text.charCodeAt(0) === 43 ? 1 : 0);
  if (units !== undefined && (text.charCodeAt(0) === 45) !== negative) units = units === 0 ? undefined : -units; // −0 stays decimal
  return { kind: 'number', n: new Printed(text, negative, frac.length, units) };
}

/** Renders a value with at least `minDecimals` places, trimming what exact division leaves. */
export function formatDec(v: Dec, minDecimals = 0, maxDecimals = 10): string {
  const places = Math.min(Math.max(v.decimalPlaces(), minDecimals), maxDecimals);
  const s = v.toFixed(places);
  return s === '-0' || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}
