// Control characters planted in the inputs reach the github, markdown and JUnit reports only as
// visible escapes, after each format's own escaping.
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { escapeCell } from '../src/report/markdown.js';
import { junitFormatter, xmlEscape } from '../src/report/junit.js';
import { summarize, type DisclosureResult } from '../src/report/types.js';

describe('report escaping of input text', () => {
  it('github: workflow-command escaping, then control characters made visible', () => {
    expect(escapeData('50%\r\n\u001b[31mred')).toBe('50%25%0D%0A\\x1b[31mred');
    expect(escapeProperty('a:b,c\u202e')).toBe('a%3Ab%2Cc\\u202e');
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
});
