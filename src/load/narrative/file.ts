// Reading a 情况说明 text file: the same size limit and encoding detection as the tables.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { decode, type Encoding } from '../grid.js';
import { LimitExceeded } from '../limits.js';
import type { Narrative } from './model.js';
import { readNarrative } from './index.js';

export function loadNarrativeFile(path: string, shown: string, opts: { encoding?: Encoding; maxFileBytes?: number }, defaultMax: number): Narrative {
  const size = statSync(path).size;
  const max = opts.maxFileBytes ?? defaultMax;
  if (size > max) {
    throw new InputError(
      { zh: `文件过大（${size} 字节，上限 ${max} 字节，可用 --max-file-size 调整）`, en: `file too large (${size} bytes, limit ${max}; see --max-file-size)` },
      shown,
    );
  }
  if (size === 0) throw new InputError({ zh: '文件为空', en: 'file is empty' }, shown);
  const text = decode(readFileSync(path), shown, opts.encoding);
  try {
    return readNarrative(text, shown);
  } catch (e) {
    if (e instanceof LimitExceeded) throw e.toInputError(shown);
    throw e;
  }
}
