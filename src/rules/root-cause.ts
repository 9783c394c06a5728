// The one figure behind many findings. Findings that share figures form a cluster; for each, the
// smallest set of single-figure corrections that makes every check of the cluster hold — and breaks
// none that held — is searched among the cluster's own figures, each corrected to the value one of
// its failed checks asks for. Several equally good corrections are reported as ambiguous, never
// guessed between. The search re-judges recorded relations only (no rule is run again) and is
// bounded: at most MAX_CANDIDATES figures and three values each per cluster.
import { Decimal, displayed, judgeAtMost, judgeEqual, replaceIn, scale, sum, neg, type Dec, type Interval, type JudgeOptions } from '../core/decimal.js';
import type { Bilingual, Finding, FindingLocation } from '../core/findings.js';
import { locationOf, type Figure } from './figures.js';
import { signAt, type Relation } from './relations.js';

const MAX_CANDIDATES = 2000;
const MAX_VALUES = 3;
const MAX_CORRECTIONS = 3;
/** a cause shared by more figures than this is named by its first ones only */
const MAX_ALTERNATIVES = 40;

export interface Correction {
  location: FindingLocation;
  label: Bilingual;
  /** as printed, and as every check of the cluster wants it, in the figure's own unit */
  printed: string;
  corrected: string;
  unit: string;
}

export interface RootCause {
  /** one correction per figure to change; more than one when a single figure cannot explain the cluster */
  corrections: Correction[];
  /** other sets of corrections that explain the same findings as well (the cause is ambiguous) */
  alternatives: Correction[][];
  /** the findings it explains, as rule@file:line:column (a cluster's others are left as they are) */
  findings: string[];
}

export function findingKey(f: Finding): string {
  return `${f.ruleId}@${f.location.file}:${f.location.line}:${f.location.column}`;
}

/** A figure's identity: its table, row and column (a blank cell has no location of its own). */
function cellKey(f: Figure): string | undefined {
  if (f.key !== undefined) return f.key;
  if (!f.table || !f.row || !f.col) return undefined;
  return `${f.table.file}|${f.row.line}|${f.row.side ?? ''}|${f.col}`;
}

interface Candidate {
  key: string;
  fig: Figure;
  value: Dec;
}

function figuresOf(r: Relation): Figure[] {
  return [r.stated, ...r.figs];
}

// A relation may sum thousands of figures (a 类 over its 项), and the search asks of it once per
// candidate: its sum is made once, and a correction changes only the terms it replaces.
interface Summed {
  /** the signed sum of the figures' intervals */
  total: Interval;
  /** the places (in r.figs) of each figure, by its key */
  byKey: Map<string, number[]>;
}
const SUMMED = new WeakMap<Relation, Summed>();

function summed(r: Relation): Summed {
  let s = SUMMED.get(r);
  if (!s) {
    const byKey = new Map<string, number[]>();
    r.figs.forEach((f, i) => {
      const k = cellKey(f);
      if (k === undefined) return;
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    });
    s = { total: sum(r.figs.map((f, i) => (signAt(r, i) === 1 ? f.interval : neg(f.interval)))), byKey };
    SUMMED.set(r, s);
  }
  return s;
}

/** The relation judged with some figures' intervals replaced; true when it holds. */
function holds(r: Relation, replaced: ReadonlyMap<string, Interval>, opts: JudgeOptions): boolean {
  const iv = (f: Figure) => replaced.get(cellKey(f) ?? '') ?? f.interval;
  const s = summed(r);
  let computed = s.total;
  for (const [k, next] of replaced) {
    for (const i of s.byKey.get(k) ?? []) {
      const was = r.figs[i]!.interval;
      computed = signAt(r, i) === 1 ? replaceIn(computed, was, next) : replaceIn(computed, neg(was), neg(next));
    }
  }
  const verdict = r.op === '<=' ? judgeAtMost(iv(r.stated), computed, opts) : judgeEqual(iv(r.stated), computed, opts);
  return verdict === null;
}

/** The value (in the figure's printed unit, at its printed precision) that makes `r` hold exactly. */
function valueFor(r: Relation, key: string): Dec | undefined {
  const isStated = cellKey(r.stated) === key;
  const term = summed(r).byKey.get(key)?.[0];
  if (!isStated && term === undefined) return undefined;
  const fig = isStated ? r.stated : r.figs[term!]!;
  let target: Dec;
  if (isStated) {
    target = summed(r).total.value;
  } else {
    // the stated figure less every other term: less the sum, plus the term's own part
    const sign = signAt(r, term!);
    const own = sign === 1 ? fig.interval.value : fig.interval.value.neg();
    let rest = r.stated.interval.value.minus(summed(r).total.value.minus(own));
    if (rest.isZero()) {
      // a zero keeps the sign the term-by-term difference gives it
      rest = r.stated.interval.value;
      r.figs.forEach((f, i) => {
        if (i !== term) rest = signAt(r, i) === 1 ? rest.minus(f.interval.value) : rest.plus(f.interval.value);
      });
    }
    target = sign === 1 ? rest : rest.neg();
  }
  const printed = target.div(fig.toBase).toDecimalPlaces(fig.decimals, Decimal.ROUND_HALF_UP);
  return printed;
}

function intervalOf(fig: Figure, printed: Dec): Interval {
  return scale(displayed(printed, fig.decimals), fig.toBase);
}

export function findRootCauses(relations: readonly Relation[], opts: JudgeOptions): RootCause[] {
  const failing = relations.filter((r) => r.finding);
  if (failing.length === 0) return [];
  // every relation a figure of a failed one is part of, to see what a correction would break;
  // only those figures are ever corrected, and a figure on another line has another key
  const lines = new Set<number>();
  for (const r of failing) for (const f of figuresOf(r)) if (f.row) lines.add(f.row.line);
  const byCell = new Map<string, Relation[]>();
  for (const r of relations) {
    for (let i = -1; i < r.figs.length; i++) {
      const f = i < 0 ? r.stated : r.figs[i]!;
      // (a key is file|line|side|col: with no "|" in the file's name, another line is another key)
      if (!f.row || (!lines.has(f.row.line) && !f.table?.file.includes('|'))) continue;
      const k = cellKey(f);
      if (!k) continue;
      const list = byCell.get(k);
      if (list) {
        if (list[list.length - 1] !== r) list.push(r);
      } else byCell.set(k, [r]);
    }
  }
  // clusters: failed relations that share a figure (union-find over the failed ones)
  const parent = failing.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  failing.forEach((r, i) => {
    for (const f of figuresOf(r)) {
      const k = cellKey(f);
      if (!k) continue;
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const clusters = new Map<number, Relation[]>();
  failing.forEach((r, i) => {
    const root = find(i);
    const list = clusters.get(root);
    if (list) list.push(r);
    else clusters.set(root, [r]);
  });
  const out: RootCause[] = [];
  for (const cluster of clusters.values()) {
    const cause = explain(cluster, byCell, opts);
    if (cause) out.push(cause);
  }
  return out;
}

function explain(cluster: Relation[], byCell: Map<string, Relation[]>, opts: JudgeOptions): RootCause | undefined {
  const figs = new Map<string, Figure>();
  for (const r of cluster) for (const f of figuresOf(r)) {
    const k = cellKey(f);
    if (k && !f.blank) figs.set(k, f);
  }
  const candidates: Candidate[] = [];
  for (const [key, fig] of [...figs].slice(0, MAX_CANDIDATES)) {
    const values = new Map<string, Dec>();
    for (const r of byCell.get(key) ?? []) {
      if (!r.finding) continue;
      const v = valueFor(r, key);
      if (v && !v.eq(fig.interval.value.div(fig.toBase)) && values.size < MAX_VALUES) values.set(v.toString(), v);
    }
    for (const value of values.values()) candidates.push({ key, fig, value });
  }
  // greedy cover: the correction that mends most of what is left and breaks nothing
  // a correction changes only the relations its figure is part of, so only those are tried
  const left = new Set(cluster);
  const chosen: Candidate[][] = [];
  const explained: Relation[] = [];
  const replaced = new Map<string, Interval>();
  while (left.size && chosen.length < MAX_CORRECTIONS) {
    let best: { mended: Relation[]; c: Candidate }[] = [];
    let bestCount = 0;
    for (const c of candidates) {
      if (replaced.has(c.key)) continue;
      const trial = new Map(replaced).set(c.key, intervalOf(c.fig, c.value));
      const touched = byCell.get(c.key) ?? [];
      // nothing that held may stop holding
      if (touched.some((r) => !r.finding && !holds(r, trial, opts))) continue;
      const mended = touched.filter((r) => left.has(r) && holds(r, trial, opts));
      if (mended.length === 0) continue;
      if (mended.length > bestCount) {
        best = [{ mended, c }];
        bestCount = mended.length;
      } else if (mended.length === bestCount) best.push({ mended, c });
    }
    if (best.length === 0) break;
    const pick = best[0]!;
    chosen.push(best.filter((b) => sameSet(b.mended, pick.mended)).map((b) => b.c));
    replaced.set(pick.c.key, intervalOf(pick.c.fig, pick.c.value));
    for (const r of pick.mended) left.delete(r);
    for (const r of pick.mended) explained.push(r);
  }
  // what no correction of one figure explains is left as the findings say it
  if (chosen.length === 0) return undefined;
  const correction = (c: Candidate): Correction => ({
    location: locationOf(c.fig),
    label: c.fig.label,
    printed: c.fig.blank ? '0' : c.fig.interval.value.div(c.fig.toBase).toFixed(c.fig.decimals),
    corrected: c.value.toFixed(c.fig.decimals),
    unit: c.fig.unit,
  });
  // one figure a step; where a step has several equally good figures, the cause is ambiguous
  const ambiguous = chosen.some((step) => step.length > 1);
  // one finding that any one of its own figures would mend: naming them all says nothing the
  // finding does not (a cause is worth saying when other checks narrow the figures down)
  if (ambiguous && explained.length === 1 && chosen.length === 1) {
    const own = new Set(figuresOf(explained[0]!).filter((f) => !f.blank).map(cellKey).filter(Boolean));
    if (chosen[0]!.length >= own.size) return undefined;
  }
  const cause: RootCause = {
    corrections: chosen.map((step) => correction(step[0]!)),
    alternatives: ambiguous ? alternativesOf(chosen).map((set) => set.map(correction)) : [],
    findings: [...new Set(explained.map((r) => findingKey(r.finding!)))],
  };
  return cause;
}

function sameSet(a: Relation[], b: Relation[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/** Every other choice, one figure per step (bounded: a few steps of at most MAX_ALTERNATIVES figures). */
function alternativesOf(steps: Candidate[][]): Candidate[][] {
  let sets: Candidate[][] = [[]];
  for (const step of steps) {
    const next: Candidate[][] = [];
    for (const s of sets) for (const c of step.slice(0, MAX_ALTERNATIVES)) next.push([...s, c]);
    sets = next.slice(0, MAX_ALTERNATIVES);
  }
  return sets.slice(1);
}
