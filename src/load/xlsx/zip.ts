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
    const count = view.getUint16(eocd + 10, true);
    const cdSize = view.getUint32(eocd + 12, true);
    const cdOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      throw new InputError(
        { zh: '工作簿使用了 ZIP64 格式，不支持（请在 Excel 中另存为 .xlsx）', en: 'workbook uses ZIP64, which is not supported (save it again as .xlsx)' },
        file,
      );
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
      this.entries.set(name, {
        name,
        flags: view.getUint16(p + 8, true),
        method: view.getUint16(p + 10, true),
        compressedSize: view.getUint32(p + 20, true),
        size: view.getUint32(p + 24, true),
        localOffset: view.getUint32(p + 42, true),
      });
      p += 46 + nameLen + extraLen + commentLen;
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

function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let p = view.byteLength - 22; p >= min; p--) {
    if (view.getUint32(p, true) === EOCD) return p;
  }
  return -1;
}
