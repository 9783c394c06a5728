// The one figure type every rule compares and the one path by which a finding is made: a
// published figure is an interval in the compared unit (万元 for money), judged against what
// other figures give; a failed relationship becomes a finding with its inputs and units.
import {
  NOTHING,
  add,
  displayedIn,
  formatDec,
  judgeAtMost,
  judgeEqual,
  signedSumIs,
  type Dec,
  type Interval,
  type JudgeOptions,
  type Verdict,
} from '../core/decimal.js';
import { fill, type Bilingual, type Finding, type FindingInput, type FindingLocation, type Severity } from '../core/findings.js';
import type { Location } from '../core/vocabulary.js';
import { COLUMN_LABEL, stripNumbering } from '../load/aliases.js';
import { UNIT_IN_WAN } from '../load/constants.js';
import type { Cell, Column, Row, Table } from '../load/model.js';
import { tableLabel } from '../load/table.js';
import { isRecording, recordRelation, type Relation } from './relations.js';
import type { CheckOptions, RuleMeta } from './types.js';

/** A published figure, located, as an interval in the compared unit. */
export interface Figure {
  /** in the compared unit: 万元 for money, the displayed unit otherwise */
  interval: Interval;
  /** the unit it is printed in: 元, 万元, %, 个 … */
  unit: string;
  /** a printed value times this is the compared value */
  toBase: Dec;
  decimals: number;
  loc: Location;
  label: Bilingual;
  blank: boolean;
  table?: Table;
  row?: Row;
  /** the column id */
  col?: string;
  /** a cell's identity (file, line, side, column), made once for a cell's figure; see cellKey in root-cause.ts */
  readonly key?: string;
}

/** How a table is named in a figure's label: the document's number, else its name. */
export function tableShort(t: Pick<Table, 'number' | 'name'>): Bilingual {
  return t.number ?? t.name;
}

export { tableLabel };

export function rowLabel(row: Row): Bilingual {
  if (row.isTotal) {
    const name = stripNumbering(row.name);
    if (name) return { zh: name, en: row.side === 'income' ? 'total revenue' : row.side ? 'total expenditure' : 'total' };
    return row.side === 'income' ? { zh: '收入总计', en: 'total revenue' } : row.side ? { zh: '支出总计', en: 'total expenditure' } : { zh: '合计', en: 'total' };
  }
  const parts = [row.code, row.name, row.project].filter((p): p is string => !!p && p !== '');
  const s = parts.join(' ');
  return { zh: s, en: s };
}

export function columnOf(table: Table, id: string, side?: string): Column | undefined {
  return table.columns.find((c) => c.id === id && (side === undefined || c.side === undefined || c.side === side));
}

/** A column's name: its lowest printed header in Chinese, the key's name in English. */
export function columnName(col: Column): Bilingual {
  // a row's figure read from a text, named by its place (unplacedFigure)
  if (col.id.startsWith('#') && !col.key) return { zh: `第 ${col.index} 个数`, en: `figure ${col.index}` };
  const printed = col.header[col.header.length - 1];
  const base = col.key ? COLUMN_LABEL[col.key] : { zh: printed ?? `#${col.index}`, en: printed ?? `column ${col.index}` };
  const dim = col.dimension ? { zh: col.dimension === 'budget' ? '预算数' : col.dimension === 'final' ? '决算数' : col.dimension, en: col.dimension } : undefined;
  // 预算数 / 决算数 under an item band name the figure, not the column: the band's key names it
  const zh = printed && !(col.dimension && /^(预算数|决算数)$/.test(printed)) ? printed : base.zh;
  return dim ? { zh: `${zh}（${dim.zh}）`, en: `${base.en} (${dim.en})` } : { zh, en: base.en };
}

// Rules look at the same cells many times over; a read number keeps the interval made for it.
function cellInterval(cell: Cell | undefined, toBase: Dec): Interval {
  return cell?.amount ? displayedIn(cell.amount, toBase) : NOTHING;
}

// A class rather than an object literal with a getter: rules make thousands of figures per
// disclosure; the label is built only when a finding needs it.
class CellFigure implements Figure {
  private built: Bilingual | undefined;
  private madeKey: string | undefined;
  constructor(
    readonly interval: Interval,
    readonly unit: string,
    readonly toBase: Dec,
    readonly decimals: number,
    readonly loc: Location,
    readonly blank: boolean,
    readonly table: Table,
    readonly row: Row,
    readonly col: string,
    private readonly column: Column,
    /** what it was made of: the cell and its amount */
    readonly cell: Cell | undefined,
    readonly amount: Cell['amount'] | undefined,
  ) {}

  get key(): string {
    return (this.madeKey ??= `${this.table.file}|${this.row.line}|${this.row.side ?? ''}|${this.col}`);
  }

  get label(): Bilingual {
    if (!this.built) {
      const rl = rowLabel(this.row);
      const cl = columnName(this.column);
      const t = tableShort(this.table);
      // a table of one unnamed row (the “三公” table) is named by the table alone
      const head = (lang: 'zh' | 'en') => (rl[lang] ? `${t[lang]} ${rl[lang]}` : t[lang]);
      this.built = { zh: `${head('zh')} · ${cl.zh}`, en: `${head('en')} · ${cl.en}` };
    }
    return this.built;
  }
}

// A cell's figure is made once, however many rules and links ask for it (a row's figures, by column
// id), and made again only if the cell, its amount or the table's unit is no longer the one it was
// made of (a table is not changed once read, but a caller may change a cell and check again).
// Kept on the row itself under a symbol, not enumerable (neither copied by a spread nor serialised
// nor sent to a worker): a WeakMap look-up per call cost more than the figures' own making.
const FIGURES = Symbol('figures');
type Figured = Row & { [FIGURES]?: Map<string, CellFigure> };

/** The figure in a row's column, or undefined when the table has no such column. */
export function figure(table: Table, row: Row, id: string): Figure | undefined {
  let made = (row as Figured)[FIGURES];
  const cell = row.cells[id];
  const known = made?.get(id);
  if (known && known.table === table && known.cell === cell && known.amount === cell?.amount && known.unit === table.unit) return known;
  const fig = makeFigure(table, row, id, cell);
  if (fig) {
    if (!made) Object.defineProperty(row, FIGURES, { value: (made = new Map()), enumerable: false, writable: false });
    made.set(id, fig);
  }
  return fig;
}

function makeFigure(table: Table, row: Row, id: string, cell: Cell | undefined): CellFigure | undefined {
  const column = columnOf(table, id, row.side);
  if (!column) return undefined;
  const toBase = UNIT_IN_WAN[table.unit];
  return new CellFigure(
    cellInterval(cell, toBase),
    table.unit,
    toBase,
    cell?.amount?.decimals ?? 2,
    cell?.loc ?? row.nameLoc,
    !cell?.amount,
    table,
    row,
    id,
    column,
    cell,
    cell?.amount,
  );
}

/**
 * The figure of a row's k-th printed figure after its total, in a row read from a text whose
 * columns text does not tell (row.unplaced): named by its place in the row, not by a column.
 */
export function unplacedFigure(table: Table, row: Row, k: number): Figure | undefined {
  const cell = row.unplaced?.[k];
  if (!cell) return undefined;
  const n = k + 2;
  const column: Column = { id: `#${n}`, header: [], index: n };
  const toBase = UNIT_IN_WAN[table.unit];
  return new CellFigure(cellInterval(cell, toBase), table.unit, toBase, cell.amount?.decimals ?? 2, cell.loc, !cell.amount, table, row, column.id, column, cell, cell.amount);
}

export function isBlankOrZero(f: Figure | undefined): boolean {
  return !f || f.interval.value.isZero();
}

export function judgeOptions(o: CheckOptions): JudgeOptions {
  const j: JudgeOptions = { strict: o.strict };
  if (o.absTolerance) j.absTolerance = o.absTolerance;
  return j;
}

/** A value in the compared unit, shown in a figure's printed unit. */
function inUnit(v: Dec, f: Pick<Figure, 'toBase'>): Dec {
  return v.div(f.toBase);
}

export function show(f: Figure, lang: 'zh' | 'en' = 'zh'): string {
  return f.blank ? (lang === 'zh' ? '空' : 'blank') : formatDec(inUnit(f.interval.value, f), f.decimals);
}

export function asInput(f: Figure): FindingInput {
  return { label: f.label, value: f.blank ? '0' : formatDec(inUnit(f.interval.value, f), f.decimals), unit: f.unit, location: f.loc };
}

export function locationOf(f: Figure): FindingLocation {
  const l: FindingLocation = { ...f.loc };
  if (f.table) {
    l.table = f.table.id ?? f.table.kind;
    l.tableName = tableLabel(f.table);
  }
  if (f.row) l.row = rowLabel(f.row).zh || (f.row.isTotal ? '合计' : '');
  if (f.col && f.table) {
    const col = columnOf(f.table, f.col, f.row?.side);
    l.col = col ? col.header.join('/') || columnName(col).zh : f.col;
  }
  return l;
}

/** The place of a table as a whole: its title. */
export function tableLocation(t: Table): FindingLocation {
  return { ...t.titleLoc, table: t.id ?? t.kind, tableName: tableLabel(t) };
}

/** Message parameters: plain text, or text that differs by language. */
export type MessageData = Record<string, string | Bilingual>;

/** Message parameters in one language. */
export function pickLang(data: MessageData | undefined, lang: 'zh' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) out[k] = typeof v === 'string' ? v : v[lang];
  return out;
}

/** Appended to a warning whose gap rounding explains; every kind of rule words it alike. */
export const ROUNDING_NOTE: Bilingual = { zh: '（尾差，可由舍入解释）', en: ' (rounding difference)' };

/** An English note joins a message's closing parenthesis rather than opening a second one. */
export function withNote(message: string, note: string): string {
  const inner = note.trim().replace(/^\((.*)\)$/, '$1');
  return message.endsWith(')') && inner !== note.trim() ? `${message.slice(0, -1)}; ${inner})` : message + note;
}

export interface Comparison {
  meta: RuleMeta;
  messageId: string;
  /** message parameters, or a function giving them (called only when there is a finding) */
  data?: MessageData | (() => MessageData);
  /** the published figure being checked */
  stated: Figure;
  /** what the other figures give, in the compared unit */
  computed: Interval;
  inputs: Figure[];
  options: CheckOptions;
  /** "≤" instead of "=" */
  atMost?: boolean;
  /** where the finding stands, when not at the stated figure */
  at?: FindingLocation;
  /** cap the severity (a custom rule marked as warning) */
  maxSeverity?: Severity;
  /** what `computed` is the sum of, with signs, when not simply the inputs added up */
  terms?: Array<{ fig: Figure; sign: 1 | -1 }>;
  /** show the recomputed value with at least these places (when it is more precise than the stated figure) */
  expectedDecimals?: number;
  /** show the recomputed value rounded to the stated places, the difference from that (shares, rates) */
  roundExpected?: boolean;
  /** said after the message: why the figure is off (a share cut instead of rounded …) */
  note?: Bilingual;
}

/** Judges one relationship and, if it fails, builds the finding: the one way a comparison reports. */
export function compare(c: Comparison): Finding | null {
  const opts = judgeOptions(c.options);
  const verdict = c.atMost ? judgeAtMost(c.stated.interval, c.computed, opts) : judgeEqual(c.stated.interval, c.computed, opts);
  const finding = verdict ? report(c, verdict) : null;
  if (isRecording()) {
    // recorded only when `computed` is exactly the signed sum of the figures named
    const figs = c.terms ? c.terms.map((t) => t.fig) : c.inputs;
    const signs = c.terms?.some((t) => t.sign === -1) ? c.terms.map((t) => t.sign) : undefined;
    if (signedSumIs(figs, signs, c.computed)) {
      const r: Relation = { ruleId: c.meta.id, op: c.atMost ? '<=' : '=', stated: c.stated, figs };
      if (signs) r.signs = signs;
      if (finding) r.finding = finding;
      recordRelation(r);
    }
  }
  return finding;
}

/** A verdict already reached (by a rule with its own judgement) turned into the finding. */
export function report(c: Omit<Comparison, 'options'> & { options?: CheckOptions }, verdict: Verdict): Finding {
  const decimals = c.stated.decimals;
  const expV = inUnit(c.computed.value, c.stated);
  const expected = c.roundExpected ? expV.toDecimalPlaces(decimals).toFixed(decimals) : formatDec(expV, Math.max(decimals, c.expectedDecimals ?? 0));
  const actual = c.stated.blank ? '0' : formatDec(inUnit(c.stated.interval.value, c.stated), decimals);
  const difference = c.roundExpected
    ? formatDec(inUnit(c.stated.interval.value, c.stated).minus(expected), decimals)
    : formatDec(inUnit(verdict.difference, c.stated), decimals);
  const unit = c.stated.unit;
  const given = typeof c.data === 'function' ? c.data() : c.data;
  const data = { ...pickLang(given, 'zh'), stated: c.stated.label.zh, expected, actual, difference, unit };
  const dataEn = { ...pickLang(given, 'en'), stated: c.stated.label.en, expected, actual, difference, unit };
  const explained = verdict.roundingExplains && verdict.severity === 'warning';
  let severity = verdict.severity;
  if (c.maxSeverity === 'warning' && severity === 'error') severity = 'warning';
  const tpl = c.meta.messages[c.messageId]!;
  return {
    ruleId: c.meta.id,
    messageId: c.messageId,
    severity,
    message: {
      zh: fill(tpl.zh, data) + (c.note?.zh ?? '') + (explained ? ROUNDING_NOTE.zh : ''),
      en: explained ? withNote(fill(tpl.en, dataEn) + (c.note?.en ?? ''), ROUNDING_NOTE.en) : fill(tpl.en, dataEn) + (c.note?.en ?? ''),
    },
    location: c.at ?? locationOf(c.stated),
    expected,
    actual,
    difference,
    unit,
    inputs: c.inputs.map(asInput),
  };
}

export function sumFigures(fs: readonly Figure[]): Interval {
  // sum() without the array of intervals: blanks (NOTHING) add nothing
  let acc = NOTHING;
  for (const f of fs) if (f.interval !== NOTHING) acc = acc === NOTHING ? f.interval : add(acc, f.interval);
  return acc;
}

/** A finding that is not a numeric comparison (a missing table, a missing note…). */
export function plainFinding(
  meta: RuleMeta,
  messageId: string,
  location: FindingLocation,
  data: MessageData = {},
  severity = meta.defaultSeverity,
): Finding {
  const tpl = meta.messages[messageId]!;
  return {
    ruleId: meta.id,
    messageId,
    severity,
    message: { zh: fill(tpl.zh, pickLang(data, 'zh')), en: fill(tpl.en, pickLang(data, 'en')) },
    location,
  };
}

/** "工资福利支出 + 商品和服务支出" from the figures' column labels. */
export function joinLabels(fs: readonly Figure[], sep = ' + '): Bilingual {
  const part = (l: string) => l.split(' · ').pop() ?? l;
  return { zh: fs.map((f) => part(f.label.zh)).join(sep), en: fs.map((f) => part(f.label.en)).join(sep) };
}
