// Text as it comes out of a PDF: sentences broken across lines, blank lines between them, page
// numbers, table residue. This module classifies the lines and joins the prose into one stream,
// keeping for every character of the stream the line and column it came from.

/** Full-width forms to ASCII, one character for one so offsets stay aligned. "，" is kept: it is
 *  the clause separator, and the number reader accepts it as a thousands separator itself. */
const MAP: Record<string, string> = {
  '．': '.', '％': '%', '＋': '+', '－': '-', '＝': '=', '＊': '*', '×': '*', '（': '(', '）': ')',
  '：': '：', '；': '；', '〈': '<', '〉': '>', '＜': '<', '＞': '>', '／': '/', '　': ' ', '\u00a0': ' ',
};

/** Traditional characters to simplified ones, one for one (mirror sites show disclosures in a machine
 *  traditional rendering): the words the claims are read by (萬元, 預算, 決算, 撥款 …) and common others. */
const TRAD_FROM = '費萬億務經預決車國財購數撥單運況維關為員門計職辦項減護結業說與體兒開機資總無長設級園調標轉過專規實營輛較執訓對學補區評時進駐屬稱個雜見審負責協處準臨黨參變構來際發現鄉節間應烏魯齊題議動嚴號組橋電歲齡肅額納編師從環復續產誤內詳帶當錄貫徹針問圍繞並質訴舉報統離別匯據劃織團險獎勵領導類賓慮約詞釋郵會備餘證書紙圖檔網絡軟價積點條歷權戶將繳稅醫療衛傳養採貨眾濟災糧穩盤還邊這樣種狀擔場壓縮範後們頭隊鎮縣廳廣東陝雲貴龍灣蘇閩贛粵瓊寧遼晉於係幣銀錢貸債徵讓認識記談請課試詢講論讀辭贊淨溫測潔熱爭獨獻畫異盡監碼確禮窮競筆築簽簡籌紅紀細終絕給綠綜緊線練繼罰羅義習聯聲聽脫舊莊華葉蓋藝藥虧衝術製複視覽觀訂訊許該語誰諾豐貢貧貿賠賦賽贈跡踐軍載輔輕輸農遞遠適選遺鐵銷鋼錯閉閱陳陸階隨隱雖雙難靜響頁順頻顏願顧顯風飛館馬驗層屆幫廠廢彙徑態慣慶擬擴攝斷暫曆棄榮樓檢歸殘氣淺滯濕燈獲畝礎綱緩績紛興艱裝覺親訪誠賬趨轄達違鎖鏈鑒韓頂頒顆驅麗佔衆誌託彈樞聞鄰鑑隸齒貝貼販趙輪鬥飯飲魚麥黃凍勞勢勝歐壞奮婦孫寬寫廟張恆惡愛懷戲擇擊攤敗敘樂橫歡殺溝滬潤濾爐犧瑪盧碩磚禪窯竊篩糾紋純絲綴緒繪纖罷聖膽臉艦薦蘭蟲襲觸診謀謝譯貓賣買贏趕軌轟迴遲醜鈔鍵閒闆陣陰隻雞頓颱飾驚髮鬆鳥齣幹臺彎淚裡裏麼嗎啟噸夥嶺帥帳廂憲戰擁敵曉棟槍漢潛澀瀏牆瑣盜睜籃紐緯縱繩膚藍襯讚踴錦閃閣闊顛飽';
const TRAD_TO = '费万亿务经预决车国财购数拨单运况维关为员门计职办项减护结业说与体儿开机资总无长设级园调标转过专规实营辆较执训对学补区评时进驻属称个杂见审负责协处准临党参变构来际发现乡节间应乌鲁齐题议动严号组桥电岁龄肃额纳编师从环复续产误内详带当录贯彻针问围绕并质诉举报统离别汇据划织团险奖励领导类宾虑约词释邮会备余证书纸图档网络软价积点条历权户将缴税医疗卫传养采货众济灾粮稳盘还边这样种状担场压缩范后们头队镇县厅广东陕云贵龙湾苏闽赣粤琼宁辽晋于系币银钱贷债征让认识记谈请课试询讲论读辞赞净温测洁热争独献画异尽监码确礼穷竞笔筑签简筹红纪细终绝给绿综紧线练继罚罗义习联声听脱旧庄华叶盖艺药亏冲术制复视览观订讯许该语谁诺丰贡贫贸赔赋赛赠迹践军载辅轻输农递远适选遗铁销钢错闭阅陈陆阶随隐虽双难静响页顺频颜愿顾显风飞馆马验层届帮厂废汇径态惯庆拟扩摄断暂历弃荣楼检归残气浅滞湿灯获亩础纲缓绩纷兴艰装觉亲访诚账趋辖达违锁链鉴韩顶颁颗驱丽占众志托弹枢闻邻鉴隶齿贝贴贩赵轮斗饭饮鱼麦黄冻劳势胜欧坏奋妇孙宽写庙张恒恶爱怀戏择击摊败叙乐横欢杀沟沪润滤炉牺玛卢硕砖禅窑窃筛纠纹纯丝缀绪绘纤罢圣胆脸舰荐兰虫袭触诊谋谢译猫卖买赢赶轨轰回迟丑钞键闲板阵阴只鸡顿台饰惊发松鸟出干台弯泪里里么吗启吨伙岭帅帐厢宪战拥敌晓栋枪汉潜涩浏墙琐盗睁篮纽纬纵绳肤蓝衬赞踊锦闪阁阔颠饱';
const TRAD = new Map<number, string>(Array.from(TRAD_FROM, (c, i) => [c.charCodeAt(0), TRAD_TO[i]!]));

/** Pinyin glosses such mirrors put after a character, 學(xué): read as spaces, so that the words join again. */
const GLOSS = /(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)/g;

export function normalizeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x4e00 && code <= 0x9fff) return TRAD.get(code) ?? c;
  // ASCII, nearly every other character of a text, is never mapped
  if (code < 0xa0) return c;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  return MAP[c] ?? c;
}

/** normalizeChar by UTF-16 unit: undefined when the unit stays. Surrogates never map (normalizeChar
 *  leaves pairs and lone halves as they are), so mapping by unit equals mapping by code point. */
function mappedUnit(code: number): string | undefined {
  if (code >= 0x4e00 && code <= 0x9fff) return TRAD.get(code);
  if (code < 0xa0) return undefined;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  const r = MAP[String.fromCharCode(code)];
  return r === undefined || r.charCodeAt(0) === code ? undefined : r;
}

/** Exactly the units mappedUnit changes (traditional characters, full-width digits, the MAP entries
 *  that differ), by UTF-16 unit: one array look-up a character where a class of ~600 took a search. */
const MAPPED = new Uint8Array(0x10000);
for (const c of TRAD_FROM) MAPPED[c.charCodeAt(0)] = 1;
for (let u = 0xff10; u <= 0xff19; u++) MAPPED[u] = 1;
for (const k of Object.keys(MAP)) if (MAP[k] !== k) MAPPED[k.charCodeAt(0)] = 1;

/** normalizeChar over a line, without splitting it into characters; a line with nothing to map
 *  (most of them: "，" and "。" stay) is returned as it is. */
export function normalizeLine(line: string): string {
  const s = line.includes('(') && GLOSS.test(line) ? line.replace(GLOSS, (g) => ' '.repeat(g.length)) : line;
  GLOSS.lastIndex = 0;
  let i = 0;
  while (i < s.length && MAPPED[s.charCodeAt(i)] === 0) i++;
  if (i === s.length) return s;
  // pieces joined once: concatenating at every mapped character builds a rope as long as the line
  const out: string[] = [];
  let from = 0;
  for (; i < s.length; i++) {
    if (MAPPED[s.charCodeAt(i)] === 0) continue;
    const r = mappedUnit(s.charCodeAt(i));
    if (r === undefined) continue;
    if (i > from) out.push(s.slice(from, i));
    out.push(r);
    from = i + 1;
  }
  if (out.length === 0) return s;
  out.push(s.slice(from));
  return out.join('');
}

/** A joined stream with the source position of every character. */
export interface Mapped {
  text: string;
  line: Int32Array;
  col: Int32Array;
  /** 1 where the character is the last one of its source line */
  eol: Uint8Array;
  /** heading level of the line that starts at this offset: 0 部分, 1 一、, 2 (一), 3 1. */
  headings: Array<{ offset: number; level: number }>;
}

export function headingLevel(trimmed: string): number | undefined {
  if (/^第[一二三四五六七八九十]+部分/.test(trimmed)) return 0;
  if (/^[一二三四五六七八九十]+、/.test(trimmed)) return 1;
  if (/^[(（][一二三四五六七八九十]+[)）]/.test(trimmed)) return 2;
  if (/^\d{1,2}[.、．](?!\d)/.test(trimmed)) return 3;
  return undefined;
}

/** White space as /\s/ sees it, by character code. */
function isSpaceCode(code: number): boolean {
  // nearly every character is printable ASCII or CJK: settle those first
  if (code > 0x20 && code < 0xa0) return false;
  if (code > 0x3000) return code === 0xfeff;
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isSpace(c: string | undefined): boolean {
  return c !== undefined && c !== '' && isSpaceCode(c.charCodeAt(0));
}

/** ALNUM by character code; -1 (no character) is none. */
function isAlnumCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 46 || code === 37;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

const MARKDOWN_OPENING = /^(#{1,6}\s+|[-+]\s+|>\s*)/;
const SURROGATE = /[\ud800-\udfff]/;

/** The stream being built: text in pieces, positions in arrays sized for the most characters
 *  the lines can give, and the code of its last character (-1 when that one is a surrogate pair,
 *  which is neither a letter nor a digit). */
interface Joiner {
  pieces: string[];
  line: Int32Array;
  col: Int32Array;
  eol: Uint8Array;
  headings: Mapped['headings'];
  count: number;
  last: number;
}

function pushChar(j: Joiner, c: string, ln: number, col: number): void {
  j.pieces.push(c);
  j.line[j.count] = ln;
  j.col[j.count] = col;
  j.count++;
  j.last = c.length === 1 ? c.charCodeAt(0) : -1;
}

/** Joins the given lines (1-based numbers into `lines`) into one stream. `normalized`, when
 *  given, is normalizeLine of every line, computed once for classifyLines and every join. */
export function joinLines(lines: string[], numbers: number[], normalized?: readonly string[]): Mapped {
  // a line gives at most its characters, a line break before and after a heading and a space before it
  let most = 0;
  for (const ln of numbers) most += (lines[ln - 1] ?? '').length + 3;
  const j: Joiner = { pieces: [], line: new Int32Array(most), col: new Int32Array(most), eol: new Uint8Array(most), headings: [], count: 0, last: -1 };
  for (const ln of numbers) {
    const raw = lines[ln - 1] ?? '';
    if (SURROGATE.test(raw)) joinLineByCodePoint(j, raw, ln);
    else joinLine(j, raw, ln, normalized?.[ln - 1]);
  }
  // views of the characters written, so that reading past the end gives undefined
  return { text: j.pieces.join(''), line: j.line.subarray(0, j.count), col: j.col.subarray(0, j.count), eol: j.eol.subarray(0, j.count), headings: j.headings };
}

/** One line without surrogates: a character is one UTF-16 unit, its column its index + 1. */
function joinLine(j: Joiner, raw: string, ln: number, normalized: string | undefined): void {
  let norm = normalized ?? normalizeLine(raw);
  const n = norm.length;
  let first = 0;
  while (first < n && isSpaceCode(norm.charCodeAt(first))) first++;
  if (first === n) return;
  // Markdown: "## 一、…", "- 1.…", "> …" open the line; "**" marks emphasis
  const md = MARKDOWN_OPENING.exec(norm.slice(first, first + 8));
  if (md) first += md[0].length;
  // (a run of three or more is no emphasis: "********支出" masks a name)
  if (norm.indexOf('**', first) >= 0) norm = norm.slice(0, first) + norm.slice(first).replace(/(?<!\*)\*\*(?!\*)/g, '  ');
  const level = headingLevel(norm.slice(first, first + 16));
  if (level !== undefined) {
    // a heading ends whatever came before it: a line break the clause readers stop at
    if (j.count) pushChar(j, '\n', ln, 1);
    j.headings.push({ offset: j.count, level });
  }
  const startLen = j.count;
  let i = first;
  while (i < n) {
    const code = norm.charCodeAt(i);
    if (isSpaceCode(code)) {
      // keep one space only where it separates two numbers or words written in Latin letters
      const prev = j.count > startLen ? j.last : -1;
      let k = i + 1;
      while (k < n && isSpaceCode(norm.charCodeAt(k))) k++;
      const next = k < n ? norm.charCodeAt(k) : -1;
      if (isAlnumCode(prev) && isAlnumCode(next) && (isDigitCode(prev) || isDigitCode(next))) pushChar(j, ' ', ln, i + 1);
      i = k;
      continue;
    }
    if (i === first && j.count > 0 && isAlnumCode(j.last) && isAlnumCode(code)) pushChar(j, ' ', ln, i + 1);
    // a run of non-space characters in one piece
    let k = i + 1;
    while (k < n && !isSpaceCode(norm.charCodeAt(k))) k++;
    j.pieces.push(k === n && i === 0 ? norm : norm.slice(i, k));
    const at = j.count - i;
    j.line.fill(ln, at + i, at + k);
    for (let c = i; c < k; c++) j.col[at + c] = c + 1;
    j.count += k - i;
    j.last = norm.charCodeAt(k - 1);
    i = k;
  }
  if (j.count > startLen) j.eol[j.count - 1] = 1;
  if (level !== undefined && isTitle(level, norm.slice(first))) pushChar(j, '\n', ln, n + 1);
}

/** A heading line that is a title only (一、收入支出决算总体情况说明): it ends what follows it too, so
 *  that the words of the title are no label of the first figure after it. */
function isTitle(level: number, line: string): boolean {
  const t = line.trim();
  // a title ends as titles do; a heading wrapped onto the next line ("…党政办公室 2022" / "年部门…") goes on
  return level <= 2 && t.length <= 40 && !/[，,。；;：:]/.test(t.slice(0, -1)) && !/\d\s?(?:万元|元|%|万)/.test(t) && /(?:说明|情况|概况|构成|职能|职责|解释|事项|设置|表|部分|目录)[。：:]?$/.test(t);
}

/** One line with characters outside the BMP: one entry per code point, as the stream has always
 *  been indexed. */
function joinLineByCodePoint(j: Joiner, raw: string, ln: number): void {
  const rawChars = Array.from(raw);
  const norm = rawChars.map(normalizeChar);
  let first = norm.findIndex((c) => !isSpace(c));
  if (first < 0) return;
  const opening = norm.slice(first, first + 8).join('');
  const md = MARKDOWN_OPENING.exec(opening);
  if (md) first += md[0].length;
  for (let k = first; k + 1 < norm.length; k++) if (norm[k] === '*' && norm[k + 1] === '*' && norm[k - 1] !== '*' && norm[k + 2] !== '*') norm[k] = norm[k + 1] = ' ';
  const level = headingLevel(norm.slice(first, first + 16).join(''));
  if (level !== undefined) {
    if (j.count) pushChar(j, '\n', ln, 1);
    j.headings.push({ offset: j.count, level });
  }
  // columns count UTF-16 units like the table loader does
  let col = 1;
  const cols: number[] = [];
  for (const c of rawChars) {
    cols.push(col);
    col += c.length;
  }
  const startLen = j.count;
  for (let i = first; i < norm.length; i++) {
    const c = norm[i]!;
    if (isSpace(c)) {
      const prev = j.count > startLen ? j.last : -1;
      let k = i + 1;
      while (k < norm.length && isSpace(norm[k])) k++;
      const nextC = norm[k] ?? '';
      const next = nextC.length === 1 ? nextC.charCodeAt(0) : -1;
      if (isAlnumCode(prev) && isAlnumCode(next) && (isDigitCode(prev) || isDigitCode(next))) pushChar(j, ' ', ln, cols[i]!);
      i = k - 1;
      continue;
    }
    const code = c.length === 1 ? c.charCodeAt(0) : -1;
    if (i === first && j.count > 0 && isAlnumCode(j.last) && isAlnumCode(code)) pushChar(j, ' ', ln, cols[i]!);
    pushChar(j, c, ln, cols[i]!);
  }
  if (j.count > startLen) j.eol[j.count - 1] = 1;
  if (level !== undefined && isTitle(level, norm.slice(first).join(''))) pushChar(j, '\n', ln, cols[cols.length - 1]! + 1);
}

export type LineKind = 'prose' | 'residue' | 'performance' | 'page' | 'blank';

const PAGE = /^\s*\d{1,3}\s*$/;
/** "项目支出绩效目标表", "2022年项目支出绩效目标表", "（部门）项目支出绩效目标申报表" */
export const PERF_TITLE = /^(?:\d{4}\s*年度?)?(?:[(（]?部门[)）]?)?项目支出绩效目标(?:申报)?表\s*$/;
const TABLE_ROW = /\S\s{2,}\S/;
const NUMBERISH = /\d[\d,]*\.\d{2}\b|\d{1,3}(?:,\d{3})+/;
const PROSE_HEADING = /^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)/;

/**
 * Classifies every line. Table residue: a 第N部分 whose title names tables (…公开表) up to the
 * next part, and elsewhere blocks that open with 编制部门 and go on while lines look like
 * table rows (wide gaps between cells). 项目支出绩效目标表 blocks are read on their own.
 */
export function classifyLines(lines: string[], normalized?: readonly string[]): LineKind[] {
  const kinds: LineKind[] = lines.map((l) => (l.trim() === '' ? 'blank' : 'prose'));
  let inPartTables = false;
  let inPerf = false;
  let inResidue = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    // normalizing maps no white space to print nor print to white space, so trimming commutes
    const t = normalized ? normalized[i]!.trim() : normalizeLine(raw.trim());
    if (t === '') continue;
    const part = /^第[一二三四五六七八九十]+部分/.test(t);
    if (part) {
      inPartTables = /表\s*$/.test(t);
      inPerf = false;
      inResidue = false;
      if (inPartTables) kinds[i] = 'residue';
      continue;
    }
    if (inPartTables) {
      kinds[i] = 'residue';
      continue;
    }
    if (PERF_TITLE.test(t)) {
      inPerf = true;
      inResidue = false;
      kinds[i] = 'performance';
      continue;
    }
    if (inPerf) {
      if (PROSE_HEADING.test(t)) inPerf = false;
      else {
        kinds[i] = 'performance';
        continue;
      }
    }
    const tableRow = (TABLE_ROW.test(raw.trim()) && NUMBERISH.test(raw)) || /^\|.*\|$/.test(t);
    if (/^编制部门[:：]/.test(t) || /单位[:：]\s*(万元|元|千元)\s*$/.test(t)) {
      inResidue = true;
      // the title line just above belongs to the table
      for (let k = i - 1; k >= 0 && k >= i - 2; k--) if (kinds[k] === 'prose' && !/[。；]$/.test(lines[k]!.trim())) kinds[k] = 'residue';
    }
    if (inResidue) {
      const short = t.length <= 24 && !/[，。；]/.test(t) && !PROSE_HEADING.test(t);
      if (tableRow || short || /^编制部门|单位[:：]/.test(t)) {
        kinds[i] = 'residue';
        continue;
      }
      inResidue = false;
    }
    if (tableRow) {
      kinds[i] = 'residue';
      continue;
    }
    if (PAGE.test(raw)) kinds[i] = 'page';
  }
  return kinds;
}
