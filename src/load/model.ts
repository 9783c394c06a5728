// The disclosure model. Every schema here is the source of its TypeScript type, and every
// cell keeps where it came from, so that a finding can point at the exact place.
import { z } from 'zod';
import { Decimal, type Dec } from '../core/decimal.js';
import { COLUMN_KEYS, TABLE_KINDS, UNITS } from './constants.js';
import { NarrativeSchema } from './narrative/model.js';

export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Location = z.infer<typeof LocationSchema>;

export { UNITS, UNIT_IN_WAN, TABLE_KINDS, COLUMN_KEYS, ECONOMIC_COLUMNS } from './constants.js';
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;
export const TableKindSchema = z.enum(TABLE_KINDS);
export type TableKind = z.infer<typeof TableKindSchema>;
/** Canonical amount columns, named by what they hold rather than where they stand. */
export const ColumnKeySchema = z.enum(COLUMN_KEYS);
export type ColumnKey = z.infer<typeof ColumnKeySchema>;

/** Two-sided tables (表一, 表四) hold an income list beside the expenditure list. */
export const SideSchema = z.enum(['income', 'expense']);
export type Side = z.infer<typeof SideSchema>;

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
  key: ColumnKeySchema,
  side: SideSchema.optional(),
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
  /** income-side item kind (一般公共预算, 事业收入, …) */
  item: ColumnKeySchema.optional(),
  /** the 合计 / 总计 row */
  isTotal: z.boolean(),
  cells: z.partialRecord(ColumnKeySchema, CellSchema),
  nameLoc: LocationSchema,
});
export type Row = z.infer<typeof RowSchema>;

export const TableSchema = z.object({
  kind: TableKindSchema,
  file: z.string(),
  title: z.string(),
  titleLoc: LocationSchema,
  unit: UnitSchema,
  /** false when the unit was not stated and 万元 was assumed */
  unitStated: z.boolean(),
  codeKind: CodeKindSchema.optional(),
  columns: z.array(ColumnSchema),
  rows: z.array(RowSchema),
  notes: z.array(z.object({ text: z.string(), loc: LocationSchema })),
});
export type Table = z.infer<typeof TableSchema>;

export const UnitTypeSchema = z.enum(['行政单位', '事业单位', '混合']);
export type UnitType = z.infer<typeof UnitTypeSchema>;

/** Problems met while loading: they become findings, and loading goes on. */
export const LoadIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.object({ zh: z.string(), en: z.string() }),
  loc: LocationSchema,
  table: TableKindSchema.optional(),
});
export type LoadIssue = z.infer<typeof LoadIssueSchema>;

export const DisclosureSchema = z.object({
  path: z.string(),
  /** a directory of tables, or one file given alone */
  source: z.enum(['directory', 'file']),
  department: z.string().optional(),
  year: z.number().int().optional(),
  unitType: UnitTypeSchema.optional(),
  tables: z.partialRecord(TableKindSchema, TableSchema),
  /** every file looked at, including those that are no known table */
  files: z.array(z.string()),
  issues: z.array(LoadIssueSchema),
  /** the 情况说明 text (.txt/.md), read into claims */
  narrative: NarrativeSchema.optional(),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;
