// Text from the inputs cannot drive the terminal: escape sequences and bidi controls in cells
// and file names reach the text report and stderr as visible escapes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeResults, escapeTerminal, hasTerminalControls } from '../src/report/escape.js';
import { runCli, tempDir } from './input-support.js';

describe('escapeTerminal', () => {
  it('makes control characters visible and leaves everything else alone', () => {
    expect(escapeTerminal('\u001b[2J\u001b]0;title\u0007x')).toBe('\\x1b[2J\\x1b]0;title\\x07x');
    expect(escapeTerminal('a\tb\r\nc\u007f\u009b')).toBe('a\\x09b\\x0d\\x0ac\\x7f\\x9b');
    expect(escapeTerminal('金额\u202e321\u2066')).toBe('金额\\u202e321\\u2066');
    expect(escapeTerminal('表三 201 一般公共服务支出（１，７８５.６３万元）—')).toBe('表三 201 一般公共服务支出（１，７８５.６３万元）—');
    expect(hasTerminalControls('plain 中文')).toBe(false);
    expect(hasTerminalControls('x\u001by')).toBe(true);
    expect(hasTerminalControls('x\u001by')).toBe(true); // no state kept between calls
  });

  it('escapes every input-derived string of a result', () => {
    const [r] = escapeResults([
      {
        path: 'd\u001b',
        findings: [
          {
            ruleId: 'x',
            severity: 'error',
            message: { zh: 'm\u001b', en: 'm\u001b' },
            location: { file: 'f\u001b', line: 1, column: 1, row: 'r\u001b', col: 'c\u001b' },
            inputs: [{ label: { zh: 'l\u001b', en: 'l\u001b' }, value: 'v\u001b', location: { file: 'g\u001b', line: 2, column: 3 } }],
          },
        ],
        fatal: { message: { zh: 'z\u001b', en: 'e\u001b' }, file: 'h\u001b' },
      },
    ]);
    expect(JSON.stringify(r)).not.toContain('\\u001b');
    expect(r!.findings[0]!.inputs![0]!.value).toBe('v\\x1b');
    expect(r!.fatal!.file).toBe('h\\x1b');
  });
});

describe('the text report and stderr', () => {
  it('show an escape sequence planted in an amount cell as text', async () => {
    const dir = tempDir();
    const evil = '\u001b[2J\u001b]0;pwned\u0007';
    writeFileSync(
      join(dir, 't8.csv'),
      `表八,,,\n一般公共预算“三公”经费支出情况表,,,\n单位：万元,,,\n合计,因公出国（境）费,公务用车购置及运行费,公务接待费\n${evil}9.02,,,9.02\n`,
    );
    const r = await runCli(['check', join(dir, 't8.csv'), '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).not.toContain('\u0007');
    expect(r.out).toContain('“\\x1b[2J\\x1b]0;pwned\\x079.02”不是数字');
  });

  it('escape a control character in a file name in the stderr line', async () => {
    const dir = tempDir();
    const name = 'a\u001b[31mb.csv';
    writeFileSync(join(dir, name), '');
    const r = await runCli(['check', join(dir, name), '--jobs', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`budgetlint: ${dir}/a\\x1b[31mb.csv: 文件为空\n`);
    expect(r.out).not.toContain('\u001b');
  });
});
