// A bug inside budgetlint (here: a rule engine that throws) is reported as an internal error
// naming the disclosure, with exit 2 and no stack trace; --debug adds the stack.
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './input-support.js';

vi.mock('../src/rules/engine.js', async (orig) => {
  const real = await orig<typeof import('../src/rules/engine.js')>();
  return {
    ...real,
    runChecks: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'value')");
    },
  };
});

describe('an internal error', () => {
  it('is one line naming the disclosure, exit 2, no stack trace', async () => {
    const r = await runCli(['check', 'fixtures/kashgar-2022', '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("budgetlint: fixtures/kashgar-2022: 内部错误：Cannot read properties of undefined (reading 'value')（可用 --debug 查看详情）\n");
    expect(r.out + r.err).not.toMatch(/^\s+at /m);
  });

  it('shows its stack with --debug', async () => {
    const r = await runCli(['check', 'fixtures/kashgar-2022', '--jobs', '1', '--debug']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^budgetlint: fixtures\/kashgar-2022: TypeError: Cannot read properties of undefined \(reading 'value'\)\n\s+at /m);
  });
});
