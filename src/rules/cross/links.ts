// The layout's links between tables (表间勾稽关系), read from the profile and judged like every
// other relationship. A link is one figure (or one figure per code) against the signed sum of
// figures of other tables:
//
//   link  := ref ('=' | '<=') term (('+' | '-') term)*
//   ref   := TABLE ['?'] ['.' side] '[' rows ']' '.' column
//   rows  := '*' | 'class' | 'total' | 'yearTotal' | 'only' | 'item:' key | 'code:' digits
//
// `*` compares every code both tables print (and their totals); `?` after a table lets a table
// that is missing or empty count as zero, after a column a column the table lacks; `$source` /
// `$fiscal` in a key repeat the link for each source of money. `yearTotal` is a summary side's
// subtotal of the year, or its grand total when nothing is carried over.
import { Decimal, exact, neg, sum, ZERO, type Interval } from '../../core/decimal.js';
import type { Bilingual, Finding } from '../../core/findings.js';
import { SIDES, type Side } from '../../core/vocabulary.js';
import type { LayoutLink } from '../../layout/types.js';
import { tableById } from '../../layout/index.js';
import { COLUMN_LABEL } from '../../load/aliases.js';
import type { ColumnKey } from '../../load/constants.js';
import type { Disclosure, TableKind, Row, Table } from '../../load/model.js';
import { columnName, columnOf, compare, figure, locationOf, plainFinding, sumFigures, tableShort, type Figure } from '../figures.js';
import { amountIds, itemRows, onlyRow, rowsByCode, totalRow, yearTotalRow } from '../table/shared.js';
import type { RuleContext, RuleMeta } from '../types.js';

/** The wording the cross-table rules share: one figure against what other tables give. */
export const AGREE_MESSAGES = {
  mismatch: {
    zh: '{stated}为 {actual}，但{source}为 {expected}，差额 {difference}',
    en: '{stated} is {actual} but {source} is {expected} (difference {difference})',
  },
  exceeds: {
    zh: '{stated}为 {actual}，超过{source} {expected}（{why}），超出 {difference}',
    en: '{stated} is {actual}, more than {source} {expected} ({why}; excess {difference})',
  },
  missing: {
    zh: '{source}在科目 {code} {name} 上有金额，但{table}中没有这一行',
    en: '{source} has an amount at code {code} {name} but {table} has no such row',
  },
} as const;

type RowSel =
  | { kind: 'each' }
  | { kind: 'class' }
  | { kind: 'total' }
  | { kind: 'yearTotal' }
  | { kind: 'only' }
  | { kind: 'item'; key: string }
  | { kind: 'code'; code: string };

interface Ref {
  table: string;
  optional: boolean;
  side?: Side;
  rows: RowSel;
  column: string;
  /** `column?`: a table without the column counts it as zero */
  optionalColumn: boolean;
  sign: 1 | -1;
}

export interface ParsedLink {
  link: LayoutLink;
  stated: Ref;
  op: '=' | '<=';
  terms: Ref[];
}

const REF = /^\s*([+\-−])?\s*([A-Za-z][A-Za-z0-9_]*)(\?)?(?:\.([A-Za-z]+))?\[([^\]]+)\]\.([A-Za-z0-9@$]+)(\?)?\s*/;

function parseRef(text: string): { ref: Ref; rest: string } | undefined {
  const m = REF.exec(text);
  if (!m) return undefined;
  const side = m[4];
  if (side !== undefined && !(SIDES as readonly string[]).includes(side)) return undefined;
  const rows = parseRows(m[5]!.trim());
  if (!rows) return undefined;
  const ref: Ref = { table: m[2]!, optional: m[3] === '?', rows, column: m[6]!, optionalColumn: m[7] === '?', sign: m[1] === '-' || m[1] === '−' ? -1 : 1 };
  if (side) ref.side = side as Side;
  return { ref, rest: text.slice(m[0].length) };
}

function parseRows(s: string): RowSel | undefined {
  if (s === '*') return { kind: 'each' };
  if (s === 'class' || s === 'total' || s === 'yearTotal' || s === 'only') return { kind: s };
  const m = /^(item|code):([A-Za-z0-9$]+)$/.exec(s);
  if (!m) return undefined;
  return m[1] === 'item' ? { kind: 'item', key: m[2]! } : { kind: 'code', code: m[2]! };
}

/** A link's text → its parts; undefined when it is not a link (the profile schema test catches that). */
export function parseLink(link: LayoutLink): ParsedLink | undefined {
  const m = /^(.*?)(<=|≤|=)(.*)$/.exec(link.assert);
  if (!m) return undefined;
  const left = parseRef(m[1]!);
  if (!left || left.rest.trim() !== '') return undefined;
  const terms: Ref[] = [];
  let rest = m[3]!;
  while (rest.trim() !== '') {
    const r = parseRef(rest);
    if (!r) return undefined;
    if (terms.length > 0 && !/^\s*[+\-−]/.test(rest)) return undefined;
    terms.push(r.ref);
    rest = r.rest;
  }
  if (terms.length === 0) return undefined;
  return { link, stated: left.ref, op: m[2] === '=' ? '=' : '<=', terms };
}

const parsed = new WeakMap<LayoutLink, ParsedLink | null>();

function parsedOf(link: LayoutLink): ParsedLink | undefined {
  let p = parsed.get(link);
  if (p === undefined) parsed.set(link, (p = parseLink(link) ?? null));
  return p ?? undefined;
}

/** Keys a `$variable` stands for. */
const VARIABLES: Record<string, readonly ColumnKey[]> = {
  $source: ['fiscal', 'generalBudget', 'governmentFund', 'stateCapital', 'specialAccount', 'business', 'operating', 'upperSubsidy', 'subsidiaryRemit', 'other', 'businessFund'],
  $fiscal: ['generalBudget', 'governmentFund', 'stateCapital'],
};

function substitute(p: ParsedLink, variable: string, key: string): ParsedLink {
  const sub = (r: Ref): Ref => {
    const out: Ref = { ...r, column: r.column.replace(variable, key) };
    if (r.rows.kind === 'item') out.rows = { kind: 'item', key: r.rows.key.replace(variable, key) };
    return out;
  };
  return { link: p.link, op: p.op, stated: sub(p.stated), terms: p.terms.map(sub) };
}

function variablesOf(p: ParsedLink): string[] {
  const text = p.link.assert;
  return Object.keys(VARIABLES).filter((v) => text.includes(v));
}

/** Whether a table holds any nonzero amount. */
export function hasMoney(t: Table | undefined, side?: Side): boolean {
  if (!t) return false;
  return t.rows.some((r) => (side === undefined || r.side === side) && Object.values(r.cells).some((c) => c?.amount && !c.amount.value.isZero()));
}

const NON_FISCAL: readonly ColumnKey[] = ['specialAccount', 'business', 'operating', 'upperSubsidy', 'subsidiaryRemit', 'other', 'businessFund'];

/**
 * Revenue other than appropriations (事业收入, 其他资金 …) in the summary or the revenue table.
 * Either is enough: when the two disagree, income-agreement reports that, and the links that
 * assume only appropriations should not pile up findings on the lower one.
 */
export function hasNonFiscalRevenue(d: Disclosure): boolean {
  const t1 = d.tables.overview;
  const t2 = d.tables.income;
  const nonzero = (t: Table, r: Row) => Object.values(r.cells).some((c) => c.amount && !c.amount.value.isZero()) && t;
  const inT1 = !!t1 && t1.rows.some((r) => r.side === 'income' && r.item !== undefined && NON_FISCAL.includes(r.item) && nonzero(t1, r));
  const inT2 =
    !!t2 &&
    (t2.rows.some((r) => NON_FISCAL.some((k) => r.cells[k]?.amount?.value.isZero() === false)) ||
      t2.rows.some((r) => r.item !== undefined && NON_FISCAL.includes(r.item) && nonzero(t2, r)));
  return inT1 || inT2 || nonFiscalCarryIn(d);
}

/**
 * Money carried over from last year beyond the appropriations' own (表一's or 表二's 上年结转 above
 * 表四's): it pays for spending the 一般公共预算 table does not hold, as other revenue does.
 */
function nonFiscalCarryIn(d: Disclosure): boolean {
  const carried = (t: Table | undefined): Interval[] => {
    const out: Interval[] = [];
    for (const r of t?.rows ?? []) {
      if (r.side !== 'income' || r.role !== 'adjustment' || r.parent !== undefined) continue;
      const f = figure(t!, r, 'total');
      if (f && !f.blank) out.push(f.interval);
    }
    return out;
  };
  const t2 = d.tables.income;
  const t2carry: Interval[] = [];
  for (const r of t2?.rows ?? []) {
    const f = r.isTotal ? figure(t2!, r, 'carryIn') : undefined;
    if (f && !f.blank) t2carry.push(f.interval);
  }
  // the carried-over money as printed (in 万元), each side's most: a sign, not a sum that must hold
  const most = (xs: Interval[]) => sum(xs).value;
  const beyond = Decimal.max(most(carried(d.tables.overview)), most(t2carry));
  return beyond.greaterThan(most(carried(d.tables.fiscalOverview)).plus('0.005'));
}

/**
 * Whether the tables tell the sources of revenue: always, but for tables read from a text, where
 * only a summary read tells (a revenue table read from a text shows its totals, not its sources).
 */
function revenueKnown(d: Disclosure): boolean {
  return !d.tablesFromText || !!d.tables.overview;
}

interface Resolved {
  ref: Ref;
  table?: Table;
}

function label(r: Resolved): Bilingual {
  const t = r.table;
  const col = t ? columnOf(t, r.ref.column, r.ref.side) : undefined;
  const c = col ? columnName(col) : COLUMN_LABEL[r.ref.column as ColumnKey] ?? { zh: r.ref.column, en: r.ref.column };
  const tn = t ? tableShort(t) : { zh: r.ref.table, en: r.ref.table };
  const rows = r.ref.rows;
  const what = rows.kind === 'item' ? COLUMN_LABEL[rows.key as ColumnKey] : rows.kind === 'code' ? { zh: rows.code, en: rows.code } : undefined;
  const sideWord = r.ref.side === 'income' ? { zh: '收入', en: 'revenue ' } : undefined;
  if (what) return { zh: `${tn.zh} ${what.zh}`, en: `${tn.en} ${what.en}` };
  if (rows.kind === 'total' && sideWord) return { zh: `${tn.zh}收入总计`, en: `${tn.en} total revenue` };
  return { zh: `${tn.zh} ${c.zh}`, en: `${tn.en} ${c.en}` };
}

function describe(terms: Resolved[]): Bilingual {
  const one = (lang: 'zh' | 'en') => terms.map((t, i) => `${i === 0 ? (t.ref.sign === -1 ? '−' : '') : t.ref.sign === -1 ? ' − ' : ' + '}${label(t)[lang]}`).join('');
  return { zh: one('zh'), en: one('en') };
}

/** The rows a non-iterating selector picks (several: a 财政拨款 printed only as its parts). */
function pick(t: Table, ref: Ref): Row[] {
  const sel = ref.rows;
  switch (sel.kind) {
    case 'total': {
      const r = totalRow(t, ref.side);
      return r ? [r] : [];
    }
    case 'yearTotal': {
      if (!ref.side) return pick(t, { ...ref, rows: { kind: 'total' } });
      const year = yearTotalRow(t, ref.side);
      if (year) return [year];
      // without a subtotal, the grand total is the year's only when nothing is carried
      const carried = t.rows.some((r) => r.side === ref.side && r.role === 'adjustment' && Object.values(r.cells).some((c) => c.amount && !c.amount.value.isZero()));
      const r = carried ? undefined : totalRow(t, ref.side);
      return r ? [r] : [];
    }
    case 'only': {
      const r = onlyRow(t);
      return r ? [r] : [];
    }
    case 'item':
      return ref.side ? itemRows(t, ref.side, sel.key as ColumnKey) : t.rows.filter((r) => r.item === sel.key && !r.ofWhich && (r.role === 'item' || r.subtotal));
    case 'code':
      return rowsByCode(t, ref.side).get(sel.code) ?? [];
    default:
      return [];
  }
}

// (these run once per code of a table: loops rather than chains of map and filter, whose arrays
// were most of the garbage of a check of a large table)
function figs(t: Table | undefined, ref: Ref, rows: Row[]): Figure[] {
  const out: Figure[] = [];
  if (!t) return out;
  for (const r of rows) {
    const f = figure(t, r, ref.column);
    if (f) out.push(f);
  }
  return out;
}

function signed(ref: Ref, fs: Figure[]): Interval {
  const s = sumFigures(fs);
  return ref.sign === -1 ? neg(s) : s;
}

/** The row a side of codes totals on: its year subtotal when printed, else its grand total. */
function sumRow(t: Table, side: Side | undefined): Row | undefined {
  return (side ? yearTotalRow(t, side) : undefined) ?? totalRow(t, side);
}

interface Judge {
  meta: RuleMeta;
  ctx: RuleContext;
  atMost: boolean;
  why: Bilingual;
  out: Finding[];
}

function judge(j: Judge, stated: Figure, terms: Resolved[], termFigs: Figure[][]): void {
  const inputs: Figure[] = [];
  let allBlank = true;
  for (let i = 0; i < termFigs.length; i++) {
    for (const fig of termFigs[i]!) {
      inputs.push(fig);
      if (!fig.blank) allBlank = false;
    }
  }
  // the inputs with their signs, when some term is subtracted (else the inputs added up)
  const signedTerms = terms.some((t) => t.ref.sign === -1) ? termFigs.flatMap((fs, i) => fs.map((fig) => ({ fig, sign: terms[i]!.ref.sign }))) : undefined;
  if (stated.blank && allBlank) return;
  const computed = termFigs.length === 1 ? signed(terms[0]!.ref, termFigs[0]!) : termFigs.length ? sum(terms.map((t, i) => signed(t.ref, termFigs[i]!))) : exact(ZERO);
  const f = compare({
    meta: j.meta,
    messageId: j.atMost ? 'exceeds' : 'mismatch',
    data: () => ({ source: describe(terms), why: j.why }),
    stated,
    computed,
    inputs,
    terms: signedTerms,
    options: j.ctx.options,
    atMost: j.atMost,
  });
  if (f) j.out.push(f);
}

function byCode(j: Judge, stated: Resolved & { table: Table }, terms: Resolved[]): void {
  const statedRows = rowsByCode(stated.table, stated.ref.side);
  const termRows = terms.map((t) => (t.table ? rowsByCode(t.table, t.ref.side) : new Map<string, Row[]>()));
  // compare only the levels both the stated table and the first source print (a summary has only 类)
  const primary = new Set([...(termRows[0]?.keys() ?? [])].map((c) => c.length));
  const classOnly = stated.ref.rows.kind === 'class';
  const levels = new Set([...statedRows.keys()].map((c) => c.length).filter((l) => primary.has(l) && (!classOnly || l === 3)));
  const codes = new Set<string>([...statedRows.keys()].filter((c) => levels.has(c.length)));
  for (const m of termRows) for (const c of m.keys()) if (levels.has(c.length)) codes.add(c);
  for (const code of [...codes].sort()) {
    const termFigs = terms.map((t, i) => figs(t.table, t.ref, termRows[i]!.get(code) ?? []));
    const rows = statedRows.get(code);
    if (!rows || rows.length === 0) {
      const computed = sum(terms.map((t, i) => signed(t.ref, termFigs[i]!)));
      const inputs = termFigs.flat();
      if (computed.value.isZero() || inputs.length === 0) continue;
      // an absent row is 0, which satisfies "≤" a positive amount
      if (j.atMost && computed.value.gt(0)) continue;
      const first = inputs.find((f) => !f.blank) ?? inputs[0]!;
      j.out.push(
        plainFinding(j.meta, 'missing', locationOf(first), {
          code,
          name: first.row?.name ?? '',
          source: describe(terms),
          table: tableShort(stated.table),
        }),
      );
      continue;
    }
    const s = figure(stated.table, rows[0]!, stated.ref.column);
    if (!s) continue;
    judge(j, s, terms, termFigs);
  }
  const st = sumRow(stated.table, stated.ref.side);
  const s = st && figure(stated.table, st, stated.ref.column);
  if (!s) return;
  // an empty table (no total printed) counts as zero
  const termFigs = terms.map((t) => {
    const row = t.table ? sumRow(t.table, t.ref.side) : undefined;
    return row ? figs(t.table, t.ref, [row]) : [];
  });
  judge(j, s, terms, termFigs);
}

function assumptionOf(ctx: RuleContext): { atMost: boolean; why: Bilingual } {
  const unitType = ctx.options.unitType ?? ctx.disclosure.unitType;
  if (unitType === '行政单位') return { atMost: false, why: { zh: '单位类型：行政单位', en: 'unit type: 行政单位' } };
  if (unitType) return { atMost: true, why: { zh: `单位类型：${unitType}，只要求不超过`, en: `unit type: ${unitType}, so it must only not exceed it` } };
  return { atMost: true, why: { zh: '未注明单位类型，只核对不超过；行政单位请注明以核对相等', en: 'no unit type given, so only "not more than" is checked; declare 行政单位 to check equality' } };
}

/** Evaluates the layout's links that belong to one rule. */
export function checkLinks(ctx: RuleContext, meta: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const link of ctx.layout.links) {
    if (link.rule !== meta.id) continue;
    const p = parsedOf(link);
    if (!p) {
      ctx.skip(link.assert, { zh: '版式中的关系式无法解析', en: 'the layout\'s link cannot be parsed' });
      continue;
    }
    const vars = variablesOf(p);
    const instances = vars.length ? VARIABLES[vars[0]!]!.map((k) => substitute(p, vars[0]!, k)) : [p];
    for (const inst of instances) evaluate(ctx, meta, inst, vars.length > 0, out);
  }
  return out;
}

function resolve(d: Disclosure, ctx: RuleContext, ref: Ref): Resolved {
  const lt = tableById(ctx.layout, ref.table);
  // only a table read as this layout's own: one recognised by generic wording may be another thing
  const table = lt ? d.tables[lt.role] : undefined;
  return table && table.id === ref.table ? { ref, table } : { ref };
}

function evaluate(ctx: RuleContext, meta: RuleMeta, p: ParsedLink, repeated: boolean, out: Finding[]): void {
  const d = ctx.disclosure;
  const link = p.link;
  if (link.unlessTable) {
    const lt = tableById(ctx.layout, link.unlessTable);
    if (lt && d.tables[lt.role]) return;
  }
  const stated = resolve(d, ctx, p.stated);
  const terms = p.terms.map((r) => resolve(d, ctx, r));
  const text = repeated ? `${link.assert} (${p.stated.column.startsWith('$') ? '' : p.stated.column})` : link.assert;
  if (!stated.table) {
    // a missing table is the missing-table rule's finding
    return;
  }
  for (const t of terms) {
    if (!t.table && !t.ref.optional) {
      ctx.skip(text, { zh: `缺少 ${t.ref.table}，未核对`, en: `${t.ref.table} is missing; not checked` });
      return;
    }
    // an optional table missing counts as zero, but one printed in a text and not read from it (or,
    // tables read from a text, one not found in it) is no zero: what it holds is not known
    const lt = tableById(ctx.layout, t.ref.table);
    const role = lt?.role as TableKind;
    if (!t.table && (d.unreadTables?.includes(role) || (d.tablesFromText && !lt?.optional && !d.emptyTables?.includes(role)))) {
      ctx.skip(text, { zh: `${t.ref.table} 未从文字中读取，未核对`, en: `${t.ref.table} was not read from the text; not checked` });
      return;
    }
  }
  // a column the stated table does not print: nothing is stated, nothing to check
  if (!amountIds(stated.table, stated.ref.side).includes(p.stated.column)) {
    if (!repeated) ctx.skip(text, { zh: `${tableShort(stated.table).zh}没有这一列`, en: `${tableShort(stated.table).en} has no such column` });
    return;
  }
  const present: Resolved[] = [];
  for (const t of terms) {
    if (!t.table) continue; // optional and missing: zero
    if (!amountIds(t.table, t.ref.side).includes(t.ref.column)) {
      // a table read from a text has its totals only: a column it lacks is not known, not zero
      if (t.table.partial) {
        // (a single-row table keeps the columns its figures could be placed under for certain)
        const why =
          t.table.structure === 'single'
            ? { zh: `${tableShort(t.table).zh}的这一列无法从文字中确定，未核对`, en: `this column of ${tableShort(t.table).en} could not be placed from the text; not checked` }
            : { zh: `${tableShort(t.table).zh}从文字中只读取了合计，未核对`, en: `only the totals of ${tableShort(t.table).en} were read from the text; not checked` };
        ctx.skip(text, why);
        return;
      }
      if (t.ref.optionalColumn) continue;
      if (t.ref.optional && !hasMoney(t.table)) continue;
      if (repeated && !t.ref.optional) {
        // a source the summary prints as a row but the other table has no column for: compared with 0 only when stated
        present.push(t);
        continue;
      }
      ctx.skip(text, { zh: `${tableShort(t.table).zh}没有所需的列，未核对`, en: `${tableShort(t.table).en} lacks the column; not checked` });
      return;
    }
    if (t.ref.optional && !hasMoney(t.table)) continue;
    present.push(t);
  }
  let atMost = p.op === '<=';
  let why: Bilingual = { zh: '只要求不超过', en: 'it must only not exceed it' };
  if (link.relax === 'nonFiscalRevenue' && hasNonFiscalRevenue(d)) {
    atMost = true;
    why = { zh: '部门有财政拨款以外的收入，只要求不超过', en: 'with revenue other than appropriations it must only not exceed it' };
  } else if (link.relax === 'nonFiscalRevenue' && !revenueKnown(d)) {
    atMost = true;
    why = { zh: '从文字中读取的表看不出有无财政拨款以外的收入，只要求不超过', en: 'the tables read from the text do not tell whether there is revenue other than appropriations; it must only not exceed it' };
  } else if (link.relax === 'fundMoney') {
    const lt = ctx.layout.tables.find((t) => t.role === 'governmentFund');
    if (lt && hasMoney(d.tables[lt.role])) {
      atMost = true;
      why = { zh: '有政府性基金支出，只要求不超过', en: 'with government-fund spending it must only not exceed it' };
    }
  } else if (link.relax === 'unlessAdministrative') {
    const a = assumptionOf(ctx);
    atMost = a.atMost;
    why = a.why;
  }
  const j: Judge = { meta, ctx, atMost, why, out };
  const kind = p.stated.rows.kind;
  // a block a table does not have is unknown, not zero
  for (const r of [stated, ...present]) {
    if (r.ref.side && !r.table!.rows.some((x) => x.side === r.ref.side)) {
      ctx.skip(text, { zh: `${tableShort(r.table!).zh}没有所需的一方，未核对`, en: `${tableShort(r.table!).en} has no such block; not checked` });
      return;
    }
  }
  if (kind === 'each' || kind === 'class') {
    byCode(j, stated as Resolved & { table: Table }, present);
    return;
  }
  const rows = pick(stated.table, p.stated);
  if (rows.length === 0) {
    if (kind === 'yearTotal' || kind === 'total') ctx.skip(text, { zh: `${tableShort(stated.table).zh}没有可比的合计行`, en: `${tableShort(stated.table).en} has no comparable total row` });
    return;
  }
  for (const t of present) {
    if ((t.ref.rows.kind === 'yearTotal' || t.ref.rows.kind === 'total') && pick(t.table!, t.ref).length === 0) {
      ctx.skip(text, { zh: `${tableShort(t.table!).zh}有结转结余而没有本年合计行，未核对`, en: `${tableShort(t.table!).en} carries money over but prints no subtotal of the year; not checked` });
      return;
    }
  }
  const s = rows.length === 1 ? figure(stated.table, rows[0]!, p.stated.column) : undefined;
  if (!s) return;
  // in a repeated link, a source the stated table prints but no other table names is 0 there
  const termFigs = present.map((t) => figs(t.table, t.ref, pick(t.table!, t.ref)));
  if (repeated && termFigs.every((f) => f.length === 0) && s.blank) return;
  judge(j, s, present, termFigs);
}
