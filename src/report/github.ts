// GitHub Actions workflow commands: one ::error / ::warning / ::notice line per finding, which
// the runner turns into an annotation on the file and line.
import type { Finding, Lang } from '../core/findings.js';
import { escapeTerminal } from './escape.js';
import { withUnit } from './place.js';
import { rootCauseText } from './root-cause.js';
import { streamed, type Formatter } from './types.js';

/**
 * The message part: %, CR and LF would end or corrupt the command; other control characters
 * from the inputs (ESC…) would drive the log viewer, so they are made visible.
 */
export function escapeData(s: string): string {
  return escapeTerminal(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values also must not contain the separators : and ,. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function line(command: string, props: Array<[string, string | number]>, message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${command} ${p}::${escapeData(message)}`;
}

function findingLine(f: Finding, lang: Lang): string {
  let message = f.message[lang];
  if (f.actual !== undefined && f.expected !== undefined) {
    const u = (v: string) => withUnit(v, f.unit, lang);
    message += lang === 'zh'
      ? `\n填报 ${u(f.actual)}，重算 ${u(f.expected)}，差额 ${u(f.difference ?? '')}`
      : `\nstated ${u(f.actual)}, recomputed ${u(f.expected)}, difference ${u(f.difference ?? '')}`;
  }
  // a finding about the disclosure as a whole has no line to annotate
  const where: Array<[string, string | number]> = f.location.line === 0 ? [['file', f.location.file]] : [['file', f.location.file], ['line', f.location.line], ['col', f.location.column]];
  return line(COMMAND[f.severity], [...where, ['title', `budgetlint ${f.ruleId}`]], message);
}

export const githubFormatter: Formatter = streamed('github', (opts) => ({
  head: () => '',
  disclosure(r) {
    const out: string[] = [];
    if (r.fatal) {
      const props: Array<[string, string | number]> = [['file', r.fatal.file]];
      if (r.fatal.line !== undefined) props.push(['line', r.fatal.line]);
      if (r.fatal.column !== undefined) props.push(['col', r.fatal.column]);
      props.push(['title', 'budgetlint']);
      out.push(line('error', props, r.fatal.message[opts.lang]));
    }
    for (const rc of r.rootCauses ?? []) {
      const c = rc.corrections[0]!;
      out.push(line('notice', [['file', c.location.file], ['line', c.location.line], ['col', c.location.column], ['title', 'budgetlint root cause']], rootCauseText(rc, opts.lang)));
    }
    for (const f of r.findings) out.push(findingLine(f, opts.lang));
    return out.length ? out.join('\n') + '\n' : '';
  },
  tail: () => '',
}));
