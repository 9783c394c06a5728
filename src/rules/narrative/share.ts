// "一般公共服务支出（类）1785.63 万元，占 55.93%": the amount over the total its paragraph names. A share
// cut instead of rounded says so; shares of one total nudged by one last digit so that they add up
// to exactly 100% are a warning that says so (an error under --strict).
import { Decimal, div, HUNDRED, scale, sum, type Interval } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { ShareClaim } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { claimStated, judge, stated, type Stated } from './shared.js';

const meta: RuleMeta = {
  id: 'narrative-share',
  title: { zh: '说明中的占比', en: 'Shares stated in the text' },
  description: {
    zh: '说明中“X 万元，占 P%”的 P 应等于该金额除以段落所述总额（收入预算、支出预算、本年支出合计、“三公”经费决算等），并按所示位数四舍五入。',
    en: 'A share "X 万元，占 P%" must equal the amount over the total its paragraph names (revenue budget, expenditure budget, expenditure of the year, the "three public" outturn…), rounded as shown.',
  },
  rationale: {
    zh: '总额取说明写明的（占本年支出合计的 P%）、“……决算中”所指的、X 所在“其中”列表的总额，否则取同一部分的第一个金额；说明只写总额名称而未写金额时，基本支出与项目支出的占比以两者之和为总额。能由输入舍入解释的差额为警告，否则为错误；截断而非四舍五入的占比在消息中说明。同一总额下各项占比为凑成合计 100% 而各自偏离末位一个单位时为警告（--strict 下为错误）。',
    en: 'The total is the one the text names (占本年支出合计的 P%), the subject of a "…决算中" sentence, or the head of the 其中 list the amount is a part of, else the first amount of the section; a named total the text does not state is the sum of 基本支出 and 项目支出 when those are its shares. A gap that rounding of the inputs explains is a warning, otherwise an error; a share cut instead of rounded says so. Shares of one total each nudged by one last digit so that they add up to exactly 100% are a warning (an error under --strict).',
  },
  defaultSeverity: 'error',
  messages: {
    share: {
      zh: '{stated}占比为 {actual}%，但 {amount} ÷ {total} 为 {expected}%',
      en: '{stated} is stated as {actual}%, but {amount} ÷ {total} is {expected}%',
    },
  },
};

const FORCED = {
  zh: '（各项占比被凑成合计 100%，每项与实际值相差末位一个单位）',
  en: ' (the shares were made to add up to exactly 100%, each within one last digit of its value)',
};

interface Prepared {
  share: ShareClaim;
  amount: Stated;
  totals: Stated[];
  percent: Stated;
  computed: Interval;
}

export const narrativeShare: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const groups = new Map<number, Prepared[]>();
    for (const share of n.shares) {
      const amount = claimStated(share.amount);
      const totals = share.total ? [claimStated(share.total)] : (share.totalOf ?? []).map(claimStated);
      if (!totals.length) continue;
      const q = div(amount.interval, sum(totals.map((t) => t.interval)));
      if (!q) continue;
      const p: Prepared = { share, amount, totals, percent: stated(share.percent, amount.label), computed: scale(q, HUNDRED) };
      const g = groups.get(share.group);
      if (g) g.push(p);
      else groups.set(share.group, [p]);
    }
    for (const g of groups.values()) {
      const forced = forcedTo100(g);
      for (const p of g) {
        const f = judge({
          meta,
          messageId: 'share',
          data: { amount: p.share.amount.fig.raw, total: p.share.total ? p.share.total.fig.raw : `(${(p.share.totalOf ?? []).map((x) => x.fig.raw).join(' + ')})` },
          stated: p.percent,
          computed: p.computed,
          inputs: [p.amount, ...p.totals],
          options,
          roundExpected: true,
          ...(forced ? { note: FORCED } : {}),
        });
        if (!f) continue;
        if (forced && !options.strict) f.severity = 'warning';
        out.push(f);
      }
    }
    return out;
  },
};

/**
 * Shares of one total printed to add up to exactly 100% where rounding each would not, and every one
 * that is off is off by one last digit: the shares were adjusted to the total, not miscomputed.
 */
function forcedTo100(g: Prepared[]): boolean {
  if (g.length < 2) return false;
  const d = g[0]!.percent.decimals;
  if (g.some((p) => p.percent.decimals !== d)) return false;
  const printed = g.reduce((acc, p) => acc.plus(p.share.percent.value), new Decimal(0));
  const rounded = g.reduce((acc, p) => acc.plus(p.computed.value.toDecimalPlaces(d)), new Decimal(0));
  if (!printed.eq(100) || rounded.eq(100)) return false;
  const step = new Decimal(1).div(new Decimal(10).pow(d));
  const off = g.filter((p) => !p.computed.value.gte(p.percent.interval.lo) || !p.computed.value.lte(p.percent.interval.hi));
  return off.length > 0 && off.every((p) => p.percent.interval.value.minus(p.computed.value.toDecimalPlaces(d)).abs().lte(step));
}
