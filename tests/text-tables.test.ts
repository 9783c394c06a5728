// A whole document given as text (pdftotext output) holds its tables as lines of figures. They are
// not read from text: the user is told so, at the first of them, instead of being left to think
// they were checked.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './input-support.js';
import { runMain } from './helpers.js';

const notices = (out: string) => JSON.parse(out).disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'input/text-tables-unread');

describe('tables inside a text', () => {
  it('are said to be unread, at the first row of figures, in both languages', async () => {
    const r = await runMain('check', 'fixtures/pdf/jiangsu-court-2019.txt', '--no-config', '-f', 'json');
    const found = notices(r.out);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', location: { file: 'fixtures/pdf/jiangsu-court-2019.txt', line: 175, column: 1 } });
    expect(found[0].message).toBe('说明文字中夹有表格：表格不从文字中读取，未检查；请一并提供 PDF 原件或各表的 CSV/xlsx');
    const en = await runMain('check', 'fixtures/pdf/jiangsu-court-2019.txt', '--no-config', '--lang', 'en');
    expect(en.out).toContain('the text holds tables: tables are not read from text and were not checked');
  });

  it('are not mentioned for a text of prose alone, nor when the tables come beside it', async () => {
    expect(notices((await runMain('check', 'fixtures/real/putuo-planning-2024-final/情况说明.txt', '--no-config', '-f', 'json')).out)).toEqual([]);
    const dir = join(tempDir(), 'court-2019');
    cpSync('fixtures/real/jiangsu-court-2019/banded', dir, { recursive: true });
    cpSync('fixtures/pdf/jiangsu-court-2019.txt', join(dir, '情况说明.txt'));
    const beside = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    expect(beside.disclosures).toHaveLength(1);
    expect(beside.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'input/text-tables-unread')).toEqual([]);
    expect(notices((await runMain('check', 'fixtures/pdf/jiangsu-court-2019.pdf', '--no-config', '-f', 'json')).out)).toEqual([]);
  });
});

describe('a 情况说明 in a word-processor document', () => {
  it('is named as unread (an info note where it is), and the tables beside it are checked as before', async () => {
    const dir = join(tempDir(), 'with-docx');
    cpSync('fixtures/kashgar-2022', dir, { recursive: true });
    writeFileSync(join(dir, '情况说明.docx'), 'PK\u0003\u0004 not read');
    writeFileSync(join(dir, '封面.png'), 'not a document');
    const r = JSON.parse((await runMain('check', dir, '--no-config', '-f', 'json')).out);
    const notes = r.disclosures[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'input/document-unread');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', location: { file: join(dir, '情况说明.docx'), line: 1, column: 1 } });
    const plain = JSON.parse((await runMain('check', 'fixtures/kashgar-2022', '--no-config', '-f', 'json')).out);
    const others = (d: { findings: Array<{ ruleId: string }> }) => d.findings.filter((f) => f.ruleId !== 'input/document-unread');
    expect(others(plain.disclosures[0]).length).toBeGreaterThan(20);
    expect(others(r.disclosures[0])).toEqual(others(plain.disclosures[0]).map((f: object) => JSON.parse(JSON.stringify(f).split('fixtures/kashgar-2022').join(dir))));
  });
});
