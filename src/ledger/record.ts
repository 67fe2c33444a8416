import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayName, packageRoot, type RawFile, readFrameworkFiles, readText } from '../load/files.js';
import { checkFiles } from '../load/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { describeErrno } from '../model/errno.js';
import type { Framework } from '../model/framework.js';
import { AppendError, appendEntry, newLedgerText } from './append.js';
import { type EntryRequest, entryFields, flowMapping } from './entry.js';
import { LockLost, lockPathOf, withLock } from './lock.js';
import { compareFrameworkPaths, ledgerHeader, ledgerTarget, schemaRef } from './target.js';
import { asWriteError, atomicCreate, atomicReplace, FileAppeared, WriteError } from './write.js';

/** `record`: check an entry against the framework as it would be after the append, then append it. */

/** A record that was refused; nothing was written. `diagnostics` are the errors to show, if any. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** What was written. */
export interface Recorded {
  /** The file as shown to the user, and the 1-based line of the new entry. */
  file: string;
  line: number;
  /** The entry as written. */
  text: string;
  created: boolean;
  /** Warnings about the new entry (such as `corrects` with nothing to correct). */
  warnings: Diagnostic[];
  /** The framework before and after the entry, for the standing figure a command prints. */
  before: Framework;
  after: Framework;
  /** The entry as asked for. */
  request: EntryRequest;
}

export interface RecordOptions {
  root: string;
  cwd: string;
  timeoutMs?: number;
  /** A lock held on another host counts as abandoned when not refreshed for this long. */
  staleMs?: number;
  /** Told once when waiting for another writer gets long. */
  onWait?: (message: string) => void;
  /** Test hook: sleep this long between writing the temporary file and renaming it. */
  pauseBeforeRenameMs?: number;
}

/**
 * Appends the entry `build` makes from the checked framework. Everything happens under the
 * framework's lock, reading the files afresh, so two writers cannot both pass the duplicate check.
 */
export async function recordEntry(
  opts: RecordOptions,
  build: (fw: Framework) => EntryRequest,
): Promise<Recorded> {
  const { real, isDir } = frameworkRoot(opts);
  return underLock(opts, real, isDir, (stillHeld) => appendUnderLock(opts, build, real, isDir, stillHeld));
}

/** The framework's real path, and whether it is a directory; refused (exit 2) when there is none. */
export function frameworkRoot(opts: RecordOptions): { real: string; isDir: boolean } {
  try {
    const real = realpathSync(opts.root);
    return { real, isDir: statSync(real).isDirectory() };
  } catch {
    throw new Refusal(`no framework at ${opts.root}`, 2);
  }
}

/**
 * Runs `write` under the framework's lock, as `record` and `import` do: a write that fails, a lock
 * lost or a file that appears meanwhile is a refusal saying nothing was recorded.
 */
export async function underLock<T>(
  opts: RecordOptions,
  real: string,
  isDir: boolean,
  write: (stillHeld: () => void) => T,
): Promise<T> {
  const show = (p: string) => displayName(p, opts.cwd);
  try {
    const lockOpts = { timeoutMs: opts.timeoutMs, staleMs: opts.staleMs, onWait: opts.onWait };
    return await withLock(real, lockPathOf(real, isDir), lockOpts, write);
  } catch (e) {
    if (e instanceof WriteError) {
      throw new Refusal(
        `cannot write ${show(e.path)}: ${describeErrno(e.code)} (${e.code}); nothing was recorded`,
        1,
      );
    }
    if (e instanceof LockLost) throw new Refusal(e.message, 1);
    if (e instanceof FileAppeared) {
      throw new Refusal(
        `${show(e.path)} appeared while recording; nothing was recorded, run the command again`,
        1,
      );
    }
    throw e;
  }
}

/**
 * The framework's files, read afresh, and the framework they make: what `record` and `import` check
 * new entries against. Refused (nothing recorded) when a file cannot be read or the framework
 * already has errors.
 */
export function readValidFramework(opts: RecordOptions): { files: RawFile[]; framework: Framework } {
  let files: RawFile[];
  try {
    files = readFrameworkFiles(opts.root, opts.cwd);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.path) {
      throw new Refusal(
        `cannot read ${displayName(err.path, opts.cwd)} (${err.code}); nothing was recorded`,
        1,
      );
    }
    throw e;
  }
  const before = checkFiles(opts.root, files);
  const errors = before.diagnostics.filter((d) => d.severity === 'error');
  if (!before.framework || errors.length > 0) {
    throw new Refusal(
      `the framework already has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix them first (run \`neaspec-track validate\`); nothing was recorded`,
      1,
      errors,
    );
  }
  return { files, framework: before.framework };
}

function appendUnderLock(
  opts: RecordOptions,
  build: (fw: Framework) => EntryRequest,
  real: string,
  isDir: boolean,
  stillHeld: () => void,
): Recorded {
  const { files, framework } = readValidFramework(opts);
  const request = build(framework);
  const flow = flowMapping(entryFields(request));
  const target = ledgerTarget(
    opts.root,
    isDir,
    request.date,
    files.map((f) => f.path),
  );
  const existing = files.find((f) => path.resolve(f.path) === path.resolve(target));
  const name = existing?.name ?? displayName(target, opts.cwd);
  // Where the bytes go: through a symbolic link to the file it names, so the link stays a link.
  const realTarget = existing ? realpathOf(target) : target;
  if (existing) refuseReadOnly(realTarget, name);
  else refuseUnread(opts.root, target, name, opts.cwd);
  let text: string;
  let line: number;
  let index: number;
  if (existing) {
    try {
      ({ text, line, index } = appendEntry(existing.text, flow));
    } catch (e) {
      if (e instanceof AppendError) throw new Refusal(`cannot append to ${existing.name}: ${e.message}`, 1);
      throw e;
    }
  } else {
    const header = ledgerHeader(
      schemaRef(target, files, {
        root: opts.root,
        realRoot: real,
        packageRoot: realpathOf(packageRoot()),
        schemaFile: realpathOf(path.join(packageRoot(), 'schema', 'framework.schema.json')),
      }),
      request.date.slice(0, 4),
    );
    text = newLedgerText(flow, header);
    line = header.length + 2;
    index = 0;
  }
  const file: RawFile = { name, path: target, text };
  const after = checkFiles(opts.root, withFile(opts.root, files, file, existing));
  const newErrors = after.diagnostics.filter((d) => d.severity === 'error');
  if (newErrors.length > 0) {
    throw new Refusal(
      `refused: the entry would make the framework invalid (${newErrors.length} ${newErrors.length === 1 ? 'error' : 'errors'}); nothing was recorded`,
      1,
      newErrors,
    );
  }
  const warnings = after.diagnostics.filter(
    (d) =>
      d.severity === 'warning' &&
      d.src?.file.name === file.name &&
      d.src.path[0] === 'progress' &&
      d.src.path[1] === index,
  );
  // Money has no key: an entry identical to an earlier one is refused unless it says it is a
  // second, real payment (`--again`), so a payment typed twice cannot double the money.
  const twice = warnings.filter((d) => d.code === 'possible-duplicate');
  if (twice.length > 0 && request.kind !== 'result' && !request.again) {
    throw new Refusal(
      'refused: this entry is identical to an earlier one; if it is a second, real payment, record it with --again; nothing was recorded',
      1,
      twice,
    );
  }
  const write = { pauseMs: opts.pauseBeforeRenameMs, beforeRename: stillHeld };
  if (existing) {
    // Writers that bypass the lock (an editor) are not excluded by it; never overwrite their change.
    if (readText(realTarget) !== existing.text) {
      throw new Refusal(
        `${existing.name} changed while recording; nothing was recorded, run the command again`,
        1,
      );
    }
    atomicReplace(realTarget, text, write);
  } else {
    // Never replaces a file: one that appears meanwhile (an editor's) makes this fail instead.
    atomicCreate(target, text, write);
  }
  return {
    file: name,
    line,
    text: flow,
    created: !existing,
    warnings,
    before: framework,
    after: after.framework ?? framework,
    request,
  };
}

/** The real path of a file that exists; a failure to resolve it is a failure to write there. */
export function realpathOf(p: string): string {
  try {
    return realpathSync(p);
  } catch (e) {
    throw asWriteError(e, p);
  }
}

/**
 * A ledger file that may not be written. Root may write any file, but a file with no write bit
 * for anyone was made read-only on purpose (an archived year), so that is respected too.
 */
export function refuseReadOnly(realTarget: string, name: string): void {
  let writable: boolean;
  try {
    writable = (statSync(realTarget).mode & 0o222) !== 0;
    if (writable) accessSync(realTarget, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw asWriteError(e, realTarget);
    writable = false;
  }
  if (!writable) throw new Refusal(`${name} is read-only; nothing was recorded`, 1);
}

/**
 * A new file is created only where the reader will find it and where nothing exists yet: a name
 * the reader skipped (reached through a link to a directory, or spelt in another letter case on a
 * case-insensitive file system) must not be replaced by a one-entry file.
 */
export function refuseUnread(root: string, target: string, name: string, cwd: string): void {
  try {
    lstatSync(target);
    throw new Refusal(
      `${name} exists but is not part of the framework as read (is it reached through a link to a directory, or spelt in another letter case?); nothing was recorded`,
      1,
    );
  } catch (e) {
    if (e instanceof Refusal) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw asWriteError(e, target);
  }
  const rel = path.relative(root, path.dirname(target));
  let dir = root;
  for (const part of rel === '' ? [] : rel.split(path.sep)) {
    dir = path.join(dir, part);
    let link = false;
    try {
      link = lstatSync(dir).isSymbolicLink();
    } catch {
      break; // missing: it will be created as a plain directory
    }
    if (link) {
      throw new Refusal(
        `${displayName(dir, cwd)} is a link to a directory, which the framework reader does not follow; nothing was recorded`,
        1,
      );
    }
  }
}

/** The framework's files with `file` replacing `existing`, or inserted where the reader would find it. */
export function withFile(
  root: string,
  files: RawFile[],
  file: RawFile,
  existing: RawFile | undefined,
): RawFile[] {
  if (existing) return files.map((f) => (f === existing ? file : f));
  return [...files, file].sort((a, b) => compareFrameworkPaths(root, a.path, b.path));
}
