// "与上年相比增加 A 万元，增长 R%" against last year's disclosure: the figure the change is measured
// from (this year's figure minus A, plus A for a decrease; or last year's figure the text states) must
// be the one last year's disclosure published, and R the change over it. A comparison with last
// year's 调整预算, 执行数 or 决算 is no comparison with a budget disclosure (info); a subject last
// year's disclosure does not hold, or holds scoped otherwise, is listed as not checked (--verbose).
import { add, div, formatDec, HUNDRED, scale, sub, type Interval } from '../../core/decimal.js';
import { unitName } from '../../core/vocabulary.js';
import type { Bilingual, Finding, FindingInput } from '../../core/findings.js';
import type { Disclosure } from '../../load/model.js';
import type { AmountClaim, GrowthClaim } from '../../load/narrative/model.js';
import { statementOf, type PreviousDisclosure } from '../../load/previous.js';
import { asInput, judgeOptions, plainFinding, type Figure } from '../figures.js';
import { claimStated, judge, stated, type Stated } from '../narrative/shared.js';
import { judgeEqual } from '../../core/decimal.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { claimKey, codeOfKey, figureOf, lastYears, rowNameOf, subjectKey } from './lookup.js';
import { keyLabel } from '../../load/narrative/keys.js';

const meta: RuleMeta = {
  id: 'previous-change',
  title: { zh: '增减额与上年公开数一致', en: 'Changes against last year\'s disclosure' },
  description: {
    zh: '给出上年公开材料（--previous、--series）时，说明中“与上年相比增加（减少）A 万元，增长（下降）R%”所依据的上年数——本年数减 A（减少时加 A），或说明写明的上年数——应等于上年公开材料中同一项目的数字，R 应等于 A 除以该数；“与上年持平”时两年数字应相同。',
    en: 'With last year\'s disclosure given (--previous, --series), the figure a change "与上年相比增加 A 万元，增长 R%" is measured from — this year\'s figure minus A (plus A for a decrease), or last year\'s figure the text states — must be the one last year\'s disclosure published for the same subject, and R must be A over it; "与上年持平" means the two years\' figures are equal.',
  },
  rationale: {
    zh: '项目按说明中的名称对应：收支总计、一般公共预算、政府性基金、财政拨款、基本支出、项目支出、人员经费、公用经费、单位预留机动经费、“三公”经费及其构成、会议费、培训费、机关运行经费，以及按本年报表的科目编码对应的类/款/项（上年同一编码的名称须相同或仅语序不同）。本年数取说明中的数字；说明未写本年数时取本年报表的数字。说明中的本年数与本年报表同一项目不一致时，口径不明，不作比较。与上年调整预算、执行数或决算相比的说法无法用上年预算公开核对，以提示报告（上年为决算公开时与其决算数比较）；说明所比较的年度不是上年公开材料的年度、上年公开材料中没有该项目的，均列入 --verbose 的“未能核对”，不报告问题。',
    en: 'Subjects are matched by the words of the text: totals, the general public budget, government funds, fiscal appropriations, basic and project expenditure, personnel and public-use costs, the contingency reserve, the "three public" expenses and their items, meetings, training, agency operation, and classes and items by the code this year\'s tables give them (last year\'s row of that code must bear the same name, or its words reordered). This year\'s figure is the text\'s; when the text states none, this year\'s table\'s. When the text\'s figure differs from this year\'s table for the same subject the scope is unclear and nothing is compared. A comparison with last year\'s adjusted budget, execution or outturn cannot be checked against a budget disclosure and is reported as info (against a 决算 given as last year\'s, it is checked against its outturn); a comparison with a year other than last year\'s disclosure, or a subject last year\'s disclosure does not hold, is listed as not checked under --verbose, with no finding.',
  },
  defaultSeverity: 'error',
  needsPrevious: true,
  messages: {
    change: {
      zh: '{subject}{direction} {actual}，但本年 {current} 与上年公开的 {previous} 相差 {expected}（按说明，上年应为 {implied}）',
      en: '{subjectEn}: a change of {actual} is stated, but this year\'s {current} and last year\'s published {previous} differ by {expected} (by the text, last year was {implied})',
    },
    stated: {
      zh: '说明中上年{subject}为 {actual}，但上年公开的为 {expected}',
      en: 'the text states last year\'s {subjectEn} as {actual}, but last year\'s disclosure has {expected}',
    },
    flat: {
      zh: '说明称{subject}与上年持平（{actual}），但上年公开的为 {expected}',
      en: 'the text says {subjectEn} is unchanged from last year ({actual}), but last year\'s disclosure has {expected}',
    },
    rate: {
      zh: '{subject}增幅为 {actual}%，但 {change} ÷ 上年公开的 {previous} 为 {expected}%',
      en: '{subjectEn}: the rate is stated as {actual}%, but {change} ÷ last year\'s published {previous} is {expected}%',
    },
    notComparable: {
      zh: '{subject}是与上年{basis}相比，上年{statement}公开中没有这一数字，未核对',
      en: '{subjectEn} is compared with last year\'s {basisEn}, which last year\'s {statementEn} disclosure does not give; not checked',
    },
  },
};

const BASIS: Record<string, Bilingual> = {
  adjusted: { zh: '调整预算', en: 'adjusted budget' },
  execution: { zh: '执行数', en: 'execution' },
  final: { zh: '决算', en: 'outturn' },
  budget: { zh: '预算', en: 'budget' },
};


function subjectName(key: string): Bilingual {
  if (key === 'reserve') return { zh: '单位预留机动经费', en: 'contingency reserve' };
  if (key === 'meeting') return { zh: '会议费', en: 'meetings' };
  if (key === 'training') return { zh: '培训费', en: 'training' };
  if (key === 'governmentFund') return { zh: '政府性基金预算支出', en: 'government fund expenditure' };
  if (key.startsWith('fn:')) {
    const s = key.slice(3).split('/').pop()!;
    return { zh: s, en: s };
  }
  return keyLabel(key);
}

function where(a: { fig: { loc: { file: string; line: number; column: number; page?: number } } }): string {
  const l = a.fig.loc;
  return `${l.file}:${l.page ? `p.${l.page}:` : ''}${l.line}:${l.column}`;
}

function text(f: Figure): Bilingual {
  const v = asInput(f).value;
  return { zh: `${v}${f.unit}`, en: `${v} ${unitName(f.unit, 'en')}` };
}

export function checkChanges(ctx: RuleContext, prev: PreviousDisclosure): Finding[] {
  const { disclosure, options } = ctx;
  const n = disclosure.narrative;
  const out: Finding[] = [];
  if (!n) return out;
  const thisStatement = statementOf(disclosure, ctx.layout);
  const thisYear = disclosureYearOf(disclosure);
  const consecutive = !(thisYear && prev.year && prev.year !== thisYear - 1);
  for (const g of n.growths) {
    const at = g.change ?? g.previous ?? g.current;
    if (!at) continue;
    const place = where(at);
    const skip = (why: Bilingual) => ctx.skip(`${place} ${g.change?.fig.raw ?? g.previous?.fig.raw ?? g.current?.fig.raw ?? ''}`.trim(), why);
    // the subject: this year's figure's key, else the words naming what changed
    const key = g.current ? claimKey(g.current) : g.subject ? subjectKey(g.subject) : undefined;
    if (!key) {
      skip({ zh: '说明未写明比较的是哪一项目，未与上年对照', en: 'what changed is not named; not compared with last year' });
      continue;
    }
    const subject = subjectName(key);
    // what it is measured against
    const year = g.against?.year;
    if (year !== undefined && prev.year !== undefined && year !== prev.year) {
      skip({ zh: `说明比较的是 ${year} 年，上年公开材料是 ${prev.year} 年的`, en: `compared with ${year}; last year's disclosure is of ${prev.year}` });
      continue;
    }
    if (year === undefined && !consecutive) {
      skip({ zh: `上年公开材料是 ${prev.year} 年的，不是 ${thisYear! - 1} 年的`, en: `last year's disclosure is of ${prev.year}, not ${thisYear! - 1}` });
      continue;
    }
    const basis = g.against?.basis ?? (thisStatement === 'final' ? 'final' : 'budget');
    const fiscal = g.current?.fiscal ?? g.change?.fiscal ?? false;
    let lookupBasis: 'budget' | 'final' | undefined;
    if (prev.statement === 'budget') {
      if (basis !== 'budget') {
        const data = { subject: subject.zh, subjectEn: subject.en, basis: BASIS[basis]!.zh, basisEn: BASIS[basis]!.en, statement: '预算', statementEn: 'budget' };
        out.push(plainFinding(meta, 'notComparable', { ...at.fig.loc }, data, 'info'));
        continue;
      }
    } else {
      // last year's 决算: its outturn answers for a 决算 or 执行数; its budget only in the “三公” table
      if (basis === 'adjusted' || basis === 'execution') {
        const data = { subject: subject.zh, subjectEn: subject.en, basis: BASIS[basis]!.zh, basisEn: BASIS[basis]!.en, statement: '决算', statementEn: 'final accounts' };
        out.push(plainFinding(meta, 'notComparable', { ...at.fig.loc }, data, 'info'));
        continue;
      }
      lookupBasis = basis === 'final' ? 'final' : 'budget';
    }
    // this year's figure: the text's, else this year's table's; the text's must be the table's when both are there
    const code = codeOfKey(disclosure, key);
    const name = code ? rowNameOf(disclosure, code) ?? key.slice(3).split('/').pop() : undefined;
    const here = figureOf(disclosure, key, fiscal, thisStatement, undefined, code, name);
    let cur: Stated | undefined;
    if (g.current) {
      cur = claimStated(g.current);
      if (here && !here.figure.blank && judgeEqual(cur.interval, here.figure.interval, judgeOptions(options))) {
        skip({ zh: `说明中的本年数与本年报表的${subject.zh}不一致，口径不明`, en: `this year's figure in the text is not this year's table's ${subject.en}; scope unclear` });
        continue;
      }
    } else if (here && !here.figure.blank) cur = here.figure;
    const found = figureOf(prev.disclosure, key, fiscal, prev.statement, lookupBasis, code, name);
    if (!found) {
      skip({ zh: `上年公开材料中没有找到${subject.zh}`, en: `${subject.en} not found in last year's disclosure` });
      continue;
    }
    const p = lastYears(found.figure, prev.year);
    const data = { subject: subject.zh, subjectEn: subject.en };
    if (g.previous) {
      // "比上年预算数 B 万元减少 A 万元": B is last year's published figure
      const b = claimStated(g.previous);
      const f = judge({ meta, messageId: 'stated', data, stated: b, computed: p.interval, inputs: [], options });
      if (f) {
        f.inputs = [asInput(b), asInput(p)];
        out.push(f);
        continue;
      }
    }
    if (!cur) {
      skip({ zh: `本年${subject.zh}的数字不明`, en: `this year's ${subject.en} not known` });
      continue;
    }
    const inputs: FindingInput[] = [asInput(cur), ...(g.change ? [asInput(claimStated(g.change))] : []), asInput(p)];
    if (g.flat) {
      const f = judge({ meta, messageId: 'flat', data, stated: cur, computed: p.interval, inputs: [], options });
      if (f) {
        f.inputs = inputs;
        out.push(f);
      }
      continue;
    }
    if (g.change && !g.previous) {
      const chg = claimStated(g.change);
      const diff = g.direction === '增加' ? sub(cur.interval, p.interval) : sub(p.interval, cur.interval);
      const implied = g.direction === '增加' ? sub(cur.interval, chg.interval) : add(cur.interval, chg.interval);
      const f = judge({
        meta,
        messageId: 'change',
        data: { ...data, direction: g.direction, current: text(cur), previous: text(p), implied: { zh: `${fmt(implied, cur)}${cur.unit}`, en: `${fmt(implied, cur)} ${unitName(cur.unit, 'en')}` } },
        stated: chg,
        computed: diff,
        inputs: [],
        options,
      });
      if (f) {
        f.inputs = inputs;
        out.push(f);
        continue;
      }
    }
    if (!g.rate || p.interval.value.isZero()) continue;
    // with no change stated, the change is the two years' difference, signed by the rate's word
    const change: Interval | undefined = g.change ? claimStated(g.change).interval : g.direction === '增加' ? sub(cur.interval, p.interval) : sub(p.interval, cur.interval);
    const q = change ? div(change, p.interval) : undefined;
    if (!q) continue;
    // a rate the text's own figures already contradict is narrative-growth's finding, not a second one here
    if (g.change && ownRateWrong(g, cur, options)) continue;
    const rateStated = stated({ ...g.rate, unit: '%' }, subject);
    const f = judge({
      meta,
      messageId: 'rate',
      data: { ...data, change: g.change?.fig.raw ?? `${fmt(change!)}万元`, previous: text(p) },
      stated: rateStated,
      computed: scale(q, HUNDRED),
      inputs: [],
      options,
      roundExpected: true,
    });
    if (f) {
      f.inputs = inputs;
      out.push(f);
    }
  }
  return out;
}

/** Whether the rate is off against the text's own figures (this year's and the change). */
function ownRateWrong(g: GrowthClaim, cur: Stated, options: RuleContext['options']): boolean {
  const chg = claimStated(g.change as AmountClaim).interval;
  const base = g.direction === '增加' ? sub(cur.interval, chg) : add(cur.interval, chg);
  const q = div(chg, base);
  if (!q) return false;
  return judgeEqual(stated({ ...g.rate!, unit: '%' }, '').interval, scale(q, HUNDRED), judgeOptions(options)) !== null;
}

/** A value in the compared unit (万元) shown in a figure's unit. */
function fmt(i: Interval, f?: Figure): string {
  return formatDec(f ? i.value.div(f.toBase) : i.value, f ? Math.min(f.decimals, 2) : 2);
}

function disclosureYearOf(d: Disclosure): number | undefined {
  return d.year ?? d.narrative?.year;
}

export const previousChange: Rule = {
  meta,
  check(ctx) {
    return ctx.previous ? checkChanges(ctx, ctx.previous) : [];
  },
};
