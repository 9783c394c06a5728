// A one-line progress bar for batch runs, redrawn in place on a terminal's standard error.

/** Columns a string takes on a terminal: wide (CJK, full-width) characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Keeps the end of a path (the part that differs) within `max` columns. */
function fitLeft(s: string, max: number): string {
  if (max <= 0) return '';
  if (displayWidth(s) <= max) return s;
  const chars = [...s];
  let w = 1; // the ellipsis
  let i = chars.length;
  while (i > 0 && w + displayWidth(chars[i - 1]!) <= max) w += displayWidth(chars[--i]!);
  return '…' + chars.slice(i).join('');
}

/** e.g. "[#########-----------]  45/100  45%  regions/x/2024" fitted to `columns`. */
export function progressLine(done: number, total: number, columns: number, label = ''): string {
  const barWidth = 20;
  const filled = total > 0 ? Math.floor((done / total) * barWidth) : barWidth;
  const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
  const count = `${String(done).padStart(String(total).length)}/${total}`;
  const head = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${count} ${String(pct).padStart(3)}%`;
  const room = columns - 1 - displayWidth(head) - 2; // never touch the last column: some terminals wrap
  return label && room > 3 ? `${head}  ${fitLeft(label, room)}` : head;
}

export interface ProgressStream {
  write(s: string): boolean;
  columns?: number;
}

export class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    /** redraws at most this often (ms) */
    private readonly interval = 100,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number, total: number, label: string): void {
    const t = this.now();
    if (done < total && this.shown && t - this.last < this.interval) return;
    this.last = t;
    this.shown = true;
    this.stream.write(`\r${progressLine(done, total, this.stream.columns || 80, label)}\x1b[K`);
  }

  /** Erases the bar so the report starts on a clean line. */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
