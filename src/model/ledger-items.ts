import type { SourceFile, Src } from './source.js';

/**
 * The ledger entries of a file as written: each item of its `progress:` list (or CSV row) as the
 * reader typed it, in file order, with where it stands. `validate --base` and `diff` compare two
 * revisions' entries by these, so an entry is the same entry whether or not it passes today's
 * checks, and whatever a rate or a level name does to its figures.
 */
export interface LedgerItem {
  /** The item's fields as read (a mapping; anything else as it came). */
  fields: unknown;
  /** Where it stands: `progress[i]` of its file. */
  src: Src;
}

export interface LedgerFileItems {
  /** The file's name as shown (relative to the working directory). */
  name: string;
  /** The file's text, to tell an unchanged file at once. */
  text: string;
  file: SourceFile;
  items: LedgerItem[];
}
