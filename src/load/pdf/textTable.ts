// Tables printed without rules: a title line, then lines whose pieces (text separated by wide
// gaps) stand in columns. Amounts are right-aligned, so an amount column is where the right edges
// of figures gather; a label column is where the left edges of words gather. Header lines are
// placed under the column their middle stands over.
import type { FreeLine } from './page.js';

const NUMBER = /^[-−(（]?[\d,，]*\d(\.\d+)?[)）]?$/;
const DASH = /^[-—－–]$/;
const CODE = /^\d{3}(\d{2}){0,2}$/;

export function isFigure(t: string): boolean {
  const s = t.replace(/\s+/g, '');
  return (NUMBER.test(s) && /[.,，]/.test(s)) || (NUMBER.test(s) && !CODE.test(s)) || DASH.test(s);
}

interface Column {
  kind: 'amount' | 'label';
  left: number;
  right: number;
}

/** The columns of a text table from its data lines (lines with at least one figure). */
export function textColumns(lines: FreeLine[]): number[] | undefined {
  const amounts: Array<{ x0: number; x1: number }> = [];
  const labels: Array<{ x0: number; x1: number }> = [];
  for (const l of lines) {
    if (!l.pieces.some((p) => isFigure(p.text))) continue;
    for (const p of l.pieces) (isFigure(p.text) ? amounts : labels).push(p);
  }
  if (amounts.length === 0) return undefined;
  const size = Math.max(4, ...lines.map((l) => l.size)) * 0.8;
  const cols: Column[] = [];
  // amount columns: right edges together
  for (const g of cluster(amounts, (p) => p.x1, size)) cols.push({ kind: 'amount', left: Math.min(...g.map((p) => p.x0)), right: Math.max(...g.map((p) => p.x1)) });
  for (const g of cluster(labels, (p) => p.x0, size)) cols.push({ kind: 'label', left: Math.min(...g.map((p) => p.x0)), right: Math.max(...g.map((p) => p.x1)) });
  cols.sort((a, b) => a.left - b.left);
  // columns that overlap are one (a label column whose words run under an amount column's figures)
  const merged: Column[] = [];
  for (const c of cols) {
    const last = merged[merged.length - 1];
    if (last && c.left < last.right - size * 0.5 && c.kind === last.kind) {
      last.right = Math.max(last.right, c.right);
      continue;
    }
    merged.push({ ...c });
  }
  // borders between columns: halfway between one's right and the next one's left
  const borders: number[] = [-Infinity];
  for (let i = 0; i + 1 < merged.length; i++) borders.push((Math.min(merged[i]!.right, merged[i + 1]!.left) + merged[i + 1]!.left) / 2);
  borders.push(Infinity);
  return borders;
}

function cluster<T>(xs: T[], key: (x: T) => number, tol: number): T[][] {
  const sorted = [...xs].sort((a, b) => key(a) - key(b));
  const out: T[][] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && key(x) - key(last[last.length - 1]!) <= tol) last.push(x);
    else out.push([x]);
  }
  return out;
}

/** The column (0-based) a piece belongs to: where its middle stands, or for a figure its right edge. */
export function columnOf(borders: number[], p: { text: string; x0: number; x1: number }): number {
  const x = isFigure(p.text) ? p.x1 - 0.5 : (p.x0 + p.x1) / 2;
  let k = 0;
  while (k + 2 < borders.length && x >= borders[k + 1]!) k++;
  return k;
}

/** Lines after a title that look like a table printed without rules: what the table takes. */
export function textTableLines(lines: FreeLine[], start: number, isStop: (l: FreeLine) => boolean): number {
  let end = start;
  let data = 0;
  let gapSum = 0;
  let gaps = 0;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (isStop(l)) break;
    const prev = lines[i - 1];
    if (prev && prev.page === l.page) {
      const gap = l.box[1] - prev.box[3];
      // a gap much wider than the table's line spacing ends it
      if (gaps >= 3 && gap > (gapSum / gaps) * 3 + l.size) break;
      gapSum += Math.max(0, gap);
      gaps++;
    }
    const figures = l.pieces.some((p) => isFigure(p.text));
    // prose is no table row
    if (!figures && /[，。；]/.test(l.text) && l.text.length > 30) break;
    if (figures) data++;
    end = i + 1;
  }
  return data >= 2 ? end : start;
}

const CJK_WIDE = /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/;

/**
 * A line's pieces cut further at the spaces around figures and leading codes ("371,514,655.00 一、…",
 * "201 13 01行政运行"), with each part's x estimated from its characters' widths (a CJK character
 * is twice a Latin one).
 */
export function splitFigures(l: FreeLine): FreeLine {
  const pieces: FreeLine['pieces'] = [];
  for (const p of l.pieces) {
    const tokens = p.text.split(/\s+/).filter((t) => t !== '');
    if (tokens.length < 2 || !tokens.some((t) => isFigure(t) || /^\d{2,7}$/.test(t))) {
      pieces.push(p);
      continue;
    }
    const weight = (t: string) => Array.from(t).reduce((n, c) => n + (CJK_WIDE.test(c) ? 1 : 0.5), 0);
    const total = tokens.reduce((n, t) => n + weight(t), 0) + (tokens.length - 1) * 0.5;
    const unit = (p.x1 - p.x0) / (total || 1);
    // groups: a figure or a leading code alone; words between them together
    let x = p.x0;
    let cur: { text: string; x0: number; x1: number } | undefined;
    let leading = true;
    for (const t of tokens) {
      const w = weight(t) * unit;
      const alone = isFigure(t) || (leading && /^\d{2,7}$/.test(t));
      if (!/^\d{2,7}$/.test(t)) leading = false;
      if (alone) {
        if (cur) pieces.push(cur);
        cur = undefined;
        pieces.push({ text: t, x0: x, x1: x + w });
      } else if (cur) {
        cur.text += ' ' + t;
        cur.x1 = x + w;
      } else cur = { text: t, x0: x, x1: x + w };
      x += w + 0.5 * unit;
    }
    if (cur) pieces.push(cur);
  }
  return { ...l, pieces };
}
