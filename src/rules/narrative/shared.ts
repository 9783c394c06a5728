// What the narrative rules share: a stated figure as a Figure (the one figure type of the rules),
// and one judgement turned into a finding through the one report path (figures.ts report()).
import {
  Decimal,
  displayed,
  exact,
  formatDec,
  judgeAtMost,
  judgeEqual,
  scale,
  type Dec,
  type Interval,
  type JudgeOptions,
  type Verdict,
} from '../../core/decimal.js';
import type { Bilingual, Finding } from '../../core/findings.js';
import type { AmountClaim, Fig } from '../../load/narrative/model.js';
import { WAN_PER } from '../../load/narrative/tokens.js';
import { cleanLabel, keyLabel } from '../../load/narrative/keys.js';
import type { Location } from '../../load/model.js';
import { judgeOptions, report, type Figure, type MessageData } from '../figures.js';
import type { CheckOptions, RuleMeta } from '../types.js';

/** A figure stated in the text: a Figure with no table behind it. */
export type Stated = Figure;

const ONE = WAN_PER['万元']!;

export function isMoney(f: Fig): boolean {
  return f.unit in WAN_PER;
}

/** Money in 万元 (displayed interval); counts exact; percentages displayed. */
export function stated(f: Fig, label: string | Bilingual, asExact = false): Stated {
  // a Bilingual label passes through; a plain one is the same in both languages
  const l = typeof label === 'string' ? { zh: label, en: label } : label;
  // (one object literal each: spreading a shared base costs twenty times as much, and the rules
  // make hundreds of these per text)
  if (isMoney(f)) {
    const k = WAN_PER[f.unit]!;
    const interval = intervalOf(f, asExact, () => (asExact ? exact(f.value.times(k)) : scale(displayed(f.value, f.decimals), k)));
    return { decimals: f.decimals, loc: f.loc, label: l, blank: false, interval, unit: f.unit === '万' ? '万元' : f.unit, toBase: k };
  }
  if (f.unit === '%' || f.unit === '') {
    const interval = intervalOf(f, asExact, () => displayed(f.value, f.decimals));
    return { decimals: f.decimals, loc: f.loc, label: l, blank: false, interval, unit: f.unit, toBase: ONE };
  }
  return { decimals: f.decimals, loc: f.loc, label: l, blank: false, interval: exact(f.value), unit: f.unit, toBase: ONE };
}

// The rules ask for the same stated figures many times over (decimal arithmetic each time): a
// figure's interval is made once for each reading of it, and again only if the figure changed.
interface MadeInterval {
  value: Dec;
  decimals: number;
  unit: string;
  interval: Interval;
}
const INTERVALS = [new WeakMap<Fig, MadeInterval>(), new WeakMap<Fig, MadeInterval>()] as const;

function intervalOf(f: Fig, asExact: boolean, make: () => Interval): Interval {
  const memo = INTERVALS[asExact ? 1 : 0];
  const known = memo.get(f);
  if (known && known.value === f.value && known.decimals === f.decimals && known.unit === f.unit) return known.interval;
  const interval = make();
  memo.set(f, { value: f.value, decimals: f.decimals, unit: f.unit, interval });
  return interval;
}

export function claimStated(a: AmountClaim): Stated {
  return stated(a.fig, claimName(a));
}

/** What a claim is called in messages: its key's name, or the end of its label. */
export function claimName(a: AmountClaim): string | Bilingual {
  if (a.delta) return `${a.delta}额`;
  if (a.key?.startsWith('fn:')) return a.key.split('/').pop()!.replace(/^fn:/, '');
  if (a.key) return keyLabel(a.key);
  return shortLabel(a.subject ?? a.label);
}

/** The last words of a label, enough to say which figure it is (without the 为 / ：before the number). */
export function shortLabel(label: string): string {
  const s = (cleanLabel(label) || label.replace(/\s+/g, ''))
    .replace(/^\d+[.、]/, '')
    .replace(/(?:为|是|达|[:：])+$/, '');
  return s.length > 24 ? `…${s.slice(-24)}` : s;
}

export interface NarrativeComparison {
  meta: RuleMeta;
  messageId: string;
  data?: MessageData;
  stated: Stated;
  computed: Interval;
  inputs: Stated[];
  options: CheckOptions;
  atMost?: boolean;
  /** tolerance of a total marked 约 */
  relTolerance?: Dec;
  /** report the recomputed value rounded to the stated places (shares, rates) */
  roundExpected?: boolean;
  /** where to report, when not at the stated figure */
  at?: Location;
  /** a "≤" whose bound is displayed: no finding while the part rounds to at most the bound */
  boundRounds?: boolean;
  /** places to show the recomputed value with, when it is more precise than the stated figure */
  expectedDecimals?: number;
  /** said after the message */
  note?: Bilingual;
}

/**
 * A share or rate printed by cutting its digits instead of rounding them (99.868…% as 99.86%): every
 * value the inputs allow cuts to the printed figure, and none rounds to it.
 */
export function truncationNote(s: Stated, computed: Interval): Bilingual | undefined {
  const d = s.decimals;
  const shown = s.interval.value;
  const cut = (v: Dec) => v.toDecimalPlaces(d, Decimal.ROUND_DOWN);
  if (computed.lo.isNeg() || !cut(computed.lo).eq(shown) || !cut(computed.hi).eq(shown)) return undefined;
  if (computed.value.toDecimalPlaces(d).eq(shown)) return undefined;
  const exactText = `${computed.value.toDecimalPlaces(d + 3, Decimal.ROUND_DOWN).toFixed(d + 3)}…`;
  return {
    zh: `（${exactText}${s.unit} 被截断为 ${formatDec(shown, d)}${s.unit}，而非四舍五入）`,
    en: ` (${exactText}${s.unit} cut to ${formatDec(shown, d)}${s.unit} instead of rounded)`,
  };
}

export function judge(c: NarrativeComparison): Finding | null {
  const opts: JudgeOptions = judgeOptions(c.options);
  // the absolute tolerance is an amount of money (万元): shares, rates and counts are not eased by it
  if (!(c.stated.unit in WAN_PER)) delete opts.absTolerance;
  if (c.relTolerance) opts.relTolerance = c.relTolerance;
  let verdict: Verdict | null;
  if (c.atMost) {
    // stated is the part, computed the bound
    if (c.boundRounds && c.stated.interval.value.lte(c.computed.hi)) return null;
    verdict = judgeAtMost(c.stated.interval, c.computed, opts);
    // a limit is a limit as written: an error when every reading of the part exceeds it
    if (verdict && c.boundRounds && !c.options.strict) {
      const always = c.stated.interval.lo.gt(c.computed.value);
      verdict = { ...verdict, severity: always ? 'error' : 'warning', roundingExplains: !always };
    }
  } else verdict = judgeEqual(c.stated.interval, c.computed, opts);
  if (!verdict) return null;
  const note = c.note ?? (c.stated.unit === '%' && verdict.severity === 'error' ? truncationNote(c.stated, c.computed) : undefined);
  return report(
    {
      meta: c.meta,
      messageId: c.messageId,
      ...(c.data ? { data: c.data } : {}),
      stated: c.stated,
      computed: c.computed,
      inputs: c.inputs,
      at: { ...(c.at ?? c.stated.loc) },
      ...(c.roundExpected ? { roundExpected: true } : {}),
      ...(c.expectedDecimals !== undefined ? { expectedDecimals: c.expectedDecimals } : {}),
      ...(note ? { note } : {}),
    },
    verdict,
  );
}

/** Two statements of one figure: the one shown with fewer places is judged against the other. */
export function judgePair(c: Omit<NarrativeComparison, 'computed' | 'inputs'> & { other: Stated }): Finding | null {
  const a = c.stated;
  const b = c.other;
  const [coarse, fine] = a.decimals + places(a.toBase) <= b.decimals + places(b.toBase) ? [a, b] : [b, a];
  return judge({ ...c, stated: coarse, computed: fine.interval, inputs: [fine], at: c.at ?? a.loc, expectedDecimals: fine.decimals });
}

function places(toBase: Dec): number {
  return toBase.lt(1) ? toBase.decimalPlaces() : 0;
}

export function textOf(s: Stated): string {
  return formatDec(s.interval.value.div(s.toBase), s.decimals) + s.unit;
}
