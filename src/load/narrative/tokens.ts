// Numbers in the joined stream, each with the unit written after it and its source position.
import { Decimal, displayed, exact, scale, type Dec, type Interval } from '../../core/decimal.js';
import { LimitExceeded, MAX_NUMBER_DIGITS, MAX_TEXT_FIGURES } from '../limits.js';
import type { Fig, UnmatchedReason } from './model.js';
import type { Mapped } from './text.js';

export type TokKind = 'money' | 'percent' | 'count' | 'bare';

export interface Tok extends Fig {
  kind: TokKind;
  /** used by some claim */
  used: boolean;
  reason?: UnmatchedReason;
}

// "3,192.57", "3，518.85" (full-width separators only before decimals, since "，" also ends clauses)
const NUM = /(?<![\d.])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:，\d{3})+(?=\.\d)|\d+)(?:\.(\d+))?(?!\d)/g;
const MONEY = /^ ?(万元|亿元|元|万(?=[，,。；;、()\s]|$))((?:\/(?:平方米|周期|个月|年|月|日|天|人|辆|次|套|间|个|站|台|期|件|份|批))*)/;
const PERCENT = /^ ?%/;
const MEASURE = /^ ?(个月|个站|个|人次|人|辆|台|套|家|次|项|名|间|条|张|批|月|天|年|周期|兆|平方米|米|小时|分钟|瓶|包|支|户|所|处|部|篇|场|期|号|日|县|季度|周)/;

export const WAN_PER: Record<string, Dec> = { 万元: new Decimal(1), 万: new Decimal(1), 元: new Decimal('0.0001'), 亿元: new Decimal(10000) };

/** The figures of a stream; more than `max` (what is left of the text's MAX_TEXT_FIGURES) throw. */
export function tokenize(m: Mapped, max = MAX_TEXT_FIGURES): Tok[] {
  const out: Tok[] = [];
  const t = m.text;
  for (const match of t.matchAll(NUM)) {
    const start = match.index;
    if (out.length >= max) throw new LimitExceeded('figures', m.line[start], m.col[start]);
    const intPart = match[1]!.replace(/[,，]/g, '');
    const frac = match[2] ?? '';
    if (intPart.length > MAX_NUMBER_DIGITS || frac.length > MAX_NUMBER_DIGITS) throw new LimitExceeded('digits', m.line[start], m.col[start]);
    let end = start + match[0].length;
    const rest = t.slice(end, end + 12);
    let kind: TokKind = 'bare';
    let unit = '';
    let per = '';
    // the unit readers in order of precedence, each only when the ones before it found nothing
    const mm = MONEY.exec(rest);
    const pm = mm ? null : PERCENT.exec(rest);
    const cm = mm || pm ? null : MEASURE.exec(rest);
    if (mm) {
      kind = 'money';
      unit = mm[1] === '万' ? '万元' : mm[1]!;
      per = mm[2] ?? '';
      end += mm[0].length;
    } else if (pm) {
      kind = 'percent';
      unit = '%';
      end += pm[0].length;
    } else if (cm) {
      kind = 'count';
      unit = cm[1]!;
      end += cm[0].length;
    }
    out.push({
      raw: t.slice(start, end),
      value: new Decimal(frac ? `${intPart}.${frac}` : intPart),
      decimals: frac.length,
      unit,
      per,
      loc: { file: '', line: m.line[start]!, column: m.col[start]! },
      start,
      end,
      kind,
      used: false,
    });
  }
  return out;
}

/** A money figure as the interval it stands for, in 万元. */
export function wan(f: Fig): Interval {
  const k = WAN_PER[f.unit] ?? new Decimal(1);
  return scale(displayed(f.value, f.decimals), k);
}

/** A count: exact, as integers of people, months, days are. */
export function exactFig(f: Fig): Interval {
  return exact(f.value);
}

export function wanValue(f: Fig): Dec {
  return f.value.times(WAN_PER[f.unit] ?? 1);
}
