import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { processRuns } from './process.js';

/** The file-system half of `record`: atomic replacement and creation of a file (the lock is in lock.ts). */

/**
 * A file-system operation failed for a reason the user can act on (permissions, a read-only or
 * full file system, a file where a directory should be): `path` is what could not be written.
 */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write ${path} (${code})`);
  }
}

/** The errno codes that mean "this cannot be written here", not a bug. */
const WRITE_CODES: ReadonlySet<string> = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'ENOTDIR',
  'EISDIR',
]);

/** `e` as a WriteError about `p` when its code is one of WRITE_CODES; otherwise `e` itself. */
export function asWriteError(e: unknown, p: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code && WRITE_CODES.has(code) ? new WriteError(p, code) : e;
}

/** The new file could not be created because a file of that name appeared meanwhile. */
export class FileAppeared extends Error {
  constructor(readonly path: string) {
    super(`${path} appeared while recording`);
  }
}

export interface WriteOptions {
  /** A test hook: sleep this long between the fsync of the temporary file and the rename (or link). */
  pauseMs?: number;
  /** Called just before the rename (or link); throws to abandon the write. */
  beforeRename?: () => void;
}

/**
 * Replaces the existing file `target` with `text` atomically: a temporary file in the same
 * directory with the same mode (and owner, when we may set it), fsync, rename, fsync of the
 * directory. Readers and a crash see the old file or the new one. Give it the real path (no
 * symbolic link), so that a link keeps pointing at the updated file. Nothing is left on failure.
 */
export function atomicReplace(target: string, text: string, opts: WriteOptions = {}): void {
  const dir = path.dirname(target);
  removeDebris(target);
  const st = statSync(target);
  const tmp = tempName(target);
  const fd = openTemp(tmp, dir);
  try {
    try {
      fchmodSync(fd, st.mode & 0o777);
      try {
        fchownSync(fd, st.uid, st.gid);
      } catch {
        // only root may give a file away; a file we may write keeps working either way
      }
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    if (opts.pauseMs && opts.pauseMs > 0) sleepSync(opts.pauseMs);
    opts.beforeRename?.();
    renameSync(tmp, target);
  } catch (e) {
    removeQuietly(tmp);
    throw asWriteError(e, target);
  }
  syncDir(dir);
}

/**
 * Creates `target` with `text` atomically, never replacing a file that exists by then: the
 * temporary file is hard-linked to the target name (which fails if the name is taken) and then
 * removed. Where hard links are not supported, the name is checked just before a rename. Creates
 * the directory when needed, and removes it again if the write fails.
 */
export function atomicCreate(target: string, text: string, opts: WriteOptions = {}): void {
  const dir = path.dirname(target);
  let made: string | undefined;
  try {
    made = mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw asWriteError(e, dir);
  }
  removeDebris(target);
  const tmp = tempName(target);
  try {
    const fd = openTemp(tmp, dir);
    try {
      writeAll(fd, text);
    } finally {
      closeSync(fd);
    }
    if (opts.pauseMs && opts.pauseMs > 0) sleepSync(opts.pauseMs);
    opts.beforeRename?.();
    try {
      linkSync(tmp, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileAppeared(target);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
      // No hard links on this file system (FAT, some network shares): a narrow check-then-rename.
      if (exists(target)) throw new FileAppeared(target);
      renameSync(tmp, target);
    }
    removeQuietly(tmp);
  } catch (e) {
    removeQuietly(tmp);
    if (made) removeDirsQuietly(made, dir);
    throw asWriteError(e, target);
  }
  syncDir(dir);
}

/**
 * Removes the temporary files a writer killed mid-write left beside `target` (named by
 * tempName, with the pid of a process that no longer runs). Called under the lock, so no live
 * writer of this framework is using them; the pid check keeps a live one's file even so.
 */
function removeDebris(target: string): void {
  const dir = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (m && !processRuns(Number(m[1]))) removeQuietly(path.join(dir, name));
  }
}

function tempName(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Opens a new temporary file; failing to create it means the directory cannot be written. */
function openTemp(tmp: string, dir: string): number {
  try {
    return openSync(tmp, 'wx', 0o666);
  } catch (e) {
    throw asWriteError(e, dir);
  }
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
  fsyncSync(fd);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

function removeQuietly(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // already gone (or linked into place)
  }
}

/** Removes the directories `mkdir -p` made, from `deepest` up to `first`, if they are still empty. */
function removeDirsQuietly(first: string, deepest: string): void {
  for (let d = deepest; ; d = path.dirname(d)) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === first || path.dirname(d) === d) return;
  }
}

/** Makes a rename durable; some systems cannot open a directory, and there it is already durable enough. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
