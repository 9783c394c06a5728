// The words every layer shares: text in two languages, a place in a file, the sides of a
// summary table, units and severities. Types and constants only; this module imports nothing,
// so any layer may use it without pulling in another.

export type Lang = 'zh' | 'en';

/** The manifest a disclosure directory may hold, by the names it may have. */
export const MANIFEST_NAMES = ['disclosure.yaml', 'disclosure.yml', 'disclosure.json'];

/** Documents a 情况说明 is written in, which are not read but named (the loader's note; directory expansion groups them with a PDF). */
export const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set(['.doc', '.docx', '.wps', '.rtf', '.odt']);

/** Input files larger than this are refused unless --max-file-size says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface Bilingual {
  zh: string;
  en: string;
}

/** Where a cell, a claim or a finding stands: 1-based line and column of a file (or sheet). */
export interface Location {
  file: string;
  line: number;
  column: number;
  /** the page of a PDF the text was read from (then `line` is the line on that page) */
  page?: number;
  /** in a PDF: the box on the page, in points from its top left corner: x0, y0, x1, y1 */
  bbox?: [number, number, number, number];
}

/**
 * The blocks of a summary table printed side by side: revenue; spending by function; spending
 * by use (基本支出 / 项目支出 …, Jiangsu's third block); and the two blocks of a basic-spending
 * table of final accounts (人员经费 | 公用经费).
 */
export const SIDES = ['income', 'expense', 'use', 'personnel', 'publicFunds'] as const;
export type Side = (typeof SIDES)[number];

export const UNITS = ['元', '千元', '万元'] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_LABEL: Record<Unit, Bilingual> = {
  元: { zh: '元', en: 'yuan' },
  千元: { zh: '千元', en: 'thousand yuan' },
  万元: { zh: '万元', en: '10k yuan' },
};

/** A unit as a reader of the language calls it; one not known is shown as printed. */
export function unitName(unit: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return unit;
  if (unit === '亿元') return '100m yuan';
  return (UNIT_LABEL as Record<string, Bilingual>)[unit]?.en ?? unit;
}

export type Severity = 'error' | 'warning' | 'info';

/** A budget (预算) or the final accounts of a year (决算). */
export type Statement = 'budget' | 'final';
