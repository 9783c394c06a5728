// Sums: what each list claims adds up. The parts' levels (or 决算) make the head's; their budgets
// the head's budget; their changes (持平 counting as none) the head's change; their counts the
// head's count; and a 合计 after the parts is a total of them too.
import { CHILDREN } from '../keys.js';
import type { AmountClaim, ShareClaim, SumClaim } from '../model.js';
import type { Tok } from '../tokens.js';
import { clauseBefore, strip, type ClaimContext } from './context.js';
import type { List } from './lists.js';

export function readSums(ctx: ClaimContext, lists: readonly List[]): SumClaim[] {
  const out: SumClaim[] = [];
  const countClaim = (t: Tok): AmountClaim => ({ fig: strip(t), label: clauseBefore(ctx.text, t.start).trim(), section: ctx.sec.l1(t.start), approx: false, fiscal: false });
  for (const l of lists) {
    if (!l.complete) continue;
    const mode = l.items.length >= 2 && !l.partial ? 'eq' : 'atMost';
    const form = l.marker === '(' ? '其中' : l.marker.replace(/^主要/, '');
    if (l.counts) {
      const head = l.head.count;
      if (!head || !l.items.every((i) => i.count)) continue;
      out.push({ total: countClaim(head), parts: l.items.map((i) => countClaim(i.count!)), mode, form, signed: false });
      head.used = true;
      for (const i of l.items) i.count!.used = true;
      continue;
    }
    const head = l.head;
    // "收支预算总计 X，其中：（一）收入预算总计 X …（二）支出预算总计 X": each side restates the total, no part of it
    if (l.items.length >= 2 && head.main && !head.main.fig.value.isZero() && l.items.every((i) => i.main?.fig.value.eq(head.main!.fig.value))) continue;
    if (head.main && l.items.every((i) => i.main)) {
      const parts = l.items.map((i) => i.main!);
      out.push({ total: head.main, parts, mode, form, signed: false });
      if (!l.partial) for (const c of l.closing) out.push({ total: c, parts, mode: 'eq', form: '合计', signed: false });
    }
    if (head.budget && l.items.every((i) => i.budget)) {
      out.push({ total: head.budget, parts: l.items.map((i) => i.budget!), mode, form, signed: false, basis: 'budget' });
    }
    if (head.delta && !l.partial && l.items.length >= 2 && l.items.every((i) => i.delta || i.flat) && l.items.some((i) => i.delta)) {
      const parts = l.items.filter((i) => i.delta).map((i) => i.delta!);
      out.push({ total: head.delta, parts, mode, form, signed: true });
      // the changes a sum checks are claims of the text, rate or not
      for (const a of [head.delta, ...parts]) {
        const t = ctx.tokAt.get(a.fig.start);
        if (t) {
          t.used = true;
          delete t.reason;
        }
      }
    }
  }
  return out;
}

/**
 * "“三公”经费财政拨款支出决算中，因公出国（境）费 A，占 a%；公务用车 B，占 b%；公务接待费 C，占 c%": the shares
 * of a total over every part it is made of state its parts, A + B + C.
 */
export function sharedParts(shares: readonly ShareClaim[]): SumClaim[] {
  const out: SumClaim[] = [];
  const groups = new Map<number, ShareClaim[]>();
  for (const s of shares) {
    if (!s.total) continue;
    const g = groups.get(s.group);
    if (g) g.push(s);
    else groups.set(s.group, [s]);
  }
  for (const g of groups.values()) {
    const total = g[0]!.total!;
    const children = total.key ? CHILDREN[total.key] : undefined;
    if (!children) continue;
    const keys = g.map((s) => s.amount.key ?? '');
    if (keys.length !== children.length || !children.every((c) => keys.filter((k) => k === c).length === 1)) continue;
    out.push({ total, parts: g.map((s) => s.amount), mode: 'eq', form: '构成', signed: false });
  }
  return out;
}
