// Lists of parts: "N 万元，其中：a、b、c", "…包括：a、b", "300 万元（包括：200 万元、100 万元）", and a
// "其中：" that ends its line, whose parts are the numbered items or sentences after it. A list has
// a head (the figures before its marker) and items; each item has the figures of one part: its
// level (or 决算), its budget, its change, its count. Only the parts the sentence itself adds up
// are items: what a clause explains of the item before it (占 P%, 比上年增加 A, 完成预算的 R%,
// 主要包括：基本工资、…) stays with that item, a list within an item is its own list, and the list
// ends where the text turns to something else (加上…, 按…分类, a 合计, a “；” after “，”-separated parts).
import type { AmountClaim } from '../model.js';
import { CHILDREN, isGeneric, PARENT, TAIL } from '../keys.js';
import type { Tok } from '../tokens.js';
import { isClauseDelimiter, isSentenceEnd } from '../marks.js';
import { amountsIn, clauseBefore, lastBefore, opensLine, sentenceEnd, sentenceStart, tokensIn, type ClaimContext } from './context.js';

export interface ListItem {
  start: number;
  end: number;
  label: string;
  /** the level (or 决算) the item states */
  main?: AmountClaim;
  budget?: AmountClaim;
  delta?: AmountClaim;
  count?: Tok;
  /** 与上年持平 / 无增减 with no amount: a change of zero */
  flat: boolean;
}

export interface List {
  /** 其中, 包括, 含, ( for a bracketed breakdown */
  marker: string;
  pos: number;
  head: ListItem;
  items: ListItem[];
  /** 合计 / 共计 stated after the parts: totals of the same parts */
  closing: AmountClaim[];
  /** a list of counts (of head.count.unit) rather than of money */
  counts: boolean;
  /** false when the text ends inside it (an excerpt cut short): no sum can be checked */
  complete: boolean;
  /** the parts follow the marker's line, one numbered item or sentence each */
  block: boolean;
  /** some of the parts only: "其中主要用于：A、B", "…、B 50 万元等" */
  partial: boolean;
}

const MARKER = /(?:主要)?(?:其中|包括)[:：]?/g;
const NESTED = /^\s?(?:主要)?(?:其中|包括|含)[:：]?/;
const END_OF_LIST = /^\s?(?:加上?|减去|扣除|按[^，,；;。]{0,12}(?:分类|划分|类型)|具体(?:情况)?如下)/;
/** a 合计 / 共计 after the parts ("合计 1170.00 万", "共计支出 9.95 万元"), not a name with 合计 in it (本年收入合计) */
const TOTAL_WORDS = /^(?:以上|上述)?(?:各项)?(?:合计|共计|总计|小计)/;
const FLAT = /持平|无变化|无增减|没有变化|不变|相同/;
const NOT_ADDITIVE = new Set(['年', '月', '日', '号', '期', '周期', '个月', '天', '小时', '分钟', '季度', '周']);
const HEAD_REACH = 300;
const PARTS_REACH = 600;

type Role = 'main' | 'budget' | 'delta';

function roleOf(a: AmountClaim): Role | undefined {
  if (a.prior || a.basis === 'difference') return undefined;
  if (a.delta) return 'delta';
  if (a.basis === 'budget') return 'budget';
  return 'main';
}

function isDeltaCount(text: string, t: Tok): boolean {
  return /(增加|减少|增|减)\s?$/.test(text.slice(Math.max(0, t.start - 3), t.start));
}

/** The words a clause starts with, before its first number, without 其中 and numbering. */
function leadWords(clause: string): string {
  return clause
    .replace(/^[\s，,；;、：:]+/, '')
    .replace(/^(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])/, '')
    .split(/\d/)[0]!
    .trim();
}

function substantive(clause: string): boolean {
  const w = leadWords(clause);
  const start = clause.replace(/^[\s，,；;、：:]+/, '').replace(/^(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])/, '');
  return /[\u4e00-\u9fff]/.test(w) && !TAIL.test(start) && !isGeneric(w);
}

function newItem(start: number, end: number, label: string): ListItem {
  return { start, end, label, flat: false };
}

interface Reader {
  ctx: ClaimContext;
  /** lists read so far, nested ones included */
  out: List[];
  /** marker offsets already read as part of a list */
  consumed: Set<number>;
}

/** Top-level bracket groups of [from, to): [open, close] offsets. */
function groupsOf(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let open = -1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '(') {
      if (depth++ === 0) open = i;
    } else if (c === ')' && depth > 0 && --depth === 0) out.push([open, i]);
  }
  return out;
}

/** The next top-level delimiter at or after i (before to), or to. */
function nextDelim(text: string, i: number, to: number): number {
  let depth = 0;
  for (let k = i; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 40 || c === 0x201c) depth++;
    else if ((c === 41 || c === 0x201d) && depth > 0) depth--;
    else if (depth === 0 && isClauseDelimiter(c)) return k;
  }
  return to;
}

/** The next top-level “；” at or after i, or to. */
function nextSemicolon(text: string, i: number, to: number): number {
  let depth = 0;
  for (let k = i; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 40 || c === 0x201c) depth++;
    else if ((c === 41 || c === 0x201d) && depth > 0) depth--;
    else if (depth === 0 && (c === 0xff1b || c === 59 || isSentenceEnd(c))) return k;
  }
  return to;
}

interface Parsed {
  items: ListItem[];
  closing: AmountClaim[];
  /** where the list stopped */
  end: number;
  /** clauses that name a part but state no figure of it ("国内公务接待 221 批次"): a 合计 after them is not of the items alone */
  gaps: number;
}

/**
 * The items of an inline list over [s, e): a clause that names something and states a figure
 * starts an item; the clauses after it that only explain it (its share, change, budget) add
 * their figures to it.
 */
function parseInline(r: Reader, s: number, e: number, countUnit: string | undefined): Parsed {
  const { text } = r.ctx;
  const items: ListItem[] = [];
  const closing: AmountClaim[] = [];
  let current: ListItem | undefined;
  let sep: string | undefined;
  let prevDelim = '';
  let i = s;
  const push = () => {
    if (current) items.push(current);
  };
  while (i < e) {
    const d = nextDelim(text, i, e);
    const clause = text.slice(i, d);
    if (clause.trim() === '') {
      prevDelim = text[d] ?? '';
      if (d >= e || /[。\n]/.test(prevDelim)) break;
      if (/[；;]/.test(prevDelim) && sep && /[，,、]/.test(sep)) break;
      i = d + 1;
      continue;
    }
    // a list within the list: its items run to the next “；”
    // "收入包括：…；支出包括：…": another list begins
    if (current && /^[^\d]{1,16}(?:包括|其中)$/.test(clause.trim()) && !NESTED.test(clause)) break;
    const nested = NESTED.exec(clause);
    if (nested) {
      const from = i + nested[0].length;
      let to = nextSemicolon(text, from, e);
      const owner = current ?? undefined;
      // the nested parts run on past a “；” while they are parts of the item ("其中：购置…；运行维护…；公务接待…")
      const ownerKey = owner?.main?.key;
      while (ownerKey && /[；;]/.test(text[to] ?? '') && to < e) {
        const next = nextSemicolon(text, to + 1, e);
        const first = amountsIn(r.ctx, to + 1, next).find((a) => roleOf(a) === 'main');
        if (!first || PARENT[first.key ?? ''] !== ownerKey) break;
        to = next;
      }
      if (owner && (owner.main || owner.count)) readList(r, { marker: nested[0].replace(/[:：\s]/g, ''), pos: i, head: owner, from, to, countUnit: owner.count?.unit, block: false });
      prevDelim = text[to] ?? '';
      if (to >= e || /[。\n]/.test(prevDelim)) {
        i = to;
        break;
      }
      if (/[；;]/.test(prevDelim) && sep && /[，,、]/.test(sep)) {
        i = to;
        break;
      }
      i = to + 1;
      continue;
    }
    if (END_OF_LIST.test(clause)) break;
    const groups = groupsOf(text, i, d);
    const inGroup = (pos: number) => groups.some(([o, c]) => pos > o && pos < c);
    const amounts = amountsIn(r.ctx, i, d).filter((a) => !inGroup(a.fig.start));
    const counts = countUnit ? tokensIn(r.ctx, i, d).filter((t) => t.kind === 'count' && t.unit === countUnit && !inGroup(t.start) && !isDeltaCount(text, t)) : [];
    const main = countUnit ? undefined : amounts.find((a) => roleOf(a) === 'main');
    const leadStart = countUnit ? counts[0]?.start : main?.fig.start;
    const lead = leadStart !== undefined;
    if (leadStart !== undefined && TOTAL_WORDS.test(leadWords(clauseBefore(text, leadStart)).slice(0, 4))) {
      if (main) closing.push(main);
      break;
    }
    // "因公出国（境）费支出与上一年度持平": a part with no change; "无增减变化" alone says it of the part before
    const flat = !amounts.length && !counts.length && FLAT.test(clause) && /[\u4e00-\u9fff]{2}/.test(clause.split(/与|比|较|同|无|没有|持平/)[0]!.replace(/^[\s，,；;]+/, ''));
    // "一般公务用车 12 辆，价值 244.81 万元": a part named with its count, its amount in the clause after
    const counted = !countUnit && !amounts.length && tokensIn(r.ctx, i, d).some((t) => t.kind === 'count' && !NOT_ADDITIVE.has(t.unit));
    if (substantive(clause) && (lead || flat || counted || amounts.some((a) => roleOf(a) === 'delta'))) {
      push();
      if (items.length && !sep) sep = prevDelim;
      current = newItem(i, d, leadWords(clause));
      if (flat) current.flat = true;
    }
    if (current) {
      // "因公出国（境）费 0 万元，与上年持平": no change
      if (!amounts.length && FLAT.test(clause) && !current.delta) current.flat = true;
      for (const a of amounts) {
        const role = roleOf(a);
        if (role === 'main' && !countUnit) current.main ??= a;
        else if (role === 'budget') current.budget ??= a;
        else if (role === 'delta') current.delta ??= a;
      }
      if (counts[0]) current.count ??= counts[0];
      current.end = d;
      // a bracketed breakdown of the item: "300 万元（包括：200 万元、100 万元）", "（含外宾接待 0.00 万元）"
      for (const [o, c] of groups) {
        const inner = text.slice(o + 1, c);
        const m = NESTED.exec(inner);
        const figs = countUnit
          ? tokensIn(r.ctx, o + 1, c).filter((t) => t.kind === 'count' && t.unit === countUnit).length
          : amountsIn(r.ctx, o + 1, c).filter((a) => roleOf(a) === 'main').length;
        if ((m || figs >= 2) && (current.main || current.count)) {
          readList(r, { marker: m ? m[0].replace(/[:：\s]/g, '') : '(', pos: o, head: current, from: o + 1 + (m ? m[0].length : 0), to: c, countUnit, block: false });
        }
      }
    }
    prevDelim = text[d] ?? '';
    if (d >= e || /[。\n]/.test(prevDelim)) {
      i = d;
      break;
    }
    if (/[；;]/.test(prevDelim)) {
      if (sep && /[，,、]/.test(sep)) {
        i = d;
        break;
      }
    }
    i = d + 1;
  }
  push();
  // a part named with a count but no amount ("同时本年安排 18 个项目", "国内公务接待 221 批次") is no part of a
  // money list; a 合计 after it is not of the parts that state amounts
  const kept = items.filter((it) => countUnit || it.main || it.budget || it.flat || it.delta);
  const gaps = items.length - kept.length;
  return { items: kept, closing: kept.length >= 2 && !gaps ? closing : [], end: i, gaps };
}

/** The items of a block list: numbered items after the line, else its sentences (one item each or an inline list each). */
function parseBlock(r: Reader, s: number, e: number, countUnit: string | undefined): Parsed {
  const { ctx } = r;
  const { text, m } = ctx;
  const subs: typeof m.headings = [];
  for (let k = ctx.sec.headingIndex(s) + 1; k < m.headings.length && m.headings[k]!.offset < e; k++) if (m.headings[k]!.offset > s) subs.push(m.headings[k]!);
  const firstSub = subs[0];
  if (firstSub && text.slice(s, firstSub.offset).trim() === '') {
    const level = firstSub.level;
    const starts = subs.filter((h) => h.level === level).map((h) => h.offset);
    const items: ListItem[] = [];
    for (let k = 0; k < starts.length; k++) {
      const from = starts[k]!;
      // an item's own figures stand before the items under it ("（一）公共安全（类）" then "1．…（项）支出 …")
      const to = Math.min(starts[k + 1] ?? e, subs.find((h) => h.offset > from && h.level > level)?.offset ?? e);
      const title = text.slice(from, to).replace(/^\n/, '').split(/[。：:]/)[0]!;
      const item = newItem(from, to, title);
      for (const a of ctx.amounts) {
        if (a.fig.start < from || a.fig.start >= to) continue;
        const role = roleOf(a);
        if (role === 'main') item.main ??= a;
        else if (role === 'budget') item.budget ??= a;
        else if (role === 'delta') item.delta ??= a;
      }
      if (countUnit) item.count = tokensIn(ctx, from, to).find((t) => t.kind === 'count' && t.unit === countUnit && !isDeltaCount(text, t));
      items.push(item);
    }
    return { items, closing: [], end: e, gaps: 0 };
  }
  const items: ListItem[] = [];
  const closing: AmountClaim[] = [];
  let i = s;
  while (i < e) {
    const se = Math.min(sentenceEnd(text, i), e);
    const sentence = text.slice(i, se);
    if (sentence.trim() === '') {
      i = se + 1;
      continue;
    }
    const hasFigure = countUnit
      ? tokensIn(ctx, i, se).some((t) => t.kind === 'count' && t.unit === countUnit && !isDeltaCount(text, t))
      : amountsIn(ctx, i, se).some((a) => roleOf(a) !== undefined);
    let k = i;
    while (k < se && /\s/.test(text[k]!)) k++;
    const startsLine = opensLine(m, k);
    if (!hasFigure) {
      // a sentence without figures ends the list when it starts a paragraph; one that goes on
      // the paragraph of a part ("本单位 2023 年度无此项支出。") does not
      if (startsLine) break;
      i = se + 1;
      continue;
    }
    // after the first, a part opens a line of its own and lists nothing of its own
    const figures = amountsIn(ctx, i, se).length;
    if (items.length && (!startsLine || (/其中|包括/.test(sentence) && figures >= 2))) break;
    const parsed = parseInline(r, i, se, countUnit);
    items.push(...parsed.items);
    closing.push(...parsed.closing);
    if (parsed.closing.length) break;
    // a sentence that lists two parts or more by itself is the whole list ("其中：" at a line's end, then
    // "货物 A 万元、工程 B 万元、服务 C 万元。"): the paragraph after it is about something else
    if (parsed.items.length >= 2 && !parsed.gaps) break;
    i = se + 1;
  }
  return { items, closing, end: i, gaps: 0 };
}

interface ListSpec {
  marker: string;
  pos: number;
  head: ListItem;
  from: number;
  to: number;
  countUnit: string | undefined;
  block: boolean;
}

function readList(r: Reader, spec: ListSpec): List | undefined {
  r.consumed.add(spec.pos);
  const parsed = spec.block ? parseBlock(r, spec.from, spec.to, spec.countUnit) : parseInline(r, spec.from, spec.to, spec.countUnit);
  // every marker inside an inline list is read with it; a block's numbered items may hold lists of their own
  if (!spec.block) for (const mm of r.ctx.text.slice(spec.from, parsed.end).matchAll(MARKER)) r.consumed.add(spec.from + mm.index);
  if (!parsed.items.length) return undefined;
  // the parts say whose parts they are: 货物、工程、服务 are of 政府采购, 购置 and 运行 of 公务用车
  const parents = new Set(parsed.items.map((i) => (i.main?.key ? PARENT[i.main.key] : undefined)).filter((k): k is string => !!k));
  if (parents.size === 1 && spec.head.main && !spec.countUnit) {
    const parent = [...parents][0]!;
    if (spec.head.main.key !== parent) {
      const section = r.ctx.sec.l1(spec.pos);
      const better = lastBefore(r.ctx.amounts, spec.pos, (a) => a.key === parent && roleOf(a) === 'main' && !a.scope, (a) => a.section < section);
      if (better) spec.head = { ...spec.head, main: better, label: better.label };
    }
  }
  const keys = new Set(parsed.items.map((i) => i.main?.key));
  const whole = !!spec.head.main?.key && (CHILDREN[spec.head.main.key]?.every((c) => keys.has(c)) ?? false);
  const list: List = {
    marker: spec.marker,
    pos: spec.pos,
    head: spec.head,
    items: parsed.items,
    closing: parsed.closing,
    counts: !!spec.countUnit,
    // an excerpt that stops inside the list ("…；上年结") leaves its parts incomplete
    complete: whole || !(parsed.end >= r.ctx.text.length && !/[。.；;]\s*$/.test(r.ctx.text.slice(Math.max(0, parsed.end - 3)))),
    block: spec.block,
    partial: /^\s?[:：]?\s?(?:主要|重点|部分)/.test(r.ctx.text.slice(spec.from, spec.from + 4)) || /^\s?等/.test(r.ctx.text.slice(lastEnd(parsed.items), lastEnd(parsed.items) + 2)),
  };
  r.out.push(list);
  return list;
}

/** Where the last part's figure ends. */
function lastEnd(items: readonly ListItem[]): number {
  const last = items[items.length - 1]!;
  const figs = [last.main, last.budget, last.delta].filter((a): a is AmountClaim => !!a).map((a) => a.fig.end);
  return figs.length ? Math.max(...figs) : last.count?.end ?? last.end;
}

/** The unmatched “(” before pos in its sentence, or -1. */
function openBracket(text: string, pos: number): number {
  let depth = 0;
  for (let k = pos - 1, s = sentenceStart(text, pos); k >= s; k--) {
    const c = text.charCodeAt(k);
    if (c === 41) depth++;
    else if (c === 40) {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

/**
 * The figures before a marker: those of its own sentence before it; when it opens its sentence,
 * the nearest sentence before it (in its section) that states a level, else one that states changes.
 */
function headBefore(ctx: ClaimContext, pos: number): { main?: AmountClaim; budget?: AmountClaim; delta?: AmountClaim; counts: Tok[]; from: number } {
  const { text } = ctx;
  const floor = Math.max(ctx.sec.heading(pos)?.offset ?? 0, pos - HEAD_REACH);
  const read = (from: number, to: number) => {
    const amounts = amountsIn(ctx, from, to);
    const counts = tokensIn(ctx, from, to).filter((t) => t.kind === 'count' && !NOT_ADDITIVE.has(t.unit) && !isDeltaCount(text, t));
    const last = (role: Role) => [...amounts].reverse().find((a) => roleOf(a) === role);
    // the change against last year comes first ("比上年增加 A，…；比 2019 年减少 B")
    return { main: last('main'), budget: last('budget'), delta: amounts.find((a) => roleOf(a) === 'delta'), counts, from };
  };
  const own = Math.max(sentenceStart(text, pos), floor);
  const first = read(own, pos);
  if (first.main || first.budget || first.delta || first.counts.length) return first;
  let fallback: ReturnType<typeof read> | undefined;
  let to = own - 1;
  for (let tries = 0; tries < 3 && to > floor; tries++) {
    const from = Math.max(sentenceStart(text, to), floor);
    const h = read(from, to);
    if (h.main || h.budget || h.counts.length) return h;
    if (h.delta && !fallback) fallback = h;
    to = from - 1;
  }
  return fallback ?? { counts: [], from: pos };
}

/** For a 包括 that opens its sentence ("收入包括：…"), the section's total (收支总预算, 合计). */
function sectionTotal(ctx: ClaimContext, pos: number): AmountClaim | undefined {
  const section = ctx.sec.l1(pos);
  let first: AmountClaim | undefined;
  const named = lastBefore(
    ctx.amounts,
    pos,
    (a) => {
      if (roleOf(a) !== 'main') return false;
      first = a;
      return /总预算|合计|总额|总计/.test(a.label) || a.key === 'grandTotal' || a.key === 'fiscalTotal';
    },
    (a) => a.section < section,
  );
  return named ?? first;
}

/** Every list of the prose, nested ones included, in the order their markers stand. */
export function readLists(ctx: ClaimContext): List[] {
  const { text, m } = ctx;
  const r: Reader = { ctx, out: [], consumed: new Set() };
  for (const mm of text.matchAll(MARKER)) {
    const pos = mm.index;
    if (r.consumed.has(pos) || ctx.inProject(pos)) continue;
    const colonEnd = pos + mm[0].length;
    const isInclude = /包括/.test(mm[0]);
    // inside brackets: the list runs to the closing bracket, its head is the amount before them
    const bracket = openBracket(text, pos);
    if (bracket >= 0) {
      const close = text.indexOf(')', pos);
      const before = amountsIn(ctx, Math.max(0, bracket - 40), bracket).filter((a) => a.fig.end <= bracket && a.fig.end >= bracket - 2 && roleOf(a) === 'main');
      const main = before[before.length - 1];
      if (main && close > pos) readList(r, { marker: mm[0].replace(/[:：]/g, ''), pos, head: { start: main.fig.start, end: main.fig.end, label: main.label, main, flat: false }, from: colonEnd, to: close, countUnit: undefined, block: false });
      r.consumed.add(pos);
      continue;
    }
    const h = headBefore(ctx, pos);
    let headMain = h.main ?? (h.delta ? undefined : h.budget);
    const headBudget = h.main ? h.budget : undefined;
    // "收入包括：…", "支出预算包括：…": a 包括 that opens its clause after a sentence or a “；” lists the section's total
    const lead = clauseBefore(text, pos);
    const delimBefore = text[pos - lead.length - 1];
    const sentenceLevel = isInclude && !/\d/.test(lead) && (delimBefore === undefined || /[。；;\n]/.test(delimBefore));
    if (sentenceLevel) headMain = sectionTotal(ctx, pos);
    const block = m.eol[colonEnd - 1] === 1 || (text[colonEnd] === '\n');
    const end = block ? Math.min(ctx.sec.blockEnd(pos), colonEnd + 5 * PARTS_REACH) : Math.min(sentenceEnd(text, colonEnd), colonEnd + PARTS_REACH);
    if (headMain || h.delta) {
      const head: ListItem = { start: h.from, end: pos, label: headMain?.label ?? '', flat: false };
      if (headMain) head.main = headMain;
      if (headBudget) head.budget = headBudget;
      if (h.delta) head.delta = h.delta;
      readList(r, { marker: mm[0].replace(/[:：]/g, ''), pos, head, from: colonEnd, to: end, countUnit: undefined, block });
    }
    // counts: "实有人数 10 人，其中：在职 10 人…", "车辆 12 辆，价值…；其中：一般公务用车 12 辆…"
    const lastCount = h.counts[h.counts.length - 1];
    if (lastCount) {
      const head: ListItem = { start: lastCount.start, end: lastCount.end, label: clauseBefore(text, lastCount.start), count: lastCount, flat: false };
      readList(r, { marker: mm[0].replace(/[:：]/g, ''), pos, head, from: colonEnd, to: end, countUnit: lastCount.unit, block });
    }
    r.consumed.add(pos);
  }
  return r.out;
}
