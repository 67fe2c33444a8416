import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ContributesTo, Framework } from '../model/framework.js';

/** A path's real location (symbolic links resolved), or the path itself when it does not exist. */
export function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * The `plan.contributes_to` item of `fw` (read from `root`) that names the framework at
 * `parentRoot`, if any. A PATH is relative to the framework's root: its directory, or the folder
 * of a one-file framework.
 */
export function linkTo(fw: Framework, root: string, parentRoot: string): ContributesTo | undefined {
  let base = root;
  try {
    if (!statSync(root).isDirectory()) base = path.dirname(root);
  } catch {
    base = path.dirname(root);
  }
  const parent = realPath(parentRoot);
  return fw.plan.contributesTo.find((c) => realPath(path.resolve(base, c.framework)) === parent);
}
