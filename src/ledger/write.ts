import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/** The file-system half of `record`: one lock per framework and atomic replacement of a file. */

/** A lock older than this (not refreshed by a live holder) is taken over: its holder has died. */
export const STALE_MS = 10_000;
/** How long a writer waits for another one before giving up. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The lock could not be taken in time. */
export class LockTimeout extends Error {
  constructor(
    readonly root: string,
    readonly lockPath: string,
  ) {
    super(`another record is writing to ${root}; if no other neaspec-track is running, remove ${lockPath}`);
  }
}

/**
 * The lock path of a framework: `.neaspec-track.lock` inside a framework directory (hidden, so the
 * reader skips it; inside, so it needs no write access to the parent), `<file>.lock` beside a
 * single-file framework. Give it the real path, so every spelling of the framework shares one lock.
 */
export function lockPathOf(realRoot: string, isDir: boolean): string {
  return isDir ? path.join(realRoot, '.neaspec-track.lock') : `${realRoot}.lock`;
}

/** Holds the framework's lock while `fn` runs; `fn` receives a check to call just before it commits. */
export async function withLock<T>(
  realRoot: string,
  lockPath: string,
  timeoutMs: number,
  fn: (stillHeld: () => void) => T | Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  for (;;) {
    try {
      release = await lockfile.lock(realRoot, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        onCompromised: (e) => {
          compromised = e;
        },
      });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() >= deadline) throw new LockTimeout(realRoot, lockPath);
      await sleep(20 + Math.random() * 60);
    }
  }
  const acquired = Date.now();
  const stillHeld = () => {
    // Synchronous work cannot refresh the lock; past most of the stale time another writer may
    // already have taken it over, so commit nothing rather than race it.
    if (compromised || Date.now() - acquired > STALE_MS * 0.8) {
      throw new Error(
        `lost the lock ${lockPath} while writing (the system was too slow); nothing was written`,
      );
    }
  };
  try {
    return await fn(stillHeld);
  } finally {
    await release().catch(() => {});
  }
}

/**
 * Replaces (or creates) `target` with `text` atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory. Readers and a crash see the old file or the new one.
 * `pauseMs` (a test hook) sleeps between the fsync and the rename.
 */
export function atomicWrite(
  target: string,
  text: string,
  opts: { pauseMs?: number; beforeRename?: () => void } = {},
): void {
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(tmp, 'wx', 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      const buf = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.pauseMs && opts.pauseMs > 0) sleepSync(opts.pauseMs);
    opts.beforeRename?.();
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
  syncDir(dir);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
