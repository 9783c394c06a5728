// Project counts: "安排 18 个项目", "绩效管理的财政拨款项目 18 个，涉及预算金额 … 万元". A count of
// projects of one kind ("绩效评级为“良”的项目 0 个", "发现问题 0 个") is no count of all projects.
import type { CountClaim } from '../model.js';
import { sentenceEnd, sentenceStart, strip, type ClaimContext } from './context.js';

export function readCounts(ctx: ClaimContext): CountClaim[] {
  const { text } = ctx;
  const out: CountClaim[] = [];
  const levels = ctx.amounts.filter((a) => !a.delta && !a.prior);
  for (const t of ctx.prose) {
    if (t.kind !== 'count' && t.kind !== 'bare') continue;
    const before = text.slice(Math.max(0, t.start - 6), t.start);
    const after = text.slice(t.start, t.end + 3);
    const clause = text.slice(sentenceStart(text, t.start), t.start);
    const arranged = /安排了?\s?$/.test(before) && /^\d+\s?个项目/.test(after);
    const listed = /项目共?\s?$/.test(before) && t.unit === '个' && /绩效管理|绩效目标|纳入绩效|项目共\s?$/.test(clause.split(/[，,；;]/).pop()!) && !/评级|评价为|评为|自评|跟踪|问题/.test(clause.split(/[，,；;]/).pop()!);
    if (!arranged && !listed) continue;
    const claim: CountClaim = { fig: strip(t), what: /绩效/.test(clause) ? 'performanceProjects' : 'projects' };
    if (/该科目下\s?安排/.test(before + text.slice(t.start - 10, t.start))) {
      const scoped = [...levels].reverse().find((a) => a.fig.start < t.start && a.key?.startsWith('fn:') && a.key.split('/').length === 3);
      if (scoped) claim.scope = scoped.key!;
    }
    const e = sentenceEnd(text, t.end);
    const amount = levels.find((a) => a.fig.start > t.end && a.fig.start < e);
    if (amount && listed) claim.amount = amount;
    out.push(claim);
    t.used = true;
  }
  return out;
}
