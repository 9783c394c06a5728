// The library entry: load each path, run the rules, and hand back results for a formatter.
import { InputError } from './load/errors.js';
import { loadDisclosure, type LoadOptions } from './load/disclosure.js';
import { runRules } from './rules/engine.js';
import { RULES } from './rules/index.js';
import type { CheckOptions, Rule } from './rules/types.js';
import type { DisclosureResult } from './report/types.js';

export interface CheckRequest {
  paths: string[];
  load: LoadOptions;
  options: CheckOptions;
  rules?: readonly Rule[];
}

export async function checkPath(path: string, req: Omit<CheckRequest, 'paths'>): Promise<DisclosureResult> {
  try {
    const d = await loadDisclosure(path, req.load);
    return { path: d.path, findings: runRules(d, req.options, req.rules ?? RULES) };
  } catch (e) {
    if (e instanceof InputError) {
      const fatal: NonNullable<DisclosureResult['fatal']> = { message: e.text, file: e.file };
      if (e.line !== undefined) fatal.line = e.line;
      if (e.column !== undefined) fatal.column = e.column;
      return { path, findings: [], fatal };
    }
    throw e;
  }
}

export async function check(req: CheckRequest): Promise<DisclosureResult[]> {
  const out: DisclosureResult[] = [];
  for (const p of req.paths) out.push(await checkPath(p, req));
  return out;
}
