// 行内合计: on every row the total equals its components.
import type { Finding } from '../../core/findings.js';
import { ECONOMIC_COLUMNS } from '../../load/constants.js';
import type { ColumnKey, Table } from '../../load/model.js';
import { compare, figure, joinLabels, sumFigures, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { amountKeys } from './shared.js';

const meta: RuleMeta = {
  id: 'row-total',
  title: { zh: '行合计等于各组成列之和', en: 'Row totals equal their components' },
  description: {
    zh: '每一行的合计列等于其组成列之和：合计 = 基本支出 + 项目支出；合计 = 人员经费 + 公用经费；总计 = 各收入来源；表七项目支出合计 = 各经济分类列；“三公”合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费，公务用车购置及运行费 = 购置费 + 运行费。空单元格按 0 计。',
    en: 'On every row the total column equals the sum of its component columns: total = basic + project; total = personnel + public-use; total = sum of revenue sources; project total = economic columns; three-public total = travel abroad + vehicles + reception, vehicles = purchase + operation. Blank cells count as 0.',
  },
  rationale: {
    zh: '合计列是同一行各列的加总，是最基本的表内勾稽关系；不相等说明某列漏填、错填或合计未更新。',
    en: 'A total column is the sum of the same row\'s components: the most basic in-table relationship. A mismatch means a component was left out, mistyped, or the total was not updated.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but {parts} add up to {expected} (difference {difference})',
    },
  },
};

interface Equation {
  total: ColumnKey;
  parts: ColumnKey[];
}

function equations(t: Table): { side?: 'income' | 'expense'; eqs: Equation[] } {
  const keys = new Set(amountKeys(t, t.kind === 'fiscalOverview' ? 'expense' : undefined));
  const has = (k: ColumnKey) => keys.has(k);
  const present = (ks: ColumnKey[]) => ks.filter(has);
  switch (t.kind) {
    case 'income': {
      const sources: ColumnKey[] = ['specialAccount', 'business', 'operating', 'other'];
      const appropriations = present(['generalBudget', 'governmentFund', 'stateCapital']);
      if (has('fiscal') && appropriations.length > 0) {
        return { eqs: [{ total: 'fiscal', parts: appropriations }, { total: 'total', parts: present(['fiscal', ...sources]) }] };
      }
      return { eqs: [{ total: 'total', parts: present(['fiscal', ...appropriations, ...sources]) }] };
    }
    case 'expenditure':
    case 'generalBudget':
    case 'governmentFund':
    case 'stateCapital':
      return { eqs: [{ total: 'total', parts: present(['basic', 'project']) }] };
    case 'fiscalOverview':
      return { side: 'expense', eqs: [{ total: 'total', parts: present(['generalBudget', 'governmentFund', 'stateCapital']) }] };
    case 'basicEconomic':
      return { eqs: [{ total: 'total', parts: present(['personnel', 'publicFunds']) }] };
    case 'projects':
      return { eqs: [{ total: 'total', parts: present([...ECONOMIC_COLUMNS]) }] };
    case 'threePublic':
      if (has('vehicles')) {
        return {
          eqs: [
            { total: 'total', parts: present(['abroad', 'vehicles', 'reception']) },
            { total: 'vehicles', parts: present(['vehiclePurchase', 'vehicleOperation']) },
          ],
        };
      }
      return { eqs: [{ total: 'total', parts: present(['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']) }] };
    default:
      return { eqs: [] };
  }
}

export const rowTotal: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    for (const t of Object.values(disclosure.tables)) {
      const { side, eqs } = equations(t);
      for (const row of t.rows) {
        if (side && row.side !== side) continue;
        for (const eq of eqs) {
          if (!amountKeys(t, side).includes(eq.total) || eq.parts.length === 0) continue;
          const stated = figure(t, row, eq.total);
          const parts = eq.parts.map((k) => figure(t, row, k)).filter((f): f is Figure => !!f);
          if (!stated || (stated.blank && parts.every((p) => p.blank))) continue;
          const shown = parts.filter((p) => !p.blank);
          const f = compare({
            meta,
            messageId: 'mismatch',
            data: () => ({ parts: joinLabels(shown.length ? shown : parts) }),
            stated,
            computed: sumFigures(parts),
            inputs: shown,
            options,
          });
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
};
