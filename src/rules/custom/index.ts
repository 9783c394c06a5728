// Custom declarative rules from configuration: an assertion over published figures, judged with
// the same rounding intervals as the built-in rules (a gap that rounding explains is a warning).
import {
  add,
  div,
  exact,
  judgeAtMost,
  judgeEqual,
  mul,
  neg,
  sub,
  type Interval,
  type Verdict,
  ZERO,
} from '../../core/decimal.js';
import type { Bilingual, Finding, FindingLocation } from '../../core/findings.js';
import { tableById } from '../../layout/index.js';
import type { LayoutProfile } from '../../layout/types.js';
import { COLUMN_LABEL, normalizeLabel, stripNumbering } from '../../load/aliases.js';
import { UNIT_IN_WAN } from '../../load/constants.js';
import type { Disclosure, Row, Table, Unit } from '../../load/model.js';
import { figure, judgeOptions, locationOf, report, tableLocation, tableShort, type Figure } from '../figures.js';
import type { CheckOptions, Rule, RuleMeta } from '../types.js';
import { ExpressionError, parseAssertion, pointAt, type Assertion, type Expr, type RefNode, type SumNode } from './parse.js';

export { ExpressionError, parseAssertion, pointAt } from './parse.js';

export interface CustomRuleSpec {
  id: string;
  /** e.g. "T6['30214'].合计 <= 50" or "T3.total.合计 = T5.total.合计 + T9.total.合计" */
  assert: string;
  /** message template; {actual} {expected} {difference} {unit} {assert} {id} are filled in */
  message?: string | Bilingual;
  /** 'warning': findings are at most warnings; 'error' (default): as the rounding intervals decide */
  severity?: 'error' | 'warning';
  description?: string;
}

const DEFAULT_MESSAGE: Bilingual = {
  zh: '自定义规则“{assert}”不成立：左边为 {actual}，右边为 {expected}，差额 {difference}',
  en: 'custom rule "{assert}" does not hold: left side {actual}, right side {expected}, difference {difference}',
};

/** Figures a side of the assertion used, and its value; or why it cannot be evaluated. */
type Value = { ok: true; interval: Interval; figures: Figure[]; tables: Table[] } | { ok: false; why: Bilingual; table?: Table; skip?: boolean };

function rowsNamed(table: Table, name: string): Row[] | Bilingual {
  // 收入总计 / 支出总计 pick the total row of that side of a two-sided table (表一, 表四)
  const total = /^(收入|支出)?(总计|合计)$/.exec(name);
  if (total) {
    const side = total[1] === '收入' ? 'income' : total[1] === '支出' ? 'expense' : undefined;
    const t = table.rows.find((r) => r.isTotal && (side === undefined || r.side === undefined || r.side === side));
    if (t) return [t];
  }
  const rows = table.rows.filter(
    (r) => normalizeLabel(stripNumbering(r.name)) === name || (r.project !== undefined && normalizeLabel(r.project) === name),
  );
  // an unprinted code holds nothing, but a name that matches no row is more likely a typo
  if (!rows.length) return { zh: `${tableShort(table).zh}中没有名为“${name}”的行`, en: `${tableShort(table).en} has no row named "${name}"` };
  return rows;
}

function selectRows(table: Table, node: RefNode): Row[] | Bilingual {
  switch (node.row.kind) {
    case 'code': {
      const code = node.row.code;
      return table.rows.filter((r) => r.code === code);
    }
    case 'name':
      return rowsNamed(table, node.row.name);
    case 'total': {
      const t = table.rows.find((r) => r.isTotal);
      return t ? [t] : { zh: `${tableShort(table).zh}没有合计行`, en: `${tableShort(table).en} has no total row` };
    }
    case 'only': {
      const t = table.rows.find((r) => r.isTotal);
      if (t) return [t];
      if (table.rows.length === 1) return [table.rows[0]!];
      return { zh: `${node.text}：${tableShort(table).zh}有多行，须指明行`, en: `${node.text}: ${tableShort(table).en} has several rows; name one` };
    }
  }
}

/** Rows with the prefix that have no more detailed row below them, so 类 and 款 subtotals are not counted twice. */
function leafRows(table: Table, prefix: string): Row[] {
  const coded = table.rows.filter((r) => r.code !== undefined && !r.isTotal && r.code.startsWith(prefix));
  return coded.filter((r) => !coded.some((o) => o.code!.length > r.code!.length && o.code!.startsWith(r.code!)));
}

function figuresOf(table: Table, rows: Row[], node: RefNode | SumNode): Figure[] | Bilingual {
  const out: Figure[] = [];
  if (!table.columns.some((c) => c.id === node.col)) {
    return { zh: `${tableShort(table).zh}没有“${COLUMN_LABEL[node.col].zh}”列`, en: `${tableShort(table).en} has no "${COLUMN_LABEL[node.col].en}" column` };
  }
  for (const r of rows) {
    const f = figure(table, r, node.col);
    if (f) out.push(f);
  }
  return out;
}

function evaluate(e: Expr, d: Disclosure, layout: LayoutProfile): Value {
  switch (e.type) {
    case 'num':
      return { ok: true, interval: exact(e.value), figures: [], tables: [] };
    case 'ref':
    case 'sum': {
      const lt = tableById(layout, e.table);
      if (!lt) return { ok: false, why: { zh: `版式“${layout.name.zh}”中没有 ${e.table}`, en: `the layout "${layout.name.en}" has no ${e.table}` } };
      const table = d.tables[lt.role];
      // a missing table is the missing-table rule's finding, not this rule's
      if (!table) return { ok: false, why: { zh: `缺少${lt.number.zh}`, en: `${lt.number.en} is missing` }, skip: true };
      const rows = e.type === 'sum' ? leafRows(table, e.prefix) : selectRows(table, e);
      if (!Array.isArray(rows)) return { ok: false, why: rows, table };
      const figs = figuresOf(table, rows, e);
      if (!Array.isArray(figs)) return { ok: false, why: figs, table };
      // a row that is not printed holds nothing: 0
      let acc = exact(ZERO);
      for (const f of figs) acc = add(acc, f.interval);
      return { ok: true, interval: acc, figures: figs, tables: [table] };
    }
    case 'neg': {
      const v = evaluate(e.arg, d, layout);
      return v.ok ? { ...v, interval: neg(v.interval) } : v;
    }
    case 'bin': {
      const l = evaluate(e.left, d, layout);
      if (!l.ok) return l;
      const r = evaluate(e.right, d, layout);
      if (!r.ok) return r;
      let interval: Interval | undefined;
      if (e.op === '+') interval = add(l.interval, r.interval);
      else if (e.op === '-') interval = sub(l.interval, r.interval);
      else if (e.op === '*') interval = mul(l.interval, r.interval);
      else interval = div(l.interval, r.interval);
      if (!interval) return { ok: false, why: { zh: '除数为零（或可能为零）', en: 'division by zero (or by a figure that may be zero)' } };
      return { ok: true, interval, figures: [...l.figures, ...r.figures], tables: [...l.tables, ...r.tables] };
    }
  }
}

function judge(a: Assertion, left: Interval, right: Interval, options: CheckOptions): Verdict | null {
  const o = judgeOptions(options);
  switch (a.op) {
    case '=':
      return judgeEqual(left, right, o);
    case '<=':
      return judgeAtMost(left, right, o);
    case '>=':
      return judgeAtMost(right, left, o);
    case '<':
    case '>': {
      const [small, big] = a.op === '<' ? [left, right] : [right, left];
      if (small.value.lt(big.value)) return null;
      // equal published figures may still stand for values in the right order
      if (small.value.eq(big.value)) return { severity: o.strict ? 'error' : 'warning', difference: small.value.minus(big.value), roundingExplains: true };
      return judgeAtMost(small, big, o);
    }
  }
}

export function compileCustomRule(spec: CustomRuleSpec): Rule {
  const assertion = parseAssertion(spec.assert);
  const message: Bilingual = typeof spec.message === 'string' ? { zh: spec.message, en: spec.message } : (spec.message ?? DEFAULT_MESSAGE);
  const meta: RuleMeta = {
    id: spec.id,
    // the message is a template with {placeholders}: not a title
    title: spec.description ? { zh: spec.description, en: spec.description } : { zh: `自定义规则：${spec.assert}`, en: `custom rule: ${spec.assert}` },
    description: { zh: spec.description ?? spec.assert, en: spec.description ?? spec.assert },
    rationale: { zh: `配置文件中的自定义规则：${spec.assert}`, en: `A custom rule from the configuration file: ${spec.assert}` },
    defaultSeverity: spec.severity ?? 'error',
    messages: { violated: message },
  };
  return {
    meta,
    check({ disclosure, options, layout }): Finding[] {
      const l = evaluate(assertion.left, disclosure, layout);
      const r = l.ok ? evaluate(assertion.right, disclosure, layout) : l;
      if (!l.ok || !r.ok) {
        const bad = (!l.ok ? l : r) as Extract<Value, { ok: false }>;
        if (bad.skip) return [];
        const t = bad.table ?? Object.values(disclosure.tables)[0];
        if (!t) return [];
        return [
          {
            ruleId: spec.id,
            messageId: 'cannot',
            severity: 'info',
            message: { zh: `无法计算自定义规则“${spec.assert}”：${bad.why.zh}`, en: `cannot evaluate custom rule "${spec.assert}": ${bad.why.en}` },
            location: tableLocation(t),
          },
        ];
      }
      const verdict = judge(assertion, l.interval, r.interval, options);
      if (!verdict) return [];
      // amounts in the unit and precision of the left-hand figure; the difference is left − right
      const first = l.figures[0];
      const unit: Unit = (first?.unit as Unit | undefined) ?? '万元';
      const stated: Figure = {
        interval: l.interval,
        unit,
        toBase: UNIT_IN_WAN[unit],
        decimals: Math.max(2, ...l.figures.map((f) => f.decimals)),
        loc: first?.loc ?? { file: disclosure.path, line: 1, column: 1 },
        label: first?.label ?? { zh: spec.assert, en: spec.assert },
        blank: false,
      };
      const fallback = l.tables[0] ?? r.tables[0] ?? Object.values(disclosure.tables)[0];
      const at: FindingLocation = first ? locationOf(first) : fallback ? tableLocation(fallback) : { file: disclosure.path, line: 1, column: 1 };
      return [
        report(
          {
            meta,
            messageId: 'violated',
            data: { assert: spec.assert, id: spec.id },
            stated,
            computed: r.interval,
            inputs: [...l.figures, ...r.figures],
            at,
            ...(spec.severity === 'warning' ? { maxSeverity: 'warning' as const } : {}),
          },
          { ...verdict, difference: l.interval.value.minus(r.interval.value) },
        ),
      ];
    },
  };
}

/** "customRules[0].assert (local/x): unexpected … at column 7" with the expression and a caret. */
export function describeExpressionError(e: ExpressionError, spec: { assert: string }): string {
  return `${e.message} ${pointAt(spec.assert, e.index)}`;
}
