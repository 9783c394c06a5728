// Text → Narrative: classify the lines, join the prose, read the claims, and account for every
// figure that no claim took (so coverage can be measured).
import { claimContext, readClaims } from './claims/index.js';
import { LimitExceeded, MAX_TEXT_FIGURES, MAX_TEXT_LINES, MAX_TEXT_MARKERS } from '../limits.js';
import { firstAt } from './marks.js';
import type { Narrative, UnmatchedReason } from './model.js';
import { MAX_EXPR_DEPTH, parsePerformance, parseProject, projectRanges, sentencePeriods, tokensByStart, type TooDeep } from './projects.js';
import { classifyLines, joinLines, normalizeLine, PERF_TITLE, type Mapped } from './text.js';
import { tokenize, type Tok } from './tokens.js';

export type { Narrative } from './model.js';

/** Throws LimitExceeded at the first line past MAX_TEXT_LINES (counted before any is made). */
function checkLines(content: string): void {
  let n = 1;
  for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) if (++n > MAX_TEXT_LINES) throw new LimitExceeded('lines', n);
  // lone CRs end lines too
  if (content.includes('\r') && content.split(/\r\n|\r|\n/).length > MAX_TEXT_LINES) throw new LimitExceeded('lines', MAX_TEXT_LINES + 1);
}

/** Throws LimitExceeded at the first heading, 其中, 包括 or 项目名称 past MAX_TEXT_MARKERS. */
function checkMarkers(m: Mapped): void {
  if (m.headings.length > MAX_TEXT_MARKERS) {
    const at = m.headings[MAX_TEXT_MARKERS]!.offset;
    throw new LimitExceeded('markers', m.line[at], m.col[at]);
  }
  let n = m.headings.length;
  for (const x of m.text.matchAll(/其中|包括|项目名称/g)) if (++n > MAX_TEXT_MARKERS) throw new LimitExceeded('markers', m.line[x.index], m.col[x.index]);
}

export function readNarrative(content: string, file: string): Narrative {
  checkLines(content);
  const lines = content.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const normalized = lines.map(normalizeLine);
  const kinds = classifyLines(lines, normalized);
  const proseNums: number[] = [];
  kinds.forEach((k, i) => {
    if (k === 'prose') proseNums.push(i + 1);
  });
  const m = joinLines(lines, proseNums, normalized);
  checkMarkers(m);
  const toks = withFile(tokenize(m), file);
  let figuresLeft = MAX_TEXT_FIGURES - toks.length;
  const ranges = projectRanges(m);
  // ranges are in order and do not overlap: the one that may hold pos is the last starting at or before it
  const inProject = (pos: number) => {
    const r = ranges[firstAt(ranges, pos + 1, (x) => x.start) - 1];
    return r !== undefined && pos < r.end;
  };
  const tokAt = tokensByStart(toks);
  const periods = sentencePeriods(m.text);
  const tooDeep: TooDeep[] = [];
  const projects = ranges.map((r) => parseProject(m, r, toks, tokAt, periods, tooDeep));
  for (const p of projects) p.loc.file = file;
  for (const p of projects) for (const e of p.expressions) e.loc.file = file;
  const prose = readClaims(claimContext(file, m, toks, inProject));

  // performance tables: one block from each 项目支出绩效目标表 line
  const performance: Narrative['performance'] = [];
  const perfToks: Array<{ m: Mapped; toks: Tok[] }> = [];
  let block: number[] = [];
  const flush = () => {
    if (!block.length) return;
    const pm = joinLines(lines, block, normalized);
    const pt = withFile(tokenize(pm, figuresLeft), file);
    figuresLeft -= pt.length;
    const table = parsePerformance(pm, pt);
    table.loc.file = file;
    performance.push(table);
    perfToks.push({ m: pm, toks: pt });
    block = [];
  };
  kinds.forEach((k, i) => {
    if (k !== 'performance') return;
    if (PERF_TITLE.test(normalized[i]!.trim())) flush();
    block.push(i + 1);
  });
  flush();

  const unmatched: Narrative['unmatched'] = [];
  let extracted = 0;
  for (const t of toks) {
    if (t.used) extracted++;
    else unmatched.push({ text: t.raw, loc: t.loc, reason: t.reason ?? reasonOf(m.text, t) });
  }
  for (const { m: pm, toks: pt } of perfToks) {
    for (const t of pt) {
      if (t.used) extracted++;
      else {
        const r = reasonOf(pm.text, t);
        unmatched.push({ text: t.raw, loc: t.loc, reason: r === 'unmatched' || r === 'quantity' ? 'indicator' : r });
      }
    }
  }
  const narrative: Narrative = {
    file,
    ...prose,
    projects,
    performance,
    extracted,
    unmatched,
    residueLines: kinds.filter((k) => k === 'residue').length,
  };
  // rows of tables printed in the text: residue with two amounts or more ("37,188.34   …   21,968.00")
  let rows = 0;
  let firstRow = 0;
  kinds.forEach((k, i) => {
    if (k !== 'residue' || (lines[i]!.match(/\d\.\d{2}(?!\d)/g)?.length ?? 0) < 2) return;
    if (rows++ === 0) firstRow = i + 1;
  });
  if (rows > 0) narrative.tableRows = { count: rows, first: firstRow };
  if (tooDeep.length) {
    narrative.notices = tooDeep.map((d) => ({
      code: 'too-deep',
      message: {
        zh: `括号嵌套超过 ${MAX_EXPR_DEPTH} 层，此处的算式未计算`,
        en: `parentheses nested more than ${MAX_EXPR_DEPTH} deep; the computation here is not evaluated`,
      },
      loc: { file, line: d.line, column: d.column },
    }));
  }
  // built to the shape of NarrativeSchema; the tests validate it, so zod stays unloaded here
  return narrative;
}

function withFile(toks: Tok[], file: string): Tok[] {
  for (const t of toks) t.loc.file = file;
  return toks;
}

/** Why a figure took part in no claim. */
export function reasonOf(text: string, t: Tok): UnmatchedReason {
  const before = text.slice(Math.max(0, t.start - 2), t.start);
  const after = text.slice(t.end, t.end + 4);
  const at = text.slice(t.start, t.end + 3);
  if (/^\d+\.\d+\.\d+/.test(text.slice(t.start, t.end + 6)) || /\d\.$/.test(before)) return 'date';
  if (t.unit === '年' && t.decimals > 0) return 'date';
  if (t.kind === 'count' && (t.unit === '年' || t.unit === '月' || t.unit === '日') && t.decimals === 0) {
    if (t.unit === '年' && /^(19|20)\d\d$/.test(t.raw.replace(/\D/g, ''))) return 'date';
    if (t.unit !== '年') return 'date';
  }
  if (/[〔\[【(]$/.test(before) && /^\d{4}/.test(at)) return 'document-number';
  if (/^[〕\]】)]/.test(after) && /^\d{4}$/.test(t.raw)) return 'document-number';
  if (t.unit === '号' || /^号/.test(after) || /第\s?$/.test(before)) return /^号楼/.test(after) || (t.unit === '号' && /^楼/.test(after)) ? 'ordinal' : 'document-number';
  if (/^[、.]/.test(text.slice(t.end, t.end + 1)) && t.kind === 'bare') return 'ordinal';
  if (t.kind === 'money' && /^\(?含?\)?以[上下]/.test(after)) return 'threshold';
  if (t.kind === 'money' && (t.per || /每/.test(text.slice(Math.max(0, t.start - 5), t.start)))) return 'rate';
  if (t.kind === 'percent' && /的\s?$/.test(before)) return 'contract-share';
  if (t.kind === 'money' && /(增加|减少)\s?$/.test(text.slice(Math.max(0, t.start - 3), t.start))) return 'delta';
  if (t.kind === 'count' || t.kind === 'bare') return 'quantity';
  return 'unmatched';
}
