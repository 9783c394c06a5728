// Directory trees of PDFs, texts and tables, generated: a 情况说明 text beside PDFs is never lost in
// silence (its directory is checked as one disclosure, or it is reported as left out), a readme is
// never reported, and no PDF is checked twice or not at all. (Fails at once if the grouping of a PDF
// with its text is taken out: [{"files":["pdf","text"],"dirs":[]}].)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandPaths } from '../src/batch/expand.js';
import { tempDir } from './input-support.js';

type Entry = 'pdf' | 'tables-pdf' | 'text-pdf' | 'text' | 'readme' | 'csv' | 'docx';
interface Tree {
  files: Entry[];
  dirs: Tree[];
}

const tree: fc.Arbitrary<Tree> = fc.letrec((tie) => ({
  node: fc.record({
    files: fc.array(fc.constantFrom<Entry>('pdf', 'tables-pdf', 'text-pdf', 'text', 'readme', 'csv', 'docx'), { maxLength: 4 }),
    dirs: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant([]), fc.array(tie('node'), { maxLength: 3 })),
  }),
})).node as fc.Arbitrary<Tree>;

const NAMES: Record<Entry, (i: number) => string> = {
  pdf: (i) => `单位${i}.pdf`,
  'tables-pdf': (i) => `预算公开表${i}.pdf`,
  'text-pdf': (i) => `预算情况说明${i}.pdf`,
  text: (i) => `情况说明${i}.txt`,
  readme: (i) => `readme${i}.txt`,
  csv: (i) => `t${i}.csv`,
  docx: (i) => `说明${i}.docx`,
};

/** Writes the tree; returns the texts that state amounts (情况说明) and the PDFs, as paths. */
function write(root: string, t: Tree): { texts: string[]; pdfs: string[] } {
  const texts: string[] = [];
  const pdfs: string[] = [];
  const walk = (dir: string, n: Tree) => {
    mkdirSync(dir, { recursive: true });
    n.files.forEach((e, i) => {
      const p = join(dir, NAMES[e](i));
      if (e === 'text') texts.push(p);
      if (e.endsWith('pdf')) pdfs.push(p);
      writeFileSync(p, e === 'text' ? '收入预算 10 万元。\n' : e === 'readme' ? '本目录存放公开文件。\n' : e === 'csv' ? '表八\n合计\n1.00\n' : 'x');
    });
    n.dirs.forEach((d, i) => walk(join(dir, `d${i}`), d));
  };
  walk(root, t);
  return { texts, pdfs };
}

describe('PDFs and texts in a tree of directories', () => {
  it('never drop a 情况说明 beside a PDF in silence, and check every PDF once', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const root = tempDir('budgetlint-tree-');
        const { texts, pdfs } = write(join(root, 'r'), t);
        const e = expandPaths([join(root, 'r')]);
        const covered = (p: string) => e.paths.some((d) => d === p || d === dirname(p)) || e.leftOut.includes(p);
        const underTables = (p: string) => e.paths.some((d) => p.startsWith(d + '/') && !d.endsWith('.pdf'));
        for (const p of texts) {
          const hasPdf = pdfs.some((q) => dirname(q) === dirname(p));
          // a text beside PDFs, or in a directory of tables: checked there, or said to be left out
          if (hasPdf) expect([relative(root, p), covered(p) || underTables(p)]).toEqual([relative(root, p), true]);
        }
        for (const p of pdfs) {
          const by = e.paths.filter((d) => d === p || d === dirname(p) || (p.startsWith(d + '/') && !d.endsWith('.pdf')));
          expect([relative(root, p), by.length]).toEqual([relative(root, p), 1]);
        }
        // a readme is never reported
        expect(e.leftOut.filter((p) => /readme/.test(p))).toEqual([]);
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });
});

describe('a PDF and its own text written out (x.pdf, x.txt)', () => {
  it('is the PDF alone: the text is its conversion, neither grouped with it nor reported', () => {
    const root = tempDir('budgetlint-converted-');
    for (const n of ['a.pdf', 'a.txt', 'b.pdf', 'b.txt']) writeFileSync(join(root, n), n.endsWith('.txt') ? '收入预算 10 万元。\n' : 'x');
    expect(expandPaths([root])).toEqual({ paths: [join(root, 'a.pdf'), join(root, 'b.pdf')], unmatched: [], invalid: [], leftOut: [] });
    const one = tempDir('budgetlint-converted-');
    for (const n of ['a.pdf', 'a.txt']) writeFileSync(join(one, n), n.endsWith('.txt') ? '收入预算 10 万元。\n' : 'x');
    expect(expandPaths([one]).paths).toEqual([join(one, 'a.pdf')]);
    // beside that, a text of its own name is a 情况说明 and is reported when it cannot be placed
    writeFileSync(join(root, '情况说明.txt'), '收入预算 10 万元。\n');
    expect(expandPaths([root]).leftOut).toEqual([join(root, '情况说明.txt')]);
  });
});
