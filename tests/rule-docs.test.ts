// The committed rule pages (docs/rules/) are exactly what `npm run docs` writes from the rules'
// metadata and fixtures, so they cannot drift from the code; every registered rule, table and
// narrative, has its page, and the index lists them in two sections.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_DOCS_DIR, renderRulePage, ruleDocPath } from '../src/docs/generate.js';
import { renderRuleIndex } from '../src/docs/rule-doc.js';
import { NARRATIVE_RULES, RULES, TABLE_RULES } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STALE = 'docs/rules is out of date: run `npm run docs` and commit the result';
const SEE_ALSO = '[docs/narrative.md](../narrative.md)';

function committed(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

function rule(id: string) {
  return RULES.find((r) => r.meta.id === id)!;
}

describe('rule docs', () => {
  for (const r of RULES) {
    it(`${ruleDocPath(r.meta.id)} is what the generator writes`, async () => {
      const page = await renderRulePage(ROOT, r);
      expect(existsSync(join(ROOT, page.path)), STALE).toBe(true);
      expect(committed(page.path), STALE).toBe(page.text);
    });
  }

  it('index.md lists every rule, each linked to its page: the table rules, then the narrative rules', () => {
    const index = committed(`${RULE_DOCS_DIR}/index.md`);
    expect(index, STALE).toBe(renderRuleIndex(RULES));
    const [tables, narrative] = index.split('## Narrative rules');
    expect(tables).toContain('## Table rules');
    for (const r of TABLE_RULES) expect(tables).toContain(`[\`${r.meta.id}\`](${r.meta.id}.md)`);
    for (const r of NARRATIVE_RULES) {
      expect(narrative).toContain(`[\`${r.meta.id}\`](${r.meta.id}.md)`);
      expect(tables).not.toContain(`(${r.meta.id}.md)`);
    }
    expect(narrative).toContain(SEE_ALSO);
  });

  it('every rule page has its examples and its configuration; narrative pages link docs/narrative.md', async () => {
    for (const r of RULES) {
      const { text } = await renderRulePage(ROOT, r);
      const id = r.meta.id;
      expect(text, id).toContain(`# \`${id}\`: ${r.meta.title.zh}`);
      expect(text, id).toContain(`[\`fixtures/rules/${id}/good/\`](../../fixtures/rules/${id}/good/)`);
      expect(text, id).toContain(`[\`fixtures/rules/${id}/bad/\`](../../fixtures/rules/${id}/bad/)`);
      expect(text, id).toContain(`\`{ "rules": { "${id}": "off" } }\``);
      for (const m of Object.values(r.meta.messages)) expect(text, id).toContain(m.en);
      // rules whose findings are no comparison of figures (a missing table; a name, a year, a template's wording)
      const numeric = !['empty-table', 'missing-table', 'narrative-names', 'narrative-dates', 'narrative-wording', 'narrative-item-name'].includes(id);
      expect(text.includes('`--strict`'), id).toBe(numeric);
      expect(text.includes('`--abs-tolerance'), id).toBe(numeric);
      expect(text.includes('`--unit-type'), id).toBe(id === 'agency-operation' || id === 'narrative-relations');
      expect(text.includes('`--approx-tolerance'), id).toBe(id === 'breakdown-total');
      expect(text.includes(`## See also\n\n${SEE_ALSO}`), id).toBe(NARRATIVE_RULES.includes(r));
    }
  });

  it('a breaks example shows the changed rows and the finding with its numbers', async () => {
    const { text } = await renderRulePage(ROOT, rule('balance'));
    expect(text).toContain('-14  收入总计,180.00,支出总计,,180.00\n+14  收入总计,180.00,支出总计,,180.01');
    expect(text).toContain('| warning | `t1-部门收支总体情况表.csv:14:19` | 180.00 | 180.01 | 0.01 |');
    expect(text).toContain('| error | `t4-财政拨款收支预算总体情况表.csv:10:19` | 180.00 | 170.00 | -10.00 |');
  });

  it('a narrative example shows the text lines: those that matter where it holds, the changed ones where it breaks', async () => {
    const { text } = await renderRulePage(ROOT, rule('narrative-share'));
    // holds: the totals the shares are taken of and the shares the bad case changes, nothing else
    expect(text).toContain(
      '```text\n  …\n3  示例县示例局部门收入预算 300.00 万元，其中：\n  …\n5  政府性基金预算 60.00 万元，占 20.00%。\n  …\n7  示例县示例局部门 2022 年支出预算 300.00 万元，其中：\n8  基本支出 200.00 万元，占 66.67%。\n```',
    );
    expect(text).toContain('-5  政府性基金预算 60.00 万元，占 20.00%。\n+5  政府性基金预算 60.00 万元，占 21.00%。');
    expect(text).toContain('| error | `情况说明.txt:5:20` | 20.00 | 21.00 | 1.00 | 政府性基金预算占比为 21.00%，但 60.00万元 ÷ 300.00万元 为 20.00% |');
    expect(text).toContain('| warning | `情况说明.txt:8:18` | 66.67 | 66.66 | -0.01 |');
  });

  it('a narrative example against the tables shows the table rows compared, and two findings at one place keep their own messages', async () => {
    const amounts = (await renderRulePage(ROOT, rule('narrative-amount-vs-table'))).text;
    expect(amounts).toContain('`t5-一般公共预算支出情况表.csv` (as in `good/`; the lines the findings use):');
    expect(amounts).toContain(' 7  201,,,一般公共服务支出,150.00,100.00,50.00\n   …\n14  221,,,住房保障支出,10.00,10.00,');
    const count = (await renderRulePage(ROOT, rule('narrative-count'))).text;
    expect(count).toContain('| error | `情况说明.txt:5:28` | 2 | 3 | 1 | 说明写明 3 个项目，但说明描述的项目为 2 个 |\n| error | `情况说明.txt:5:28` | 2 | 3 | 1 | 说明写明 3 个项目，但表七的项目行为 2 个 |');
  });
});
