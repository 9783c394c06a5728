// Where the report goes. --output never lands on a file the check reads (compared by real path,
// through links, globs and the configuration), a report file is written whole or not at all (a
// temporary file renamed over it), and a failure to write (a missing directory, a full disk, a
// closed pipe) is a one-line message, never a stack.
import { closeSync, existsSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { MANIFEST_NAMES } from './core/vocabulary.js';

/** What cannot be written: said on standard error as it is, with exit 2. */
export class OutputError extends Error {}

/** Files a check may read in a directory it is given. */
const READABLE = new Set(['.csv', '.tsv', '.txt', '.md', '.xlsx', '.xlsm', '.xls', '.pdf']);

function realOf(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return resolve(p);
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text: Record<string, string> = {
    ENOENT: 'no such file or directory',
    ENOTDIR: 'not a directory',
    EISDIR: 'is a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on device',
    EROFS: 'read-only file system',
    EDQUOT: 'disk quota exceeded',
    EPIPE: 'the reader closed the pipe',
  };
  return err.code ? `${text[err.code] ?? err.message} (${err.code})` : String(err.message ?? e);
}

/** Where a report given as --output would land: the real path of the file written. */
export interface OutputTarget {
  /** as the user wrote it, for messages */
  given: string;
  /** real path of the file that would be written (links followed) */
  real: string;
  /** a device or pipe (/dev/stdout, /dev/null): written as it is, not replaced */
  special: boolean;
}

/** Checks that `output` can take a report, before anything is checked. */
export function outputTarget(output: string): OutputTarget {
  const abs = resolve(output);
  if (existsSync(abs)) {
    const st = statSync(abs);
    if (st.isDirectory()) throw new OutputError(`--output: "${output}" is a directory`);
    return { given: output, real: realOf(abs), special: !st.isFile() };
  }
  const dir = dirname(abs);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new OutputError(`--output: the directory "${dirname(output)}" does not exist`);
  }
  if (!st.isDirectory()) throw new OutputError(`--output: "${dirname(output)}" is not a directory`);
  return { given: output, real: join(realOf(dir), basename(abs)), special: false };
}

/**
 * Refuses a target that is a file the check reads: a path given or found (a file, or a table,
 * text or manifest inside a directory given or found), or the configuration file. Paths are
 * compared real, so a link to an input, a path through a linked directory or a glob's match
 * counts the same as the input named plainly.
 */
export function refuseInputs(target: OutputTarget, inputs: readonly string[], config?: string): void {
  const out = target.real;
  const name = basename(out);
  const readable = READABLE.has(extname(out).toLowerCase()) || MANIFEST_NAMES.includes(name);
  const overwrites = inputs.some((p) => {
    const real = realOf(p);
    if (real === out) return true;
    if (!readable || !out.startsWith(real + sep)) return false;
    try {
      return statSync(real).isDirectory();
    } catch {
      return false;
    }
  });
  if (overwrites || (config !== undefined && realOf(config) === out)) {
    throw new OutputError(`--output: "${target.given}" would overwrite an input; budgetlint never writes to its inputs`);
  }
}

/** Writes the report: whole, by a temporary file renamed over the target, or not at all. */
export function writeReport(target: OutputTarget, text: string): void {
  if (target.special) {
    try {
      writeFileSync(target.real, text);
    } catch (e) {
      throw new OutputError(`--output: cannot write "${target.given}": ${reason(e)}`);
    }
    return;
  }
  const tmp = join(dirname(target.real), `.${basename(target.real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target.real);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never made, or already gone
    }
    throw new OutputError(`--output: cannot write "${target.given}": ${reason(e)}`);
  }
}

/** Records the first error of a stream (so that it never becomes an uncaught exception). */
export function watchErrors(stream: NodeJS.WritableStream): { error?: NodeJS.ErrnoException } {
  const seen: { error?: NodeJS.ErrnoException } = {};
  if (isStream(stream)) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      seen.error ??= e;
    });
  }
  return seen;
}

/** A real stream (a sink that only has write(), as embedders and tests pass, is written plainly). */
function isStream(s: NodeJS.WritableStream): boolean {
  return typeof (s as { on?: unknown }).on === 'function';
}

/** Writes to a stream and waits until it is written or has failed. */
export function writeAll(stream: NodeJS.WritableStream, text: string): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((done) => {
    try {
      if (!isStream(stream)) {
        stream.write(text);
        done(undefined);
        return;
      }
      stream.write(text, (e?: Error | null) => done((e as NodeJS.ErrnoException | null) ?? undefined));
    } catch (e) {
      done(e as NodeJS.ErrnoException);
    }
  });
}

/** A failure to write standard output, as the one line to say (undefined: a closed pipe, said nothing). */
export function stdoutFailure(e: NodeJS.ErrnoException): string | undefined {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return undefined;
  return `standard output: ${reason(e)}`;
}

/** Where a report is written piece by piece as disclosures are checked. */
export interface ReportSink {
  write(text: string): Promise<void>;
  /** finishes the report; a failure to write is thrown as an OutputError (a closed pipe is not one) */
  close(): Promise<void>;
  /** gives up: a report file not finished is removed, never left half written */
  abort(): void;
}

/** A report file: written into a temporary file beside it, renamed over it when whole. */
export function fileSink(target: OutputTarget): ReportSink {
  const fail = (e: unknown) => new OutputError(`--output: cannot write "${target.given}": ${reason(e)}`);
  const tmp = target.special ? target.real : join(dirname(target.real), `.${basename(target.real)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  const drop = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    if (!target.special) {
      try {
        unlinkSync(tmp);
      } catch {
        // never made, or already gone
      }
    }
  };
  try {
    fd = openSync(tmp, target.special ? 'w' : 'wx');
  } catch (e) {
    throw fail(e);
  }
  return {
    async write(text) {
      try {
        const buf = Buffer.from(text);
        let off = 0;
        while (off < buf.length) off += writeSync(fd!, buf, off);
      } catch (e) {
        drop();
        throw fail(e);
      }
    },
    async close() {
      try {
        closeSync(fd!);
        fd = undefined;
        if (!target.special) renameSync(tmp, target.real);
      } catch (e) {
        drop();
        throw fail(e);
      }
    },
    abort: drop,
  };
}

/** Standard output: each piece written when the stream has taken the one before. */
export function streamSink(stream: NodeJS.WritableStream, errors: { error?: NodeJS.ErrnoException }): ReportSink {
  let failed: NodeJS.ErrnoException | undefined;
  return {
    async write(text) {
      if (failed ?? errors.error) return; // a reader that closed the pipe took what it wanted
      if (text === '') return;
      failed = await writeAll(stream, text);
    },
    async close() {
      const e = failed ?? errors.error;
      const why = e && stdoutFailure(e);
      if (why) throw new OutputError(why);
    },
    abort() {},
  };
}
