// Text from the inputs (cell text, file names, sheet names) reaches every report. Where the
// output is read by a terminal, control characters in that text could move the cursor, recolour
// or rewrite the screen, set the window title or hide text (ANSI escape injection), and bidi
// controls could reorder what is shown. They are made visible instead.
import type { Finding } from '../core/findings.js';
import type { DisclosureResult } from './types.js';

// C0 controls (tab included: it would shift the columns), DEL, C1 controls, bidi embeddings,
// overrides and isolates, and the line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Makes terminal control characters visible: ESC → "\x1b", U+202E → "\u202e". */
export function escapeTerminal(s: string): string {
  if (!hasTerminalControls(s)) return s;
  return s.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const UNSAFE_ONE = new RegExp(UNSAFE.source);

// bidi embeddings, overrides, isolates and marks, and the line/paragraph separators: for formats
// that keep line breaks and tabs (XML text) but must not let input text reorder what is shown
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Makes bidi controls visible ("\u202e") and leaves every other character as it is. */
export function escapeBidi(s: string): string {
  return s.replace(BIDI, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// what JSON.stringify leaves as it is but a viewer of the file would obey: C1 controls, bidi
// controls, the line/paragraph separators (C0 controls JSON escapes itself)
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON.stringify, with those characters written as \u escapes: the document parses to the same
 * strings, and a terminal or code-review page showing it is not reordered or driven by input text.
 * They can only stand inside strings, so an escape is always where JSON allows one.
 */
export function safeJson(v: unknown, space?: number): string {
  const s = JSON.stringify(v, null, space);
  return s.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasTerminalControls(s: string): boolean {
  return UNSAFE_ONE.test(s);
}

function escapeFinding(f: Finding, esc: (s: string) => string): Finding {
  const out: Finding = {
    ...f,
    message: { zh: esc(f.message.zh), en: esc(f.message.en) },
    location: { ...f.location, file: esc(f.location.file) },
  };
  if (f.location.row !== undefined) out.location.row = esc(f.location.row);
  if (f.location.col !== undefined) out.location.col = esc(f.location.col);
  if (f.inputs) {
    out.inputs = f.inputs.map((i) => {
      const o = { ...i, label: { zh: esc(i.label.zh), en: esc(i.label.en) }, value: esc(i.value) };
      if (i.location) o.location = { ...i.location, file: esc(i.location.file) };
      return o;
    });
  }
  return out;
}

/**
 * Every input-derived string of the results passed through `esc` (by default escapeTerminal):
 * paths, messages, row and column labels, inputs, and the message of an unusable input.
 * Formatters for other targets can pass their own escaper.
 */
export function escapeResults(results: DisclosureResult[], esc: (s: string) => string = escapeTerminal): DisclosureResult[] {
  return results.map((r) => {
    const out: DisclosureResult = { ...r, path: esc(r.path), findings: r.findings.map((f) => escapeFinding(f, esc)) };
    if (r.fatal) {
      out.fatal = { ...r.fatal, file: esc(r.fatal.file), message: { zh: esc(r.fatal.message.zh), en: esc(r.fatal.message.en) } };
    }
    return out;
  });
}
