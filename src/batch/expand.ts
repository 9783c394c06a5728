// Turns command-line arguments into the list of disclosures to check: disclosure directories,
// single files, parent directories (searched for disclosure directories) and glob patterns.
// The list is sorted by path so output order never depends on the file system or on scheduling.
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, normalize, resolve, sep } from 'node:path';
import { DOCUMENT_EXTENSIONS } from '../core/vocabulary.js';
import { MANIFEST_NAMES } from '../load/disclosure.js';

/** Files whose presence makes a directory a disclosure. */
const TABLE_EXTENSIONS = new Set(['.csv', '.tsv', '.xlsx', '.xlsm', '.xls']);
/** A text (情况说明, or a table saved as text) makes a directory a disclosure only when no
 *  disclosure lies below it: a notes.txt in a region's folder must not hide its departments. */
const TEXT_EXTENSIONS = new Set(['.txt']);
/** A PDF is a whole disclosure: each one in a directory of PDFs is checked on its own (one PDF with
 *  a text beside it is checked with the text, as one disclosure). */
const PDF_EXTENSION = '.pdf';
/** Never searched for disclosures. */
const SKIPPED_DIRS = new Set(['node_modules']);

export interface Expansion {
  /** disclosures to check, sorted, each once */
  paths: string[];
  /** glob patterns that matched nothing, in argument order */
  unmatched: string[];
  /** arguments that are no valid pattern, with why, in argument order */
  invalid: Array<{ pattern: string; reason: string }>;
  /** texts beside several PDFs (or beside a PDF with disclosures below): no disclosure they belong to is known, so none is checked with them */
  leftOut: string[];
}

export function expandPaths(args: readonly string[]): Expansion {
  const found = new Map<string, string>(); // real path → path as shown
  const unmatched: string[] = [];
  const invalid: Expansion['invalid'] = [];
  const leftOut = new Set<string>();
  const globTexts: string[] = [];
  // only a text that reads like a 情况说明 (amounts in 元) is said to be left out: a folder's readme is not one
  const leave = (p: string) => {
    if (statesAmounts(p)) leftOut.add(p);
  };
  const fromGlobs = new Set<string>(); // real paths of table files a glob matched
  const add = (p: string, fromGlob = false) => {
    const key = realOf(p);
    const had = found.get(key);
    if (fromGlob && !isDir(p)) fromGlobs.add(key);
    // one disclosure reached two ways (a link, a trailing slash): the most direct name, whatever the order
    if (had === undefined || shorter(p, had)) found.set(key, p);
  };
  for (const arg of args) {
    if (!exists(arg) && hasMagic(arg)) {
      const reason = invalidPattern(arg);
      if (reason !== undefined) {
        invalid.push({ pattern: arg, reason });
        continue;
      }
      let hit = false;
      for (const m of globMatches(arg)) {
        // a text the pattern matches counts only beside a PDF it matches too (see below)
        if (TEXT_EXTENSIONS.has(extname(m).toLowerCase()) && !isDir(m)) globTexts.push(m);
        else hit = expandPath(m, (p) => add(p, true), true, leave) || hit;
      }
      if (!hit) unmatched.push(arg);
    } else {
      expandPath(arg, add, false, leave);
    }
  }
  // a text matched beside the one PDF of its directory, which was matched too ('dir/*'): the two are
  // one disclosure, the directory, as when the directory is given; beside several, it is left out
  for (const t of globTexts) {
    const dir = dirname(t);
    const entries = listDir(dir);
    const pdfs = pdfsIn(dir, entries);
    if (!pdfs.some((p) => found.has(realOf(p)))) continue; // no PDF of its own matched: not a disclosure's text
    if (pdfs.some((p) => stem(p) === stem(t))) continue; // a PDF's own text written out
    if (pdfs.length === 1 && entries.every((e) => extname(e.name).toLowerCase() !== PDF_EXTENSION || e.isFile())) add(dir);
    else leave(t);
  }
  // a table file a glob matched inside a directory that is checked too ("x/**") is checked there
  for (const key of fromGlobs) if (found.has(dirname(key))) found.delete(key);
  // a text given as a disclosure of its own is checked, whatever a directory around it says
  const left = [...leftOut].filter((p) => !found.has(realOf(p))).sort(comparePaths);
  return { paths: [...found.values()].sort(comparePaths), unmatched, invalid, leftOut: left };
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
    .map((e) => child(dir, e.name))
    .sort(comparePaths);
}

/** Whether a text's beginning states amounts in 元, 万元 or 亿元, as a 情况说明 does (a readme does not). */
function statesAmounts(p: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    // UTF-8 or GB18030: the amounts' digits are ASCII either way, and 元 is looked for in both
    const head = buf.subarray(0, n);
    return /\d\s*(?:万元|亿元|元)/.test(head.toString('utf8')) || /\d\s*(?:万元|亿元|元)/.test(new TextDecoder('gb18030').decode(head));
  } catch {
    return true; // unreadable: said to be left out rather than passed over
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One PDF named for tables (表) and the other for the text (说明), neither for both. */
function tablesAndText(a: string, b: string): boolean {
  const kind = (p: string) => {
    const name = stem(p);
    const tables = /表/.test(name);
    const text = /说明/.test(name);
    return tables === text ? undefined : tables ? 'tables' : 'text';
  };
  const x = kind(a);
  const y = kind(b);
  return x !== undefined && y !== undefined && x !== y;
}

function holdsText(entries: Dirent[]): boolean {
  return holds(entries, (n) => TEXT_EXTENSIONS.has(extname(n).toLowerCase()));
}

/**
 * A directory's own PDFs with nothing found below it: one disclosure, the directory, when they are
 * one disclosure's parts — a single PDF with its 情况说明 beside it as text (or as a document the
 * loader names as unread), or two PDFs named one for the tables and one for the text. The PDFs
 * must be plain files (a link is followed only when given as a disclosure of its own). Otherwise
 * each PDF is a disclosure, and a text beside them, whose PDF is not known, is left out and said so.
 */
function groupsPdfs(dir: string, entries: Dirent[], pdfs: readonly string[], nothingBelow: boolean, leave: (p: string) => void): boolean {
  if (pdfs.length === 0) return false;
  const plain = entries.filter((e) => !e.name.startsWith('.') && extname(e.name).toLowerCase() === PDF_EXTENSION).every((e) => e.isFile());
  const texts = ownTexts(entries, pdfs);
  if (nothingBelow && plain) {
    if (pdfs.length === 1 && (texts.length > 0 || holds(entries, (n) => DOCUMENT_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('~$')))) return true;
    if (pdfs.length === 2 && texts.length === 0 && tablesAndText(pdfs[0]!, pdfs[1]!)) return true;
  }
  for (const t of texts) leave(child(dir, t));
  return false;
}

/** The name without its extension. */
function stem(name: string): string {
  const base = name.slice(name.lastIndexOf(sep) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The texts of a directory that are no PDF's own: a text named as a PDF beside it (x.pdf, x.txt) is
 * that PDF's text written out (pdftotext), and the PDF is read for its text itself.
 */
function ownTexts(entries: Dirent[], pdfs: readonly string[]): string[] {
  const converted = new Set(pdfs.map(stem));
  return entries
    .filter((e) => !e.name.startsWith('.') && !e.isDirectory() && TEXT_EXTENSIONS.has(extname(e.name).toLowerCase()) && !converted.has(stem(e.name)))
    .map((e) => e.name);
}

/**
 * A file is a disclosure of its own (from a glob only when it looks like a table); a directory is
 * a disclosure when it holds tables or a manifest, otherwise its subdirectories are searched, and
 * when none of them holds a disclosure, it is one itself if it holds a text. Anything else
 * (missing, unreadable, a directory with nothing under it) is passed on so the loader reports it.
 * Says whether it found anything.
 */
function expandPath(p: string, add: (p: string) => void, fromGlob: boolean, leave: (p: string) => void = () => {}): boolean {
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
  const own = pdfsIn(p, entries);
  const found: string[] = [...own];
  const real = realOf(p);
  searchSubdirs(p, real, entries, found, new Set([real]), leave);
  if (groupsPdfs(p, entries, own, found.length === own.length, leave)) {
    add(p);
    return true;
  }
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
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

function child(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/**
 * Disclosure directories below `root` (whose real path and entries are given), depth first in
 * entry order. A directory's real path is its parent's joined with its name unless it is a link
 * (one realpath call per link, not per level: a 1,000-deep tree costs 1,000 steps, not a million),
 * and the walk keeps its own stack, so depth costs no call stack.
 */
function searchSubdirs(root: string, rootReal: string, rootEntries: Dirent[], found: string[], seen: Set<string>, leave: (p: string) => void): void {
  interface Frame {
    dir: string;
    real: string;
    entries: Dirent[];
    next: number;
    /** found.length when the directory was entered */
    before: number;
    /** its own PDFs, found[before …] */
    pdfs: string[];
  }
  const stack: Frame[] = [{ dir: normalize(root), real: rootReal, entries: rootEntries, next: 0, before: found.length, pdfs: [] }];
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    if (f.next >= f.entries.length) {
      stack.pop();
      if (stack.length === 0) continue; // the root's own PDFs are its caller's to group
      const nothingBelow = found.length === f.before + f.pdfs.length;
      // its PDFs as one disclosure's parts (a PDF and its text): the directory in their place
      if (groupsPdfs(f.dir, f.entries, f.pdfs, nothingBelow, leave)) found.splice(f.before, f.pdfs.length, f.dir);
      // a directory with nothing below it is a disclosure of its own when it holds a text
      else if (found.length === f.before && holdsText(f.entries)) found.push(f.dir);
      continue;
    }
    const e = f.entries[f.next++]!;
    if (e.name.startsWith('.') || SKIPPED_DIRS.has(e.name)) continue;
    // appended, not join()ed: join normalizes the whole path again, at every level of the tree
    const sub = child(f.dir, e.name);
    if (!isDir(sub, e)) continue;
    const real = e.isSymbolicLink() ? realOf(sub) : child(f.real, e.name);
    if (seen.has(real)) continue; // a link back up the tree
    seen.add(real);
    const subEntries = listDir(sub);
    if (isDisclosureDir(subEntries)) {
      found.push(sub);
      continue;
    }
    // a directory's PDFs come before what its subdirectories hold, and count as something below it
    const before = found.length;
    const pdfs = pdfsIn(sub, subEntries);
    for (const pdf of pdfs) found.push(pdf);
    stack.push({ dir: sub, real, entries: subEntries, next: 0, before, pdfs });
  }
}

// ---- globs: *, ?, [...], ** (any depth) and {a,b}, by tinyglobby and picomatch ----

export function hasMagic(p: string): boolean {
  return /[*?[{]/.test(p);
}

interface Picomatch {
  makeRe(pattern: string, options: { debug: boolean }): RegExp;
}
interface Tinyglobby {
  globSync(pattern: string, options: Record<string, unknown>): string[];
}

// loaded only when an argument is a glob, so that start-up does not pay for them
const require = createRequire(import.meta.url);

/** Why a pattern is no valid glob (an empty range such as [z-a]), or undefined when it is one. */
export function invalidPattern(pattern: string): string | undefined {
  const picomatch = require('picomatch') as Picomatch;
  try {
    picomatch.makeRe(pattern, { debug: true });
    return undefined;
  } catch (e) {
    // "Invalid regular expression: /…/: Range out of order in character class": the reason
    const message = (e as Error).message;
    return /: ([^:]+)$/.exec(message)?.[1] ?? message;
  }
}

/**
 * Paths a pattern matches, files and directories, as tinyglobby finds them: braces are
 * alternatives in one expression (never expanded into patterns, whose number can be
 * exponential), hidden entries match only a pattern that names them, node_modules never, and
 * symbolic links are not followed into (so a link back up the tree is no loop).
 */
export function globMatches(pattern: string): string[] {
  const { globSync } = require('tinyglobby') as Tinyglobby;
  const found = globSync(pattern, {
    onlyFiles: false,
    expandDirectories: false,
    followSymbolicLinks: false,
    dot: false,
    ignore: ['**/node_modules', '**/node_modules/**'],
    // an absolute pattern is matched from the root, so that the ignore patterns apply to it too
    ...(isAbsolute(pattern) ? { absolute: true, cwd: '/' } : {}),
  });
  return found.map((p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p)).sort(comparePaths);
}
