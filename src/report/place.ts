// How reports name a place: file:line:column, or the file (the disclosure) alone for a finding
// about the disclosure as a whole; and a figure with its unit in the reader's language.
import type { Lang } from '../core/findings.js';
import { unitName } from '../core/vocabulary.js';

/** file:line:column; in a PDF file:p.page:line:column (the line on its page). */
export function placeText(loc: { file: string; line: number; column: number; page?: number }): string {
  if (loc.line === 0) return loc.file;
  return `${loc.file}:${loc.page !== undefined ? `p.${loc.page}:` : ''}${loc.line}:${loc.column}`;
}

/** "116800 元", "1.03%", "972.32 10k yuan". */
export function withUnit(value: string, unit: string | undefined, lang: Lang): string {
  if (!unit) return value;
  return unit === '%' ? `${value}%` : `${value} ${unitName(unit, lang)}`;
}
