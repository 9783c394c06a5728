// The registry: every built-in rule, in the order they are documented.
import { agencyOperation } from './cross/agency-operation.js';
import { basicAgreement } from './cross/basic-agreement.js';
import { classAgreement } from './cross/class-agreement.js';
import { emptyTable } from './cross/empty-table.js';
import { fiscalAgreement } from './cross/fiscal-agreement.js';
import { generalBudgetAgreement } from './cross/general-budget-agreement.js';
import { incomeAgreement } from './cross/income-agreement.js';
import { missingTable } from './cross/missing-table.js';
import { projectAgreement } from './cross/project-agreement.js';
import { threePublicLimits } from './cross/three-public-limits.js';
import { balance } from './table/balance.js';
import { columnTotal } from './table/column-total.js';
import { rollup } from './table/rollup.js';
import { rowTotal } from './table/row-total.js';
import { NARRATIVE_RULES } from './narrative/index.js';
import { PREVIOUS_RULES } from './previous/index.js';
import type { Rule } from './types.js';

/** The rules over the tables' figures. Every rule in RULES has fixtures (fixtures/rules/<id>/) and a doc page (docs/rules/<id>.md). */
export const TABLE_RULES: readonly Rule[] = [
  rowTotal,
  rollup,
  columnTotal,
  balance,
  incomeAgreement,
  classAgreement,
  generalBudgetAgreement,
  fiscalAgreement,
  basicAgreement,
  projectAgreement,
  threePublicLimits,
  agencyOperation,
  emptyTable,
  missingTable,
];

/** The rules over the 情况说明 text, after the table rules; docs/narrative.md describes how the text is read. */
export { NARRATIVE_RULES };

/** The rules over this year's disclosure against last year's, run only when one is given. */
export { PREVIOUS_RULES };

export const RULES: readonly Rule[] = [...TABLE_RULES, ...NARRATIVE_RULES, ...PREVIOUS_RULES];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
