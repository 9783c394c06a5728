// Configuration: found from the working directory upwards (or given with --config), validated,
// and turned into what a check needs: options, load aliases, rule levels and custom rules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Dec, Severity } from '../core/decimal.js';
import { reservedKeys } from '../core/reserved.js';
import { normalizeLabel, type ColumnAlias, type TitleAlias } from '../load/aliases.js';
import { display } from '../load/disclosure.js';
import { MAX_NESTING, nestingTooDeep } from '../load/limits.js';
import { BUILTIN_LAYOUTS, findLayout } from '../layout/index.js';
import { parseLink } from '../rules/cross/links.js';
import type { LayoutProfile } from '../layout/types.js';
import type { ColumnKey, TableKind, UnitType } from '../load/model.js';
import { compileCustomRule, describeExpressionError, ExpressionError, type CustomRuleSpec } from '../rules/custom/index.js';
import { INPUT_RULE_PREFIX } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import { closestIds, matchRules, SelectionError } from '../rules/select.js';
import type { Rule, RuleMeta } from '../rules/types.js';
// The schema (and with it zod) is loaded only when there is a configuration file to validate.
import type { Config } from './schema.js';

export type { Config, RuleLevel } from './schema.js';

export const CONFIG_NAMES = ['budgetlint.config.json', 'budgetlint.config.yaml', 'budgetlint.config.yml'];

/** A configuration that cannot be used: exit 2, naming the file and the key. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | undefined,
    detail: string,
  ) {
    super(`${file}: ${key ? `${key}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

/** The nearest configuration file in this directory or above it. */
export function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = join(dir, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function keyPath(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(root)';
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

async function parseText(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new ConfigError(shown, undefined, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      // the engine's wording of where differs between Node versions: say it once, our way
      const what = (e as Error).message.replace(/\s*(in JSON )?at position \d+.*$/s, '');
      throw new ConfigError(shown, undefined, `not valid JSON${m ? ` at ${lineCol(text, Number(m[1]))}` : ''}: ${what}`);
    }
  }
  const deep = nestingTooDeep(text);
  if (deep) throw new ConfigError(shown, undefined, `nests more than ${MAX_NESTING} levels at line ${deep.line}, column ${deep.column}`);
  // required, not imported: the bundle's code cache keeps no import() callback (src/compile-cache.ts)
  const YAML = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  try {
    return YAML.parse(text);
  } catch (e) {
    const pos = (e as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new ConfigError(shown, undefined, `not valid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export interface LoadedConfig {
  file: string;
  config: Config;
  /** compiled once, so a bad expression is reported before anything is checked */
  custom: Rule[];
  /** what the file says that is ignored (a reserved key), to say on standard error */
  warnings?: string[];
}

export async function readConfig(file: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const shown = display(resolve(file), cwd);
  const data = (await parseText(file, shown)) ?? {};
  const reserved = reservedKeys(data).map((k) => `${shown}: ${k}: warning: a reserved name, ignored`);
  const { ConfigSchema } = await import('./schema.js');
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.slice();
    let detail = issue.message;
    if (issue.code === 'unrecognized_keys') {
      path.push(issue.keys[0]!);
      detail = `unknown key (expected one of: ${expectedKeys(ConfigSchema, issue.path)})`;
    } else if (issue.code === 'invalid_value' || issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      const got = valueAt(data, issue.path);
      if (got !== undefined && !/, got |received/.test(detail)) detail += `, got ${JSON.stringify(got)}`;
    }
    throw new ConfigError(shown, keyPath(path), detail);
  }
  const config = parsed.data;
  const custom: Rule[] = [];
  const ids = new Set(RULES.map((r) => r.meta.id));
  (config.customRules ?? []).forEach((spec, i) => {
    if (ids.has(spec.id)) throw new ConfigError(shown, `customRules[${i}].id`, `"${spec.id}" is already used by another rule`);
    ids.add(spec.id);
    try {
      custom.push(compileCustomRule(spec as CustomRuleSpec));
    } catch (e) {
      if (e instanceof ExpressionError) throw new ConfigError(shown, `customRules[${i}].assert (${spec.id})`, describeExpressionError(e, spec));
      throw e;
    }
  });
  // a layout's links are parsed now, so that a mistake in one is reported before anything is checked
  (config.layouts ?? []).forEach((layout, i) => {
    layout.links.forEach((link, j) => {
      if (!parseLink(link)) throw new ConfigError(shown, `layouts[${i}].links[${j}].assert`, `not a link such as "T5[*].total = T3[*].total - T9?[*].total": ${link.assert}`);
    });
  });
  if (config.layout && !findLayout(config.layout, [...((config.layouts ?? []) as LayoutProfile[]), ...BUILTIN_LAYOUTS])) {
    throw new ConfigError(shown, 'layout', `no layout named "${config.layout}" (see: budgetlint layouts)`);
  }
  for (const id of Object.keys(config.rules ?? {})) {
    if (!ids.has(id) && !id.startsWith(INPUT_RULE_PREFIX)) {
      const near = closestIds(id, [...ids]);
      throw new ConfigError(shown, `rules.${id}`, `unknown rule${near.length ? ` (did you mean ${near.join(', ')}?)` : ''} (see: budgetlint rules, or a customRules id)`);
    }
  }
  for (const key of ['only', 'disable'] as const) {
    (config[key] ?? []).forEach((pattern, i) => {
      if (matchRules(pattern, [...ids]).length === 0) throw new ConfigError(shown, `${key}[${i}]`, new SelectionError(pattern, closestIds(pattern, [...ids])).message);
    });
  }
  return reserved.length ? { file: shown, config, custom, warnings: reserved } : { file: shown, config, custom };
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

interface SchemaLike {
  shape?: Record<string, unknown>;
  unwrap?: () => unknown;
  element?: unknown;
  keyType?: { options?: readonly string[] };
}

function unwrap(s: SchemaLike | undefined): SchemaLike | undefined {
  while (s && !s.shape && !s.keyType && s.unwrap) s = s.unwrap() as SchemaLike;
  return s;
}

/** The keys allowed where an unknown key was found: an object's fields or a record's key enum. */
function expectedKeys(schema: unknown, path: PropertyKey[]): string {
  let s = unwrap(schema as SchemaLike);
  // (an array's unwrap() is already its element)
  for (const p of path) s = unwrap((typeof p === 'number' ? (s?.element ?? s) : s?.shape?.[String(p)]) as SchemaLike | undefined);
  return (s?.keyType?.options ?? Object.keys(s?.shape ?? {})).join(', ');
}

/**
 * The configuration for a run: an explicit file, none (false), or the nearest one found from
 * `cwd` upwards.
 */
export async function resolveConfig(explicit: string | false | undefined, cwd = process.cwd()): Promise<LoadedConfig | undefined> {
  if (explicit === false) return undefined;
  if (typeof explicit === 'string') {
    if (!existsSync(explicit)) throw new ConfigError(explicit, undefined, 'no such file');
    return readConfig(explicit, cwd);
  }
  const found = findConfig(cwd);
  return found ? readConfig(found, cwd) : undefined;
}

// ---- applying it ----

export type { RuleLevels } from '../rules/engine.js';
import type { RuleLevels } from '../rules/engine.js';

export interface ConfiguredCheck {
  options: { approxTolerance?: Dec; absTolerance?: Dec; unitType?: UnitType; strict?: boolean };
  failOn?: Severity;
  load: { titleAliases?: TitleAlias[]; columnAliases?: ColumnAlias[]; layouts?: LayoutProfile[]; layout?: string };
  levels?: RuleLevels;
  customRules?: CustomRuleSpec[];
  /** the rules that will run, for formats that describe them */
  metas: RuleMeta[];
  /** only these rules / not these (ids or globs), under --rule and --disable */
  only?: string[];
  disable?: string[];
  maxWarnings?: number;
  docsUrl?: string;
  /** pair each unit's years by their names */
  series?: boolean;
  /** this year's disclosure → last year's, as absolute paths */
  previous?: Record<string, string>;
}

function literal(s: string): RegExp {
  return new RegExp(normalizeLabel(s).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

export function configuredCheck(c: LoadedConfig): ConfiguredCheck {
  const cfg = c.config;
  const out: ConfiguredCheck = { options: {}, load: {}, metas: [] };
  if (cfg.tolerances?.approx) out.options.approxTolerance = cfg.tolerances.approx;
  if (cfg.tolerances?.absolute) out.options.absTolerance = cfg.tolerances.absolute;
  if (cfg.unitType) out.options.unitType = cfg.unitType;
  if (cfg.strict !== undefined) out.options.strict = cfg.strict;
  if (cfg.failOn) out.failOn = cfg.failOn;
  const tables = Object.entries(cfg.aliases?.tables ?? {}) as Array<[TableKind, string[]]>;
  if (tables.length) out.load.titleAliases = tables.flatMap(([kind, names]) => names.map((n) => ({ kind, pattern: literal(n) })));
  const columns = Object.entries(cfg.aliases?.columns ?? {}) as Array<[ColumnKey, string[]]>;
  // a configured header is matched whole, so "租金" does not capture "租金收入"
  if (columns.length) out.load.columnAliases = columns.flatMap(([key, names]) => names.map((n) => ({ key, pattern: new RegExp(`^${literal(n).source}$`) })));
  // the configuration's layouts first: a region's own profile wins a tie with a built-in one
  if (cfg.layouts?.length) out.load.layouts = [...(cfg.layouts as LayoutProfile[]), ...BUILTIN_LAYOUTS.filter((b) => !cfg.layouts!.some((l) => l.id === b.id))];
  if (cfg.layout) out.load.layout = cfg.layout;
  if (cfg.rules && Object.keys(cfg.rules).length) out.levels = { ...cfg.rules };
  if (cfg.customRules?.length) out.customRules = cfg.customRules as CustomRuleSpec[];
  if (cfg.only?.length) out.only = cfg.only;
  if (cfg.disable?.length) out.disable = cfg.disable;
  if (cfg.maxWarnings !== undefined) out.maxWarnings = cfg.maxWarnings;
  if (cfg.docsUrl) out.docsUrl = cfg.docsUrl;
  if (cfg.series !== undefined) out.series = cfg.series;
  if (cfg.previous) {
    const base = dirname(resolve(c.file));
    out.previous = Object.fromEntries(Object.entries(cfg.previous).map(([k, v]) => [resolve(base, k), resolve(base, v)]));
  }
  out.metas = [...RULES.map((r) => r.meta), ...c.custom.map((r) => r.meta)].filter((m) => out.levels?.[m.id] !== 'off');
  return out;
}

/**
 * Puts the configuration under the command line: a value from the file is used unless the
 * same option was given as a flag. Returns the fail level to use.
 */
export function mergeUnderFlags(
  conf: ConfiguredCheck,
  given: (flag: 'approxTolerance' | 'absTolerance' | 'unitType' | 'strict' | 'failOn' | 'layout') => boolean,
  options: { approxTolerance: Dec; absTolerance?: Dec; unitType?: UnitType; strict: boolean },
  load: { titleAliases?: TitleAlias[]; columnAliases?: ColumnAlias[]; layouts?: readonly LayoutProfile[]; layout?: string },
  failOn: Severity,
): Severity {
  if (conf.options.approxTolerance && !given('approxTolerance')) options.approxTolerance = conf.options.approxTolerance;
  if (conf.options.absTolerance && !given('absTolerance')) options.absTolerance = conf.options.absTolerance;
  if (conf.options.unitType && !given('unitType')) options.unitType = conf.options.unitType;
  if (conf.options.strict !== undefined && !given('strict')) options.strict = conf.options.strict;
  if (conf.load.titleAliases) load.titleAliases = conf.load.titleAliases;
  if (conf.load.columnAliases) load.columnAliases = conf.load.columnAliases;
  if (conf.load.layouts) load.layouts = conf.load.layouts;
  if (conf.load.layout && !given('layout')) load.layout = conf.load.layout;
  return conf.failOn && !given('failOn') ? conf.failOn : failOn;
}
