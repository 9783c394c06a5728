// 决算 against its budget: "年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 R%" — R = A ÷ B; "决算数小于
// （大于、等于）预算数" must agree with A and B; "差值为 D" is |A − B|. When the text does not state the
// budget, a 决算's “三公” table does; a rate on a zero budget is no rate at all.
import { div, formatDec, HUNDRED, scale, sub, type Interval } from '../../core/decimal.js';
import type { Bilingual, Finding } from '../../core/findings.js';
import { plainFinding, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { cleanLabel } from '../../load/narrative/keys.js';
import { claimStated, judge, stated, type Stated } from './shared.js';
import { isThreePublicKey, threePublicFigure, threePublicHasBudget } from './tables.js';

const meta: RuleMeta = {
  id: 'narrative-execution',
  title: { zh: '说明中决算与预算的比较', en: 'Outturn against budget in the text' },
  description: {
    zh: '“年初预算为 B 万元，支出决算为 A 万元，完成年初预算的 R%”中 R 应等于 A ÷ B；“决算数大于（小于、等于）预算数”应与 A、B 相符；“差值为 D 万元”应等于 A 与 B 之差。说明未写预算数时，取决算“三公”经费表的预算数。',
    en: 'In "年初预算为 B，支出决算为 A，完成年初预算的 R%" R must be A ÷ B; "决算数大于（小于、等于）预算数" must agree with A and B; a stated gap (差值) must be the difference of A and B. When the text does not state the budget, the budget column of a 决算 "three public" table gives it.',
  },
  rationale: {
    zh: '预算数为 0 时完成率没有意义，以提示报告；说明写了预算数而决算“三公”经费表没有预算数一栏时为警告。截断而非四舍五入的完成率在消息中说明。',
    en: 'On a zero budget a completion rate means nothing, reported as info; a budget stated in the text while the 决算 "three public" table has no budget column is a warning. A rate cut instead of rounded says so.',
  },
  defaultSeverity: 'error',
  messages: {
    rate: {
      zh: '{subject}完成{budgetWord}的 {actual}%，但决算 {final} ÷ 预算 {budget} 为 {expected}%',
      en: '{subject}: the completion rate is stated as {actual}%, but outturn {final} ÷ budget {budget} is {expected}%',
    },
    zeroBudget: {
      zh: '{subject}的{budgetWord}为 0（{source}），完成预算的 {rate}% 没有意义',
      en: '{subject}: the budget is 0 ({source}); a completion rate of {rate}% means nothing',
    },
    relation: {
      zh: '说明称{subject}决算数{word}预算数，但决算 {final}、预算 {budget}',
      en: 'the text says the outturn of {subject} is {wordEn} the budget, but the outturn is {final} and the budget {budget}',
    },
    relationRate: {
      zh: '说明称{subject}决算数{word}预算数，但完成预算的 {rate}%',
      en: 'the text says the outturn of {subject} is {wordEn} the budget, but the completion rate is {rate}%',
    },
    difference: {
      zh: '{subject}决算 {final} 与预算 {budget} 相差 {expected}，但说明写为 {actual}',
      en: '{subject}: outturn {final} and budget {budget} differ by {expected}, but the text states {actual}',
    },
    noBudgetColumn: {
      zh: '说明写明{subject}预算数 {budget}，但{table}没有预算数',
      en: 'the text states a budget of {budget} for {subject}, but {table} has no budget figures',
    },
  },
};

const WORD_EN: Record<string, string> = { 大于: 'above', 小于: 'below', 等于: 'equal to', 不超过: 'not above' };

export const narrativeExecution: Rule = {
  meta,
  check({ disclosure, options, layout }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    const final = layout.statement === 'final' && Object.keys(disclosure.tables).length > 0;
    for (const c of n.executions) {
      if (!c.final) continue;
      const F = claimStated(c.final);
      const subject = c.key?.startsWith('fn:') ? c.key.split('/').pop()!.replace(/^fn:/, '') : cleanLabel(c.subject).replace(/(?:年初|全年|调整后?的?|当年)?(?:决算|预算)(?:数)?$/, '') || c.subject;
      const base = { subject, budgetWord: c.budgetWord };
      // the budget: stated, else the 决算 “三公” table's, else what the stated gap gives
      let B: Stated | Figure | undefined = c.budget ? claimStated(c.budget) : undefined;
      let source: Bilingual | undefined = c.budget ? { zh: '说明', en: 'the text' } : undefined;
      if (!B && final && c.key && isThreePublicKey(c.key)) {
        const tf = threePublicFigure(disclosure, c.key, 'budget');
        if (tf && !tf.blank) {
          B = tf;
          source = tf.label;
        }
      }
      let budgetI: Interval | undefined = B?.interval;
      if (!budgetI && c.difference && c.relation && c.relation.word !== '等于') {
        const D = claimStated(c.difference);
        budgetI = c.relation.word === '大于' ? sub(F.interval, D.interval) : { value: F.interval.value.plus(D.interval.value), lo: F.interval.lo.plus(D.interval.lo), hi: F.interval.hi.plus(D.interval.hi) };
      }
      // a budget the text states that a 决算 “三公” table does not have
      if (c.budget && final && c.key && isThreePublicKey(c.key) && disclosure.tables.threePublic && !threePublicHasBudget(disclosure)) {
        const t = disclosure.tables.threePublic;
        out.push(plainFinding(meta, 'noBudgetColumn', { ...c.budget.fig.loc }, { subject, budget: c.budget.fig.raw, table: t.number ?? t.name }, 'warning'));
      }
      const budgetText = c.budget ? c.budget.fig.raw : B ? `${formatDec(B.interval.value.div(B.toBase), B.decimals)}${B.unit}` : budgetI ? `${formatDec(budgetI.value, 2)}万元` : '';
      // the rate
      if (c.rate && budgetI) {
        if (budgetI.value.isZero()) {
          out.push(plainFinding(meta, 'zeroBudget', { ...c.rate.loc }, { ...base, source: source ?? { zh: '由差额推得', en: 'from the stated gap' }, rate: formatDec(c.rate.value, c.rate.decimals) }, 'info'));
        } else {
          const q = div(F.interval, budgetI);
          if (q) {
            const f = judge({
              meta,
              messageId: 'rate',
              data: { ...base, final: c.final.fig.raw, budget: budgetText },
              stated: stated(c.rate, F.label),
              computed: scale(q, HUNDRED),
              inputs: [F, ...(B ? [B as Stated] : [])],
              options,
              roundExpected: true,
            });
            if (f) out.push(f);
          }
        }
      }
      // the comparison word
      if (c.relation) {
        const r = c.relation;
        const word = { ...base, word: r.word, wordEn: WORD_EN[r.word]! };
        if (budgetI && B) {
          const a = F.interval;
          const b = budgetI;
          const ok = r.word === '大于' ? a.hi.gt(b.lo) : r.word === '小于' ? a.lo.lt(b.hi) : r.word === '不超过' ? a.lo.lte(b.hi) : a.lo.lte(b.hi) && a.hi.gte(b.lo);
          const strictOk = r.word === '大于' ? a.value.gt(b.value) : r.word === '小于' ? a.value.lt(b.value) : r.word === '不超过' ? a.value.lte(b.value) : a.value.eq(b.value);
          // words the figures contradict only by what rounding could hide: a warning (尾差), an error under --strict
          if (!ok || !strictOk) out.push(plainFinding(meta, 'relation', { ...r.loc }, { ...word, final: c.final.fig.raw, budget: budgetText }, !ok || options.strict ? 'error' : 'warning'));
        } else if (c.rate && !c.difference) {
          const R = stated(c.rate, '');
          const ok = r.word === '大于' ? R.interval.hi.gt(HUNDRED) : r.word === '小于' ? R.interval.lo.lt(HUNDRED) : r.word === '不超过' ? R.interval.lo.lte(HUNDRED) : R.interval.lo.lte(HUNDRED) && R.interval.hi.gte(HUNDRED);
          if (!ok) out.push(plainFinding(meta, 'relationRate', { ...r.loc }, { ...word, rate: formatDec(c.rate.value, c.rate.decimals) }, 'error'));
        }
      }
      // the stated gap
      if (c.difference && c.budget) {
        const D = claimStated(c.difference);
        const gap = sub(F.interval, claimStated(c.budget).interval);
        const abs: Interval = gap.value.isNeg() ? { value: gap.value.neg(), lo: gap.hi.neg(), hi: gap.lo.neg() } : gap;
        const f = judge({ meta, messageId: 'difference', data: { ...base, final: c.final.fig.raw, budget: c.budget.fig.raw }, stated: D, computed: abs, inputs: [F, claimStated(c.budget)], options });
        if (f) out.push(f);
      }
    }
    return out;
  },
};
