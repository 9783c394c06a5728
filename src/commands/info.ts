// `rules`, `layouts` and `explain`: what budgetlint knows, from the built-in set and the configuration.
import type { Lang } from '../core/findings.js';
import { configuredCheck, resolveConfig } from '../config/index.js';
import { describeLayouts } from '../layout/describe.js';
import { BUILTIN_LAYOUTS } from '../layout/index.js';
import { installedRuleDoc, ruleDocs } from '../report/docs-link.js';
import { findRule, RULES } from '../rules/index.js';
import { closestIds } from '../rules/select.js';
import { UsageError } from './request.js';

type Out = { write(s: string): unknown };

export async function listRules(flags: { lang: Lang; config?: string | false; format?: string }, out: Out): Promise<void> {
  // with a configuration: its custom rules too, and each rule's configured level
  const loaded = await resolveConfig(flags.config);
  const docs = ruleDocs(loaded?.config.docsUrl);
  const all = [...RULES, ...(loaded?.custom ?? [])];
  const levelOf = (id: string, fallback: string) => loaded?.config.rules?.[id] ?? fallback;
  if (flags.format === 'json') {
    const list = all.map((r) => ({
      id: r.meta.id,
      level: levelOf(r.meta.id, r.meta.defaultSeverity),
      defaultSeverity: r.meta.defaultSeverity,
      title: r.meta.title[flags.lang],
      description: r.meta.description[flags.lang],
      rationale: r.meta.rationale[flags.lang],
      messages: Object.keys(r.meta.messages),
      ...(docs(r.meta.id) ? { docs: docs(r.meta.id) } : {}),
    }));
    out.write(JSON.stringify({ schemaVersion: 1, rules: list }, null, 2) + '\n');
    return;
  }
  for (const r of all) out.write(`${r.meta.id.padEnd(28)} ${levelOf(r.meta.id, r.meta.defaultSeverity).padEnd(8)} ${r.meta.title[flags.lang]}\n`);
}

export async function listLayouts(id: string | undefined, flags: { lang: Lang; config?: string | false }, out: Out): Promise<void> {
  const loaded = await resolveConfig(flags.config);
  const layouts = loaded ? (configuredCheck(loaded).load.layouts ?? BUILTIN_LAYOUTS) : BUILTIN_LAYOUTS;
  // an unknown layout is a command line that cannot be used (exit 2), as an unknown rule is
  if (id !== undefined && !layouts.some((l) => l.id === id)) throw new UsageError(`no layout named "${id}" (known: ${layouts.map((l) => l.id).join(', ')})`);
  out.write(describeLayouts(layouts, id, flags.lang));
}

export async function explainRule(id: string, flags: { lang: Lang; config?: string | false }, out: Out): Promise<void> {
  // a built-in rule needs no configuration; a custom one is described by the file that defines it
  const loaded = findRule(id) ? undefined : await resolveConfig(flags.config);
  const r = findRule(id) ?? loaded?.custom.find((c) => c.meta.id === id);
  if (!r) {
    const near = closestIds(id, [...RULES.map((x) => x.meta.id), ...(loaded?.custom ?? []).map((x) => x.meta.id)]);
    throw new UsageError(`unknown rule "${id}"${near.length ? `; did you mean ${near.join(', ')}?` : ''} (see: budgetlint rules)`);
  }
  const page = installedRuleDoc(id);
  const doc = page ? `\n${flags.lang === 'zh' ? '详见' : 'See'} ${page}\n` : '';
  out.write(`${r.meta.id} — ${r.meta.title[flags.lang]}\n\n${r.meta.description[flags.lang]}\n\n${r.meta.rationale[flags.lang]}\n${doc}`);
}
