// Names and dates: the department as the headings name it and every spelling of it that is close
// but not the same (规划与自然资源局 for 规划和自然资源局) or a placeholder (XX局); the year and statement the
// text is about, and the dates it states (截至 Y 年 12 月 31 日, a heading's year, a 决算 sentence's year,
// 20224年); wording left from a template ("下降（增长）", "小于（大于、等于）") or cut short ("占预算总额%").
import type { DateClaim, ExecutionClaim, NameMention, WordingClaim } from '../model.js';
import type { ClaimContext } from './context.js';
import { sentenceStart } from './context.js';

const ORG_SUFFIX = /(?:局|委员会|委|办公室|中心|研究院|院|所|站|队|厅|部|处|馆|学校|幼儿园|医院|人民政府|政府|办事处|街道|镇|乡|协会|联合会|社|公司|法院|检察院|机关工委|工委|保健院)$/;
const PLACEHOLDER = /(?:XX+|ＸＸ+|xx+|××+|某某)(?:局|委员会|委|办公室|办|中心|单位|部门|学校|医院|县|区|市|镇|乡|街道)/g;
const WORDS = '增加|减少|增长|下降|大于|小于|等于|持平|上升|降低';
const ALTERNATIVE = new RegExp(`(?:${WORDS})\\s?\\(\\s?(?:或)?(?:${WORDS})(?:[、，,](?:${WORDS}))*\\s?\\)|(?:${WORDS})[^，。()]{0,6}\\(或[^()]{0,12}(?:${WORDS})[^()]{0,6}\\)`, 'g');

export interface NameClaims {
  year?: number;
  statement?: 'budget' | 'final';
  department?: { name: string; loc: { file: string; line: number; column: number } };
  names: NameMention[];
  dates: DateClaim[];
  wordings: WordingClaim[];
}

function locAt(ctx: ClaimContext, pos: number) {
  return { file: ctx.file, line: ctx.m.line[pos]!, column: ctx.m.col[pos]! };
}

/** Levenshtein distance, for short names. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The lines the document titles itself with: its headings of parts and sections, and its first lines. */
function titleLines(ctx: ClaimContext): Array<{ text: string; pos: number }> {
  const { text, m } = ctx;
  const out: Array<{ text: string; pos: number }> = [];
  for (const h of m.headings) {
    if (h.level > 1) continue;
    const start = text[h.offset] === '\n' ? h.offset + 1 : h.offset;
    const end = text.indexOf('\n', start + 1);
    out.push({ text: text.slice(start, end < 0 ? Math.min(text.length, start + 80) : Math.min(end, start + 80)), pos: start });
  }
  const firstEnd = Math.min(text.length, 200);
  out.push({ text: text.slice(0, firstEnd).split(/[。\n]/)[0]!, pos: 0 });
  return out;
}

export function readNames(ctx: ClaimContext, executions: readonly ExecutionClaim[]): NameClaims {
  const { text } = ctx;
  const out: NameClaims = { names: [], dates: [], wordings: [] };

  // the statement: what the titles call the document (部门决算, 决算情况说明, 预算公开 …; 一般公共预算 is a name)
  const titles = titleLines(ctx);
  const STATEMENT = /(?:部门|单位)(决算|预算)|(?<!一般公共|性基金|资本经营|预)(决算|预算)(?:情况说明|说明|公开|报表|编制说明|批复)/g;
  const tallyOf = (lines: readonly string[]) => {
    let final = 0;
    let budget = 0;
    for (const l of lines) for (const mm of l.matchAll(STATEMENT)) (mm[1] ?? mm[2]) === '决算' ? final++ : budget++;
    return { final, budget };
  };
  let t = tallyOf(titles.map((x) => x.text));
  if (!t.final && !t.budget) t = tallyOf(text.split(/[。\n]/).filter((l) => !/比|较|相比|同比/.test(l)));
  if (t.final >= 1 && t.final >= 2 * t.budget) out.statement = 'final';
  else if (t.budget >= 1 && t.budget >= 2 * t.final) out.statement = 'budget';
  // the year: the one the titles give with the statement, else the one most sentences open with
  const years = new Map<number, number>();
  const add = (y: number, w: number) => {
    if (y >= 2000 && y <= 2100) years.set(y, (years.get(y) ?? 0) + w);
  };
  for (const x of titles) for (const mm of x.text.matchAll(/(\d{4})\s?年度?[^，,。；\d]{0,12}?(决算|预算)/g)) add(Number(mm[1]), (mm[2] === '决算') === (out.statement === 'final') ? 10 : 1);
  if (!years.size) for (const mm of text.matchAll(/(?:^|[。\n])\s?(?:\d{1,2}[.、]|[(（][一二三四五六七八九十]{1,3}[)）])?\s?(20\d\d)\s?年/g)) add(Number(mm[1]), 1);
  const top = [...years.entries()].sort((a, b) => b[1] - a[1]);
  if (top[0] && (!top[1] || top[0][1] > top[1][1])) out.year = top[0][0];

  // the department: the name its titles give most often
  const names = new Map<string, { n: number; pos: number }>();
  for (const t of titles) {
    if (/[，,；;]/.test(t.text)) continue;
    const cands = [
      /第[一二三四五六]部分\s?(.{4,40}?)(?:\s?\d{4}\s?年度?)?(?:部门|单位)?(?:概况|基本情况)/.exec(t.text)?.[1],
      /^(?:第[一二三四五六]部分\s?)?(.{4,40}?)\s?\d{4}\s?年度?\s?(?:部门|单位)?(?:决算|预算)/.exec(t.text)?.[1],
    ];
    for (const c of cands) {
      const name = c?.trim().replace(/^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、])\s?/, '');
      if (!name || !ORG_SUFFIX.test(name) || /[，。；]/.test(name)) continue;
      const e = names.get(name) ?? { n: 0, pos: t.pos + t.text.indexOf(name) };
      e.n++;
      names.set(name, e);
    }
  }
  const dept = [...names.entries()].sort((a, b) => b[1].n - a[1].n)[0];
  if (dept) {
    const [name, { pos }] = dept;
    out.department = { name, loc: locAt(ctx, pos) };
    const n = name.length;
    // a short name ("党政办公室") is too close to other offices' names to tell a variant from another office
    const limit = n >= 8 ? Math.max(1, Math.floor(n / 7)) : 0;
    const exact: Array<[number, number]> = [];
    for (let p = text.indexOf(name); p >= 0; p = text.indexOf(name, p + 1)) exact.push([p, p + n]);
    const found: Array<{ p: number; len: number; d: number }> = [];
    const consider = (p: number, len: number) => {
      if (p < 0 || p + len > text.length) return;
      const w = text.slice(p, p + len);
      if (w === name || w.at(-1) !== name.at(-1) || /[\n。，；]/.test(w)) return;
      if (exact.some(([s, e]) => p < e && p + len > s)) return;
      const d = distance(w, name);
      if (d <= limit && d > 0) found.push({ p, len, d });
    };
    const head = name.slice(0, 2);
    const tail = name.slice(-3);
    for (let p = text.indexOf(head); p >= 0; p = text.indexOf(head, p + 1)) for (const len of [n, n - 1, n + 1]) consider(p, len);
    for (let p = text.indexOf(tail); p >= 0; p = text.indexOf(tail, p + 1)) for (const len of [n, n - 1, n + 1]) consider(p + 3 - len, len);
    // of the windows over one spelling, the closest to the name (then the longest) is the spelling
    found.sort((a, b) => a.d - b.d || b.len - a.len || a.p - b.p);
    const taken: Array<[number, number]> = [];
    for (const f of found) {
      if (taken.some(([s, e]) => f.p < e && f.p + f.len > s)) continue;
      taken.push([f.p, f.p + f.len]);
      out.names.push({ text: text.slice(f.p, f.p + f.len), loc: locAt(ctx, f.p), kind: 'variant' });
    }
    out.names.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  }
  for (const mm of text.matchAll(PLACEHOLDER)) out.names.push({ text: mm[0], loc: locAt(ctx, mm.index), kind: 'placeholder' });

  // dates
  for (const mm of text.matchAll(/截至\s?(\d{4})\s?年\s?(?:(\d{1,2})\s?月\s?(\d{1,2})\s?日|(底|末))/g)) {
    const yearEnd = !!mm[4] || (mm[2] === '12' && mm[3] === '31');
    out.dates.push({ kind: 'cutoff', year: Number(mm[1]), raw: mm[0], yearEnd, loc: locAt(ctx, mm.index) });
  }
  for (const h of ctx.m.headings) {
    if (h.level > 2) continue;
    const start = text[h.offset] === '\n' ? h.offset + 1 : h.offset;
    const line = text.slice(start, start + 80).split(/[\n。]/)[0]!;
    // a title (no clause in it) that names a year's 决算 / 预算
    if (/[，,；;：:]/.test(line) || line.length > 48) continue;
    const hm = /(\d{4})\s?年度?[^，。]{0,30}?(决算|预算)/.exec(line);
    if (hm) out.dates.push({ kind: 'heading', year: Number(hm[1]), raw: hm[0], yearEnd: hm[2] === '决算', loc: locAt(ctx, start + hm.index) });
  }
  for (const mm of text.matchAll(/(?<![\d.])(2\d{4})\s?年/g)) out.dates.push({ kind: 'malformed', year: Number(mm[1]), raw: mm[0], yearEnd: false, loc: locAt(ctx, mm.index) });
  for (const c of executions) {
    if (!c.final || (!c.rate && !c.budget)) continue;
    const s = sentenceStart(text, c.final.fig.start);
    const sm = /^\s?(?:\d{1,2}[.、]\s?)?(\d{4})\s?年度?/.exec(text.slice(s, c.final.fig.start));
    if (sm) out.dates.push({ kind: 'subject', year: Number(sm[1]), raw: sm[0].trim(), yearEnd: false, loc: locAt(ctx, s + sm.index + sm[0].indexOf(sm[1]!)) });
  }

  // wording
  for (const mm of text.matchAll(ALTERNATIVE)) out.wordings.push({ kind: 'alternative', text: mm[0], loc: locAt(ctx, mm.index) });
  for (const mm of text.matchAll(/占[^，,。；;\d%()]{0,16}%/g)) out.wordings.push({ kind: 'numberMissing', text: mm[0], loc: locAt(ctx, mm.index) });
  out.wordings.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  out.dates.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  return out;
}
