/**
 * The fast path for large ledgers. `record` writes one flow mapping per line
 * (`  - {indicator: X, period: 2026, value: 1, date: 2026-11-02}`), and a ledger of 100,000 such
 * lines costs ~8 s through a full YAML document parse. This scanner reads exactly that shape and
 * nothing more: whenever a line holds anything it does not fully understand (escapes, tags,
 * anchors, non-decimal numbers, nulls, duplicate keys…) it gives up and the caller
 * falls back to the `yaml` package for the whole file, so the two paths cannot disagree.
 */

/** The result of a fast scan: one plain object per list item and the 0-based line of each. */
export interface FastLedger {
  key: string;
  /** The 0-based line of the section's key (`progress:`). */
  keyLine: number;
  items: Record<string, unknown>[];
  lines: number[];
}

// Plain scalars that YAML 1.2's core schema resolves to something other than a string.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const SIMPLE_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const ITEM = /^( +)- \{/;
const SECTION = /^([a-z_]+):[ \t]*(?:#.*)?$/;

/** Scans a whole ledger file; null when any line is outside the fast shape. */
export function scanFastLedger(text: string): FastLedger | null {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || text.includes('\r')) return null;
  const items: Record<string, unknown>[] = [];
  const lines: number[] = [];
  let key: string | null = null;
  let keyLine = 0;
  let indent = -1;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    const first = line.trimStart();
    if (first === '' || first.startsWith('#')) {
      // blank or comment
    } else if (key === null) {
      const m = SECTION.exec(line);
      if (!m) return null;
      key = m[1] as string;
      keyLine = lineNo;
    } else {
      const m = ITEM.exec(line);
      if (!m) return null;
      const width = (m[1] as string).length;
      if (indent === -1) indent = width;
      else if (width !== indent) return null;
      const item = parseFlowMapping(line, m[0].length);
      if (item === null) return null;
      items.push(item);
      lines.push(lineNo);
    }
    lineNo++;
    pos = end + 1;
  }
  if (key === null) return null;
  return { key, keyLine, items, lines };
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
  if (line.includes('\t')) return null;
  // A plain object, not a null-prototype one (which V8 keeps in slow dictionary mode): every key
  // that Object.prototype has (`__proto__`, `constructor`, `toString`…) is left to the full parser.
  const obj: Record<string, unknown> = {};
  let i = skipSpaces(line, start);
  if (line.charCodeAt(i) === CLOSE) return closing(line, i + 1, obj);
  for (;;) {
    const ks = i;
    let c = line.charCodeAt(i);
    if (!(isLetter(c) || c === UNDERSCORE)) return null;
    i++;
    for (c = line.charCodeAt(i); isLetter(c) || isDigit(c) || c === UNDERSCORE || c === DASH; )
      c = line.charCodeAt(++i);
    const k = line.slice(ks, i);
    const keyAt = ks;
    // `null:`, `true:`… are not string keys in YAML: leave them to the full parser.
    if (maybeNonString(line.charCodeAt(ks)) && CORE_NON_STRING.test(k)) return null;
    if (k in obj) return null; // a duplicate key, or a name Object.prototype has
    if (line.charCodeAt(i) !== COLON || line.charCodeAt(i + 1) !== SPACE) return null;
    i = skipSpaces(line, i + 2);
    positions?.set(k, { key: keyAt, value: i });
    const q = line.charCodeAt(i);
    let value: unknown;
    if (q === DQUOTE) {
      const close = line.indexOf('"', i + 1);
      if (close === -1) return null;
      const s = line.slice(i + 1, close);
      if (s.includes('\\')) return null;
      value = s;
      i = close + 1;
    } else if (q === SQUOTE) {
      let j = i + 1;
      let s = '';
      for (;;) {
        const q = line.indexOf("'", j);
        if (q === -1) return null;
        s += line.slice(j, q);
        if (line[q + 1] === "'") {
          s += "'";
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = s;
    } else {
      // A plain scalar runs to the next `,` or `}`; brackets, `: `, ` #` or a final `:` inside it
      // mean YAML reads it otherwise, so the full parser takes the file.
      let j = i;
      let prev = -1;
      for (; j < line.length; j++) {
        const ch = line.charCodeAt(j);
        if (ch === COMMA || ch === CLOSE) break;
        if (ch === OPEN_SQ || ch === CLOSE_SQ || ch === OPEN) return null;
        if (ch === SPACE && prev === COLON) return null;
        if (ch === HASH && prev === SPACE) return null;
        prev = ch;
      }
      // Only spaces end a plain scalar: JS trimEnd() would also eat \v, NBSP, U+FEFF… which YAML keeps.
      let e = j;
      while (e > i && line.charCodeAt(e - 1) === SPACE) e--;
      if (e === i) return null;
      if (line.charCodeAt(e - 1) === COLON) return null;
      const first = q;
      if (
        INDICATORS.includes(String.fromCharCode(first)) &&
        !(first === DASH && isDigit(line.charCodeAt(i + 1)))
      )
        return null;
      const raw = line.slice(i, e);
      if (maybeNonString(first) && CORE_NON_STRING.test(raw)) {
        // Decimals and the core schema's booleans (`corrects: true`, `withdrawn: true`); nothing else.
        if (SIMPLE_DECIMAL.test(raw)) value = Number(raw);
        else if (raw === 'true' || raw === 'True' || raw === 'TRUE') value = true;
        else if (raw === 'false' || raw === 'False' || raw === 'FALSE') value = false;
        else return null;
      } else {
        value = raw;
      }
      i = j;
    }
    obj[k] = value;
    i = skipSpaces(line, i);
    const sep = line.charCodeAt(i);
    if (sep === COMMA) {
      i = skipSpaces(line, i + 1);
      if (line.charCodeAt(i) === CLOSE) return null; // trailing comma: leave to the full parser
      continue;
    }
    if (sep === CLOSE) return closing(line, i + 1, obj);
    return null;
  }
}

const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const OPEN_SQ = 91;
const CLOSE_SQ = 93;
const UNDERSCORE = 95;
const OPEN = 123;
const CLOSE = 125;
/** Characters that may not start a plain scalar (YAML's indicators), as the full parser reads them. */
const INDICATORS = '-?:[]{}#&*!|>\'"%@`';

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a scalar starting with this character can be anything but a string in the core schema. */
function maybeNonString(c: number): boolean {
  // digits + - . ~ and the first letters of null, true, false (any case)
  return (
    isDigit(c) ||
    c === 43 ||
    c === DASH ||
    c === 46 ||
    c === 126 ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70
  );
}

function closing(line: string, i: number, obj: Record<string, unknown>): Record<string, unknown> | null {
  const rest = line.slice(i);
  if (/^ *$/.test(rest) || /^ +#/.test(rest)) return obj;
  return null;
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === ' ') i++;
  return i;
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
