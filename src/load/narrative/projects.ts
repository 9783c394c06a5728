// 项目支出情况说明: each project's 预算安排规模 and its 资金分配情况 read as computations
// ("2000元/月*12个月*15个站=36万元"), items, stated sums (共计 …) and budget statements; and the
// 项目支出绩效目标表 printed after them.
import { Decimal, type Dec } from '../../core/decimal.js';
import { strip } from './claims/context.js';
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
  const out: ProjectRange[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i]!;
    let e = starts[i + 1] ?? text.length;
    const section = m.headings.find((h) => h.offset > s && h.level <= 1);
    if (section && section.offset < e) e = section.offset;
    out.push({ start: s, end: e });
  }
  return out;
}

interface Node {
  value: Dec;
  money: string | null;
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

  private ws() {
    while (this.pos < this.limit && this.text[this.pos] === ' ') this.pos++;
  }

  expr(): Node | null {
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
      left = { value: left.value.plus(right.value), money: left.money ?? right.money, figs: [...left.figs, ...right.figs], ops: left.ops + right.ops + 1 };
    }
  }

  term(): Node | null {
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
      left = { value: left.value.times(right.value), money: left.money ?? right.money, figs: [...left.figs, ...right.figs], ops: left.ops + right.ops + 1 };
    }
  }

  factor(): Node | null {
    this.ws();
    // "每间 80 元"
    const pre = /^每[\u4e00-\u9fff]?/.exec(this.text.slice(this.pos, this.pos + 2));
    if (pre && this.tokAt.has(this.pos + pre[0].length)) this.pos += pre[0].length;
    this.ws();
    if (this.text[this.pos] === '(') {
      const save = this.pos;
      this.pos++;
      const inner = this.expr();
      this.ws();
      if (!inner || this.text[this.pos] !== ')') {
        this.pos = save;
        return null;
      }
      this.pos++;
      return inner;
    }
    const t = this.tokAt.get(this.pos);
    if (!t || t.kind === 'percent') return null;
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
  // walk back over closed parentheticals; stop at a clause delimiter
  let i = pos - 1;
  let depth = 0;
  const chars: string[] = [];
  while (i >= floor) {
    const c = text[i]!;
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth > 0) depth--;
      i--;
      continue;
    } else if (depth === 0 && /[，,；;：:。、\n]/.test(c)) break;
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
  while (i >= floor && /[，,；;：:。、\s]/.test(text[i]!)) i--;
  return labelBefore(text, i + 1, floor);
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

/** `toks` are in stream order (as tokenize returns them); `tokAt` is tokensByStart(toks). */
export function parseProject(m: Mapped, range: ProjectRange, toks: Tok[], tokAt: Map<number, Tok> = tokensByStart(toks)): Project {
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
      parser.pos = s;
      const node = parser.expr();
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
    const context = text.slice(Math.min(prevEnd, anchor), anchor).replace(/\([^)]*\)/g, '');
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
      const sStart = Math.max(aStart, text.lastIndexOf('。', t.start) + 1);
      const count = [...inAlloc].reverse().find((c) => c.kind === 'count' && c.unit === measure && c.start >= sStart && c.start < t.start);
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
  const nm = /项目名称(.+?)项目资金/.exec(text);
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
    for (const mm of seg.matchAll(/([^\d<>=≤≥]+?)\s?(<=|≤|<|=)\s?/g)) {
      const t = tokAt.get(base + mm.index + mm[0].length);
      if (!t || t.kind !== 'money') continue;
      const name = mm[1]!.replace(/^(万元|元|%)?(\/(平方米|周期|个月|年|月|日|天|人|辆|次|套|间|个|站|台|期|件|份|批))*/, '').trim();
      const cap: CostCap = { name, op: mm[2]!, fig: strip(t), perUnit: /每|平均|人均|单价/.test(name) || (!!t.per && t.per !== '/年') };
      table.caps.push(cap);
      t.used = true;
    }
  }
  return table;
}
