// Claims in the prose: amounts with what they are, shares, year-on-year changes, the sums the
// text states (其中 / 包括) and project counts. Project breakdowns are read in projects.ts.
import type { AmountClaim, CountClaim, GrowthClaim, ShareClaim, SumClaim } from './model.js';
import { keyOf } from './keys.js';
import { firstAt, isClauseDelimiter, isSentenceEnd, lowerBound, Marks, within } from './marks.js';
import type { Mapped } from './text.js';
import type { Tok } from './tokens.js';

/** How far back a clause is read for a figure's label: a longer run without a delimiter is no
 *  label, and reading it whole for every figure of a long line would cost its square. */
export const CLAUSE_REACH = 200;

export interface ProseClaims {
  amounts: AmountClaim[];
  shares: ShareClaim[];
  growths: GrowthClaim[];
  sums: SumClaim[];
  counts: CountClaim[];
}

/** Clause and sentence bounds of a text, found in O(log n) each. */
export class Clauses {
  private readonly delims: Marks;
  private readonly ends: Marks;

  constructor(private readonly text: string) {
    this.delims = new Marks(text, isClauseDelimiter);
    this.ends = new Marks(text, isSentenceEnd);
  }

  /** Text from the previous clause delimiter (at most CLAUSE_REACH back) up to `pos`. */
  before(pos: number, floor = 0): string {
    const lo = Math.max(floor, pos - CLAUSE_REACH);
    const d = this.delims.last(pos, lo);
    return this.text.slice(d < 0 ? lo : d + 1, pos);
  }

  /** Where the sentence holding `pos` starts, not before `floor`. */
  sentenceStart(pos: number, floor = 0): number {
    const e = this.ends.last(pos, floor);
    return e < 0 ? floor : e + 1;
  }

  /** Where the sentence holding `pos` ends, not after `ceil`. */
  sentenceEnd(pos: number, ceil = this.text.length): number {
    const e = this.ends.first(pos, ceil);
    return e < 0 ? ceil : e;
  }
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
  const hs = m.headings; // in stream order, offsets increasing
  // per 部分/一、 heading, in stream order: its offset and whether its title is about 财政拨款
  const l1: Array<{ offset: number; fiscal: boolean }> = [];
  for (const h of hs) {
    if (h.level > 1) continue;
    const title = m.text.slice(h.offset, h.offset + 80).split(/说明|\n/)[0]!;
    l1.push({ offset: h.offset, fiscal: /财政拨款|一般公共预算|三公/.test(title) });
  }
  /** how many of those headings stand at or before pos */
  const upTo = (pos: number): number => firstAt(l1, pos + 1, (h) => h.offset);
  // offsets of the headings at each level or above (levels 0–3), for the next one after a position
  const atOrAbove: number[][] = [[], [], [], []];
  for (const h of hs) for (let l = Math.max(0, h.level); l < 4; l++) atOrAbove[l]!.push(h.offset);
  return {
    l1: upTo,
    blockEnd(pos) {
      const i = firstAt(hs, pos + 1, (h) => h.offset) - 1;
      const level = i >= 0 ? hs[i]!.level : 0;
      const offsets = atOrAbove[Math.min(3, Math.max(0, level))]!;
      const next = lowerBound(offsets.length, (k) => offsets[k]! <= pos);
      return next < offsets.length ? offsets[next]! : m.text.length;
    },
    fiscal(pos) {
      // the title of the last such heading at or before pos ('' before the first: not fiscal)
      return l1[upTo(pos) - 1]?.fiscal ?? false;
    },
  };
}

const TOTAL_WORDS = /合计|共计|总计/;
/** how far before 其中 its total may stand, and after it its parts (characters) */
const HEAD_REACH = 120;
const PARTS_REACH = 400;
/** counts that are dates or numbers, not quantities that add up */
const NOT_ADDITIVE = new Set(['年', '月', '日', '号', '期', '周期', '个月', '天', '小时', '分钟']);

/** What comes before the nearest of several positions: the last item of `items` (sorted by
 *  `at`) before `pos` for which `ok` holds, found through `prevOk` (see lastOk). */
function lastOkBefore<T>(items: readonly T[], prevOk: Int32Array, pos: number, at: (t: T) => number): T | undefined {
  const i = firstAt(items, pos, at) - 1;
  const k = i >= 0 ? prevOk[i]! : -1;
  return k >= 0 ? items[k] : undefined;
}

/** For each index, the last index at or before it whose item satisfies `ok` (or -1). */
function lastOk<T>(items: readonly T[], ok: (t: T) => boolean): Int32Array {
  const out = new Int32Array(items.length);
  let last = -1;
  items.forEach((t, i) => {
    if (ok(t)) last = i;
    out[i] = last;
  });
  return out;
}

const byFig = (a: AmountClaim) => a.fig.start;
const byTok = (t: Tok) => t.start;

export function extractProse(m: Mapped, toks: Tok[], inProject: (pos: number) => boolean): ProseClaims {
  const text = m.text;
  const sec = sections(m);
  const cl = new Clauses(text);
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
    const label = cl.before(t.start);
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
  // every list below is in stream order, so the claims near a position are found by binary search
  const levels = out.amounts.filter((a) => !a.delta);
  const tokAt = new Map(toks.map((t) => [t.start, t]));

  // Where each stated sum's parts stop: a list (…其中：a、b 或 …包括：a、b) ends at the next such
  // word, so that each figure is a part of one list and many lists cost no more than their figures.
  // A list set out line by line (其中： at a line's end) ends at the next one set out so.
  const markers: Array<{ pos: number; block: boolean }> = [];
  for (const mm of text.matchAll(/其中[:：]?|包括[:：]/g)) {
    const colonEnd = mm.index + mm[0].length;
    markers.push({ pos: mm.index, block: mm[0][0] === '其' && m.eol[colonEnd - 1] === 1 });
  }
  const blockMarkers = markers.filter((k) => k.block);
  const nextMarker = (list: typeof markers, pos: number) => list[firstAt(list, pos + 1, (k) => k.pos)]?.pos ?? text.length;

  // 其中 heads, in order: the denominators of shares
  const heads: Array<{ pos: number; claim: AmountClaim }> = [];

  // sums: "N 万元，其中：a、b、c" and "…包括：a、b、c"
  for (const mm of text.matchAll(/其中[:：]?/g)) {
    const pos = mm.index;
    if (inProject(pos)) continue;
    // the total stands just before 其中, in its sentence or, after "。其中", in the one before
    let runStart = cl.sentenceStart(pos, Math.max(0, pos - HEAD_REACH));
    let run = within(out.amounts, runStart, pos, byFig);
    const countsBefore = (from: number) => within(prose, from, pos, byTok).filter((t) => t.kind === 'count' && !NOT_ADDITIVE.has(t.unit) && !isDelta(text, t));
    let countRun = countsBefore(runStart);
    if (run.length === 0 && countRun.length === 0 && runStart === pos && pos > 0) {
      runStart = cl.sentenceStart(pos - 1, Math.max(0, pos - HEAD_REACH));
      run = within(out.amounts, runStart, pos, byFig);
      countRun = countsBefore(runStart);
    }
    const levelHead = [...run].reverse().find((a) => !a.delta);
    const deltaHead = levelHead ? undefined : [...run].reverse().find((a) => a.delta);
    const head = levelHead ?? deltaHead;
    const colonEnd = pos + mm[0].length;
    const block = m.eol[colonEnd - 1] === 1;
    const end = block
      ? Math.min(sec.blockEnd(pos), colonEnd + 5 * PARTS_REACH, nextMarker(blockMarkers, pos))
      : Math.min(cl.sentenceEnd(colonEnd, Math.min(text.length, colonEnd + PARTS_REACH)), nextMarker(markers, pos));
    if (head) {
      if (levelHead) heads.push({ pos, claim: levelHead });
      let parts: AmountClaim[];
      if (block) {
        parts = [];
        let s = colonEnd;
        while (s < end) {
          const e = cl.sentenceEnd(s, end);
          const f = firstAt(levels, s, byFig);
          const first = f < levels.length && levels[f]!.fig.start < e ? levels[f] : undefined;
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
        parts = within(out.amounts, colonEnd, end, byFig).filter((a) => (deltaHead ? !!a.delta : !a.delta));
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
    if (lastByUnit.size === 0) continue;
    const after = within(prose, colonEnd, end, byTok);
    for (const [unit, c] of lastByUnit) {
      const parts = after.filter((t) => t.kind === 'count' && t.unit === unit && !isDelta(text, t));
      if (!parts.length) continue;
      const asClaim = (t: Tok): AmountClaim => ({ fig: strip(t), label: cl.before(t.start).trim(), section: sec.l1(t.start), approx: false, fiscal: false });
      out.sums.push({ total: asClaim(c), parts: parts.map(asClaim), mode: parts.length >= 2 ? 'eq' : 'atMost', form: '其中', signed: false });
      c.used = true;
      for (const p of parts) p.used = true;
    }
  }
  // 包括's total: the last amount of its section before it that names a total, else the section's first
  const namesTotal = lastOk(levels, (a) => /总预算|合计|总额/.test(a.label) || a.key === 'grandTotal' || a.key === 'fiscalTotal');
  for (const mm of text.matchAll(/包括[:：]/g)) {
    const pos = mm.index;
    if (inProject(pos)) continue;
    const end = Math.min(cl.sentenceEnd(pos), nextMarker(markers, pos));
    const parts = within(levels, pos + 1, end, byFig);
    if (!parts.length) continue;
    const section = sec.l1(pos);
    // levels of a section are contiguous: those before pos in this section run from `first` on
    const before = firstAt(levels, pos, byFig);
    const first = lowerBound(before, (i) => levels[i]!.section < section);
    if (first >= before || levels[first]!.section !== section) continue;
    const named = namesTotal[before - 1]!;
    const total = named >= first ? levels[named]! : levels[first]!;
    out.sums.push({ total, parts, mode: 'eq', form: '包括', signed: false });
  }

  // shares: "…1785.63 万元，占 55.93%"
  const keyed = new Map<string, AmountClaim[]>();
  for (const a of levels) {
    if (!a.key) continue;
    const list = keyed.get(a.key);
    if (list) list.push(a);
    else keyed.set(a.key, [a]);
  }
  const lastKeyedBefore = (key: string, pos: number) => {
    const list = keyed.get(key);
    return list ? list[firstAt(list, pos, byFig) - 1] : undefined;
  };
  // the last head before an index whose claim differs from that index's (to skip a head that is the amount itself)
  const headBefore = new Int32Array(heads.length);
  heads.forEach((h, i) => {
    let k = i - 1;
    while (k >= 0 && heads[k]!.claim === h.claim) k = headBefore[k]!;
    headBefore[i] = k;
  });
  for (const t of prose) {
    if (t.kind !== 'percent') continue;
    const sm = /占([\u4e00-\u9fff“”"]{0,16}?)(?:的)?(?:比重|比例)?(?:为)?\s?$/.exec(text.slice(Math.max(0, t.start - 24), t.start));
    if (!sm) continue;
    // the last level ending at or before the share, if it ends close enough
    const li = lowerBound(levels.length, (i) => levels[i]!.fig.end <= t.start) - 1;
    const amount = li >= 0 && t.start - levels[li]!.fig.end <= 4 + sm[0].length ? levels[li]! : undefined;
    if (!amount) continue;
    const section = sec.l1(t.start);
    // "占本年支出预算的 12.77%" names its total; "占 12.77%" takes the paragraph's
    const named = sm[1] && sm[1] !== '比' ? keyOf(sm[1].replace(/^(本年|部门|全年)/, '')) : undefined;
    const byName = named ? lastKeyedBefore(named, amount.fig.start) ?? keyed.get(named)?.[0] : undefined;
    if (sm[1] && sm[1] !== '比' && !byName) continue;
    let hi = firstAt(heads, amount.fig.start, (h) => h.pos) - 1;
    if (hi >= 0 && heads[hi]!.claim === amount) hi = headBefore[hi]!;
    const head = hi >= 0 && heads[hi]!.claim.section === section ? heads[hi] : undefined;
    let total = byName ?? head?.claim;
    if (!total) {
      // the section's first level that is not the amount itself
      const f = lowerBound(levels.length, (i) => levels[i]!.section < section);
      const c = levels[f]?.section === section && levels[f] === amount ? f + 1 : f;
      total = levels[c]?.section === section ? levels[c] : undefined;
    }
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
    let subject = cl.before(wordPos).replace(/^其中[:：]?/, '');
    subject = subject.replace(/[比较](上年|上一年|20\d\d年)(预算|预算数|预算执行数|执行数)?$/, '');
    let current: AmountClaim | undefined;
    const key = /[\u4e00-\u9fff]/.test(subject) ? keyOf(subject) : undefined;
    if (key) {
      const c = lastKeyedBefore(key, change.fig.start);
      // sections only grow along the text: the last one before is the only one that may share it
      if (c && c.section === change.section) current = c;
    }
    if (!current) {
      const s = cl.sentenceStart(change.fig.start);
      const c = levels[firstAt(levels, change.fig.start, byFig) - 1];
      if (c && c.fig.start >= s) current = c;
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
  const merit = new Marks(text, (c, i) => c === 0x7ee9 && text.charCodeAt(i + 1) === 0x6548); // 绩效
  const scopedFn = lastOk(levels, (a) => !!a.key?.startsWith('fn:') && a.key.split('/').length === 3);
  for (const t of prose) {
    if (t.kind !== 'count' && t.kind !== 'bare') continue;
    const before = text.slice(Math.max(0, t.start - 6), t.start);
    const after = text.slice(t.start, t.end + 3);
    const arranged = /安排了?\s?$/.test(before) && /^\d+\s?个项目/.test(after);
    const listed = /项目共?\s?$/.test(before) && t.unit === '个';
    if (!arranged && !listed) continue;
    // 绩效 whole in the sentence before the figure
    const performance = merit.last(t.start - 1, cl.sentenceStart(t.start)) >= 0;
    const claim: CountClaim = { fig: strip(t), what: performance ? 'performanceProjects' : 'projects' };
    if (/该科目下\s?安排/.test(before + text.slice(t.start - 10, t.start))) {
      const scoped = lastOkBefore(levels, scopedFn, t.start, byFig);
      if (scoped) claim.scope = scoped.key!;
    }
    const e = cl.sentenceEnd(t.end);
    const f = firstAt(levels, t.end + 1, byFig);
    const amount = f < levels.length && levels[f]!.fig.start < e ? levels[f] : undefined;
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
