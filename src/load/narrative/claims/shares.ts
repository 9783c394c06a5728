// Shares: "X 万元，占 P%" over the total the text means: the one it names (占本年支出合计的 P%), the
// subject of a "…决算中，" sentence, the head of the list X is a part of, else the paragraph's.
import type { AmountClaim, ShareClaim } from '../model.js';
import { keyOf } from '../keys.js';
import { lastBefore, sentenceStart, strip, type ClaimContext } from './context.js';
import type { List } from './lists.js';

const SHARE = /占([\u4e00-\u9fff“”"]{0,16}?)(?:的)?(?:比重|比例)?(?:为)?\s?$/;
/** totals that stand for each other when the text names one and states the other */
const SAME: Record<string, string[]> = {
  yearExpense: ['expenseTotal'],
  expenseTotal: ['yearExpense'],
  yearIncome: ['incomeTotal'],
  incomeTotal: ['yearIncome'],
  fiscalExpense: ['generalBudget'],
  generalBudget: ['fiscalExpense'],
};

function isLevel(a: AmountClaim): boolean {
  return !a.delta && !a.prior && a.basis !== 'difference';
}

export function readShares(ctx: ClaimContext, lists: readonly List[]): ShareClaim[] {
  const { text } = ctx;
  const out: ShareClaim[] = [];
  const levels = ctx.amounts.filter(isLevel);
  // the unscoped levels of each key, in text order (all, and those of a 决算 statement only)
  const byKey = new Map<string, { all: AmountClaim[]; final: AmountClaim[] }>();
  for (const a of levels) {
    if (a.scope || !a.key) continue;
    let k = byKey.get(a.key);
    if (!k) byKey.set(a.key, (k = { all: [], final: [] }));
    k.all.push(a);
    if (a.basis !== 'budget') k.final.push(a);
  }
  // the first level of each section (and the one after it, when the first is the share's own amount)
  const firstOfSection = new Map<number, AmountClaim[]>();
  for (const a of levels) {
    const f = firstOfSection.get(a.section);
    if (!f) firstOfSection.set(a.section, [a]);
    else if (f.length < 2) f.push(a);
  }
  const lastHeaded = lastHeadedList(lists);
  // the list an amount is a part of, by where the amount starts
  const partOf = new Map<number, { list: List; id: number }>();
  lists.forEach((l, id) => {
    if (l.counts) return;
    for (const i of l.items) if (i.main) partOf.set(i.main.fig.start, { list: l, id });
  });
  const unnamed: Array<{ share: ShareClaim; name: string }> = [];
  for (const t of ctx.prose) {
    if (t.kind !== 'percent' || t.used) continue;
    const sm = SHARE.exec(text.slice(Math.max(0, t.start - 24), t.start));
    if (!sm) continue;
    // the nearest level ending before the share (levels end in text order)
    const nearest = lastBefore(levels, t.start, (a) => a.fig.end <= t.start);
    const amount = nearest && t.start - nearest.fig.end <= 4 + sm[0].length ? nearest : undefined;
    if (!amount) continue;
    const section = ctx.sec.l1(t.start);
    const name = sm[1] && sm[1] !== '比' ? sm[1] : '';
    const wantFinal = /决算/.test(name) || /决算中[，,]/.test(text.slice(sentenceStart(text, amount.fig.start), amount.fig.start));
    const pick = (key: string): AmountClaim | undefined => {
      const keys = [key, ...(SAME[key] ?? [])];
      for (const k of keys) {
        const of = byKey.get(k);
        const cands = of ? (wantFinal ? of.final : of.all) : [];
        // the last before the amount (in its section if there is one there: sections follow text order), else the first
        const found = lastBefore(cands, amount.fig.start, (a) => a !== amount) ?? cands.find((a) => a !== amount);
        if (found) return found;
      }
      return undefined;
    };
    let total: AmountClaim | undefined;
    let group: number;
    if (name) {
      const key = keyOf(name);
      total = key ? pick(key) : undefined;
      if (!total) {
        // "占一般公共预算支出的 P%" with no such amount stated: perhaps the sum of its parts
        const share: ShareClaim = { amount, percent: strip(t), group: -1 };
        unnamed.push({ share, name: `${section}|${name}` });
        t.used = true;
        continue;
      }
      group = 100000 + total.fig.start;
    } else {
      // "“三公”经费财政拨款支出决算中，X 万元，占 P%": the subject of the sentence
      const lead = text.slice(sentenceStart(text, amount.fig.start), amount.fig.start);
      const sub = /中[，,]/.test(lead) ? /([^，,。；;]{2,80}?)(?:决算|预算)?(?:数)?中[，,]/.exec(lead) : null;
      const subKey = sub ? keyOf(sub[1]!.replace(/(?:19|20)\d\d\s?年度?/g, '')) : undefined;
      const part = partOf.get(amount.fig.start);
      if (subKey) total = pick(subKey);
      if (!total && part?.list.head.main && part.list.head.main !== amount) total = part.list.head.main;
      if (!total) {
        // the last list of the section before the amount, else the section's first level
        total = lastHeaded(section, amount)?.head.main ?? firstOfSection.get(section)?.find((a) => a !== amount);
      }
      if (!total) continue;
      group = part && total === part.list.head.main ? part.id : 100000 + total.fig.start;
    }
    out.push({ amount, percent: strip(t), total, group });
    t.used = true;
  }
  // shares of a named total the text does not state: when they are of 基本支出 and 项目支出 of
  // one scope, that total is their sum
  const byName = new Map<string, ShareClaim[]>();
  for (const u of unnamed) {
    const list = byName.get(u.name);
    if (list) list.push(u.share);
    else byName.set(u.name, [u.share]);
  }
  let g = 200000;
  for (const shares of byName.values()) {
    const keys = shares.map((s) => s.amount.key).sort().join(',');
    const scopes = new Set(shares.map((s) => s.amount.scope ?? ''));
    if (keys !== 'basic,project' || scopes.size !== 1) {
      for (const s of shares) {
        const tok = ctx.tokAt.get(s.percent.start);
        if (tok) tok.used = false;
      }
      continue;
    }
    const parts = shares.map((s) => s.amount);
    for (const s of shares) out.push({ ...s, totalOf: parts, group: g });
    g++;
  }
  return out;
}

/**
 * For a section and an amount: of the lists with a head in that section whose marker stands before
 * the amount, and whose head is not the amount, the one read last (a list enclosing a nested one is
 * read after it). Per section, the lists sorted by marker with a running best two read last (of
 * different heads, so that the best but the amount's own is at hand): a binary search each.
 */
function lastHeadedList(lists: readonly List[]): (section: number, amount: AmountClaim) => List | undefined {
  interface Entry { pos: number; best?: List; bestAt: number; second?: List; secondAt: number }
  const bySection = new Map<number, Array<{ l: List; at: number }>>();
  lists.forEach((l, at) => {
    if (l.counts || !l.head.main) return;
    const s = l.head.main.section;
    const g = bySection.get(s);
    if (g) g.push({ l, at });
    else bySection.set(s, [{ l, at }]);
  });
  const prefix = new Map<number, Entry[]>();
  for (const [s, g] of bySection) {
    g.sort((a, b) => a.l.pos - b.l.pos || a.at - b.at);
    const out: Entry[] = [];
    let best: { l: List; at: number } | undefined;
    let second: { l: List; at: number } | undefined;
    for (const e of g) {
      if (!best || e.at > best.at) {
        if (best && best.l.head.main !== e.l.head.main) second = best;
        else if (best && second && second.l.head.main === e.l.head.main) second = undefined;
        best = e;
      } else if (e.l.head.main !== best.l.head.main && (!second || e.at > second.at)) second = e;
      out.push({ pos: e.l.pos, best: best.l, bestAt: best.at, second: second?.l, secondAt: second?.at ?? -1 });
    }
    prefix.set(s, out);
  }
  return (section, amount) => {
    const out = prefix.get(section);
    if (!out) return undefined;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out[mid]!.pos < amount.fig.start) lo = mid + 1;
      else hi = mid;
    }
    const e = out[lo - 1];
    if (!e) return undefined;
    return e.best?.head.main !== amount ? e.best : e.second;
  };
}
