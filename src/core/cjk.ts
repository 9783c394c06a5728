// Some PDF producers (Chrome's and Skia's among them, and converters working from their output)
// map CJK glyphs to the Kangxi radicals (U+2F00–U+2FD5) or the CJK radicals supplement
// (U+2E80–U+2EF3) instead of the ideographs they look the same as: "收⼊" for 收入, "⽀出" for 支出,
// "部⻔" for 部门. Read as they are, no title, column or subject would be recognised. Each such
// character becomes its ideograph, one UTF-16 unit for one, so offsets and columns stay as they were.

/** The radicals supplement's simplified forms, which have no compatibility mapping of their own. */
const SUPPLEMENT: Record<number, string> = {
  0x2e9f: '母', 0x2ea0: '民', 0x2ec4: '西', 0x2ec5: '见', 0x2ec6: '角', 0x2ec9: '贝', 0x2ecb: '车', 0x2ed3: '长',
  0x2ed4: '门', 0x2ed8: '青', 0x2ed9: '韦', 0x2eda: '页', 0x2edb: '风', 0x2edc: '飞', 0x2edd: '食', 0x2ee2: '马',
  0x2ee3: '骨', 0x2ee5: '鱼', 0x2ee6: '鸟', 0x2ee8: '麦', 0x2ee9: '黄', 0x2eec: '齐', 0x2eee: '齿', 0x2ef0: '龙', 0x2ef3: '龟',
};

const RADICAL = /[\u2e80-\u2fd5]/;
const RADICALS = /[\u2e80-\u2fd5]/g;

/** The ideograph a radical stands for, or the character itself. */
function ideograph(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x2f00) {
    const n = ch.normalize('NFKC');
    return n.length === 1 ? n : ch;
  }
  return SUPPLEMENT[code] ?? ch;
}

/** Radicals written for ideographs turned into the ideographs; a text without any is returned as it is. */
export function unifyRadicals(s: string): string {
  return RADICAL.test(s) ? s.replace(RADICALS, ideograph) : s;
}
