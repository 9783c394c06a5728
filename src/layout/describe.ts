// `budgetlint layouts`: the layouts known, and one layout's tables and links, as text.
import type { Lang } from '../core/vocabulary.js';
import type { LayoutProfile } from './types.js';

export function describeLayouts(layouts: readonly LayoutProfile[], id: string | undefined, lang: Lang): string {
  if (id === undefined) {
    const width = Math.max(...layouts.map((l) => l.id.length));
    return layouts.map((l) => `${l.id.padEnd(width)}  ${l.statement === 'final' ? (lang === 'zh' ? '决算' : 'final') : lang === 'zh' ? '预算' : 'budget'}  ${l.tables.length}  ${l.name[lang]}`).join('\n') + '\n';
  }
  const l = layouts.find((x) => x.id === id);
  if (!l) return lang === 'zh' ? `没有名为“${id}”的版式\n` : `no layout named "${id}"\n`;
  const out = [`${l.id} — ${l.name[lang]}`, ''];
  if (l.description) out.push(l.description[lang], '');
  out.push(lang === 'zh' ? '表：' : 'Tables:');
  for (const t of l.tables) {
    const extra = [t.structure, t.optional ? (lang === 'zh' ? '可选' : 'optional') : undefined].filter(Boolean).join(', ');
    out.push(`  ${t.id.padEnd(4)} ${t.number[lang]} ${t.name[lang]} [${t.role}${extra ? `; ${extra}` : ''}]`);
    out.push(`       ${lang === 'zh' ? '标题' : 'titles'}: ${t.titles.join(' | ')}`);
    if (t.columns?.length) out.push(`       ${lang === 'zh' ? '列公式' : 'column formulas'}: ${t.columns.join('; ')}`);
    if (t.order?.length) out.push(`       ${lang === 'zh' ? '列顺序' : 'column order'}: ${t.order.join(', ')}`);
    if (t.textColumns?.length) out.push(`       ${lang === 'zh' ? '文字中的列顺序' : 'column order in a text'}: ${t.textColumns.join(', ')}`);
  }
  out.push('', lang === 'zh' ? '表间关系：' : 'Links between tables:');
  for (const k of l.links) out.push(`  ${k.rule.padEnd(26)} ${k.assert}${k.relax ? `  (${k.relax})` : ''}${k.unlessTable ? `  (unless ${k.unlessTable})` : ''}`);
  return out.join('\n') + '\n';
}
