// What a stated amount is: from the words before it to a canonical key shared with the tables.
import { COLUMN_LABEL } from '../aliases.js';

const CLASS_NAMES = [
  '一般公共服务', '外交', '国防', '公共安全', '教育', '科学技术', '文化旅游体育与传媒', '社会保障和就业',
  '卫生健康', '节能环保', '城乡社区', '农林水', '交通运输', '资源勘探工业信息等', '商业服务业等', '金融',
  '援助其他地区', '自然资源海洋气象等', '住房保障', '粮油物资储备', '灾害防治及应急管理', '国有资本经营预算',
];

/** Each alias must end the label; the one ending latest, then the longest, wins. */
const ALIASES: Array<[RegExp, string]> = [
  [/[“"]?三公[”"]?经费$/, 'threePublic'],
  [/因公出国\(境\)费?$|因公\(境\)费$/, 'abroad'],
  [/公务用车购置及运行(维护)?费$/, 'vehicles'],
  [/公务用车购置费?$/, 'vehiclePurchase'],
  [/公务用车运行(维护)?费$/, 'vehicleOperation'],
  [/公务接待费$/, 'reception'],
  [/机关运行经费$/, 'agencyOperation'],
  [/人员经费$/, 'personnel'],
  [/公用经费$/, 'publicFunds'],
  [/基本支出$/, 'basic'],
  [/项目支出$/, 'project'],
  [/政府采购货物(预算)?$/, 'procGoods'],
  [/政府采购工程(预算)?$/, 'procWorks'],
  [/政府采购服务(预算)?$/, 'procServices'],
  [/政府采购(预算)?$/, 'procurement'],
  [/面向中小企业预留(政府采购项目)?$/, 'procSME'],
  [/面向小微企业预留(政府采购项目)?$/, 'procSmallMicro'],
  [/财政拨款收支总预算$/, 'fiscalTotal'],
  [/收支总预算$/, 'grandTotal'],
  [/(^|部门|单位|本年|年度|全年)收入(预算)?$/, 'incomeTotal'],
  [/(^|部门|单位|本年|年度|全年)支出(预算)?$/, 'expenseTotal'],
  [/财政拨款收入$/, 'fiscalIncome'],
  [/财政拨款支出(预算)?$/, 'fiscalExpense'],
  [/一般公共预算(拨款)?$/, 'generalBudget'],
  // "占部门预算总额的 P%", "占预算总额的 P%": 总额 is stripped before matching
  [/^(部门)?(年度)?预算$/, 'grandTotal'],
];

const SUFFIX = /(预算数为|数为|预算数|预算金额|财政拨款预算|总额|数|为|是|合计|共计|约|[:：])$/;

export function cleanLabel(label: string): string {
  let s = label.replace(/^\s*\d{1,2}[.、](?!\d)/, '').replace(/[“”"]/g, (c) => (c === '“' || c === '”' ? c : ''));
  s = s.replace(/^其中[:：]?/, '').replace(/\s+/g, '');
  s = s.replace(/20\d\d年/g, '');
  for (let i = 0; i < 6 && SUFFIX.test(s); i++) s = s.replace(SUFFIX, '');
  return s;
}

/** "一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)" → path of names. */
export function classPath(label: string): string[] | undefined {
  const s = label.replace(/[“”"]/g, '');
  if (!s.includes('(类)')) return undefined;
  const parts = s.split(/\((类|款|项)\)/);
  const names: string[] = [];
  const order = ['类', '款', '项'];
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] !== order[names.length]) break;
    names.push(parts[i - 1]!.replace(/^[\d.、\s]+/, '').trim());
  }
  return names.length ? names : undefined;
}

export function keyOf(label: string): string | undefined {
  // "2010301 行政运行", "（2010301）行政运行": the classification code says which row
  const code = /(?:^|[^\d.])(2\d{2}(?:\d{2}){0,2})[)）\s]*[\u4e00-\u9fff][^\d]*$/.exec(label);
  if (code && !/20\d\d年/.test(label.slice(code.index, code.index + 8))) return `code:${code[1]}`;
  const path = classPath(label);
  if (path) return `fn:${path.join('/')}`;
  const s0 = cleanLabel(label);
  const s = s0.endsWith('预算') && !s0.endsWith('总预算') ? s0.slice(0, -2) : s0;
  for (const c of CLASS_NAMES) if (s.endsWith(`${c}支出`)) return `fn:${c}支出`;
  let best: { key: string; len: number } | undefined;
  for (const [re, key] of ALIASES) {
    const m = re.exec(s) ?? re.exec(s0);
    if (m && (!best || m[0].length > best.len)) best = { key, len: m[0].length };
  }
  return best?.key;
}

export const KEY_LABEL: Record<string, { zh: string; en: string }> = {
  ...COLUMN_LABEL,
  threePublic: { zh: '“三公”经费', en: '"three public" expenses' },
  procGoods: { zh: '政府采购货物', en: 'procurement of goods' },
  procWorks: { zh: '政府采购工程', en: 'procurement of works' },
  procServices: { zh: '政府采购服务', en: 'procurement of services' },
  procurement: { zh: '政府采购', en: 'government procurement' },
  procSME: { zh: '面向中小企业预留', en: 'reserved for SMEs' },
  procSmallMicro: { zh: '面向小微企业预留', en: 'reserved for small and micro firms' },
  fiscalIncome: { zh: '财政拨款收入', en: 'fiscal appropriation revenue' },
  fiscalExpense: { zh: '财政拨款支出', en: 'fiscal appropriation expenditure' },
  fiscalTotal: { zh: '财政拨款收支总预算', en: 'fiscal appropriation total' },
  grandTotal: { zh: '收支总预算', en: 'total budget' },
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
