import { describe, expect, it } from 'vitest';
import {
  dec,
  displayed,
  div,
  exact,
  formatDec,
  judgeAtMost,
  judgeEqual,
  mul,
  parseNumber,
  sum,
} from '../src/core/decimal.js';

const opts = { strict: false };

describe('parseNumber', () => {
  it.each([
    ['3192.57', '3192.57', 2],
    ['371,514,655.00', '371514655', 2],
    ['1，785.63', '1785.63', 2],
    ['３１９２．５７', '3192.57', 2],
    ['100.00万元', '100', 2],
    ['55.93%', '55.93', 2],
    [' 12.5 ', '12.5', 1],
    ['(12.34)', '-12.34', 2],
    ['−12.34', '-12.34', 2],
    ['1312877.5元', '1312877.5', 1],
  ])('reads %s', (raw, value, decimals) => {
    const r = parseNumber(raw);
    expect(r.kind).toBe('number');
    if (r.kind === 'number') {
      expect(r.n.value.toString()).toBe(value);
      expect(r.n.decimals).toBe(decimals);
    }
  });

  it.each(['', '-', '—', '－', '  '])('treats %j as no amount', (raw) => {
    expect(parseNumber(raw).kind).toBe('blank');
  });

  it.each(['abc', '12.3.4', '1,23', '12a'])('rejects %j', (raw) => {
    expect(parseNumber(raw).kind).toBe('junk');
  });
});

describe('interval arithmetic', () => {
  it('adds displayed figures with their rounding intervals', () => {
    const s = sum([displayed(dec('204.77'), 2), displayed(dec('173.60'), 2), displayed(dec('593.96'), 2)]);
    expect(s.value.toString()).toBe('972.33');
    expect(s.lo.toString()).toBe('972.315');
    expect(s.hi.toString()).toBe('972.345');
  });

  it('keeps products of exact integers exact', () => {
    const p = mul(mul(exact(dec(445)), exact(dec(32))), exact(dec(360)));
    expect(p.value.toString()).toBe('5126400');
    expect(p.lo.eq(p.hi)).toBe(true);
  });

  it('bounds a quotient by the corners of its inputs', () => {
    const q = div(displayed(dec('33.12'), 2), displayed(dec('3192.57'), 2))!;
    expect(q.lo.lt(q.value) && q.value.lt(q.hi)).toBe(true);
    expect(div(exact(dec(1)), exact(dec(0)))).toBeUndefined();
  });

  it('never drifts like binary floating point', () => {
    expect(sum([exact(dec('0.1')), exact(dec('0.2'))]).value.toString()).toBe('0.3');
  });
});

describe('judgeEqual', () => {
  it('accepts a recomputed value that rounds to the stated figure', () => {
    // 1,710,062 元 shown as 171.01 万元
    expect(judgeEqual(displayed(dec('171.01'), 2), exact(dec('171.0062')), opts)).toBeNull();
  });

  it('calls a difference rounding can explain a warning (尾差)', () => {
    const parts = sum([displayed(dec('204.77'), 2), displayed(dec('173.60'), 2), displayed(dec('593.96'), 2)]);
    const v = judgeEqual(displayed(dec('972.32'), 2), parts, opts)!;
    expect(v.severity).toBe('warning');
    expect(v.roundingExplains).toBe(true);
    expect(v.difference.toString()).toBe('-0.01');
  });

  it('makes the same difference an error under --strict', () => {
    const parts = sum([displayed(dec('204.77'), 2), displayed(dec('173.60'), 2), displayed(dec('593.96'), 2)]);
    expect(judgeEqual(displayed(dec('972.32'), 2), parts, { strict: true })!.severity).toBe('error');
  });

  it('calls a difference rounding cannot explain an error', () => {
    const exactTotal = exact(dec('512.64'));
    const v = judgeEqual(displayed(dec('512.65'), 2), exactTotal, opts)!;
    expect(v.severity).toBe('error');
    expect(v.roundingExplains).toBe(false);
  });

  it('applies an absolute tolerance', () => {
    expect(judgeEqual(displayed(dec('10.00'), 2), exact(dec('10.02')), { strict: false, absTolerance: dec('0.05') })).toBeNull();
  });
});

describe('judgeAtMost', () => {
  it('passes a part within its bound and fails one above it', () => {
    expect(judgeAtMost(displayed(dec('9.02'), 2), displayed(dec('9.02'), 2), opts)).toBeNull();
    const v = judgeAtMost(displayed(dec('9.50'), 2), displayed(dec('9.02'), 2), opts)!;
    expect(v.severity).toBe('error');
    expect(v.difference.toString()).toBe('0.48');
  });
});

describe('formatDec', () => {
  it('shows at least the stated places and trims exact division', () => {
    expect(formatDec(dec('100'), 2)).toBe('100.00');
    expect(formatDec(dec('-0.01'), 2)).toBe('-0.01');
    expect(formatDec(dec(1).div(3), 2)).toBe('0.3333333333');
  });
});
