// Reports are written as disclosures are checked, never all kept to the end; what is written is
// exactly what the whole-result path gives, in every format, whatever the number of threads.
import { readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkBatch } from '../src/batch/index.js';
import { main } from '../src/cli.js';
import { Decimal } from '../src/core/decimal.js';
import { ruleDocs } from '../src/report/docs-link.js';
import { FORMATTERS } from '../src/report/index.js';
import { summarize } from '../src/report/types.js';
import { RULES } from '../src/rules/index.js';

const DISCLOSURES = ['fixtures/kashgar-2022', 'fixtures/putuo-2025', ...readdirSync('fixtures/real').map((d) => `fixtures/real/${d}/flat`)];

function capture() {
  const chunks: string[] = [];
  return {
    chunks,
    io: {
      out: new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }),
      err: new Writable({ write: (_c, _e, cb) => cb() }),
    },
  };
}

describe('streamed reports', () => {
  it('are written before the batch ends: a disclosure is out while the next waits for the reader', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstWrite!: () => void;
    const written = new Promise<void>((r) => (firstWrite = r));
    const chunks: string[] = [];
    const out = new Writable({
      write: (c, _e, cb) => {
        chunks.push(String(c));
        firstWrite();
        void gate.then(() => cb());
      },
    });
    const err = new Writable({ write: (_c, _e, cb) => cb() });
    let finished = false;
    const run = main(['check', ...DISCLOSURES.slice(0, 3), '-f', 'jsonl', '--jobs', '1', '--no-config'], { out, err } as never).then((code) => {
      finished = true;
      return code;
    });
    await written;
    await new Promise((r) => setTimeout(r, 300));
    // the reader has taken nothing yet: the first disclosure is written, the others wait
    expect(finished).toBe(false);
    expect(chunks).toHaveLength(1);
    expect(JSON.parse(chunks[0]!).path).toBe(DISCLOSURES[0]);
    release();
    expect(await run).toBe(1);
    expect(chunks.map((c) => JSON.parse(c).path ?? 'summary')).toEqual([...DISCLOSURES.slice(0, 3), 'summary']);
  });

  it('are, in every format, the bytes the whole-result path gives, with one thread or two', async () => {
    const request = (keepSources: boolean) => ({ load: keepSources ? { keepSources } : {}, options: { strict: false, approxTolerance: new Decimal('0.005') } });
    const plain = await checkBatch(DISCLOSURES, request(false), { jobs: 1 });
    // the HTML report draws the tables as published, so the command line keeps them for it
    const drawn = await checkBatch(DISCLOSURES, request(true), { jobs: 1 });
    const opts = { lang: 'zh' as const, color: false, failOn: 'error' as const, verbose: false, rules: RULES.map((r) => r.meta), docs: ruleDocs() };
    for (const format of Object.keys(FORMATTERS)) {
      const results = format === 'html' ? drawn : plain;
      const whole = FORMATTERS[format]!.format(results, summarize(results), opts);
      for (const jobs of ['1', '2']) {
        const { chunks, io } = capture();
        await main(['check', ...DISCLOSURES, '-f', format, '--jobs', jobs, '--no-config'], io as never);
        expect(chunks.join(''), `${format}, --jobs ${jobs}`).toBe(whole);
        // written in pieces as disclosures were done (html is one page, drawn at the end)
        if (format !== 'html' && format !== 'github') expect(chunks.length, format).toBeGreaterThan(2);
      }
    }
  }, 120_000);

  it('jsonl: one disclosure a line, then the summary', async () => {
    const { chunks, io } = capture();
    await main(['check', DISCLOSURES[0]!, DISCLOSURES[1]!, '-f', 'jsonl', '--no-config'], io as never);
    const lines = chunks.join('').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.path ?? null)).toEqual([DISCLOSURES[0], DISCLOSURES[1], null]);
    expect(lines[0]).toMatchObject({ schemaVersion: 1, path: DISCLOSURES[0] });
    expect(lines[2]).toEqual({ schemaVersion: 1, summary: expect.objectContaining({ disclosures: 2 }) });
    expect(lines[0].findings.length + lines[1].findings.length).toBe(lines[2].summary.errors + lines[2].summary.warnings + lines[2].summary.infos);
  });
});
