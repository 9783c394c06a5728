// Last year's disclosure beside this year's (--previous, --series, the configuration's `previous`):
// loaded like any other, with the layout it was read with, its statement (预算 / 决算) and its year,
// so that the rules of src/rules/previous/ can look a figure up in it.
import type { Statement } from '../core/vocabulary.js';
import type { LayoutProfile } from '../layout/types.js';
import { InputError } from './errors.js';
import { loadDisclosure, targetPath, type LoadOptions, type SingleTarget } from './disclosure.js';
import type { Disclosure } from './model.js';

export interface PreviousDisclosure {
  disclosure: Disclosure;
  layout: LayoutProfile;
  /** a budget (预算) or final accounts (决算): what its figures are */
  statement: Statement;
  /** the year it is of, when it says so */
  year?: number;
}

const YEAR = /((?:19|20)\d\d)\s?年/;

/** The year a disclosure is of: its manifest's, its text's, else the one most of its titles print. */
export function disclosureYear(d: Disclosure): number | undefined {
  if (d.year) return d.year;
  if (d.narrative?.year) return d.narrative.year;
  const counts = new Map<number, number>();
  for (const t of Object.values(d.tables)) {
    const m = t ? YEAR.exec(t.title) : null;
    if (m) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [y, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && y > best)) best = y;
  return best;
}

/** The statement of a disclosure: its layout's, unless its text says it is the other. */
export function statementOf(d: Disclosure, layout: LayoutProfile): Statement {
  return Object.keys(d.tables).length ? layout.statement : d.narrative?.statement ?? layout.statement;
}

/**
 * Loads last year's disclosure. What cannot be read is an input error naming last year's file (the
 * check of this year's stops there: comparing with half a disclosure would say too little).
 */
export async function loadPrevious(
  target: SingleTarget,
  opts: LoadOptions,
  findLayout: (id: string) => LayoutProfile,
): Promise<PreviousDisclosure> {
  let disclosure: Disclosure;
  try {
    disclosure = await loadDisclosure(target, opts);
  } catch (e) {
    if (e instanceof InputError) {
      throw new InputError(
        { zh: `上年公开材料无法读取：${e.text.zh}`, en: `last year's disclosure cannot be read: ${e.text.en}` },
        e.file || targetPath(target),
        e.line,
        e.column,
      );
    }
    throw e;
  }
  const layout = findLayout(disclosure.layout);
  const out: PreviousDisclosure = { disclosure, layout, statement: statementOf(disclosure, layout) };
  const year = disclosureYear(disclosure);
  if (year) out.year = year;
  return out;
}
