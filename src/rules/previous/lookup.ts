// Where a subject the text names stands in a disclosure (this year's or last year's): the narrative
// keys (收支总计, 基本支出, “三公”经费 …, a 类/款/项 by its path or code) and the few subjects only a
// year-on-year comparison needs (单位预留机动经费, 会议费, 培训费, 政府性基金). A row of the
// classification is found by its code where this year's tables give one, and its name must be last
// year's name of that code (the same words, or the same characters reordered).
import type { AmountClaim } from '../../load/narrative/model.js';
import { cleanLabel, keyOf } from '../../load/narrative/keys.js';
import type { Disclosure, Row, Table } from '../../load/model.js';
import type { Statement } from '../../core/vocabulary.js';
import { figure, type Figure } from '../figures.js';
import { normName } from '../narrative/names.js';
import { functionRows, functionTables, tableFigure, threePublicFigure } from '../narrative/tables.js';
import { dataRows, onlyRow, totalRow } from '../table/shared.js';

/** The words after a name that say what kind of figure it is, not what of. */
const KIND_TAIL = /(?:年初|全年)?(?:预算|决算)?(?:支出|拨款)?(?:预算|决算)?(?:数|金额|总额)?$/;

const EXTRA: Array<[RegExp, string]> = [
  [/(?:单位)?预留机动经费$/, 'reserve'],
  [/会议费$/, 'meeting'],
  [/培训费$/, 'training'],
  [/政府性基金(?:预算)?(?:财政拨款)?$/, 'governmentFund'],
  [/(?:收入|支出|收支)(?:预算)?总计$|收支总(?:预算|额)$/, 'grandTotal'],
];

/** The key of a subject as written: the narrative's own, else with its kind words off, else the extra ones. */
export function subjectKey(words: string): string | undefined {
  const s = cleanLabel(words.replace(/[、\s]/g, '').replace(/收入支出/g, '收支').replace(/^.*?(?:19|20)\d\d年度?/, '')).replace(/[各均都]$/, '');
  const direct = keyOf(s);
  if (direct) return direct;
  const bare = s.replace(KIND_TAIL, '');
  if (bare && bare !== s) {
    const k = keyOf(bare);
    if (k) return k;
  }
  for (const [re, key] of EXTRA) if (re.test(s) || (bare && re.test(bare))) return key;
  return undefined;
}

/** The key of an amount of the text: its own, or read again from its words. */
export function claimKey(a: AmountClaim): string | undefined {
  if (a.scope) return undefined; // 基本支出 of one class, not of the department
  return a.key ?? subjectKey(a.subject ?? a.label);
}

/** Names of one row in two years: the same, or the same characters in another order (一般行政事务管理 / 一般行政管理事务). */
export function sameRowName(a: string, b: string): boolean {
  const x = normName(a).replace(/支出$/, '');
  const y = normName(b).replace(/支出$/, '');
  if (x === y) return true;
  return x.length === y.length && [...x].sort().join('') === [...y].sort().join('');
}

/** The row a path of names leads to, level by level, names compared by sameRowName. */
function rowByPath(t: Table, path: readonly string[]): Row | undefined {
  const rows = functionRows(t);
  let scope = rows;
  let found: Row | undefined;
  for (let level = 1; level <= path.length; level++) {
    const name = path[level - 1]!;
    const hits = scope.filter((r) => r.level === level && sameRowName(r.name, name));
    if (hits.length !== 1) return undefined;
    found = hits[0]!;
    scope = rows.filter((r) => r.code!.startsWith(found!.code!));
  }
  return found;
}

/** The code of a 类/款/项 the text names, from this year's tables. */
export function codeOfKey(d: Disclosure, key: string): string | undefined {
  if (key.startsWith('code:')) return key.slice(5);
  if (!key.startsWith('fn:')) return undefined;
  const path = key.slice(3).split('/');
  for (const t of [d.tables.generalBudget, d.tables.expenditure, d.tables.fiscalExpenditure]) {
    const row = t ? rowByPath(t, path) : undefined;
    if (row?.code) return row.code;
  }
  return undefined;
}

export interface Located {
  figure: Figure;
  /** found by code, the name differing only in order or not at all */
  how: 'key' | 'code' | 'name';
}

/**
 * The figure of `key` in a disclosure, looked up the way the text's amounts are looked up in the
 * tables beside them; a class by the code this year's tables give it, else by its names.
 */
export function figureOf(d: Disclosure, key: string, fiscal: boolean, statement: Statement, basis: 'budget' | 'final' | undefined, code?: string, name?: string): Located | undefined {
  if (key.startsWith('fn:') || key.startsWith('code:')) {
    const path = key.startsWith('fn:') ? key.slice(3).split('/') : undefined;
    for (const t of functionTables(d, fiscal)) {
      if (code) {
        const row = dataRows(t).find((r) => r.code === code);
        // a code whose name changed is another row (a reclassification): not the same subject
        if (row && (!name || sameRowName(row.name, name))) {
          const f = figure(t, row, 'total');
          if (f) return { figure: f, how: 'code' };
        }
        if (row) return undefined;
      }
      const row = path ? rowByPath(t, path) : undefined;
      const f = row ? figure(t, row, 'total') : undefined;
      if (f) return { figure: f, how: 'name' };
    }
    return undefined;
  }
  const t = d.tables;
  const tot = (table: Table | undefined, col: string) => {
    const r = table && totalRow(table);
    return table && r ? figure(table, r, col) : undefined;
  };
  let f: Figure | undefined;
  switch (key) {
    case 'reserve': {
      f = tot(t.expenditure, 'reserve');
      if (!f && t.expenditure && !totalRow(t.expenditure)) {
        const row = onlyRow(t.expenditure);
        if (row) f = figure(t.expenditure, row, 'reserve');
      }
      if (!f && t.overview) {
        const row = t.overview.rows.find((r) => !r.isTotal && /预留机动经费$/.test(normName(r.name)));
        if (row) f = figure(t.overview, row, 'total');
      }
      break;
    }
    case 'meeting':
    case 'training':
      f = threePublicFigure(d, key, statement === 'final' ? basis ?? 'final' : undefined);
      break;
    case 'governmentFund':
      f = tot(t.governmentFund, 'total');
      break;
    default:
      f = tableFigure(d, key, fiscal, { statement, ...(basis ? { basis } : {}) });
  }
  // tables printed as one row (Jiangsu's 支出预算总表), a summary whose spending side is by use, a
  // 机关运行经费 table of its own
  if (!f && (key === 'basic' || key === 'project' || key === 'reserve') && t.expenditure && !totalRow(t.expenditure)) {
    const row = onlyRow(t.expenditure) ?? (dataRows(t.expenditure).length === 1 ? dataRows(t.expenditure)[0] : undefined);
    if (row) f = figure(t.expenditure, row, key);
  }
  if (!f && (key === 'fiscalExpense' || key === 'fiscalTotal') && t.fiscalOverview && !t.fiscalOverview.rows.some((r) => r.side === 'expense')) {
    const r = totalRow(t.fiscalOverview, 'use');
    if (r) f = figure(t.fiscalOverview, r, 'total');
  }
  if (!f && key === 'agencyOperation' && t.agencyOperation) {
    const r = totalRow(t.agencyOperation);
    if (r) f = figure(t.agencyOperation, r, 'agencyOperation') ?? figure(t.agencyOperation, r, 'total');
  }
  return f ? { figure: f, how: 'key' } : undefined;
}

/** The name of the row a classification key leads to this year, to check last year's row by. */
export function rowNameOf(d: Disclosure, code: string): string | undefined {
  for (const t of [d.tables.generalBudget, d.tables.expenditure, d.tables.fiscalExpenditure]) {
    const row = t ? dataRows(t).find((r) => r.code === code) : undefined;
    if (row) return row.name;
  }
  return undefined;
}

/** A figure of last year's disclosure, its label saying which year. */
export function lastYears(f: Figure, year: number | undefined): Figure {
  const label = { zh: `${year ? `${year} 年` : '上年'} ${f.label.zh}`, en: `${year ?? 'last year'}: ${f.label.en}` };
  const out: Figure = { interval: f.interval, unit: f.unit, toBase: f.toBase, decimals: f.decimals, loc: f.loc, label, blank: f.blank };
  if (f.table) out.table = f.table;
  if (f.row) out.row = f.row;
  if (f.col) out.col = f.col;
  return out;
}
