// The disclosure model. Every schema here is the source of its TypeScript type, and every
// cell keeps where it came from, so that a finding can point at the exact place.
import { z } from 'zod';
import { Decimal, type Dec } from '../core/decimal.js';
import { SIDES } from '../core/vocabulary.js';
import { COLUMN_KEYS, ROW_ROLES, STRUCTURES, TABLE_KINDS, UNITS } from './constants.js';
import { NarrativeSchema } from './narrative/model.js';

export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  page: z.number().int().positive().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type { Location, Side, Bilingual } from '../core/vocabulary.js';

export { UNITS, UNIT_IN_WAN, TABLE_KINDS, COLUMN_KEYS, ECONOMIC_COLUMNS } from './constants.js';
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;
export const TableKindSchema = z.enum(TABLE_KINDS);
export type TableKind = z.infer<typeof TableKindSchema>;
/** Canonical amount columns, named by what they hold rather than where they stand. */
export const ColumnKeySchema = z.enum(COLUMN_KEYS);
export type ColumnKey = z.infer<typeof ColumnKeySchema>;

export const SideSchema = z.enum(SIDES);

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
const DecimalSchema = z.custom<Dec>((v) => Decimal.isDecimal(v), { message: 'expected a decimal value' });

export const AmountSchema = z.object({
  /** in the table's unit, as displayed */
  value: DecimalSchema,
  /** decimals displayed */
  decimals: z.number().int().min(0),
});
export type Amount = z.infer<typeof AmountSchema>;

export const CellSchema = z.object({
  raw: z.string(),
  loc: LocationSchema,
  /** null: a blank cell, which is no amount (0 in sums) */
  amount: AmountSchema.nullable(),
  /** set when the text could not be read as an amount */
  junk: z.boolean().optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const ColumnSchema = z.object({
  /** unique within its side: the key, `key@dimension` for repeated groups, or `?field` when unknown */
  id: z.string(),
  /** what it holds; absent when the header names nothing budgetlint knows */
  key: ColumnKeySchema.optional(),
  side: SideSchema.optional(),
  dimension: z.string().optional(),
  /** the header texts of this column, top to bottom */
  header: z.array(z.string()),
  /** 1-based */
  index: z.number().int().positive(),
});
export type Column = z.infer<typeof ColumnSchema>;

export const CodeKindSchema = z.enum(['function', 'economic']);

export const RowSchema = z.object({
  line: z.number().int().positive(),
  side: SideSchema.optional(),
  /** combined classification code: "201", "20103", "2010301" (economic: "301", "30101") */
  code: z.string().regex(/^\d{3}(\d{2}){0,2}$/).optional(),
  /** 1 类, 2 款, 3 项 */
  level: z.number().int().min(1).max(3).optional(),
  name: z.string(),
  /** 项目名称 in project tables */
  project: z.string().optional(),
  /** what a summary or outline row is (财政拨款, 基本支出 …) */
  item: ColumnKeySchema.optional(),
  /** a summary row's place: an item, the year's subtotal, an adjustment, the grand total */
  role: z.enum(ROW_ROLES).optional(),
  /** an outline row's depth (1: top), or a summary item's numbering level */
  depth: z.number().int().positive().optional(),
  /** index (in the table's rows) of the row this one is a part of */
  parent: z.number().int().min(0).optional(),
  /** "其中：…" — a part of its parent that the parent's sum does not add */
  ofWhich: z.boolean().optional(),
  /** an outline's 小计 row, the sum of the rows under it */
  subtotal: z.boolean().optional(),
  /** the 合计 / 总计 row */
  isTotal: z.boolean(),
  /** amounts by column id */
  cells: z.record(z.string(), CellSchema),
  /**
   * A row read from a text: the figures printed after its total, whose columns text does not keep
   * (an empty cell leaves no trace); the header says they are its parts, so they add up to it
   */
  unplaced: z.array(CellSchema).optional(),
  nameLoc: LocationSchema,
});
export type Row = z.infer<typeof RowSchema>;

export const FormulaSchema = z.object({
  side: SideSchema.optional(),
  /** column ids */
  total: z.string(),
  parts: z.array(z.object({ id: z.string(), sign: z.union([z.literal(1), z.literal(-1)]) })),
  /** the column tree, or the layout's own formula */
  source: z.enum(['tree', 'layout']),
});
export type Formula = z.infer<typeof FormulaSchema>;

export const TableSchema = z.object({
  kind: TableKindSchema,
  /** the layout's id for it (T1 …), when a layout names it */
  id: z.string().optional(),
  /** how the document numbers it (表一, 公开表五), when printed; else the layout's number */
  number: BilingualSchema.optional(),
  /** its name without year or department */
  name: BilingualSchema,
  file: z.string(),
  /** the title as printed */
  title: z.string(),
  titleLoc: LocationSchema,
  unit: UnitSchema,
  /** false when the unit was not stated and 万元 was assumed */
  unitStated: z.boolean(),
  structure: z.enum(STRUCTURES),
  /** whether the layout says how the rows are organised (else it was read from the table) */
  structureKnown: z.boolean(),
  codeKind: CodeKindSchema.optional(),
  columns: z.array(ColumnSchema),
  rows: z.array(RowSchema),
  /** row formulas over the columns */
  formulas: z.array(FormulaSchema),
  notes: z.array(z.object({ text: z.string(), loc: LocationSchema })),
  /** read from a whole-document text: of its amount columns only the total; what the others hold is not known (not zero) */
  partial: z.boolean().optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const UnitTypeSchema = z.enum(['行政单位', '事业单位', '混合']);
export type UnitType = z.infer<typeof UnitTypeSchema>;

/** Problems met while loading: they become findings, and loading goes on. */
export const LoadIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: BilingualSchema,
  loc: LocationSchema,
  table: z.string().optional(),
});
export type LoadIssue = z.infer<typeof LoadIssueSchema>;

/** What was read and what could not be checked: for --verbose and JSON. */
export const CoverageSchema = z.object({
  layout: z.object({ id: z.string(), name: BilingualSchema, how: z.enum(['detected', 'forced', 'manifest', 'none']) }),
  tables: z.array(
    z.object({
      file: z.string(),
      id: z.string().optional(),
      kind: TableKindSchema,
      label: BilingualSchema,
      structure: z.enum(STRUCTURES),
      rows: z.number().int(),
      columns: z.array(z.string()),
      formulas: z.array(z.string()),
    }),
  ),
  /** checks that could not be made, and why */
  skipped: z.array(z.object({ rule: z.string(), what: z.string(), why: BilingualSchema })),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const DisclosureSchema = z.object({
  path: z.string(),
  /** a directory of tables, or one file given alone */
  source: z.enum(['directory', 'file']),
  department: z.string().optional(),
  year: z.number().int().optional(),
  unitType: UnitTypeSchema.optional(),
  /** the layout profile the tables were read with */
  layout: z.string(),
  /** how it was chosen: detected from the titles, forced (--layout), named by the manifest, or none matched (the national template) */
  layoutHow: z.enum(['detected', 'forced', 'manifest', 'none']),
  tables: z.partialRecord(TableKindSchema, TableSchema),
  /** every file looked at, including those that are no known table */
  files: z.array(z.string()),
  issues: z.array(LoadIssueSchema),
  /** the 情况说明 text (.txt/.md), read into claims */
  narrative: NarrativeSchema.optional(),
  /** tables printed in a whole document given as text that could not be read from it: there, not missing, content unknown */
  unreadTables: z.array(TableKindSchema).optional(),
  /** tables printed empty in a whole document given as text: there, not missing, zero */
  emptyTables: z.array(TableKindSchema).optional(),
  /** its tables were read from a whole document given as text: one not read is not known to be empty */
  tablesFromText: z.boolean().optional(),
});
/** The published content as read, for a report that draws it (kept only when asked for). */
export interface Sources {
  tables: Array<{
    file: string;
    id?: string;
    kind?: TableKind;
    number?: { zh: string; en: string };
    name?: { zh: string; en: string };
    unit?: Unit;
    rows: Array<{ line: number; part: 'title' | 'header' | 'data'; cells: Array<{ text: string; column: number; field: number; page?: number }> }>;
  }>;
  text?: { file: string; lines: string[] };
}

export type Disclosure = z.infer<typeof DisclosureSchema> & { sources?: Sources };
