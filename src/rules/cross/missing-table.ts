// Every table of the layout should be there; what is missing cannot be cross-checked.
import type { Finding } from '../../core/findings.js';
import { plainFinding } from '../figures.js';
import { tableLabel } from '../../load/table.js';
import type { Rule, RuleMeta } from '../types.js';

const meta: RuleMeta = {
  id: 'missing-table',
  title: { zh: '公开表齐全', en: 'All tables of the layout are present' },
  description: {
    zh: '一个公开目录应包含其版式的全部表（没有相应预算时为空表；版式中标为可选的除外，见 budgetlint layouts）；缺少的表会被指出，依赖它的核对无法进行。',
    en: "A disclosure directory should hold every table of its layout (an empty table when there is no such budget; tables the layout marks optional excepted, see budgetlint layouts); a missing one is named, and the checks that need it cannot run.",
  },
  rationale: {
    zh: '公开模板要求公开全部表，缺表既是公开不完整，也会让表间勾稽无从核对。',
    en: 'The templates require every table; a missing one is an incomplete disclosure and leaves cross-table checks undone.',
  },
  defaultSeverity: 'warning',
  messages: {
    missing: {
      zh: '缺少{number}{name}，依赖它的表间核对未执行',
      en: 'missing {number} ({name}); the cross-table checks that need it were not run',
    },
  },
};

export const missingTable: Rule = {
  meta,
  check({ disclosure, layout }) {
    const out: Finding[] = [];
    if (disclosure.source !== 'directory' || Object.keys(disclosure.tables).length === 0) return out;
    layout.tables.forEach((t, order) => {
      if (t.optional || disclosure.tables[t.role] || disclosure.unreadTables?.includes(t.role) || disclosure.emptyTables?.includes(t.role)) return;
      // about the disclosure as a whole: no line of any file is where a missing table stands
      out.push(
        plainFinding(meta, 'missing', { file: disclosure.path, line: 0, column: 0, table: t.id, tableName: tableLabel(t), order }, {
          number: t.number,
          name: t.name,
        }),
      );
    });
    return out;
  },
};
