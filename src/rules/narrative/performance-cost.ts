// 成本指标 ("餐费 ≤164.01万元") against the breakdown items they cover and the project total.
import { sum } from '../../core/decimal.js';
import type { Finding } from '../../core/findings.js';
import type { BreakdownItem, CostCap } from '../../load/narrative/model.js';
import type { Rule, RuleMeta } from '../types.js';
import { itemInterval, itemStated } from './items.js';
import { projectFor } from './names.js';
import { judge, stated } from './shared.js';

const meta: RuleMeta = {
  id: 'performance-cost',
  title: { zh: '绩效目标表的成本指标', en: 'Cost indicators of the performance targets' },
  description: {
    zh: '成本指标“≤ N 万元”不应小于资金分配中它所覆盖的各项之和，也不应超过项目总额。',
    en: 'A cost indicator "≤ N 万元" must not be below the breakdown items it covers, nor above the project total.',
  },
  rationale: {
    zh: '指标与分项按名称对应：先比较两字词（去掉“成本”“费用”“资金”等通用词），没有相同的再看分项前的上下文，再看单字；并列最优的不对应。每次、人均、单价类指标不与总额比较。分项四舍五入后不超过指标的不报告。',
    en: 'Indicators and items are paired by name: shared two-character words first (ignoring 成本, 费用, 资金…), then the words before the item, then single characters; ties pair with nothing. Per-unit indicators (每次, 人均) are not compared with totals. Items that round to at most the indicator are not reported.',
  },
  defaultSeverity: 'error',
  messages: {
    exceeded: {
      zh: '{project}：成本指标“{cap}”为 ≤{bound}，但对应的资金分配项合计 {actual}',
      en: '{project}: the cost indicator "{cap}" is ≤{bound}, but the breakdown items it covers come to {actual}',
    },
    overTotal: {
      zh: '{project}：成本指标“{cap}”超过项目总额 {bound}',
      en: '{project}: the cost indicator "{cap}" exceeds the project total {bound}',
    },
  },
};

const GENERIC = new Set(['成本', '费用', '资金', '项目', '尾款', '款资', '金数', '目尾', '经费', '支出', '本年', '预算', '万元', '用及', '等费']);
const GENERIC_CHARS = new Set(['费', '用', '成', '本', '等', '约', '其', '中', '及', '项', '目', '资', '金', '数', '和', '的', '各', '类', '万', '元']);

function isCjk(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/** Two-character words: every two adjacent CJK characters that are not a generic word. */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) {
    if (!isCjk(s.charCodeAt(i)) || !isCjk(s.charCodeAt(i + 1))) continue;
    const w = s.slice(i, i + 2);
    if (!GENERIC.has(w)) out.add(w);
  }
  return out;
}

/** The CJK characters that are not generic (a surrogate pair is no CJK character). */
function chars(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    if (!isCjk(s.charCodeAt(i))) continue;
    const c = s[i]!;
    if (!GENERIC_CHARS.has(c)) out.add(c);
  }
  return out;
}

function overlap<T>(a: Set<T>, b: Set<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

interface CapWords {
  bigrams: Set<string>;
  chars: Set<string>;
}

/** An indicator's words, read once per indicator rather than once per item it is tried on. */
const capWords = new WeakMap<CostCap, CapWords>();
function wordsOf(c: CostCap): CapWords {
  let w = capWords.get(c);
  if (!w) {
    w = { bigrams: bigrams(c.name), chars: chars(c.name) };
    capWords.set(c, w);
  }
  return w;
}

/** The indicator an item belongs to, when one fits best and alone. */
export function matchCap(item: BreakdownItem, caps: CostCap[]): CostCap | undefined {
  // the item's words, each read when its try comes (most items pair on the first)
  let label: Set<string> | undefined;
  let context: Set<string> | undefined;
  let own: Set<string> | undefined;
  const tries: Array<(c: CostCap) => number> = [
    (c) => overlap((label ??= bigrams(item.label)), wordsOf(c).bigrams),
    (c) => overlap((context ??= bigrams(item.context)), wordsOf(c).bigrams),
    // single characters only when most of the label's own characters are in the indicator ("水费")
    (c) => {
      own ??= chars(item.label);
      const n = overlap(own, wordsOf(c).chars);
      return n * 2 >= own.size ? n : 0;
    },
  ];
  for (const score of tries) {
    const scored = caps.map((c) => ({ c, s: score(c) })).sort((a, b) => b.s - a.s);
    const best = scored[0];
    if (!best || best.s === 0) continue;
    if (scored[1] && scored[1].s === best.s) return undefined;
    return best.c;
  }
  return undefined;
}

export const performanceCost: Rule = {
  meta,
  check({ disclosure, options }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const t of n.performance) {
      const caps = t.caps.filter((c) => !c.perUnit && c.fig.unit in { 万元: 1, 元: 1 } && /[<≤]/.test(c.op));
      if (!caps.length) continue;
      const p = projectFor(n, t.name);
      const total = p?.scale ?? t.total;
      for (const c of caps) {
        if (!total) break;
        const cap = stated(c.fig, c.name);
        const tot = stated(total, `${t.name} 总额`);
        const f = judge({ meta, messageId: 'overTotal', data: { project: t.name, cap: c.name, bound: total.raw }, stated: cap, computed: tot.interval, inputs: [tot], options, atMost: true, boundRounds: true, expectedDecimals: tot.decimals });
        if (f) out.push(f);
      }
      if (!p) continue;
      const byCap = new Map<CostCap, BreakdownItem[]>();
      for (const i of p.items) {
        const c = matchCap(i, caps);
        if (!c) continue;
        const list = byCap.get(c);
        if (list) list.push(i);
        else byCap.set(c, [i]);
      }
      for (const c of caps) {
        const items = byCap.get(c);
        if (!items) continue;
        const cap = stated(c.fig, c.name);
        const itemsS = items.map(itemStated);
        const part = { ...itemsS[0]!, interval: sum(items.map(itemInterval)), label: { zh: `${c.name} 对应分项`, en: `items under ${c.name}` }, loc: c.fig.loc, decimals: Math.max(2, ...itemsS.map((s) => s.decimals)), unit: '万元', toBase: cap.toBase };
        const f = judge({ meta, messageId: 'exceeded', data: { project: t.name, cap: c.name, bound: c.fig.raw }, stated: part, computed: cap.interval, inputs: [cap, ...itemsS], options, atMost: true, boundRounds: true });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
