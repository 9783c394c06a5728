// Every relationship the table rules judge, held or not, as data: one figure against the signed
// sum of others. The root-cause search re-judges them with a corrected figure, so it knows which
// checks a correction mends and which it would break, without running the rules again.
import type { Finding } from '../core/findings.js';
import type { Figure } from './figures.js';

export interface Relation {
  ruleId: string;
  op: '=' | '<=';
  stated: Figure;
  /** the figures summed (the figures a rule compared, as it holds them: no copy per relation) */
  figs: readonly Figure[];
  /** their signs, when some is −1; else each is +1 */
  signs?: ReadonlyArray<1 | -1>;
  /** the finding it gave, when it did not hold */
  finding?: Finding;
}

/** The sign of a relation's i-th figure. */
export function signAt(r: Pick<Relation, 'signs'>, i: number): 1 | -1 {
  return r.signs?.[i] ?? 1;
}

let active: Relation[] | undefined;

/** Runs `fn` and returns the relations judged meanwhile (synchronous: one disclosure at a time). */
export function recordingRelations<T>(fn: () => T): { result: T; relations: Relation[] } {
  const outer = active;
  const relations: Relation[] = [];
  active = relations;
  try {
    return { result: fn(), relations };
  } finally {
    active = outer;
  }
}

export function isRecording(): boolean {
  return active !== undefined;
}

export function recordRelation(r: Relation): void {
  active?.push(r);
}
