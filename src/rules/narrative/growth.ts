// "比上年预算增加 A 万元，增长 B%": B = A ÷ (current − A); 减少: A ÷ (current + A).
import { add, div, formatDec, HUNDRED, scale, sub } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-growth',
  title: { zh: '说明中的增减幅度', en: 'Year-on-year changes stated in the text' },
  description: {
    zh: '“比上年增加 A 万元，增长 B%”中，上年数为本年数减 A（减少时为加 A），B 应等于 A 除以上年数；“增加”须配“增长”，“减少”须配“下降”。',
    en: 'In "增加 A 万元，增长 B%" last year is this year minus A (plus A for 减少), and B must be A over last year; 增加 goes with 增长 and 减少 with 下降.',
  },
  rationale: {
    zh: '上年数为零时增幅没有定义，说明常写作 100.00%（或 0.00%），按惯例以提示报告。',
    en: 'From a zero base the rate is undefined; texts write 100.00% (or 0.00%) by convention, reported as info.',
  },
  defaultSeverity: 'error',
  messages: {
    rate: {
      zh: '{stated}增幅为 {actual}%，但 {change} ÷ 上年数 {previous} 为 {expected}%',
      en: '{stated}: the rate is stated as {actual}%, but {change} ÷ last year {previous} is {expected}%',
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
  },
};

export const narrativeGrowth: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const g of n.growths) {
      const cur = claimStated(g.current);
      const chg = claimStated(g.change);
      const loc = g.rate.loc;
      if ((g.direction === '增加') !== (g.word === '增长')) {
        out.push(plainFinding(meta, 'wording', { ...loc }, { direction: g.direction, word: g.word }));
        continue;
      }
      const prev = g.direction === '增加' ? sub(cur.interval, chg.interval) : add(cur.interval, chg.interval);
      if (prev.value.isZero()) {
        const id = cur.interval.value.isZero() ? 'zeroZero' : 'zeroBase';
        out.push(plainFinding(meta, id, { ...loc }, { current: g.current.fig.raw, rate: formatDec(g.rate.value, g.rate.decimals) }, 'info'));
        continue;
      }
      if (prev.value.isNeg()) {
        out.push(plainFinding(meta, 'negativeBase', { ...loc }, { change: g.change.fig.raw, previous: formatDec(prev.value, 2) }));
        continue;
      }
      const q = div(chg.interval, prev);
      if (!q) continue;
      const f = judge({
        meta,
        messageId: 'rate',
        data: { change: g.change.fig.raw, previous: `${formatDec(prev.value, 2)}万元` },
        stated: stated(g.rate, cur.label),
        computed: scale(q, HUNDRED),
        inputs: [cur, chg],
        options,
        roundExpected: true,
      });
      if (f) out.push(f);
    }
    return out;
  },
};
