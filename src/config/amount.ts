// An amount as configuration and command line write it: "0.01" (万元), "1元", "0.5千元", "0.01万元".
import { Decimal, type Dec } from '../core/decimal.js';
import { UNIT_IN_WAN } from '../load/constants.js';
import type { Unit } from '../core/vocabulary.js';

/** The amount in 万元, or undefined when the text is no such amount. */
export function amountInWan(text: string): Dec | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(万元|千元|元)?$/.exec(text.trim());
  if (!m) return undefined;
  return new Decimal(m[1]!).times(UNIT_IN_WAN[(m[2] || '万元') as Unit]);
}
