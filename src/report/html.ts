// One self-contained HTML file (no network, no external fonts or scripts): every table drawn as
// published with the cells of each finding marked by severity, the 情况说明 text with each checked
// figure underlined, a findings panel to filter and click through, the root causes, and a chart
// of findings by table and by rule. Everything from the inputs is escaped.
import type { Finding, Lang, Severity } from '../core/findings.js';
import type { Location } from '../core/vocabulary.js';
import type { Sources } from '../load/model.js';
import { findingKey } from '../rules/root-cause.js';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { correctionText, rootCauseText } from './root-cause.js';
import { streamed, type DisclosureResult, type Formatter, type Summary } from './types.js';

const WORDS = {
  zh: {
    title: 'budgetlint 检查报告',
    disclosure: '公开材料',
    whole: '公开材料整体',
    findings: '问题',
    none: '未发现问题。',
    errors: '错误',
    warnings: '警告',
    infos: '提示',
    severity: '级别',
    rule: '规则',
    table: '表',
    all: '全部',
    stated: '填报',
    expected: '重算',
    diff: '差额',
    from: '依据',
    text: '情况说明',
    cause: '根因',
    byTable: '各表问题数',
    byRule: '各规则问题数',
    cannot: '无法检查',
    unit: '单位',
    sev: { error: '错误', warning: '警告', info: '提示' },
  },
  en: {
    title: 'budgetlint report',
    disclosure: 'Disclosure',
    whole: 'the disclosure as a whole',
    findings: 'Findings',
    none: 'No findings.',
    errors: 'errors',
    warnings: 'warnings',
    infos: 'info',
    severity: 'Severity',
    rule: 'Rule',
    table: 'Table',
    all: 'all',
    stated: 'stated',
    expected: 'recomputed',
    diff: 'difference',
    from: 'from',
    text: 'Text',
    cause: 'Root cause',
    byTable: 'Findings by table',
    byRule: 'Findings by rule',
    cannot: 'cannot check',
    unit: 'unit',
    sev: { error: 'error', warning: 'warning', info: 'info' },
  },
};

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for HTML: markup escaped, and control and bidi characters shown as \xNN or \uNNNN, never obeyed. */
export function escHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
    });
}

/** JSON inside a <script> element: nothing in it can close the element or start markup. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

interface Ids {
  files: Map<string, number>;
}

function cellId(d: number, ids: Ids, loc: Pick<Location, 'file' | 'line' | 'column'>): string | undefined {
  const f = ids.files.get(loc.file);
  return f === undefined ? undefined : `d${d}-f${f}-${loc.line}-${loc.column}`;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(fs: Finding[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of fs) if (!w || RANK[f.severity] < RANK[w]) w = f.severity;
  return w;
}

function detail(f: Finding, lang: Lang): string {
  const w = WORDS[lang];
  const u = f.unit ? ` ${f.unit}` : '';
  return f.actual !== undefined && f.expected !== undefined ? `${w.stated} ${f.actual}${u}, ${w.expected} ${f.expected}${u}, ${w.diff} ${f.difference ?? ''}${u}` : '';
}

function tableHtml(d: number, fi: number, t: Sources['tables'][number], byCell: Map<string, Finding[]>, lang: Lang, ids: Ids): string {
  const title = t.rows.filter((r) => r.part === 'title').flatMap((r) => r.cells.map((c) => c.text.trim()).filter(Boolean));
  const label = t.name ? `${t.number ? `${t.number[lang]} ` : ''}${t.name[lang]}` : title[0] ?? t.file;
  const width = Math.max(1, ...t.rows.map((r) => r.cells.length));
  const out: string[] = [`<section class="tbl" id="d${d}-f${fi}"><h3>${escHtml(label)}</h3><p class="meta">${escHtml(t.file)}${t.unit ? ` · ${WORDS[lang].unit}：${escHtml(t.unit)}` : ''}</p>`];
  if (title.length) out.push(`<p class="title">${title.map(escHtml).join('<br>')}</p>`);
  out.push('<div class="scroll"><table>');
  for (const r of t.rows) {
    if (r.part === 'title') continue;
    const tag = r.part === 'header' ? 'th' : 'td';
    const cells: string[] = [];
    for (let i = 0; i < width; i++) {
      const c = r.cells[i];
      const text = c?.text ?? '';
      if (!c) {
        cells.push(`<${tag}></${tag}>`);
        continue;
      }
      const id = cellId(d, ids, { file: t.file, line: r.line, column: c.column })!;
      const fs = byCell.get(id) ?? [];
      const sev = worst(fs);
      const numeric = /^[\s(（]*[-−]?[\d０-９][\d,，.．０-９\s]*[)）]?\s*$/.test(text);
      const cls = [numeric ? 'n' : '', sev ? `sev-${sev}` : ''].filter(Boolean).join(' ');
      const tip = fs.map((f) => `${f.message[lang]} ${detail(f, lang)}`).join('\n');
      cells.push(`<${tag} id="${id}"${cls ? ` class="${cls}"` : ''}${sev ? ` tabindex="0" title="${escHtml(tip)}" data-tip="${escHtml(tip)}"` : ''}>${escHtml(text)}</${tag}>`);
    }
    out.push(`<tr>${cells.join('')}</tr>`);
  }
  out.push('</table></div></section>');
  return out.join('');
}

/** A figure of the text, from its column to the end of the number and its unit. */
const FIGURE = /^[-−]?[\d０-９][\d０-９,，.．]*(?:\s*(?:万元|千元|亿元|元|%|％))?/;

function textHtml(d: number, fi: number, text: NonNullable<Sources['text']>, byCell: Map<string, Finding[]>, lang: Lang, ids: Ids): string {
  const out: string[] = [`<section class="txt" id="d${d}-f${fi}"><h3>${escHtml(WORDS[lang].text)}</h3><p class="meta">${escHtml(text.file)}</p><ol class="lines">`];
  const byLine = marksOn(d, ids, text.file, byCell);
  text.lines.forEach((line, i) => {
    const marks = byLine.get(i + 1) ?? [];
    let html = '';
    let pos = 0;
    const chars = [...line];
    for (const m of marks) {
      const start = m.column - 1;
      if (start < pos || start >= chars.length) continue;
      const rest = chars.slice(start).join('');
      const len = [...(FIGURE.exec(rest)?.[0] ?? rest.slice(0, 1))].length;
      html += escHtml(chars.slice(pos, start).join(''));
      const tip = m.findings.map((f) => `${f.message[lang]} ${detail(f, lang)}`).join('\n');
      html += `<mark id="${m.id}" class="sev-${worst(m.findings)}" tabindex="0" title="${escHtml(tip)}" data-tip="${escHtml(tip)}">${escHtml(chars.slice(start, start + len).join(''))}</mark>`;
      pos = start + len;
    }
    html += escHtml(chars.slice(pos).join(''));
    out.push(`<li>${html}</li>`);
  });
  out.push('</ol></section>');
  return out.join('');
}

/** The marked figures of the text, by line: one pass over the findings' places. */
function marksOn(d: number, ids: Ids, file: string, byCell: Map<string, Finding[]>): Map<number, Array<{ id: string; column: number; findings: Finding[] }>> {
  const prefix = `d${d}-f${ids.files.get(file)}-`;
  const out = new Map<number, Array<{ id: string; column: number; findings: Finding[] }>>();
  for (const [id, fs] of byCell) {
    if (!id.startsWith(prefix)) continue;
    const [line, column] = id.slice(prefix.length).split('-').map(Number) as [number, number];
    out.set(line, [...(out.get(line) ?? []), { id, column, findings: fs }]);
  }
  for (const list of out.values()) list.sort((a, b) => a.column - b.column);
  return out;
}

/** Horizontal bars, one per label, split by severity. */
function chartSvg(title: string, counts: Map<string, Record<Severity, number>>, lang: Lang): string {
  const rows = [...counts].sort((a, b) => total(b[1]) - total(a[1])).slice(0, 12);
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => total(r[1])));
  const h = 22;
  const labelW = 230;
  const barW = 260;
  const parts: string[] = [`<figure class="chart"><figcaption>${escHtml(title)}</figcaption><svg role="img" aria-label="${escHtml(title)}" viewBox="0 0 ${labelW + barW + 50} ${rows.length * h + 4}" width="100%" xmlns="http://www.w3.org/2000/svg">`];
  rows.forEach(([label, c], i) => {
    const y = i * h + 2;
    parts.push(`<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${escHtml(label.length > 18 ? `${label.slice(0, 17)}…` : label)}</text>`);
    let x = labelW;
    for (const s of ['error', 'warning', 'info'] as const) {
      if (!c[s]) continue;
      const w = Math.max(2, (c[s] / max) * barW);
      parts.push(`<rect class="bar-${s}" x="${x}" y="${y + 3}" width="${w.toFixed(1)}" height="${h - 8}"><title>${escHtml(`${label}: ${c[s]} ${WORDS[lang].sev[s]}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${x + 4}" y="${y + 15}">${total(c)}</text>`);
  });
  parts.push('</svg></figure>');
  return parts.join('');
}

function total(c: Record<Severity, number>): number {
  return c.error + c.warning + c.info;
}

function disclosureHtml(d: number, r: DisclosureResult, lang: Lang): { html: string; data: unknown } {
  const w = WORDS[lang];
  const ids: Ids = { files: new Map() };
  const sources = r.sources ?? { tables: [] };
  sources.tables.forEach((t, i) => ids.files.set(t.file, i));
  if (sources.text) ids.files.set(sources.text.file, sources.tables.length);
  const byCell = new Map<string, Finding[]>();
  const findings = r.findings.map((f, i) => {
    const id = cellId(d, ids, f.location);
    if (id) byCell.set(id, [...(byCell.get(id) ?? []), f]);
    const inputs = (f.inputs ?? []).map((x) => (x.location ? cellId(d, ids, x.location) : undefined)).filter((x): x is string => !!x);
    return {
      i,
      key: findingKey(f),
      severity: f.severity,
      rule: f.ruleId,
      table: f.location.tableName?.[lang] ?? (ids.files.has(f.location.file) && sources.text?.file === f.location.file ? w.text : f.location.table ?? ''),
      cell: id ?? null,
      inputs,
    };
  });
  const byTable = new Map<string, Record<Severity, number>>();
  const byRule = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    for (const [m, k] of [[byTable, f.table || r.path], [byRule, f.rule]] as const) {
      const c = m.get(k) ?? { error: 0, warning: 0, info: 0 };
      c[f.severity]++;
      m.set(k, c);
    }
  }
  const out: string[] = [`<section class="disclosure" id="d${d}" data-index="${d}"${d > 0 ? ' hidden' : ''}><h2>${escHtml(r.path)}</h2>`];
  if (r.fatal) out.push(`<p class="fatal">${escHtml(w.cannot)}：${escHtml(`${r.fatal.file}${r.fatal.line ? `:${r.fatal.line}` : ''} ${r.fatal.message[lang]}`)}</p>`);
  out.push(`<div class="charts">${chartSvg(w.byTable, byTable, lang)}${chartSvg(w.byRule, byRule, lang)}</div>`);
  const causes = (r.rootCauses ?? []).map((rc) => ({
    text: rootCauseText(rc, lang),
    cells: rc.corrections.map((c) => cellId(d, ids, c.location)).filter((x): x is string => !!x),
    alternatives: rc.alternatives.flat().map((c) => cellId(d, ids, c.location)).filter((x): x is string => !!x),
  }));
  if (causes.length) {
    out.push(`<div class="causes"><h3>${escHtml(w.cause)}</h3><ul>`);
    causes.forEach((c, i) => out.push(`<li><button type="button" class="cause" data-d="${d}" data-cause="${i}">${escHtml(c.text)}</button></li>`));
    out.push('</ul></div>');
  }
  // the panel: filters and the list
  const rules = [...new Set(findings.map((f) => f.rule))].sort();
  const tables = [...new Set(findings.map((f) => f.table))].filter(Boolean).sort();
  out.push(`<div class="layout"><nav class="panel" aria-label="${escHtml(w.findings)}"><h3>${escHtml(w.findings)} (${findings.length})</h3>`);
  if (findings.length) {
    out.push(`<fieldset class="filters"><legend>${escHtml(w.severity)}</legend>`);
    for (const s of ['error', 'warning', 'info'] as const) out.push(`<label><input type="checkbox" data-sev="${s}" checked> ${escHtml(w.sev[s])}</label>`);
    out.push(`<label>${escHtml(w.rule)} <select data-filter="rule"><option value="">${escHtml(w.all)}</option>${rules.map((x) => `<option>${escHtml(x)}</option>`).join('')}</select></label>`);
    out.push(`<label>${escHtml(w.table)} <select data-filter="table"><option value="">${escHtml(w.all)}</option>${tables.map((x) => `<option>${escHtml(x)}</option>`).join('')}</select></label></fieldset>`);
    out.push('<ol class="list">');
    r.findings.forEach((f, i) => {
      const page = f.location.page ? ` p.${f.location.page}` : '';
      out.push(
        `<li class="sev-${f.severity}" data-sev="${f.severity}" data-rule="${escHtml(f.ruleId)}" data-table="${escHtml(findings[i]!.table)}"><button type="button" class="finding" data-d="${d}" data-f="${i}">` +
          `<span class="sev">${escHtml(w.sev[f.severity])}</span> <span class="where">${escHtml(f.location.line === 0 ? w.whole : `${f.location.file.split('/').pop()}:${f.location.line}:${f.location.column}${page}`)}</span> ` +
          `<span class="msg">${escHtml(f.message[lang])}</span>${detail(f, lang) ? `<span class="num">${escHtml(detail(f, lang))}</span>` : ''}` +
          `<span class="rule">${escHtml(f.ruleId)}</span></button></li>`,
      );
    });
    out.push('</ol>');
  } else if (!r.fatal) out.push(`<p>${escHtml(w.none)}</p>`);
  out.push('</nav><div class="doc">');
  sources.tables.forEach((t, fi) => out.push(tableHtml(d, fi, t, byCell, lang, ids)));
  if (sources.text) out.push(textHtml(d, sources.tables.length, sources.text, byCell, lang, ids));
  out.push('</div></div></section>');
  return { html: out.join('\n'), data: { findings, causes } };
}

export function renderHtml(results: DisclosureResult[], summary: Summary, lang: Lang): string {
  const w = WORDS[lang];
  const parts = results.map((r, d) => disclosureHtml(d, r, lang));
  const select =
    results.length > 1
      ? `<label class="pick">${escHtml(w.disclosure)} <select id="disclosure">${results.map((r, d) => `<option value="${d}">${escHtml(r.path)}${r.findings.length ? ` (${r.findings.length})` : ''}</option>`).join('')}</select></label>`
      : '';
  const counts = `${summary.errors} ${w.errors} · ${summary.warnings} ${w.warnings} · ${summary.infos} ${w.infos}`;
  return [
    '<!doctype html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    // nothing may be fetched: no network, no external fonts, scripts or images
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escHtml(w.title)}</title><style>${HTML_STYLE}</style></head><body>`,
    `<header><h1>${escHtml(w.title)}</h1><p class="counts">${escHtml(counts)}</p>${select}</header><main>`,
    ...parts.map((p) => p.html),
    `</main><script type="application/json" id="data">${scriptJson(parts.map((p) => p.data))}</script><script>${HTML_SCRIPT}</script></body></html>`,
  ].join('\n') + '\n';
}

/** One page drawn once every disclosure is in (a page is read by a person, not piped). */
export const htmlFormatter: Formatter = streamed('html', (opts) => {
  const results: DisclosureResult[] = [];
  return {
    head: () => '',
    disclosure(r) {
      results.push(r);
      return '';
    },
    tail: (summary) => renderHtml(results, summary, opts.lang),
  };
});

export { correctionText };
