// Text as it comes out of a PDF: sentences broken across lines, blank lines between them, page
// numbers, table residue. This module classifies the lines and joins the prose into one stream,
// keeping for every character of the stream the line and column it came from.

/** Full-width forms to ASCII, one character for one so offsets stay aligned. "，" is kept: it is
 *  the clause separator, and the number reader accepts it as a thousands separator itself. */
const MAP: Record<string, string> = {
  '．': '.', '％': '%', '＋': '+', '－': '-', '＝': '=', '＊': '*', '×': '*', '（': '(', '）': ')',
  '：': '：', '；': '；', '〈': '<', '〉': '>', '＜': '<', '＞': '>', '／': '/', '　': ' ', '\u00a0': ' ',
};

export function normalizeChar(c: string): string {
  const code = c.charCodeAt(0);
  // ASCII and CJK ideographs, nearly every character of a text, are never mapped
  if (code < 0xa0 || (code >= 0x4e00 && code <= 0x9fff)) return c;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  return MAP[c] ?? c;
}

/** normalizeChar by UTF-16 unit: undefined when the unit stays. Surrogates never map (normalizeChar
 *  leaves pairs and lone halves as they are), so mapping by unit equals mapping by code point. */
function mappedUnit(code: number): string | undefined {
  if (code < 0xa0 || (code >= 0x4e00 && code <= 0x9fff)) return undefined;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  const r = MAP[String.fromCharCode(code)];
  return r === undefined || r.charCodeAt(0) === code ? undefined : r;
}

/** Exactly the units mappedUnit changes: full-width digits and the MAP entries that differ. */
const MAPPED = new RegExp(
  `[\\uff10-\\uff19${Object.keys(MAP)
    .filter((k) => MAP[k] !== k)
    .map((k) => `\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
);

/** normalizeChar over a line, without splitting it into characters; a line with nothing to map
 *  (most of them: "，" and "。" stay) is returned as it is. */
export function normalizeLine(s: string): string {
  if (!MAPPED.test(s)) return s;
  // pieces joined once: concatenating at every mapped character builds a rope as long as the line
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const r = mappedUnit(s.charCodeAt(i));
    if (r === undefined) continue;
    if (i > from) out.push(s.slice(from, i));
    out.push(r);
    from = i + 1;
  }
  if (out.length === 0) return s;
  out.push(s.slice(from));
  return out.join('');
}

/** A joined stream with the source position of every character. */
export interface Mapped {
  text: string;
  line: Int32Array;
  col: Int32Array;
  /** 1 where the character is the last one of its source line */
  eol: Uint8Array;
  /** heading level of the line that starts at this offset: 0 部分, 1 一、, 2 (一), 3 1. */
  headings: Array<{ offset: number; level: number }>;
}

export function headingLevel(trimmed: string): number | undefined {
  if (/^第[一二三四五六七八九十]+部分/.test(trimmed)) return 0;
  if (/^[一二三四五六七八九十]+、/.test(trimmed)) return 1;
  if (/^[(（][一二三四五六七八九十]+[)）]/.test(trimmed)) return 2;
  if (/^\d{1,2}[.、．](?!\d)/.test(trimmed)) return 3;
  return undefined;
}

/** White space as /\s/ sees it, by character code. */
function isSpaceCode(code: number): boolean {
  // nearly every character is printable ASCII or CJK: settle those first
  if (code > 0x20 && code < 0xa0) return false;
  if (code > 0x3000) return code === 0xfeff;
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isSpace(c: string | undefined): boolean {
  return c !== undefined && c !== '' && isSpaceCode(c.charCodeAt(0));
}

/** ALNUM by character code; -1 (no character) is none. */
function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46 || code === 37;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

const MARKDOWN_OPENING = /^(#{1,6}\s+|[-+]\s+|>\s*)/;
const SURROGATE = /[\ud800-\udfff]/;

/** The stream being built: text in pieces, positions in arrays sized for the most characters
 *  the lines can give, and the code of its last character (-1 when that one is a surrogate pair,
 *  which is neither a letter nor a digit). */
interface Joiner {
  pieces: string[];
  line: Int32Array;
  col: Int32Array;
  eol: Uint8Array;
  headings: Mapped['headings'];
  count: number;
  last: number;
}

function pushChar(j: Joiner, c: string, ln: number, col: number): void {
  j.pieces.push(c);
  j.line[j.count] = ln;
  j.col[j.count] = col;
  j.count++;
  j.last = c.length === 1 ? c.charCodeAt(0) : -1;
}

/** Joins the given lines (1-based numbers into `lines`) into one stream. `normalized`, when
 *  given, is normalizeLine of every line, computed once for classifyLines and every join. */
export function joinLines(lines: string[], numbers: number[], normalized?: readonly string[]): Mapped {
  // a line gives at most its characters, a line break before a heading and a space before it
  let most = 0;
  for (const ln of numbers) most += (lines[ln - 1] ?? '').length + 2;
  const j: Joiner = { pieces: [], line: new Int32Array(most), col: new Int32Array(most), eol: new Uint8Array(most), headings: [], count: 0, last: -1 };
  for (const ln of numbers) {
    const raw = lines[ln - 1] ?? '';
    if (SURROGATE.test(raw)) joinLineByCodePoint(j, raw, ln);
    else joinLine(j, raw, ln, normalized?.[ln - 1]);
  }
  // views of the characters written, so that reading past the end gives undefined
  return { text: j.pieces.join(''), line: j.line.subarray(0, j.count), col: j.col.subarray(0, j.count), eol: j.eol.subarray(0, j.count), headings: j.headings };
}

/** One line without surrogates: a character is one UTF-16 unit, its column its index + 1. */
function joinLine(j: Joiner, raw: string, ln: number, normalized: string | undefined): void {
  let norm = normalized ?? normalizeLine(raw);
  const n = norm.length;
  let first = 0;
  while (first < n && isSpaceCode(norm.charCodeAt(first))) first++;
  if (first === n) return;
  // Markdown: "## 一、…", "- 1.…", "> …" open the line; "**" marks emphasis
  const md = MARKDOWN_OPENING.exec(norm.slice(first, first + 8));
  if (md) first += md[0].length;
  if (norm.indexOf('**', first) >= 0) norm = norm.slice(0, first) + norm.slice(first).replace(/\*\*/g, '  ');
  const level = headingLevel(norm.slice(first, first + 16));
  if (level !== undefined) {
    // a heading ends whatever came before it: a line break the clause readers stop at
    if (j.count) pushChar(j, '\n', ln, 1);
    j.headings.push({ offset: j.count, level });
  }
  const startLen = j.count;
  let i = first;
  while (i < n) {
    const code = norm.charCodeAt(i);
    if (isSpaceCode(code)) {
      // keep one space only where it separates two numbers or words written in Latin letters
      const prev = j.count > startLen ? j.last : -1;
      let k = i + 1;
      while (k < n && isSpaceCode(norm.charCodeAt(k))) k++;
      const next = k < n ? norm.charCodeAt(k) : -1;
      if (isAlnumCode(prev) && isAlnumCode(next) && (isDigitCode(prev) || isDigitCode(next))) pushChar(j, ' ', ln, i + 1);
      i = k;
      continue;
    }
    if (i === first && j.count > 0 && isAlnumCode(j.last) && isAlnumCode(code)) pushChar(j, ' ', ln, i + 1);
    // a run of non-space characters in one piece
    let k = i + 1;
    while (k < n && !isSpaceCode(norm.charCodeAt(k))) k++;
    j.pieces.push(k === n && i === 0 ? norm : norm.slice(i, k));
    const at = j.count - i;
    j.line.fill(ln, at + i, at + k);
    for (let c = i; c < k; c++) j.col[at + c] = c + 1;
    j.count += k - i;
    j.last = norm.charCodeAt(k - 1);
    i = k;
  }
  if (j.count > startLen) j.eol[j.count - 1] = 1;
}

/** One line with characters outside the BMP: one entry per code point, as the stream has always
 *  been indexed. */
function joinLineByCodePoint(j: Joiner, raw: string, ln: number): void {
  const rawChars = Array.from(raw);
  const norm = rawChars.map(normalizeChar);
  let first = norm.findIndex((c) => !isSpace(c));
  if (first < 0) return;
  const opening = norm.slice(first, first + 8).join('');
  const md = MARKDOWN_OPENING.exec(opening);
  if (md) first += md[0].length;
  for (let k = first; k + 1 < norm.length; k++) if (norm[k] === '*' && norm[k + 1] === '*') norm[k] = norm[k + 1] = ' ';
  const level = headingLevel(norm.slice(first, first + 16).join(''));
  if (level !== undefined) {
    if (j.count) pushChar(j, '\n', ln, 1);
    j.headings.push({ offset: j.count, level });
  }
  // columns count UTF-16 units like the table loader does
  let col = 1;
  const cols: number[] = [];
  for (const c of rawChars) {
    cols.push(col);
    col += c.length;
  }
  const startLen = j.count;
  for (let i = first; i < norm.length; i++) {
    const c = norm[i]!;
    if (isSpace(c)) {
      const prev = j.count > startLen ? j.last : -1;
      let k = i + 1;
      while (k < norm.length && isSpace(norm[k])) k++;
      const nextC = norm[k] ?? '';
      const next = nextC.length === 1 ? nextC.charCodeAt(0) : -1;
      if (isAlnumCode(prev) && isAlnumCode(next) && (isDigitCode(prev) || isDigitCode(next))) pushChar(j, ' ', ln, cols[i]!);
      i = k - 1;
      continue;
    }
    const code = c.length === 1 ? c.charCodeAt(0) : -1;
    if (i === first && j.count > 0 && isAlnumCode(j.last) && isAlnumCode(code)) pushChar(j, ' ', ln, cols[i]!);
    pushChar(j, c, ln, cols[i]!);
  }
  if (j.count > startLen) j.eol[j.count - 1] = 1;
}

export type LineKind = 'prose' | 'residue' | 'performance' | 'page' | 'blank';

const PAGE = /^\s*\d{1,3}\s*$/;
/** "项目支出绩效目标表", "2022年项目支出绩效目标表", "（部门）项目支出绩效目标申报表" */
export const PERF_TITLE = /^(?:\d{4}\s*年度?)?(?:[(（]?部门[)）]?)?项目支出绩效目标(?:申报)?表\s*$/;
const TABLE_ROW = /\S\s{2,}\S/;
const NUMBERISH = /\d[\d,]*\.\d{2}\b|\d{1,3}(?:,\d{3})+/;
const PROSE_HEADING = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)/;

/**
 * Classifies every line. Table residue: a 第N部分 whose title names tables (…公开表) up to the
 * next part, and elsewhere blocks that open with 编制部门 and go on while lines look like
 * table rows (wide gaps between cells). 项目支出绩效目标表 blocks are read on their own.
 */
export function classifyLines(lines: string[], normalized?: readonly string[]): LineKind[] {
  const kinds: LineKind[] = lines.map((l) => (l.trim() === '' ? 'blank' : 'prose'));
  let inPartTables = false;
  let inPerf = false;
  let inResidue = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // normalizing maps no white space to print nor print to white space, so trimming commutes
    const t = normalized ? normalized[i]!.trim() : normalizeLine(raw.trim());
    if (t === '') continue;
    const part = /^第[一二三四五六七八九十]+部分/.test(t);
    if (part) {
      inPartTables = /表\s*$/.test(t);
      inPerf = false;
      inResidue = false;
      if (inPartTables) kinds[i] = 'residue';
      continue;
    }
    if (inPartTables) {
      kinds[i] = 'residue';
      continue;
    }
    if (PERF_TITLE.test(t)) {
      inPerf = true;
      inResidue = false;
      kinds[i] = 'performance';
      continue;
    }
    if (inPerf) {
      if (PROSE_HEADING.test(t)) inPerf = false;
      else {
        kinds[i] = 'performance';
        continue;
      }
    }
    const tableRow = (TABLE_ROW.test(raw.trim()) && NUMBERISH.test(raw)) || /^\|.*\|$/.test(t);
    if (/^编制部门[:：]/.test(t) || /单位[:：]\s*(万元|元|千元)\s*$/.test(t)) {
      inResidue = true;
      // the title line just above belongs to the table
      for (let k = i - 1; k >= 0 && k >= i - 2; k--) if (kinds[k] === 'prose' && !/[。；]$/.test(lines[k]!.trim())) kinds[k] = 'residue';
    }
    if (inResidue) {
      const short = t.length <= 24 && !/[，。；]/.test(t) && !PROSE_HEADING.test(t);
      if (tableRow || short || /^编制部门|单位[:：]/.test(t)) {
        kinds[i] = 'residue';
        continue;
      }
      inResidue = false;
    }
    if (tableRow) {
      kinds[i] = 'residue';
      continue;
    }
    if (PAGE.test(raw)) kinds[i] = 'page';
  }
  return kinds;
}
