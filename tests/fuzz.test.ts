// A seeded mutation fuzzer over every kind of input (CSV, workbook, 情况说明 text, configuration):
// whatever the mutation, the command line answers with exit 0, 1 or 2, prints no stack and no
// internal error, and leaves its inputs byte for byte as they were. The seed is fixed so CI runs
// the same bounded set of cases every time; change FUZZ_SEED to explore others.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workbookEntries, writeZip } from '../fixtures/xlsx/write-workbook.js';
import { csvGrids, runCli, tempDir, workbookFromGrids } from './input-support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

/** Pieces that have broken parsers before: quotes, line ends, brackets, markers, huge numbers. */
const PIECES = [
  '"', ',', '\n', '\r', '\r\n', '\t', ';', '（', '）', '(', ')', '<', '>', '&', '&#x10FFFF;', '<!--', '<![CDATA[', '</',
  '其中：', '包括：', '项目名称：', '资金分配情况：', '预算安排规模：', '一、', '（一）', '1.', '占', '%', '比上年增加', '增长',
  '1万元', '2元/月*12个月', '*', '=', '+', '-', '9'.repeat(60), '1e999999999', '0.30000000000000004', '\u202e', '\u0000',
  '\u001b[31m', '\ufeff', '__proto__', 'constructor', '{', '}', '[', ']', ':', ' ', '万元', '合计', '表八', '单位：元', '201', '30217',
];

interface Mutation {
  op: 'insert' | 'delete' | 'duplicate' | 'repeat' | 'replace';
  at: number;
  len: number;
  piece: string;
  times: number;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'duplicate', 'repeat', 'replace'),
  at: fc.nat(),
  len: fc.nat({ max: 80 }),
  piece: fc.constantFrom(...PIECES),
  times: fc.integer({ min: 1, max: 3000 }),
});
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    const end = Math.min(t.length, at + m.len);
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at) + m.piece + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(end);
        break;
      case 'duplicate':
        t = t.slice(0, end) + t.slice(at, end).repeat(Math.min(m.times, 200)) + t.slice(end);
        break;
      case 'repeat':
        t = t.slice(0, at) + m.piece.repeat(m.times) + t.slice(at);
        break;
      case 'replace':
        t = t.slice(0, at) + m.piece + t.slice(end);
        break;
    }
  }
  return t;
}

function hashes(files: string[]): string[] {
  return files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'));
}

/** Runs the check on `files[0]` (with a configuration when given) and asserts the contract. */
async function holds(files: string[], args: string[]): Promise<void> {
  const before = hashes(files);
  const t0 = Date.now();
  const r = await runCli(['check', ...args, '--jobs', '1', '-f', 'json']);
  if (process.env.FUZZ_SLOW && Date.now() - t0 > Number(process.env.FUZZ_SLOW)) {
    const keep = join(process.env.FUZZ_KEEP ?? tempDir(), `slow-${Date.now()}-${files[0]!.split('/').pop()}`);
    writeFileSync(keep, readFileSync(files[0]!));
    console.log(`slow (${Date.now() - t0} ms): ${keep}`);
  }
  expect([0, 1, 2]).toContain(r.code);
  expect(r.err + r.out).not.toMatch(/^\s+at |internal error|内部错误|Maximum call stack/m);
  if (r.code !== 2 || r.out !== '') JSON.parse(r.out || '{}'); // a report, when there is one, is whole
  expect(hashes(files)).toEqual(before);
}

const KASHGAR = 'fixtures/kashgar-2022';
const T3 = readFileSync(join(KASHGAR, 't3-部门支出总体情况表.csv'), 'utf8');
const T7 = readFileSync(join(KASHGAR, 't7-一般公共预算项目支出情况表.csv'), 'utf8');
const TEXT = readFileSync(join(KASHGAR, '情况说明.txt'), 'utf8');
const CONFIG = JSON.stringify(
  {
    rules: { 'empty-table': 'off' },
    tolerances: { absolute: '1元' },
    customRules: [{ id: 'local/cap', assert: "T7['房屋租赁'].合计 <= 250 + -(1 * 2)", message: '{actual} > {expected} {constructor}' }],
  },
  null,
  2,
);
const CONFIG_YAML = "rules:\n  empty-table: off\ncustomRules:\n  - id: local/cap\n    assert: T3.total.合计 = sum(T3['2*'].合计)\n    message: '{actual}'\n";

describe('fuzzing: exit 0/1/2, no stack, inputs unchanged', () => {
  it('CSV tables', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(T3, T7), mutations, async (base, ms) => {
        const file = join(dir, 't.csv');
        writeFileSync(file, mutate(base, ms));
        await holds([file], [file]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('workbooks (the sheet XML mutated, or the zip bytes)', async () => {
    const dir = tempDir();
    const grids = await csvGrids(KASHGAR);
    const entries = workbookEntries(
      grids.slice(0, 3).map(({ name, grid }) => ({ name: name.slice(0, 2), rows: grid.rows.map((r) => r.cells.map((c) => c.text)) })),
    );
    const book = workbookFromGrids(grids.slice(0, 3), (n) => n.slice(0, 2));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: entries.length - 1 }), mutations, fc.boolean(), async (part, ms, raw) => {
        const file = join(dir, 'b.xlsx');
        if (raw) {
          // bytes of the zip itself: mutate its latin1 text
          const bytes = Buffer.from(mutate(Buffer.from(book).toString('latin1'), ms), 'latin1');
          writeFileSync(file, bytes);
        } else {
          const copy = entries.map((e, i) => (i === part ? { ...e, data: new TextEncoder().encode(mutate(new TextDecoder().decode(e.data), ms)) } : e));
          writeFileSync(file, writeZip(copy));
        }
        await holds([file], [file]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('情况说明 texts, beside the tables', async () => {
    const dir = tempDir();
    for (const n of ['t3-部门支出总体情况表.csv', 't7-一般公共预算项目支出情况表.csv']) writeFileSync(join(dir, n), readFileSync(join(KASHGAR, n)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: TEXT.length - 4000 }), mutations, async (from, ms) => {
        const file = join(dir, '情况说明.txt');
        writeFileSync(file, mutate(TEXT.slice(from, from + 4000), ms));
        await holds([file, join(dir, 't3-部门支出总体情况表.csv')], [dir]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('configuration files (JSON and YAML)', async () => {
    const dir = tempDir();
    const table = join(dir, 't7.csv');
    writeFileSync(table, T7);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), mutations, async (json, ms) => {
        const cfg = join(dir, json ? 'c.json' : 'c.yaml');
        writeFileSync(cfg, mutate(json ? CONFIG : CONFIG_YAML, ms));
        await holds([table, cfg], [table, '-c', cfg]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
