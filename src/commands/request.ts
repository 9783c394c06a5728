// A check as the command line and the configuration ask for it, merged once: the flags given win,
// the configuration fills in the rest, the defaults what neither says. Every later step reads
// this one frozen value, so no option can change halfway through a run.
import { resolve } from 'node:path';
import { Decimal, type Dec } from '../core/decimal.js';
import type { Lang, Severity } from '../core/findings.js';
import { amountInWan } from '../config/amount.js';
import { configuredCheck, resolveConfig, type ConfiguredCheck } from '../config/index.js';
import { BUILTIN_LAYOUTS, findLayout } from '../layout/index.js';
import type { Encoding } from '../load/grid.js';
import type { Request } from '../batch/index.js';
import { outputTarget, type OutputTarget } from '../output.js';
import { ruleDocs } from '../report/docs-link.js';
import type { ReportOptions } from '../report/types.js';
import { RULES } from '../rules/index.js';
import { selectionLevels, SelectionError } from '../rules/select.js';
import type { CheckOptions } from '../rules/types.js';
import type { Pairing } from '../batch/series.js';
import { existsSync } from 'node:fs';

/** A mistake on the command line: said on standard error, exit 2. */
export class UsageError extends Error {}

/** The options of `check` and `baseline` as commander gives them. */
export interface CheckFlags {
  strict?: boolean;
  failOn?: Severity;
  format?: string;
  lang?: Lang;
  output?: string;
  encoding?: Encoding | 'gbk';
  maxFileSize?: string;
  approxTolerance?: string;
  absTolerance?: string;
  unitType?: '行政单位' | '事业单位' | '混合';
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
  jobs?: string;
  config?: string | false;
  layout?: string;
  rule?: string[];
  disable?: string[];
  maxWarnings?: string;
  baseline?: string;
  previous?: string;
  series?: string;
}

export const DEFAULTS = { failOn: 'error', format: 'text', lang: 'zh', approxTolerance: '0.005' } as const;

/** Everything a run needs, decided before the first file is read. */
export interface CheckRun {
  readonly paths: readonly string[];
  readonly request: Request;
  readonly report: ReportOptions & { readonly format: string };
  readonly output?: OutputTarget;
  readonly jobs?: number;
  readonly maxWarnings?: number;
  /** --baseline: the file of known findings to leave out */
  readonly baseline?: string;
  readonly quiet: boolean;
  readonly debug: boolean;
  /** the configuration file used, as shown */
  readonly configFile?: string;
  /** what the configuration file says that is ignored (reserved keys), for standard error */
  readonly warnings: readonly string[];
  /** which disclosures are checked against last year's */
  readonly pairing?: Pairing;
}

function ratio(name: string, v: string): Dec {
  try {
    const d = new Decimal(v);
    if (d.isNaN() || d.isNegative() || !d.isFinite()) throw new Error();
    return d;
  } catch {
    throw new UsageError(`${name}: "${v}" is not a non-negative number`);
  }
}

function wholeNumber(name: string, v: string, min: number): number {
  const n = Number.parseInt(v, 10);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${name}: "${v}" is not a ${min === 1 ? 'positive ' : ''}whole number${min > 1 ? ` of at least ${min}` : ''}`);
  return n;
}

/** Patterns given as `--rule a --rule b` or `--rule a,b`. */
function patterns(list: readonly string[] | undefined): string[] {
  return (list ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
}

/** Freezes plain objects and arrays all the way down (decimals, expressions and layouts' RegExps are left as they are). */
function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  const proto = Object.getPrototypeOf(v);
  if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return v;
  Object.freeze(v);
  for (const x of Object.values(v as object)) deepFreeze(x);
  return v;
}

/**
 * Merges flags, configuration and defaults into one frozen run. `given(name)` says whether a flag
 * was given on the command line (commander's option value source), so that the configuration
 * never overrides what was typed.
 */
export async function buildCheckRun(
  paths: readonly string[],
  flags: CheckFlags,
  given: (flag: string) => boolean,
  where: { cwd?: string; stdoutIsTerminal?: boolean } = {},
): Promise<CheckRun> {
  const cwd = where.cwd ?? process.cwd();
  const loaded = await resolveConfig(flags.config, cwd);
  const conf: ConfiguredCheck | undefined = loaded ? configuredCheck(loaded) : undefined;
  const pick = <T>(flag: string, fromFlag: T | undefined, fromConfig: T | undefined, fallback: T): T =>
    given(flag) && fromFlag !== undefined ? fromFlag : fromConfig !== undefined ? fromConfig : fromFlag !== undefined ? fromFlag : fallback;

  const maxFileBytes = flags.maxFileSize === undefined ? undefined : wholeNumber('--max-file-size', flags.maxFileSize, 1);
  const options: CheckOptions = {
    strict: pick('strict', flags.strict, conf?.options.strict, false),
    approxTolerance: given('approxTolerance') && flags.approxTolerance !== undefined ? ratio('--approx-tolerance', flags.approxTolerance) : conf?.options.approxTolerance ?? ratio('--approx-tolerance', flags.approxTolerance ?? DEFAULTS.approxTolerance),
  };
  // the same forms as the configuration: "0.01" (万元), "1元", "0.01万元"
  if (flags.absTolerance !== undefined && given('absTolerance')) {
    const d = amountInWan(flags.absTolerance);
    if (!d) throw new UsageError(`--abs-tolerance: "${flags.absTolerance}" is not an amount such as 0.01 (万元), 1元 or 0.01万元`);
    options.absTolerance = d;
  } else if (conf?.options.absTolerance) options.absTolerance = conf.options.absTolerance;
  const unitType = pick('unitType', flags.unitType, conf?.options.unitType, undefined);
  if (unitType) options.unitType = unitType;

  const load: Request['load'] = {};
  if (maxFileBytes !== undefined) load.maxFileBytes = maxFileBytes;
  if (flags.encoding) load.encoding = flags.encoding === 'gbk' ? 'gb18030' : flags.encoding;
  if (conf?.load.titleAliases) load.titleAliases = conf.load.titleAliases;
  if (conf?.load.columnAliases) load.columnAliases = conf.load.columnAliases;
  if (conf?.load.layouts) load.layouts = conf.load.layouts;
  const layout = pick('layout', flags.layout, conf?.load.layout, undefined);
  if (layout) {
    const layouts = load.layouts ?? BUILTIN_LAYOUTS;
    if (!findLayout(layout, layouts)) throw new UsageError(`--layout: no layout named "${layout}" (known: ${layouts.map((l) => l.id).join(', ')}; see: budgetlint layouts)`);
    load.layout = layout;
  }
  const format = flags.format ?? DEFAULTS.format;
  // the HTML report draws the tables and the text as published
  if (format === 'html') load.keepSources = true;

  // rules: the configuration's levels, then its only/disable, then --rule/--disable
  const ids = [...RULES.map((r) => r.meta.id), ...(loaded?.custom ?? []).map((r) => r.meta.id)];
  let levels = conf?.levels;
  try {
    const only = given('rule') && patterns(flags.rule).length ? patterns(flags.rule) : conf?.only;
    const disable = [...(conf?.disable ?? []), ...patterns(flags.disable)];
    if (only?.length || disable.length) levels = selectionLevels({ ...(only?.length ? { only } : {}), ...(disable.length ? { disable } : {}) }, ids, levels);
  } catch (e) {
    if (e instanceof SelectionError) throw new UsageError(`${given('rule') || given('disable') ? '--rule/--disable' : 'configuration only/disable'}: ${e.message}`);
    throw e;
  }
  const request: Request = { load, options };
  if (flags.verbose) request.coverage = true;
  if (levels && Object.keys(levels).length) request.levels = levels;
  if (conf?.customRules) request.customRules = conf.customRules;

  const metas = [...RULES.map((r) => r.meta), ...(loaded?.custom ?? []).map((r) => r.meta)].filter((m) => levels?.[m.id] !== 'off');
  const report: CheckRun['report'] = {
    format,
    lang: flags.lang ?? DEFAULTS.lang,
    failOn: pick('failOn', flags.failOn, conf?.failOn, DEFAULTS.failOn),
    verbose: !!flags.verbose,
    color: colorFor(flags.color, !flags.output && where.stdoutIsTerminal === true),
    rules: metas,
    docs: ruleDocs(conf?.docsUrl),
  };
  if (loaded) report.config = loaded.file;

  const run: { -readonly [K in keyof CheckRun]: CheckRun[K] } = {
    paths: [...paths],
    request,
    report,
    quiet: !!flags.quiet,
    debug: !!flags.debug,
    warnings: loaded?.warnings ?? [],
  };
  // last year's disclosure: --previous for one, --series by names, the configuration's series / previous
  if (flags.previous !== undefined && flags.series !== undefined) throw new UsageError('--previous and --series: give one (--previous pairs one disclosure, --series every year of a directory)');
  if (flags.previous !== undefined && !existsSync(flags.previous)) throw new UsageError(`--previous: "${flags.previous}": no such file or directory (last year's disclosure: a directory, workbook or PDF)`);
  if (flags.series !== undefined) {
    if (!existsSync(flags.series)) throw new UsageError(`--series: "${flags.series}": no such directory`);
    run.paths = [...paths, flags.series];
  }
  const pairing: Pairing = {};
  if (flags.previous !== undefined) pairing.previous = flags.previous;
  if (flags.series !== undefined || conf?.series) pairing.series = true;
  if (conf?.previous && flags.previous === undefined) pairing.map = conf.previous;
  if (Object.keys(pairing).length) run.pairing = pairing;
  if (flags.jobs !== undefined) run.jobs = wholeNumber('--jobs', flags.jobs, 1);
  const maxWarnings = given('maxWarnings') && flags.maxWarnings !== undefined ? wholeNumber('--max-warnings', flags.maxWarnings, 0) : conf?.maxWarnings;
  if (maxWarnings !== undefined) run.maxWarnings = maxWarnings;
  if (flags.baseline) run.baseline = resolve(cwd, flags.baseline);
  if (flags.output) run.output = outputTarget(flags.output);
  if (loaded) run.configFile = loaded.file;
  return deepFreeze(run);
}

/**
 * Colours: --color forces them, --no-color and NO_COLOR turn them off, FORCE_COLOR (not 0) turns
 * them on for a pipe (less -R); otherwise on for a terminal only.
 */
export function colorFor(flag: boolean | undefined, toTerminal: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag === true) return true;
  if (flag === false) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return toTerminal;
}
