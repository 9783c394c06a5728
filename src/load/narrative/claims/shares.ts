// Shares: "X 万元，占 P%" over the total the text means: the one it names (占本年支出合计的 P%), the
// subject of a "…决算中，" sentence, the head of the list X is a part of, else the paragraph's.
import type { AmountClaim, ShareClaim } from '../model.js';
import { keyOf } from '../keys.js';
import { sentenceStart, strip, type ClaimContext } from './context.js';
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
    const amount = [...levels].reverse().find((a) => a.fig.end <= t.start && t.start - a.fig.end <= 4 + sm[0].length);
    if (!amount) continue;
    const section = ctx.sec.l1(t.start);
    const name = sm[1] && sm[1] !== '比' ? sm[1] : '';
    const wantFinal = /决算/.test(name) || /决算中[，,]/.test(text.slice(sentenceStart(text, amount.fig.start), amount.fig.start));
    const pick = (key: string): AmountClaim | undefined => {
      const keys = [key, ...(SAME[key] ?? [])];
      for (const k of keys) {
        const cands = levels.filter((a) => a.key === k && a !== amount && !a.scope && (wantFinal ? a.basis !== 'budget' : true));
        const before = [...cands].reverse().find((a) => a.fig.start < amount.fig.start && a.section === section) ?? [...cands].reverse().find((a) => a.fig.start < amount.fig.start);
        const found = before ?? cands[0];
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
      const sub = /([^，,。；;]{2,80}?)(?:决算|预算)?(?:数)?中[，,]/.exec(lead);
      const subKey = sub ? keyOf(sub[1]!.replace(/(?:19|20)\d\d\s?年度?/g, '')) : undefined;
      const part = partOf.get(amount.fig.start);
      if (subKey) total = pick(subKey);
      if (!total && part?.list.head.main && part.list.head.main !== amount) total = part.list.head.main;
      if (!total) {
        const heads = lists.filter((l) => !l.counts && l.head.main && l.pos < amount.fig.start && l.head.main.section === section && l.head.main !== amount);
        total = heads[heads.length - 1]?.head.main ?? levels.find((a) => a.section === section && a !== amount);
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
  for (const u of unnamed) byName.set(u.name, [...(byName.get(u.name) ?? []), u.share]);
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
