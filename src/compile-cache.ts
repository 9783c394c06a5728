// A cold start spends a good part of its time compiling the bundle's chunks (dist/bundle/) before
// a line of them runs, and compiling each function the first time it is called. V8 can take
// instead the code it compiled in an earlier run, a "code cache"; Node 20 offers that for a script
// compiled with vm.Script (module.enableCompileCache, for every module, came in Node 22). So the
// bundle is CommonJS, and its chunks are compiled here, each with the code cached for it, and
// after the run the code of those that had none (all the functions the run compiled, not only
// the top level) is written for the next one. Measured: a cold check of a disclosure about a fifth
// faster. Only the bundle's own chunks go through here; any failure to read or write the cache
// leaves the chunk compiled as usual, and the run goes on as it would have without it.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import vm from 'node:vm';

/** What the cache did in this process: for tests and `budgetlint info`. */
export interface CompileCacheStats {
  /** where the cache is kept; undefined when there is none (switched off, or no place for it) */
  dir: string | undefined;
  /** chunks compiled with cached code V8 accepted */
  accepted: number;
  /** chunks compiled without (no cache yet, or V8 refused it: another Node or other flags) */
  compiled: number;
  /** cache files written at exit */
  written: number;
}

/**
 * Where the cache is kept: BUDGETLINT_COMPILE_CACHE names a directory, or `off` switches it off
 * (as does Node's own NODE_DISABLE_COMPILE_CACHE); else the user's cache directory. One directory
 * per Node version and architecture: V8 refuses code another made.
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.BUDGETLINT_COMPILE_CACHE;
  if (given === 'off' || given === '0' || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  let base = given;
  if (!base) {
    let home: string;
    try {
      home = homedir();
    } catch {
      return undefined;
    }
    if (!home) return undefined;
    base =
      process.platform === 'win32'
        ? join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'budgetlint', 'compile-cache')
        : process.platform === 'darwin'
          ? join(home, 'Library', 'Caches', 'budgetlint', 'compile-cache')
          : join(env.XDG_CACHE_HOME || join(home, '.cache'), 'budgetlint', 'compile-cache');
  }
  return join(base, `${process.version}-${process.arch}`);
}

type Compile = (this: Module, content: string, filename: string) => unknown;

/** A dynamic import of a package (`import("pdfjs-dist/…")`); not `import("./x.js")`, which bundled CommonJS never holds but a type comment may. */
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](?![./])/;

/** A short name for a path (FNV-1a): the installation a cache entry belongs to. */
function pathTag(path: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The name of a file's cached code: its installation, name, size, inode and modification time in
 * nanoseconds. V8 itself checks only that the text is as long as the one it compiled, and code
 * compiled from another text must never run; a build writes every file anew (another inode and
 * time), and hashing the text instead cost a cold start more than a tenth of what the cache saves.
 */
function entryName(filename: string): string | undefined {
  try {
    const st = statSync(filename, { bigint: true });
    return `${pathTag(dirname(filename))}-${basename(filename).replace(/[^\w.-]/g, '_')}-${st.size}-${st.ino}-${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}

/** An entry's parts: installation, file name, and the file's size, inode and time it was made for. */
const ENTRY = /^([0-9a-f]{8})-(.+)-\d+-\d+-\d+$/;

/** Cached code of another installation (an npx run, an older copy) is kept this long after it was written. */
const FOREIGN_DAYS = 30;

/**
 * Removes the entries no run will take again, so that the cache holds about one copy of the bundle
 * however often it is rebuilt or upgraded: those of this installation's directories made for a file
 * since rewritten or removed, those of other installations older than FOREIGN_DAYS, and temporary
 * files a killed run left a day ago. Run only when something was written (after a build), so a
 * warm start never lists the directory.
 */
function prune(dir: string, dirs: ReadonlyMap<string, string>, now = Date.now()): void {
  for (const f of readdirSync(dir)) {
    try {
      const m = ENTRY.exec(f);
      const home = m ? dirs.get(m[1]!) : undefined;
      if (m && home !== undefined) {
        if (entryName(join(home, m[2]!)) !== f) unlinkSync(join(dir, f));
        continue;
      }
      const age = now - statSync(join(dir, f)).mtimeMs;
      if (m ? age > FOREIGN_DAYS * 86_400_000 : f.endsWith('.tmp') && age > 86_400_000) unlinkSync(join(dir, f));
    } catch {
      // removed meanwhile by another run, or not ours to remove
    }
  }
}

/** Compiles every CommonJS file below `root` with the code cached for it, from now on in this process. */
export function installCompileCache(root: string, env: NodeJS.ProcessEnv = process.env): CompileCacheStats {
  const stats: CompileCacheStats = { dir: compileCacheDir(env), accepted: 0, compiled: 0, written: 0 };
  const dir = stats.dir;
  // a dynamic import() (of pdfjs-dist) from a script compiled here needs Node's own loader: Node
  // 20 versions without this constant get no cache
  const loader = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!dir || !loader) return { ...stats, dir: undefined };
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  const prefix = root.endsWith(sep) ? root : root + sep;
  const pending: Array<{ file: string; source: string; script: vm.Script }> = [];
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    // Node 20 loses the import() callback of code V8 takes from a cache (ERR_VM_DYNAMIC_IMPORT_
    // CALLBACK_MISSING on the second run): a chunk importing an ES module (pdfjs-dist) is left to Node
    if (!filename.startsWith(prefix) || DYNAMIC_IMPORT.test(content)) return original.call(this, content, filename);
    const name = entryName(filename);
    if (!name) return original.call(this, content, filename);
    const file = join(dir, name);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    // the wrapper Node itself puts around a CommonJS module
    const wrapped = `(function (exports, require, module, __filename, __dirname) { ${content}\n});`;
    const script = new vm.Script(wrapped, { filename, cachedData, importModuleDynamically: loader });
    if (cachedData && !script.cachedDataRejected) stats.accepted++;
    else {
      stats.compiled++;
      pending.push({ file, source: filename, script });
    }
    const fn = script.runInThisContext() as (...args: unknown[]) => unknown;
    return fn.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    if (pending.length === 0) return;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const { file, script } of pending) {
        // written whole under another name and renamed: a run reading it meanwhile sees all or nothing
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, file);
        stats.written++;
      }
      prune(dir, new Map(pending.map((p) => [pathTag(dirname(p.source)), dirname(p.source)])));
    } catch {
      // no cache this time (a read-only home, a full disk): the next run compiles as this one did
    }
  });
  return stats;
}
