// Claims in the prose: amounts with what they are, shares, year-on-year changes, the sums the
// text states (其中 / 包括) and project counts. Project breakdowns are read in projects.ts.
import type { AmountClaim, CountClaim, GrowthClaim, ShareClaim, SumClaim } from './model.js';
import { keyOf } from './keys.js';
import type { Mapped } from './text.js';
import type { Tok } from './tokens.js';

const DELIM = /[，,；;：:。、\n]/;
const SENTENCE_END = /[。\n]/;

export interface ProseClaims {
  amounts: AmountClaim[];
  shares: ShareClaim[];
  growths: GrowthClaim[];
  sums: SumClaim[];
  counts: CountClaim[];
}

/** Text from the previous clause delimiter up to `pos`, with closed parentheticals kept. */
export function clauseBefore(text: string, pos: number, floor = 0): string {
  let i = pos - 1;
  while (i >= floor && !DELIM.test(text[i]!)) i--;
  return text.slice(i + 1, pos);
}

export function sentenceStart(text: string, pos: number, floor = 0): number {
  let i = pos - 1;
  while (i >= floor && !SENTENCE_END.test(text[i]!)) i--;
  return i + 1;
}

export function sentenceEnd(text: string, pos: number, ceil = text.length): number {
  let i = pos;
  while (i < ceil && !SENTENCE_END.test(text[i]!)) i++;
  return i;
}

export interface Sections {
  /** L1 section index of an offset */
  l1(pos: number): number;
  /** where the innermost section enclosing pos ends */
  blockEnd(pos: number): number;
  /** the section is about 财政拨款 / 一般公共预算 only */
  fiscal(pos: number): boolean;
}

export function sections(m: Mapped): Sections {
  const hs = m.headings;
  // per 部分/一、 heading, in stream order: its offset and whether its title is about 财政拨款
  const l1: Array<{ offset: number; fiscal: boolean }> = [];
  for (const h of hs) {
    if (h.level > 1) continue;
    const title = m.text.slice(h.offset, h.offset + 80).split(/说明|\n/)[0]!;
    l1.push({ offset: h.offset, fiscal: /财政拨款|一般公共预算|三公/.test(title) });
  }
  /** how many of those headings stand at or before pos */
  const upTo = (pos: number): number => {
    let n = 0;
    for (const h of l1) if (h.offset <= pos) n++;
    return n;
  };
  return {
    l1: upTo,
    blockEnd(pos) {
      let level = 0;
      for (const h of hs) if (h.offset <= pos) level = h.level;
      for (const h of hs) if (h.offset > pos && h.level <= level) return h.offset;
      return m.text.length;
    },
    fiscal(pos) {
      // the title of the last such heading at or before pos ('' before the first: not fiscal)
      let last: { fiscal: boolean } | undefined;
      for (const h of l1) if (h.offset <= pos) last = h;
      return last?.fiscal ?? false;
    },
  };
}

const TOTAL_WORDS = /合计|共计|总计/;
/** how far before 其中 its total may stand, and after it its parts (characters) */
const HEAD_REACH = 120;
const PARTS_REACH = 400;
/** counts that are dates or numbers, not quantities that add up */
const NOT_ADDITIVE = new Set(['年', '月', '日', '号', '期', '周期', '个月', '天', '小时', '分钟']);

export function extractProse(m: Mapped, toks: Tok[], inProject: (pos: number) => boolean): ProseClaims {
  const text = m.text;
  const sec = sections(m);
  const out: ProseClaims = { amounts: [], shares: [], growths: [], sums: [], counts: [] };
  const byStart = new Map<number, AmountClaim>();
  const prose = toks.filter((t) => !inProject(t.start));

  // amounts: every money figure that is a level or a change
  for (const t of prose) {
    if (t.kind !== 'money') continue;
    const after = text.slice(t.end, t.end + 6);
    if (/^\(?含?\)?以[上下]/.test(after)) {
      t.reason = 'threshold';
      continue;
    }
    const before = text.slice(Math.max(0, t.start - 3), t.start);
    const dm = /(增加|减少)\s?$/.exec(before);
    const label = clauseBefore(text, t.start);
    const claim: AmountClaim = {
      fig: strip(t),
      label: label.trim(),
      section: sec.l1(t.start),
      approx: /约\s?$/.test(before),
      fiscal: sec.fiscal(t.start),
    };
    if (dm) claim.delta = dm[1] as '增加' | '减少';
    else {
      const key = keyOf(label);
      if (key) claim.key = key;
      if (t.per && t.per !== '/年') {
        t.reason = 'rate';
        continue;
      }
    }
    if (!dm) t.used = true;
    else t.reason = 'delta';
    out.amounts.push(claim);
    byStart.set(t.start, claim);
  }
  const levels = out.amounts.filter((a) => !a.delta);
  const tokAt = new Map(toks.map((t) => [t.start, t]));

  // 其中 heads, in order: the denominators of shares
  const heads: Array<{ pos: number; claim: AmountClaim }> = [];

  // sums: "N 万元，其中：a、b、c" and "…包括：a、b、c"
  for (const mm of text.matchAll(/其中[:：]?/g)) {
    const pos = mm.index;
    if (inProject(pos)) continue;
    // the total stands just before 其中, in its sentence or, after "。其中", in the one before
    let runStart = Math.max(sentenceStart(text, pos), pos - HEAD_REACH);
    let run = out.amounts.filter((a) => a.fig.start >= runStart && a.fig.start < pos);
    const countsBefore = (from: number) => prose.filter((t) => t.kind === 'count' && !NOT_ADDITIVE.has(t.unit) && t.start >= from && t.start < pos && !isDelta(text, t));
    let countRun = countsBefore(runStart);
    if (run.length === 0 && countRun.length === 0 && runStart === pos && pos > 0) {
      runStart = Math.max(sentenceStart(text, pos - 1), pos - HEAD_REACH);
      run = out.amounts.filter((a) => a.fig.start >= runStart && a.fig.start < pos);
      countRun = countsBefore(runStart);
    }
    const levelHead = [...run].reverse().find((a) => !a.delta);
    const deltaHead = levelHead ? undefined : [...run].reverse().find((a) => a.delta);
    const head = levelHead ?? deltaHead;
    const colonEnd = pos + mm[0].length;
    const block = m.eol[colonEnd - 1] === 1;
    const end = block ? Math.min(sec.blockEnd(pos), colonEnd + 5 * PARTS_REACH) : Math.min(sentenceEnd(text, colonEnd), colonEnd + PARTS_REACH);
    if (head) {
      if (levelHead) heads.push({ pos, claim: levelHead });
      let parts: AmountClaim[];
      if (block) {
        parts = [];
        let s = colonEnd;
        while (s < end) {
          const e = Math.min(sentenceEnd(text, s), end);
          const first = levels.find((a) => a.fig.start >= s && a.fig.start < e);
          // the list ends with the first sentence that states no amount
          if (!first && text.slice(s, e).trim() !== '') break;
          if (!first) {
            s = e + 1;
            continue;
          }
          parts.push(first);
          s = e + 1;
        }
      } else {
        parts = out.amounts.filter((a) => a.fig.start >= colonEnd && a.fig.start < end && (deltaHead ? !!a.delta : !a.delta));
      }
      const totals = parts.filter((p) => TOTAL_WORDS.test(p.label));
      parts = parts.filter((p) => !TOTAL_WORDS.test(p.label));
      if (parts.length) {
        const signed = !!deltaHead;
        out.sums.push({ total: head, parts, mode: parts.length >= 2 ? 'eq' : 'atMost', form: '其中', signed });
        for (const t of totals) out.sums.push({ total: t, parts, mode: 'eq', form: '合计', signed });
      }
    }
    // counts: "实有人数 10 人，其中：在职 10 人…", "车辆 12 辆，价值…；其中：一般公务用车 12 辆…"
    const lastByUnit = new Map<string, Tok>();
    for (const c of countRun) lastByUnit.set(c.unit, c);
    for (const [unit, c] of lastByUnit) {
      const parts = prose.filter((t) => t.kind === 'count' && t.unit === unit && t.start >= colonEnd && t.start < end && !isDelta(text, t));
      if (!parts.length) continue;
      const asClaim = (t: Tok): AmountClaim => ({ fig: strip(t), label: clauseBefore(text, t.start).trim(), section: sec.l1(t.start), approx: false, fiscal: false });
      out.sums.push({ total: asClaim(c), parts: parts.map(asClaim), mode: parts.length >= 2 ? 'eq' : 'atMost', form: '其中', signed: false });
      c.used = true;
      for (const p of parts) p.used = true;
    }
  }
  for (const mm of text.matchAll(/包括[:：]/g)) {
    const pos = mm.index;
    if (inProject(pos)) continue;
    const end = sentenceEnd(text, pos);
    const parts = levels.filter((a) => a.fig.start > pos && a.fig.start < end);
    if (!parts.length) continue;
    const section = sec.l1(pos);
    const anchors = levels.filter((a) => a.section === section && a.fig.start < pos);
    const total =
      [...anchors].reverse().find((a) => /总预算|合计|总额/.test(a.label) || a.key === 'grandTotal' || a.key === 'fiscalTotal') ?? anchors[0];
    if (!total) continue;
    out.sums.push({ total, parts, mode: 'eq', form: '包括', signed: false });
  }

  // shares: "…1785.63 万元，占 55.93%"
  for (const t of prose) {
    if (t.kind !== 'percent') continue;
    const sm = /占([\u4e00-\u9fff“”"]{0,16}?)(?:的)?(?:比重|比例)?(?:为)?\s?$/.exec(text.slice(Math.max(0, t.start - 24), t.start));
    if (!sm) continue;
    const amount = [...levels].reverse().find((a) => a.fig.end <= t.start && t.start - a.fig.end <= 4 + sm[0].length);
    if (!amount) continue;
    const section = sec.l1(t.start);
    // "占本年支出预算的 12.77%" names its total; "占 12.77%" takes the paragraph's
    const named = sm[1] && sm[1] !== '比' ? keyOf(sm[1].replace(/^(本年|部门|全年)/, '')) : undefined;
    const byName = named ? [...levels].reverse().find((a) => a.key === named && a.fig.start < amount.fig.start) ?? levels.find((a) => a.key === named) : undefined;
    if (sm[1] && sm[1] !== '比' && !byName) continue;
    const head = [...heads].reverse().find((h) => h.pos < amount.fig.start && h.claim.section === section && h.claim !== amount);
    const total = byName ?? head?.claim ?? levels.find((a) => a.section === section && a !== amount);
    if (!total) continue;
    out.shares.push({ amount, percent: strip(t), total });
    t.used = true;
  }

  // growth: "比上年预算增加 A 万元，增长 B%"
  for (const change of out.amounts) {
    if (!change.delta) continue;
    const after = text.slice(change.fig.end, change.fig.end + 10);
    const gm = /^[，,]?\s?(增长|下降|降低|增幅为?|降幅为?)\s?/.exec(after);
    if (!gm) continue;
    const rate = tokAt.get(change.fig.end + gm[0].length);
    if (!rate || rate.kind !== 'percent') continue;
    const wordPos = change.fig.start - (text.slice(change.fig.start - 3, change.fig.start).match(/(增加|减少)\s?$/)?.[0].length ?? 0);
    let subject = clauseBefore(text, wordPos).replace(/^其中[:：]?/, '');
    subject = subject.replace(/[比较](上年|上一年|20\d\d年)(预算|预算数|预算执行数|执行数)?$/, '');
    let current: AmountClaim | undefined;
    const key = /[\u4e00-\u9fff]/.test(subject) ? keyOf(subject) : undefined;
    if (key) current = [...levels].reverse().find((a) => a.key === key && a.fig.start < change.fig.start && a.section === change.section);
    if (!current) {
      const s = sentenceStart(text, change.fig.start);
      current = [...levels].reverse().find((a) => a.fig.start >= s && a.fig.start < change.fig.start);
    }
    if (!current) continue;
    const word = /增/.test(gm[1]!) ? '增长' : '下降';
    out.growths.push({ current, change, direction: change.delta!, word, rate: strip(rate) });
    rate.used = true;
    const ct = tokAt.get(change.fig.start);
    if (ct) {
      ct.used = true;
      delete ct.reason;
    }
  }
  // changes inside a signed 其中 sum are checked by it
  for (const s of out.sums) {
    if (!s.signed) continue;
    for (const a of [s.total, ...s.parts]) {
      const ct = tokAt.get(a.fig.start);
      if (ct) {
        ct.used = true;
        delete ct.reason;
      }
    }
  }

  // counts: "安排 18 个项目", "绩效管理的财政拨款项目 18 个，涉及预算金额 … 万元"
  for (const t of prose) {
    if (t.kind !== 'count' && t.kind !== 'bare') continue;
    const before = text.slice(Math.max(0, t.start - 6), t.start);
    const after = text.slice(t.start, t.end + 3);
    const arranged = /安排了?\s?$/.test(before) && /^\d+\s?个项目/.test(after);
    const listed = /项目共?\s?$/.test(before) && t.unit === '个';
    if (!arranged && !listed) continue;
    const clause = text.slice(sentenceStart(text, t.start), t.start);
    const claim: CountClaim = { fig: strip(t), what: /绩效/.test(clause) ? 'performanceProjects' : 'projects' };
    if (/该科目下\s?安排/.test(before + text.slice(t.start - 10, t.start))) {
      const scoped = [...levels].reverse().find((a) => a.fig.start < t.start && a.key?.startsWith('fn:') && a.key.split('/').length === 3);
      if (scoped) claim.scope = scoped.key!;
    }
    const e = sentenceEnd(text, t.end);
    const amount = levels.find((a) => a.fig.start > t.end && a.fig.start < e);
    if (amount && listed) claim.amount = amount;
    out.counts.push(claim);
    t.used = true;
  }
  return out;
}

function isDelta(text: string, t: Tok): boolean {
  return /(增加|减少)\s?$/.test(text.slice(Math.max(0, t.start - 3), t.start));
}

export function strip(t: Tok) {
  return { raw: t.raw, value: t.value, decimals: t.decimals, unit: t.unit, per: t.per, loc: t.loc, start: t.start, end: t.end };
}
