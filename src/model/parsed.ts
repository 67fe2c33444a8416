import type { Diagnostic } from './diagnostics.js';
import type { SourceFile } from './source.js';

/** A parsed framework file: its top-level value and the file it came from. */
export interface ParsedFile {
  file: SourceFile;
  /** The top-level mapping as plain data (null-prototype objects), or undefined when unparseable. */
  value: unknown;
  diagnostics: Diagnostic[];
  /**
   * A ledger in the fast shape (one flow mapping per line, yaml/flow-lines.ts): its items are not
   * in `value` (whose `progress` is empty) but read line by line once the framework is known.
   */
  ledger?: LedgerLines;
}

/** The items of a ledger file, read in place (see ParsedFile.ledger). */
export interface LedgerLines {
  readonly text: string;
  /** The offset just after each item's `{`. */
  readonly starts: readonly number[];
  /** A cursor over the text's pairs (one per reader: it holds the current pair). */
  cursor(): FlowPairs;
  /** Item i as a plain object, or null when its line is outside the fast shape. */
  item(i: number): Record<string, unknown> | null;
  /** The whole file through the full YAML parser, for a file with a line outside the fast shape. */
  full(): ParsedFile;
}

/**
 * Reads one flow mapping's `key: value` pairs in place (yaml/flow-lines.ts FlowCursor): keys and
 * values are spans of `text`. Value types: 0 a string, 1 a number, 2 true, 3 false.
 */
export interface FlowPairs {
  readonly text: string;
  readonly ks: number;
  readonly ke: number;
  /** The key's hash: Java's String.hashCode of the key's text. */
  readonly kh: number;
  readonly type: number;
  /** The value's quote character code, or 0 for a plain scalar. */
  readonly quote: number;
  readonly vs: number;
  readonly ve: number;
  /** A single-quoted value with `''` in it: its text is not its span (use string()). */
  readonly escaped: boolean;
  readonly num: number;
  /** A number exactly: |num| = mant / 10^scale (mant -1 when not known exactly), `neg` its sign. */
  readonly mant: number;
  readonly scale: number;
  readonly neg: boolean;
  /** The line is outside the fast shape. */
  readonly failed: boolean;
  begin(start: number): void;
  next(): boolean;
  key(): string;
  string(): string;
}
