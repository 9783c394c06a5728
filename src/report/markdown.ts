// Markdown for an audit memo or a pull-request comment: a findings table per disclosure, then the
// totals. Every cell is escaped so that published text cannot break the table.
import { placeText, withUnit } from './place.js';
import type { Finding, Lang } from '../core/findings.js';
import { escapeTerminal } from './escape.js';
import { rootCauseText } from './root-cause.js';
import { streamed, type DisclosureResult, type Formatter } from './types.js';
import { baselineLine } from './text.js';

/** One table cell: Markdown punctuation and HTML are escaped, line breaks become <br>. */
export function escapeCell(s: string): string {
  // ESC and bidi controls from the inputs are made visible last
  return escapeTerminal(
    s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>'),
  );
}

const WORDS = {
  zh: {
    title: 'budgetlint 检查报告',
    summary: '汇总',
    disclosure: '公开材料',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    status: '结论',
    unreadable: '无法读取',
    failing: '未通过',
    passing: '通过',
    total: '合计',
    where: '位置',
    level: '级别',
    rule: '规则',
    message: '说明',
    stated: '填报',
    expected: '重算',
    diff: '差额',
    none: '未发现问题。',
    cannot: '无法检查',
    sev: { error: '错误', warning: '警告', info: '提示' },
  },
  en: {
    title: 'budgetlint report',
    summary: 'Summary',
    disclosure: 'Disclosure',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    status: 'Result',
    unreadable: 'unreadable',
    failing: 'fail',
    passing: 'pass',
    total: 'Total',
    where: 'Location',
    level: 'Level',
    rule: 'Rule',
    message: 'Message',
    stated: 'Stated',
    expected: 'Recomputed',
    diff: 'Difference',
    none: 'No findings.',
    cannot: 'cannot check',
    sev: { error: 'error', warning: 'warning', info: 'info' },
  },
};

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function count(fs: Finding[], s: Finding['severity']): number {
  return fs.filter((f) => f.severity === s).length;
}

function findingRow(f: Finding, lang: Lang): string {
  const w = WORDS[lang];
  const amount = (v: string | undefined) => (v === undefined ? '' : escapeCell(withUnit(v, f.unit, lang)));
  return row([
    escapeCell(placeText(f.location)),
    w.sev[f.severity],
    escapeCell(f.ruleId),
    escapeCell(f.message[lang]),
    amount(f.actual),
    amount(f.expected),
    amount(f.difference),
  ]);
}

/** A section a disclosure, written as each is checked; the totals close the report. */
export const markdownFormatter: Formatter = streamed('markdown', (opts) => {
  const w = WORDS[opts.lang];
  const rank = { error: 0, warning: 1, info: 2 };
  const fails = (r: DisclosureResult) => !!r.fatal || r.findings.some((f) => rank[f.severity] <= rank[opts.failOn]);
  return {
    head: () => `# ${w.title}\n`,
    disclosure(r) {
      const out = ['', `## ${escapeCell(r.path)}`, ''];
      const status = r.fatal ? w.unreadable : fails(r) ? w.failing : w.passing;
      out.push(row([w.errors, w.warnings, w.infos, w.status]), row(['--:', '--:', '--:', '---']));
      out.push(row([...(['error', 'warning', 'info'] as const).map((s) => String(count(r.findings, s))), status]), '');
      if (r.fatal) {
        const at = [r.fatal.file, r.fatal.line, r.fatal.column].filter((x) => x !== undefined).join(':');
        out.push(`**${w.cannot}** ${escapeCell(`${at}: ${r.fatal.message[opts.lang]}`)}`, '');
      }
      if (!r.findings.length) {
        if (!r.fatal) out.push(w.none);
        return out.join('\n') + '\n';
      }
      for (const rc of r.rootCauses ?? []) out.push(`**${opts.lang === 'zh' ? '根因' : 'Root cause'}** ${escapeCell(rootCauseText(rc, opts.lang))}`, '');
      out.push(row([w.where, w.level, w.rule, w.message, w.stated, w.expected, w.diff]), row(['---', '---', '---', '---', '--:', '--:', '--:']));
      for (const f of r.findings) out.push(findingRow(f, opts.lang));
      return out.join('\n') + '\n';
    },
    tail(summary) {
      const out = ['', `## ${w.summary}`, ''];
      out.push(row([w.disclosure, w.errors, w.warnings, w.infos, w.unreadable]), row(['--:', '--:', '--:', '--:', '--:']));
      out.push(row([String(summary.disclosures), String(summary.errors), String(summary.warnings), String(summary.infos), String(summary.failed)]));
      if (summary.baseline) out.push('', escapeCell(baselineLine(summary.baseline, opts.lang)));
      if (opts.config) out.push('', `${opts.lang === 'zh' ? '配置文件' : 'Configuration'}: ${escapeCell(opts.config)}`);
      return out.join('\n') + '\n';
    },
  };
});
