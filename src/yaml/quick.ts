import { ESCAPES, plainStarts, resolvePlain } from './scalar.js';

/**
 * A quick reader for the plain block YAML that framework files are written in: block mappings
 * and sequences, one-line plain and quoted scalars, one-line flow collections (`{2026: 5}`,
 * `[CN, JP]`), literal text blocks (`text: |`) and comments.
 *
 * The `yaml` package is exact but slow to start: its lexer and parser are chains of generators,
 * and before V8 has warmed up they take most of a cold `validate` (about 60 ms for the shipped
 * plan, budget and decisions). This reader takes a few milliseconds. It is only ever a shortcut:
 * it answers exactly what the `yaml` package followed by the loader's toPlain gives (core schema,
 * null-prototype mappings, keys as text), and only for a file that the full parse reads without a
 * single diagnostic. Anything outside that shape — anchors, tags, multi-line plain or quoted
 * scalars, folded blocks, flow collections over several lines, tabs, CR, duplicate keys, odd
 * indentation — makes it give up (null), and the caller parses the file in full, as before.
 * It is the block half of the YAML subset reader: flow-lines.ts reads the ledger's one-line flow
 * items, and scalar.ts types every plain scalar for both and for the writer (write.ts).
 * test/validate/yaml-quick.test.ts holds it to the `yaml` package on the shipped frameworks and on
 * thousands of mutations of them.
 */

/** Thrown to give up; caught in quickYaml. */
const GIVE_UP = Symbol('give up');

/** Nesting beyond this gives up (the full parse refuses past 64 levels). */
const MAX_DEPTH = 48;

/** Characters the reader never accepts (tabs, CR, controls, BOM, Unicode line separators). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const FORBIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Document markers and directives at the start of a line. */
const MARKERS = /^(?:---|\.\.\.|%)/m;

/** The characters of a plain key inside a flow mapping. */
const FLOW_KEY = /[A-Za-z0-9_./-]*/y;

/** A run of a flow scalar's characters up to the next that may end it or need a closer look. */
const FLOW_PLAIN = /[^,\]}[{:#]*/y;

/** A plain key followed by `: ` or `:` at the end of the line. */
const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_./-]*:(?= |$)/y;

/** Parses `text`, or gives up (null) where the full parse must decide. */
export function quickYaml(text: string): { value: unknown } | null {
  if (FORBIDDEN.test(text) || MARKERS.test(text)) return null;
  try {
    return { value: new Reader(text.split('\n')).document() };
  } catch (e) {
    // A give-up, or anything unforeseen: either way the full parse decides.
    if (e === GIVE_UP) return null;
    return null;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

/** The number of leading spaces. */
function indentOf(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

function skipSpaces(s: string, j: number): number {
  while (s.charCodeAt(j) === 32) j++;
  return j;
}

/** Whether `s[j]` starts a comment (`#` after a space) or the line ends there. */
function atLineEnd(s: string, j: number): boolean {
  const k = skipSpaces(s, j);
  return k >= s.length || (s[k] === '#' && k > j);
}

/** A one-line quoted scalar starting at `s[j]`: its value and the offset after the closing quote. */
function quoted(s: string, j: number): [string, number] {
  if (s[j] === "'") {
    let out = '';
    let k = j + 1;
    for (;;) {
      const q = s.indexOf("'", k);
      if (q === -1) giveUp();
      out += s.slice(k, q);
      if (s[q + 1] !== "'") return [out, q + 1];
      out += "'";
      k = q + 2;
    }
  }
  let out = '';
  let k = j + 1;
  for (;;) {
    const ch = s[k];
    if (ch === undefined) giveUp();
    if (ch === '"') return [out, k + 1];
    if (ch === '\\') {
      const e = s[k + 1] as string;
      const known = ESCAPES[e];
      if (known !== undefined) {
        out += known;
        k += 2;
        continue;
      }
      const length = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = s.substr(k + 2, length);
      if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) giveUp();
      out += String.fromCodePoint(code);
      k += 2 + length;
      continue;
    }
    out += ch;
    k++;
  }
}

class Reader {
  constructor(private readonly lines: string[]) {}

  /** The index of the first line at or after `i` that is neither blank nor a comment. */
  private next(i: number): number {
    const lines = this.lines;
    for (; i < lines.length; i++) {
      const s = lines[i] as string;
      const k = skipSpaces(s, 0);
      if (k < s.length && s[k] !== '#') return i;
    }
    return i;
  }

  document(): unknown {
    const i = this.next(0);
    if (i >= this.lines.length || indentOf(this.lines[i] as string) !== 0) giveUp();
    const [value, end] = this.mapping(i, 0, 1);
    if (this.next(end) < this.lines.length) giveUp();
    return value;
  }

  /** A key at `s[c]`: its text and the offset after its colon; null when there is none. */
  private key(s: string, c: number): [string, number] | null {
    const ch = s[c];
    if (ch === '"' || ch === "'") {
      const [k, e] = quoted(s, c);
      if (s[e] !== ':' || (e + 1 < s.length && s[e + 1] !== ' ')) return null;
      if (e - c > 1000) giveUp();
      return [k, e + 1];
    }
    PLAIN_KEY.lastIndex = c;
    const m = PLAIN_KEY.exec(s);
    if (!m) return null;
    if (m[0].length > 1000) giveUp();
    return [String(resolvePlain(m[0].slice(0, -1))), c + m[0].length];
  }

  /** A block mapping whose first key is at line `i`, column `c` (its indentation). */
  private mapping(i: number, c: number, depth: number): [unknown, number] {
    if (depth > MAX_DEPTH) giveUp();
    const obj: Record<string, unknown> = Object.create(null);
    const lines = this.lines;
    for (;;) {
      const s = lines[i] as string;
      const k = this.key(s, c);
      if (k === null) giveUp();
      const [name, after] = k;
      if (name in obj) giveUp();
      const [value, end] = this.value(i, skipSpaces(s, after), c, depth, true);
      obj[name] = value;
      i = this.next(end);
      if (i >= lines.length) break;
      const ind = indentOf(lines[i] as string);
      if (ind < c) break;
      if (ind > c) giveUp();
    }
    return [obj, i];
  }

  /** A block sequence whose first `-` is at line `i`, column `m`. */
  private sequence(i: number, m: number, depth: number): [unknown, number] {
    if (depth > MAX_DEPTH) giveUp();
    const arr: unknown[] = [];
    const lines = this.lines;
    for (;;) {
      const s = lines[i] as string;
      const j = skipSpaces(s, m + 1);
      let item: [unknown, number];
      if (j >= s.length || s[j] === '#') item = this.value(i, j, m, depth, false);
      else if (s[j] === '-' && (j + 1 >= s.length || s[j + 1] === ' ')) giveUp();
      else if (this.key(s, j) !== null) item = this.mapping(i, j, depth + 1);
      else item = this.value(i, j, m, depth, false);
      arr.push(item[0]);
      i = this.next(item[1]);
      if (i >= lines.length) break;
      const t = lines[i] as string;
      const ind = indentOf(t);
      if (ind > m) giveUp();
      if (ind < m || !isItem(t, m)) break;
    }
    return [arr, i];
  }

  /**
   * The value at line `i`, column `j` (after `key:` or `- ` and their spaces) of a node indented
   * `m`: its value and the index of the line after it.
   */
  private value(i: number, j: number, m: number, depth: number, inMapping: boolean): [unknown, number] {
    const s = this.lines[i] as string;
    if (j >= s.length || s[j] === '#') {
      // Nothing on the line: a block node on the lines below, or null.
      const k = this.next(i + 1);
      if (k < this.lines.length) {
        const t = this.lines[k] as string;
        const ind = indentOf(t);
        if (ind > m)
          return isItem(t, ind) ? this.sequence(k, ind, depth + 1) : this.mapping(k, ind, depth + 1);
        // A sequence may stand at its key's own indentation.
        if (ind === m && inMapping && isItem(t, m)) return this.sequence(k, m, depth + 1);
      }
      return [null, i + 1];
    }
    const ch = s[j];
    if (ch === '|') return this.literal(i, j, m);
    if (ch === '[' || ch === '{') {
      const [v, e] = this.flow(s, j, depth + 1);
      if (!atLineEnd(s, e)) giveUp();
      return [v, i + 1];
    }
    if (ch === '"' || ch === "'") {
      const [v, e] = quoted(s, j);
      if (!atLineEnd(s, e)) giveUp();
      return [v, i + 1];
    }
    if (!plainStarts(s, j)) giveUp();
    let end = s.indexOf(' #', j);
    if (end === -1) end = s.length;
    while (s.charCodeAt(end - 1) === 32) end--;
    const str = s.slice(j, end);
    if (str.includes(': ') || str.endsWith(':')) giveUp();
    return [resolvePlain(str), i + 1];
  }

  /** A literal block (`|` or `|-`) whose header is at line `i`, column `j`, under a node indented `m`. */
  private literal(i: number, j: number, m: number): [string, number] {
    const lines = this.lines;
    const s = lines[i] as string;
    let h = j + 1;
    const strip = s[h] === '-';
    if (strip) h++;
    if (!atLineEnd(s, h)) giveUp();
    const first = lines[i + 1];
    // Leading blank lines, an empty block or one not indented below its key: the full parse decides.
    if (first === undefined || first.trim() === '') giveUp();
    const indent = indentOf(first);
    if (indent <= m) giveUp();
    const content: string[] = [];
    let blanks = 0;
    let t = i + 1;
    for (; t < lines.length; t++) {
      const line = lines[t] as string;
      if (line === '') {
        blanks++;
        continue;
      }
      const ind = indentOf(line);
      if (ind === line.length) giveUp(); // a line of spaces only
      if (ind < indent) break;
      for (; blanks > 0; blanks--) content.push('');
      content.push(line.slice(indent));
    }
    const last = t - blanks - 1;
    // The file's last line, without its line break: the full parse decides.
    if (last === lines.length - 1) giveUp();
    return [content.join('\n') + (strip ? '' : '\n'), last + 1];
  }

  /** A one-line flow collection at `s[j]`: its value and the offset after its closing bracket. */
  private flow(s: string, j: number, depth: number): [unknown, number] {
    if (depth > MAX_DEPTH) giveUp();
    const close = s[j] === '[' ? ']' : '}';
    j = skipSpaces(s, j + 1);
    if (close === ']') {
      const arr: unknown[] = [];
      if (s[j] === ']') return [arr, j + 1];
      for (;;) {
        const [v, e] = this.flowItem(s, j, depth);
        arr.push(v);
        j = skipSpaces(s, e);
        if (s[j] === ']') return [arr, j + 1];
        if (s[j] !== ',') giveUp();
        j = skipSpaces(s, j + 1);
        if (s[j] === ']') giveUp();
      }
    }
    const obj: Record<string, unknown> = Object.create(null);
    if (s[j] === '}') return [obj, j + 1];
    for (;;) {
      let name: string;
      const ch = s[j];
      if (ch === '"' || ch === "'") {
        const [k, e] = quoted(s, j);
        name = k;
        j = e;
      } else {
        FLOW_KEY.lastIndex = j;
        FLOW_KEY.test(s);
        const e = FLOW_KEY.lastIndex;
        if (e === j) giveUp();
        name = String(resolvePlain(s.slice(j, e)));
        j = e;
      }
      if (s[j] !== ':' || s[j + 1] !== ' ') giveUp();
      if (name in obj) giveUp();
      const [v, e] = this.flowItem(s, skipSpaces(s, j + 1), depth);
      obj[name] = v;
      j = skipSpaces(s, e);
      if (s[j] === '}') return [obj, j + 1];
      if (s[j] !== ',') giveUp();
      j = skipSpaces(s, j + 1);
      if (s[j] === '}') giveUp();
    }
  }

  /** One value inside a flow collection. */
  private flowItem(s: string, j: number, depth: number): [unknown, number] {
    const ch = s[j];
    if (ch === '[' || ch === '{') return this.flow(s, j, depth + 1);
    if (ch === '"' || ch === "'") return quoted(s, j);
    if (ch === undefined || !plainStarts(s, j)) giveUp();
    let e = j;
    for (;;) {
      FLOW_PLAIN.lastIndex = e;
      FLOW_PLAIN.test(s);
      e = FLOW_PLAIN.lastIndex;
      // A `#` not after a space is part of the scalar.
      if (s[e] === '#' && s[e - 1] !== ' ') e++;
      else break;
    }
    const c = s[e];
    if (c !== ',' && c !== ']' && c !== '}') giveUp();
    let end = e;
    while (s.charCodeAt(end - 1) === 32) end--;
    if (end === j) giveUp();
    return [resolvePlain(s.slice(j, end)), e];
  }
}

/** Whether line `s` holds a sequence item (`-` then a space or the line's end) at column `m`. */
function isItem(s: string, m: number): boolean {
  return s[m] === '-' && (m + 1 >= s.length || s[m + 1] === ' ');
}
