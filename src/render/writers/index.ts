import type { ChalkInstance } from 'chalk';
import type { Document } from '../../document/blocks.js';
import { writeCsv } from './csv.js';
import { writeHtml } from './html.js';
import { writeMd } from './md.js';
import { writeText } from './text.js';

/**
 * The writers, one per output format, behind one signature and picked by name from one map (as
 * knip's reporters are). `--format` is checked against a command's names from here and `--help`
 * lists them from here. A text writer is a plain function; a binary one (Word) is loaded only when
 * asked, from its own vendor bundle, so a command that does not write one never loads it. JSON is
 * no document writer: each report's JSON is its hand-written machine contract (render/*-json.ts).
 */

/** What a writer is told about where the text goes. */
export interface WriteContext {
  c: ChalkInstance;
  width: number;
}

export type TextWriter = (doc: Document, ctx: WriteContext) => string;
export type BinaryWriter = (doc: Document) => Promise<Uint8Array>;

export type WriterEntry =
  | { kind: 'text'; write: TextWriter }
  | { kind: 'binary'; ext: string; load: () => Promise<BinaryWriter> }
  | { kind: 'json' };

/** Every format, by name. `text` and `table` are one format: every command that formats takes either. */
export const WRITERS = {
  table: { kind: 'text', write: writeText },
  text: { kind: 'text', write: writeText },
  md: { kind: 'text', write: (doc) => writeMd(doc) },
  csv: { kind: 'text', write: (doc) => writeCsv(doc) },
  html: { kind: 'text', write: (doc) => writeHtml(doc) },
  // Loaded only here: the Word writer is the heaviest library of the CLI (its own vendor bundle).
  docx: { kind: 'binary', ext: 'docx', load: async () => (await import('./docx.js')).writeDocx },
  json: { kind: 'json' },
} as const satisfies Record<string, WriterEntry>;

export type FormatName = keyof typeof WRITERS;

/** The terminal format's two names. */
const TERMINAL: readonly string[] = ['table', 'text'];

/** A command's formats for `--help`: "table (or text) | json | csv | md". */
export function formatHelp(names: readonly string[]): string {
  return names
    .map((n) => (TERMINAL.includes(n) ? `${n} (or ${TERMINAL.find((t) => t !== n)})` : n))
    .join(' | ');
}

/** The name a --format value stands for among a command's names: `text` and `table` are one; undefined if none. */
export function formatOf<T extends string>(value: string, names: readonly T[]): T | undefined {
  if ((names as readonly string[]).includes(value)) return value as T;
  if (TERMINAL.includes(value)) return names.find((n) => TERMINAL.includes(n));
  return undefined;
}
