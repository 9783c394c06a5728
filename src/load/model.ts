// The disclosure model. Every schema here is the source of its TypeScript type, and every
// cell keeps where it came from, so that a finding can point at the exact place.
import { z } from 'zod';
import { Decimal, type Dec } from '../core/decimal.js';
import { NarrativeSchema } from './narrative/model.js';

export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Location = z.infer<typeof LocationSchema>;

export const UNITS = ['元', '千元', '万元'] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

/** How many 万元 one unit is: figures from tables in different units compare in 万元. */
export const UNIT_IN_WAN: Record<Unit, Dec> = {
  元: new Decimal('0.0001'),
  千元: new Decimal('0.1'),
  万元: new Decimal(1),
};

export const TABLE_KINDS = [
  'overview', // 表一 部门收支总体情况表 / 财务收支预算总表
  'income', // 表二 部门收入总体情况表 / 收入预算总表
  'expenditure', // 表三 部门支出总体情况表 / 支出预算总表
  'fiscalOverview', // 表四 财政拨款收支预算总体情况表 / 财政拨款收支预算总表
  'generalBudget', // 表五 一般公共预算支出情况表 / 一般公共预算支出功能分类预算表
  'basicEconomic', // 表六 一般公共预算基本支出情况表 / …经济分类预算表
  'projects', // 表七 一般公共预算项目支出情况表
  'threePublic', // 表八 "三公"经费支出情况表 / "三公"经费和机关运行经费预算表
  'governmentFund', // 表九 政府性基金预算支出情况表
  'stateCapital', // 国有资本经营预算支出功能分类预算表
] as const;
export const TableKindSchema = z.enum(TABLE_KINDS);
export type TableKind = z.infer<typeof TableKindSchema>;

/** Canonical amount columns, named by what they hold rather than where they stand. */
export const COLUMN_KEYS = [
  'total', // 合计 / 总计 / 预算数 / 项目支出合计
  'basic', // 基本支出
  'project', // 项目支出
  'personnel', // 人员经费
  'publicFunds', // 公用经费
  'fiscal', // 财政拨款收入 (all appropriations)
  'generalBudget', // 一般公共预算(拨款)
  'governmentFund', // 政府性基金预算(拨款)
  'stateCapital', // 国有资本经营预算
  'specialAccount', // 财政专户（教育收费）
  'business', // 事业收入
  'operating', // 事业单位经营收入
  'other', // 单位其他资金收入 / 其他收入
  'e301', // 工资福利支出
  'e302', // 商品和服务支出
  'e303', // 对个人和家庭的补助
  'e307', // 债务利息及费用支出
  'e309', // 资本性支出（基本建设）
  'e310', // 资本性支出
  'e311', // 对企业补助（基本建设）
  'e312', // 对企业补助
  'e313', // 对社会保障基金补助
  'e399', // 其他支出
  'abroad', // 因公出国（境）费
  'vehicles', // 公务用车购置及运行费（合计/小计）
  'vehiclePurchase', // 公务用车购置费
  'vehicleOperation', // 公务用车运行费
  'reception', // 公务接待费
  'agencyOperation', // 机关运行经费
] as const;
export const ColumnKeySchema = z.enum(COLUMN_KEYS);
export type ColumnKey = z.infer<typeof ColumnKeySchema>;

export const ECONOMIC_COLUMNS: readonly ColumnKey[] = [
  'e301', 'e302', 'e303', 'e307', 'e309', 'e310', 'e311', 'e312', 'e313', 'e399',
];

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
