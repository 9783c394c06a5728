// Control characters planted in the inputs reach the github and markdown reports only as
// visible escapes, after each format's own escaping.
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { escapeCell } from '../src/report/markdown.js';

describe('report escaping of input text', () => {
  it('github: workflow-command escaping, then control characters made visible', () => {
    expect(escapeData('50%\r\n\u001b[31mred')).toBe('50%25%0D%0A\\x1b[31mred');
    expect(escapeProperty('a:b,c\u202e')).toBe('a%3Ab%2Cc\\u202e');
  });

  it('markdown: table punctuation escaped, line breaks as <br>, control characters made visible', () => {
    expect(escapeCell('a|b\n<i>\u001b]0;x\u0007')).toBe('a\\|b<br>&lt;i&gt;\\x1b\\]0;x\\x07');
  });
});
