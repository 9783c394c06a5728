// 行内合计: on every row a total column equals the columns it is made of, as the header groups
// them (the column tree) or as the layout says.
import type { Finding } from '../../core/findings.js';
import { compare, figure, joinLabels, sumFigures, unplacedFigure, type Figure } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';
import { neg, sum } from '../../core/decimal.js';

const meta: RuleMeta = {
  id: 'row-total',
  title: { zh: '行合计等于各组成列之和', en: 'Row totals equal their components' },
  description: {
    zh: '每一行的合计（小计）列等于其下各组成列之和，组成关系按表头的分组和列名确定：合计 = 基本支出 + 项目支出（+ 单位预留机动经费等）；基本支出 = 人员经费 + 公用经费；收入合计 = 各收入来源，财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营预算；项目支出合计 = 各经济分类列；“三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费，公务用车购置及运行费 = 购置费 + 运行费，合计 = “三公”经费 + 会议费 + 培训费。版式可另加公式（如 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出）。表中有无法识别的金额列时，不假定合计的构成，跳过并在覆盖说明中列出。空单元格按 0 计。从整篇文字中读取的表，各数所在的列无法确定（文字不保留空单元格）：表头表明合计之外各列都是其组成部分（没有小计、其中）时，核对同一行合计之后各数之和等于合计。',
    en: 'On every row a total (subtotal) column equals the columns it is made of, as the header groups and names them: total = basic + project (+ reserve …); basic = personnel + public-use; revenue total = its sources, appropriations = general budget + funds + state capital; project total = the economic columns; three public = travel abroad + vehicles + reception, vehicles = purchase + operation, total = three public + meetings + training. A layout may add formulas (closing balance = opening balance + revenue − expenditure). A table with an amount column that is not recognised gets no assumed total formula; the check is skipped and listed in the coverage. Blank cells count as 0.',
  },
  rationale: {
    zh: '合计列是同一行各列的加总，是最基本的表内勾稽关系；不相等说明某列漏填、错填或合计未更新。',
    en: "A total column is the sum of the same row's components: the most basic in-table relationship. A mismatch means a component was left out, mistyped, or the total was not updated.",
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but {parts} add up to {expected} (difference {difference})',
    },
    unplaced: {
      zh: '{stated}为 {actual}，但同行其余 {count} 个数之和为 {expected}，差额 {difference}（表从文字中读取，各数所在的列无法确定，只核对其和）',
      en: '{stated} is {actual} but the other {count} figures of its row add up to {expected} (difference {difference}; the table was read from text, which does not tell the column of each, so only their sum is checked)',
    },
  },
};

export const rowTotal: Rule = {
  meta,
  check({ disclosure, options }) {
    const out: Finding[] = [];
    for (const t of Object.values(disclosure.tables)) {
      for (const f of t.formulas) {
        for (const row of t.rows) {
          if (f.side !== undefined && row.side !== f.side) continue;
          const stated = figure(t, row, f.total);
          if (!stated) continue;
          // one pass over the parts (a check runs on every row of every table): the terms, the
          // printed ones, and whether any is subtracted
          const parts: Array<{ fig: Figure; sign: 1 | -1 }> = [];
          const shown: Figure[] = [];
          let signed = false;
          for (const p of f.parts) {
            const fig = figure(t, row, p.id);
            if (!fig) continue;
            parts.push({ fig, sign: p.sign });
            if (!fig.blank) shown.push(fig);
            if (p.sign === -1) signed = true;
          }
          if (parts.length === 0 || (stated.blank && shown.length === 0)) continue;
          const f2 = compare({
            meta,
            messageId: 'mismatch',
            data: () => ({ parts: signed ? signedLabels(parts) : joinLabels(shown.length ? shown : parts.map((p) => p.fig)) }),
            stated,
            // a blank part adds nothing: the printed ones are the sum
            computed: signed ? sum(parts.map((p) => (p.sign === -1 ? neg(p.fig.interval) : p.fig.interval))) : sumFigures(shown),
            inputs: shown,
            terms: parts,
            options,
          });
          if (f2) out.push(f2);
        }
      }
      // a row read from a text: its figures after the total, wherever each stands, add up to it
      for (const row of t.rows) {
        if (!row.unplaced?.length) continue;
        const stated = figure(t, row, 'total');
        if (!stated) continue;
        const parts = row.unplaced.map((_, k) => unplacedFigure(t, row, k)!);
        const shown = parts.filter((p) => !p.blank);
        const f2 = compare({
          meta,
          messageId: 'unplaced',
          data: () => ({ count: String(parts.length) }),
          stated,
          computed: sumFigures(shown),
          inputs: shown,
          terms: parts.map((fig) => ({ fig, sign: 1 as const })),
          options,
        });
        if (f2) out.push(f2);
      }
    }
    return out;
  },
};

function signedLabels(parts: Array<{ fig: Figure; sign: 1 | -1 }>) {
  const one = (lang: 'zh' | 'en') =>
    parts.map((p, i) => `${i === 0 ? (p.sign === -1 ? '−' : '') : p.sign === -1 ? ' − ' : ' + '}${(p.fig.label[lang].split(' · ').pop() ?? '')}`).join('');
  return { zh: one('zh'), en: one('en') };
}
