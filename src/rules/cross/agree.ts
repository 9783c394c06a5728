// Cross-table agreement by classification code: one table's column against the (signed) sum
// of other tables' columns, code by code and on the total rows.
import { exact, neg, sum, ZERO, type Interval } from '../../core/decimal.js';
import type { Bilingual, Finding } from '../../core/findings.js';
import { TABLE_NUMBER } from '../../load/aliases.js';
import type { ColumnKey, Row, Side, Table } from '../../load/model.js';
import { columnLabel, compare, figure, locationOf, plainFinding, printedHeader, type Figure } from '../figures.js';
import type { RuleContext, RuleMeta } from '../types.js';
import { rowsByCode, totalRow } from '../table/shared.js';

/** The wording the cross-table rules share: one figure against what other tables give. */
export const AGREE_MESSAGES = {
  mismatch: {
    zh: '{stated}为 {actual}，但{source}为 {expected}，差额 {difference}',
    en: '{stated} is {actual} but {source} is {expected} (difference {difference})',
  },
  missing: {
    zh: '{source}在科目 {code} {name} 上有金额，但{table}中没有这一行',
    en: '{source} has an amount at code {code} {name} but {table} has no such row',
  },
} as const;

export interface Term {
  table: Table;
  key: ColumnKey;
  side?: Side;
  sign?: 1 | -1;
}

function figuresFor(term: Term, rows: Row[]): Figure[] {
  return rows.map((r) => figure(term.table, r, term.key)).filter((f): f is Figure => !!f);
}

function signed(term: Term, fs: Figure[]): Interval {
  const s = sum(fs.map((f) => f.interval));
  return term.sign === -1 ? neg(s) : s;
}

export function termLabel(t: Term): Bilingual {
  const c = columnLabel(t.key);
  const printed = printedHeader(t.table, t.key, t.side);
  return { zh: `${TABLE_NUMBER[t.table.kind]} ${printed ?? c.zh}`, en: `${TABLE_NUMBER[t.table.kind]} ${c.en}` };
}

export function describeTerms(terms: Term[]): Bilingual {
  const join = (lang: 'zh' | 'en') =>
    terms.map((t, i) => `${i === 0 ? (t.sign === -1 ? '−' : '') : t.sign === -1 ? ' − ' : ' + '}${termLabel(t)[lang]}`).join('');
  return { zh: join('zh'), en: join('en') };
}

export interface AgreeSpec {
  meta: RuleMeta;
  /** message with {stated} {actual} {expected} {difference} {source} */
  messageId: string;
  /** message for a code the stated table lacks, with {code} {name} {source} {table} */
  missingId: string;
  /** message for a failed "≤" (used when atMost), with the same parameters as messageId */
  exceedsId?: string;
  stated: Term;
  terms: Term[];
  atMost?: boolean;
  /** only these codes (e.g. 类 rows only) */
  codeFilter?: (code: string) => boolean;
  includeTotals?: boolean;
}

export function agreeByCode(ctx: RuleContext, spec: AgreeSpec, out: Finding[]): void {
  const statedRows = rowsByCode(spec.stated.table, spec.stated.side);
  const termRows = spec.terms.map((t) => rowsByCode(t.table, t.side));
  // Compare only the levels both the stated table and the primary source print (表一 has only 类).
  const primary = new Set([...(termRows[0]?.keys() ?? [])].map((c) => c.length));
  const levels = new Set([...statedRows.keys()].map((c) => c.length).filter((l) => primary.has(l)));
  const codes = new Set<string>([...statedRows.keys()].filter((c) => levels.has(c.length)));
  for (const m of termRows) for (const c of m.keys()) if (levels.has(c.length)) codes.add(c);
  const source = describeTerms(spec.terms);
  for (const code of [...codes].sort()) {
    if (spec.codeFilter && !spec.codeFilter(code)) continue;
    const termFigs = spec.terms.map((t, i) => figuresFor(t, termRows[i]!.get(code) ?? []));
    const computed = sum(spec.terms.map((t, i) => signed(t, termFigs[i]!)));
    const inputs = termFigs.flat();
    const rows = statedRows.get(code);
    if (!rows || rows.length === 0) {
      if (computed.value.isZero() || inputs.length === 0) continue;
      // an absent row is 0, which satisfies "≤" a positive amount
      if (spec.atMost && computed.value.gt(0)) continue;
      const first = inputs.find((f) => !f.blank) ?? inputs[0]!;
      out.push(
        plainFinding(spec.meta, spec.missingId, locationOf(first), {
          code,
          name: first.row?.name ?? '',
          source,
          table: TABLE_NUMBER[spec.stated.table.kind],
          value: first.blank ? '0' : computed.value.toString(),
        }),
      );
      continue;
    }
    const stated = figure(spec.stated.table, rows[0]!, spec.stated.key);
    if (!stated) continue;
    if (stated.blank && inputs.every((f) => f.blank)) continue;
    const f = compare({ meta: spec.meta, messageId: messageIdOf(spec), data: { source }, stated, computed, inputs, options: ctx.options, atMost: spec.atMost ?? false });
    if (f) out.push(f);
  }
  if (spec.includeTotals === false) return;
  const st = totalRow(spec.stated.table, spec.stated.side);
  const tt = spec.terms.map((t) => totalRow(t.table, t.side));
  if (!st) return;
  const stated = figure(spec.stated.table, st, spec.stated.key);
  if (!stated) return;
  const totalFigs = spec.terms.map((t, i) => {
    const row = tt[i];
    return row ? figuresFor(t, [row]) : [];
  });
  // An empty table (no total printed) counts as zero.
  const computed = spec.terms.length ? sum(spec.terms.map((t, i) => signed(t, totalFigs[i]!))) : exact(ZERO);
  const inputs = totalFigs.flat();
  if (stated.blank && inputs.every((f) => f.blank)) return;
  const f = compare({ meta: spec.meta, messageId: messageIdOf(spec), data: { source }, stated, computed, inputs, options: ctx.options, atMost: spec.atMost ?? false });
  if (f) out.push(f);
}

function messageIdOf(spec: AgreeSpec): string {
  return spec.atMost && spec.exceedsId ? spec.exceedsId : spec.messageId;
}

/** Whether a table holds any nonzero amount. */
export function hasMoney(t: Table | undefined, side?: Side): boolean {
  if (!t) return false;
  return t.rows.some(
    (r) => (side === undefined || r.side === side) && Object.values(r.cells).some((c) => c?.amount && !c.amount.value.isZero()),
  );
}
