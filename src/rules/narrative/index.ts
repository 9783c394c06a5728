// The narrative rules, in the order they are documented: claims of the text first, then the
// project breakdowns and performance tables, then the text against the tables.
import { breakdownArithmetic } from './breakdown-arithmetic.js';
import { breakdownTotal } from './breakdown-total.js';
import { narrativeAmountVsTable } from './amount-vs-table.js';
import { narrativeCount } from './count.js';
import { narrativeDates } from './dates.js';
import { narrativeNames } from './department.js';
import { narrativeExecution } from './execution.js';
import { narrativeItemName } from './item-name.js';
import { narrativeWording } from './wording.js';
import { narrativeGrowth } from './growth.js';
import { narrativeRelations } from './relations.js';
import { narrativeRepeat } from './repeat.js';
import { narrativeShare } from './share.js';
import { narrativeSum } from './sum.js';
import { performanceCost } from './performance-cost.js';
import { performanceTarget } from './performance-target.js';
import type { Rule } from '../types.js';

export const NARRATIVE_RULES: readonly Rule[] = [
  narrativeShare,
  narrativeGrowth,
  narrativeSum,
  narrativeRelations,
  narrativeRepeat,
  narrativeExecution,
  narrativeCount,
  narrativeNames,
  narrativeDates,
  narrativeWording,
  breakdownArithmetic,
  breakdownTotal,
  performanceTarget,
  performanceCost,
  narrativeAmountVsTable,
  narrativeItemName,
];
