// 项目支出情况说明: each project's 预算安排规模 and its 资金分配情况 read as computations
// ("2000元/月*12个月*15个站=36万元"), items, stated sums (共计 …) and budget statements; and the
// 项目支出绩效目标表 printed after them.
import { Decimal, type Dec } from '../../core/decimal.js';
import { strip } from './claims/context.js';
import { CLAUSE_REACH, dropParentheticals, firstAt, isClauseDelimiter, Marks } from './marks.js';
import type { BreakdownItem, CostCap, Expression, Fig, PerformanceTable, Project, SumStatement } from './model.js';
import type { Mapped } from './text.js';
import { WAN_PER, type Tok } from './tokens.js';

export interface ProjectRange {
  start: number;
  end: number;
}

/** Where each project's description stands in the stream: up to the next project or section. */
export function projectRanges(m: Mapped): ProjectRange[] {
  const text = m.text;
  const starts = [...text.matchAll(/项目名称[:：]/g)].map((x) => x.index);
  const sections = m.headings.filter((h) => h.level <= 1);
  const out: ProjectRange[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    let e = starts[i + 1] ?? text.length;
    const section = sections[firstAt(sections, s + 1, (h) => h.offset)];
    if (section && section.offset < e) e = section.offset;
    out.push({ start: s, end: e });
  }
  return out;
}

/** Parentheses a computation may nest, and figures it may combine: real ones have a few of each.
 *  Past these the words are no computation (and recursion and work stay bounded). */
export const MAX_EXPR_DEPTH = 32;
export const MAX_EXPR_FIGURES = 64;

interface Node {
  value: Dec;
  money: string | null;
  /** the figures, shared with the enclosing node as it grows (appended to, never copied) */
  figs: Tok[];
  ops: number;
}

class ExprParser {
  constructor(
    private text: string,
    private tokAt: Map<number, Tok>,
    private limit: number,
  ) {}
  pos = 0;
  private depth = 0;
  private figures = 0;
  /** where parentheses nested past MAX_EXPR_DEPTH, if they did */
  tooDeep: number | undefined;

  /** An expression from `pos`, within the bounds. */
  parse(pos: number): Node | null {
    this.pos = pos;
    this.depth = 0;
    this.figures = 0;
    this.tooDeep = undefined;
    return this.expr();
  }

  private ws() {
    while (this.pos < this.limit && this.text[this.pos] === ' ') this.pos++;
  }

  private join(left: Node, right: Node, value: Dec): Node {
    for (const f of right.figs) left.figs.push(f);
    return { value, money: left.money ?? right.money, figs: left.figs, ops: left.ops + right.ops + 1 };
  }

  private expr(): Node | null {
    let left = this.term();
    if (!left) return null;
    for (;;) {
      this.ws();
      const c = this.text[this.pos];
      if (c !== '+') return left;
      const save = this.pos;
      this.pos++;
      const right = this.term();
      if (!right) {
        this.pos = save;
        return left;
      }
      left = this.join(left, right, left.value.plus(right.value));
    }
  }

  private term(): Node | null {
    let left = this.factor();
    if (!left) return null;
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '*') return left;
      const save = this.pos;
      this.pos++;
      const right = this.factor();
      if (!right) {
        this.pos = save;
        return left;
      }
      left = this.join(left, right, left.value.times(right.value));
    }
  }

  private factor(): Node | null {
    this.ws();
    // "每间 80 元"
    const pre = /^每[\u4e00-\u9fff]?/.exec(this.text.slice(this.pos, this.pos + 2));
    if (pre && this.tokAt.has(this.pos + pre[0].length)) this.pos += pre[0].length;
    this.ws();
    if (this.text[this.pos] === '(') {
      if (this.depth >= MAX_EXPR_DEPTH) {
        this.tooDeep ??= this.pos;
        return null;
      }
      const save = this.pos;
      this.pos++;
      this.depth++;
      const inner = this.expr();
      this.depth--;
      this.ws();
      if (!inner || this.text[this.pos] !== ')') {
        this.pos = save;
        return null;
      }
      this.pos++;
      return inner;
    }
    if (this.figures >= MAX_EXPR_FIGURES) return null;
    const t = this.tokAt.get(this.pos);
    if (!t || t.kind === 'percent') return null;
    this.figures++;
    this.pos = t.end;
    // "4 间房": words after the measure word, up to an operator
    const tail = /^[\u4e00-\u9fff]{1,3}(?=\s?[*+)=])/.exec(this.text.slice(this.pos, this.pos + 5));
    if (tail) this.pos += tail[0].length;
    return { value: t.value, money: t.kind === 'money' ? t.unit : null, figs: [t], ops: 0 };
  }
}

const SUM_WORDS = /共计|合计|总计|(^|[^公])共(?![享同建])/;
const BUDGET_WORDS = /(本年度预算|本年预算|资金总投入为?|总投入为?|年度预算)$/;

function labelBefore(text: string, pos: number, floor: number): string {
  // walk back over closed parentheticals; stop at a clause delimiter (and CLAUSE_REACH back)
  let i = pos - 1;
  let depth = 0;
  const chars: string[] = [];
  const lo = Math.max(floor, pos - CLAUSE_REACH);
  while (i >= lo) {
    const c = text[i]!;
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth > 0) depth--;
      i--;
      continue;
    } else if (depth === 0 && isClauseDelimiter(c.charCodeAt(0))) break;
    if (depth === 0 && c !== ')') chars.push(c);
    i--;
  }
  return chars.reverse().join('').replace(/\s+/g, '');
}

function cleanItemLabel(s: string): string {
  return s.replace(/^\d+、/, '').replace(/(约|计|为|按|每月|每年|等|各类费用|费用约)+$/g, '').replace(/[\d.]+/g, '').trim();
}

function previousClause(text: string, pos: number, floor: number): string {
  let i = pos - 1;
  const lo = Math.max(floor, pos - CLAUSE_REACH);
  while (i >= lo && /[，,；;：:。、\s]/.test(text[i]!)) i--;
  return labelBefore(text, i + 1, floor);
}

/** Positions of 。 in a stream, for where a sentence starts. */
export function sentencePeriods(text: string): Marks {
  return new Marks(text, (c) => c === 0x3002);
}

/** Figures by start offset, built once for all the projects of a stream. */
export function tokensByStart(toks: Tok[]): Map<number, Tok> {
  return new Map(toks.map((t) => [t.start, t]));
}

/** The first index in `toks` (in stream order) that starts at or after `pos`. */
function firstAtOrAfter(toks: Tok[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (toks[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where a computation nested its parentheses too deep to be read, for a notice at that place. */
export interface TooDeep {
  line: number;
  column: number;
}

/** `toks` are in stream order (as tokenize returns them); `tokAt` is tokensByStart(toks);
 *  `periods` the positions of 。 in the stream (made once for all projects when given). */
export function parseProject(
  m: Mapped,
  range: ProjectRange,
  toks: Tok[],
  tokAt: Map<number, Tok> = tokensByStart(toks),
  periods: Marks = sentencePeriods(m.text),
  tooDeep: TooDeep[] = [],
): Project {
  const text = m.text;
  const inRange = toks.slice(firstAtOrAfter(toks, range.start), firstAtOrAfter(toks, range.end));
  const head = text.slice(range.start, range.end);
  const nm = /项目名称[:：](.+?)(?=设立政策依据|预算安排规模|项目承担单位|资金分配情况|$)/.exec(head);
  const project: Project = {
    name: (nm?.[1] ?? '').trim(),
    loc: { file: '', line: m.line[range.start]!, column: m.col[range.start]! },
    budgetStatements: [],
    items: [],
    sums: [],
    expressions: [],
  };
  const sm = /预算安排规模[:：]\s?/.exec(head);
  if (sm) {
    const t = tokAt.get(range.start + sm.index + sm[0].length);
    if (t && t.kind === 'money') {
      project.scale = strip(t);
      t.used = true;
    }
  }
  const allocs = [...head.matchAll(/资金分配情况[:：]/g)];
  if (!allocs.length) return project;
  const aStart = range.start + allocs[allocs.length - 1]!.index + allocs[allocs.length - 1]![0].length;
  const em = /资金执行时间/.exec(text.slice(aStart, range.end));
  const aEnd = em ? aStart + em.index : range.end;
  const inAlloc = inRange.filter((t) => t.start >= aStart && t.start < aEnd);

  // computations first: their factors are no items
  const consumed = new Set<Tok>();
  const parser = new ExprParser(text, tokAt, aEnd);
  const exprResults = new Map<Tok, Expression>();
  for (const t of inAlloc) {
    if (consumed.has(t)) continue;
    const starts = text[t.start - 1] === '(' && !consumed.has(t) ? [t.start - 1, t.start] : [t.start];
    for (const s of starts) {
      const node = parser.parse(s);
      // once per line: the attempts go along the stream, so a line's come together
      if (parser.tooDeep !== undefined && tooDeep[tooDeep.length - 1]?.line !== m.line[parser.tooDeep]) {
        tooDeep.push({ line: m.line[parser.tooDeep]!, column: m.col[parser.tooDeep]! });
      }
      if (!node || node.ops === 0) continue;
      const afterExpr = parser.pos;
      const eq = /^\s?=\s?/.exec(text.slice(afterExpr, afterExpr + 3));
      let result: Tok | undefined;
      if (eq) result = tokAt.get(afterExpr + eq[0].length);
      else if (text[afterExpr - 1] === ')' && s === t.start - 1) result = tokAt.get(afterExpr) ?? tokAt.get(afterExpr + 1);
      if (!result || result.kind !== 'money') continue;
      const resultWan = WAN_PER[result.unit]!;
      let computedScale: Dec;
      let unitInferred = false;
      if (node.money) computedScale = WAN_PER[node.money]!;
      else {
        // no unit on the left: take the reading (元 or the result's unit) closer to the result
        unitInferred = true;
        const stated = result.value.times(resultWan);
        const cands = [resultWan, WAN_PER['元']!];
        computedScale = cands.reduce((a, b) => (node.value.times(a).minus(stated).abs().lte(node.value.times(b).minus(stated).abs()) ? a : b));
      }
      const e: Expression = {
        text: text.slice(s, result.end),
        loc: { file: '', line: m.line[s]!, column: m.col[s]! },
        factors: node.figs.map(strip),
        computed: node.value,
        computedScale,
        unitInferred,
        result: strip(result),
      };
      project.expressions.push(e);
      exprResults.set(result, e);
      for (const f of node.figs) {
        consumed.add(f);
        f.used = true;
      }
      consumed.add(result);
      result.used = true;
      break;
    }
  }

  // then every money figure: a budget statement, a stated sum, a rate, or an item
  const countsByUnit = new Map<string, Tok[]>();
  for (const c of inAlloc) {
    if (c.kind !== 'count') continue;
    const list = countsByUnit.get(c.unit);
    if (list) list.push(c);
    else countsByUnit.set(c.unit, [c]);
  }
  let pending: BreakdownItem[] = [];
  let prevEnd = aStart;
  for (const t of inAlloc) {
    if (t.kind !== 'money') continue;
    if (consumed.has(t) && !exprResults.has(t)) continue;
    const expr = exprResults.get(t);
    const anchor = expr ? text.indexOf(expr.text, Math.max(aStart, t.start - expr.text.length - 2)) : t.start;
    const clauseRaw = labelBefore(text, anchor, aStart);
    const clause = clauseRaw.replace(/约$/, '');
    const approx = /约\s?$/.test(text.slice(t.start - 2, t.start));
    const context = dropParentheticals(text.slice(Math.min(prevEnd, anchor), anchor));
    prevEnd = t.end;
    if (expr) {
      if (t.per && t.per !== '/年') continue; // 1.424 万元/天: a step, not an item
      let label = cleanItemLabel(clauseRaw) || cleanItemLabel(previousClause(text, anchor - clauseRaw.length, aStart));
      if (/[*=/]/.test(label)) label = ''; // the step of a chain ("1.424万元*30天=42.72万元/月，42.72万元*12月=…")
      const item: BreakdownItem = { label, context, fig: strip(t), expression: expr, approx };
      const exactWan = expr.computed.times(expr.computedScale);
      if (exactWan.minus(t.value.times(WAN_PER[t.unit]!)).abs().lte(new Decimal(5).times(new Decimal(10).pow(-t.decimals - 1)).times(WAN_PER[t.unit]!))) item.exactWan = exactWan;
      project.items.push(item);
      pending.push(item);
      continue;
    }
    if (BUDGET_WORDS.test(clause)) {
      project.budgetStatements.push(strip(t));
      t.used = true;
      continue;
    }
    const sumClause = clause || previousClause(text, t.start - clauseRaw.length, aStart);
    if (SUM_WORDS.test(sumClause)) {
      const st: SumStatement = { fig: strip(t), approx, items: pending, final: true };
      project.sums.push(st);
      pending = [];
      t.used = true;
      continue;
    }
    const every = (clause.match(/每/g) ?? []).length;
    if ((t.per && t.per !== '/年') || every > 1) {
      t.reason = 'rate';
      continue;
    }
    if (every === 1) {
      // "开展 5 次 … 每次约 20 万元": the count times the rate
      const measure = /每([\u4e00-\u9fff])/.exec(clause)?.[1];
      const period = periods.last(t.start);
      const sStart = Math.max(aStart, period + 1);
      const list = measure === undefined ? undefined : countsByUnit.get(measure);
      const count = list?.[firstAt(list, t.start, (c) => c.start) - 1];
      if (count && count.start < sStart) {
        t.reason = 'rate';
        continue;
      }
      if (!count) {
        t.reason = 'rate';
        continue;
      }
      const item: BreakdownItem = {
        label: cleanItemLabel(clause),
        context,
        fig: { ...strip(t), value: t.value.times(count.value), raw: `${count.raw}*${t.raw}` },
        derivedFrom: [strip(count), strip(t)],
        approx,
      };
      count.used = true;
      t.used = true;
      project.items.push(item);
      pending.push(item);
      continue;
    }
    const label = cleanItemLabel(clauseRaw) || cleanItemLabel(previousClause(text, t.start - clauseRaw.length, aStart));
    const item: BreakdownItem = { label, context, fig: strip(t), approx };
    t.used = true;
    project.items.push(item);
    pending.push(item);
  }
  for (const s of project.sums) s.final = false;
  const last = project.sums[project.sums.length - 1];
  if (last && pending.length === 0) last.final = true;
  return project;
}

/** Reads the 项目支出绩效目标表 blocks (lines already joined into one stream each). */
export function parsePerformance(m: Mapped, toks: Tok[]): PerformanceTable {
  const text = m.text;
  const tokAt = new Map(toks.map((t) => [t.start, t]));
  // (a name is short: the bound keeps a search from each 项目名称 from running to the line's end)
  const nm = /项目名称(.{1,200}?)项目资金/.exec(text);
  const table: PerformanceTable = {
    name: (nm?.[1] ?? '').trim(),
    loc: { file: '', line: m.line[0] ?? 1, column: m.col[0] ?? 1 },
    caps: [],
  };
  const take = (re: RegExp): Fig | undefined => {
    const mm = re.exec(text);
    if (!mm) return undefined;
    const t = tokAt.get(mm.index + mm[0].length);
    if (!t) return undefined;
    t.used = true;
    return { ...strip(t), unit: t.kind === 'money' ? t.unit : '万元' };
  };
  const total = take(/年度资金总\s?额[:：]?\s?/);
  const fiscal = take(/财政拨\s?款\s?/);
  const other = take(/其他资金\s?/);
  if (total) table.total = total;
  if (fiscal) table.fiscal = fiscal;
  if (other) table.other = other;
  const cm = /成本指标/.exec(text);
  if (cm) {
    const end = text.indexOf('效益指标', cm.index);
    const seg = text.slice(cm.index + 4, end < 0 ? text.length : end);
    const base = cm.index + 4;
    for (const mm of capsIn(seg)) {
      const t = tokAt.get(base + mm.index + mm.length);
      if (!t || t.kind !== 'money') continue;
      const name = mm.name.replace(/^(万元|元|%)?(\/(平方米|周期|个月|年|月|日|天|人|辆|次|套|间|个|站|台|期|件|份|批))*/, '').trim();
      const cap: CostCap = { name, op: mm.op, fig: strip(t), perUnit: /每|平均|人均|单价/.test(name) || (!!t.per && t.per !== '/年') };
      table.caps.push(cap);
      t.used = true;
    }
  }
  return table;
}

const NOT_IN_NAME = /[\d<>=≤≥]/;
const SPACE = /\s/;

/**
 * The matches of /([^\d<>=≤≥]+?)\s?(<=|≤|<|=)\s?/g in one pass: a name runs up to the first digit
 * or comparison sign, and is a cap's when that sign is <, ≤ or = (a regular expression would
 * try again from every character of a long run without one, at the square of its length).
 */
export function capsIn(seg: string): Array<{ index: number; length: number; name: string; op: string }> {
  const out: Array<{ index: number; length: number; name: string; op: string }> = [];
  let s = 0;
  while (s < seg.length) {
    let e = s;
    while (e < seg.length && !NOT_IN_NAME.test(seg[e]!)) e++;
    const c = seg[e];
    if (e === s || (c !== '<' && c !== '≤' && c !== '=')) {
      s = e + 1;
      continue;
    }
    // the lazy name leaves one white space before the sign to \s?
    const nameEnd = e - 1 > s && SPACE.test(seg[e - 1]!) ? e - 1 : e;
    const op = seg.startsWith('<=', e) ? '<=' : c;
    let end = e + op.length;
    if (end < seg.length && SPACE.test(seg[end]!)) end++;
    out.push({ index: s, length: end - s, name: seg.slice(s, nameEnd), op });
    s = end;
  }
  return out;
}
