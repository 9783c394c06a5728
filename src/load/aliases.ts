// What the published templates call things. Tables and columns are recognised by their
// wording, never by position, so both the national template (表一…表九) and the city layouts
// (财务收支预算总表 …) load into the same model. Offices can add aliases in configuration.
import type { ColumnKey, TableKind } from './model.js';

const NEEDS_NORMALIZING = /[\s\u00a0\u3000"“”'‘’「」()]/;

/** Strips what varies between printings: spaces, quotes, year and "部门" prefixes. */
export function normalizeLabel(s: string): string {
  // most cells have nothing to strip; one test is much cheaper than four replacements
  if (!NEEDS_NORMALIZING.test(s)) return s;
  return s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/["“”'‘’「」]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export interface TitleAlias {
  kind: TableKind;
  pattern: RegExp;
}

// Order matters: the more specific wording first.
export const TITLE_ALIASES: TitleAlias[] = [
  { kind: 'threePublic', pattern: /三公.*(经费|表)/ },
  { kind: 'fiscalOverview', pattern: /财政拨款收支(预算)?总(体情况)?表/ },
  { kind: 'overview', pattern: /(部门|财务)?收支(预算)?总(体情况)?表/ },
  { kind: 'income', pattern: /收入(预算)?总(体情况)?表/ },
  { kind: 'expenditure', pattern: /支出(预算)?总(体情况)?表/ },
  { kind: 'basicEconomic', pattern: /基本支出.*(情况|预算|经济分类).*表/ },
  { kind: 'projects', pattern: /^(?!.*绩效).*项目支出(情况|预算|明细)?表/ },
  { kind: 'governmentFund', pattern: /政府性基金(预算)?支出/ },
  { kind: 'stateCapital', pattern: /国有资本经营(预算)?支出/ },
  { kind: 'generalBudget', pattern: /一般公共预算(财政拨款)?支出(功能分类)?(预算)?(情况)?表/ },
];

export const TABLE_NUMBER: Record<TableKind, string> = {
  overview: '表一',
  income: '表二',
  expenditure: '表三',
  fiscalOverview: '表四',
  generalBudget: '表五',
  basicEconomic: '表六',
  projects: '表七',
  threePublic: '表八',
  governmentFund: '表九',
  stateCapital: '国有资本经营预算表',
};

export const TABLE_NAME: Record<TableKind, { zh: string; en: string }> = {
  overview: { zh: '部门收支总体情况表', en: 'overall revenue and expenditure' },
  income: { zh: '部门收入总体情况表', en: 'revenue by function' },
  expenditure: { zh: '部门支出总体情况表', en: 'expenditure by function' },
  fiscalOverview: { zh: '财政拨款收支预算总体情况表', en: 'fiscal appropriations overview' },
  generalBudget: { zh: '一般公共预算支出情况表', en: 'general public budget expenditure' },
  basicEconomic: { zh: '一般公共预算基本支出情况表', en: 'basic expenditure by economic class' },
  projects: { zh: '一般公共预算项目支出情况表', en: 'project expenditure' },
  threePublic: { zh: '“三公”经费支出情况表', en: '"three public" expenses' },
  governmentFund: { zh: '政府性基金预算支出情况表', en: 'government fund budget expenditure' },
  stateCapital: { zh: '国有资本经营预算支出情况表', en: 'state capital operation budget expenditure' },
};

export function detectTableKind(text: string, extra: TitleAlias[] = []): TableKind | undefined {
  const t = normalizeLabel(text);
  for (const a of [...extra, ...TITLE_ALIASES]) if (a.pattern.test(t)) return a.kind;
  return undefined;
}

/** Sources of money: the revenue columns of 表二 and the revenue items of 表一/表四 alike. */
const SOURCE_ALIASES: Array<{ key: ColumnKey; pattern: RegExp }> = [
  { key: 'fiscal', pattern: /^财政拨款(收入)?(（补助）)?$/ },
  { key: 'generalBudget', pattern: /^一般公共预算(拨款|资金|财政拨款)?(收入)?$/ },
  { key: 'governmentFund', pattern: /^政府性基金(预算)?(拨款|资金)?(收入)?$/ },
  { key: 'stateCapital', pattern: /^国有资本经营(预算)?(拨款|资金)?(收入)?$/ },
  { key: 'specialAccount', pattern: /财政专户/ },
  { key: 'operating', pattern: /经营收入$/ },
  { key: 'business', pattern: /^事业收入$/ },
  { key: 'other', pattern: /其他(资金)?收入$|^其他资金$/ },
];

/** Amount-column wording, most specific first. Matched against one header label. */
export const COLUMN_ALIASES: ColumnAlias[] = [
  { key: 'agencyOperation', pattern: /机关运行经费/ },
  { key: 'abroad', pattern: /因公(出国)?（?境）?费/ },
  { key: 'vehiclePurchase', pattern: /^(公务用车)?购置费$/ },
  { key: 'vehicleOperation', pattern: /^(公务用车)?运行(维护)?费$/ },
  { key: 'vehicles', pattern: /公务用车购置及运行(维护)?费/ },
  { key: 'reception', pattern: /公务接待费/ },
  { key: 'e309', pattern: /资本性支出（基本建设）/ },
  { key: 'e311', pattern: /对企业补助（基本建设）/ },
  { key: 'e301', pattern: /工资福利支出/ },
  { key: 'e302', pattern: /商品和服务支出/ },
  { key: 'e303', pattern: /对个人和家庭的补助/ },
  { key: 'e307', pattern: /债务利息及费用支出/ },
  { key: 'e310', pattern: /^资本性支出$/ },
  { key: 'e312', pattern: /^对企业补助$/ },
  { key: 'e313', pattern: /对社会保障基金补助/ },
  { key: 'e399', pattern: /^其他支出$/ },
  { key: 'total', pattern: /合计$|总计$|^小计$|^预算数$|^金额$/ },
  { key: 'basic', pattern: /^基本支出$/ },
  { key: 'project', pattern: /^项目支出$/ },
  { key: 'personnel', pattern: /^人员经费$/ },
  { key: 'publicFunds', pattern: /^公用经费$/ },
  ...SOURCE_ALIASES,
];

export interface ColumnAlias {
  key: ColumnKey;
  pattern: RegExp;
}

/** `extra`: aliases from configuration, tried before the built-in wording. */
export function columnKeyOf(label: string, extra: readonly ColumnAlias[] = []): ColumnKey | undefined {
  const t = normalizeLabel(label);
  if (t === '') return undefined;
  for (const a of extra) if (a.pattern.test(t)) return a.key;
  for (const a of COLUMN_ALIASES) if (a.pattern.test(t)) return a.key;
  return undefined;
}

/** What each column holds, in both languages, for messages. */
export const COLUMN_LABEL: Record<ColumnKey, { zh: string; en: string }> = {
  total: { zh: '合计', en: 'total' },
  basic: { zh: '基本支出', en: 'basic expenditure' },
  project: { zh: '项目支出', en: 'project expenditure' },
  personnel: { zh: '人员经费', en: 'personnel costs' },
  publicFunds: { zh: '公用经费', en: 'public-use costs' },
  fiscal: { zh: '财政拨款', en: 'fiscal appropriations' },
  generalBudget: { zh: '一般公共预算', en: 'general public budget' },
  governmentFund: { zh: '政府性基金预算', en: 'government fund budget' },
  stateCapital: { zh: '国有资本经营预算', en: 'state capital budget' },
  specialAccount: { zh: '财政专户', en: 'special fiscal account' },
  business: { zh: '事业收入', en: 'business income' },
  operating: { zh: '事业单位经营收入', en: 'operating income' },
  other: { zh: '其他收入', en: 'other income' },
  e301: { zh: '工资福利支出', en: 'wages and benefits' },
  e302: { zh: '商品和服务支出', en: 'goods and services' },
  e303: { zh: '对个人和家庭的补助', en: 'subsidies to individuals and families' },
  e307: { zh: '债务利息及费用支出', en: 'debt interest and costs' },
  e309: { zh: '资本性支出（基本建设）', en: 'capital expenditure (construction)' },
  e310: { zh: '资本性支出', en: 'capital expenditure' },
  e311: { zh: '对企业补助（基本建设）', en: 'subsidies to enterprises (construction)' },
  e312: { zh: '对企业补助', en: 'subsidies to enterprises' },
  e313: { zh: '对社会保障基金补助', en: 'subsidies to social security funds' },
  e399: { zh: '其他支出', en: 'other expenditure' },
  abroad: { zh: '因公出国（境）费', en: 'official travel abroad' },
  vehicles: { zh: '公务用车购置及运行费', en: 'official vehicles' },
  vehiclePurchase: { zh: '公务用车购置费', en: 'vehicle purchase' },
  vehicleOperation: { zh: '公务用车运行费', en: 'vehicle operation' },
  reception: { zh: '公务接待费', en: 'official reception' },
  agencyOperation: { zh: '机关运行经费', en: 'agency operating costs' },
};

/** Income-side items of 表一/表四, by their printed names. */
export const INCOME_ITEMS: Array<{ key: ColumnKey; pattern: RegExp }> = SOURCE_ALIASES;

export function incomeItemOf(name: string): ColumnKey | undefined {
  const t = normalizeLabel(stripNumbering(name));
  for (const a of INCOME_ITEMS) if (a.pattern.test(t)) return a.key;
  return undefined;
}

/** "一、", "1.", "（一）", "(1)" before a printed name. */
export function stripNumbering(name: string): string {
  return name
    .trim()
    .replace(/^[（(][一二三四五六七八九十\d]+[）)]\s*/, '')
    .replace(/^[一二三四五六七八九十]+[、.．]\s*/, '')
    .replace(/^\d+\s*[、.．]\s*/, '');
}

export function isTotalLabel(text: string): boolean {
  return /^(合计|总计|收入总计|支出总计|本年收入合计|本年支出合计|收支总计)$/.test(normalizeLabel(text));
}

/** Functional classification 类 (2020s edition), so a name-only row still gets its code. */
export const FUNCTION_CLASSES: Record<string, string> = {
  '201': '一般公共服务支出',
  '202': '外交支出',
  '203': '国防支出',
  '204': '公共安全支出',
  '205': '教育支出',
  '206': '科学技术支出',
  '207': '文化旅游体育与传媒支出',
  '208': '社会保障和就业支出',
  '209': '社会保险基金支出',
  '210': '卫生健康支出',
  '211': '节能环保支出',
  '212': '城乡社区支出',
  '213': '农林水支出',
  '214': '交通运输支出',
  '215': '资源勘探工业信息等支出',
  '216': '商业服务业等支出',
  '217': '金融支出',
  '219': '援助其他地区支出',
  '220': '自然资源海洋气象等支出',
  '221': '住房保障支出',
  '222': '粮油物资储备支出',
  '223': '国有资本经营预算支出',
  '224': '灾害防治及应急管理支出',
  '227': '预备费',
  '229': '其他支出',
  '230': '转移性支出',
  '231': '债务还本支出',
  '232': '债务付息支出',
  '233': '债务发行费用支出',
  '234': '抗疫特别国债还本支出',
};

const CLASS_BY_NAME = new Map(Object.entries(FUNCTION_CLASSES).map(([code, name]) => [name, code]));
CLASS_BY_NAME.set('资源勘探信息等支出', '215');

export function functionClassByName(name: string): string | undefined {
  const t = normalizeLabel(stripNumbering(name));
  return CLASS_BY_NAME.get(t);
}

/** Economic classes used by 表六/表七 column wording. */
export const ECONOMIC_CLASS_OF_COLUMN: Partial<Record<ColumnKey, string>> = {
  e301: '301',
  e302: '302',
  e303: '303',
  e307: '307',
  e309: '309',
  e310: '310',
  e311: '311',
  e312: '312',
  e313: '313',
  e399: '399',
};
