// Year-on-year changes: "比上年增加 A 万元，增长 B%", "较上年 4.00 减少 1.00 万元，减少了 25.00%",
// "比上年年初预算数 B 万元减少 A 万元，下降 R%", "较上年预算 B 万元增长 R%", "下降 R%，减少 A 万元",
// "比去年 B 万元少 A 万元": the current amount, the change, last year's figure when stated, the rate.
import type { AmountClaim, GrowthClaim } from '../model.js';
import { keyOf, TAIL } from '../keys.js';
import type { Tok } from '../tokens.js';
import { amountsIn, clauseBefore, sentenceStart, strip, tokensIn, type ClaimContext } from './context.js';

const RATE_AFTER = /^\s?[，,]?\s?(增长|下降|降低|增幅为?|降幅为?|减幅为?|\(减\)幅|（减）幅|增加了?|减少了?|上升|增|减)\s?/;

function isLevel(a: AmountClaim): boolean {
  return !a.delta && !a.prior && a.basis !== 'difference';
}

function wordOf(w: string): '增长' | '下降' {
  return /增|上升/.test(w) ? '增长' : '下降';
}

/** 比 / 较 / 与 … before a time word (上年, 去年, 2018 年, 同期), or 同比: what a change is measured against. */
const AGAINST = /同比|(?:对比|与|和|比|较)\s?(?=上年|去年|上一年|同期|(?:19|20)\d\d\s?年)/g;
const TIME = /^(?:同比|(?:对比|与|和|比|较)\s?(?:上一年度?|上年度|上年|去年|同期|((?:19|20)\d\d)\s?年度?))/;

/**
 * What the change in text[from, to) is measured against: the last comparison there, its year when it
 * names one, and the figure it names after the year (预算, 调整预算, 执行数, 决算); undefined when no
 * comparison with a year is written.
 */
export function againstOf(text: string, from: number, to: number): NonNullable<GrowthClaim['against']> | undefined {
  const seg = text.slice(Math.max(0, from), to);
  let last: RegExpMatchArray | undefined;
  for (const m of seg.matchAll(AGAINST)) last = m;
  if (!last) return undefined;
  const phrase = seg.slice(last.index!).split(/[，,；;。]/)[0]!.slice(0, 40).trim();
  const tm = TIME.exec(phrase);
  if (!tm) return undefined;
  // the words right after the year, up to 相比 or the change: "预算", "调整预算数", "执行数", "决算"
  const words = phrase.slice(tm[0].length).match(/^[^相，,、增减下上降各比较与]*/)![0];
  const out: NonNullable<GrowthClaim['against']> = { text: phrase.replace(/\s+/g, '') };
  if (tm[1]) out.year = Number(tm[1]);
  const basis = /调整/.test(words) ? 'adjusted' : /执行|实际|完成/.test(words) ? 'execution' : /决算/.test(words) ? 'final' : /预算/.test(words) ? 'budget' : undefined;
  if (basis) out.basis = basis;
  return out;
}

/** "与上年持平", "与 2018 年预算一致" right after a level: no change. */
const FLAT_AFTER = /^\s?[，,]?\s?(?:与|和|同|较|比)\s?(?:上一年度?|上年度|上年|去年|(?:19|20)\d\d\s?年度?)[^，,。；;\d]{0,8}?(?:相比)?[，,]?\s?(?:持平|一致|相同|无变化|无增减|没有变化|不变)/;

/** The words before a change back to the clause's start (a 、 inside them kept), 与上年相比 and 各 off. */
function wideSubject(text: string, wordPos: number): string {
  // the last ，,。； or line break at most 40 back (a scan no longer than that, whatever the text)
  let from = wordPos - 1;
  const floor = wordPos - 40;
  while (from > floor && from >= 0 && !'，,。；\n'.includes(text[from]!)) from--;
  from = Math.max(from, floor);
  return text
    .slice(from + 1, wordPos)
    .replace(/^(?:其中[:：]?)?/, '')
    .replace(/(?:与|和|比|较|同比|对比)(?:上年|上一年度?|去年|同期|\d{4}\s?年度?)?(?:年初)?(?:预算|预算数|执行数|决算数|决算)?(?:相比)?/g, '')
    .replace(/[各均都]\s?$/, '')
    .trim();
}

/** A rate after `pos`: a percentage, or a bare number before “。” or “，” (the % left out). */
function rateAt(ctx: ClaimContext, pos: number): { tok: Tok; missing: boolean } | undefined {
  const tok = ctx.tokAt.get(pos);
  if (!tok) return undefined;
  if (tok.kind === 'percent') return { tok, missing: false };
  if (tok.kind === 'bare' && tok.decimals > 0 && /^[。，,；;]/.test(ctx.text.slice(tok.end, tok.end + 1))) return { tok, missing: true };
  return undefined;
}

export function readGrowths(ctx: ClaimContext): GrowthClaim[] {
  const { text } = ctx;
  const out: GrowthClaim[] = [];
  const levels = ctx.amounts.filter(isLevel);
  const usedRates = new Set<number>();
  const use = (t: Tok | undefined) => {
    if (!t) return;
    t.used = true;
    delete t.reason;
  };

  /**
   * The amount this change is of: the one its subject names, before it in its section; with no name,
   * the level before it in its sentence, else in the sentence before. A named subject the text stated
   * no amount of has none: the change is not checked against another figure.
   */
  /** the words naming what a change at wordPos is of; '' when it names nothing */
  const subjectAt = (wordPos: number): string => {
    const strip = (w: string) =>
      w
        .replace(/^其中[:：]?/, '')
        .replace(/(?:与|和|比|较|同比|对比)(?:上年|上一年度?|去年|同期|\d{4}\s?年度?)?(?:年初)?(?:预算|预算数|预算执行数|执行数|决算数|决算)?(?:相比)?$/, '')
        .replace(/(?:年初)?(?:预算|预算数|决算数|决算)$/, '')
        .trim();
    // "“三公”经费支出决算数比 2022 年减少", else the clause before ("公务接待费支出决算比预算无增减变化，比去年增加")
    let subject = strip(clauseBefore(text, wordPos)).trim();
    if (!/[\u4e00-\u9fff]/.test(subject)) {
      const s0 = sentenceStart(text, wordPos);
      const prev = clauseBefore(text, wordPos - clauseBefore(text, wordPos).length - 1, s0);
      const words = prev.split(/比|较|与|同比|\d/)[0]!.replace(/^其中[:：]?/, '').trim();
      if (!/\d/.test(prev) && /[\u4e00-\u9fff]{2}/.test(words) && !TAIL.test(words)) subject = words;
    }
    return subject;
  };
  const currentOf = (at: number, wordPos: number, section: number): AmountClaim | undefined => {
    const subject = subjectAt(wordPos);
    const named = /[\u4e00-\u9fff]/.test(subject);
    const key = named ? keyOf(subject) : undefined;
    /** the last level before `at` (and at or after `floor`) that passes the test, nearest first */
    const lastBefore = (floor: number, test: (a: AmountClaim) => boolean): AmountClaim | undefined => {
      for (let k = firstAtOrAfter(at) - 1; k >= 0; k--) {
        const a = levels[k]!;
        if (a.fig.start < floor) return undefined;
        if (a.basis !== 'budget' && test(a)) return a;
      }
      return undefined;
    };
    if (key) return lastBefore(0, (a) => a.key === key && a.section === section);
    const s = sentenceStart(text, at);
    const inSentence = lastBefore(s, () => true);
    if (inSentence || named) return inSentence;
    // "经营收入 0.00 万元，为…。较 2022 年度决算数增加 0.00 万元，增长 0%": the sentence before, under the same heading
    const floor = Math.max(ctx.sec.heading(at)?.offset ?? 0, s - 150, sentenceStart(text, s - 1));
    return lastBefore(floor, () => true);
  };
  /** the index of the first level starting at or after pos */
  const firstAtOrAfter = (pos: number): number => {
    let lo = 0;
    let hi = levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (levels[mid]!.fig.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  for (const change of ctx.amounts) {
    if (!change.delta || change.basis === 'difference') continue;
    const after = text.slice(change.fig.end, change.fig.end + 12);
    const wordPos = change.fig.start - (text.slice(change.fig.start - 6, change.fig.start).match(/[(（]?(增加|减少|增|减|少|多)[)）]?了?\s?$/)?.[0].length ?? 0);
    // "较上年 4.00 减少 1.00 万元", "比上年年初预算数 B 万元减少 A 万元": last year's figure stated
    let previous: AmountClaim | undefined;
    const s = sentenceStart(text, change.fig.start);
    const prior = amountsIn(ctx, s, wordPos).reverse().find((a) => a.prior && a.fig.end <= wordPos && wordPos - a.fig.end <= 2);
    if (prior) previous = prior;
    else {
      const bare = tokensIn(ctx, s, wordPos).reverse().find((t) => t.kind === 'bare' && t.end <= wordPos && wordPos - t.end <= 1 && /(?:比|较)(?:上年|去年|上一年度?)\s?$/.test(text.slice(Math.max(0, t.start - 6), t.start)));
      if (bare) {
        previous = { fig: { ...strip(bare), unit: change.fig.unit }, label: clauseBefore(text, bare.start).trim(), section: change.section, approx: false, fiscal: change.fiscal, prior: true };
        use(bare);
      }
    }
    let rate: { tok: Tok; missing: boolean } | undefined;
    let word: '增长' | '下降' | undefined;
    const gm = RATE_AFTER.exec(after);
    if (gm) {
      rate = rateAt(ctx, change.fig.end + gm[0].length);
      if (rate) word = wordOf(gm[1]!);
    }
    if (!rate) {
      // "较上年预算下降 R%，减少 A 万元": the rate before the change
      const lead = text.slice(Math.max(0, wordPos - 16), wordPos);
      const bm = /(增长|下降|降低|增幅为?|降幅为?|减幅为?|上升)\s?(\d+(?:\.\d+)?)\s?%\s?[，,]\s?$/.exec(lead);
      if (bm) {
        const pos = wordPos - bm[0].length + bm[0].indexOf(bm[2]!);
        const tok = ctx.tokAt.get(pos);
        if (tok && tok.kind === 'percent') {
          rate = { tok, missing: false };
          word = wordOf(bm[1]!);
        }
      }
    }
    const against = againstOf(text, s, wordPos);
    // a change with neither rate nor last year's figure is kept only as a change against a year (for --previous)
    const bareChange = !rate && !previous;
    if (bareChange && !against) continue;
    const found = currentOf(change.fig.start, wordPos, change.section);
    const current = found && !(previous && found.fig.start > previous.fig.start) ? found : undefined;
    // with no current amount, only the words can be checked: 减 with 增长 is wrong whatever the figures;
    // a change against last year whose words name what changed is kept for last year's figure of it
    // (the clause up to a comma: "财政拨款收、支总计各增加" names 收、支总计, not 支总计)
    const subject = !current && against ? wideSubject(text, wordPos) : '';
    if (!current && !(rate && word && (change.delta === '增加') !== (word === '增长')) && !/[\u4e00-\u9fff]{2}/.test(subject)) continue;
    const g: GrowthClaim = { change, direction: change.delta, ...(current ? { current } : {}), ...(previous ? { previous } : {}) };
    if (against) g.against = against;
    if (!current && /[\u4e00-\u9fff]{2}/.test(subject)) g.subject = subject;
    if (bareChange) {
      // no check of the text alone uses it: the figure stays as read (delta), checked only against last year
      out.push(g);
      continue;
    }
    if (rate && word) {
      g.rate = strip(rate.tok);
      g.word = word;
      if (rate.missing) g.percentMissing = true;
      usedRates.add(rate.tok.start);
      use(rate.tok);
    }
    out.push(g);
    use(ctx.tokAt.get(change.fig.start));
  }

  // "收、支总计各是 A、B 万元 … 各减少 a、b 万元，各下降 p%、q%": two figures at once
  const N = '(\\d[\\d,，]*(?:\\.\\d+)?)';
  const PAIRS = new RegExp(`各(?:是|为)\\s?${N}\\s?(?:万元)?[,，、]\\s?${N}\\s?万元[^。]{0,40}。?[^。]{0,40}?各(增加|减少)\\s?${N}\\s?(?:万元)?[,，、]\\s?${N}\\s?万元[,，]\\s?各(增长|下降)\\s?${N}\\s?%?[、，,]\\s?${N}\\s?%`, 'g');
  for (const mm of text.matchAll(PAIRS)) {
    const at = (k: number) => {
      const idx = mm.index + mm[0].indexOf(mm[k]!, k > 1 ? mm[0].indexOf(mm[k - 1]!) + mm[k - 1]!.length : 0);
      return ctx.tokAt.get(idx);
    };
    const toks = [1, 2, 4, 5, 7, 8].map(at);
    if (toks.some((t) => !t)) continue;
    const [c1, c2, d1, d2, r1, r2] = toks as Tok[];
    const money = (t: Tok, delta?: '增加' | '减少'): AmountClaim => ({
      fig: { ...strip(t), unit: '万元' },
      label: clauseBefore(text, t.start).trim(),
      section: ctx.sec.l1(t.start),
      approx: false,
      fiscal: ctx.sec.fiscal(t.start),
      ...(delta ? { delta } : {}),
    });
    const direction = mm[3] as '增加' | '减少';
    const word = wordOf(mm[6]!);
    // "收、支总计": the first figure is of the first name, the second of the second
    const names = text.slice(sentenceStart(text, mm.index), mm.index).replace(/^\d{4}\s?年度?/, '');
    const split = /^(.*?)([\u4e00-\u9fff]+)、([\u4e00-\u9fff]+?)(总计|合计|总额)?$/.exec(names);
    const labels = split ? [`${split[1]}${split[2]}${split[4] ?? ''}`, `${split[1]}${split[3]}${split[4] ?? ''}`] : [names, names];
    const against = againstOf(text, mm.index, mm.index + mm[0].length);
    [[c1!, d1!, r1!], [c2!, d2!, r2!]].forEach(([c, d, r], k) => {
      if (r!.kind !== 'percent' || usedRates.has(r!.start)) return;
      out.push({ current: { ...money(c!), label: labels[k]! }, change: money(d!, direction), direction, word, rate: strip(r!), ...(against ? { against } : {}) });
      for (const t of [c, d, r]) use(t);
    });
  }

  // "较上年预算 B 万元增长 R%": last year's figure and the rate, no change stated
  for (const p of ctx.amounts) {
    if (!p.prior) continue;
    const after = text.slice(p.fig.end, p.fig.end + 12);
    const gm = /^\s?[，,]?\s?(增长|下降|降低|增加|减少|上升)了?\s?/.exec(after);
    if (!gm) continue;
    const rate = rateAt(ctx, p.fig.end + gm[0].length);
    if (!rate || rate.missing || usedRates.has(rate.tok.start)) continue;
    const labelStart = p.fig.start - p.label.length;
    const current = currentOf(p.fig.start, labelStart, p.section);
    if (!current) continue;
    const word = wordOf(gm[1]!);
    const against = againstOf(text, sentenceStart(text, p.fig.start), p.fig.start);
    out.push({ current, previous: p, direction: word === '增长' ? '增加' : '减少', word, rate: strip(rate.tok), ...(against ? { against } : {}) });
    use(rate.tok);
  }

  // "X 万元，较 2018 年增长 R%", "同比下降 R%": a rate against a year with no change stated (checked against last year's figure only)
  const RATE_ONLY = /(?:同比|(?:比|较)\s?(?:上一年度?|上年度|上年|去年|同期|(?:19|20)\d\d\s?年度?)(?:年初)?(?:预算数?|执行数|决算数?)?)\s?(增长|下降|降低|上升|增加|减少)了?\s?$/;
  for (const tok of ctx.prose) {
    if (tok.kind !== 'percent' || usedRates.has(tok.start) || tok.used) continue;
    const lead = text.slice(Math.max(0, tok.start - 30), tok.start);
    const rm = RATE_ONLY.exec(lead);
    if (!rm) continue;
    // the level just before, in the clause before (no change amount between)
    const s0 = sentenceStart(text, tok.start);
    const between = amountsIn(ctx, s0, tok.start);
    const last = between[between.length - 1];
    if (!last || !isLevel(last) || last.basis || /[，,；;]/.test(text.slice(last.fig.end, tok.start - rm[0].length).replace(/^\s?[，,]\s?$/, ''))) continue;
    const against = againstOf(text, last.fig.end, tok.start);
    if (!against) continue;
    const word = wordOf(rm[1]!);
    out.push({ current: last, direction: word === '增长' ? '增加' : '减少', word, rate: strip(tok), against });
    usedRates.add(tok.start);
  }

  // "机关运行经费 21.00 万元，上年预算数为 20.00 万元": last year's figure stated beside this year's
  for (let k = 1; k < levels.length; k++) {
    const p = levels[k]!;
    if (!/^上年(?:年初)?(?:预算|决算)(?:数)?(?:为|是)?$/.test(p.label.replace(/\s+/g, ''))) continue;
    const cur = levels[k - 1]!;
    if (sentenceStart(text, cur.fig.start) !== sentenceStart(text, p.fig.start) || /上年/.test(cur.label)) continue;
    const basis = /决算/.test(p.label) ? 'final' : 'budget';
    out.push({ current: cur, previous: { ...p, prior: true }, direction: cur.fig.value.gte(p.fig.value) ? '增加' : '减少', against: { text: p.label.replace(/\s+/g, ''), basis } });
  }

  // "公务用车购置预算支出 0 万元，与上年一致": a level with no change against last year
  for (const a of levels) {
    const after = text.slice(a.fig.end, a.fig.end + 30);
    const fm = FLAT_AFTER.exec(after);
    if (!fm) continue;
    const against = againstOf(text, a.fig.end, a.fig.end + fm[0].length);
    if (against) out.push({ current: a, direction: '增加', flat: true, against });
  }
  return out;
}
