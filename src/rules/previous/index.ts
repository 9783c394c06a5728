// The rules over this year's disclosure and last year's (--previous, --series): the text's changes
// and the tables' 上年 columns against the figures last year's disclosure published.
import type { Rule } from '../types.js';
import { previousChange } from './change.js';
import { previousColumn } from './column.js';

export const PREVIOUS_RULES: readonly Rule[] = [previousChange, previousColumn];
