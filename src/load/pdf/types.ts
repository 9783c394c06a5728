// The pieces a PDF page is read into: text items with their boxes, and the rules (table borders)
// drawn on it, all in page points with the origin at the top left (y grows downwards).

/** x0, y0 (top left), x1, y1 (bottom right), in points from the page's top left corner */
export type Box = [number, number, number, number];

export interface TextItem {
  str: string;
  x0: number;
  x1: number;
  /** the glyphs' top and bottom (baseline + descent) */
  top: number;
  bottom: number;
  /** font size in points */
  size: number;
  /** the item is only white space */
  space: boolean;
}

/** A horizontal (y fixed) or vertical (x fixed) rule. */
export interface Segment {
  /** 'h': from a to b along x at c = y; 'v': from a to b along y at c = x */
  dir: 'h' | 'v';
  c: number;
  a: number;
  b: number;
}

export interface PageContent {
  /** 1-based */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  segments: Segment[];
}

/** Where a piece of text read from a PDF stands: its page, its line on the page, its box. */
export interface PdfPlace {
  page: number;
  line: number;
  column: number;
  bbox?: Box;
}

export function mid(t: TextItem): number {
  return (t.top + t.bottom) / 2;
}

export function union(a: Box | undefined, b: Box): Box {
  if (!a) return [b[0], b[1], b[2], b[3]];
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

export function boxOf(t: TextItem): Box {
  return [t.x0, t.top, t.x1, t.bottom];
}

/** Boxes as findings carry them: points rounded to one decimal. */
export function roundBox(b: Box): Box {
  return [r1(b[0]), r1(b[1]), r1(b[2]), r1(b[3])];
}

function r1(n: number): number {
  return Math.round(n * 10) / 10;
}
