// A table that prints last year's figures beside this year's (上年预算数 | 本年预算数 | 增减, or
// “2018 年预算数” in a 2019 table): each 上年 figure against last year's table of the same kind, row by
// row by code (the total row by the total, a one-row table by its row), in the same column.
import type { Bilingual, Finding } from '../../core/findings.js';
import { columnKeyOf, LAST_YEAR_HEADER, normalizeLabel } from '../../load/aliases.js';
import type { Column, Row, Table } from '../../load/model.js';
import { asInput, compare, figure, tableShort, type Figure } from '../figures.js';
import { dataRows, totalRow } from '../table/shared.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { lastYears, sameRowName } from './lookup.js';

const meta: RuleMeta = {
  id: 'previous-column',
  title: { zh: '上年数栏与上年公开数一致', en: 'Last year\'s columns against last year\'s disclosure' },
  description: {
    zh: '给出上年公开材料（--previous、--series）时，本年表格中“上年预算数”（或“2018 年预算数”）一栏的每个数字，应等于上年同一张表中同一科目编码（合计行对合计行）同一栏的数字。',
    en: 'With last year\'s disclosure given (--previous, --series), every figure of a table\'s 上年预算数 (or "2018 年预算数") column must equal the figure of the same code (total for total) and column in last year\'s table of the same kind.',
  },
  rationale: {
    zh: '行按科目编码对应，编码相同而名称不同（且不只是语序不同）的行视为科目调整，不作比较；上年表中没有的编码、上年决算数一栏对上年预算公开（或反之）均列入 --verbose 的“未能核对”。',
    en: 'Rows are matched by code; a code whose name changed (beyond word order) is taken as reclassified and not compared; a code last year\'s table lacks, or a 上年决算数 column against a budget disclosure (or the reverse), is listed as not checked under --verbose.',
  },
  defaultSeverity: 'error',
  needsPrevious: true,
  messages: {
    column: {
      zh: '{stated} 为 {actual}，但上年公开的{previous}为 {expected}',
      en: '{stated} is {actual}, but last year\'s disclosure has {expected} ({previous})',
    },
  },
};

/** 上年预算数 / 上年决算数 / 2018 年预算数: the column's basis, or undefined when it is no column of last year. */
function lastYearColumn(col: Column, thisYear: number | undefined, prevYear: number | undefined): { basis: 'budget' | 'final' | undefined; key: string } | undefined {
  const labels = col.header.map((h) => normalizeLabel(h));
  const i = labels.findIndex((l) => LAST_YEAR_HEADER.test(l) || /^(?:19|20)\d\d年(?:度)?(?:年初)?(?:预算|决算)(?:数|金额)?$/.test(l));
  if (i < 0) return undefined;
  const l = labels[i]!;
  const ym = /^((?:19|20)\d\d)年/.exec(l);
  if (ym) {
    const y = Number(ym[1]);
    const last = prevYear ?? (thisYear ? thisYear - 1 : undefined);
    if (last === undefined || y !== last) return undefined;
  }
  if (/执行/.test(l)) return undefined;
  const basis = /决算/.test(l) ? 'final' : /预算/.test(l) ? 'budget' : undefined;
  // the band over it names the column (基本支出 | 上年预算数), else it is the row's total
  const band = labels.filter((_, k) => k !== i).map((x) => columnKeyOf(x)).find((k) => k !== undefined);
  return { basis, key: band ?? 'total' };
}

function rowOf(prev: Table, row: Row): Row | undefined {
  if (row.isTotal) return totalRow(prev, row.side);
  if (row.code) {
    const hits = dataRows(prev, row.side).filter((r) => r.code === row.code && !r.project);
    return hits.length === 1 ? hits[0] : undefined;
  }
  const hits = dataRows(prev, row.side).filter((r) => r.name && sameRowName(r.name, row.name));
  return hits.length === 1 ? hits[0] : undefined;
}

export const previousColumn: Rule = {
  meta,
  check(ctx: RuleContext): Finding[] {
    const prev = ctx.previous;
    const out: Finding[] = [];
    if (!prev) return out;
    const thisYear = ctx.disclosure.year ?? ctx.disclosure.narrative?.year;
    for (const t of Object.values(ctx.disclosure.tables)) {
      if (!t) continue;
      const cols = t.columns.map((c) => ({ c, last: lastYearColumn(c, thisYear, prev.year) })).filter((x) => x.last);
      if (!cols.length) continue;
      const before = prev.disclosure.tables[t.kind];
      if (!before) {
        ctx.skip(`${t.file}`, { zh: `上年公开材料中没有${tableShort(t).zh}`, en: `last year's disclosure has no ${tableShort(t).en}` });
        continue;
      }
      for (const { c, last } of cols) {
        if (last!.basis && last!.basis !== prev.statement) {
          const why: Bilingual = { zh: '本栏与上年公开材料不是同一口径（预算 / 决算），未核对', en: 'this column and last year\'s disclosure are not the same statement (budget / outturn); not checked' };
          ctx.skip(`${t.file} ${c.header.join('/')}`, why);
          continue;
        }
        if (!before.columns.some((pc) => pc.id === last!.key)) {
          ctx.skip(`${t.file} ${c.header.join('/')}`, { zh: '上年表中没有对应的栏', en: 'last year\'s table has no such column' });
          continue;
        }
        for (const row of t.rows) {
          const here = figure(t, row, c.id);
          if (!here || here.blank) continue;
          const pr = rowOf(before, row);
          // a code whose name changed beyond word order is another row
          if (!pr || (row.code && row.name && pr.name && !sameRowName(pr.name, row.name))) {
            ctx.skip(`${here.loc.file}:${here.loc.line}:${here.loc.column}`, { zh: '上年表中没有同一科目', en: 'last year\'s table has no such row' });
            continue;
          }
          const there: Figure | undefined = figure(before, pr, last!.key);
          if (!there) continue;
          const labelled = lastYears(there, prev.year);
          const f = compare({ meta, messageId: 'column', data: { previous: labelled.label }, stated: here, computed: labelled.interval, inputs: [labelled], options: ctx.options });
          if (f) {
            f.inputs = [asInput(labelled)];
            out.push(f);
          }
        }
      }
    }
    return out;
  },
};
