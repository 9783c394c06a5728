// 科目汇总: a 类 row is the sum of its 款 rows, a 款 row the sum of its 项 rows (or, in a project
// table, of the projects under it); in a summary table an item is the sum of its parts (财政拨款 =
// 一般公共预算 + 政府性基金 …); in an outline (收入预算总表, 政府采购预算表) a group is the sum of its
// lines. A “其中” line may not exceed its parent.
import type { Finding } from '../../core/findings.js';
import type { Side } from '../../core/vocabulary.js';
import type { Row, Table } from '../../load/model.js';
import { compare, figure, sumFigures, type Figure } from '../figures.js';
import type { Rule, RuleContext, RuleMeta } from '../types.js';
import { amountIds, dataRows, sidesOf } from './shared.js';

const meta: RuleMeta = {
  id: 'rollup',
  title: { zh: '类、款、项及各级项目逐级汇总', en: 'Roll-ups: classes, items and groups' },
  description: {
    zh: '功能分类的“类”等于其下各“款”之和，“款”等于其下各“项”之和（项目表中为其下各项目之和）；经济分类的“类”等于其下各“款”之和；每个金额列分别核对。收支总表中，上级项目等于其下各项之和（如财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算，按“一、”“1.”编号或项目名称判断层级）；版式为分级列示的表（收入预算总表、政府采购预算表）中，小计或上级行等于其下各行之和。“其中”行不得超过其所属的行。',
    en: 'A functional class (类) equals the sum of its 款 rows, a 款 the sum of its 项 rows (in a project table, of the projects under it); an economic class equals the sum of its 款 rows; every amount column is checked. In a summary table a listed item equals its parts (appropriations = general budget + funds + state capital, by the numbering 一、/1. or the item names); in an outline table (revenue by source, procurement) a subtotal or group row equals the rows under it. A "of which" (其中) row may not exceed its parent.',
  },
  rationale: {
    zh: '政府收支分类科目和公开表的分项列示都是层级结构，上级金额必须等于下级之和；逐级汇总漂移是公开表中最常见的错误之一。',
    en: 'The classification and the itemised lists of a disclosure are hierarchies: a parent line must equal the sum of its children. Roll-ups that drift are among the commonest errors in published tables.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但其下 {count} 个{level}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but its {count} {level} rows add up to {expected} (difference {difference})',
    },
    items: {
      zh: '{stated}为 {actual}，但其下{parts}之和为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but its parts {parts} add up to {expected} (difference {difference})',
    },
    ofWhich: {
      zh: '“其中”项{stated}为 {actual}，超过其所属的{parent} {expected}，超出 {difference}',
      en: '"of which" line {stated} is {actual}, more than its parent {parent} {expected} (excess {difference})',
    },
  },
};

const LEVEL_NAME = [
  { zh: '', en: '' },
  { zh: '类', en: 'class' },
  { zh: '款', en: '款' },
  { zh: '项', en: '项' },
];

/** Children by code prefix, one pass: each coded row's parent is the nearest shorter code printed. */
function codeChildren(rows: Row[]): Map<Row, Row[]> {
  const byCode = new Map<string, Row>();
  for (const r of rows) if (r.code && !byCode.has(r.code)) byCode.set(r.code, r);
  const out = new Map<Row, Row[]>();
  for (const r of rows) {
    if (!r.code) continue;
    // a project under a printed 项 row of its code belongs to that row (below), not to the 款
    const head = byCode.get(r.code);
    if (r.project && head && head !== r && !head.project) continue;
    for (let len = r.code.length - 2; len >= 3; len -= 2) {
      const parent = byCode.get(r.code.slice(0, len));
      if (!parent || parent === r) continue;
      // a project row under its 项 sits beside it with the same code; not a child of itself
      const list = out.get(parent);
      if (list) list.push(r);
      else out.set(parent, [r]);
      break;
    }
  }
  // project rows repeat their 项 code: the 项 row's children are the projects with that code
  for (const r of rows) {
    if (!r.project || !r.code) continue;
    const head = byCode.get(r.code);
    if (!head || head === r || head.project) continue;
    const list = out.get(head);
    if (list) list.push(r);
    else out.set(head, [r]);
  }
  return out;
}

function checkCodes(t: Table, side: Side | undefined, ctx: RuleContext, out: Finding[]): void {
  const rows = dataRows(t, side).filter((r) => r.code && !r.ofWhich);
  const keys = amountIds(t, side);
  for (const [parent, all] of codeChildren(rows)) {
    // children of one level only: the next level printed below the parent
    const levelOf = (c: Row) => (c.project && c.code === parent.code ? 4 : c.level ?? 3);
    let level = Infinity;
    for (const c of all) level = Math.min(level, levelOf(c));
    const children = all.filter((c) => levelOf(c) === level);
    const isProjects = children.some((c) => c.project && c.code === parent.code);
    for (const key of keys) {
      const stated = figure(t, parent, key);
      if (!stated) continue;
      const parts = children.map((c) => figure(t, c, key)).filter((f): f is Figure => !!f);
      if (stated.blank && parts.every((p) => p.blank)) continue;
      const what = isProjects ? { zh: '项目', en: 'project' } : LEVEL_NAME[Math.min(level, 3)]!;
      const f = compare({ meta, messageId: 'mismatch', data: { count: String(children.length), level: what }, stated, computed: sumFigures(parts), inputs: parts, options: ctx.options });
      if (f) out.push(f);
    }
  }
}

/** Rows linked by `parent` (summary items, outline groups): a parent equals its children, a 其中 row stays within it. */
function checkLinked(t: Table, ctx: RuleContext, out: Finding[]): void {
  const children = new Map<number, Row[]>();
  const ofWhich: Array<[Row, number]> = [];
  t.rows.forEach((r) => {
    if (r.parent === undefined) return;
    if (r.ofWhich) ofWhich.push([r, r.parent]);
    else {
      const list = children.get(r.parent);
      if (list) list.push(r);
      else children.set(r.parent, [r]);
    }
  });
  for (const [index, kids] of children) {
    const parent = t.rows[index]!;
    // coded rows of a summary side are rolled up by code; a 本年收入 heading is a total (column-total)
    if ((parent.code && kids.every((k) => k.code)) || parent.role === 'yearTotal') continue;
    for (const key of amountIds(t, parent.side)) {
      const stated = figure(t, parent, key);
      if (!stated) continue;
      const parts = kids.map((c) => figure(t, c, key)).filter((f): f is Figure => !!f);
      if (stated.blank && parts.every((p) => p.blank)) continue;
      const shown = parts.filter((p) => !p.blank);
      const names = (shown.length ? shown : parts).map((p) => p.row!.name).join(' + ');
      const f = compare({ meta, messageId: 'items', data: { parts: names }, stated, computed: sumFigures(parts), inputs: shown, options: ctx.options });
      if (f) out.push(f);
    }
  }
  for (const [row, index] of ofWhich) {
    const parent = t.rows[index]!;
    for (const key of amountIds(t, parent.side)) {
      const stated = figure(t, row, key);
      const bound = figure(t, parent, key);
      if (!stated || !bound || stated.blank) continue;
      const f = compare({ meta, messageId: 'ofWhich', data: { parent: bound.label }, stated, computed: bound.interval, inputs: [bound], options: ctx.options, atMost: true });
      if (f) out.push(f);
    }
  }
}

export const rollup: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of Object.values(ctx.disclosure.tables)) {
      for (const side of sidesOf(t)) checkCodes(t, side, ctx, out);
      // an outline read without the layout saying so is not assumed to add up
      if (t.structure === 'outline' && !t.structureKnown) {
        if (t.rows.some((r) => r.parent !== undefined)) ctx.skip(`${t.id ?? t.kind}`, { zh: '分级列示的表，版式未说明其汇总关系，未核对逐级汇总', en: 'an outline table whose layout does not say how it adds up; groups not checked' });
        continue;
      }
      checkLinked(t, ctx, out);
    }
    return out;
  },
};

