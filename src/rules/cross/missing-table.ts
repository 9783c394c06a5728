// Every standard table should be there; what is missing cannot be cross-checked.
import type { Finding } from '../../core/findings.js';
import { TABLE_NAME, TABLE_NUMBER } from '../../load/aliases.js';
import type { TableKind } from '../../load/model.js';
import { plainFinding } from '../figures.js';
import type { Rule, RuleMeta } from '../types.js';

const meta: RuleMeta = {
  id: 'missing-table',
  title: { zh: '标准公开表齐全', en: 'All standard tables are present' },
  description: {
    zh: '一个公开目录应包含部门收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、“三公”经费表和政府性基金预算支出表（没有相应预算时为空表）；缺少的表会被指出，依赖它的核对无法进行。',
    en: 'A disclosure directory should hold the overall, revenue, expenditure, fiscal, general-budget, basic-spending, three-public and government-fund tables (the last one empty when there is no such budget); a missing one is named, and the checks that need it cannot run.',
  },
  rationale: {
    zh: '财政部公开模板要求公开全部标准表，缺表既是公开不完整，也会让表间勾稽无从核对。',
    en: 'The Ministry of Finance template requires every standard table; a missing one is an incomplete disclosure and leaves cross-table checks undone.',
  },
  defaultSeverity: 'warning',
  messages: {
    missing: {
      zh: '缺少{number}{name}，依赖它的表间核对未执行',
      en: 'missing {number} ({name}); the cross-table checks that need it were not run',
    },
  },
};

export const REQUIRED_TABLES: TableKind[] = [
  'overview',
  'income',
  'expenditure',
  'fiscalOverview',
  'generalBudget',
  'basicEconomic',
  'threePublic',
  'governmentFund',
];

export const missingTable: Rule = {
  meta,
  check({ disclosure }) {
    const out: Finding[] = [];
    if (disclosure.source !== 'directory' || Object.keys(disclosure.tables).length === 0) return out;
    for (const kind of REQUIRED_TABLES) {
      if (disclosure.tables[kind]) continue;
      out.push(
        plainFinding(meta, 'missing', { file: disclosure.path, line: 1, column: 1, table: kind }, {
          number: TABLE_NUMBER[kind],
          name: { zh: TABLE_NAME[kind].zh, en: TABLE_NAME[kind].en },
        }),
      );
    }
    return out;
  },
};
