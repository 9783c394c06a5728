// A numeric cell's text as Excel shows it: the stored double (as written in the sheet XML,
// e.g. "0.30000000000000004") cut to Excel's 15 significant digits, then rounded to the
// decimals of its number format. Everything stays decimal; no binary float is involved.
import { Decimal } from '../../core/decimal.js';

export interface NumberFormat {
  kind: 'general' | 'fixed' | 'percent';
  decimals: number;
}

const GENERAL: NumberFormat = { kind: 'general', decimals: 0 };

/** Built-in format ids (ECMA-376 18.8.30, plus the zh-CN currency ids 5–8). */
const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"¥"#,##0;"¥"\\-#,##0',
  6: '"¥"#,##0;[Red]"¥"\\-#,##0',
  7: '"¥"#,##0.00;"¥"\\-#,##0.00',
  8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  9: '0%',
  10: '0.00%',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  49: '@',
};

export function builtinFormatCode(id: number): string | undefined {
  return BUILTIN[id];
}

/** Reads the decimals and percent-ness of a format code's first (positive) section. */
export function parseFormatCode(code: string): NumberFormat {
  // drop quoted text, escaped characters, [colour]/[condition] brackets, and _x / *x padding
  let s = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const j = code.indexOf('"', i + 1);
      i = j < 0 ? code.length : j;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i++;
    } else if (ch === '[') {
      const j = code.indexOf(']', i + 1);
      i = j < 0 ? code.length : j;
    } else if (ch === ';') {
      break;
    } else {
      s += ch;
    }
  }
  if (/general/i.test(s) || s.trim() === '' || s.includes('@')) return GENERAL;
  if (/[eE][+-]/.test(s)) return GENERAL; // scientific: show the value as stored
  if (!/[0#?]/.test(s)) return GENERAL; // dates and times: not amounts
  const dot = s.indexOf('.');
  let decimals = 0;
  if (dot >= 0) {
    for (let i = dot + 1; i < s.length && /[0#?]/.test(s[i]!); i++) decimals++;
  }
  return { kind: s.includes('%') ? 'percent' : 'fixed', decimals };
}

const STORED = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PLAIN = /^(-?)(0|[1-9]\d*)(?:\.(\d*[1-9]))?$/;

/** Most stored values are short plain numerals a format shows as they are ("1785.63" with two
 *  decimals): the same text as the decimal route, without building a decimal for every cell. */
function plainDisplay(t: string, fmt: NumberFormat): string | undefined {
  if (fmt.kind === 'percent' || t.length > 16) return undefined;
  const m = PLAIN.exec(t);
  if (!m) return undefined;
  const int = m[2]!;
  const frac = m[3] ?? '';
  // 15 significant digits at most, so that nothing is cut (leading zeros of "0.05" are not significant)
  const significant = int === '0' ? frac.replace(/^0+/, '').length : int.length + frac.length;
  if (significant > 15) return undefined;
  let s: string;
  if (fmt.kind === 'general') s = t;
  else if (frac.length <= fmt.decimals) s = fmt.decimals ? `${m[1]}${int}.${frac.padEnd(fmt.decimals, '0')}` : `${m[1]}${int}`;
  else return undefined; // rounding: the decimal route
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Decimal exponents a double can hold (about 1.8e308 down to 4.9e-324). */
const MAX_EXPONENT = 308;
const MIN_EXPONENT = -324;

/** A stored value no double can hold ("1e999999999"): written out in full it would fill memory. */
export class NumberOutOfRange extends Error {
  constructor(readonly stored: string) {
    super('number out of range');
    this.name = 'NumberOutOfRange';
  }
}

/** The text Excel would display for a stored number, or undefined when it is not one; throws
 *  NumberOutOfRange for a magnitude beyond any double's. */
export function displayNumber(stored: string, fmt: NumberFormat): string | undefined {
  const t = stored.trim();
  const quick = plainDisplay(t, fmt);
  if (quick !== undefined) return quick;
  if (!STORED.test(t)) return undefined;
  // a double holds 15 significant decimal digits faithfully; the rest is binary noise
  let v = new Decimal(t).toSignificantDigits(15, Decimal.ROUND_HALF_UP);
  if (!v.isFinite() || (!v.isZero() && (v.e > MAX_EXPONENT || v.e < MIN_EXPONENT))) throw new NumberOutOfRange(t);
  if (fmt.kind === 'percent') v = v.times(100);
  let s: string;
  if (fmt.kind === 'general') {
    s = v.toFixed();
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  } else {
    s = v.toFixed(fmt.decimals, Decimal.ROUND_HALF_UP);
  }
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return fmt.kind === 'percent' ? `${s}%` : s;
}
