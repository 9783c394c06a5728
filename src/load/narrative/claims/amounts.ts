// Amounts: every money figure of the prose, as a level or a change, with what it is (its key),
// which side of a 决算 statement it gives (预算 / 决算 / their gap), the figure it is compared with
// (比上年 B 万元), and what a 基本支出 / 项目支出 split belongs to.
import type { AmountClaim } from '../model.js';
import { basisOf, isGeneric, keyOf, TAIL } from '../keys.js';
import { amountsIn, clauseBefore, clauseEnds, sentenceEnd, sentenceStart, strip, type ClaimContext } from './context.js';

function sentenceOf(text: string, pos: number): string {
  return text.slice(sentenceStart(text, pos), sentenceEnd(text, pos));
}

/** 增加 / 减少 (and their short and bracketed forms) just before the amount: a change. */
const CHANGE_BEFORE = /[(（]?(增加|减少|增长|下降|降低|上升|新增|压减|节约|增|减|少|多)[)）]?了?\s?$/;
/** "增加人员经费 5 万元", "本年增加了其他资金预算 7000 万元": the verb before the name. */
const CHANGE_VERB = /(?:^|[^不未])(增加|减少|新增|压减)了?[\u4e00-\u9fff“]/;
/** the single-character forms are changes only in a comparison ("较上年增 A 万元", "比去年 B 万元少 A 万元") */
const COMPARISON = /比|较|同比|相比/;
/** "比上年预算数 B 万元" / "较 2022 年预算 1.50 万元": the figure compared with, not a level of this year */
const PRIOR = /^(?:比|较|与|同比|对比)(?:上年|去年|上一年度?|上年度|20\d\d年度?|同期)?[^，,；;。]{0,16}$/;
/** the figure totals that a split of their own belongs to: 基本支出 under them is the department's */
const GLOBAL = new Set(['expenseTotal', 'yearExpense', 'generalBudget', 'fiscalExpense', 'grandTotal', 'fiscalTotal', 'incomeTotal', 'yearIncome', 'basic', 'project']);

export function readAmounts(ctx: ClaimContext): void {
  const { text, sec } = ctx;
  for (const t of ctx.prose) {
    if (t.kind !== 'money') continue;
    const after = text.slice(t.end, t.end + 6);
    if (/^\(?含?\)?以[上下]/.test(after)) {
      t.reason = 'threshold';
      continue;
    }
    const label = clauseBefore(text, t.start).trim();
    const before = text.slice(Math.max(0, t.start - 6), t.start);
    const claim: AmountClaim = {
      fig: strip(t),
      label,
      section: sec.l1(t.start),
      block: blockOf(ctx, t.start),
      approx: /约\s?$/.test(before),
      fiscal: sec.fiscal(t.start),
    };
    const change = CHANGE_BEFORE.exec(before);
    // 增加 / 减少 are changes; 增 / 减 / 增长 / 下降 … only in a comparison ("稳增长 30.00 万" is a name)
    const single = change && !/^(?:增加|减少|新增|压减|节约)$/.test(change[1]!);
    const verb = CHANGE_VERB.exec(label);
    const direction = (w: string) => (/增|上升|新增|多/.test(w) ? '增加' : '减少');
    if (change && (!single || COMPARISON.test(label))) claim.delta = direction(change[1]!);
    else if (verb && !PRIOR.test(label)) claim.delta = direction(verb[1]!);
    if (claim.delta) {
      // "比预算增加 0 万元", "决算数大于预算数 D 万元": the gap between 决算 and its budget
      if (/(?:比|较|与)(?:年初|全年)?预算(?:数)?(?:相比)?[，,]?\s?(?:增加|减少|增|减)?$/.test(label) || /决算(?:数)?(?:大于|小于|超过|低于|多于|少于|超出)/.test(label)) claim.basis = 'difference';
      t.reason = 'delta';
    } else {
      if (t.per && t.per !== '/年') {
        t.reason = 'rate';
        continue;
      }
      // the figure compared with is followed by the change or rate it is compared by
      if (PRIOR.test(label) && /[\u4e00-\u9fff]/.test(label.replace(/^(比|较|与|同比|对比)/, '')) && /^\s?[，,]?\s?(?:相比)?[，,]?\s?(?:增加|减少|增长|下降|降低|上升|增|减|少|多|持平)/.test(text.slice(t.end, t.end + 8))) claim.prior = true;
      if (/决算(?:数)?(?:大于|小于|超过|低于|多于|少于|超出)(?:年初|全年)?预算(?:数)?$|差[值额](?:为|是)?$/.test(label)) claim.basis = 'difference';
      else {
        const basis = basisOf(label);
        // a bare "预算为" is the budget of a 决算 only beside one; in a budget it is the level itself
        if (basis === 'final' || (basis === 'budget' && (/(?:年初|全年|调整)预算|完成/.test(label) || /决算/.test(sentenceOf(text, t.start))))) claim.basis = basis;
      }
      const award = awardKey(text, t.start);
      if (award) claim.key = award;
      else if (isGeneric(label)) {
        const subject = subjectOf(ctx, t.start);
        if (subject) {
          claim.subject = subject;
          const key = keyOf(subject);
          if (key) claim.key = key;
        }
      } else {
        const key = keyOf(withClass(ctx, label, t.start));
        if (key) claim.key = key;
      }
      t.used = true;
    }
    const year = yearOf(ctx, t.start);
    if (year) claim.year = year;
    ctx.amounts.push(claim);
    ctx.byStart.set(t.start, claim);
  }
  scopeSplits(ctx);
}

/** "1．法院（款）行政运行（项）支出 X" under "（一）公共安全（类）": the path with the heading's class. */
function withClass(ctx: ClaimContext, label: string, pos: number): string {
  if (!/\(款\)/.test(label) || /\(类\)/.test(label)) return label;
  const { text, m } = ctx;
  for (let k = ctx.sec.headingIndex(pos); k >= 0; k--) {
    const h = m.headings[k]!;
    const title = text.slice(h.offset, h.offset + 40).replace(/^\n/, '').split(/[\n。，]/)[0]!;
    const cm = /^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s?([\u4e00-\u9fff]+?)\s?\(类\)$/.exec(title.replace(/（/g, '(').replace(/）/g, ')'));
    if (cm) return `${cm[1]}(类)${label.replace(/^\s*\d{1,2}[.、．]\s?/, '')}`;
    if (h.level <= 1) break;
  }
  return label;
}

/** The year a sentence opens with, else the year of the heading it stands under. */
function yearOf(ctx: ClaimContext, pos: number): number | undefined {
  const { text } = ctx;
  const s = sentenceStart(text, pos);
  const m = /^\s?(?:\d{1,2}[.、]|[(（][一二三四五六七八九十]{1,3}[)）])?\s?((?:19|20)\d\d)\s?年/.exec(text.slice(s, pos));
  if (m) return Number(m[1]);
  const h = ctx.sec.heading(pos);
  if (!h) return undefined;
  const title = text.slice(h.offset, h.offset + 60).replace(/^\n/, '').split(/[\n。]/)[0]!;
  const hm = /((?:19|20)\d\d)\s?年/.exec(title);
  return hm ? Number(hm[1]) : undefined;
}

function blockOf(ctx: ClaimContext, pos: number): number {
  return ctx.sec.headingIndex(pos);
}

/** 政府采购 awarded to SMEs: "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 N 万元". */
function awardKey(text: string, pos: number): string | undefined {
  const seg = text.slice(Math.max(0, pos - 80), pos).split(/[；;。]/).pop()!;
  if (!/中标或成交|中标|成交/.test(seg)) return undefined;
  if (/其他政府采购项目/.test(seg) && /中小企业/.test(seg)) return 'procOtherSMEAwarded';
  if (/面向小微企业预留/.test(seg)) return 'procSmallMicroAwarded';
  if (/面向中小企业预留/.test(seg)) return 'procSMEAwarded';
  return undefined;
}

/**
 * What an amount with generic words ("支出决算为", "年初预算为") is of: the nearest clause before it in
 * its sentence that names something, else the title of the numbered item it stands in
 * ("1、社会保障和就业支出（类）…（项）。主要用于…。年初预算为 54.53 万元").
 */
export function subjectOf(ctx: ClaimContext, pos: number): string | undefined {
  const { text } = ctx;
  const s = sentenceStart(text, pos);
  const ends = clauseEnds(text, s, pos);
  // clauses before the amount's own, nearest first
  for (let k = ends.length - 1; k >= 0; k--) {
    const from = k === 0 ? s : ends[k - 1]! + 1;
    // the clause's own label when it states an amount, else the clause; years are no name
    const inClause = amountsIn(ctx, from, ends[k]!)[0];
    const clause = inClause ? clauseBefore(text, inClause.fig.start) : text.slice(from, ends[k]);
    const words = clause
      .replace(/^其中[:：]?/, '')
      .replace(/(?:19|20)\d\d\s?年度?/g, '')
      .replace(/^\s?(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])/, '')
      .split(/\d/)[0]!
      .trim();
    if (!/[\u4e00-\u9fff]{2}/.test(words) || isGeneric(words)) continue;
    if (TAIL.test(words)) continue;
    return words;
  }
  // the numbered item the amount stands in ("1、…（项）。主要用于…。年初预算为 54.53 万元"), close before it
  const h = ctx.sec.heading(pos);
  if (h && h.level >= 3 && pos - h.offset <= 300 && !/[:：](?:指|是指)/.test(text.slice(h.offset, h.offset + 60))) {
    const title = text.slice(h.offset, Math.min(pos, h.offset + 80)).replace(/^\n/, '');
    const head = title.split(/[。：:]/)[0]!;
    if (head.length < title.length && !/\d+(?:\.\d+)?\s?(?:万元|元|万)/.test(head)) return head.trim();
  }
  return undefined;
}

/**
 * "初中教育支出 2,065,405.42 元，其中：基本支出 2,065,405.42 元，项目支出 0 元": a 基本支出 / 项目支出 that
 * follows another amount of its sentence is the split of that amount, unless that one is a total
 * of the department.
 */
function scopeSplits(ctx: ClaimContext): void {
  let sentence = -1;
  let owner: AmountClaim | undefined;
  for (const a of ctx.amounts) {
    const s = sentenceStart(ctx.text, a.fig.start);
    if (s !== sentence) {
      sentence = s;
      owner = undefined;
    }
    if (a.delta || a.prior || a.basis === 'difference') continue;
    if (a.key === 'basic' || a.key === 'project') {
      if (owner && !(owner.key && GLOBAL.has(owner.key))) a.scope = owner.key ?? (owner.label || '?');
      continue;
    }
    owner = a;
  }
}
