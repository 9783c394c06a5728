// The expression language of custom rules: a tokenizer and a recursive-descent parser into an AST.
// Nothing here is ever evaluated as JavaScript.
//
//   assertion := expr ('=' | '==' | '<=' | '>=' | '<' | '>' | '≤' | '≥') expr
//   expr      := term (('+' | '-' | '−') term)*
//   term      := factor (('*' | '×' | '/' | '÷') factor)*
//   factor    := '-' factor | primary
//   primary   := number [元 | 千元 | 万元] | '(' expr ')' | 'sum' '(' ref ')' | ref
//   ref       := table [ '[' string ']' | '.' 'total' ] ( '.' column | '[' string ']' )
import { Decimal, type Dec } from '../../core/decimal.js';
import { columnKeyOf, normalizeLabel, stripNumbering } from '../../load/aliases.js';
import { COLUMN_KEYS, UNIT_IN_WAN, type ColumnKey, type Unit } from '../../load/constants.js';
import { COLUMN_LABEL } from '../../load/aliases.js';

export type CmpOp = '=' | '<=' | '>=' | '<' | '>';
export type ArithOp = '+' | '-' | '*' | '/';

export type RowSelector = { kind: 'code'; code: string } | { kind: 'name'; name: string } | { kind: 'total' } | { kind: 'only' };

export interface RefNode {
  type: 'ref';
  /** the layout's table id (T5) */
  table: string;
  row: RowSelector;
  col: ColumnKey;
  /** the reference as written, for messages */
  text: string;
  pos: number;
}
export interface SumNode {
  type: 'sum';
  /** the layout's table id (T5) */
  table: string;
  /** code prefix; '' sums every coded row */
  prefix: string;
  col: ColumnKey;
  text: string;
  pos: number;
}
export interface NumNode {
  type: 'num';
  /** in 万元 */
  value: Dec;
  pos: number;
}
export interface NegNode {
  type: 'neg';
  arg: Expr;
  pos: number;
}
export interface BinNode {
  type: 'bin';
  op: ArithOp;
  left: Expr;
  right: Expr;
  pos: number;
}
export type Expr = RefNode | SumNode | NumNode | NegNode | BinNode;

export interface Assertion {
  op: CmpOp;
  left: Expr;
  right: Expr;
}

/** A parse error at a character (0-based index into the expression). */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type TokKind = 'num' | 'ident' | 'str' | 'op' | 'eof';
interface Token {
  kind: TokKind;
  text: string;
  pos: number;
  /** num: unit suffix; str: the unquoted value */
  value?: string;
}

const NUMBER = /(\d+(?:\.\d+)?)(万元|千元|元)?/y;
const OPERATORS = ['==', '<=', '>=', '≤', '≥', '=', '<', '>', '+', '-', '−', '*', '×', '/', '÷', '(', ')', '[', ']', '.'];
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_（）]/u;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src)!;
      out.push({ kind: 'num', text: m[0], pos: i, value: m[2] ?? '' });
      i += m[0].length;
      if (i < src.length && /[0-9.]/.test(src[i]!)) throw new ExpressionError(`malformed number`, i);
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '‘' || ch === '“') {
      const close = ch === '‘' ? '’' : ch === '“' ? '”' : ch;
      const end = src.indexOf(close, i + 1);
      if (end < 0) throw new ExpressionError(`unterminated string (missing ${close})`, i);
      out.push({ kind: 'str', text: src.slice(i, end + 1), pos: i, value: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j]!)) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(`unexpected character "${ch}"`, i);
    out.push({ kind: 'op', text: normalizeOp(op), pos: i });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '', pos: src.length });
  return out;
}

function normalizeOp(op: string): string {
  return ({ '==': '=', '≤': '<=', '≥': '>=', '−': '-', '×': '*', '÷': '/' } as Record<string, string>)[op] ?? op;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** T5, 表五, 表5 → "T5"; TSC stays: the layout's own ids (budgetlint layouts lists them). */
export function tableId(name: string): string | undefined {
  if (/^T\d{1,2}$/i.test(name) || /^TSC$/i.test(name)) return name.toUpperCase();
  const m = /^表(\d{1,2}|[一二三四五六七八九十]{1,3})$/.exec(name);
  if (!m) return undefined;
  const n = /\d/.test(m[1]!) ? Number(m[1]) : chinese(m[1]!);
  return n > 0 ? `T${n}` : undefined;
}

function chinese(s: string): number {
  if (s.length === 1) return CN_DIGITS[s] ?? 0;
  if (s[0] === '十') return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s[1] === '十') return (CN_DIGITS[s[0]!] ?? 0) * 10 + (s[2] ? CN_DIGITS[s[2]] ?? 0 : 0);
  return 0;
}

/** A column by its printed header (合计, 基本支出, 公务接待费 …) or by its key (total, basic, e302 …). */
export function columnByName(name: string): ColumnKey | undefined {
  if ((COLUMN_KEYS as readonly string[]).includes(name)) return name as ColumnKey;
  const n = normalizeLabel(name);
  const byLabel = COLUMN_KEYS.find((k) => normalizeLabel(COLUMN_LABEL[k].zh) === n);
  return byLabel ?? columnKeyOf(n);
}

const TABLE_LIST = 'T1, T2 … or 表一, 表二 … as the layout numbers its tables; TSC';

/** Levels an expression may nest: parentheses, unary minus and chained operators each add one.
 *  Evaluation recurses once per level, so the bound keeps it far from any thread's stack limit
 *  and makes the outcome the same on every thread. */
export const MAX_EXPRESSION_DEPTH = 100;

class Parser {
  private i = 0;
  /** levels open while parsing (parentheses and unary minus being read) */
  private open = 0;
  /** depth of each node built: a chain a+b+c… is as deep as it is long */
  private readonly depth = new WeakMap<Expr, number>();
  constructor(
    private readonly src: string,
    private readonly toks: Token[],
  ) {}

  private tooDeep(at: number): ExpressionError {
    return new ExpressionError(`the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`, at);
  }

  private enter(at: number): void {
    if (++this.open > MAX_EXPRESSION_DEPTH) throw this.tooDeep(at);
  }

  private node<T extends Expr>(e: T, ...children: Expr[]): T {
    let d = 0;
    for (const c of children) d = Math.max(d, this.depth.get(c) ?? 1);
    if (d + 1 > MAX_EXPRESSION_DEPTH) throw this.tooDeep(e.pos);
    this.depth.set(e, d + 1);
    return e;
  }

  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    return this.toks[this.i++]!;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private found(t: Token): string {
    return t.kind === 'eof' ? 'the end of the expression' : `"${t.text}"`;
  }
  private expectOp(text: string, what = `"${text}"`): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) throw new ExpressionError(`expected ${what} but found ${this.found(t)}`, t.pos);
    return this.next();
  }

  assertion(): Assertion {
    const left = this.expr();
    const t = this.peek();
    if (t.kind !== 'op' || !['=', '<=', '>=', '<', '>'].includes(t.text)) {
      throw new ExpressionError(`expected a comparison (=, <=, >=, <, >) but found ${this.found(t)}`, t.pos);
    }
    this.next();
    const right = this.expr();
    const end = this.peek();
    if (end.kind !== 'eof') {
      const again = end.kind === 'op' && ['=', '<=', '>=', '<', '>'].includes(end.text);
      throw new ExpressionError(again ? 'only one comparison is allowed' : `unexpected ${this.found(end)}`, end.pos);
    }
    return { op: t.text as CmpOp, left, right };
  }

  private expr(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      const right = this.term();
      left = this.node({ type: 'bin', op: op.text as ArithOp, left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private term(): Expr {
    let left = this.factor();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.next();
      const right = this.factor();
      left = this.node({ type: 'bin', op: op.text as ArithOp, left, right, pos: op.pos }, left, right);
    }
    return left;
  }

  private factor(): Expr {
    if (this.isOp('-')) {
      const op = this.next();
      this.enter(op.pos);
      const arg = this.factor();
      this.open--;
      return this.node({ type: 'neg', arg, pos: op.pos }, arg);
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.next();
      const unit = (t.value || '万元') as Unit;
      return { type: 'num', value: new Decimal(t.text.slice(0, t.text.length - (t.value ?? '').length)).times(UNIT_IN_WAN[unit]), pos: t.pos };
    }
    if (t.kind === 'op' && t.text === '(') {
      this.next();
      this.enter(t.pos);
      const e = this.expr();
      this.expectOp(')');
      this.open--;
      return e;
    }
    if (t.kind === 'ident' && t.text.toLowerCase() === 'sum' && this.toks[this.i + 1]?.text === '(') {
      this.next();
      this.next();
      const ref = this.ref(true);
      this.expectOp(')', '")" after the reference inside sum(…)');
      return ref;
    }
    if (t.kind === 'ident') return this.ref(false);
    throw new ExpressionError(`expected a number, a table reference (${TABLE_LIST}) or "(" but found ${this.found(t)}`, t.pos);
  }

  private ref(inSum: boolean): RefNode | SumNode {
    const start = this.next();
    const table = start.kind === 'ident' ? tableId(start.text) : undefined;
    if (start.kind !== 'ident' || !table) throw new ExpressionError(`unknown table "${start.text}" (expected ${TABLE_LIST})`, start.pos);
    let row: RowSelector = { kind: 'only' };
    let prefix: string | undefined;
    if (this.isOp('[')) {
      this.next();
      const s = this.peek();
      if (s.kind !== 'str') throw new ExpressionError(`expected a quoted row code or name, such as '30214' or '公务接待费', but found ${this.found(s)}`, s.pos);
      this.next();
      const v = s.value!.trim();
      if (/^\d*\*$/.test(v)) {
        if (!inSum) throw new ExpressionError(`a code prefix such as '${v}' is only allowed inside sum(…)`, s.pos);
        if (v !== '*' && !/^\d{3}(\d{2}){0,2}\*$/.test(v)) throw new ExpressionError(`a code prefix has 3, 5 or 7 digits before "*"`, s.pos);
        prefix = v.slice(0, -1);
      } else if (/^\d+$/.test(v)) {
        if (!/^\d{3}(\d{2}){0,2}$/.test(v)) throw new ExpressionError(`a classification code has 3, 5 or 7 digits`, s.pos);
        row = { kind: 'code', code: v };
      } else if (v === '') {
        throw new ExpressionError('empty row name', s.pos);
      } else {
        row = { kind: 'name', name: normalizeLabel(stripNumbering(v)) };
      }
      this.expectOp(']');
    } else if (this.isOp('.') && this.toks[this.i + 1]?.text === 'total' && ['.', '['].includes(this.toks[this.i + 2]?.text ?? '')) {
      // ".total" names the 合计 row only when a column follows; "T8.total" alone is the column
      this.next();
      this.next();
      row = { kind: 'total' };
    }
    if (inSum && prefix === undefined) {
      const at = this.peek();
      throw new ExpressionError(`sum(…) takes a code prefix such as T3['201*']`, at.pos);
    }
    let col: ColumnKey | undefined;
    const colTok = this.peek();
    if (this.isOp('.')) {
      this.next();
      const c = this.peek();
      if (c.kind !== 'ident') throw new ExpressionError(`expected a column name such as 合计 but found ${this.found(c)}`, c.pos);
      this.next();
      col = columnByName(c.text);
      if (!col) {
        const paren = this.isOp('(') ? ` (for a header with ASCII parentheses write ['…'] or use （）)` : '';
        throw new ExpressionError(`unknown column "${c.text}"${paren}`, c.pos);
      }
    } else if (this.isOp('[') && this.toks[this.i + 1]?.kind === 'str') {
      this.next();
      const c = this.next();
      col = columnByName(c.value!.trim());
      if (!col) throw new ExpressionError(`unknown column "${c.value}"`, c.pos);
      this.expectOp(']');
    } else {
      throw new ExpressionError(`expected "." and a column name (such as .合计) but found ${this.found(colTok)}`, colTok.pos);
    }
    const text = this.src.slice(start.pos, this.toks[this.i - 1]!.pos + this.toks[this.i - 1]!.text.length);
    if (prefix !== undefined) return { type: 'sum', table, prefix, col, text: `sum(${text})`, pos: start.pos };
    return { type: 'ref', table, row, col, text, pos: start.pos };
  }

  parse(): Assertion {
    return this.assertion();
  }
}

export function parseAssertion(src: string): Assertion {
  return new Parser(src, tokenize(src)).parse();
}

/** Display width of a string in a terminal: CJK and full-width forms take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return w;
}

/** "at column N", then the expression and a caret under the offending character. */
export function pointAt(src: string, index: number): string {
  const col = [...src.slice(0, index)].length + 1;
  return `at column ${col}\n    ${src}\n    ${' '.repeat(width(src.slice(0, index)))}^`;
}
