import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { describeErrno } from '../model/errno.js';

/**
 * Writing what a command prints. Standard output is written with `writeSync` on descriptor 1, so
 * a failure (a full disk, a closed descriptor) is an exception at the write that failed, not an
 * `error` event after the command has already returned 0.
 */

/** A write that failed for a reason outside the program: what could not be written, and why. */
export class OutputError extends Error {
  constructor(
    readonly what: string,
    readonly code: string,
  ) {
    super(`cannot write ${what}: ${describeErrno(code)} (${code})`);
  }
}

/** The reader of a pipe went away (`| head`): the rest of the output is dropped quietly. */
let pipeClosed = false;

/** Writes `text` (or bytes) to standard output; throws OutputError when it cannot be written. */
export function writeStdout(text: string | Uint8Array): void {
  if (pipeClosed || text.length === 0) return;
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
      if (code === 'EAGAIN') {
        // A non-blocking descriptor whose reader is behind: wait a moment, as a blocking write would.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') {
        pipeClosed = true;
        return;
      }
      throw new OutputError('to standard output', code);
    }
  }
}

/** Writes `text` to standard error; a failure there has nowhere to be reported, so it is ignored. */
export function writeStderr(text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  try {
    while (off < buf.length) off += writeSync(2, buf, off, buf.length - off);
  } catch {
    // nothing left to tell the user through
  }
}

/**
 * Whether descriptor 1 or 2 is a terminal. A file, a pipe or /dev/null is answered from fstat, so
 * that `process.stdout`/`process.stderr`, whose first use loads Node's stream modules (a few ms
 * of a cold start), are made only when the descriptor may be a terminal.
 */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    if (process.platform !== 'win32' && st.rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // Node decides below, as it would have.
  }
  return (fd === 1 ? process.stdout : process.stderr).isTTY === true;
}

/** The shells whose `>&-` closes a descriptor before they start us. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox', 'fish', 'yash']);

/**
 * True when standard output was closed (`>&-`): Node reopens a closed descriptor 1 on /dev/null
 * for reading and writing before any of our code runs, so the output would vanish without an
 * error. A shell's `>/dev/null` opens it write-only, so that is not taken for closed. A program
 * that discards our output (Python's DEVNULL, Node's `stdio: 'ignore'`) also passes /dev/null
 * read-write, so it counts as closed only when a shell started us (see docs/readings.md).
 */
export function stdoutClosed(): boolean {
  try {
    const st = fstatSync(1);
    if (!st.isCharacterDevice() || st.rdev !== statSync('/dev/null').rdev) return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    if (flags === null || (Number.parseInt(flags[1] as string, 8) & 3) !== 2) return false;
    const parent = readFileSync(`/proc/${process.ppid}/comm`, 'utf8').trim();
    return SHELLS.has(parent);
  } catch {
    return false;
  }
}

/** How `writeOutFile` writes a chunk to a descriptor; tests pass one that fails (a full disk). */
export type WriteChunk = (fd: number, buf: Uint8Array, off: number, len: number) => number;

/**
 * Writes a whole file for `--out`, atomically: into a temporary file beside the target (same
 * directory, so the same file system), flushed, then renamed over it. A failure (a full disk, a
 * killed process) leaves the old file whole, or no file where there was none; the temporary file
 * is removed. A symbolic link is written through (the link stays a link); a target that is not a
 * regular file (`/dev/stdout`, a named pipe, /dev/full) is written in place, as it cannot be
 * replaced. Throws OutputError naming `shown`.
 */
export function writeOutFile(
  target: string,
  text: string | Uint8Array,
  shown: string,
  write: WriteChunk = writeSync,
): void {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let real = target;
  let mode: number | undefined;
  try {
    real = realpathSync(target);
    const st = statSync(real);
    if (st.isDirectory()) throw new OutputError(shown, 'EISDIR');
    if (!st.isFile()) {
      writeInPlace(real, buf, shown, write);
      return;
    }
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof OutputError) throw e;
    // A new file (or a dangling link, written as a new file at the link's own path).
  }
  const tmp = path.join(
    path.dirname(real),
    `.${path.basename(real)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666);
    if (mode !== undefined) fchmodSync(fd, mode);
    let off = 0;
    while (off < buf.length) off += write(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, real);
  } catch (e) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      // never made, or already gone
    }
    throw new OutputError(shown, (e as NodeJS.ErrnoException).code ?? 'EIO');
  }
}

/** Writes to a target that cannot be replaced by a rename (a device, a pipe). */
function writeInPlace(target: string, buf: Uint8Array, shown: string, write: WriteChunk): void {
  let fd: number | undefined;
  try {
    fd = openSync(target, 'w');
    let off = 0;
    while (off < buf.length) off += write(fd, buf, off, buf.length - off);
  } catch (e) {
    throw new OutputError(shown, (e as NodeJS.ErrnoException).code ?? 'EIO');
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // the write's own failure is the one to report
      }
    }
  }
}
