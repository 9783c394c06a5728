// What published templates call things. Tables, columns and summary-table rows are recognised by
// their wording, never by position, so every layout loads into the same model. Offices can add
// wording in configuration; layout profiles (src/layout) add the titles of their own tables.
import type { Bilingual } from '../core/vocabulary.js';
import type { ColumnKey, TableKind } from './constants.js';

const NEEDS_NORMALIZING = /[\s\u00a0\u3000"“”'‘’「」()]/;

/** Strips what varies between printings: spaces, quotes, half-width parentheses. */
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

// The roles' generic wording, for tables no layout profile names. Order matters: the more
// specific wording first.
export const TITLE_ALIASES: TitleAlias[] = [
  { kind: 'threePublic', pattern: /三公.*(经费|表)/ },
  { kind: 'agencyOperation', pattern: /机关运行经费.*表$/ },
  { kind: 'procurement', pattern: /政府采购.*表$/ },
  { kind: 'fiscalOverview', pattern: /财政拨款收(入)?支(出)?(预算|决算)?总(体情况)?表/ },
  { kind: 'overview', pattern: /(部门|财务)?收(入)?支(出)?(预算|决算)?总(体情况)?表/ },
  { kind: 'income', pattern: /收入(预算|决算)?(总(体情况)?)?表/ },
  { kind: 'expenditure', pattern: /支出(预算|决算)?总(体情况)?表|^(部门)?支出决算表$/ },
  { kind: 'basicEconomic', pattern: /基本支出.*(情况|预算|决算|经济分类).*表/ },
  { kind: 'projects', pattern: /^(?!.*绩效).*项目支出(情况|预算|明细)?表/ },
  { kind: 'governmentFund', pattern: /政府性基金(预算)?.*支出/ },
  { kind: 'stateCapital', pattern: /国有资本经营(预算)?.*支出/ },
  { kind: 'generalBudget', pattern: /一般公共预算(财政拨款)?支出(功能分类)?(预算|决算)?(情况)?表/ },
];

export function detectTableKind(text: string, extra: readonly TitleAlias[] = []): TableKind | undefined {
  const t = normalizeLabel(text);
  for (const a of extra) if (a.pattern.test(t)) return a.kind;
  for (const a of TITLE_ALIASES) if (a.pattern.test(t)) return a.kind;
  return undefined;
}

/** What each role is called when no layout names it. */
export const TABLE_NAME: Record<TableKind, Bilingual> = {
  overview: { zh: '收支总表', en: 'revenue and expenditure summary' },
  income: { zh: '收入总表', en: 'revenue' },
  expenditure: { zh: '支出总表', en: 'expenditure' },
  fiscalOverview: { zh: '财政拨款收支总表', en: 'fiscal appropriations summary' },
  fiscalExpenditure: { zh: '财政拨款支出表', en: 'fiscal appropriation expenditure' },
  fiscalBasicEconomic: { zh: '财政拨款基本支出表', en: 'fiscal appropriation basic expenditure' },
  generalBudget: { zh: '一般公共预算支出表', en: 'general public budget expenditure' },
  basicEconomic: { zh: '一般公共预算基本支出表', en: 'general public budget basic expenditure' },
  projects: { zh: '项目支出表', en: 'project expenditure' },
  threePublic: { zh: '“三公”经费表', en: '"three public" expenses' },
  governmentFund: { zh: '政府性基金预算支出表', en: 'government fund budget expenditure' },
  stateCapital: { zh: '国有资本经营预算支出表', en: 'state capital operation budget expenditure' },
  agencyOperation: { zh: '机关运行经费表', en: 'agency operating costs' },
  procurement: { zh: '政府采购表', en: 'government procurement' },
};

export interface ColumnAlias {
  key: ColumnKey;
  pattern: RegExp;
}

/** Sources of money: the revenue columns of 收入总表 and the revenue items of 收支总表 alike. */
const SOURCE_ALIASES: ColumnAlias[] = [
  { key: 'fiscal', pattern: /^财政拨款(收入)?(（补助）)?(资金)?$|^财政拨款（补助）收入$/ },
  { key: 'generalBudget', pattern: /^一般公共预算(拨款|资金|财政拨款)?(收入)?$|^公共财政拨款(（补助）)?(资金)?$/ },
  { key: 'governmentFund', pattern: /^政府性基金(预算)?(拨款|资金|财政拨款)?(收入)?$/ },
  { key: 'stateCapital', pattern: /^国有资本经营(预算)?(拨款|资金|财政拨款)?(收入)?$/ },
  { key: 'specialAccount', pattern: /财政专户/ },
  { key: 'upperSubsidy', pattern: /^上级补助(收入)?$/ },
  { key: 'subsidiaryRemit', pattern: /^附属单位上缴(收入)?$/ },
  { key: 'operating', pattern: /经营收入$/ },
  { key: 'business', pattern: /^事业收入$/ },
  { key: 'businessFund', pattern: /事业基金弥补收支差额/ },
  { key: 'other', pattern: /^(单位)?其他(资金)?收入$|^其他资金$/ },
];

/** Uses of money: the columns of 支出总表 and the 支出用途 items of a summary table alike. */
const USE_ALIASES: ColumnAlias[] = [
  { key: 'basic', pattern: /^基本支出$/ },
  { key: 'project', pattern: /^项目支出$/ },
  { key: 'reserve', pattern: /预留机动经费$/ },
  { key: 'upperRemit', pattern: /^上缴上级支出$/ },
  { key: 'operatingExpense', pattern: /^(事业单位)?经营支出$/ },
  { key: 'subsidiaryGrant', pattern: /^对附属单位补助支出$/ },
  { key: 'personnel', pattern: /^人员经费$/ },
  { key: 'publicFunds', pattern: /^(日常)?公用经费$/ },
];

/** Amount-column wording, most specific first. Matched against one header label. */
export const COLUMN_ALIASES: ColumnAlias[] = [
  { key: 'agencyOperation', pattern: /机关运行经费/ },
  { key: 'abroad', pattern: /因公(出国)?（?境）?费(用)?$/ },
  { key: 'vehiclePurchase', pattern: /^(公务用车)?购置费$/ },
  { key: 'vehicleOperation', pattern: /^(公务用车)?运行(维护)?费$/ },
  { key: 'vehicles', pattern: /公务用车购置及运行(维护)?费/ },
  { key: 'reception', pattern: /公务接待费/ },
  { key: 'threePublic', pattern: /^三公经费(预算数|支出)?$/ },
  { key: 'meeting', pattern: /^会议费$/ },
  { key: 'training', pattern: /^培训费$/ },
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
  { key: 'carryIn', pattern: /^上年结转(和结余|结余)?(资金)?$|^年初结转和结余$|^年初(财政拨款)?结转和结余$/ },
  { key: 'carryOut', pattern: /^结转下年(资金)?$|^年末结转和结余$|^年末(财政拨款)?结转和结余$/ },
  { key: 'yearIncome', pattern: /^本年收入(小计)?$/ },
  { key: 'yearExpense', pattern: /^本年支出(小计)?$/ },
  { key: 'total', pattern: /合计$|总计$|^小计$|^预算数$|^决算数$|^金额$|^预算金额$|^本年预算数?$/ },
  ...USE_ALIASES,
  ...SOURCE_ALIASES,
];

/**
 * The column tree: which column a column is a part of. A column adds into its nearest ancestor
 * the table prints, so `合计, 一般公共预算, 事业收入` (no 财政拨款 column) still sums, and
 * `合计, 财政拨款, 一般公共预算, 政府性基金` is read as 合计 = 财政拨款 and 财政拨款 = 一般 + 基金.
 * Keys without a parent (机关运行经费) are figures of their own, in no sum.
 */
export const COLUMN_PARENT: Partial<Record<ColumnKey, ColumnKey>> = {
  generalBudget: 'fiscal',
  governmentFund: 'fiscal',
  stateCapital: 'fiscal',
  fiscal: 'yearIncome',
  specialAccount: 'yearIncome',
  business: 'yearIncome',
  operating: 'yearIncome',
  upperSubsidy: 'yearIncome',
  subsidiaryRemit: 'yearIncome',
  other: 'yearIncome',
  businessFund: 'yearIncome',
  yearIncome: 'total',
  carryIn: 'total',
  personnel: 'basic',
  publicFunds: 'basic',
  basic: 'yearExpense',
  project: 'yearExpense',
  reserve: 'yearExpense',
  operatingExpense: 'yearExpense',
  upperRemit: 'yearExpense',
  subsidiaryGrant: 'yearExpense',
  yearExpense: 'total',
  carryOut: 'total',
  e301: 'total',
  e302: 'total',
  e303: 'total',
  e307: 'total',
  e309: 'total',
  e310: 'total',
  e311: 'total',
  e312: 'total',
  e313: 'total',
  e399: 'total',
  abroad: 'threePublic',
  vehicles: 'threePublic',
  reception: 'threePublic',
  vehiclePurchase: 'vehicles',
  vehicleOperation: 'vehicles',
  threePublic: 'total',
  meeting: 'total',
  training: 'total',
};

/** `extra`: aliases from configuration, tried before the built-in wording. */
export function columnKeyOf(label: string, extra: readonly ColumnAlias[] = []): ColumnKey | undefined {
  if (extra.length === 0) {
    // the built-in wording alone is a function of the label: headers repeat within a table (read
    // as sided, then as printed) and across a batch, so each label is matched against the ~80
    // patterns once; bounded, so that hostile headers cannot grow it
    const known = BUILT_IN_KEYS.get(label);
    if (known !== undefined || BUILT_IN_KEYS.has(label)) return known;
    if (BUILT_IN_KEYS.size >= MAX_KNOWN_LABELS) BUILT_IN_KEYS.clear();
    const key = matchColumnKey(normalizeLabel(label), extra);
    BUILT_IN_KEYS.set(label, key);
    return key;
  }
  return matchColumnKey(normalizeLabel(label), extra);
}

const BUILT_IN_KEYS = new Map<string, ColumnKey | undefined>();
const MAX_KNOWN_LABELS = 4096;

function matchColumnKey(t: string, extra: readonly ColumnAlias[]): ColumnKey | undefined {
  if (t === '') return undefined;
  for (const a of extra) if (a.pattern.test(t)) return a.key;
  for (const a of COLUMN_ALIASES) if (a.pattern.test(t)) return a.key;
  return undefined;
}

/**
 * Header bands that repeat the same columns for another figure of each row: 预算数 | 决算数 in the
 * “三公” table of final accounts. Columns under them are told apart by this name.
 */
const DIMENSIONS: Array<{ id: string; pattern: RegExp }> = [
  { id: 'budget', pattern: /^(\d{4}年)?(年初|全年|调整)?预算(数|金额)?$/ },
  { id: 'final', pattern: /^(\d{4}年)?决算(数|金额)?$/ },
  { id: 'previous', pattern: /^上年(预算|决算|执行)?(数|金额)?$/ },
];

/** A column of last year's figures (上年预算数, 上年决算数): read, kept out of row sums, compared by previous-column. */
export const LAST_YEAR_HEADER = /^上年(?:年初)?(?:预算|决算|执行)?(?:数|金额)?$/;

export function dimensionOf(label: string): string | undefined {
  const t = normalizeLabel(label);
  for (const d of DIMENSIONS) if (d.pattern.test(t)) return d.id;
  return undefined;
}

/** What each column holds, in both languages, for messages. */
export const COLUMN_LABEL: Record<ColumnKey, Bilingual> = {
  total: { zh: '合计', en: 'total' },
  yearIncome: { zh: '本年收入', en: 'revenue of the year' },
  yearExpense: { zh: '本年支出', en: 'expenditure of the year' },
  carryIn: { zh: '上年结转', en: 'carried over from last year' },
  carryOut: { zh: '结转下年', en: 'carried forward to next year' },
  fiscal: { zh: '财政拨款', en: 'fiscal appropriations' },
  generalBudget: { zh: '一般公共预算', en: 'general public budget' },
  governmentFund: { zh: '政府性基金预算', en: 'government fund budget' },
  stateCapital: { zh: '国有资本经营预算', en: 'state capital budget' },
  specialAccount: { zh: '财政专户', en: 'special fiscal account' },
  business: { zh: '事业收入', en: 'business income' },
  operating: { zh: '事业单位经营收入', en: 'operating income' },
  upperSubsidy: { zh: '上级补助收入', en: 'subsidies from above' },
  subsidiaryRemit: { zh: '附属单位上缴收入', en: 'remittances from subsidiaries' },
  other: { zh: '其他收入', en: 'other income' },
  businessFund: { zh: '用事业基金弥补收支差额', en: 'business fund used for the gap' },
  basic: { zh: '基本支出', en: 'basic expenditure' },
  project: { zh: '项目支出', en: 'project expenditure' },
  reserve: { zh: '单位预留机动经费', en: 'reserve for contingencies' },
  operatingExpense: { zh: '经营支出', en: 'operating expenditure' },
  upperRemit: { zh: '上缴上级支出', en: 'remittances to the level above' },
  subsidiaryGrant: { zh: '对附属单位补助支出', en: 'grants to subsidiaries' },
  personnel: { zh: '人员经费', en: 'personnel costs' },
  publicFunds: { zh: '公用经费', en: 'public-use costs' },
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
  threePublic: { zh: '“三公”经费', en: '"three public" expenses' },
  abroad: { zh: '因公出国（境）费', en: 'official travel abroad' },
  vehicles: { zh: '公务用车购置及运行费', en: 'official vehicles' },
  vehiclePurchase: { zh: '公务用车购置费', en: 'vehicle purchase' },
  vehicleOperation: { zh: '公务用车运行费', en: 'vehicle operation' },
  reception: { zh: '公务接待费', en: 'official reception' },
  meeting: { zh: '会议费', en: 'meetings' },
  training: { zh: '培训费', en: 'training' },
  agencyOperation: { zh: '机关运行经费', en: 'agency operating costs' },
};

/** Items of a summary table's revenue and use blocks, by their printed names. */
const ITEM_ALIASES: ColumnAlias[] = [...SOURCE_ALIASES, ...USE_ALIASES];

export function itemOf(name: string): ColumnKey | undefined {
  const t = normalizeLabel(stripNumbering(name)).replace(/（[^）]*）$/, (m) => (/补助/.test(m) ? m : ''));
  for (const a of ITEM_ALIASES) if (a.pattern.test(t)) return a.key;
  return undefined;
}

/** @deprecated name kept for the narrative reader: the revenue item a printed name is. */
export const incomeItemOf = itemOf;

/** "一、", "1.", "（一）", "(1)" before a printed name. */
export function stripNumbering(name: string): string {
  return name
    .trim()
    .replace(/^[（(][一二三四五六七八九十\d]+[）)]\s*/, '')
    .replace(/^[一二三四五六七八九十]+[、.．]\s*/, '')
    .replace(/^\d+\s*[、.．]\s*/, '');
}

/**
 * The outline level a printed number gives: 一、 1; （一） 2; 1. 3; (1) 4. Undefined for a name
 * printed without one.
 */
export function numberingLevel(name: string): number | undefined {
  const t = name.trim();
  if (/^[一二三四五六七八九十]+\s*[、.．]/.test(t)) return 1;
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(t)) return 2;
  if (/^\d+\s*[、.．](?!\d)/.test(t)) return 3;
  if (/^[（(]\d+[）)]/.test(t)) return 4;
  return undefined;
}

/** 合计, 总计, 收入总计, 支出合计, and a block's own total (人员经费合计 | 公用经费合计) */
const GRAND_TOTAL = /^[\u4e00-\u9fff]{0,6}(总计|合计)$/;
const YEAR_TOTAL = /^(本年|当年)(收入|支出)(合计|小计)$|^(收入|支出)小计$/;
/** "一、本年收入" over its parts (the national template's 财政拨款收支总表 from 2019): the year's subtotal too. */
const YEAR_HEAD = /^本年(收入|支出)$/;

/** A label that makes a row a total row of its own (合计, 收入总计, 本年支出合计, 小计). */
export function isTotalLabel(text: string): boolean {
  const t = normalizeLabel(text);
  return GRAND_TOTAL.test(t) || YEAR_TOTAL.test(t) || t === '小计';
}

const ROLE_ENDING = /[计入出][\s\u00a0\u3000"“”'‘’「」]*$/;

/** The role of a summary-table row by its printed name alone (an item unless it says otherwise). */
export function rowRoleOf(name: string): 'grandTotal' | 'yearTotal' | 'subtotal' | undefined {
  // every role's wording ends in 计, 入 or 出 (before what normalising strips): most names, codes
  // and figures are settled by that one test
  if (!ROLE_ENDING.test(name)) return undefined;
  const t = normalizeLabel(stripNumbering(name));
  if (YEAR_TOTAL.test(t) || (YEAR_HEAD.test(t) && t !== normalizeLabel(name))) return 'yearTotal';
  if (GRAND_TOTAL.test(t)) return 'grandTotal';
  if (t === '小计') return 'subtotal';
  return undefined;
}

/** 上年结转, 结转下年, 年初/年末结转和结余, 使用非财政拨款结余, 结余分配: between a year's subtotal and the grand total. */
export function isAdjustmentLabel(name: string): boolean {
  return /结转|结余|结余分配/.test(normalizeLabel(stripNumbering(name)));
}

/** "其中：…": a part of the row above, never a part of the column's sum. */
export function isOfWhichLabel(name: string): boolean {
  return /^其中[:：]?/.test(name.trim());
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
// names of the same 类 in earlier editions of the classification
for (const [name, code] of [
  ['资源勘探信息等支出', '215'],
  ['文化体育与传媒支出', '207'],
  ['医疗卫生与计划生育支出', '210'],
  ['医疗卫生支出', '210'],
  ['国土海洋气象等支出', '220'],
  ['国土资源气象等支出', '220'],
  ['城乡社区事务支出', '212'],
] as const) {
  CLASS_BY_NAME.set(name, code);
}

export function functionClassByName(name: string): string | undefined {
  const t = normalizeLabel(stripNumbering(name)).replace(/（类）/, '');
  return CLASS_BY_NAME.get(t);
}

/** Economic classes used by the project table's column wording. */
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
