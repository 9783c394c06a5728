// Terminal output: findings grouped by file (one table a file), each with its figures and inputs.
import { Chalk } from 'chalk';
import type { Finding, Lang } from '../core/findings.js';
import { TABLE_NUMBER } from '../load/aliases.js';
import { cellRef } from '../load/grid.js';
import { escapeResults, escapeTerminal } from './escape.js';
import { summarize, type DisclosureResult, type Formatter, type NarrativeCoverage, type ReportOptions, type Summary } from './types.js';

const WORDS = {
  zh: { error: '错误', warning: '警告', info: '提示', stated: '填报', expected: '重算', diff: '差额', from: '依据', unit: '单位', cannot: '无法检查' },
  en: { error: 'error', warning: 'warning', info: 'info', stated: 'stated', expected: 'recomputed', diff: 'difference', from: 'from', unit: 'unit', cannot: 'cannot check' },
};

export function summaryLine(s: Summary, lang: Lang): string {
  const total = s.errors + s.warnings + s.infos;
  const failed = s.failed ? (lang === 'zh' ? `，${s.failed} 个目录无法读取` : `, ${s.failed} unreadable`) : '';
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

/** How the disclosures of a multi-disclosure run came out, for the grand total. */
export function outcomeLine(results: DisclosureResult[], lang: Lang): string {
  let clean = 0;
  let errors = 0;
  let other = 0;
  let failed = 0;
  for (const r of results) {
    if (r.fatal) failed++;
    else if (r.findings.some((f) => f.severity === 'error')) errors++;
    else if (r.findings.length) other++;
    else clean++;
  }
  return lang === 'zh'
    ? `其中 ${clean} 份无问题，${errors} 份有错误，${other} 份仅有警告或提示，${failed} 份无法检查`
    : `of which ${clean} clean, ${errors} with errors, ${other} with warnings or info only, ${failed} could not be checked`;
}

/** line:column, or the A1 reference in a workbook sheet, as Excel users look for it. */
function place(loc: { file: string; line: number; column: number }): string {
  return /\.xlsx#/i.test(loc.file) ? cellRef(loc.column, loc.line) : `${loc.line}:${loc.column}`;
}

function formatFinding(f: Finding, opts: ReportOptions, c: InstanceType<typeof Chalk>): string[] {
  const w = WORDS[opts.lang];
  const sev = f.severity === 'error' ? c.red(w.error) : f.severity === 'warning' ? c.yellow(w.warning) : c.blue(w.info);
  const where = place(f.location);
  const lines = [`  ${c.dim(where.padEnd(7))} ${sev}  ${f.message[opts.lang]}  ${c.dim(f.ruleId)}`];
  const pad = ' '.repeat(10);
  if (f.actual !== undefined && f.expected !== undefined) {
    const unit = f.unit ? ` ${f.unit}` : '';
    lines.push(`${pad}${w.stated} ${f.actual}${unit}，${w.expected} ${f.expected}${unit}，${w.diff} ${f.difference ?? ''}${unit}`.replace(/，/g, opts.lang === 'zh' ? '，' : ', '));
  }
  if (f.inputs?.length) {
    const shown = opts.verbose ? f.inputs : f.inputs.slice(0, 8);
    const parts = shown.map((i) => `${i.label[opts.lang]} ${i.value}${i.location ? c.dim(` (${place(i.location)})`) : ''}`);
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
    out.push(`    ${name} (${list.length}): ${list.map((u) => `${escapeTerminal(u.text)}${c.dim(`@${u.line}:${u.column}`)}`).join(' ')}`);
  }
  out.push('');
  return out;
}

export const textFormatter: Formatter = {
  name: 'text',
  format(raw: DisclosureResult[], summary: Summary, opts) {
    const results = escapeResults(raw); // input text must not drive the terminal
    const c = new Chalk({ level: opts.color ? 1 : 0 });
    const out: string[] = [];
    const multi = results.length > 1;
    for (const r of results) {
      if (r.fatal) {
        const where = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
        out.push(`${c.underline(where)}`, `  ${c.red(WORDS[opts.lang].cannot)}  ${r.fatal.message[opts.lang]}`, '');
      }
      let file: string | undefined;
      for (const f of r.findings) {
        if (f.location.file !== file) {
          if (file !== undefined) out.push('');
          file = f.location.file;
          const table = f.location.table ? c.dim(`  ${TABLE_NUMBER[f.location.table]}`) : '';
          out.push(`${c.underline(file)}${table}`);
        }
        for (const line of formatFinding(f, opts, c)) out.push(line);
      }
      // (pushed one by one: a spread of an unbounded list can overflow the stack)
      if (opts.verbose && r.coverage) for (const line of coverageLines(r.coverage, opts.lang, c)) out.push(line);
      if (multi) {
        // the disclosure's own line closes its block; clean ones are one line each
        if (out[out.length - 1] === '') out.pop();
        const line = disclosureLine(r, opts.lang);
        const bad = r.fatal || r.findings.some((f) => f.severity === 'error');
        out.push(bad ? c.red(line) : r.findings.length ? c.yellow(line) : c.green(line));
        if (r.fatal || r.findings.length) out.push('');
      } else if (r.findings.length) out.push('');
    }
    if (multi && out[out.length - 1] !== '') out.push('');
    const s = summaryLine(summary, opts.lang);
    const bad = summary.errors > 0 || summary.failed > 0;
    out.push(bad ? c.red.bold(s) : summary.warnings ? c.yellow.bold(s) : c.green.bold(s));
    if (multi) out.push(outcomeLine(results, opts.lang));
    return out.join('\n') + '\n';
  },
};
