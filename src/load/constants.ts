// The model's vocabulary (units, table kinds, column keys) as plain constants. The zod schemas in
// model.ts are built from these; code that only needs the words imports them from here, so that
// zod is loaded only where something is validated (manifests, configuration, tests).
import { Decimal, type Dec } from '../core/decimal.js';

export const UNITS = ['元', '千元', '万元'] as const;
export type Unit = (typeof UNITS)[number];

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
export type TableKind = (typeof TABLE_KINDS)[number];

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
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const ECONOMIC_COLUMNS: readonly ColumnKey[] = [
  'e301', 'e302', 'e303', 'e307', 'e309', 'e310', 'e311', 'e312', 'e313', 'e399',
];
