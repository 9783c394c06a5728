// 表一 ↔ 表二 ↔ 表四 on the revenue side.
import type { Bilingual, Finding } from '../../core/findings.js';
import { sum } from '../../core/decimal.js';
import type { ColumnKey, Row } from '../../load/model.js';
import { columnLabel, compare, figure, joinLabels, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { AGREE_MESSAGES } from './agree.js';
import { incomeItem, totalRow } from '../table/shared.js';

const meta: RuleMeta = {
  id: 'income-agreement',
  title: { zh: '收入数在表一、表二、表四间一致', en: 'Revenue agrees across 表一, 表二 and 表四' },
  description: {
    zh: '表二的合计及各收入来源列合计等于表一收入方的收入总计和对应收入项目；表四的收入总计等于表一的财政拨款（一般公共预算 + 政府性基金预算 + 国有资本经营预算），表四各拨款项目等于表一对应项目。',
    en: 'The revenue table\'s total and source-column totals equal total revenue and the matching revenue items of the overall table; the fiscal table\'s total revenue equals the overall table\'s fiscal appropriations, item by item.',
  },
  rationale: {
    zh: '表一是全部收入的汇总，表二按功能分类展开同一收入，表四只列财政拨款；三者是同一组数字的不同切面，必须一致（表间勾稽关系）。',
    en: 'The overall table summarises all revenue, the revenue table spreads the same revenue by function, and the fiscal table lists only appropriations: three views of one set of figures, which must agree.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: AGREE_MESSAGES.mismatch,
  },
};

function notListed(key: ColumnKey): Bilingual {
  const c = columnLabel(key);
  return { zh: `表一${c.zh}（未列示，按 0 计）`, en: `表一 ${c.en} (not listed, taken as 0)` };
}

const ITEMS: ColumnKey[] = ['fiscal', 'generalBudget', 'governmentFund', 'stateCapital', 'specialAccount', 'business', 'operating', 'other'];

export const incomeAgreement: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    const t1 = disclosure.tables.overview;
    const t2 = disclosure.tables.income;
    const t4 = disclosure.tables.fiscalOverview;
    if (!t1) return out;
    const push = (stated: Figure | undefined, inputs: Figure[], source: Bilingual | undefined) => {
      if (!stated || !source) return;
      if (stated.blank && inputs.every((f) => f.blank)) return;
      const f = compare({
        meta,
        messageId: 'mismatch',
        data: { source },
        stated,
        computed: sum(inputs.map((i) => i.interval)),
        inputs,
        options,
      });
      if (f) out.push(f);
    };
    const t1Total = totalRow(t1, 'income');
    const t1Fig = (r: Row | undefined) => (r ? figure(t1, r, 'total') : undefined);
    if (t2) {
      const t2Total = totalRow(t2);
      if (t2Total && t1Total) {
        const src = t1Fig(t1Total);
        if (src) push(figure(t2, t2Total, 'total'), [src], src.label);
        for (const key of ITEMS) {
          const item = t1Fig(incomeItem(t1, key));
          // an item 表一 does not print at all counts as zero there
          push(figure(t2, t2Total, key), item ? [item] : [], item?.label ?? notListed(key));
        }
      }
    }
    if (t4) {
      const t4Total = totalRow(t4, 'income');
      const fiscal = t1Fig(incomeItem(t1, 'fiscal'));
      const parts = (['generalBudget', 'governmentFund', 'stateCapital'] as const)
        .map((k) => t1Fig(incomeItem(t1, k)))
        .filter((f): f is Figure => !!f);
      if (t4Total) {
        const inputs = fiscal ? [fiscal] : parts;
        if (inputs.length) push(figure(t4, t4Total, 'total'), inputs, fiscal ? fiscal.label : joinLabels(parts));
      }
      for (const key of ['generalBudget', 'governmentFund', 'stateCapital'] as const) {
        const row = incomeItem(t4, key);
        const src = t1Fig(incomeItem(t1, key));
        if (row) push(figure(t4, row, 'total'), src ? [src] : [], src?.label ?? notListed(key));
      }
    }
    return out;
  },
};
