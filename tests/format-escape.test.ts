// Control characters planted in the inputs reach the github, markdown and JUnit reports only as
// visible escapes, after each format's own escaping.
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { escapeCell } from '../src/report/markdown.js';
import { escHtml } from '../src/report/html.js';
import { junitFormatter, xmlEscape } from '../src/report/junit.js';
import { jsonFormatter, jsonlFormatter } from '../src/report/json.js';
import { sarifFormatter } from '../src/report/sarif.js';
import { summarize, type DisclosureResult } from '../src/report/types.js';

describe('report escaping of input text', () => {
  it('github: workflow-command escaping, then control characters made visible', () => {
    expect(escapeData('50%\r\n\u001b[31mred')).toBe('50%25%0D%0A\\x1b[31mred');
    expect(escapeProperty('a:b,c\u202e')).toBe('a%3Ab%2Cc\\u202e');
  });

  it('html: markup escaped, C0 and C1 controls as \\xNN, bidi controls as \\uNNNN, as the other formats write them', () => {
    expect(escHtml('a<b>\u001b\u0085\u202ec\u2066')).toBe('a&lt;b&gt;\\x1b\\x85\\u202ec\\u2066');
  });

  it('markdown: table punctuation escaped, line breaks as <br>, control characters made visible', () => {
    expect(escapeCell('a|b\n<i>\u001b]0;x\u0007')).toBe('a\\|b<br>&lt;i&gt;\\x1b\\]0;x\\x07');
  });

  it('junit: XML escaping, with bidi controls (U+202E right-to-left override) made visible in attributes and text', () => {
    expect(xmlEscape('a\u202eb<c>\u2066')).toBe('a\\u202eb&lt;c&gt;\\u2066');
    const results: DisclosureResult[] = [
      {
        path: 'd\u202efdp.csv',
        findings: [{ ruleId: 'row-total', severity: 'error', message: { zh: '“\u202e计合”', en: '"\u202elatot"' }, location: { file: 'd\u202efdp.csv', line: 2, column: 3 } }],
      },
    ];
    const xml = junitFormatter.format(results, summarize(results), { lang: 'zh', color: false, failOn: 'error', verbose: false });
    expect(xml).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(xml).toContain('d\\u202efdp.csv:2:3: “\\u202e计合”');
  });

  it('json, jsonl and sarif: bidi and C1 controls and line separators written as \\u escapes, the data they parse to unchanged', () => {
    const file = 'd\u202efdp\u2028.csv';
    const message = '“\u202e计合\u0085”';
    const results: DisclosureResult[] = [{ path: file, findings: [{ ruleId: 'row-total', severity: 'error', message: { zh: message, en: message }, location: { file, line: 2, column: 3 } }] }];
    const opts = { lang: 'zh' as const, color: false, failOn: 'error' as const, verbose: false };
    for (const fmt of [jsonFormatter, jsonlFormatter, sarifFormatter]) {
      const out = fmt.format(results, summarize(results), opts);
      expect(out).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
      expect(out).toContain('\\u202e');
      for (const line of fmt === jsonlFormatter ? out.trim().split('\n') : [out]) JSON.parse(line);
    }
    const parsed = JSON.parse(jsonFormatter.format(results, summarize(results), opts));
    expect(parsed.disclosures[0].findings[0].message).toBe(message);
    expect(parsed.disclosures[0].path).toBe(file);
  });
});
