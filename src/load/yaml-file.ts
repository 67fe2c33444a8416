import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
} from 'yaml';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { LedgerLines, ParsedFile } from '../model/parsed.js';
import type { Path, Position, SourceFile } from '../model/source.js';
import {
  columnOfKey,
  FlowCursor,
  type LedgerShape,
  readFlowItem,
  readFlowItems,
  scanLedgerShape,
} from '../yaml/flow-lines.js';
import { quickYaml } from '../yaml/quick.js';
import { encodingProblem } from './encoding.js';
import { explainYamlErrors, type RawYamlError } from './yaml-errors.js';

const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

/** Options for parsing one YAML file. */
export interface ParseOptions {
  /** Try the fast ledger path first (default true); false forces the full YAML parse (tests, benchmarks). */
  fast?: boolean;
}

/** Parses YAML text, taking the fast ledger path when the whole file is in that shape. */
export function parseYamlFile(name: string, raw: string, opts: ParseOptions = {}): ParsedFile {
  // Lines ended by CR alone (classic Mac OS) are lines to YAML 1.2 but not to the parser: read as
  // LF, one character for one, so every offset, line and column stays the file's own.
  const text = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
  const encoding = encodingProblem(text, 'YAML');
  if (encoding) {
    const file = lineFile(name, text, () => positionOf(text, encoding.offset));
    return { file, value: undefined, diagnostics: [error('not-text', encoding.message, { file, path: [] })] };
  }
  const shape = opts.fast === false ? null : scanLedgerShape(text);
  if (shape) {
    const file = ledgerFile(name, text, shape);
    if (shape.key === 'progress' && shape.starts.length > 0) {
      // Items are read line by line once the framework is known (normalise/entry-decoders.ts).
      const ledger: LedgerLines = {
        text,
        starts: shape.starts,
        cursor: () => new FlowCursor(text),
        item: (i) =>
          readFlowItem(text, shape.starts[i] as number) ?? lineByYaml(text, shape.starts[i] as number),
        full: () => parseFull(name, text),
      };
      return { file, value: { progress: [] }, diagnostics: [], ledger };
    }
    const items = readFlowItems(text, shape);
    if (items === null) return parseFull(name, text);
    return { file, value: { [shape.key]: items }, diagnostics: [] };
  }
  return opts.fast === false ? parseFull(name, text) : quickOrFull(name, text);
}

/**
 * The file read by the quick reader (yaml/quick.ts) when it can, else in full. The quick reader
 * keeps no positions: the first diagnostic or `--explain` that asks for one parses the file in
 * full (a file it reads has no syntax errors, so the full parse is the same tree as ever).
 */
function quickOrFull(name: string, text: string): ParsedFile {
  const quick = quickYaml(text);
  if (quick === null) return parseFull(name, text);
  let full: SourceFile | undefined;
  const locate: SourceFile['locate'] = (path, key) => {
    full ??= parseFull(name, text).file;
    return full.locate(path, key);
  };
  return { file: { name, text, locate }, value: quick.value, diagnostics: [] };
}

/** The text of the line holding `offset`. */
function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}

/**
 * One ledger line the flow-line reader cannot take (an escape in a quoted note, a tag…) read by
 * the `yaml` package on its own: its item, when the line by itself is exactly one clean flow
 * mapping; null otherwise (then the whole file goes through the full parse, as anything the
 * line depends on — a mapping running on to the next line, an alias — needs its context). A line
 * that stands alone reads the same alone as in its file, so one such line no longer sends a
 * million-line ledger through the full parse (100,000 lines: 16 s and 1 GB).
 *
 * Two caps of the full parse count over the whole file, not per line: the line is read under its
 * `progress:` key, so its nesting is measured from the same root as in its file (too-deep), and a
 * line with any alias is left to the full parse, which counts aliases across the file
 * (alias-limit): 101 lines of one alias each are refused there, and must not be read here.
 */
function lineByYaml(text: string, offset: number): Record<string, unknown> | null {
  const parsed = parseFull('', `progress:\n${lineOf(text, offset)}`, 0);
  if (parsed.diagnostics.length > 0) return null;
  const list = (parsed.value as { progress?: unknown } | null | undefined)?.progress;
  if (!Array.isArray(list) || list.length !== 1) return null;
  const item = list[0] as unknown;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  return item as Record<string, unknown>;
}

/** Column (1-based) of `key` (or its value) in a ledger line, as the `yaml` package places it; 0 when absent. */
function yamlColumnOfKey(line: string, key: string, value: boolean): number {
  const parsed = parseFull('', line);
  if (parsed.diagnostics.length > 0) return 0;
  return parsed.file.locate([0, key], !value).col;
}

/** A ledger file's locator: an item's path to its line, a key or value to its column there. */
function ledgerFile(name: string, text: string, shape: LedgerShape): SourceFile {
  const { lines, keyLine } = shape;
  let starts: number[] | undefined; // made when a diagnostic first needs a position
  return lineFile(name, text, (path, key) => {
    const i = path[1];
    // The section itself (a misspelt `progres:`), or anything not in an item: the section's line.
    if (typeof i !== 'number' || i >= lines.length) return { line: keyLine + 1, col: 1 };
    const lineIdx = lines[i] as number;
    starts ??= lineStarts(text);
    const lineText = lineAt(text, starts, lineIdx);
    const field = path[2];
    let col = lineText.indexOf('{') + 1;
    if (typeof field === 'string')
      col = columnOfKey(lineText, field, !key) || yamlColumnOfKey(lineText, field, !key) || col;
    return { line: lineIdx + 1, col };
  });
}

/** The file through the `yaml` package; `maxAliases` caps the aliases it may use (lineByYaml allows none). */
function parseFull(name: string, text: string, maxAliases = MAX_ALIASES): ParsedFile {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  // The parser's concrete syntax tree is built without recursion; the composer recurses once per
  // level, so nesting is measured on the tree first and a deep file never reaches the composer
  // (20,000 levels overflowed the stack: "Maximum call stack size exceeded").
  // The parser makes an Error object per syntax error, each capturing a stack trace: 130,000 of
  // them (a line of `]`) spent seconds there. Nothing reads those traces.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let tokens: CST.Token[];
  let doc: Document.Parsed;
  try {
    tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
    const deep = tooDeepAt(tokens);
    if (deep !== null) return tooDeep(name, text, at(deep));
    doc = compose(tokens, text.length);
  } finally {
    Error.stackTraceLimit = traceLimit;
  }

  const file: SourceFile = {
    name,
    text,
    locate(path, key) {
      return at(locateOffset(doc.contents, path, key ?? false));
    },
  };
  const raw: RawYamlError[] = [...doc.errors, ...duplicateKeys(doc.contents)];
  if (raw.length > 0) {
    const src = (offset: number) => ({ file: fixedFile(file, at(offset)), path: [] });
    for (const d of explainYamlErrors(text, raw, lineStarts(text), src)) diagnostics.push(d);
  }
  if (diagnostics.length > 0) return { file, value: undefined, diagnostics };
  const conv = toPlain(doc.contents, doc, maxAliases);
  if (typeof conv === 'object' && 'complexKey' in conv) {
    const d = error('yaml-syntax', 'a key must be plain text, not a list or a mapping', {
      file: fixedFile(file, at(conv.complexKey)),
      path: [],
    });
    return { file, value: undefined, diagnostics: [d] };
  }
  if (typeof conv === 'object' && 'undefinedAlias' in conv) {
    const shown = conv.name.length > 60 ? `${conv.name.slice(0, 60)}…` : conv.name;
    const d = error(
      'yaml-syntax',
      `the alias *${shown} names no anchor: write &${shown} on the value it stands for, earlier in the file, or write the value itself`,
      { file: fixedFile(file, at(conv.undefinedAlias)), path: [] },
    );
    return { file, value: undefined, diagnostics: [d] };
  }
  if (typeof conv === 'string') {
    const d = error(
      conv === 'alias' ? 'alias-limit' : 'too-deep',
      conv === 'alias'
        ? `the file uses aliases more than ${MAX_ALIASES} times; aliases are capped to stop "billion laughs" expansion`
        : `the YAML nests deeper than ${MAX_DEPTH} levels`,
      { file, path: [] },
    );
    return { file, value: undefined, diagnostics: [d] };
  }
  return { file, value: conv.value, diagnostics };
}

/** The file-level error for nesting deeper than MAX_DEPTH, at the first collection too deep. */
function tooDeep(name: string, text: string, pos: Position): ParsedFile {
  const file = lineFile(name, text, () => pos);
  const d = error(
    'too-deep',
    `nested too deeply: more than ${MAX_DEPTH} levels of lists and mappings inside one another`,
    { file, path: [] },
  );
  return { file, value: undefined, diagnostics: [d] };
}

/**
 * Composes the first document from the parser's tokens, as `parseDocument` does, but without its
 * duplicate-key check, which compares every key with every earlier one (50,000 keys in one
 * mapping took 39 s): duplicateKeys does that in one pass.
 */
function compose(tokens: CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true });
  let doc: Document.Parsed | null = null;
  for (const d of composer.compose(tokens, true, length)) {
    if (!doc) doc = d;
    else {
      const range = d.range as [number, number, number];
      doc.errors.push({
        code: 'MULTIPLE_DOCS',
        message: 'Source contains multiple documents; please use YAML.parseAllDocuments()',
        pos: [range[0], range[1]],
      } as never);
      break;
    }
  }
  return doc as Document.Parsed;
}

/**
 * The offset of the first list or mapping nested more than MAX_DEPTH levels deep in the parser's
 * tokens, or null. Walked with an explicit stack, so any depth is measured without recursion.
 */
function tooDeepAt(tokens: readonly CST.Token[]): number | null {
  const stack: [CST.Token, number][] = [];
  for (const t of tokens) if (t.type === 'document' && t.value) stack.push([t.value, 0]);
  while (stack.length > 0) {
    const [t, depth] = stack.pop() as [CST.Token, number];
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_DEPTH) return t.offset;
    for (const item of t.items as { key?: CST.Token | null; value?: CST.Token }[]) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return null;
}

/**
 * A DUPLICATE_KEY error for each key that repeats an earlier key of its mapping, compared as the
 * text the key becomes (so `1` and `"1"` collide: both would be the key "1"). One pass over each
 * mapping with a set; nesting is already capped, so the walk's stack is bounded.
 */
function duplicateKeys(root: unknown): RawYamlError[] {
  const out: RawYamlError[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          const k = String(key.value);
          const start = rangeStart(key);
          if (seen.has(k) && start !== undefined) {
            out.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [start, start + 1] });
          }
          seen.add(k);
        } else if (key) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.value);
    }
  }
  return out;
}

/** Converts a YAML node tree to plain data with null-prototype objects, capping aliases and depth. */
function toPlain(
  root: unknown,
  doc: { contents: unknown },
  maxAliases: number,
):
  | { value: unknown }
  | 'alias'
  | 'depth'
  | { complexKey: number }
  | { undefinedAlias: number; name: string } {
  let aliases = 0;
  const walk = (node: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) throw 'depth';
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (++aliases > maxAliases) throw 'alias';
      const target = node.resolve(doc as never);
      // `*name` with no `&name` before it: yaml resolves it to nothing, which read as an empty value.
      if (target === undefined) throw { undefinedAlias: rangeStart(node as Node) ?? 0, name: node.source };
      return walk(target, depth + 1);
    }
    if (isScalar(node)) return node.value;
    if (isMap(node)) {
      const obj: Record<string, unknown> = Object.create(null);
      for (const pair of node.items) obj[plainKey(pair.key)] = walk(pair.value, depth + 1);
      return obj;
    }
    if (isSeq(node)) return node.items.map((item) => walk(item, depth + 1));
    // !!omap and !!pairs hold bare pairs in a sequence: each becomes a one-key mapping.
    if (isPair(node)) {
      const obj: Record<string, unknown> = Object.create(null);
      obj[plainKey(node.key)] = walk(node.value, depth + 1);
      return obj;
    }
    return null;
  };
  // Keys are text: a list or mapping as a key (`? [a, b]`) is refused, not turned into "[object Object]".
  const plainKey = (key: unknown): string => {
    if (key === null || key === undefined) return 'null';
    if (isScalar(key)) return String(key.value);
    if (isAlias(key)) return plainKey(key.resolve(doc as never));
    throw { complexKey: rangeStart(key as Node) ?? 0 };
  };
  try {
    return { value: walk(root, 0) };
  } catch (e) {
    if (e === 'alias' || e === 'depth') return e;
    if (typeof e === 'object' && e !== null && 'complexKey' in e) return e as { complexKey: number };
    if (typeof e === 'object' && e !== null && 'undefinedAlias' in e)
      return e as { undefinedAlias: number; name: string };
    if (e instanceof RangeError) return 'depth';
    throw e;
  }
}

/** Finds the offset of the node at `path`, or of the nearest ancestor that exists. */
function locateOffset(root: unknown, path: Path, key: boolean): number {
  let node = root as Node | null | undefined;
  let best = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isPair(node)) {
      // a bare pair inside !!omap / !!pairs: a one-key mapping
      if (!isScalar(node.key) || String(node.key.value) !== String(seg)) return best;
      if (last && key) return rangeStart(node.key as Node) ?? best;
      best = rangeStart(node.value as Node) ?? rangeStart(node.key as Node) ?? best;
      node = node.value as Node;
    } else if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (!pair) return best;
      if (last && key) return rangeStart(pair.key as Node) ?? best;
      node = pair.value as Node;
      best = rangeStart(node) ?? rangeStart(pair.key as Node) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as Node;
      if (!node) return best;
      best = rangeStart(node) ?? (isPair(node) ? rangeStart(node.key as Node) : undefined) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: Node | null | undefined): number | undefined {
  return (node as { range?: [number, number, number] } | null)?.range?.[0];
}

/** The 1-based line and column of an offset (columns count UTF-16 units, as everywhere else). */
export function positionOf(text: string, offset: number): Position {
  const before = text.lastIndexOf('\n', offset - 1);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: offset - before };
}

/** A SourceFile whose locate always answers one position (for file-level syntax errors). */
function fixedFile(file: SourceFile, pos: Position): SourceFile {
  return { name: file.name, text: file.text, locate: () => pos };
}

/** A SourceFile with a custom locator. */
export function lineFile(name: string, text: string, locate: SourceFile['locate']): SourceFile {
  return { name, text, locate };
}

/** Offsets where each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text of a 0-based line. */
export function lineAt(text: string, starts: number[], idx: number): string {
  const s = starts[idx] ?? text.length;
  const e = starts[idx + 1];
  return text.slice(s, e === undefined ? text.length : e - 1).replace(/\r$/, '');
}
