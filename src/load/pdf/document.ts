// Opening a PDF with pdfjs-dist (its legacy build, which runs on Node) and reading each page's
// text items and rules. pdfjs is imported here only, and this module only when a PDF is given.
// What cannot be read — encrypted, damaged, scanned (no text layer), too large — is an InputError.
import { createRequire } from 'node:module';
import { unifyRadicals } from '../../core/cjk.js';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { PageContent, Segment, TextItem } from './types.js';

export interface PdfLimits {
  /** pages read at most */
  maxPages: number;
  /** text items on one page */
  maxItemsPerPage: number;
  /** drawing operations on one page */
  maxOpsPerPage: number;
  /** the whole document, milliseconds */
  maxMillis: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 2000, maxItemsPerPage: 50_000, maxOpsPerPage: 400_000, maxMillis: 120_000 };

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * pdfjs warns on standard output when its optional canvas package (for rendering, which budgetlint
 * does not do) is missing: nothing may be printed there but the report, so the import is quiet.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const { log, warn } = console;
    console.log = () => undefined;
    console.warn = () => undefined;
    try {
      const m = await import('pdfjs-dist/legacy/build/pdf.mjs');
      return m;
    } finally {
      console.log = log;
      console.warn = warn;
    }
  })();
  return pdfjsPromise;
}

/** Where pdfjs finds its character maps (CJK fonts without a ToUnicode map need them). */
function assetDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

function damaged(shown: string, detail: string): InputError {
  return new InputError(
    { zh: `PDF 文件已损坏或不完整，无法读取（${detail}）`, en: `the PDF is damaged or truncated and cannot be read (${detail})` },
    shown,
  );
}

export interface OpenedPdf {
  pages: number;
  /** reads one page (1-based); throws InputError when the page cannot be read */
  page(n: number): Promise<PageContent>;
  close(): Promise<void>;
}

export async function openPdf(data: Uint8Array, shown: string, limits: PdfLimits = DEFAULT_PDF_LIMITS): Promise<OpenedPdf> {
  if (!isPdfHeader(data)) {
    throw new InputError({ zh: '不是 PDF 文件（文件头不是 %PDF-）', en: 'not a PDF file (it does not start with %PDF-)' }, shown);
  }
  if (!hasEndMarker(data)) {
    throw new InputError(
      { zh: 'PDF 文件不完整（末尾没有 %%EOF 标记，可能下载或复制未完成），无法可靠读取', en: 'the PDF is truncated (no %%EOF marker at its end: an unfinished download or copy?) and cannot be read reliably' },
      shown,
    );
  }
  const pdfjs = await loadPdfJs();
  const assets = assetDir();
  const task = pdfjs.getDocument({
    data,
    cMapUrl: join(assets, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(assets, 'standard_fonts') + '/',
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new InputError(
        { zh: 'PDF 文件已加密（需要密码），无法读取；请提供未加密的文件', en: 'the PDF is encrypted (it needs a password) and cannot be read; give an unencrypted copy' },
        shown,
      );
    }
    throw damaged(shown, (e as Error).message ?? String(e));
  }
  const pages = doc.numPages;
  if (pages > limits.maxPages) {
    await doc.destroy();
    throw new InputError({ zh: `PDF 页数过多（${pages} 页，上限 ${limits.maxPages} 页）`, en: `the PDF has too many pages (${pages}; the limit is ${limits.maxPages})` }, shown);
  }
  const started = Date.now();
  const { OPS, Util } = pdfjs;
  return {
    pages,
    async page(n: number): Promise<PageContent> {
      if (Date.now() - started > limits.maxMillis) {
        throw new InputError(
          { zh: `读取 PDF 超时（超过 ${Math.round(limits.maxMillis / 1000)} 秒，读到第 ${n} 页）`, en: `reading the PDF took too long (over ${Math.round(limits.maxMillis / 1000)} s, at page ${n})` },
          shown,
        );
      }
      try {
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const vt = viewport.transform as number[];
        const content = await page.getTextContent({ disableNormalization: false });
        if (content.items.length > limits.maxItemsPerPage) {
          throw new InputError({ zh: `第 ${n} 页的文字块过多（${content.items.length}）`, en: `page ${n} has too many text pieces (${content.items.length})` }, shown);
        }
        const items: TextItem[] = [];
        for (const raw of content.items) {
          if (!('str' in raw) || raw.str === '') continue;
          const tx = Util.transform(vt, raw.transform as number[]) as number[];
          const size = Math.hypot(tx[2]!, tx[3]!) || Math.hypot(tx[0]!, tx[1]!);
          if (!(size > 0)) continue;
          const len = Math.hypot(tx[0]!, tx[1]!) || 1;
          const dx = tx[0]! / len;
          const dy = tx[1]! / len;
          const w = raw.width * (viewport.scale ?? 1);
          const x = tx[4]!;
          const y = tx[5]!;
          // the baseline runs from (x, y) along (dx, dy); glyphs rise about 0.85 of the size above it
          const ex = x + dx * w;
          const ey = y + dy * w;
          // the up direction in the viewport (y grows downwards): perpendicular to the baseline
          const ux = dy;
          const uy = -dx;
          const xs = [x, ex, x + ux * size * 0.85, ex + ux * size * 0.85, x - ux * size * 0.15, ex - ux * size * 0.15];
          const ys = [y, ey, y + uy * size * 0.85, ey + uy * size * 0.85, y - uy * size * 0.15, ey - uy * size * 0.15];
          items.push({
            str: unifyRadicals(raw.str),
            x0: Math.min(...xs),
            x1: Math.max(...xs),
            top: Math.min(...ys),
            bottom: Math.max(...ys),
            size,
            space: raw.str.trim() === '',
          });
        }
        // rules only where there is text to place in them
        const drawing = items.length ? await drawingOf(page, vt, OPS, Util, limits.maxOpsPerPage, n, shown) : { segments: [], textClips: undefined };
        // text drawn outside the clip in force (a spreadsheet's cell running over a page edge) is not seen
        const clips = drawing.textClips;
        const visible = clips ? items.filter((t) => inAnyClip(t, clips)) : items;
        const out: PageContent = { number: n, width: viewport.width, height: viewport.height, items: visible, segments: drawing.segments };
        page.cleanup();
        return out;
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw damaged(shown, `page ${n}: ${(e as Error).message ?? String(e)}`);
      }
    },
    async close() {
      await doc.destroy().catch(() => undefined);
    },
  };
}

export function isPdfHeader(data: Uint8Array): boolean {
  // "%PDF-" within the first 1024 bytes, as readers accept
  const n = Math.min(data.length, 1024);
  for (let i = 0; i + 4 < n; i++) {
    if (data[i] === 0x25 && data[i + 1] === 0x50 && data[i + 2] === 0x44 && data[i + 3] === 0x46 && data[i + 4] === 0x2d) return true;
  }
  return false;
}

/** "%%EOF" within the last 2048 bytes: a PDF that ends where its writer ended it. */
function hasEndMarker(data: Uint8Array): boolean {
  const from = Math.max(0, data.length - 2048);
  for (let i = data.length - 5; i >= from; i--) {
    if (data[i] === 0x25 && data[i + 1] === 0x25 && data[i + 2] === 0x45 && data[i + 3] === 0x4f && data[i + 4] === 0x46) return true;
  }
  return false;
}

type Ops = PdfJs['OPS'];
type UtilT = PdfJs['Util'];
interface PageProxy {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
}

type Clip = [number, number, number, number] | null;

function inAnyClip(t: TextItem, clips: Array<[number, number, number, number]>): boolean {
  const x = (t.x0 + t.x1) / 2;
  const y = (t.top + t.bottom) / 2;
  return clips.some((c) => x >= c[0] - 1 && x <= c[2] + 1 && y >= c[1] - 1 && y <= c[3] + 1);
}

/**
 * Thin filled rectangles and stroked lines, straight along x or y: the borders of table cells;
 * and the clip rectangles text is drawn in (undefined when some text is drawn unclipped, or when
 * there are too many to test).
 */
async function drawingOf(
  page: PageProxy,
  vt: number[],
  OPS: Ops,
  Util: UtilT,
  maxOps: number,
  n: number,
  shown: string,
): Promise<{ segments: Segment[]; textClips: Array<[number, number, number, number]> | undefined }> {
  const list = await page.getOperatorList();
  if (list.fnArray.length > maxOps) {
    throw new InputError({ zh: `第 ${n} 页的绘图指令过多（${list.fnArray.length}）`, en: `page ${n} has too many drawing operations (${list.fnArray.length})` }, shown);
  }
  const out: Segment[] = [];
  let ctm = vt;
  let clip: Clip = null;
  let clipPending = false;
  let unclippedText = false;
  const textClips = new Map<string, [number, number, number, number]>();
  const stack: Array<{ ctm: number[]; fillWhite: boolean; strokeWhite: boolean; clip: Clip }> = [];
  let fillWhite = false;
  let strokeWhite = false;
  // the path being built, in viewport coordinates: rectangles and polylines
  let rects: Array<[number, number, number, number]> = [];
  let lines: Array<[number, number, number, number]> = [];
  /** the path's subpaths as flat x, y lists, in viewport coordinates */
  let subpaths: number[][] = [];
  let sub: number[] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0]! * x + ctm[2]! * y + ctm[4]!, ctm[1]! * x + ctm[3]! * y + ctm[5]!];
  const white = (a: unknown[]): boolean => {
    // colours arrive as RGB 0–255 (grays and CMYK converted) or a hex string
    if (typeof a[0] === 'string') {
      const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(a[0]);
      return !!m && [m[1]!, m[2]!, m[3]!].every((h) => Number.parseInt(h, 16) >= 245);
    }
    return a.length >= 3 && (a[0] as number) >= 245 && (a[1] as number) >= 245 && (a[2] as number) >= 245;
  };
  const applyClip = () => {
    if (!clipPending) return;
    clipPending = false;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const r of rects) {
      x0 = Math.min(x0, r[0]);
      y0 = Math.min(y0, r[1]);
      x1 = Math.max(x1, r[2]);
      y1 = Math.max(y1, r[3]);
    }
    for (const p of subpaths) {
      for (let k = 0; k < p.length; k += 2) {
        x0 = Math.min(x0, p[k]!);
        x1 = Math.max(x1, p[k]!);
        y0 = Math.min(y0, p[k + 1]!);
        y1 = Math.max(y1, p[k + 1]!);
      }
    }
    if (!(x1 >= x0 && y1 >= y0)) return;
    clip = clip ? [Math.max(clip[0], x0), Math.max(clip[1], y0), Math.min(clip[2], x1), Math.min(clip[3], y1)] : [x0, y0, x1, y1];
  };
  const flush = (fill: boolean, stroke: boolean) => {
    applyClip();
    const thin = 2.5;
    const painted = (fill && !fillWhite) || (stroke && !strokeWhite);
    if (painted) {
      // filled thin polygons (a rule drawn as a filled outline) count like thin rectangles
      if (fill && !fillWhite) {
        for (const p of subpaths) {
          if (p.length < 6) continue;
          let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
          for (let k = 0; k < p.length; k += 2) {
            x0 = Math.min(x0, p[k]!);
            x1 = Math.max(x1, p[k]!);
            y0 = Math.min(y0, p[k + 1]!);
            y1 = Math.max(y1, p[k + 1]!);
          }
          if (Math.min(x1 - x0, y1 - y0) <= thin) rects.push([x0, y0, x1, y1]);
        }
      }
      for (const [x0, y0, x1, y1] of rects) {
        const w = x1 - x0;
        const h = y1 - y0;
        if (w <= thin && h > w) out.push({ dir: 'v', c: (x0 + x1) / 2, a: y0, b: y1 });
        else if (h <= thin && w > h) out.push({ dir: 'h', c: (y0 + y1) / 2, a: x0, b: x1 });
        else if (stroke && !strokeWhite) {
          out.push({ dir: 'h', c: y0, a: x0, b: x1 }, { dir: 'h', c: y1, a: x0, b: x1 }, { dir: 'v', c: x0, a: y0, b: y1 }, { dir: 'v', c: x1, a: y0, b: y1 });
        }
      }
      if (stroke && !strokeWhite) {
        for (const [x0, y0, x1, y1] of lines) {
          if (Math.abs(y1 - y0) < 1 && Math.abs(x1 - x0) >= 1) out.push({ dir: 'h', c: (y0 + y1) / 2, a: Math.min(x0, x1), b: Math.max(x0, x1) });
          else if (Math.abs(x1 - x0) < 1 && Math.abs(y1 - y0) >= 1) out.push({ dir: 'v', c: (x0 + x1) / 2, a: Math.min(y0, y1), b: Math.max(y0, y1) });
        }
      }
    }
    rects = [];
    lines = [];
    subpaths = [];
  };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, fillWhite, strokeWhite, clip });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, fillWhite, strokeWhite, clip } = s);
        break;
      }
      case OPS.clip:
      case OPS.eoClip:
        clipPending = true;
        break;
      case OPS.showText:
      case OPS.showSpacedText:
      case OPS.nextLineShowText:
      case OPS.nextLineSetSpacingShowText:
        if (!clip) unclippedText = true;
        else if (textClips.size <= 5000) textClips.set(clip.map((v) => Math.round(v)).join(','), clip);
        break;
      case OPS.transform:
        ctm = Util.transform(ctm, args as number[]) as number[];
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ctm, fillWhite, strokeWhite, clip });
        const m = args[0] as number[] | null;
        if (Array.isArray(m) && m.length === 6) ctm = Util.transform(ctm, m) as number[];
        break;
      }
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, fillWhite, strokeWhite, clip } = s);
        break;
      }
      case OPS.setFillRGBColor:
        fillWhite = white(args);
        break;
      case OPS.setStrokeRGBColor:
        strokeWhite = white(args);
        break;
      case OPS.setFillTransparent:
        fillWhite = true;
        break;
      case OPS.setStrokeTransparent:
        strokeWhite = true;
        break;
      case OPS.constructPath: {
        const ops = args[0] as number[];
        const coords = args[1] as number[];
        let j = 0;
        let cx = 0;
        let cy = 0;
        let sx = 0;
        let sy = 0;
        for (const op of ops) {
          if (op === OPS.rectangle) {
            const x = coords[j++]!;
            const y = coords[j++]!;
            const w = coords[j++]!;
            const h = coords[j++]!;
            const [ax, ay] = apply(x, y);
            const [bx, by] = apply(x + w, y + h);
            const [px, py] = apply(x + w, y);
            // only rectangles that stay rectangles along the page's axes
            if (Math.abs(px - bx) < 0.5 || Math.abs(py - ay) < 0.5 || Math.abs(px - ax) < 0.5) {
              rects.push([Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)]);
            }
            cx = sx = x;
            cy = sy = y;
          } else if (op === OPS.moveTo) {
            cx = sx = coords[j++]!;
            cy = sy = coords[j++]!;
            sub = [...apply(cx, cy)];
            subpaths.push(sub);
          } else if (op === OPS.lineTo) {
            const x = coords[j++]!;
            const y = coords[j++]!;
            const [ax, ay] = apply(cx, cy);
            const [bx, by] = apply(x, y);
            lines.push([ax, ay, bx, by]);
            sub.push(bx, by);
            cx = x;
            cy = y;
          } else if (op === OPS.curveTo) {
            j += 4;
            cx = coords[j++]!;
            cy = coords[j++]!;
          } else if (op === OPS.curveTo2 || op === OPS.curveTo3) {
            j += 2;
            cx = coords[j++]!;
            cy = coords[j++]!;
          } else if (op === OPS.closePath) {
            const [ax, ay] = apply(cx, cy);
            const [bx, by] = apply(sx, sy);
            if (ax !== bx || ay !== by) lines.push([ax, ay, bx, by]);
            cx = sx;
            cy = sy;
          }
        }
        break;
      }
      case OPS.stroke:
      case OPS.closeStroke:
        flush(false, true);
        break;
      case OPS.fill:
      case OPS.eoFill:
        flush(true, false);
        break;
      case OPS.fillStroke:
      case OPS.eoFillStroke:
      case OPS.closeFillStroke:
      case OPS.closeEOFillStroke:
        flush(true, true);
        break;
      case OPS.endPath:
        applyClip();
        rects = [];
        lines = [];
        subpaths = [];
        break;
      default:
        break;
    }
  }
  return { segments: out, textClips: unclippedText || textClips.size === 0 || textClips.size > 5000 ? undefined : [...textClips.values()] };
}
