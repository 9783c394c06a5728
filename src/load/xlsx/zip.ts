// A bounded reader of the zip container an .xlsx workbook is. Only what a workbook needs
// (stored and deflated entries, no encryption, no ZIP64), and never more output than the
// caller's budget: the declared sizes are checked first, and inflation itself is capped, so a
// zip bomb that lies about its sizes is still stopped.
import { inflateRawSync } from 'node:zlib';
import { InputError } from '../errors.js';

export interface ZipLimits {
  /** total bytes all entries read may inflate to */
  maxTotalBytes: number;
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipReader {
  private readonly entries = new Map<string, Entry>();
  private used = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly file: string,
    private readonly limits: ZipLimits,
  ) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const eocd = findEocd(view);
    if (eocd < 0) throw this.corrupt();
    let count = view.getUint16(eocd + 10, true);
    let cdSize = view.getUint32(eocd + 12, true);
    let cdOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // ZIP64 (some libraries write it even for small files): the real values are in the ZIP64 end record
      const loc = eocd - 20;
      if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR) throw this.corrupt();
      const rec = safeNumber(view.getBigUint64(loc + 8, true), buf.byteLength);
      if (rec === undefined || rec + 56 > buf.byteLength || view.getUint32(rec, true) !== ZIP64_EOCD) throw this.corrupt();
      const c = safeNumber(view.getBigUint64(rec + 32, true), buf.byteLength);
      const size = safeNumber(view.getBigUint64(rec + 40, true), buf.byteLength);
      const off = safeNumber(view.getBigUint64(rec + 48, true), buf.byteLength);
      if (c === undefined || size === undefined || off === undefined) throw this.corrupt();
      count = c;
      cdSize = size;
      cdOffset = off;
    }
    if (cdOffset + cdSize > buf.byteLength) throw this.corrupt();
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.byteLength || view.getUint32(p, true) !== CENTRAL) throw this.corrupt();
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      if (p + 46 + nameLen > buf.byteLength) throw this.corrupt();
      const name = new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen));
      const entry: Entry = {
        name,
        flags: view.getUint16(p + 8, true),
        method: view.getUint16(p + 10, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
      };
      if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) {
        this.readZip64Extra(view, p + 46 + nameLen, extraLen, entry);
      }
      this.entries.set(name, entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /** The ZIP64 extra field holds, in this order, whichever of the three sizes overflowed. */
  private readZip64Extra(view: DataView, at: number, len: number, e: Entry): void {
    const end = Math.min(at + len, view.byteLength);
    for (let p = at; p + 4 <= end; ) {
      const id = view.getUint16(p, true);
      const size = view.getUint16(p + 2, true);
      if (id === 0x0001) {
        let q = p + 4;
        const next = (): number => {
          if (q + 8 > Math.min(p + 4 + size, end)) throw this.corrupt();
          const v = view.getBigUint64(q, true);
          q += 8;
          // a size past 2^53 is past any budget: saturate so the limit check refuses it
          return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
        };
        if (e.size === 0xffffffff) e.size = next();
        if (e.compressedSize === 0xffffffff) e.compressedSize = next();
        if (e.localOffset === 0xffffffff) e.localOffset = next();
        return;
      }
      p += 4 + size;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's bytes, or undefined when there is no such entry. */
  read(name: string): Uint8Array | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.flags & 1) {
      throw new InputError({ zh: '工作簿已加密，无法读取', en: 'workbook is encrypted and cannot be read' }, this.file);
    }
    const budget = this.limits.maxTotalBytes - this.used;
    if (e.size > budget) throw this.bomb(name);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    const lo = e.localOffset;
    if (lo + 30 > this.buf.byteLength || view.getUint32(lo, true) !== LOCAL) throw this.corrupt();
    const start = lo + 30 + view.getUint16(lo + 26, true) + view.getUint16(lo + 28, true);
    const end = start + e.compressedSize;
    if (end > this.buf.byteLength) throw this.corrupt();
    const data = this.buf.subarray(start, end);
    let out: Uint8Array;
    if (e.method === 0) {
      out = data;
    } else if (e.method === 8) {
      if (budget <= 0) throw this.bomb(name);
      try {
        // the declared size may lie: cap the output itself
        out = inflateRawSync(data, { maxOutputLength: budget });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw this.bomb(name);
        throw this.corrupt();
      }
    } else {
      throw new InputError(
        { zh: `工作簿中的 ${name} 使用了不支持的压缩方式（${e.method}）`, en: `${name} in the workbook uses an unsupported compression method (${e.method})` },
        this.file,
      );
    }
    if (out.byteLength > budget) throw this.bomb(name);
    this.used += out.byteLength;
    return out;
  }

  private corrupt(): InputError {
    return new InputError(
      { zh: '不是有效的 .xlsx 工作簿（压缩结构损坏）', en: 'not a valid .xlsx workbook (damaged zip structure)' },
      this.file,
    );
  }

  private bomb(name: string): InputError {
    const max = this.limits.maxTotalBytes;
    return new InputError(
      {
        zh: `工作簿解压后超过 ${max} 字节上限（在 ${name} 处），可能是压缩炸弹，已拒绝`,
        en: `workbook inflates past the ${max}-byte limit (at ${name}); possibly a zip bomb, refused`,
      },
      this.file,
    );
  }
}

const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

/** A 64-bit offset or count as a number, if it can point inside a buffer of `limit` bytes. */
function safeNumber(v: bigint, limit: number): number | undefined {
  return v <= BigInt(limit) ? Number(v) : undefined;
}

function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}
