// Turns command-line arguments into the list of disclosures to check: disclosure directories,
// single files, parent directories (searched for disclosure directories) and glob patterns.
// The list is sorted by path so output order never depends on the file system or on scheduling.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { MANIFEST_NAMES } from '../load/disclosure.js';

/** Files whose presence makes a directory a disclosure. */
const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.xlsx', '.xls']);
/** A text (情况说明, or a table saved as text) makes a directory a disclosure only when no
 *  disclosure lies below it: a notes.txt in a region's folder must not hide its departments. */
const TEXT_EXTENSIONS = new Set(['.txt']);
/** A PDF is a whole disclosure: each one in a directory of PDFs is checked on its own. */
const PDF_EXTENSION = '.pdf';
/** Never searched for disclosures. */
const SKIPPED_DIRS = new Set(['node_modules']);

export interface Expansion {
  /** disclosures to check, sorted, each once */
  paths: string[];
  /** glob patterns that matched nothing, in argument order */
  unmatched: string[];
}

export function expandPaths(args: readonly string[]): Expansion {
  const found = new Map<string, string>(); // real path → path as shown
  const unmatched: string[] = [];
  const add = (p: string) => {
    const key = realOf(p);
    const had = found.get(key);
    // one disclosure reached two ways (a link, a trailing slash): the most direct name, whatever the order
    if (had === undefined || shorter(p, had)) found.set(key, p);
  };
  for (const arg of args) {
    if (!exists(arg) && hasMagic(arg)) {
      let hit = false;
      for (const pattern of expandBraces(arg)) {
        for (const m of globMatches(pattern)) hit = expandPath(m, add, true) || hit;
      }
      if (!hit) unmatched.push(arg);
    } else {
      expandPath(arg, add, false);
    }
  }
  return { paths: [...found.values()].sort(comparePaths), unmatched };
}

function shorter(a: string, b: string): boolean {
  const d = segments(a).length - segments(b).length;
  return d < 0 || (d === 0 && comparePaths(a, b) < 0);
}

function segments(p: string): string[] {
  return p.split(/[\\/]/).filter((s, i) => s !== '' || i === 0);
}

/** Path order: segment by segment, by code point, so a directory's contents stay together. */
export function comparePaths(a: string, b: string): number {
  const as = a.split(/[\\/]/);
  const bs = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDir(p: string, e?: Dirent): boolean {
  if (e && !e.isSymbolicLink()) return e.isDirectory();
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function holds(entries: Dirent[], names: (name: string) => boolean): boolean {
  return entries.some((e) => !e.name.startsWith('.') && !e.isDirectory() && names(e.name));
}

function isDisclosureDir(entries: Dirent[]): boolean {
  return holds(entries, (n) => MANIFEST_NAMES.includes(n) || TABLE_EXTENSIONS.has(extname(n).toLowerCase()));
}

/** The PDFs of a directory that is no disclosure directory itself, each a disclosure. */
function pdfsIn(dir: string, entries: Dirent[]): string[] {
  return entries
    .filter((e) => !e.name.startsWith('.') && !e.isDirectory() && extname(e.name).toLowerCase() === PDF_EXTENSION)
    .map((e) => join(dir, e.name))
    .sort(comparePaths);
}

function holdsText(entries: Dirent[]): boolean {
  return holds(entries, (n) => TEXT_EXTENSIONS.has(extname(n).toLowerCase()));
}

/**
 * A file is a disclosure of its own (from a glob only when it looks like a table); a directory is
 * a disclosure when it holds tables or a manifest, otherwise its subdirectories are searched, and
 * when none of them holds a disclosure, it is one itself if it holds a text. Anything else
 * (missing, unreadable, a directory with nothing under it) is passed on so the loader reports it.
 * Says whether it found anything.
 */
function expandPath(p: string, add: (p: string) => void, fromGlob: boolean): boolean {
  if (!isDir(p)) {
    if (fromGlob && !TABLE_EXTENSIONS.has(extname(p).toLowerCase()) && extname(p).toLowerCase() !== PDF_EXTENSION) return false;
    add(p);
    return true;
  }
  const entries = listDir(p);
  if (isDisclosureDir(entries)) {
    add(p);
    return true;
  }
  const found: string[] = pdfsIn(p, entries);
  const seen = new Set<string>([realOf(p)]);
  searchSubdirs(p, entries, found, seen);
  if (found.length === 0) {
    if (fromGlob && !holdsText(entries)) return false;
    add(p);
    return true;
  }
  for (const f of found) add(f);
  return true;
}

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function searchSubdirs(dir: string, entries: Dirent[], found: string[], seen: Set<string>): void {
  for (const e of entries) {
    if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
    const sub = join(dir, e.name);
    if (!isDir(sub, e)) continue;
    const real = realOf(sub);
    if (seen.has(real)) continue; // a link back up the tree
    seen.add(real);
    const subEntries = listDir(sub);
    if (isDisclosureDir(subEntries)) {
      found.push(sub);
      continue;
    }
    const before = found.length;
    found.push(...pdfsIn(sub, subEntries));
    searchSubdirs(sub, subEntries, found, seen);
    if (found.length === before && holdsText(subEntries)) found.push(sub);
  }
}

// ---- globs: *, ?, [...], ** (any depth) and {a,b} ----

export function hasMagic(p: string): boolean {
  return /[*?[{]/.test(p);
}

/** {a,b} alternatives, expanded first (as a shell does) so they may span directories. */
export function expandBraces(p: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') {
      if (depth++ === 0) open = i;
    } else if (ch === '}' && depth > 0 && --depth === 0) {
      const body = p.slice(open + 1, i);
      const alts = splitTopLevel(body);
      if (alts.length < 2) continue;
      const head = p.slice(0, open);
      const tail = p.slice(i + 1);
      return alts.flatMap((a) => expandBraces(head + a + tail));
    }
  }
  return [p];
}

function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** One path segment's pattern as a regular expression (never matching across '/'). */
export function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '\\' && i + 1 < seg.length) re += escapeRe(seg[++i]!);
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let cls = seg.slice(i + 1, close);
      const negate = cls.startsWith('!') || cls.startsWith('^');
      if (negate) cls = cls.slice(1);
      re += `[${negate ? '^' : ''}${cls.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else re += escapeRe(ch);
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Paths matching a brace-free pattern, joined onto its literal prefix as the user wrote it. */
export function globMatches(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let start: string;
  let rest: string[];
  if (absolute) {
    start = '/';
    rest = segs.slice(1);
  } else {
    start = '';
    rest = segs;
  }
  const out: string[] = [];
  walk(start, rest, out);
  return out;
}

function joinShown(base: string, name: string): string {
  return base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
}

function walk(base: string, segs: string[], out: string[]): void {
  if (segs.length === 0) {
    if (base !== '') out.push(base);
    return;
  }
  const [seg, ...rest] = segs as [string, ...string[]];
  const dir = base === '' ? '.' : base;
  if (seg === '**') {
    walk(base, rest, out); // zero directories
    for (const e of listDir(dir)) {
      if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
      const p = joinShown(base, e.name);
      if (isDir(p, e) && !e.isSymbolicLink()) walk(p, segs, out);
    }
    return;
  }
  if (!hasMagic(seg)) {
    const p = joinShown(base, seg.replace(/\\(.)/g, '$1'));
    if (rest.length === 0 ? exists(p) : isDir(p)) walk(p, rest, out);
    return;
  }
  const re = segmentRegExp(seg);
  const names = listDir(dir)
    .filter((e) => re.test(e.name) && !SKIPPED_DIRS.has(e.name) && (!e.name.startsWith('.') || seg.startsWith('.')))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const p = joinShown(base, name);
    if (rest.length === 0 || isDir(p)) walk(p, rest, out);
  }
}
