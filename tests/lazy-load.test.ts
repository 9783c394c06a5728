// What a run loads only when it needs it: a formatter by its name alone, the same one FORMATTERS holds.
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../src/report/index.js';
import { loadFormatter } from '../src/report/load.js';

describe('formatters loaded by name', () => {
  it('gives each format the formatter FORMATTERS holds, and nothing for an unknown name', async () => {
    for (const [name, formatter] of Object.entries(FORMATTERS)) expect(await loadFormatter(name), name).toBe(formatter);
    expect(await loadFormatter('yaml')).toBeUndefined();
  });
});
