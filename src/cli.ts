// Command line: parse the arguments and hand each command to its module, loaded only when that
// command runs (so `--version` or `rules` never loads the readers and the rules). Exit 0 (clean),
// 1 (findings at or above the fail level) or 2 (the input or the command line could not be used).
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_MAX_FILE_BYTES, type Lang } from './core/vocabulary.js';
import { FORMAT_NAMES } from './report/names.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const VERSION = '0.1.0';

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream; in?: NodeJS.ReadableStream };

const HELP_AFTER = `
Examples:
  budgetlint check 部门预算/                        a directory of tables (CSV, TSV, xlsx) and its 情况说明
  budgetlint check 预算公开.pdf --lang en            a published PDF, the report in English
  budgetlint check data/ -f sarif -o budgetlint.sarif
  budgetlint check 'data/**/2025' --rule 'narrative-*' --max-warnings 0
  budgetlint baseline data/ -o budgetlint-baseline.json
  budgetlint check data/ --baseline budgetlint-baseline.json
  budgetlint check 2019/ --previous 2018/              this year's changes against last year's disclosure
  budgetlint check --series 法院/                    each year (法院/2018, 法院/2019 …) against the year before
  cat 表三.csv | budgetlint check -
  budgetlint init                                    a commented configuration for this directory

Exit codes: 0 no finding at or above --fail-on (and warnings within --max-warnings);
            1 findings; 2 an input or the command line could not be used.
Docs: budgetlint explain <rule>; the README and docs/ of the installed package.
`;

/** The options check and baseline share: how disclosures are read and checked. */
function checkOptions(cmd: Command): Command {
  return cmd
    .option('--strict', 'every nonzero difference is an error (no 尾差 warnings)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--encoding <encoding>', 'input encoding (detected by default; gbk = gb18030)').choices(['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']))
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(DEFAULT_MAX_FILE_BYTES))
    .option('--approx-tolerance <ratio>', 'relative tolerance for totals marked 约', '0.005')
    .option('--abs-tolerance <amount>', 'accept differences up to this amount: 0.01 (万元), 1元 or 0.01万元')
    .addOption(new Option('--unit-type <type>', '行政单位 / 事业单位 / 混合 (decides 机关运行经费 = 公用经费 or ≤)').choices(['行政单位', '事业单位', '混合']))
    .option('--rule <ids...>', 'run only these rules (ids or globs such as narrative-*; repeatable, or comma-separated)')
    .option('--disable <ids...>', 'do not run these rules (ids or globs; repeatable, or comma-separated)')
    .option('-q, --quiet', 'print only the report, no progress')
    .option('--debug', 'show stack traces of internal errors')
    .option('-j, --jobs <n>', 'check disclosures on this many threads (default: one per CPU above two CPUs, fewer for small batches; 1: no threads)')
    .option('-c, --config <file>', 'configuration file (default: budgetlint.config.json / .yaml found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .option('--layout <id>', 'read every disclosure with this layout instead of detecting it (see: budgetlint layouts)');
}

// standard input is opened only when read (`-`): making process.stdin builds a stream, a few
// milliseconds of every cold start
const processIo = (): Io => ({
  out: process.stdout,
  err: process.stderr,
  get in() {
    return process.stdin;
  },
});

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let exitCode = EXIT_OK;
  const { watchErrors } = await import('./output.js');
  // a closed or full standard output is an error event: recorded here, never an uncaught exception
  const outErrors = watchErrors(io.out);
  if (typeof io.err.on === 'function') io.err.on('error', () => {}); // nothing more can be said when standard error itself fails
  const program = new Command();
  program
    .name('budgetlint')
    .description('检查政府部门预算/决算公开表格与说明中的数字是否自洽 (checks budget disclosures for internal consistency)')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(budgetlint --help shows the commands, budgetlint <command> --help their options)')
    .addHelpText('after', HELP_AFTER)
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  checkOptions(
    program
      .command('check')
      .description('check one or more disclosures (a directory of tables, a workbook, a PDF, a single file, or - for standard input)')
      .argument('[paths...]', 'disclosure directories or files, globs, or - (a table or a text on standard input)'),
  )
    .option('--previous <path>', "last year's disclosure (a directory, workbook or PDF): this year's changes against the figures it published")
    .option('--series <dir>', "check each year of each unit below dir against the year before (<unit>/2018, <unit>/2019)")
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding at or above this level exists').choices(['error', 'warning']).default('error'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMAT_NAMES]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--baseline <file>', 'leave out the findings recorded in this baseline (see: budgetlint baseline)')
    .option('--color', 'colours even when not writing to a terminal (as FORCE_COLOR)')
    .option('--no-color', 'no colours (also off under NO_COLOR)')
    .option('--verbose', 'list every input of every finding, what was read, and the figures of the text not checked')
    .action(async (paths: string[], flags: Record<string, unknown>, cmd: Command) => {
      // a path, or --series naming the directory of a series
      if (paths.length === 0 && flags.series === undefined) cmd.error("error: missing required argument 'paths'", { exitCode: EXIT_USAGE, code: 'commander.missingArgument' });
      const { buildCheckRun } = await import('./commands/request.js');
      const { runCheck } = await import('./commands/check.js');
      const run = await buildCheckRun(paths, flags, (name) => cmd.getOptionValueSource(name) === 'cli', { stdoutIsTerminal: (io.out as NodeJS.WriteStream).isTTY === true });
      exitCode = await runCheck(run, io, outErrors);
    });

  checkOptions(
    program
      .command('baseline')
      .description('record the findings of the disclosures as accepted, so that check --baseline reports only new ones')
      .argument('<paths...>', 'disclosure directories or files, or globs'),
  )
    .option('-o, --output <file>', 'the baseline file to write', 'budgetlint-baseline.json')
    .action(async (paths: string[], flags: Record<string, unknown>, cmd: Command) => {
      const { buildCheckRun } = await import('./commands/request.js');
      const { runBaselineCommand } = await import('./commands/check.js');
      const run = await buildCheckRun(paths, flags, (name) => cmd.getOptionValueSource(name) === 'cli');
      exitCode = await runBaselineCommand(run, io, outErrors);
    });

  program
    .command('init')
    .description('write a commented budgetlint.config.yaml for a directory of disclosures (its layouts and unit type detected)')
    .argument('[dir]', 'the directory (default: the working directory)')
    .option('--force', 'replace an existing budgetlint.config.yaml')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .action(async (dir: string | undefined, flags: { force?: boolean; lang: Lang }) => {
      const { runInit } = await import('./commands/init.js');
      await runInit(dir, flags, io.out);
    });

  program
    .command('extract')
    .description('write what was read from a PDF: one CSV per table, laid out as read, and the text as .txt')
    .argument('<pdf>', 'a published disclosure PDF')
    .requiredOption('-o, --output <dir>', 'directory to write into (created if needed; nothing in it is overwritten)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(DEFAULT_MAX_FILE_BYTES))
    .action(async (pdf: string, flags: { output: string; lang: Lang; maxFileSize: string }) => {
      const { runExtract } = await import('./commands/extract.js');
      exitCode = await runExtract(pdf, flags, io);
    });

  program
    .command('rules')
    .description('list every rule (with a configuration: its custom rules and levels too)')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'configuration file (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (flags: { lang: Lang; config?: string | false; format: string }) => {
      const { listRules } = await import('./commands/info.js');
      await listRules(flags, io.out);
    });

  program
    .command('layouts')
    .description('list the layouts budgetlint knows (built in and from the configuration); with an id, its tables and links')
    .argument('[id]')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', 'configuration file, for its own layouts (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (id: string | undefined, flags: { lang: Lang; config?: string | false }) => {
      const { listLayouts } = await import('./commands/info.js');
      await listLayouts(id, flags, io.out);
    });

  program
    .command('explain')
    .description('print the documentation of a rule')
    .argument('<ruleId>')
    .addOption(new Option('--lang <lang>', 'language').choices(['zh', 'en']).default('zh'))
    .option('-c, --config <file>', 'configuration file, for its custom rules (default: found from the working directory upwards)')
    .option('--no-config', 'use no configuration file')
    .action(async (id: string, flags: { lang: Lang; config?: string | false }) => {
      const { explainRule } = await import('./commands/info.js');
      await explainRule(id, flags, io.out);
    });

  // no command at all is a usage error: the usage goes to standard error, exit 2
  if (argv.length === 0) {
    io.err.write(program.helpInformation() + HELP_AFTER.replace(/^\n/, '\n'));
    return EXIT_USAGE;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      // help asked for is 0; help shown because something was missing is a usage error
      if (e.code === 'commander.help') return argv.some((a) => a === '--help' || a === '-h' || a === 'help') ? EXIT_OK : EXIT_USAGE;
      return EXIT_USAGE;
    }
    const { UsageError } = await import('./commands/request.js');
    const { ConfigError } = await import('./config/index.js');
    const { OutputError } = await import('./output.js');
    const { PairingError } = await import('./batch/series.js');
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof OutputError || e instanceof PairingError) {
      io.err.write(`budgetlint: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  return exitCode;
}
