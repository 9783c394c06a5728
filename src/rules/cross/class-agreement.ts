// 表一 ↔ 表二 ↔ 表三 by functional classification.
import type { Finding } from '../../core/findings.js';
import type { Rule, RuleMeta } from '../types.js';
import { agreeByCode } from './agree.js';

const meta: RuleMeta = {
  id: 'class-agreement',
  title: { zh: '表一、表二、表三按功能分类一致', en: 'Functional classes agree across 表一, 表二 and 表三' },
  description: {
    zh: '表一支出方各功能分类“类”的金额等于表二对应“类”的总计；表二与表三在每个共有的科目（类、款、项）上总计/合计相等。',
    en: 'Each functional class on the overall table\'s expenditure side equals that class\'s total in the revenue table; the revenue and expenditure tables agree on every code both print (类, 款, 项).',
  },
  rationale: {
    zh: '表二按功能分类列示收入来源，表三按功能分类列示支出去向，两表与表一是同一预算的三种呈现；任何科目上的差异都意味着某张表被单独改动过。',
    en: 'The revenue table shows where each function\'s money comes from, the expenditure table where it goes; with the overall table they present one budget three ways, so any difference at any code means one table was edited alone.',
  },
  defaultSeverity: 'error',
  messages: {
    mismatch: {
      zh: '{stated}为 {actual}，但{source}为 {expected}，差额 {difference}',
      en: '{stated} is {actual} but {source} gives {expected} (difference {difference})',
    },
    missing: {
      zh: '{source}中有科目 {code} {name}，但{table}中没有这一行',
      en: '{source} has code {code} {name} but {table} has no such row',
    },
  },
};

export const classAgreement: Rule = {
  meta,
  check(ctx) {
    const out: Finding[] = [];
    const { overview: t1, income: t2, expenditure: t3 } = ctx.disclosure.tables;
    if (t1 && t2) {
      agreeByCode(ctx, { meta, messageId: 'mismatch', missingId: 'missing', stated: { table: t2, key: 'total' }, terms: [{ table: t1, key: 'total', side: 'expense' }] }, out);
    }
    if (t2 && t3) {
      agreeByCode(ctx, { meta, messageId: 'mismatch', missingId: 'missing', stated: { table: t3, key: 'total' }, terms: [{ table: t2, key: 'total' }] }, out);
    } else if (t1 && t3) {
      agreeByCode(ctx, { meta, messageId: 'mismatch', missingId: 'missing', stated: { table: t3, key: 'total' }, terms: [{ table: t1, key: 'total', side: 'expense' }] }, out);
    }
    return out;
  },
};
