// Input that cannot be used at all. Carries its own bilingual message and location so the
// CLI can print it without a stack trace and exit with 2.
import type { Bilingual } from '../core/vocabulary.js';

export type { Bilingual };

export class InputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly text: Bilingual;

  constructor(text: Bilingual, file: string, line?: number, column?: number) {
    super(text.en);
    this.name = 'InputError';
    this.text = text;
    this.file = file;
    this.line = line;
    this.column = column;
  }

  where(): string {
    let s = this.file;
    if (this.line !== undefined) s += `:${this.line}`;
    if (this.line !== undefined && this.column !== undefined) s += `:${this.column}`;
    return s;
  }
}
