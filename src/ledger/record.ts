import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { displayName, packageRoot, type RawFile, readFrameworkFiles, readText } from '../load/files.js';
import { checkFiles } from '../load/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Framework } from '../model/framework.js';
import { AppendError, appendEntry, newLedgerText } from './append.js';
import { type EntryRequest, entryFields, flowMapping } from './entry.js';
import { compareFrameworkPaths, ledgerHeader, ledgerTarget } from './target.js';
import { atomicWrite, DEFAULT_TIMEOUT_MS, lockPathOf, withLock } from './write.js';

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
}

export interface RecordOptions {
  root: string;
  cwd: string;
  timeoutMs?: number;
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
  let real: string;
  let isDir: boolean;
  try {
    real = realpathSync(opts.root);
    isDir = statSync(real).isDirectory();
  } catch {
    throw new Refusal(`no framework at ${opts.root}`, 2);
  }
  const lockPath = lockPathOf(real, isDir);
  return withLock(real, lockPath, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, (stillHeld) => {
    const files = readFrameworkFiles(opts.root, opts.cwd);
    const before = checkFiles(opts.root, files);
    const errors = before.diagnostics.filter((d) => d.severity === 'error');
    if (!before.framework || errors.length > 0) {
      throw new Refusal(
        `the framework already has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix them first (run \`neaspec-track validate\`); nothing was recorded`,
        1,
        errors,
      );
    }
    const request = build(before.framework);
    const flow = flowMapping(entryFields(request));
    const target = ledgerTarget(
      opts.root,
      isDir,
      request.date,
      files.map((f) => f.path),
    );
    const existing = files.find((f) => path.resolve(f.path) === path.resolve(target));
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
      const schema = path.join(packageRoot(), 'schema', 'framework.schema.json');
      const header = ledgerHeader(target, schema, request.date.slice(0, 4));
      text = newLedgerText(flow, header);
      line = header.length + 2;
      index = 0;
    }
    const file: RawFile = { name: existing?.name ?? displayName(target, opts.cwd), path: target, text };
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
    // Writers that bypass the lock (an editor) are not excluded by it; never overwrite their change.
    if (existing && readText(target) !== existing.text) {
      throw new Refusal(
        `${existing.name} changed while recording; nothing was recorded, run the command again`,
        1,
      );
    }
    atomicWrite(target, text, { pauseMs: opts.pauseBeforeRenameMs, beforeRename: stillHeld });
    return { file: file.name, line, text: flow, created: !existing, warnings };
  });
}

/** The framework's files with `file` replacing `existing`, or inserted where the reader would find it. */
function withFile(root: string, files: RawFile[], file: RawFile, existing: RawFile | undefined): RawFile[] {
  if (existing) return files.map((f) => (f === existing ? file : f));
  return [...files, file].sort((a, b) => compareFrameworkPaths(root, a.path, b.path));
}
