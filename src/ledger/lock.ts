import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { processRuns, startTime } from './process.js';
import { asWriteError } from './write.js';

/**
 * The framework's write lock: one file, created exclusively, that names its holder — process id,
 * the process's start time and the host. A waiting writer takes the lock over at once when the
 * holder ran on this host and no longer runs; a holder on another host (a shared drive) is
 * judged by the file's age, which a live holder keeps fresh. Writers queue as long as the lock
 * changes hands (each append is short); only a holder that keeps it without finishing for the
 * whole timeout makes a writer give up.
 *
 * This replaces proper-lockfile, which judges every holder by the age of its lock: a writer
 * killed with SIGKILL held everyone up for the full stale period, and a writer whose lock was
 * taken over died on the refresh timer's `utime` with an ENOENT.
 */

/** A lock on another host not refreshed for this long is taken over: its holder has gone. */
export const DEFAULT_STALE_MS = 10_000;
/**
 * How long a writer waits while the same holder keeps the lock before giving up. An append holds
 * it for a fraction of a second; a minute leaves room for a machine under heavy load.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** A wait longer than this is announced (once), so that a queue of writers does not look hung. */
const ANNOUNCE_AFTER_MS = 1_000;
/** An empty lock file (its writer died between creating and filling it) is abandoned after this. */
const EMPTY_STALE_MS = 2_000;

/** Who holds a lock, as written in the lock file. */
export interface Holder {
  pid: number;
  host: string;
  /** The process's start time (Linux: clock ticks after boot), so a reused pid is not taken for the holder. */
  start: string | null;
  token: string;
}

/** The lock could not be taken: its holder kept it, without finishing, for the whole timeout. */
export class LockTimeout extends Error {
  constructor(
    readonly root: string,
    readonly lockPath: string,
    holder: Holder | null,
    waitedMs: number,
  ) {
    super(
      `another record${holder ? ` (${describe(holder)})` : ''} has been writing to ${root} for ${Math.round(waitedMs / 1000)} s; if no other neaspec-track is running, remove ${lockPath}`,
    );
  }
}

/** The lock was taken over while this writer held it (it was too slow, or its host was thought gone). */
export class LockLost extends Error {
  constructor(readonly lockPath: string) {
    super(`lost the lock ${lockPath} while writing (another writer took it over); nothing was recorded`);
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

export interface LockOptions {
  /** Give up after the same holder kept the lock this long (default 30 s). */
  timeoutMs?: number;
  /** A lock held on another host is stale when not refreshed for this long (default 10 s). */
  staleMs?: number;
  /** Told once when the wait gets long, with a line to show. */
  onWait?: (message: string) => void;
}

/** Holds the framework's lock while `fn` runs; `fn` receives a check to call just before it commits. */
export async function withLock<T>(
  realRoot: string,
  lockPath: string,
  opts: LockOptions,
  fn: (stillHeld: () => void) => T | Promise<T>,
): Promise<T> {
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const me: Holder = { pid: process.pid, host: hostname(), start: startTime(process.pid), token: token() };
  await acquire(realRoot, lockPath, me, staleMs, opts);
  let lost = false;
  // Keeps the file fresh for waiters on other hosts; a lock that is no longer ours is only noted
  // here (never thrown from a timer) and refused at the next check.
  const timer = setInterval(
    () => {
      if (holds(lockPath, me)) {
        if (!touch(lockPath)) lost = true;
      } else lost = true;
    },
    Math.max(50, Math.floor(staleMs / 4)),
  );
  timer.unref();
  const stillHeld = () => {
    // Synchronous work cannot refresh the lock, so a long check (a loaded machine) may let a
    // writer on another host judge it stale: what counts is whether the lock still names this
    // writer. If it does, it is refreshed and the write goes ahead; if not, nothing is committed.
    if (lost || !holds(lockPath, me)) throw new LockLost(lockPath);
    touch(lockPath);
  };
  try {
    return await fn(stillHeld);
  } finally {
    clearInterval(timer);
    release(lockPath, me);
  }
}

async function acquire(
  root: string,
  lockPath: string,
  me: Holder,
  staleMs: number,
  opts: LockOptions,
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const began = Date.now();
  let announced = false;
  let seen: string | undefined;
  let since = began;
  for (;;) {
    let created: boolean;
    try {
      created = tryCreate(lockPath, me);
    } catch (e) {
      throw asWriteError(e, lockPath);
    }
    if (created) return;
    const found = readLock(lockPath);
    if (found === null) continue; // released meanwhile: try again at once
    if (gone(found, staleMs)) {
      takeOver(lockPath, found, me);
      continue;
    }
    // Progress is the lock changing hands: the wait is measured from the current holder's turn.
    const key = found.holder?.token ?? `${found.raw}|${found.mtimeMs}`;
    if (key !== seen) {
      seen = key;
      since = Date.now();
    }
    const now = Date.now();
    if (now - since >= timeoutMs) throw new LockTimeout(root, lockPath, found.holder, now - since);
    if (!announced && now - began >= ANNOUNCE_AFTER_MS) {
      announced = true;
      const who = found.holder ? ` (${describe(found.holder)})` : '';
      opts.onWait?.(`waiting for another record${who} to finish writing to ${root}…`);
    }
    await sleep(10 + Math.random() * 30);
  }
}

/**
 * Creates the lock file naming `me`; false when it exists. The file is written whole under a name
 * of its own and then linked to the lock's name, which fails if the lock exists: no other writer
 * ever reads a lock file that is there but not yet written (it would not know whom to wait for).
 * Where hard links are not supported, the file is created exclusively and then written.
 */
function tryCreate(lockPath: string, me: Holder): boolean {
  const text = `${JSON.stringify(me)}\n`;
  const own = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeFileSync(own, text, { flag: 'wx', mode: 0o644 });
  } catch {
    return createInPlace(lockPath, text);
  }
  try {
    linkSync(own, lockPath);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS')
      return createInPlace(lockPath, text);
    throw e;
  } finally {
    try {
      unlinkSync(own);
    } catch {
      // already gone
    }
  }
}

/** The lock created exclusively and then written (no hard links here); false when it exists. */
function createInPlace(lockPath: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A lock as found on disk. */
interface Found {
  raw: string;
  mtimeMs: number;
  /** A directory: the lock of an older neaspec-track (proper-lockfile), judged by its age. */
  dir: boolean;
  holder: Holder | null;
}

function readLock(lockPath: string): Found | null {
  try {
    const st = statSync(lockPath);
    if (st.isDirectory()) return { raw: '', mtimeMs: st.mtimeMs, dir: true, holder: null };
    const raw = readFileSync(lockPath, 'utf8');
    return { raw, mtimeMs: st.mtimeMs, dir: false, holder: parseHolder(raw) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parseHolder(raw: string): Holder | null {
  try {
    const v = JSON.parse(raw) as Partial<Holder>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string') {
      return {
        pid: v.pid,
        host: v.host,
        start: typeof v.start === 'string' ? v.start : null,
        token: v.token,
      };
    }
  } catch {
    // not ours, or half-written
  }
  return null;
}

/** True when the lock's holder can no longer finish: gone from this host, or silent past the stale period. */
function gone(found: Found, staleMs: number): boolean {
  const age = Date.now() - found.mtimeMs;
  const h = found.holder;
  if (!h) return age > (found.dir || found.raw.trim() !== '' ? staleMs : EMPTY_STALE_MS);
  if (h.host !== hostname()) return age > staleMs;
  if (!processRuns(h.pid)) return true;
  // The pid runs, but is it still the holder? A pid reused since shows another start time.
  const start = startTime(h.pid);
  return h.start !== null && start !== null && start !== h.start;
}

/**
 * Removes the abandoned lock `found`, but only that one: it is first renamed aside (atomic), and
 * if what was moved turns out to be a newer holder's lock (another waiter took over first), it is
 * put back — or, if a third writer holds the name by then, that newer holder finds its lock gone
 * at its check before committing and refuses.
 */
function takeOver(lockPath: string, found: Found, me: Holder): void {
  const aside = `${lockPath}.${me.token}.old`;
  try {
    renameSync(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = readLock(aside);
  const same =
    moved !== null &&
    moved.dir === found.dir &&
    (found.holder ? moved.holder?.token === found.holder.token : moved.raw === found.raw);
  if (!same && moved !== null && !moved.dir) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // the name is taken again: see above
    }
  }
  try {
    if (moved?.dir) rmdirSync(aside);
    else unlinkSync(aside);
  } catch {
    // a directory lock with something inside: leave it aside, out of the way
  }
}

/** Sets the lock's time to now (a live holder's sign of life for other hosts); false when it is gone. */
function touch(lockPath: string): boolean {
  try {
    const now = new Date();
    utimesSync(lockPath, now, now);
    return true;
  } catch {
    return false;
  }
}

/** True when the lock file names `me`. */
function holds(lockPath: string, me: Holder): boolean {
  try {
    return parseHolder(readFileSync(lockPath, 'utf8'))?.token === me.token;
  } catch {
    return false;
  }
}

/** Removes the lock if it is still ours (a lock taken over is the new holder's to remove). */
function release(lockPath: string, me: Holder): void {
  if (!holds(lockPath, me)) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

/** `pid 123` on this host, `pid 123 on host h` elsewhere. */
function describe(h: Holder): string {
  return h.host === hostname() ? `pid ${h.pid}` : `pid ${h.pid} on host ${h.host}`;
}

function token(): string {
  return randomBytes(8).toString('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
