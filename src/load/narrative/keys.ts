// What a stated amount is: from the words before it to a canonical key shared with the tables.
import { COLUMN_LABEL } from '../aliases.js';

const CLASS_NAMES = [
  '一般公共服务', '外交', '国防', '公共安全', '教育', '科学技术', '文化旅游体育与传媒', '社会保障和就业',
  '卫生健康', '节能环保', '城乡社区', '农林水', '交通运输', '资源勘探工业信息等', '商业服务业等', '金融',
  '援助其他地区', '自然资源海洋气象等', '住房保障', '粮油物资储备', '灾害防治及应急管理', '国有资本经营预算',
];

/** what may stand before a class name in a label without making it another name ("初中教育支出" is no 教育支出) */
const CLASS_PREFIX = /^(?:其中|本年|本年度|年度|全年|本部门|部门|单位|本单位|一般公共预算(?:财政)?(?:拨款)?(?:安排的?)?|财政拨款(?:安排的?)?|用于|主要用于|按功能分类科目)?$/;

// “三公” names are written with or without 费 and with 支出 / 财政拨款支出 after them
const NAME_TAIL = '(?:财政拨款)?(?:支出)?(?:经费)?';

/** Each alias must end the label; the one ending latest, then the longest, wins. */
const ALIASES: Array<[RegExp, string]> = [
  [new RegExp(`[“"]?三公[”"]?经费${NAME_TAIL}$`), 'threePublic'],
  [new RegExp(`因公出国\\(境\\)(?:费用?|经费)?${NAME_TAIL}$|因公\\(境\\)费$`), 'abroad'],
  [new RegExp(`公务用车购置及运行(?:维护)?(?:费用?)?${NAME_TAIL}$|公车购置及运行(?:维护)?费$`), 'vehicles'],
  [new RegExp(`公务用车购置(?:费|经费)?${NAME_TAIL}$`), 'vehiclePurchase'],
  [new RegExp(`公务用车运行(?:维护)?(?:费用?)?${NAME_TAIL}$`), 'vehicleOperation'],
  [new RegExp(`(?:国内)?公务接待(?:费用?)?${NAME_TAIL}$`), 'reception'],
  [/机关运行经费(?:财政拨款)?(?:支出)?$/, 'agencyOperation'],
  [/人员经费$/, 'personnel'],
  [/公用经费$/, 'publicFunds'],
  [/基本支出$/, 'basic'],
  [/项目支出$/, 'project'],
  [/政府采购货物(预算|支出)?$|货物(类)?采购(支出)?$/, 'procGoods'],
  [/政府采购工程(预算|支出)?$|工程(类)?采购(支出)?$/, 'procWorks'],
  [/政府采购服务(预算|支出)?$|服务(类)?采购(支出)?$/, 'procServices'],
  [/政府采购(预算)?(支出)?(总额)?$/, 'procurement'],
  [/授予中小企业(的)?合同(金额)?$/, 'procSMEAwarded'],
  [/授予小微企业(的)?合同(金额)?$/, 'procSmallMicroAwarded'],
  [/面向中小企业预留(的?政府采购项目)?$/, 'procSME'],
  [/面向小微企业预留(的?政府采购项目)?$/, 'procSmallMicro'],
  [/财政拨款收支总预算$|财政拨款收入支出总计$|财政拨款收支总计$/, 'fiscalTotal'],
  [/收支总预算$|收入支出总计$|收支总计$/, 'grandTotal'],
  [/本年收入(合计)?$/, 'yearIncome'],
  [/本年支出(合计)?$/, 'yearExpense'],
  // after the department's name too: "示例镇人民政府收入预算总额"
  [/(^|部门|单位|年度|全年|局|委|会|办|室|中心|政府|院|校|所|站|队|处)收入(预算)?$/, 'incomeTotal'],
  [/(^|部门|单位|年度|全年|局|委|会|办|室|中心|政府|院|校|所|站|队|处)支出(预算)?$/, 'expenseTotal'],
  // income by source: 一般公共预算财政拨款收入 is one source, 财政拨款收入 all of them
  [/(^|[^算金营])财政拨款收入$/, 'fiscalIncome'],
  [/一般公共预算(财政)?拨款收入$|一般公共预算收入$/, 'income:generalBudget'],
  [/政府性基金预算(财政)?拨款收入$/, 'income:governmentFund'],
  [/国有资本经营预算(财政)?拨款收入$/, 'income:stateCapital'],
  [/上级补助收入$/, 'income:upperSubsidy'],
  [/^事业收入$/, 'income:business'],
  [/^经营收入$/, 'income:operating'],
  [/附属单位上缴收入$/, 'income:subsidiaryRemit'],
  [/^其他收入$/, 'income:other'],
  [/(^|[^算金营])财政拨款支出(预算)?$/, 'fiscalExpense'],
  [/一般公共预算(财政)?拨款支出$|一般公共预算支出$/, 'generalBudget'],
  [/一般公共预算(拨款)?$/, 'generalBudget'],
  // "占部门预算总额的 P%", "占预算总额的 P%": 总额 is stripped before matching
  [/^(部门)?(年度)?预算$/, 'grandTotal'],
];

const SUFFIX = /(预算数为|决算数为|数为|预算数|决算数|预算金额|财政拨款预算|总额|金额|数|为|是|达|合计|共计|约|[:：])$/;
/** the 预算 / 决算 words after a name: "“三公”经费财政拨款支出年初预算为" is of “三公”经费 */
const BASIS_SUFFIX = /(?:年初|全年|调整后?的?|当年)?(?:预算|决算)(?:数)?$/;

/** Numbering, years, quotes and spaces off a label; the words after the name (为, 合计, 预算数) too. */
export function cleanLabel(label: string): string {
  let s = label.replace(/[“”"]/g, (c) => (c === '“' || c === '”' ? c : '')).replace(/\s+/g, '');
  s = s.replace(/^(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)+/, '');
  s = s.replace(/^其中[:：]?/, '');
  s = s.replace(/^(?:20\d\d|19\d\d)年度?/, '').replace(/(?:20\d\d|19\d\d)年度?/g, '');
  // a remark in brackets is no part of the name, the 类/款/项 marks excepted
  s = s.replace(/\([^()]{3,}\)/g, '');
  for (let i = 0; i < 6 && SUFFIX.test(s); i++) s = s.replace(SUFFIX, '');
  return s;
}

/** "一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)" → path of names; the words after the
 *  last mark are the next level ("住房改革支出(款)住房公积金 60 万元": …/住房公积金), so that siblings differ. */
export function classPath(label: string): string[] | undefined {
  const s = label.replace(/[“”"\s]/g, '');
  if (!/\((类|款|项)\)/.test(s)) return undefined;
  const parts = s.split(/\((类|款|项)\)/);
  const names: string[] = [];
  const order = ['类', '款', '项'];
  // a path that starts at 款 or 项 names no class: it is no path of the tables
  if (parts[1] !== '类') return undefined;
  let i = 1;
  for (; i < parts.length; i += 2) {
    if (parts[i] !== order[names.length]) break;
    names.push(parts[i - 1]!.replace(/^.*[:：，,]/, '').replace(/^(?:\d{1,2}[.、]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/, '').trim());
  }
  const rest = cleanLabel(parts[i - 1] ?? '').replace(BASIS_SUFFIX, '');
  // "一般公共服务（类）支出 1200 万元": the mark stands inside the name
  // ("…（项）支出 X 万元": the word after a 款 or 项 is no part of its name)
  if (rest === '支出') {
    if (names.length === 1) names[0] += '支出';
  }
  else if (names.length < 3 && rest && !/[:：。]/.test(rest) && rest.length <= 24 && /[\u4e00-\u9fff]/.test(rest)) names.push(rest);
  // "社会保障和就业（类）" is the class 社会保障和就业支出
  if (names[0] && CLASS_NAMES.includes(names[0])) names[0] += '支出';
  return names.length ? names : undefined;
}

/** The parts a figure is made of, when the text lists them all ("三公" = 出国 + 公务用车 + 接待). */
export const CHILDREN: Record<string, readonly string[]> = {
  threePublic: ['abroad', 'vehicles', 'reception'],
  vehicles: ['vehiclePurchase', 'vehicleOperation'],
  basic: ['personnel', 'publicFunds'],
  procurement: ['procGoods', 'procWorks', 'procServices'],
};

export const PARENT: Record<string, string> = Object.fromEntries(Object.entries(CHILDREN).flatMap(([p, cs]) => cs.map((c) => [c, p])));

/** What a clause that explains the figure before it starts with (比上年…, 占…, 完成…, 主要原因…): no name of its own. */
export const TAIL = /^(?:其中|比上|比去|比同|比\s?\d|比年初|比预算|较|与上|与去|与\s?\d|与年初|与预算|同比|对比|增加|减少|增长|下降|降低|上升|增幅|降幅|减幅|占|完成|主要(?:用于|原因|是|包括|内容|为|系)|原因|因为|由于|按|为|用于|分别|均|同时|另外|此外|(?:增|减)(?=\s?\d|了))/;

/** Labels that say what kind of figure follows but not of what: "支出决算为", "年初预算为", "采购金额". */
export function isGeneric(label: string): boolean {
  const raw = label.replace(/^[，,；;：:、]/, '').trim();
  const s = cleanLabel(raw);
  return (
    s === '' ||
    /^(?:年初|全年|调整后?的?|当年)?(?:预算|决算|实际支出|实际)(?:数|金额|总额)?$/.test(s) ||
    /^(?:支出|收入)(?:年初|全年|调整后?的?|当年)?决算(?:数)?$/.test(s) ||
    /^(?:支出|收入)(?:年初|全年|调整后?的?|当年)预算(?:数)?$/.test(s) ||
    (/^(?:支出|收入)预算(?:数)?$/.test(s) && /(?:为|是)\s*$/.test(raw)) ||
    /^(?:完成)(?:年初|全年|调整后?的?)?预算$/.test(s) ||
    /^(?:采购|支出|实际)?金额$/.test(s) ||
    /^(?:价值|原值|账面价值)$/.test(s) ||
    /^差[值额]$/.test(s) ||
    /^(?:小计|合计|共计|总计|共|计|约)$/.test(s)
  );
}

/** 决算 / 预算 side of a 决算 statement, from the words before the amount. */
export function basisOf(label: string): 'budget' | 'final' | undefined {
  const s = label.replace(/\s+/g, '');
  if (/决算|实际支出|实际完成/.test(s)) return 'final';
  if (/(?:年初|全年|调整后?的?)预算|预算(?:数)?(?:为|是)?$|完成(?:年初|全年)?预算$/.test(s)) return 'budget';
  return undefined;
}

// The same labels recur within a text and across a batch; bounded so that a long run does not grow it without end.
const KEYS = new Map<string, string | undefined>();
const KEYS_MAX = 8192;

export function keyOf(label: string): string | undefined {
  if (KEYS.has(label)) return KEYS.get(label);
  const key = computeKey(label);
  if (KEYS.size >= KEYS_MAX) KEYS.clear();
  KEYS.set(label, key);
  return key;
}

function computeKey(label: string): string | undefined {
  // "2010301 行政运行", "（2010301）行政运行": the classification code says which row
  const code = /(?:^|[^\d.])(2\d{2}(?:\d{2}){0,2})[)）\s]*[\u4e00-\u9fff][^\d]*$/.exec(label);
  if (code && !/20\d\d年/.test(label.slice(code.index, code.index + 8))) return `code:${code[1]}`;
  const path = classPath(label);
  if (path) return `fn:${path.join('/')}`;
  const s0 = cleanLabel(label);
  const s1 = s0.replace(/类(?:科目)?$|科目$/, '');
  const s = s1.endsWith('预算') && !s1.endsWith('总预算') ? s1.slice(0, -2) : s1;
  for (const c of CLASS_NAMES) {
    const name = `${c}支出`;
    if (s.endsWith(name) && CLASS_PREFIX.test(s.slice(0, -name.length))) return `fn:${name}`;
  }
  const s2 = s0.replace(BASIS_SUFFIX, '');
  let best: { key: string; len: number } | undefined;
  for (const [re, key] of ALIASES) {
    const m = re.exec(s) ?? re.exec(s0) ?? (s2 !== s0 && s2 ? re.exec(s2) : null);
    if (m && (!best || m[0].length > best.len)) best = { key, len: m[0].length };
  }
  return best?.key;
}

const INCOME_LABEL: Record<string, { zh: string; en: string }> = {
  'income:generalBudget': { zh: '一般公共预算财政拨款收入', en: 'general public budget appropriations' },
  'income:governmentFund': { zh: '政府性基金预算财政拨款收入', en: 'government fund appropriations' },
  'income:stateCapital': { zh: '国有资本经营预算财政拨款收入', en: 'state capital appropriations' },
  'income:upperSubsidy': COLUMN_LABEL.upperSubsidy,
  'income:business': COLUMN_LABEL.business,
  'income:operating': { zh: '经营收入', en: 'operating income' },
  'income:subsidiaryRemit': COLUMN_LABEL.subsidiaryRemit,
  'income:other': COLUMN_LABEL.other,
};

export const KEY_LABEL: Record<string, { zh: string; en: string }> = {
  ...COLUMN_LABEL,
  ...INCOME_LABEL,
  threePublic: { zh: '“三公”经费', en: '"three public" expenses' },
  procGoods: { zh: '政府采购货物', en: 'procurement of goods' },
  procWorks: { zh: '政府采购工程', en: 'procurement of works' },
  procServices: { zh: '政府采购服务', en: 'procurement of services' },
  procurement: { zh: '政府采购', en: 'government procurement' },
  procSME: { zh: '面向中小企业预留', en: 'reserved for SMEs' },
  procSmallMicro: { zh: '面向小微企业预留', en: 'reserved for small and micro firms' },
  procSMEAwarded: { zh: '预留项目中由中小企业中标或成交的金额', en: 'reserved procurement awarded to SMEs' },
  procSmallMicroAwarded: { zh: '预留项目中由小微企业中标或成交的金额', en: 'reserved procurement awarded to small and micro firms' },
  procOtherSMEAwarded: { zh: '其他项目中由中小企业中标或成交的金额', en: 'other procurement awarded to SMEs' },
  fiscalIncome: { zh: '财政拨款收入', en: 'fiscal appropriation revenue' },
  fiscalExpense: { zh: '财政拨款支出', en: 'fiscal appropriation expenditure' },
  fiscalTotal: { zh: '财政拨款收支总计', en: 'fiscal appropriation total' },
  grandTotal: { zh: '收支总计', en: 'total' },
  yearIncome: { zh: '本年收入合计', en: 'revenue of the year' },
  yearExpense: { zh: '本年支出合计', en: 'expenditure of the year' },
  incomeTotal: { zh: '收入预算', en: 'revenue budget' },
  expenseTotal: { zh: '支出预算', en: 'expenditure budget' },
  generalBudget: { zh: '一般公共预算', en: 'general public budget' },
};

export function keyLabel(key: string): { zh: string; en: string } {
  if (key.startsWith('code:')) return { zh: key.slice(5), en: key.slice(5) };
  if (key.startsWith('fn:')) {
    const s = key.slice(3).split('/').join(' / ');
    return { zh: s, en: s };
  }
  return KEY_LABEL[key] ?? { zh: key, en: key };
}
