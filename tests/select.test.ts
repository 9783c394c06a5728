// Rule selection: --rule / --disable and the configuration's only / disable.
import { describe, expect, it } from 'vitest';
import { closestIds, matchRules, selectionLevels, SelectionError } from '../src/rules/select.js';
import { RULES } from '../src/rules/index.js';

const IDS = RULES.map((r) => r.meta.id);

describe('rule selection', () => {
  it('matches ids exactly and by glob', () => {
    expect(matchRules('rollup', IDS)).toEqual(['rollup']);
    expect(matchRules('roll', IDS)).toEqual([]);
    expect(matchRules('narrative-*', IDS)).toEqual(IDS.filter((id) => id.startsWith('narrative-')));
    expect(matchRules('*-total', IDS)).toEqual(['row-total', 'column-total', 'breakdown-total']);
    expect(matchRules('a.b', ['axb', 'a.b'])).toEqual(['a.b']);
    expect(matchRules('a.?', ['axb', 'a.b'])).toEqual(['a.b']);
  });

  it('only: every other rule off; disable: the named ones off; configured levels kept', () => {
    const levels = selectionLevels({ only: ['rollup', 'row-*'] }, IDS, { rollup: 'warning' });
    expect(Object.entries(levels).filter(([, l]) => l !== 'off')).toEqual([['rollup', 'warning']]);
    expect(levels['row-total']).toBeUndefined();
    expect(Object.keys(levels).filter((id) => levels[id] === 'off')).toHaveLength(IDS.length - 2);
    expect(selectionLevels({ disable: ['narrative-*'] }, IDS)).toEqual(Object.fromEntries(IDS.filter((id) => id.startsWith('narrative-')).map((id) => [id, 'off'])));
    expect(selectionLevels({ only: ['rollup'], disable: ['rollup'] }, IDS).rollup).toBe('off');
  });

  it('an id or pattern that names no rule is an error offering the closest ids', () => {
    expect(() => selectionLevels({ only: ['rolup'] }, IDS)).toThrow(new SelectionError('rolup', ['rollup']));
    expect(() => selectionLevels({ disable: ['narative-*'] }, IDS)).toThrow(/no rule matches "narative-\*"; did you mean narrative-/);
    expect(() => selectionLevels({ only: ['zzzzzzzz'] }, IDS)).toThrow('no rule matches "zzzzzzzz" (see: budgetlint rules)');
    expect(closestIds('row-totals', IDS)).toEqual(['row-total']);
    expect(closestIds('total', IDS)).toEqual(['breakdown-total', 'column-total', 'row-total']);
  });
});
