// 决算 against its budget: "年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 R%", "决算为 A 万元，完成全年预算
// B 万元的 R%", "支出 A 万元，年初预算为 B 万元，差值为 D 万元", "决算数小于（大于、等于）预算数",
// "完成年初预算 100%，决算数大于预算数 D 万元".
import type { AmountClaim, ExecutionClaim } from '../model.js';
import { cleanLabel, keyOf } from '../keys.js';
import type { Tok } from '../tokens.js';
import { sentenceEnd, sentenceStart, strip, type ClaimContext } from './context.js';

/** 完成（年初）预算的 R%; the budget may stand in it: 完成全年预算 5.3 万元的 38.1% */
const RATE = /完成(?:了)?(年初|全年|调整后?的?)?预算(?:数)?(?:\s?\d[\d,.]*\s?(?:万元|元|万))?\s?(?:的)?\s?$/;
/** 决算数大于 / 小于 / 等于 / 同…持平 / 未超过 预算数 */
const RELATION = /决算(?:数)?\s?(大于|小于|等于|超过|低于|未超过|没有超过|不超过|同|与)\s?(?:年初|全年|调整后?的?)?(?:预算)(?:数)?\s?(持平|相当|一致)?/g;

function isMain(a: AmountClaim): boolean {
  return !a.delta && !a.prior && a.basis !== 'budget' && a.basis !== 'difference';
}

export function readExecutions(ctx: ClaimContext): ExecutionClaim[] {
  const { text } = ctx;
  const amounts = ctx.amounts;
  const mains = amounts.filter(isMain);
  /** the sentence of pos, or when it states no amount before pos, from the sentence before it on */
  const windowStart = (pos: number): number => {
    const s = sentenceStart(text, pos);
    const floor = ctx.sec.heading(pos)?.offset ?? 0;
    if (mains.some((a) => a.fig.start >= s && a.fig.start < pos) || s <= floor) return s;
    return Math.max(floor, sentenceStart(text, s - 1));
  };

  // the rates, each with the amount it is of and the budget it names
  const rates: Array<{ tok: Tok; word: string; budget?: AmountClaim; of?: AmountClaim }> = [];
  for (const t of ctx.prose) {
    if (t.kind !== 'percent') continue;
    const lead = text.slice(Math.max(0, t.start - 30), t.start);
    const m = RATE.exec(lead);
    if (!m) continue;
    const inRate = amounts.find((a) => a.basis === 'budget' && a.fig.end <= t.start && a.fig.start >= t.start - m[0].length);
    const from = windowStart(t.start);
    const of = [...mains].reverse().find((a) => a.fig.start >= from && a.fig.end <= t.start - m[0].length);
    rates.push({ tok: t, word: m[1] ? `${m[1].replace(/的$/, '')}预算` : '预算', ...(inRate ? { budget: inRate } : {}), ...(of ? { of } : {}) });
  }

  // the 决算 figures: those said to be 决算, those a rate is of, those a budget is set beside
  const anchors = new Set<AmountClaim>();
  for (const a of mains) if (a.basis === 'final') anchors.add(a);
  for (const r of rates) if (r.of) anchors.add(r.of);
  const budgets = amounts.filter((a) => a.basis === 'budget' && !a.prior && !a.delta);
  for (const b of budgets) {
    const s = sentenceStart(text, b.fig.start);
    const e = sentenceEnd(text, b.fig.start);
    const near = mains.filter((a) => a.fig.start >= s && a.fig.start < e && a.key === b.key);
    if (near.length) anchors.add(near.reduce((x, y) => (Math.abs(y.fig.start - b.fig.start) < Math.abs(x.fig.start - b.fig.start) ? y : x)));
  }
  const ordered = [...anchors].sort((a, b) => a.fig.start - b.fig.start);

  const out: ExecutionClaim[] = [];
  ordered.forEach((f, k) => {
    const next = ordered[k + 1]?.fig.start ?? text.length;
    const s = sentenceStart(text, f.fig.start);
    const e = Math.min(sentenceEnd(text, f.fig.start), next);
    const rate = rates.find((r) => r.of === f);
    const budget =
      rate?.budget ??
      budgets.find((b) => b.key === f.key && b.fig.start >= s && b.fig.start < sentenceEnd(text, f.fig.start) && !ordered.some((o) => o !== f && o.key === f.key && Math.abs(o.fig.start - b.fig.start) < Math.abs(f.fig.start - b.fig.start)));
    const difference = amounts.find((a) => a.basis === 'difference' && a.fig.start > f.fig.start && a.fig.start < e);
    if (!rate && !budget && !difference && f.basis !== 'final') return;
    const subject = f.subject ?? cleanLabel(f.label);
    const claim: ExecutionClaim = {
      subject,
      loc: f.fig.loc,
      final: f,
      budgetWord: rate?.word ?? (budget ? budgetWordOf(budget.label) : '预算'),
      fiscal: f.fiscal,
    };
    if (f.key) claim.key = f.key;
    if (budget) claim.budget = budget;
    if (rate) {
      claim.rate = strip(rate.tok);
      rate.tok.used = true;
    }
    if (difference) claim.difference = difference;
    out.push(claim);
  });

  // 决算数大于 / 小于 / 等于 预算数: of the claim its words name, else the last one of the paragraph
  for (const m of text.matchAll(RELATION)) {
    const pos = m.index;
    if (ctx.inProject(pos)) continue;
    // a template's alternatives left in ("小于（大于、等于）", "小于预算数（或与预算数持平）") say nothing
    if (/^\s?[(（]/.test(text.slice(pos + m[0].length, pos + m[0].length + 2)) || /^[^，。；]{0,4}[(（]或/.test(text.slice(pos + m[0].length))) continue;
    const word = m[1]!;
    const rel: ExecutionClaim['relation'] = {
      word: /大于|超过/.test(word) && !/未|没有|不/.test(word) ? '大于' : /小于|低于/.test(word) ? '小于' : /未超过|没有超过|不超过/.test(word) ? '不超过' : '等于',
      loc: { ...locAt(ctx, pos) },
    };
    if ((word === '同' || word === '与') && !m[2]) continue;
    const lead = text.slice(sentenceStart(text, pos), pos);
    const key = /[\u4e00-\u9fff]{2}/.test(lead) ? keyOf(lead.replace(/^\d{4}\s?年度?/, '')) : undefined;
    const floor = ctx.sec.heading(pos)?.offset ?? 0;
    const before = out.filter((c) => c.final!.fig.start < pos && c.final!.fig.start >= floor);
    const claim = (key && [...before].reverse().find((c) => c.key === key)) || (!key || key === before[before.length - 1]?.key ? before[before.length - 1] : undefined);
    if (!claim || claim.relation) continue;
    claim.relation = rel;
    // "决算数大于预算数 D 万元": the gap, stated with the words
    const gap = amounts.find((a) => a.basis === 'difference' && a.fig.start >= pos && a.fig.start <= pos + m[0].length + 3);
    if (gap && !claim.difference) claim.difference = gap;
  }
  return out;
}

function budgetWordOf(label: string): string {
  const m = /(年初|全年|调整后?的?)预算/.exec(label);
  return m ? `${m[1]!.replace(/的$/, '')}预算` : '预算';
}

function locAt(ctx: ClaimContext, pos: number) {
  return { file: ctx.file, line: ctx.m.line[pos]!, column: ctx.m.col[pos]! };
}
