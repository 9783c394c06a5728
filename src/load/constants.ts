// The model's vocabulary (units, table roles, column keys) as plain constants. The zod schemas in
// model.ts are built from these; code that only needs the words imports them from here, so that
// zod is loaded only where something is validated (manifests, configuration, profiles, tests).
import { Decimal, type Dec } from '../core/decimal.js';
import { UNITS, type Unit } from '../core/vocabulary.js';

export { UNITS, type Unit };

/** How many 万元 one unit is: figures from tables in different units compare in 万元. */
export const UNIT_IN_WAN: Record<Unit, Dec> = {
  元: new Decimal('0.0001'),
  千元: new Decimal('0.1'),
  万元: new Decimal(1),
};

/**
 * What a table is about, whatever a layout calls or numbers it. A layout profile maps each of its
 * tables onto one role; rules and the narrative reader look tables up by role.
 */
export const TABLE_KINDS = [
  'overview', // 收支总表: 部门收支总体情况表 / 财务收支预算总表 / 收支预算总表 / 收入支出决算总表
  'income', // 收入总表: by function (national), by source (Jiangsu)
  'expenditure', // 支出总表
  'fiscalOverview', // 财政拨款收支总表
  'fiscalExpenditure', // 财政拨款支出表 by function (Jiangsu 表五)
  'fiscalBasicEconomic', // 财政拨款基本支出表 by economic class (Jiangsu 表六)
  'generalBudget', // 一般公共预算支出表 by function
  'basicEconomic', // 一般公共预算基本支出表 by economic class
  'projects', // 项目支出表
  'threePublic', // “三公”经费表
  'governmentFund', // 政府性基金预算支出表
  'stateCapital', // 国有资本经营预算支出表
  'agencyOperation', // 机关运行经费支出表 (Jiangsu 表十一)
  'procurement', // 政府采购预算表
] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/**
 * Canonical amount columns, named by what they hold rather than where they stand. The column
 * tree (COLUMN_PARENT in aliases.ts) says which are parts of which.
 */
export const COLUMN_KEYS = [
  'total', // 合计 / 总计 / 预算数 / 金额
  'yearIncome', // 本年收入
  'yearExpense', // 本年支出
  'carryIn', // 上年结转 / 年初结转和结余
  'carryOut', // 结转下年 / 年末结转和结余
  'fiscal', // 财政拨款收入 (all appropriations)
  'generalBudget', // 一般公共预算(拨款)
  'governmentFund', // 政府性基金预算(拨款)
  'stateCapital', // 国有资本经营预算
  'specialAccount', // 财政专户（管理资金）
  'business', // 事业收入
  'operating', // 事业单位经营收入
  'upperSubsidy', // 上级补助收入
  'subsidiaryRemit', // 附属单位上缴收入
  'other', // 其他收入 / 其他资金
  'businessFund', // 用事业基金弥补收支差额
  'basic', // 基本支出
  'project', // 项目支出
  'reserve', // 单位预留机动经费
  'operatingExpense', // 经营支出
  'upperRemit', // 上缴上级支出
  'subsidiaryGrant', // 对附属单位补助支出
  'personnel', // 人员经费
  'publicFunds', // 公用经费
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
  'threePublic', // “三公”经费 (小计)
  'abroad', // 因公出国（境）费
  'vehicles', // 公务用车购置及运行费（合计/小计）
  'vehiclePurchase', // 公务用车购置费
  'vehicleOperation', // 公务用车运行费
  'reception', // 公务接待费
  'meeting', // 会议费
  'training', // 培训费
  'agencyOperation', // 机关运行经费
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const ECONOMIC_COLUMNS: readonly ColumnKey[] = [
  'e301', 'e302', 'e303', 'e307', 'e309', 'e310', 'e311', 'e312', 'e313', 'e399',
];

/**
 * What a row of a summary table is: one of the listed items, the year's subtotal (本年收入合计,
 * 当年支出小计), an adjustment between it and the grand total (上年结转, 结转下年, 年末结转和结余,
 * 结余分配 …), or the grand total (收入总计, 支出合计).
 */
export const ROW_ROLES = ['item', 'yearTotal', 'adjustment', 'grandTotal'] as const;
export type RowRole = (typeof ROW_ROLES)[number];

/** How a table's rows are organised. */
export const STRUCTURES = [
  'coded', // classification codes (类/款/项 or 3/5/7 digits): rows roll up by code
  'sided', // blocks side by side (收入 | 支出 | 支出用途), each a list with subtotals and totals
  'outline', // label columns of increasing depth (Jiangsu 收入预算总表, 政府采购预算表)
  'single', // one row of amounts (支出预算总表 of Jiangsu, “三公”经费表)
] as const;
export type Structure = (typeof STRUCTURES)[number];
