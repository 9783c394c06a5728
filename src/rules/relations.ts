// Every relationship the table rules judge, held or not, as data: one figure against the signed
// sum of others. The root-cause search re-judges them with a corrected figure, so it knows which
// checks a correction mends and which it would break, without running the rules again.
import type { Finding } from '../core/findings.js';
import type { Figure } from './figures.js';

export interface Relation {
  ruleId: string;
  op: '=' | '<=';
  stated: Figure;
  terms: Array<{ fig: Figure; sign: 1 | -1 }>;
  /** the finding it gave, when it did not hold */
  finding?: Finding;
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
