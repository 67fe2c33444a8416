import { mayBeTagged, plainStarts, plainTag, STR, FALSE as TAG_FALSE, TRUE as TAG_TRUE } from './scalar.js';

/**
 * The YAML subset reader's one-line flow items (quick.ts reads the block mappings around them;
 * scalar.ts types every plain scalar for both): the fast path for large ledgers. `record` writes one flow mapping per line
 * (`  - {indicator: X, period: 2026, value: 1, date: 2026-11-02}`), and a ledger of 100,000 such
 * lines costs ~8 s through a full YAML document parse. This module reads exactly that shape and
 * nothing more, in two steps:
 *
 * 1. `scanLedgerShape` checks a file's structure: one `section:` line, then only items that each
 *    start a flow mapping on a line of their own (`  - {`), blank lines and comments. It notes
 *    where each item starts and builds nothing.
 * 2. `FlowCursor` reads one item's `key: value` pairs in place, without making an object: the
 *    ledger's entry decoders (normalise/entry-decoders.ts, through entry-fields.ts) read each pair straight into the typed
 *    entry. `parseFlowMapping` is the same cursor building a plain object.
 *
 * Whenever a line holds anything the cursor does not fully understand (escapes, tags, anchors,
 * non-decimal numbers, nulls, nested collections, a mapping that goes on past its line…) it gives
 * up, and the caller parses the whole file with the `yaml` package, so the two paths cannot
 * disagree (test/validate/fast-path.test.ts checks them against each other).
 * Like everything in src/yaml/, it imports nothing of the project: it reads text into values.
 */

/** A file in the ledger shape: the section and where each item's mapping starts. */
export interface LedgerShape {
  key: string;
  /** The 0-based line of the section's key (`progress:`). */
  keyLine: number;
  /** The 0-based line of each item. */
  lines: number[];
  /** The offset in the text just after each item's `{`. */
  starts: number[];
}

/** The result of a fast scan with every item read into a plain object. */
export interface FastLedger {
  key: string;
  keyLine: number;
  items: Record<string, unknown>[];
  lines: number[];
}

// A comment needs white space before its `#`: `progress:#x` is one plain scalar to YAML, not a key.
const SECTION = /^([a-z_]+):(?:[ \t]+(?:#.*)?)?$/;

/** The structure of a ledger file (see above), or null when the file is in another shape. */
export function scanLedgerShape(text: string): LedgerShape | null {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || text.includes('\r')) return null;
  const lines: number[] = [];
  const starts: number[] = [];
  let key: string | null = null;
  let keyLine = 0;
  let indent = -1;
  let lineNo = 0;
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    let i = pos;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const c = i < end ? text.charCodeAt(i) : -1;
    if (c === -1 || c === HASH) {
      // blank or comment
    } else if (key === null) {
      const m = SECTION.exec(text.slice(pos, end));
      if (!m) return null;
      key = m[1] as string;
      keyLine = lineNo;
    } else {
      // `<indent>- {`: the same indentation, at least one space, for every item.
      const width = i - pos;
      if (width === 0 || c !== DASH || text.charCodeAt(i + 1) !== SPACE || text.charCodeAt(i + 2) !== OPEN)
        return null;
      if (indent === -1) indent = width;
      else if (width !== indent) return null;
      lines.push(lineNo);
      starts.push(i + 3);
    }
    lineNo++;
    pos = end + 1;
  }
  if (key === null) return null;
  return { key, keyLine, lines, starts };
}

/** Scans a whole ledger file and reads every item into a plain object; null when any line is outside the fast shape. */
export function scanFastLedger(text: string): FastLedger | null {
  const shape = scanLedgerShape(text);
  if (shape === null) return null;
  const items = readFlowItems(text, shape);
  return items && { key: shape.key, keyLine: shape.keyLine, items, lines: shape.lines };
}

/** Every item of a file in the ledger shape as a plain object; null when any line is outside the fast shape. */
export function readFlowItems(text: string, shape: LedgerShape): Record<string, unknown>[] | null {
  const items: Record<string, unknown>[] = [];
  const cursor = new FlowCursor(text);
  for (const start of shape.starts) {
    const item = readObject(cursor, start);
    if (item === null) return null;
    items.push(item);
  }
  return items;
}

/** What a pair's value is. */
export const STRING = 0;
export const NUMBER = 1;
export const TRUE = 2;
export const FALSE = 3;
/** Not yet known (the decimal reader's third answer). */
const UNKNOWN = -2;

/**
 * Reads the `key: value` pairs of one flow mapping in place. `begin(start)` places it just after an
 * item's `{`; each `next()` reads one pair and answers true, or false at the closing `}` or when the
 * line is outside the fast shape (then `failed` is set: the caller must take the full parser).
 * Keys and values are spans of the text; `key()` and `string()` make strings only when asked.
 */
export class FlowCursor {
  readonly text: string;
  /** The span of the pair's key, and its hash (Java's String.hashCode of the key). */
  ks = 0;
  ke = 0;
  kh = 0;
  /** STRING, NUMBER, TRUE or FALSE. */
  type = STRING;
  /** The quote the value is written in (`"` or `'`), or 0 for a plain scalar. */
  quote = 0;
  /** Where the value starts (its opening quote, if any). */
  at = 0;
  /** The span of the value's text (inside its quotes). */
  vs = 0;
  ve = 0;
  /** The value of a NUMBER. */
  num = 0;
  /**
   * A NUMBER exactly: |num| = mant / 10^scale, with `neg` its sign; mant is -1 when the number has
   * more than 15 digits (then only `num` is known).
   */
  mant = 0;
  scale = 0;
  neg = false;
  /** The line is outside the fast shape. */
  failed = false;
  #pos = 0;
  #end = 0;
  #first = true;
  #done = false;
  /** A single-quoted value holds `''` (a quote): its text is not its span. */
  escaped = false;

  constructor(text: string) {
    this.text = text;
  }

  /** Starts reading the mapping whose `{` is just before `start`. */
  begin(start: number): void {
    const end = this.text.indexOf('\n', start);
    this.#end = end === -1 ? this.text.length : end;
    this.#pos = this.#skip(start);
    this.#first = true;
    this.#done = false;
    this.failed = false;
  }

  /** The end of the current line (exclusive). */
  get lineEnd(): number {
    return this.#end;
  }

  /** The key as a string. */
  key(): string {
    return this.text.slice(this.ks, this.ke);
  }

  /** The value's text: a STRING's content (quotes undone), or a plain scalar as written. */
  string(): string {
    const s = this.text.slice(this.vs, this.ve);
    return this.escaped ? s.replaceAll("''", "'") : s;
  }

  /** The value as YAML reads it: a string, a number or a boolean. */
  value(): string | number | boolean {
    switch (this.type) {
      case NUMBER:
        return this.num;
      case TRUE:
        return true;
      case FALSE:
        return false;
      default:
        return this.string();
    }
  }

  /** Reads the next pair; false at the end of the mapping or on a line outside the fast shape. */
  next(): boolean {
    if (this.#done || this.failed) return false;
    const t = this.text;
    let i = this.#pos;
    if (this.#first) {
      this.#first = false;
      if (t.charCodeAt(i) === CLOSE) {
        if (!this.#closes(i + 1)) return this.#fail();
        this.#done = true;
        return false;
      }
    }
    const ks = i;
    let c = t.charCodeAt(i);
    if (!(isLetter(c) || c === UNDERSCORE)) return this.#fail();
    // The key's hash (as Java's String.hashCode) is made on the way, so a reader can tell its
    // known keys by one switch (entry-fields.ts keyBit).
    let h = c;
    i++;
    for (c = t.charCodeAt(i); c < 128 && KEY_CHAR[c] === 1; ) {
      h = (Math.imul(h, 31) + c) | 0;
      c = t.charCodeAt(++i);
    }
    this.kh = h;
    // `null:`, `true:`… are not string keys in YAML (a key starts with a letter or `_`, so only
    // these words can be): leave them to the full parser.
    if (plainTag(t, ks, i) !== STR) return this.#fail();
    this.ks = ks;
    this.ke = i;
    if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE) return this.#fail();
    i = this.#skip(i + 2);
    const q = t.charCodeAt(i);
    this.at = i;
    this.escaped = false;
    if (q === DQUOTE) {
      const close = t.indexOf('"', i + 1);
      if (close === -1 || close >= this.#end) return this.#fail();
      const slash = t.indexOf('\\', i + 1);
      if (slash !== -1 && slash < close) return this.#fail();
      this.type = STRING;
      this.quote = DQUOTE;
      this.vs = i + 1;
      this.ve = close;
      i = close + 1;
    } else if (q === SQUOTE) {
      let j = i + 1;
      for (;;) {
        const k = t.indexOf("'", j);
        if (k === -1 || k >= this.#end) return this.#fail();
        if (t.charCodeAt(k + 1) === SQUOTE) {
          this.escaped = true;
          j = k + 2;
        } else {
          this.type = STRING;
          this.quote = SQUOTE;
          this.vs = i + 1;
          this.ve = k;
          i = k + 1;
          break;
        }
      }
    } else {
      // A plain scalar runs to the next `,` or `}`; brackets, `: `, ` #` or a final `:` inside it
      // mean YAML reads it otherwise, so the full parser takes the file.
      let j = i;
      const end = this.#end;
      for (; j < end; j++) {
        const ch = t.charCodeAt(j);
        const cls = ch < 128 ? PLAIN_CLASS[ch] : 0;
        if (cls === 0) continue;
        if (cls === ENDS) break;
        if (cls === REFUSED) return this.#fail();
        // A space after `:`, or a `#` after a space: not a plain scalar's text.
        const before = j > i ? t.charCodeAt(j - 1) : -1;
        if (ch === SPACE ? before === COLON : before === SPACE) return this.#fail();
      }
      // Only spaces end a plain scalar: JS trimEnd() would also eat \v, NBSP, U+FEFF… which YAML keeps.
      let e = j;
      while (e > i && t.charCodeAt(e - 1) === SPACE) e--;
      if (e === i) return this.#fail();
      if (t.charCodeAt(e - 1) === COLON) return this.#fail();
      if (!plainStarts(t, i)) return this.#fail();
      this.quote = 0;
      this.vs = i;
      this.ve = e;
      if (!this.#plainType(i, e)) return this.#fail();
      i = j;
    }
    i = this.#skip(i);
    const sep = t.charCodeAt(i);
    if (sep === COMMA) {
      i = this.#skip(i + 1);
      if (t.charCodeAt(i) === CLOSE) return this.#fail(); // trailing comma: leave to the full parser
      this.#pos = i;
      return true;
    }
    if (sep === CLOSE) {
      if (!this.#closes(i + 1)) return this.#fail();
      this.#done = true; // the pair just read counts; the next call ends the mapping
      return true;
    }
    return this.#fail();
  }

  /**
   * Types a plain scalar as YAML's core schema does (scalar.ts); false for anything but a string,
   * a decimal number or a boolean (the full parser decides those).
   */
  #plainType(s: number, e: number): boolean {
    const t = this.text;
    this.type = STRING;
    if (!mayBeTagged(t.charCodeAt(s))) return true;
    if (this.#decimal(s, e) !== UNKNOWN) return true;
    const tag = plainTag(t, s, e);
    if (tag === STR) return true;
    if (tag === TAG_TRUE) this.type = TRUE;
    else if (tag === TAG_FALSE) this.type = FALSE;
    else return false;
    return true;
  }

  /**
   * Reads `-?(0|[1-9][0-9]*)(\.[0-9]+)?` exactly over [s, e) as a NUMBER; STRING when a sign follows
   * the leading digits (2026-11-02, 2026-Q3: no core-schema form has a sign after a digit); else
   * UNKNOWN.
   */
  #decimal(s: number, e: number): number {
    const t = this.text;
    let k = s;
    const neg = t.charCodeAt(k) === DASH;
    if (neg) k++;
    if (k >= e) return UNKNOWN;
    let mant = 0;
    let digits = 0;
    let c = t.charCodeAt(k);
    if (c === ZERO) {
      k++;
    } else if (c > ZERO && c <= NINE) {
      for (; k < e; k++) {
        c = t.charCodeAt(k);
        if (!isDigit(c)) break;
        mant = mant * 10 + (c - ZERO);
        digits++;
      }
    } else return UNKNOWN;
    let scale = 0;
    if (k < e) {
      c = t.charCodeAt(k);
      if (c === DASH || c === PLUS) return STRING;
      if (c !== DOT) return UNKNOWN;
      k++;
      if (k >= e) return UNKNOWN;
      for (; k < e; k++) {
        c = t.charCodeAt(k);
        if (!isDigit(c)) return UNKNOWN;
        mant = mant * 10 + (c - ZERO);
        digits++;
        scale++;
      }
    }
    this.type = NUMBER;
    this.neg = neg;
    this.scale = scale;
    if (digits > 15) {
      // Past 15 digits the running sum may not be exact: let the number parser round it.
      this.mant = -1;
      this.num = Number(t.slice(s, e));
    } else {
      // mant < 2^53 and 10^scale are exact, so one division rounds as Number(text) does.
      this.mant = mant;
      const abs = scale === 0 ? mant : mant / (POW10[scale] as number);
      this.num = neg ? -abs : abs;
    }
    return NUMBER;
  }

  /** After the closing `}`: only spaces, or spaces and a comment, may follow. */
  #closes(i: number): boolean {
    const t = this.text;
    let j = i;
    while (j < this.#end && t.charCodeAt(j) === SPACE) j++;
    return j === this.#end || (j > i && t.charCodeAt(j) === HASH);
  }

  #fail(): false {
    this.failed = true;
    return false;
  }

  #skip(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }
}

/** Reads the mapping starting at `start` into a plain object; null outside the fast shape. */
function readObject(
  cursor: FlowCursor,
  start: number,
  positions?: Map<string, { key: number; value: number }>,
): Record<string, unknown> | null {
  // A plain object, not a null-prototype one (which V8 keeps in slow dictionary mode): every key
  // that Object.prototype has (`__proto__`, `constructor`, `toString`…) is left to the full parser.
  const obj: Record<string, unknown> = {};
  cursor.begin(start);
  while (cursor.next()) {
    const k = cursor.key();
    if (k in obj) return null; // a duplicate key, or a name Object.prototype has
    obj[k] = cursor.value();
    positions?.set(k, { key: cursor.ks, value: cursor.at });
  }
  return cursor.failed ? null : obj;
}

/**
 * Parses `{k: v, ...}` starting just after the `{`; the rest of the line may hold only a comment.
 * When `positions` is given, it receives each key's 0-based offset in the line and its value's.
 */
export function parseFlowMapping(
  line: string,
  start: number,
  positions?: Map<string, { key: number; value: number }>,
): Record<string, unknown> | null {
  // Tabs are separation whitespace in some places and content in others: not worth the risk.
  if (line.includes('\t') || line.includes('\n')) return null;
  return readObject(new FlowCursor(line), start, positions);
}

/** The item at `start` of a ledger text as a plain object, or null outside the fast shape. */
export function readFlowItem(text: string, start: number): Record<string, unknown> | null {
  return readObject(new FlowCursor(text), start);
}

/**
 * Column (1-based) of `key` in a flow-mapping line, or of its value; 0 when absent. The line is
 * parsed again for its positions (only for a diagnostic being shown), so a key's name inside an
 * earlier quoted value, or a non-breaking space (content in YAML, not white space), cannot
 * mislead it.
 */
export function columnOfKey(line: string, key: string, value: boolean): number {
  const m = /^ +- \{/.exec(line);
  if (!m) return 0;
  const positions = new Map<string, { key: number; value: number }>();
  if (parseFlowMapping(line, m[0].length, positions) === null) return 0;
  const p = positions.get(key);
  if (!p) return 0;
  return (value ? p.value : p.key) + 1;
}

const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const UNDERSCORE = 95;
const OPEN = 123;
const CLOSE = 125;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** The characters that go on a plain key after its first: letters, digits, `_` and `-`. */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)
    KEY_CHAR[c] = 1;

/** How a plain scalar reads each ASCII character: 0 its text, or one of the classes below. */
const PLAIN_CLASS = new Uint8Array(128);
/** `,` and `}` end it. */
const ENDS = 1;
/** Brackets and `{` inside it: the full parser decides. */
const REFUSED = 2;
/** A space or `#`: its text, unless after `:` or a space. */
const LOOK_BACK = 3;
for (const c of ',}') PLAIN_CLASS[c.charCodeAt(0)] = ENDS;
for (const c of '[]{') PLAIN_CLASS[c.charCodeAt(0)] = REFUSED;
for (const c of ' #') PLAIN_CLASS[c.charCodeAt(0)] = LOOK_BACK;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}
