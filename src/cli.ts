// Command line: parse options, check, print, and exit 0 (clean), 1 (findings at or above the
// fail level) or 2 (the input or the command line could not be used).
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { Decimal, type Dec } from './core/decimal.js';
import { severityRank, type Lang, type Severity } from './core/findings.js';
import type { check } from './check.js';
import { ConfigError, configuredCheck, mergeUnderFlags, resolveConfig } from './config/index.js';
import { checkBatch } from './batch/index.js';
import { ProgressBar } from './batch/progress.js';
import { DEFAULT_MAX_FILE_BYTES, UNREADABLE } from './load/disclosure.js';
import { OutputError, outputTarget, refuseInputs, stdoutFailure, watchErrors, writeAll, writeReport } from './output.js';
import { INPUT_RULE_PREFIX } from './rules/engine.js';
import type { Encoding } from './load/grid.js';
import { RULES, findRule } from './rules/index.js';
import type { CheckOptions } from './rules/types.js';
import { FORMATTERS } from './report/index.js';
import { escapeTerminal } from './report/escape.js';
import { summarize } from './report/types.js';
import { BUILTIN_LAYOUTS, findLayout } from './layout/index.js';
import { describeLayouts } from './layout/describe.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
const UNREADABLE_RULE = `${INPUT_RULE_PREFIX}${UNREADABLE}`;

const VERSION = '0.1.0';

interface CheckFlags {
  strict?: boolean;
  failOn: Severity;
  format: string;
  lang: Lang;
  output?: string;
  encoding?: Encoding;
  maxFileSize: string;
  approxTolerance: string;
  absTolerance?: string;
  unitType?: '行政单位' | '事业单位' | '混合';
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
  jobs?: string;
  config?: string | false;
  layout?: string;
}

class UsageError extends Error {}

function decimalOption(name: string, v: string): Dec {
  try {
    const d = new Decimal(v);
    if (d.isNaN() || d.isNegative()) throw new Error();
    return d;
  } catch {
    throw new UsageError(`${name}: "${v}" is not a non-negative number`);
  }
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let exitCode = EXIT_OK;
  // a closed or full standard output is an error event: recorded here, never an uncaught exception
  const outErrors = watchErrors(io.out);
  if (typeof io.err.on === 'function') io.err.on('error', () => {}); // nothing more can be said when standard error itself fails
  const program = new Command();
  program
    .name('budgetlint')
    .description('检查政府部门预算/决算公开表格与说明中的数字是否自洽 (checks budget disclosures for internal consistency)')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  program
    .command('check')
    .description('check one or more disclosures (a directory of tables, or a single file)')
    .argument('<paths...>', 'disclosure directories or files')
    .option('--strict', 'every nonzero difference is an error (no 尾差 warnings)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding at or above this level exists').choices(['error', 'warning']).default('error'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('text'))
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--encoding <encoding>', 'input encoding (detected by default; gbk = gb18030)').choices(['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']))
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(DEFAULT_MAX_FILE_BYTES))
    .option('--approx-tolerance <ratio>', 'relative tolerance for totals marked 约', '0.005')
    .option('--abs-tolerance <wan>', 'accept differences up to this many 万元')
    .addOption(new Option('--unit-type <type>', '行政单位 / 事业单位 / 混合 (decides 机关运行经费 = 公用经费 or ≤)').choices(['行政单位', '事业单位', '混合']))
    .option('--no-color', 'no colours (also off under NO_COLOR or when not writing to a terminal)')
    .option('--verbose', 'list every input of every finding')
    .option('-q, --quiet', 'print only the report, no progress')
    .option('--debug', 'show stack traces of internal errors')
    .option('-j, --jobs <n>', 'check disclosures on this many threads (default: the number of CPUs, fewer for small batches; 1: no threads)')
    .option('-c, --config <file>', 'configuration file (default: budgetlint.config.json / .yaml found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .option('--layout <id>', 'read every disclosure with this layout instead of detecting it (see: budgetlint layouts)')
    .action(async (paths: string[], flags: CheckFlags, cmd: Command) => {
      exitCode = await runCheck(paths, flags, io, (name) => cmd.getOptionValueSource(name) === 'cli', outErrors);
    });

  program
    .command('extract')
    .description('write what was read from a PDF: one CSV per table, laid out as read, and the text as .txt')
    .argument('<pdf>', 'a published disclosure PDF')
    .requiredOption('-o, --output <dir>', 'directory to write into (created if needed; nothing in it is overwritten)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(DEFAULT_MAX_FILE_BYTES))
    .action(async (pdf: string, flags: { output: string; lang: Lang; maxFileSize: string }) => {
      exitCode = await runExtract(pdf, flags, io);
    });

  program
    .command('rules')
    .description('list every rule')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', 'configuration file (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (flags: { lang: Lang; config?: string | false }) => {
      // with a configuration: its custom rules too, and each rule's configured level
      const loaded = await resolveConfig(flags.config);
      for (const r of [...RULES, ...(loaded?.custom ?? [])]) {
        const level = loaded?.config.rules?.[r.meta.id] ?? r.meta.defaultSeverity;
        io.out.write(`${r.meta.id.padEnd(28)} ${level.padEnd(8)} ${r.meta.title[flags.lang]}\n`);
      }
    });

  program
    .command('layouts')
    .description('list the layouts budgetlint knows (built in and from the configuration); with an id, its tables and links')
    .argument('[id]')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', 'configuration file, for its own layouts (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (id: string | undefined, flags: { lang: Lang; config?: string | false }) => {
      const loaded = await resolveConfig(flags.config);
      const layouts = loaded ? (configuredCheck(loaded).load.layouts ?? BUILTIN_LAYOUTS) : BUILTIN_LAYOUTS;
      io.out.write(describeLayouts(layouts, id, flags.lang));
    });

  program
    .command('explain')
    .description('print the documentation of a rule')
    .argument('<ruleId>')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', 'configuration file, for its custom rules (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (id: string, flags: { lang: Lang; config?: string | false }) => {
      // a built-in rule needs no configuration; a custom one is described by the file that defines it
      const r = findRule(id) ?? (await resolveConfig(flags.config))?.custom.find((c) => c.meta.id === id);
      if (!r) throw new UsageError(`unknown rule "${id}" (see: budgetlint rules)`);
      const doc = findRule(id) ? `\n${flags.lang === 'zh' ? '详见' : 'See'} docs/rules/${id}.md\n` : '';
      io.out.write(`${r.meta.id} — ${r.meta.title[flags.lang]}\n\n${r.meta.description[flags.lang]}\n\n${r.meta.rationale[flags.lang]}\n${doc}`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof OutputError) {
      io.err.write(`budgetlint: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  return exitCode;
}

async function runExtract(pdf: string, flags: { output: string; lang: Lang; maxFileSize: string }, io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream }): Promise<number> {
  const maxFileBytes = Number.parseInt(flags.maxFileSize, 10);
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size: "${flags.maxFileSize}" is not a positive whole number of bytes`);
  const { extractPdf } = await import('./extract.js');
  const { InputError } = await import('./load/errors.js');
  try {
    const r = await extractPdf(pdf, flags.output, { maxFileBytes });
    const zh = flags.lang === 'zh';
    io.out.write(`${zh ? `已从 ${r.pages} 页中读出 ${r.tables} 张表，写入：` : `read ${r.tables} tables from ${r.pages} pages; wrote:`}\n${r.files.map((f) => `  ${escapeTerminal(f)}\n`).join('')}`);
    return EXIT_OK;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err.write(`budgetlint: ${escapeTerminal(`${e.where()}: ${e.text[flags.lang]}`)}\n`);
    return EXIT_USAGE;
  }
}

async function runCheck(
  paths: string[],
  flags: CheckFlags,
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
  given: (flag: string) => boolean = () => true,
  outErrors: { error?: NodeJS.ErrnoException } = {},
): Promise<number> {
  const maxFileBytes = Number.parseInt(flags.maxFileSize, 10);
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size: "${flags.maxFileSize}" is not a positive whole number of bytes`);
  const options: CheckOptions = {
    strict: !!flags.strict,
    approxTolerance: decimalOption('--approx-tolerance', flags.approxTolerance),
  };
  if (flags.absTolerance) options.absTolerance = decimalOption('--abs-tolerance', flags.absTolerance);
  if (flags.unitType) options.unitType = flags.unitType;
  const load: Parameters<typeof check>[0]['load'] = { maxFileBytes };
  if (flags.layout) load.layout = flags.layout;
  // the HTML report draws the tables and the text as published
  if (flags.format === 'html') load.keepSources = true;
  if (flags.encoding) load.encoding = (flags.encoding as string) === 'gbk' ? 'gb18030' : flags.encoding;
  const loaded = await resolveConfig(flags.config);
  for (const w of loaded?.warnings ?? []) io.err.write(`budgetlint: ${escapeTerminal(w)}\n`);
  const conf = loaded ? configuredCheck(loaded) : undefined;
  if (conf) flags.failOn = mergeUnderFlags(conf, given, options, load, flags.failOn);
  if (load.layout && !findLayout(load.layout, load.layouts ?? BUILTIN_LAYOUTS)) {
    throw new UsageError(`--layout: no layout named "${load.layout}" (known: ${(load.layouts ?? BUILTIN_LAYOUTS).map((l) => l.id).join(', ')}; see: budgetlint layouts)`);
  }
  const jobs = flags.jobs === undefined ? undefined : Number.parseInt(flags.jobs, 10);
  if (flags.jobs !== undefined && (!/^\d+$/.test(flags.jobs) || !(jobs! >= 1))) throw new UsageError(`--jobs: "${flags.jobs}" is not a positive whole number`);
  // the report's file: checked before anything else is done, against every input once the arguments are expanded
  const target = flags.output ? outputTarget(flags.output) : undefined;
  const configFile = loaded ? resolve(loaded.file) : undefined;
  if (target) refuseInputs(target, paths, configFile);
  const err = io.err as NodeJS.WriteStream;
  const bar = err.isTTY === true && !flags.quiet ? new ProgressBar(err) : undefined;
  const results = await checkBatch(paths, { load, options, ...(flags.verbose ? { coverage: true } : {}), ...(conf?.levels ? { levels: conf.levels } : {}), ...(conf?.customRules ? { customRules: conf.customRules } : {}) }, {
    jobs,
    onProgress: (done, total, path) => { if (total > 1) bar?.update(done, total, path); },
    onInternalError: (path, stack) => { if (flags.debug) io.err.write(`budgetlint: ${path}: ${stack}\n`); },
    ...(target ? { onExpanded: (found: readonly string[]) => refuseInputs(target, found, configFile) } : {}),
  });
  bar?.clear();
  const summary = summarize(results);
  const toTerminal = !flags.output && (io.out as NodeJS.WriteStream).isTTY === true;
  const color = flags.color !== false && toTerminal && !process.env.NO_COLOR;
  const formatter = FORMATTERS[flags.format]!;
  const text = formatter.format(results, summary, { lang: flags.lang, color, failOn: flags.failOn, verbose: !!flags.verbose, ...(conf ? { rules: conf.metas } : {}) });
  if (target) writeReport(target, text);
  else {
    const failed = (await writeAll(io.out, text)) ?? outErrors.error;
    const why = failed && stdoutFailure(failed);
    if (why) {
      io.err.write(`budgetlint: ${why}\n`);
      return EXIT_USAGE;
    }
    // a reader that closed the pipe (| head -1) took what it wanted: nothing to say
  }
  let unusable = summary.failed > 0;
  for (const r of results) {
    if (r.fatal) {
      const where = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
      io.err.write(`budgetlint: ${escapeTerminal(`${where}: ${r.fatal.message[flags.lang]}`)}\n`);
    }
    // a file of a directory that could not be read: the rest was checked, but the input was not all usable
    for (const f of r.findings) {
      if (f.ruleId !== UNREADABLE_RULE) continue;
      unusable = true;
      io.err.write(`budgetlint: ${escapeTerminal(`${f.location.file}:${f.location.line}: ${f.message[flags.lang]}`)}\n`);
    }
  }
  if (unusable) return EXIT_USAGE;
  const limit = severityRank(flags.failOn);
  const failing = results.some((r) => r.findings.some((f) => severityRank(f.severity) <= limit));
  return failing ? EXIT_FINDINGS : EXIT_OK;
}
