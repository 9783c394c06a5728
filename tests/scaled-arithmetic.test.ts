// Published figures are summed and compared as scaled integers; decimal.js is the reference. The
// two must agree exactly: on every fixture (each disclosure's whole result, findings, root causes
// and all, by default and under --strict with a tolerance), and on random fixed-point figures,
// including ones near and past the largest safe integer, where the scaled path gives way to decimals.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPath, type CheckRequest } from '../src/check.js';
import { add, Decimal, displayedIn, judgeAtMost, judgeEqual, neg, overlaps, parseNumber, scale, sub, sum, useReferenceArithmetic, type Interval } from '../src/core/decimal.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every directory of fixtures/ that holds files (a disclosure, or a case of one); in a directory of PDFs, every file alone. */
function disclosures(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const files: string[] = [];
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      const s = statSync(p, { throwIfNoEntry: false });
      if (s?.isDirectory()) walk(p);
      else if (s) files.push(p);
    }
    if (files.some((f) => f.endsWith('.pdf'))) out.push(...files.filter((f) => !f.endsWith('.md')));
    else if (files.length) out.push(dir);
  };
  walk(join(ROOT, 'fixtures'));
  return out;
}

function request(strict: boolean): Omit<CheckRequest, 'paths'> {
  const options: CheckRequest['options'] = { strict, approxTolerance: new Decimal('0.005') };
  if (strict) options.absTolerance = new Decimal('0.01');
  return { load: { cwd: ROOT }, options };
}

const asText = (v: unknown) => JSON.stringify(v, (_k, x) => (Decimal.isDecimal(x) ? `dec:${(x as Decimal).toString()}` : x));

async function both(path: string, strict: boolean): Promise<[string, string]> {
  useReferenceArithmetic(false);
  const scaled = asText(await checkPath(path, request(strict)));
  useReferenceArithmetic(true);
  const reference = asText(await checkPath(path, request(strict)));
  useReferenceArithmetic(false);
  return [scaled, reference];
}

afterEach(() => useReferenceArithmetic(false));

describe('scaled integers give the findings decimal.js gives', () => {
  it.each(disclosures().map((p) => [relative(ROOT, p), p]))('%s', async (_name, path) => {
    for (const strict of [false, true]) {
      const [scaled, reference] = await both(path, strict);
      expect(scaled).toBe(reference);
    }
  });
});

/** A printed figure: up to 17 digits (past the safe integers), 0 to 4 decimals, a sign or parentheses, thousands separators. */
const printed = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('', '-', '()', ','))
  .map(([n, d, form]) => {
    const digits = n.toString().padStart(d + 1, '0');
    const int = digits.slice(0, digits.length - d);
    const text = d ? `${int}.${digits.slice(-d)}` : int;
    if (form === '-') return `-${text}`;
    if (form === '()') return `(${text})`;
    if (form === ',') return BigInt(int).toLocaleString('en-US') + (d ? `.${digits.slice(-d)}` : '');
    return text;
  });

const UNITS = [new Decimal(1), new Decimal('0.0001'), new Decimal('0.1')];

function read(text: string, reference: boolean, unit: Decimal): Interval {
  useReferenceArithmetic(reference);
  const r = parseNumber(text);
  useReferenceArithmetic(false);
  if (r.kind !== 'number') throw new Error(`not a number: ${text}`);
  return displayedIn(r.n, unit);
}

const same = (a: Interval, b: Interval) => [a.value, a.lo, a.hi].map(String).join() === [b.value, b.lo, b.hi].map(String).join() && a.value.isNeg() === b.value.isNeg();
const verdict = (v: ReturnType<typeof judgeEqual>) => (v ? `${v.severity} ${v.difference.toString()} ${v.roundingExplains}` : 'null');

describe('scaled interval arithmetic', () => {
  it('sums, differences, negations and judgements equal decimal.js on random figures', () => {
    fc.assert(
      fc.property(fc.array(printed, { minLength: 1, maxLength: 8 }), printed, fc.integer({ min: 0, max: 2 }), fc.boolean(), (parts, stated, u, strict) => {
        const unit = UNITS[u]!;
        const fast = parts.map((p) => read(p, false, unit));
        const ref = parts.map((p) => read(p, true, unit));
        const s1 = sum(fast);
        const s2 = sum(ref);
        expect(same(s1, s2)).toBe(true);
        const d1 = sub(fast[0]!, s1);
        const d2 = sub(ref[0]!, s2);
        expect(same(d1, d2)).toBe(true);
        expect(same(neg(s1), neg(s2))).toBe(true);
        expect(same(add(neg(fast[0]!), s1), add(neg(ref[0]!), s2))).toBe(true);
        expect(same(scale(s1, new Decimal(10)), scale(s2, new Decimal(10)))).toBe(true);
        const st1 = read(stated, false, unit);
        const st2 = read(stated, true, unit);
        const opts = { strict };
        expect(verdict(judgeEqual(st1, s1, opts))).toBe(verdict(judgeEqual(st2, s2, opts)));
        expect(verdict(judgeAtMost(st1, s1, opts))).toBe(verdict(judgeAtMost(st2, s2, opts)));
        expect(verdict(judgeEqual(s1, st1, opts))).toBe(verdict(judgeEqual(s2, st2, opts)));
        expect(overlaps(st1, s1)).toBe(overlaps(st2, s2));
      }),
      { numRuns: 2000 },
    );
  });

  it('a sum near the largest safe integer stays exact (decimal past it)', () => {
    const big = '9007199254740.99';
    const one = read(big, false, UNITS[0]!);
    const ref = read(big, true, UNITS[0]!);
    const s = sum([one, one, one]);
    expect(s.value.toString()).toBe(sum([ref, ref, ref]).value.toString());
    expect(s.value.toString()).toBe('27021597764222.97');
  });

  it('keeps the sign of a negative zero as decimal.js does', () => {
    for (const z of ['-0.00', '(0.00)', '(-0)', '0.00']) {
      const a = read(z, false, UNITS[0]!);
      const b = read(z, true, UNITS[0]!);
      expect(same(a, b), z).toBe(true);
      expect(same(neg(a), neg(b)), z).toBe(true);
      expect(same(sum([a, a]), sum([b, b])), z).toBe(true);
    }
  });
});
