// Text items → lines and cell text. Items are grouped into lines by their vertical middle; in a
// line they are read left to right, with a space where the PDF draws one or leaves a gap.
import { mid, type TextItem } from './types.js';

export interface TextLine {
  items: TextItem[];
  top: number;
  bottom: number;
  x0: number;
  x1: number;
  /** the largest font size in the line */
  size: number;
}

/** Items (in any order) grouped into lines, top to bottom; each line's items left to right. */
export function groupLines(items: readonly TextItem[]): TextLine[] {
  const sorted = items.filter((t) => !t.space).sort((a, b) => mid(a) - mid(b) || a.x0 - b.x0);
  const spaces = items.filter((t) => t.space);
  const lines: TextLine[] = [];
  let cur: TextItem[] = [];
  let anchor = 0;
  let size = 0;
  const close = () => {
    if (!cur.length) return;
    cur.sort((a, b) => a.x0 - b.x0);
    lines.push(makeLine(cur));
    cur = [];
  };
  for (const t of sorted) {
    const m = mid(t);
    // a new line when the middle moves more than about half a glyph from the line's first
    if (cur.length && m - anchor > Math.min(size, t.size) * 0.5) close();
    if (!cur.length) {
      anchor = m;
      size = t.size;
    }
    cur.push(t);
  }
  close();
  // white-space items separate words: each joins the line whose middle it shares
  const mids = lines.map((l) => (l.top + l.bottom) / 2);
  for (const s of spaces) {
    const m = mid(s);
    let lo = 0;
    let hi = mids.length - 1;
    while (lo < hi) {
      const k = (lo + hi) >> 1;
      if (mids[k]! < m) lo = k + 1;
      else hi = k;
    }
    for (const k of [lo - 1, lo, lo + 1]) {
      const line = lines[k];
      if (line && m >= line.top && m <= line.bottom) {
        line.items.push(s);
        break;
      }
    }
  }
  for (const l of lines) l.items.sort((a, b) => a.x0 - b.x0 || (a.space ? 1 : 0) - (b.space ? 1 : 0));
  return lines;
}

function makeLine(items: TextItem[]): TextLine {
  let top = Infinity;
  let bottom = -Infinity;
  let x0 = Infinity;
  let x1 = -Infinity;
  let size = 0;
  for (const t of items) {
    top = Math.min(top, t.top);
    bottom = Math.max(bottom, t.bottom);
    x0 = Math.min(x0, t.x0);
    x1 = Math.max(x1, t.x1);
    size = Math.max(size, t.size);
  }
  return { items, top, bottom, x0, x1, size };
}

/** One line's text: items joined, a space where a space item or a gap of a third of a glyph lies between. */
export function lineText(items: readonly TextItem[], wideGap = Infinity): string {
  let out = '';
  let lastEnd = -Infinity;
  let pendingSpace = false;
  let lastSize = 0;
  for (const t of items) {
    if (t.space) {
      if (out !== '') pendingSpace = true;
      continue;
    }
    if (out !== '') {
      const gap = t.x0 - lastEnd;
      const size = Math.min(lastSize, t.size);
      if (gap > wideGap * size) out += '  ';
      else if (pendingSpace || gap > size * 0.3) out += ' ';
    }
    out += t.str;
    lastEnd = Math.max(lastEnd, t.x1);
    lastSize = t.size;
    pendingSpace = false;
  }
  return out.replace(/\s+/g, (s) => (s.length >= 2 ? '  ' : ' ')).trim();
}

const LATIN = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;

/** A cell's lines joined: nothing between CJK text or digits (a name or a number wrapped in its
 *  cell), a space between words in Latin letters. */
export function joinCellLines(lines: string[]): string {
  let out = '';
  for (const l of lines) {
    if (l === '') continue;
    if (out !== '' && LATIN.test(out) && LATIN_START.test(l)) out += ' ';
    out += l;
  }
  return out;
}
