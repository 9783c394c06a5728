// "比上年预算增加 A 万元，增长 B%": B = A ÷ (current − A); 减少: A ÷ (current + A). When the text states last
// year's figure ("比上年预算数 P 万元减少 A 万元"), the change is checked against it and the rate is over it.
import { add, div, formatDec, HUNDRED, scale, sub, type Interval } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-growth',
  title: { zh: '说明中的增减幅度', en: 'Year-on-year changes stated in the text' },
  description: {
    zh: '“比上年增加 A 万元，增长 B%”中，上年数为本年数减 A（减少时为加 A），B 应等于 A 除以上年数；说明写出上年数时，本年数与上年数之差应等于 A，增幅以上年数为基数；“增加”须配“增长”，“减少”须配“下降”。',
    en: 'In "增加 A 万元，增长 B%" last year is this year minus A (plus A for 减少), and B must be A over last year; when the text states last year\'s figure, the two must differ by A and the rate is over it; 增加 goes with 增长 and 减少 with 下降.',
  },
  rationale: {
    zh: '上年数为零时增幅没有定义，说明常写作 100.00%（或 0.00%），按惯例以提示报告。截断而非四舍五入的增幅、以本年数为基数算出的增幅在消息中说明；增幅漏写“%”为提示。',
    en: 'From a zero base the rate is undefined; texts write 100.00% (or 0.00%) by convention, reported as info. A rate cut instead of rounded, or computed over this year instead of last year, says so; a rate printed without its % is an info.',
  },
  defaultSeverity: 'error',
  messages: {
    rate: {
      zh: '{stated}增幅为 {actual}%，但 {change} ÷ 上年数 {previous} 为 {expected}%',
      en: '{stated}: the rate is stated as {actual}%, but {change} ÷ last year {previous} is {expected}%',
    },
    change: {
      zh: '本年 {current} 与上年 {previous} 相差 {expected}，但说明写明{direction} {actual}',
      en: 'this year {current} and last year {previous} differ by {expected}, but the text states a change of {actual}',
    },
    wording: {
      zh: '“{direction}”与“{word}”相矛盾',
      en: '"{direction}" (change) contradicts "{word}" (rate)',
    },
    zeroBase: {
      zh: '上年数为 0（本年 {current} 全部为增加额），增幅 {rate}% 是惯例写法而非计算结果',
      en: 'last year was 0 (all of {current} is the increase); the rate {rate}% is a convention, not a computation',
    },
    zeroZero: {
      zh: '本年与上年均为 0，增幅 {rate}% 是惯例写法而非计算结果',
      en: 'this year and last year are both 0; the rate {rate}% is a convention, not a computation',
    },
    negativeBase: {
      zh: '减少额 {change} 使上年数为负（{previous}），说法不成立',
      en: 'the change {change} makes last year negative ({previous})',
    },
    percentMissing: {
      zh: '增幅 {rate} 后缺少“%”',
      en: 'the rate {rate} is printed without its %',
    },
  },
};

const WRONG_BASE = {
  zh: '（该增幅是增减额除以本年数，而非除以上年数）',
  en: ' (that rate is the change over this year, not over last year)',
};

export const narrativeGrowth: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const g of n.growths) {
      // 与上年持平: nothing of the text alone to check (previous-change checks it against last year)
      if (g.flat) continue;
      const chg = g.change ? claimStated(g.change) : undefined;
      const prevStated = g.previous ? claimStated(g.previous) : undefined;
      const loc = (g.rate ?? g.change?.fig ?? g.previous!.fig).loc;
      if (g.word && (g.direction === '增加') !== (g.word === '增长')) {
        out.push(plainFinding(meta, 'wording', { ...loc }, { direction: g.direction, word: g.word }));
        continue;
      }
      if (!g.current) continue;
      const current = g.current;
      const cur = claimStated(current);
      // the change against the two figures the text states
      if (prevStated && chg) {
        const diff = g.direction === '增加' ? sub(cur.interval, prevStated.interval) : sub(prevStated.interval, cur.interval);
        const f = judge({
          meta,
          messageId: 'change',
          data: { current: current.fig.raw, previous: g.previous!.fig.raw, direction: g.direction },
          stated: chg,
          computed: diff,
          inputs: [cur, prevStated],
          options,
        });
        if (f) {
          out.push(f);
          continue;
        }
      }
      // a rate against a year with neither change nor last year's figure: only last year's disclosure says (previous-change)
      if (!g.rate || (!chg && !prevStated)) continue;
      const rate = g.rate;
      const prev: Interval = prevStated?.interval ?? (g.direction === '增加' ? sub(cur.interval, chg!.interval) : add(cur.interval, chg!.interval));
      const change: Interval = chg?.interval ?? absInterval(sub(cur.interval, prev));
      if (prev.value.isZero()) {
        const id = cur.interval.value.isZero() ? 'zeroZero' : 'zeroBase';
        out.push(plainFinding(meta, id, { ...loc }, { current: current.fig.raw, rate: formatDec(rate.value, rate.decimals) }, 'info'));
        continue;
      }
      if (prev.value.isNeg()) {
        out.push(plainFinding(meta, 'negativeBase', { ...loc }, { change: g.change?.fig.raw ?? '', previous: formatDec(prev.value, 2) }));
        continue;
      }
      const q = div(change, prev);
      if (!q) continue;
      const rateStated = stated({ ...rate, unit: '%' }, cur.label);
      // the rate some texts print: the change over this year's figure
      const overCurrent = div(change, cur.interval);
      const wrongBase = overCurrent && !cur.interval.value.isZero() && scale(overCurrent, HUNDRED).value.toDecimalPlaces(rate.decimals).eq(rate.value) ? WRONG_BASE : undefined;
      const f = judge({
        meta,
        messageId: 'rate',
        data: { change: g.change?.fig.raw ?? formatDec(change.value, 2), previous: `${formatDec(prev.value, 2)}万元` },
        stated: rateStated,
        computed: scale(q, HUNDRED),
        inputs: [cur, ...(chg ? [chg] : []), ...(prevStated ? [prevStated] : [])],
        options,
        roundExpected: true,
        ...(wrongBase ? { note: wrongBase } : {}),
      });
      if (f) out.push(f);
      else if (g.percentMissing) out.push(plainFinding(meta, 'percentMissing', { ...rate.loc }, { rate: rate.raw }, 'info'));
    }
    return out;
  },
};

function absInterval(i: Interval): Interval {
  return i.value.isNeg() ? { value: i.value.neg(), lo: i.hi.neg(), hi: i.lo.neg() } : i;
}
