// What the narrative rules share: a stated figure as an interval, and one judgement turned into a
// finding with expected, actual, difference and the inputs it came from.
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
import { fill, type Bilingual, type Finding, type FindingInput, type FindingLocation } from '../../core/findings.js';
import type { AmountClaim, Fig } from '../../load/narrative/model.js';
import { WAN_PER } from '../../load/narrative/tokens.js';
import { keyLabel } from '../../load/narrative/keys.js';
import type { Location } from '../../load/model.js';
import { judgeOptions, pickLang, ROUNDING_NOTE, withNote, type MessageData } from '../figures.js';
import type { CheckOptions, RuleMeta } from '../types.js';

/** A figure stated in the text, as the interval it stands for in `unit`. */
export interface Stated {
  interval: Interval;
  decimals: number;
  /** unit findings report in: 万元, 元, %, 人 … */
  unit: string;
  /** multiply a value in `unit` by this to get the compared unit (万元 for money) */
  toBase: Dec;
  loc: Location;
  label: Bilingual;
}

const ONE = WAN_PER['万元']!;

export function isMoney(f: Fig): boolean {
  return f.unit in WAN_PER;
}

/** Money in 万元 (displayed interval); counts exact; percentages displayed. */
export function stated(f: Fig, label: string | Bilingual, asExact = false): Stated {
  // a Bilingual label passes through; a plain one is the same in both languages
  const l = typeof label === 'string' ? { zh: label, en: label } : label;
  if (isMoney(f)) {
    const k = WAN_PER[f.unit]!;
    return { interval: asExact ? exact(f.value.times(k)) : scale(displayed(f.value, f.decimals), k), decimals: f.decimals, unit: f.unit === '万' ? '万元' : f.unit, toBase: k, loc: f.loc, label: l };
  }
  if (f.unit === '%') return { interval: displayed(f.value, f.decimals), decimals: f.decimals, unit: '%', toBase: ONE, loc: f.loc, label: l };
  return { interval: exact(f.value), decimals: f.decimals, unit: f.unit, toBase: ONE, loc: f.loc, label: l };
}

export function claimStated(a: AmountClaim): Stated {
  return stated(a.fig, claimName(a));
}

/** What a claim is called in messages: its key's name, or the end of its label. */
export function claimName(a: AmountClaim): string | Bilingual {
  if (a.delta) return `${a.delta}额`;
  if (a.key?.startsWith('fn:')) return a.key.split('/').pop()!.replace(/^fn:/, '');
  if (a.key) return keyLabel(a.key);
  return shortLabel(a.label);
}

/** The last words of a label, enough to say which figure it is. */
export function shortLabel(label: string): string {
  const s = label.replace(/\s+/g, '').replace(/^\d+[.、]/, '');
  return s.length > 24 ? `…${s.slice(-24)}` : s;
}

export function input(s: Stated): FindingInput {
  return { label: s.label, value: formatDec(s.interval.value.div(s.toBase), s.decimals), ...(s.unit ? { unit: s.unit } : {}), location: s.loc };
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
  const s = c.stated;
  const expV = c.computed.value.div(s.toBase);
  const expected = c.roundExpected ? expV.toDecimalPlaces(s.decimals).toFixed(s.decimals) : formatDec(expV, Math.max(s.decimals, c.expectedDecimals ?? 0));
  const actual = formatDec(s.interval.value.div(s.toBase), s.decimals);
  const diffV = c.roundExpected ? s.interval.value.div(s.toBase).minus(new Decimal(expected)) : verdict.difference.div(s.toBase);
  const difference = formatDec(diffV, s.decimals);
  return finish(c.meta, c.messageId, c.data, verdict.severity, verdict.roundingExplains, c.at ?? s.loc, {
    expected,
    actual,
    difference,
    unit: s.unit,
    stated: s.label,
    inputs: c.inputs.map(input),
  });
}


function finish(
  meta: RuleMeta,
  messageId: string,
  data: MessageData | undefined,
  severity: Finding['severity'],
  roundingExplains: boolean,
  at: Location,
  v: { expected: string; actual: string; difference: string; unit: string; stated: Bilingual; inputs: FindingInput[] },
): Finding {
  const tpl = meta.messages[messageId]!;
  const base = { expected: v.expected, actual: v.actual, difference: v.difference, unit: v.unit };
  const explained = roundingExplains && severity === 'warning';
  const f: Finding = {
    ruleId: meta.id,
    severity,
    message: {
      zh: fill(tpl.zh, { ...pickLang(data, 'zh'), ...base, stated: v.stated.zh }) + (explained ? ROUNDING_NOTE.zh : ''),
      en: explained ? withNote(fill(tpl.en, { ...pickLang(data, 'en'), ...base, stated: v.stated.en }), ROUNDING_NOTE.en) : fill(tpl.en, { ...pickLang(data, 'en'), ...base, stated: v.stated.en }),
    },
    location: { ...at } as FindingLocation,
    expected: v.expected,
    actual: v.actual,
    difference: v.difference,
    unit: v.unit,
  };
  if (v.inputs.length) f.inputs = v.inputs;
  return f;
}

/** Two statements of one figure: the one shown with fewer places is judged against the other. */
export function judgePair(c: Omit<NarrativeComparison, 'computed' | 'inputs'> & { other: Stated }): Finding | null {
  const a = c.stated;
  const b = c.other;
  const [coarse, fine] = a.decimals + places(a.toBase) <= b.decimals + places(b.toBase) ? [a, b] : [b, a];
  const f = judge({ ...c, stated: coarse, computed: fine.interval, inputs: [fine], at: c.at ?? a.loc, expectedDecimals: fine.decimals });
  return f;
}

function places(toBase: Dec): number {
  return toBase.lt(1) ? toBase.decimalPlaces() : 0;
}

export function textOf(s: Stated): string {
  return formatDec(s.interval.value.div(s.toBase), s.decimals) + s.unit;
}
