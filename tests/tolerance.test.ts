// --abs-tolerance end to end: a 0.01 万元 difference that rounding explains is a warning, an
// error under --strict, and no finding once the tolerance reaches it; the tolerance is in 万元
// whatever unit the table is printed in, and it is "up to", not "below".
// fixtures/tolerance/t8-万元.csv: 表八 合计 10.01 against 8.00 + 2.00 (尾差: each input may be off by 0.005).
// fixtures/tolerance/t8-元.csv: the same table in 元, 合计 100,100.00 against 100,000.00: a 100 元
// (= 0.01 万元) difference, which rounding of figures printed to the 分 cannot explain.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { main } from '../src/cli.js';
import { Decimal } from '../src/core/decimal.js';
import type { Finding } from '../src/core/findings.js';
import type { CheckOptions } from '../src/rules/types.js';

const WAN = 'fixtures/tolerance/t8-万元.csv';
const YUAN = 'fixtures/tolerance/t8-元.csv';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Pinned {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  expected?: string;
  actual?: string;
  difference?: string;
  unit?: string;
}

function pin(f: Finding): Pinned {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    expected: f.expected,
    actual: f.actual,
    difference: f.difference,
    unit: f.unit,
  };
}

const wanFinding = (severity: string): Pinned => ({
  ruleId: 'row-total',
  severity,
  file: WAN,
  line: 6,
  column: 1,
  expected: '10.00',
  actual: '10.01',
  difference: '0.01',
  unit: '万元',
});

const yuanFinding: Pinned = {
  ruleId: 'row-total',
  severity: 'error',
  file: YUAN,
  line: 6,
  column: 1,
  expected: '100000.00',
  actual: '100100.00',
  difference: '100.00',
  unit: '元',
};

async function findings(path: string, extra: Partial<CheckOptions> = {}): Promise<Pinned[]> {
  const options: CheckOptions = { strict: false, approxTolerance: new Decimal('0.005'), ...extra };
  const [r] = await check({ paths: [path], load: { cwd: ROOT }, options });
  expect(r!.fatal).toBeUndefined();
  return r!.findings.map(pin);
}

describe('absTolerance (library)', () => {
  it('0.01 万元 of 尾差: warning by default, error with strict', async () => {
    expect(await findings(WAN)).toEqual([wanFinding('warning')]);
    expect(await findings(WAN, { strict: true })).toEqual([wanFinding('error')]);
  });

  it('absTolerance 0.01 accepts it, with or without strict; 0.009 does not', async () => {
    expect(await findings(WAN, { absTolerance: new Decimal('0.01') })).toEqual([]);
    expect(await findings(WAN, { absTolerance: new Decimal('0.01'), strict: true })).toEqual([]);
    expect(await findings(WAN, { absTolerance: new Decimal('0.009') })).toEqual([wanFinding('warning')]);
  });

  it('is in 万元 for a table printed in 元: 100 元 is an error without it and accepted with 0.01', async () => {
    expect(await findings(YUAN)).toEqual([yuanFinding]);
    expect(await findings(YUAN, { absTolerance: new Decimal('0.01') })).toEqual([]);
    expect(await findings(YUAN, { absTolerance: new Decimal('0.009') })).toEqual([yuanFinding]);
  });
});

class Sink {
  text = '';
  isTTY = false;
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

async function cli(...argv: string[]): Promise<{ code: number; findings: Pinned[]; err: string }> {
  const out = new Sink();
  const err = new Sink();
  const code = await main(['check', '--format', 'json', '--no-config', ...argv], {
    out: out as unknown as typeof process.stdout,
    err: err as unknown as typeof process.stderr,
  });
  const json = JSON.parse(out.text) as { disclosures: Array<{ findings: Array<Pinned & { location: Pinned }> }> };
  const fs = json.disclosures.flatMap((d) =>
    d.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.location.file,
      line: f.location.line,
      column: f.location.column,
      expected: f.expected,
      actual: f.actual,
      difference: f.difference,
      unit: f.unit,
    })),
  );
  return { code, findings: fs, err: err.text };
}

describe('--abs-tolerance (command line)', () => {
  it('0.01 万元 of 尾差: warning (exit 0) by default, error (exit 1) with --strict', async () => {
    expect(await cli(WAN)).toEqual({ code: 0, findings: [wanFinding('warning')], err: '' });
    expect(await cli('--strict', WAN)).toEqual({ code: 1, findings: [wanFinding('error')], err: '' });
  });

  it('--abs-tolerance 0.01 gives no finding, also with --strict and --fail-on warning; 0.009 still warns', async () => {
    expect(await cli('--abs-tolerance', '0.01', WAN)).toEqual({ code: 0, findings: [], err: '' });
    expect(await cli('--abs-tolerance', '0.01', '--strict', '--fail-on', 'warning', WAN)).toEqual({ code: 0, findings: [], err: '' });
    expect(await cli('--abs-tolerance', '0.009', '--fail-on', 'warning', WAN)).toEqual({ code: 1, findings: [wanFinding('warning')], err: '' });
  });

  it('--abs-tolerance is in 万元 for a table printed in 元', async () => {
    expect(await cli(YUAN)).toEqual({ code: 1, findings: [yuanFinding], err: '' });
    expect(await cli('--abs-tolerance', '0.01', YUAN)).toEqual({ code: 0, findings: [], err: '' });
  });
});
