// Terminal output: findings grouped by file (one table a file), each with its figures and inputs.
import { Chalk } from 'chalk';
import { isDisclosureWide, type Finding, type Lang } from '../core/findings.js';
import { withUnit } from './place.js';
import { cellRef } from '../load/grid.js';
import { escapeResults, escapeTerminal } from './escape.js';
import { rootCauseText } from './root-cause.js';
import { streamed, summarize, type DisclosureResult, type Formatter, type NarrativeCoverage, type ReadSummary, type ReportOptions, type Summary } from './types.js';

const WORDS = {
  zh: { error: '错误', warning: '警告', info: '提示', stated: '填报', expected: '重算', diff: '差额', from: '依据', unit: '单位', cannot: '无法检查' },
  en: { error: 'error', warning: 'warning', info: 'info', stated: 'stated', expected: 'recomputed', diff: 'difference', from: 'from', unit: 'unit', cannot: 'cannot check' },
};

export function summaryLine(s: Summary, lang: Lang): string {
  const total = s.errors + s.warnings + s.infos;
  const failed = s.failed ? (lang === 'zh' ? `，${s.failed} 份无法使用` : `, ${s.failed} unusable`) : '';
  return lang === 'zh'
    ? `检查了 ${s.disclosures} 份公开材料：${total} 个问题（${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示）${failed}`
    : `checked ${s.disclosures} disclosure${s.disclosures === 1 ? '' : 's'}: ${total} problem${total === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info)${failed}`;
}

/** The one line a disclosure gets in a multi-disclosure run. */
export function disclosureLine(r: DisclosureResult, lang: Lang): string {
  const s = summarize([r]);
  const total = s.errors + s.warnings + s.infos;
  const sep = lang === 'zh' ? '：' : ': ';
  if (r.fatal) return `${r.path}${sep}${WORDS[lang].cannot}`;
  if (total === 0) return `${r.path}${sep}${lang === 'zh' ? '无问题' : 'no problems'}`;
  return lang === 'zh'
    ? `${r.path}${sep}${total} 个问题（${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示）`
    : `${r.path}${sep}${total} problem${total === 1 ? '' : 's'} (${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info)`;
}

/** What was read and checked, and where the findings are: one line under each disclosure. */
export function disclosureSummary(r: DisclosureResult, lang: Lang): string {
  const zh = lang === 'zh';
  const read = r.read!;
  const tables = read.tables.length;
  const text = read.text !== undefined || r.coverage !== undefined;
  const byTable = new Map<string, number>();
  for (const f of r.findings) {
    const name = isDisclosureWide(f)
      ? zh ? '整体' : 'whole'
      : f.location.tableName?.[lang].split(/（|, /)[0] ?? f.location.table ?? (f.location.file === read.text || /\.(txt|md)$/i.test(f.location.file) ? (zh ? '说明' : 'text') : (f.location.file.split(/[\\/]/).pop() ?? f.location.file));
    byTable.set(name, (byTable.get(name) ?? 0) + 1);
  }
  const where = [...byTable].map(([t, n]) => `${t} ${n}`).join(zh ? '，' : ', ');
  const skipped = read.skipped.length ? (zh ? `，${read.skipped.length} 项未能核对` : `, ${read.skipped.length} not checkable`) : '';
  return zh
    ? `  读取 ${tables} 张表${text ? '及说明' : ''}，运行 ${read.rules.length} 条规则${skipped}${where ? `；问题分布：${where}` : '；无问题'}`
    : `  read ${tables} table${tables === 1 ? '' : 's'}${text ? ' and the text' : ''}, ran ${read.rules.length} rule${read.rules.length === 1 ? '' : 's'}${skipped}${where ? `; findings by table: ${where}` : '; no findings'}`;
}

/** How the disclosures of a multi-disclosure run came out, for the grand total. */
export function outcomeLine(results: DisclosureResult[], lang: Lang): string {
  const o = { clean: 0, errors: 0, other: 0, failed: 0 };
  for (const r of results) {
    if (r.fatal) o.failed++;
    else if (r.findings.some((f) => f.severity === 'error')) o.errors++;
    else if (r.findings.length) o.other++;
    else o.clean++;
  }
  return outcomeText(o, lang);
}

function outcomeText({ clean, errors, other, failed }: { clean: number; errors: number; other: number; failed: number }, lang: Lang): string {
  return lang === 'zh'
    ? `其中 ${clean} 份无问题，${errors} 份有错误，${other} 份仅有警告或提示，${failed} 份无法检查`
    : `of which ${clean} clean, ${errors} with errors, ${other} with warnings or info only, ${failed} could not be checked`;
}

/** line:column, the A1 reference in a workbook sheet, as Excel users look for it, or p.page:line:column in a PDF. */
function place(loc: { file: string; line: number; column: number; page?: number }): string {
  if (loc.line === 0) return '—';
  if (loc.page !== undefined) return `p.${loc.page}:${loc.line}:${loc.column}`;
  return /\.xlsx#/i.test(loc.file) ? cellRef(loc.column, loc.line) : `${loc.line}:${loc.column}`;
}


/** Where an input stands: its place, and its file when that is not the finding's own. */
function inputPlace(loc: { file: string; line: number; column: number; page?: number }, findingFile: string): string {
  if (loc.file === findingFile) return place(loc);
  const name = loc.file.split(/[\\/]/).pop() ?? loc.file;
  return `${name} ${place(loc)}`;
}

function formatFinding(f: Finding, opts: ReportOptions, c: InstanceType<typeof Chalk>): string[] {
  const w = WORDS[opts.lang];
  const sev = f.severity === 'error' ? c.red(w.error) : f.severity === 'warning' ? c.yellow(w.warning) : c.blue(w.info);
  const where = place(f.location);
  const lines = [`  ${c.dim(where.padEnd(7))} ${sev}  ${f.message[opts.lang]}  ${c.dim(f.ruleId)}`];
  const pad = ' '.repeat(10);
  if (f.actual !== undefined && f.expected !== undefined) {
    const u = (v: string) => withUnit(v, f.unit, opts.lang);
    const sep = opts.lang === 'zh' ? '，' : ', ';
    lines.push(`${pad}${w.stated} ${u(f.actual)}${sep}${w.expected} ${u(f.expected)}${sep}${w.diff} ${u(f.difference ?? '')}`);
  }
  if (f.inputs?.length) {
    const shown = opts.verbose ? f.inputs : f.inputs.slice(0, 8);
    const parts = shown.map((i) => `${i.label[opts.lang]} ${withUnit(i.value, i.unit, opts.lang)}${i.location ? c.dim(` (${inputPlace(i.location, f.location.file)})`) : ''}`);
    const more = f.inputs.length > shown.length ? (opts.lang === 'zh' ? ` 等 ${f.inputs.length} 项` : ` and ${f.inputs.length - shown.length} more`) : '';
    lines.push(`${pad}${c.dim(w.from + ':')} ${parts.join('; ')}${more}`);
  }
  return lines;
}

const REASONS: Record<string, { zh: string; en: string }> = {
  date: { zh: '日期', en: 'dates' },
  'document-number': { zh: '文号', en: 'document numbers' },
  ordinal: { zh: '序号', en: 'ordinals' },
  quantity: { zh: '数量', en: 'quantities' },
  threshold: { zh: '限额（以上/以下）', en: 'thresholds' },
  rate: { zh: '单价', en: 'unit prices' },
  'contract-share': { zh: '合同比例', en: 'shares of a contract' },
  indicator: { zh: '绩效指标值', en: 'performance indicator values' },
  delta: { zh: '无增幅的增减额', en: 'changes without a rate' },
  unmatched: { zh: '未匹配任何模式', en: 'matching no pattern' },
};

/** --verbose: the figures of the text no claim took, so that coverage can be measured. */
function coverageLines(cov: NarrativeCoverage, lang: Lang, c: InstanceType<typeof Chalk>): string[] {
  const zh = lang === 'zh';
  const out = [
    `${c.underline(escapeTerminal(cov.file))}`,
    zh
      ? `  说明中 ${cov.extracted} 个数字已作为说法检查，${cov.unmatched.length} 个未纳入：`
      : `  ${cov.extracted} figures of the text were checked as claims, ${cov.unmatched.length} were not:`,
  ];
  const by = new Map<string, NarrativeCoverage['unmatched']>();
  for (const u of cov.unmatched) {
    const list = by.get(u.reason);
    if (list) list.push(u);
    else by.set(u.reason, [u]);
  }
  for (const [reason, list] of by) {
    const name = REASONS[reason]?.[lang] ?? reason;
    out.push(`    ${name} (${list.length}): ${list.map((u) => `${escapeTerminal(u.text)}${c.dim(`@${u.page !== undefined ? `p.${u.page}:` : ''}${u.line}:${u.column}`)}`).join(' ')}`);
  }
  out.push('');
  return out;
}

const HOW: Record<ReadSummary['layout']['how'], { zh: string; en: string }> = {
  detected: { zh: '按表名识别', en: 'detected from the titles' },
  forced: { zh: '由 --layout 指定', en: 'chosen with --layout' },
  manifest: { zh: '由清单指定', en: 'named by the manifest' },
  none: { zh: '未识别出版式，按全国模板读取', en: 'no layout recognised; read as the national template' },
};

/** --verbose: the layout, each file's table, its row formulas, and what could not be checked. */
function readLines(r: ReadSummary, lang: Lang, c: InstanceType<typeof Chalk>): string[] {
  const zh = lang === 'zh';
  const out = [c.dim(`${zh ? '版式' : 'layout'}: ${r.layout.id} ${r.layout.name[lang]}（${HOW[r.layout.how][lang]}）`.replace(/（(.*)）/, zh ? '（$1）' : ' ($1)'))];
  if (r.previous) out.push(c.dim(`${zh ? '上年公开材料' : "last year's disclosure"}: ${escapeTerminal(r.previous)}`));
  for (const t of r.tables) {
    const what = `${t.label[lang]} [${t.id ?? t.kind}, ${t.structure}, ${t.rows} ${zh ? '行' : 'rows'}]`;
    out.push(c.dim(`  ${escapeTerminal(t.file)} → ${what}`));
    out.push(c.dim(`      ${zh ? '金额列' : 'amount columns'}: ${t.columns.join(', ') || '—'}`));
    if (t.formulas.length) out.push(c.dim(`      ${zh ? '行内公式' : 'row formulas'}: ${t.formulas.join('; ')}`));
  }
  if (r.skipped.length) {
    out.push(c.dim(`  ${zh ? '未能核对' : 'not checked'}:`));
    for (const s of r.skipped) out.push(c.dim(`    ${s.rule}: ${escapeTerminal(s.what)} — ${s.why[lang]}`));
  }
  out.push('');
  return out;
}

export const textFormatter: Formatter = streamed('text', (opts, total) => {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const multi = total > 1;
  const lang = opts.lang;
  const outcome = { clean: 0, errors: 0, other: 0, failed: 0 };
  let findings = 0;
  /** whether what was written last ends with a blank line */
  let endsBlank = true;
  const emit = (lines: string[]): string => {
    if (lines.length === 0) return '';
    endsBlank = lines[lines.length - 1] === '';
    return lines.join('\n') + '\n';
  };
  return {
    head: () => '',
    disclosure(raw) {
      const [r] = escapeResults([raw]) as [DisclosureResult]; // input text must not drive the terminal
      if (r.fatal) outcome.failed++;
      else if (r.findings.some((f) => f.severity === 'error')) outcome.errors++;
      else if (r.findings.length) outcome.other++;
      else outcome.clean++;
      findings += r.findings.length;
      const out: string[] = [];
      if (r.fatal) {
        const where = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
        out.push(`${c.underline(where)}`, `  ${c.red(WORDS[lang].cannot)}  ${r.fatal.message[lang]}`, '');
      }
      // the figures behind clusters of findings come first: they are what to fix
      for (const rc of r.rootCauses ?? []) {
        const at = rc.corrections.map((x) => `${x.location.file}:${place(x.location)}`).join(', ');
        out.push(`${c.bold(lang === 'zh' ? '根因' : 'root cause')}  ${rootCauseText(rc, lang)}  ${c.dim(at)}`);
      }
      if (r.rootCauses?.length) out.push('');
      let file: string | undefined;
      for (const f of r.findings) {
        // findings about the disclosure as a whole head its own block, in table order
        const group = isDisclosureWide(f) ? `\0${f.location.file}` : f.location.file;
        if (group !== file) {
          if (file !== undefined) out.push('');
          file = group;
          const table = isDisclosureWide(f)
            ? c.dim(`  ${lang === 'zh' ? '（公开材料整体）' : '(the disclosure as a whole)'}`)
            : f.location.tableName ? c.dim(`  ${f.location.tableName[lang]}`) : '';
          out.push(`${c.underline(f.location.file)}${table}`);
        }
        for (const line of formatFinding(f, opts, c)) out.push(line);
      }
      if (r.read && !r.fatal && r.findings.length) out.push(c.dim(disclosureSummary(r, lang)));
      // a text checked alone has no tables and no layout to speak of
      if (opts.verbose && r.read && r.read.tables.length) for (const line of readLines(r.read, lang, c)) out.push(line);
      else if (opts.verbose && r.read?.skipped.length) {
        // (a text checked against last year's alone: what could not be compared)
        if (r.read.previous) out.push(c.dim(`${lang === 'zh' ? '上年公开材料' : "last year's disclosure"}: ${escapeTerminal(r.read.previous)}`));
        out.push(c.dim(`  ${lang === 'zh' ? '未能核对' : 'not checked'}:`));
        for (const s of r.read.skipped) out.push(c.dim(`    ${s.rule}: ${escapeTerminal(s.what)} — ${s.why[lang]}`));
        out.push('');
      }
      // (pushed one by one: a spread of an unbounded list can overflow the stack)
      if (opts.verbose && r.coverage) for (const line of coverageLines(r.coverage, lang, c)) out.push(line);
      if (multi) {
        // the disclosure's own line closes its block; clean ones are one line each
        if (out[out.length - 1] === '') out.pop();
        const line = disclosureLine(r, lang);
        const bad = r.fatal || r.findings.some((f) => f.severity === 'error');
        out.push(bad ? c.red(line) : r.findings.length ? c.yellow(line) : c.green(line));
        if (r.fatal || r.findings.length) out.push('');
      } else if (r.findings.length) out.push('');
      return emit(out);
    },
    tail(summary) {
      const out: string[] = [];
      if (multi && !endsBlank) out.push('');
      const s = summaryLine(summary, lang);
      const bad = summary.errors > 0 || summary.failed > 0;
      out.push(bad ? c.red.bold(s) : summary.warnings ? c.yellow.bold(s) : c.green.bold(s));
      if (multi) out.push(outcomeText(outcome, lang));
      if (summary.baseline) out.push(baselineLine(summary.baseline, lang));
      if (opts.config) out.push(c.dim(`${lang === 'zh' ? '配置文件' : 'configuration'}: ${escapeTerminal(opts.config)}`));
      if (findings) out.push(c.dim(lang === 'zh' ? '规则说明：budgetlint explain <规则>' : 'what a rule checks: budgetlint explain <rule>'));
      return out.join('\n') + '\n';
    },
  };
});

/** With --baseline: how many findings it held back, and how many of its entries are gone. */
export function baselineLine(b: { suppressed: number; fixed: number }, lang: Lang): string {
  return lang === 'zh'
    ? `基线：已略去 ${b.suppressed} 个已记录的问题；基线中有 ${b.fixed} 个问题已不再出现`
    : `baseline: ${b.suppressed} known finding${b.suppressed === 1 ? '' : 's'} left out; ${b.fixed} of its findings no longer occur`;
}
