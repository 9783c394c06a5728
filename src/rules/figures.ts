// Shared arithmetic for the table rules: reading a cell as an interval in 万元, summing, and
// turning a failed equality or inequality into a finding with its inputs.
import {
  NOTHING,
  displayed,
  formatDec,
  judgeAtMost,
  judgeEqual,
  sum,
  scale,
  type Dec,
  type Interval,
  type JudgeOptions,
} from '../core/decimal.js';
import { fill, type Bilingual, type Finding, type FindingInput, type FindingLocation } from '../core/findings.js';
import { COLUMN_LABEL, TABLE_NUMBER } from '../load/aliases.js';
import { UNIT_IN_WAN } from '../load/constants.js';
import type { Cell, ColumnKey, Location, Row, Table, Unit } from '../load/model.js';
import type { CheckOptions, RuleMeta } from './types.js';

/** A published figure, located, as an interval in 万元. */
export interface Figure {
  interval: Interval;
  unit: Unit;
  decimals: number;
  loc: Location;
  label: Bilingual;
  blank: boolean;
  table?: Table;
  row?: Row;
  key?: ColumnKey;
}


export function columnLabel(key: ColumnKey): Bilingual {
  return COLUMN_LABEL[key];
}

export function rowLabel(row: Row): Bilingual {
  if (row.isTotal) {
    const side = row.side === 'income' ? { zh: '收入总计', en: 'total revenue' } : row.side === 'expense' ? { zh: '支出总计', en: 'total expenditure' } : { zh: '合计', en: 'total' };
    return side;
  }
  const parts = [row.code, row.name, row.project].filter((p): p is string => !!p && p !== '');
  const s = parts.join(' ');
  return { zh: s, en: s };
}

/** The column's lowest header text as printed (表七: 项目支出合计), if the table has the column. */
export function printedHeader(table: Table, key: ColumnKey, side?: string): string | undefined {
  const col = table.columns.find((c) => c.key === key && (side === undefined || c.side === side));
  return col?.header[col.header.length - 1];
}

export function tableLabel(table: Table): string {
  return `${TABLE_NUMBER[table.kind]}`;
}

// Rules look at the same cells many times over; the interval of a cell and the column set of a
// table are computed once.
const intervals = new WeakMap<Cell, Interval>();
const columnSets = new WeakMap<Table, Map<string, Set<string>>>();

function cellInterval(cell: Cell | undefined, unit: Unit): Interval {
  if (!cell?.amount) return NOTHING;
  let iv = intervals.get(cell);
  if (!iv) {
    iv = scale(displayed(cell.amount.value, cell.amount.decimals), UNIT_IN_WAN[unit]);
    intervals.set(cell, iv);
  }
  return iv;
}

function hasColumn(table: Table, key: ColumnKey, side: string | undefined): boolean {
  let sets = columnSets.get(table);
  if (!sets) {
    sets = new Map<string, Set<string>>([['*', new Set()]]);
    for (const c of table.columns) {
      const s = c.side ?? '';
      if (!sets.has(s)) sets.set(s, new Set());
      sets.get(s)!.add(c.key);
      sets.get('*')!.add(c.key);
    }
    columnSets.set(table, sets);
  }
  return sets.get(side ?? '*')?.has(key) ?? false;
}

// A class rather than an object literal with a getter: rules make thousands of figures per
// disclosure, and literals with accessors are built slowly; the label is built only when a
// finding needs it.
class CellFigure implements Figure {
  private built: Bilingual | undefined;
  constructor(
    readonly interval: Interval,
    readonly unit: Unit,
    readonly decimals: number,
    readonly loc: Location,
    readonly blank: boolean,
    readonly table: Table,
    readonly row: Row,
    readonly key: ColumnKey,
  ) {}

  get label(): Bilingual {
    if (!this.built) {
      const rl = rowLabel(this.row);
      const cl = { zh: printedHeader(this.table, this.key, this.row.side) ?? columnLabel(this.key).zh, en: columnLabel(this.key).en };
      const t = tableLabel(this.table);
      // a table with a single unnamed row (表八) is named by the table alone
      const head = (r: string) => (r ? `${t} ${r}` : t);
      this.built = { zh: `${head(rl.zh)} · ${cl.zh}`, en: `${head(rl.en)} · ${cl.en}` };
    }
    return this.built;
  }
}

/** The figure in a row's column, or undefined when the table has no such column. */
export function figure(table: Table, row: Row, key: ColumnKey): Figure | undefined {
  if (!hasColumn(table, key, row.side)) return undefined;
  const cell = row.cells[key];
  return new CellFigure(
    cellInterval(cell, table.unit),
    table.unit,
    cell?.amount?.decimals ?? 2,
    cell?.loc ?? row.nameLoc,
    !cell?.amount,
    table,
    row,
    key,
  );
}

export function isBlankOrZero(f: Figure | undefined): boolean {
  return !f || f.interval.value.isZero();
}

export function judgeOptions(o: CheckOptions): JudgeOptions {
  const j: JudgeOptions = { strict: o.strict };
  if (o.absTolerance) j.absTolerance = o.absTolerance;
  return j;
}

function inWan(v: Dec, unit: Unit): Dec {
  return v.div(UNIT_IN_WAN[unit]);
}

export function show(f: Figure, lang: 'zh' | 'en' = 'zh'): string {
  return f.blank ? (lang === 'zh' ? '空' : 'blank') : formatDec(inWan(f.interval.value, f.unit), f.decimals);
}

export function asInput(f: Figure): FindingInput {
  return { label: f.label, value: f.blank ? '0' : formatDec(inWan(f.interval.value, f.unit), f.decimals), location: f.loc };
}

export function locationOf(f: Figure): FindingLocation {
  const l: FindingLocation = { ...f.loc };
  if (f.table) l.table = f.table.kind;
  if (f.row) l.row = rowLabel(f.row).zh || (f.row.isTotal ? '合计' : '');
  if (f.key && f.table) {
    const col = f.table.columns.find((c) => c.key === f.key && (f.row?.side === undefined || c.side === f.row?.side));
    l.col = col ? col.header.join('/') : columnLabel(f.key).zh;
  }
  return l;
}

export interface Comparison {
  meta: RuleMeta;
  messageId: string;
  /** message parameters, or a function giving them (called only when there is a finding) */
  data?: MessageData | (() => MessageData);
  /** the published figure being checked */
  stated: Figure;
  /** what the other figures give */
  computed: Interval;
  inputs: Figure[];
  options: CheckOptions;
  /** "≤" instead of "=" */
  atMost?: boolean;
  /** report in this unit instead of the stated figure's */
}

/** Appended to a warning whose gap rounding explains; every kind of rule words it alike. */
export const ROUNDING_NOTE: Bilingual = { zh: '（尾差，可由舍入解释）', en: ' (rounding difference)' };

/** Judges one relationship and, if it fails, builds the finding. */
export function compare(c: Comparison): Finding | null {
  const opts = judgeOptions(c.options);
  const verdict = c.atMost ? judgeAtMost(c.stated.interval, c.computed, opts) : judgeEqual(c.stated.interval, c.computed, opts);
  if (!verdict) return null;
  const unit = c.stated.unit;
  const decimals = c.stated.decimals;
  const expected = formatDec(inWan(c.computed.value, unit), decimals);
  const actual = c.stated.blank ? '0' : formatDec(inWan(c.stated.interval.value, unit), decimals);
  const difference = formatDec(inWan(verdict.difference, unit), decimals);
  const tpl = c.meta.messages[c.messageId]!;
  const given = typeof c.data === 'function' ? c.data() : c.data;
  const data = { ...pickLang(given, 'zh'), stated: c.stated.label.zh, expected, actual, difference, unit };
  const dataEn = { ...pickLang(given, 'en'), stated: c.stated.label.en, expected, actual, difference, unit };
  const explained = verdict.roundingExplains && verdict.severity === 'warning';
  return {
    ruleId: c.meta.id,
    severity: verdict.severity,
    message: {
      zh: fill(tpl.zh, data) + (explained ? ROUNDING_NOTE.zh : ''),
      en: fill(tpl.en, dataEn) + (explained ? ROUNDING_NOTE.en : ''),
    },
    location: locationOf(c.stated),
    expected,
    actual,
    difference,
    unit,
    inputs: c.inputs.map(asInput),
  };
}

export function sumFigures(fs: Figure[]): Interval {
  return sum(fs.map((f) => f.interval));
}

/** Message parameters: plain text, or text that differs by language. */
export type MessageData = Record<string, string | Bilingual>;

/** Message parameters in one language. */
export function pickLang(data: MessageData | undefined, lang: 'zh' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data ?? {})) out[k] = typeof v === 'string' ? v : v[lang];
  return out;
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
    severity,
    message: { zh: fill(tpl.zh, pickLang(data, 'zh')), en: fill(tpl.en, pickLang(data, 'en')) },
    location,
  };
}

/** "工资福利支出 + 商品和服务支出" from the figures' column labels. */
export function joinLabels(fs: Figure[], sep = ' + '): Bilingual {
  const part = (l: string) => l.split(' · ').pop() ?? l;
  return { zh: fs.map((f) => part(f.label.zh)).join(sep), en: fs.map((f) => part(f.label.en)).join(sep) };
}

