import { GitError, readFilesAt, repoOf, resolveRevision } from '../git/repo.js';
import { type Checked, checkFiles } from '../load/index.js';
import { ledgerItems } from '../load/ledger-items.js';
import type { LedgerFileItems } from '../model/ledger-items.js';
import type { Side } from '../rules/base.js';
import { CliError, type Io } from './context.js';

/** A framework loaded for a comparison: as checked, with its ledger files' items. */
export interface LoadedSide extends Side {
  checked: Checked;
  /** How the side is named in messages: the revision as given, or `the working tree`. */
  label: string;
  /** False when the framework's path held no framework file at the revision. */
  exists: boolean;
}

/** The ledger items of a checked framework's files (kept with `keepParsed`). */
export function sideOf(checked: Checked, label: string): LoadedSide {
  const ledgers: LedgerFileItems[] = (checked.parsed ?? []).map(ledgerItems);
  return { checked, ledgers, framework: checked.framework, label, exists: true };
}

/** The framework at `root` as it stood at git revision `rev`, read through git into memory. */
export function loadRevision(io: Io, root: string, rev: string): LoadedSide {
  try {
    const repo = repoOf(root);
    const commit = resolveRevision(repo, rev);
    const files = readFilesAt(repo, commit, io.cwd);
    if (files.length === 0) {
      const checked: Checked = { framework: undefined, diagnostics: [], parsed: [] };
      return { ...sideOf(checked, rev), exists: false };
    }
    return sideOf(checkFiles(root, files, { keepParsed: true }), rev);
  } catch (e) {
    if (e instanceof GitError) throw new CliError(e.message, 2);
    throw e;
  }
}
