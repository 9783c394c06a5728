// The library entry: load each path, run the rules, and hand back results for a formatter.
import { BUILTIN_LAYOUTS, findLayout } from './layout/index.js';
import type { LayoutProfile } from './layout/types.js';
import { judgeOptions, tableLabel } from './rules/figures.js';
import { recordingRelations } from './rules/relations.js';
import { findingKey, findRootCauses } from './rules/root-cause.js';
import { InputError } from './load/errors.js';
import { loadDisclosure, targetPath, type DisclosureTarget, type LoadOptions } from './load/disclosure.js';
import { narrativeCoverage } from './load/narrative/coverage.js';
import { loadPrevious } from './load/previous.js';
import { applyLevels, rulesFor, runChecks, type RuleLevels } from './rules/engine.js';
import { RULES } from './rules/index.js';
import type { CustomRuleSpec } from './rules/custom/index.js';
import type { CheckOptions, Rule } from './rules/types.js';
import type { DisclosureResult, ReadSummary } from './report/types.js';
import type { Disclosure } from './load/model.js';

export interface CheckRequest {
  paths: string[];
  load: LoadOptions;
  options: CheckOptions;
  rules?: readonly Rule[];
  /** per-rule levels from configuration (off / warning / error) */
  levels?: RuleLevels;
  /** declarative rules from configuration, as data so that worker threads can run them too */
  customRules?: CustomRuleSpec[];
  /** keep the text's uncovered figures in each result (for --verbose); off, results stay small */
  coverage?: boolean;
}

export async function checkPath(path: DisclosureTarget, req: Omit<CheckRequest, 'paths'>): Promise<DisclosureResult> {
  try {
    const layouts = req.load.layouts ?? BUILTIN_LAYOUTS;
    const d = await loadDisclosure(path, req.load);
    // last year's disclosure, when this one is paired with it
    const previous = typeof path !== 'string' && 'current' in path ? await loadPrevious(path.previous, req.load, (id) => layoutOf(id, layouts)) : undefined;
    const rules = rulesFor(req.rules ?? RULES, req.customRules, req.levels);
    // the relations the rules judge are kept for the root-cause search
    const { result: run, relations } = recordingRelations(() => runChecks(d, req.options, rules, layouts, previous));
    const findings = applyLevels(run.findings, req.levels);
    const result: DisclosureResult = { path: d.path, findings, read: summaryOf(d, layouts, run.ran, run.skipped) };
    if (previous) result.read!.previous = previous.disclosure.path;
    const kept = new Set(findings.map(findingKey));
    const causes = findRootCauses(
      relations.filter((r) => !r.finding || kept.has(findingKey(r.finding))),
      judgeOptions(req.options),
    );
    if (causes.length) result.rootCauses = causes;
    if (d.sources) result.sources = d.sources;
    if (d.narrative && req.coverage) result.coverage = narrativeCoverage(d.narrative);
    return result;
  } catch (e) {
    if (e instanceof InputError) {
      const fatal: NonNullable<DisclosureResult['fatal']> = { message: e.text, file: e.file };
      if (e.line !== undefined) fatal.line = e.line;
      if (e.column !== undefined) fatal.column = e.column;
      return { path: targetPath(path), findings: [], fatal };
    }
    throw e;
  }
}

function layoutOf(id: string, layouts: readonly LayoutProfile[]): LayoutProfile {
  return findLayout(id, layouts) ?? findLayout('national', BUILTIN_LAYOUTS)!;
}

export async function check(req: CheckRequest): Promise<DisclosureResult[]> {
  const out: DisclosureResult[] = [];
  for (const p of req.paths) out.push(await checkPath(p, req));
  return out;
}

function summaryOf(d: Disclosure, layouts: readonly LayoutProfile[], ran: string[], skipped: ReadSummary['skipped']): ReadSummary {
  const layout = findLayout(d.layout, layouts);
  return {
    layout: { id: d.layout, name: layout?.name ?? { zh: d.layout, en: d.layout }, how: d.layoutHow },
    tables: Object.values(d.tables).map((t) => {
      const entry: ReadSummary['tables'][number] = {
        file: t.file,
        kind: t.kind,
        label: tableLabel(t),
        structure: t.structure,
        rows: t.rows.length,
        columns: t.columns.map((c) => (c.side ? `${c.side}:${c.id}` : c.id)),
        formulas: t.formulas.map((f) => `${f.side ? `${f.side}: ` : ''}${f.total} = ${f.parts.map((p, i) => `${i ? (p.sign < 0 ? ' - ' : ' + ') : p.sign < 0 ? '-' : ''}${p.id}`).join('')}`),
      };
      if (t.id) entry.id = t.id;
      return entry;
    }),
    rules: ran,
    skipped,
    ...(d.narrative ? { text: d.narrative.file } : {}),
  };
}
