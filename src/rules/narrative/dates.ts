// The year the text is about, wherever it gives one: a 2024 决算 is 截至 2024 年 12 月 31 日 (a 2025 budget,
// 截至 2024 年…), its headings say 2024 年度…决算, its 决算 sentences are of 2024; a year like 20224 is a slip.
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';

const meta: RuleMeta = {
  id: 'narrative-dates',
  title: { zh: '说明中的年度与日期', en: 'Years and dates in the text' },
  description: {
    zh: '说明中的年度应与其所述年度一致：决算的资产截止日为该年 12 月 31 日（预算为上一年），标题中“X 年度部门决算（预算）”为该年度，“X 年……决算为……完成预算的……”所述为该年度；“20224 年”之类的年份为笔误。',
    en: 'Years must be the year the text is about: a 决算\'s assets are as of 31 December of that year (a budget\'s, of the year before), headings say that year\'s 决算 (预算), a sentence of the outturn against the budget is of that year; a year such as 20224 is a slip.',
  },
  rationale: {
    zh: '所述年度取自标题中“X 年度部门决算（预算）”出现最多的年份，有报表时决算与预算之分以报表格式为准。',
    en: 'The year is the one the titles\' "X 年度部门决算（预算）" give most often; with tables, 决算 or budget is the layout\'s.',
  },
  defaultSeverity: 'warning',
  messages: {
    cutoff: {
      zh: '“{raw}”：{year} 年{statement}的截止日应在 {expected} 年',
      en: '"{raw}": the {statementEn} of {year} is as of {expected}',
    },
    heading: {
      zh: '标题中的“{raw}”与说明所述年度 {year} 年不一致',
      en: 'the heading\'s "{raw}" is not the year {year} the text is about',
    },
    subject: {
      zh: '“{raw}”的决算与预算比较不是 {year} 年度的',
      en: 'the outturn against budget "{raw}" is not of {year}',
    },
    malformed: {
      zh: '“{raw}”不是一个年份',
      en: '"{raw}" is no year',
    },
  },
};

export const narrativeDates: Rule = {
  meta,
  check({ disclosure, layout }) {
    const n = disclosure.narrative;
    const out: Finding[] = [];
    if (!n) return out;
    for (const d of n.dates) if (d.kind === 'malformed') out.push(plainFinding(meta, 'malformed', { ...d.loc }, { raw: d.raw }));
    const year = n.year;
    if (!year) return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
    const statement = Object.keys(disclosure.tables).length ? layout.statement : n.statement;
    if (!statement) return out;
    const zh = statement === 'final' ? '决算' : '预算';
    for (const d of n.dates) {
      if (d.kind === 'cutoff') {
        const expected = statement === 'final' ? year : year - 1;
        // a 决算 is of the year's end; a cutoff on another day of a 决算 is read as written
        if (statement === 'final' && !d.yearEnd) continue;
        if (d.year !== expected) out.push(plainFinding(meta, 'cutoff', { ...d.loc }, { raw: d.raw, year: String(year), statement: zh, statementEn: statement === 'final' ? 'outturn' : 'budget', expected: String(expected) }));
      } else if (d.kind === 'heading') {
        const of = /决算/.test(d.raw) ? 'final' : 'budget';
        if (of === statement && d.year !== year) out.push(plainFinding(meta, 'heading', { ...d.loc }, { raw: d.raw, year: String(year) }));
      } else if (d.kind === 'subject') {
        if (statement === 'final' && d.year !== year) out.push(plainFinding(meta, 'subject', { ...d.loc }, { raw: d.raw, year: String(year) }));
      }
    }
    return out.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
  },
};
