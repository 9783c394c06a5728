// A layout profile: what one template of published tables looks like — its tables, how each is
// titled and numbered, how its rows and columns add up, and how its tables agree with each other.
// Profiles are data (layouts/*.json, or a configuration's `layouts`), validated by schema.ts.
import type { Bilingual, Side, Statement } from '../core/vocabulary.js';
import type { Structure, TableKind } from '../load/constants.js';

export interface LayoutTable {
  /** how links and custom rules name the table: T1, T2 … (the template's own numbering) */
  id: string;
  /** what the table is about */
  role: TableKind;
  /** the template's number for it: 表一, 表5 … */
  number: Bilingual;
  /** its name without year or department: 收支预算总表 */
  name: Bilingual;
  /**
   * Regular expressions over the printed title (spaces and quotes removed, numbering, year and
   * department before it allowed): the table is this one when one matches the title's end.
   */
  titles: string[];
  /** how its rows are organised; read from the table when not given */
  structure?: Structure;
  /** the blocks of a summary table, in printed order, when they cannot be told from the table */
  sides?: Side[];
  /**
   * Column formulas beyond the column tree, with signs: "carryOut = carryIn + yearIncome - yearExpense".
   * A table whose columns the column tree already relates needs none.
   */
  columns?: string[];
  /**
   * The amount columns in printed order, as `key` or `key@dimension` (`total@budget`): how a
   * flattened header is read where its own words do not tell (six times 预算数, 决算数).
   */
  order?: string[];
  /**
   * A single-row table's amount columns in printed order, as `key` or `key@dimension` (合计,
   * 因公出国（境）费 …; a 决算's `total@budget`, `total@final` …): how its one line of figures is read
   * from a whole document given as text, where empty cells leave no trace.
   */
  textColumns?: string[];
  /** a table the template does not always publish */
  optional?: boolean;
  /** when empty, the template requires a note saying why (本表为空表 …) */
  emptyNote?: boolean;
}

/**
 * A relationship between tables, checked by the named rule:
 *   "T5[*].total = T3[*].total - T9?[*].total"
 * A reference is TABLE[.side][ROWS].column; `?` after the table makes a missing or empty table
 * count as zero. ROWS: `*` every code both sides print, `class` every 类, `total` the total row
 * (a summary side's grand total), `yearTotal` a side's subtotal of the year, `only` the single
 * row, `item:KEY` a summary item, `code:301` one code.
 */
export interface LayoutLink {
  rule: string;
  assert: string;
  /**
   * When the relationship holds only as "≤": `nonFiscalRevenue` (the department has money other
   * than appropriations), `unlessAdministrative` (unless the unit is declared 行政单位),
   * `fundMoney` (the government-fund table has money).
   */
  relax?: 'nonFiscalRevenue' | 'unlessAdministrative' | 'fundMoney';
  /** checked only when this table is missing (an alternative source) */
  unlessTable?: string;
}

export interface LayoutProfile {
  id: string;
  name: Bilingual;
  statement: Statement;
  description?: Bilingual;
  tables: LayoutTable[];
  links: LayoutLink[];
}
