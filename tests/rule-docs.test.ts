// The committed rule pages (docs/rules/) are exactly what `npm run docs` writes from the rules'
// metadata and fixtures, so they cannot drift from the code; the index lists every rule.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS_DIR, renderRulePage, ruleDocPath } from '../src/docs/generate.js';
import { renderRuleIndex } from '../src/docs/rule-doc.js';
import { RULES, TABLE_RULES } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STALE = 'docs/rules is out of date: run `npm run docs` and commit the result';

function committed(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Table rules always have a page; a rule registered later is checked once its page is generated. */
const documented = RULES.filter((r) => TABLE_RULES.includes(r) || existsSync(join(ROOT, ruleDocPath(r.meta.id))));

describe('rule docs', () => {
  for (const rule of documented) {
    it(`${ruleDocPath(rule.meta.id)} is what the generator writes`, async () => {
      const page = await renderRulePage(ROOT, rule);
      expect(existsSync(join(ROOT, page.path)), STALE).toBe(true);
      expect(committed(page.path), STALE).toBe(page.text);
    });
  }

  it('index.md lists every documented rule, each linked to its page', () => {
    const index = committed(`${RULE_DOCS_DIR}/index.md`);
    expect(index, STALE).toBe(renderRuleIndex(documented));
    for (const r of TABLE_RULES) expect(index).toContain(`[\`${r.meta.id}\`](${r.meta.id}.md)`);
  });

  it('every table rule page has its examples and its configuration', async () => {
    for (const rule of TABLE_RULES) {
      const { text } = await renderRulePage(ROOT, rule);
      const id = rule.meta.id;
      expect(text, id).toContain(`# \`${id}\`: ${rule.meta.title.zh}`);
      expect(text, id).toContain(`[\`fixtures/rules/${id}/good/\`](../../fixtures/rules/${id}/good/)`);
      expect(text, id).toContain(`[\`fixtures/rules/${id}/bad/\`](../../fixtures/rules/${id}/bad/)`);
      expect(text, id).toContain(`\`{ "rules": { "${id}": "off" } }\``);
      for (const m of Object.values(rule.meta.messages)) expect(text, id).toContain(m.en);
      const numeric = !['empty-table', 'missing-table'].includes(id);
      expect(text.includes('`--strict`'), id).toBe(numeric);
      expect(text.includes('`--abs-tolerance'), id).toBe(numeric);
      expect(text.includes('`--unit-type'), id).toBe(id === 'agency-operation');
    }
  });

  it('a breaks example shows the changed rows and the finding with its numbers', async () => {
    const rule = TABLE_RULES.find((r) => r.meta.id === 'balance')!;
    const { text } = await renderRulePage(ROOT, rule);
    expect(text).toContain('-14  收入总计,180.00,支出总计,,180.00\n+14  收入总计,180.00,支出总计,,180.01');
    expect(text).toContain('| warning | `t1-部门收支总体情况表.csv:14:19` | 180.00 | 180.01 | 0.01 |');
    expect(text).toContain('| error | `t4-财政拨款收支预算总体情况表.csv:10:19` | 180.00 | 170.00 | -10.00 |');
  });
});
