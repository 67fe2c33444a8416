import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, type Node, parse, parseDocument, type YAMLSeq } from 'yaml';
import { quickYaml } from '../yaml/quick.js';

/**
 * Appending one entry to a ledger file's text. Every existing byte stays as it was: the entry is
 * spliced in as one new line (or, in a flow list, one new item), never by re-printing the file.
 * Whatever path produced it, the new text is read back and compared with the old one before it
 * is used, so a file in a shape this module misjudges is refused rather than damaged.
 */

/** The new text and the 1-based line where the entry now starts. */
export interface Appended {
  text: string;
  line: number;
  /** The entry's index in the file's `progress` list. */
  index: number;
}

/** The new text, and for each appended entry the 1-based line it starts on and its index in `progress`. */
export interface AppendedMany {
  text: string;
  lines: number[];
  indexes: number[];
}

const SECTION = /^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(?:#.*)?$/;
const ITEM = /^( *)- /;

/** The text of a new ledger file holding one entry, with a header comment and the schema line. */
export function newLedgerText(flow: string, header: readonly string[]): string {
  return `${header.map((h) => `${h}\n`).join('')}progress:\n  - ${flow}\n`;
}

/** Appends the flow mapping `flow` to the `progress` list in `old`; throws AppendError when it cannot. */
export function appendEntry(old: string, flow: string): Appended {
  const many = appendEntries(old, [flow]);
  return { text: many.text, line: many.lines[0] as number, index: many.indexes[0] as number };
}

/**
 * Appends the flow mappings `flows`, in order, to the `progress` list in `old`, in one splice: the
 * old and the new text are each read back once, however many entries there are (appending them one
 * at a time read the growing file back twice per entry — quadratic in an import's rows).
 */
export function appendEntries(old: string, flows: readonly string[]): AppendedMany {
  if (flows.length === 0) return { text: old, lines: [], indexes: [] };
  // Read under a key, as in a ledger file: the quick reader reads mappings at the top, not lists.
  const expected = (readYaml(`progress:\n${itemLines(flows, 2, '\n')}`) as { progress: unknown[] }).progress;
  const oldValue = readBack(old, 'the file');
  const index = Array.isArray(oldValue?.progress) ? oldValue.progress.length : 0;
  const nl = old.includes('\r\n') ? '\r\n' : '\n';
  const candidate = simpleAppend(old, flows, nl) ?? spliceAppend(old, flows, nl);
  if (!candidate)
    throw new AppendError('its layout is not one neaspec-track can append to without re-printing it');
  const newValue = readBack(candidate.text, 'the new text');
  const want = {
    ...(oldValue ?? {}),
    progress: [...(Array.isArray(oldValue?.progress) ? oldValue.progress : []), ...expected],
  };
  if (
    !isDeepStrictEqual(normalise(newValue), normalise(want)) ||
    !candidate.text.startsWith(old.slice(0, candidate.keep))
  ) {
    throw new AppendError('appending would change other content of the file');
  }
  return {
    text: candidate.text,
    lines: flows.map((_, i) => candidate.line + (candidate.oneLine ? 0 : i)),
    indexes: flows.map((_, i) => index + i),
  };
}

/** A file the entry cannot be appended to safely. */
export class AppendError extends Error {}

interface Candidate {
  text: string;
  /** The line of the first new entry; the others follow it a line each, unless `oneLine`. */
  line: number;
  /** All entries went onto one line (into a flow list). */
  oneLine?: boolean;
  /** How many leading bytes of the old text are kept unchanged (all of them, unless a `~` was removed). */
  keep: number;
}

/**
 * The common shape: `progress:` is the last top-level key (comments and blank lines may follow)
 * and its items, if any, are block items. The entry goes on a new last line at the items' indent.
 */
function simpleAppend(old: string, flows: readonly string[], nl = '\n'): Candidate | null {
  const lines = old.split('\n');
  let section = -1;
  let itemIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    const t = line.trimStart();
    if (t === '' || t.startsWith('#')) continue;
    if (line[0] !== ' ' && !ITEM.test(line)) {
      section = SECTION.exec(line)?.[1] === 'progress' ? i : -2;
      itemIndent = -1;
      continue;
    }
    if (section >= 0 && itemIndent === -1) {
      const m = ITEM.exec(line);
      if (!m) return null;
      itemIndent = (m[1] as string).length;
    }
  }
  if (section < 0) return null;
  const indent = itemIndent === -1 ? 2 : itemIndent;
  const sep = old === '' || old.endsWith('\n') ? '' : nl;
  const before = old + sep;
  return {
    text: before + itemLines(flows, indent, nl),
    line: countLines(before) + 1,
    keep: old.length,
  };
}

/** Other shapes, located with the `yaml` Document API and spliced into the text. */
function spliceAppend(old: string, flows: readonly string[], nl: string): Candidate | null {
  const doc = parseDocument(old, { keepSourceTokens: false });
  if (doc.errors.length > 0) return null;
  const contents = doc.contents as Node | null;
  const atEnd = (prefix: string): Candidate => {
    const sep = old === '' || old.endsWith('\n') ? '' : nl;
    const before = old + sep + prefix;
    return { text: before + itemLines(flows, 2, nl), line: countLines(before) + 1, keep: old.length };
  };
  if (contents === null) return atEnd(`progress:${nl}`);
  if (!isMap(contents) || contents.flow) return null;
  const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'progress');
  if (!pair) {
    const first = contents.items[0]?.key as Node | undefined;
    if (first?.range && columnOf(old, first.range[0]) !== 0) return null;
    return atEnd(`progress:${nl}`);
  }
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  if (isSeq(value) && !value.flow && value.items.length > 0 && value.range) {
    const indent = columnOf(old, value.range[0]);
    const at = lineEndAfter(old, value.range[1]);
    return insertLines(old, at, itemLines(flows, indent, nl), nl);
  }
  if (isSeq(value) && value.flow && value.range) return flowInsert(old, value, flows.join(', '));
  if (value === null || (isScalar(value) && value.value === null)) {
    // `progress:` with no items (or `progress: ~`): drop the null and start a block list under the key.
    const keyCol = key.range ? columnOf(old, key.range[0]) : 0;
    let text = old;
    let keep = old.length;
    if (value?.range && value.range[1] > value.range[0]) {
      text = old.slice(0, value.range[0]) + old.slice(value.range[1]);
      keep = value.range[0];
    }
    const from = value?.range ? value.range[0] : (key.range?.[1] ?? 0);
    const at = lineEndAfter(text, from);
    const c = insertLines(text, at, itemLines(flows, keyCol + 2, nl), nl);
    return { ...c, keep: Math.min(keep, c.keep) };
  }
  return null;
}

/** Inserts into `[a, b]` just before the closing bracket. */
function flowInsert(old: string, seq: YAMLSeq, flow: string): Candidate | null {
  const range = seq.range as [number, number, number];
  const close = old.lastIndexOf(']', range[1] - 1);
  if (close < range[0]) return null;
  let j = close - 1;
  while (j > range[0] && /\s/.test(old[j] as string)) j--;
  const needsComma = seq.items.length > 0 && old[j] !== ',';
  const insert = `${needsComma ? ', ' : ''}${flow}`;
  return {
    text: old.slice(0, close) + insert + old.slice(close),
    line: countLines(old.slice(0, close)) + 1,
    oneLine: true,
    keep: close,
  };
}

/** Block list items, one line each, every line ended by `nl`. */
function itemLines(flows: readonly string[], indent: number, nl: string): string {
  const pad = ' '.repeat(indent);
  return flows.map((f) => `${pad}- ${f}${nl}`).join('');
}

/** Inserts whole lines (each ended) at offset `at` (the start of a line, or the end of a text without a final newline). */
function insertLines(text: string, at: number, lines: string, nl: string): Candidate {
  const head = text.slice(0, at);
  const sep = head === '' || head.endsWith('\n') ? '' : nl;
  const before = head + sep;
  return { text: `${before}${lines}${text.slice(at)}`, line: countLines(before) + 1, keep: at };
}

/** The offset just past the newline that ends the line containing offset `pos - 1` (or the text's end). */
function lineEndAfter(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Number of complete lines in `text` (newlines counted). */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * A text's value: by the quick reader, which answers exactly as the full parse does where it
 * answers at all (a ledger of a hundred thousand lines in a twentieth of the time), else in full.
 */
function readYaml(text: string): unknown {
  const quick = quickYaml(text);
  return quick ? quick.value : parse(text, { uniqueKeys: true, strict: true });
}

function readBack(text: string, what: string): Record<string, unknown> | null {
  let v: unknown;
  try {
    v = readYaml(text);
  } catch (e) {
    throw new AppendError(`${what} is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) throw new AppendError(`${what} is not a YAML mapping`);
  return v as Record<string, unknown>;
}

function normalise(v: Record<string, unknown> | null): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v ?? {}));
}
