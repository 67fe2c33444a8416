/**
 * The one statement of what a plain YAML scalar is, for every reader and the writer: how YAML
 * 1.2's core schema (the `yaml` package's default, which the loader uses) types a plain scalar,
 * which characters may start one, and how the writer quotes a string so that it reads back as
 * that string. The quick reader (quick.ts), the ledger cursor (flow-lines.ts) and the writer
 * (write.ts) all ask here; test/yaml/scalar.test.ts holds it to the `yaml` package on generated
 * scalars.
 */

/** A plain scalar's core-schema tag (one of the constants below). */
export type Tag = number;
/** Text that no tag matches: a string. */
export const STR = 0;
export const NULL = 1;
export const TRUE = 2;
export const FALSE = 3;
/** `[-+]?[0-9]+` */
export const INT = 4;
/** `0o[0-7]+` */
export const OCT = 5;
/** `0x[0-9a-fA-F]+` */
export const HEX = 6;
/** `.inf`, `-.inf`, `.nan` and their spellings */
export const INF_NAN = 7;
/** A decimal fraction or an exponent. */
export const FLOAT = 8;

const FLOAT_EXP_FORM = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_FORM = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const INF_NAN_FORM = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/**
 * Whether a plain scalar starting with character code `c` can be anything but a string: digits,
 * `+ - . ~`, and the first letters of null, true and false in any case. Most scalars are text
 * that starts otherwise, so this one test answers them.
 */
export function mayBeTagged(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    c === 43 || // +
    c === 45 || // -
    c === 46 || // .
    c === 126 || // ~
    c === 110 || // n
    c === 78 || // N
    c === 116 || // t
    c === 84 || // T
    c === 102 || // f
    c === 70 // F
  );
}

/** The core-schema tag of the plain scalar t[s, e) (tags tried in the `yaml` package's order). */
export function plainTag(t: string, s: number, e: number): Tag {
  if (e === s) return NULL;
  const c = t.charCodeAt(s);
  if (!mayBeTagged(c)) return STR;
  const len = e - s;
  if (len === 1 && c === 126) return NULL; // ~
  if (len === 4 || len === 5) {
    const w = word(t, s, e);
    if (w !== STR) return w;
  }
  // A letter-led scalar other than the words above is a string; so is one with a sign inside it
  // other than just after an exponent's e: dates (2026-11-02) and periods (2026-Q3) end here
  // without a regex.
  if (c >= 65) return STR;
  let digits = true;
  for (let k = s; k < e; k++) {
    const ch = t.charCodeAt(k);
    if (ch < 48 || ch > 57) {
      digits = false;
      if ((ch === 45 || ch === 43) && k > s) {
        const before = t.charCodeAt(k - 1);
        if (before !== 101 && before !== 69) return STR;
      }
    }
  }
  if (digits) return INT;
  const str = t.slice(s, e);
  if (/^0o[0-7]+$/.test(str)) return OCT;
  if (/^[-+][0-9]+$/.test(str)) return INT;
  if (/^0x[0-9a-fA-F]+$/.test(str)) return HEX;
  if (INF_NAN_FORM.test(str)) return INF_NAN;
  if (FLOAT_EXP_FORM.test(str) || FLOAT_FORM.test(str)) return FLOAT;
  return STR;
}

/** null, true or false spelt as a word over [s, e) (four or five characters), else Str; no string made. */
function word(t: string, s: number, e: number): Tag {
  const len = e - s;
  switch (t.charCodeAt(s)) {
    case 110: // n
    case 78: // N
      return len === 4 && (at(t, s, 'null') || at(t, s, 'Null') || at(t, s, 'NULL')) ? NULL : STR;
    case 116: // t
    case 84: // T
      return len === 4 && (at(t, s, 'true') || at(t, s, 'True') || at(t, s, 'TRUE')) ? TRUE : STR;
    case 102: // f
    case 70: // F
      return len === 5 && (at(t, s, 'false') || at(t, s, 'False') || at(t, s, 'FALSE')) ? FALSE : STR;
    default:
      return STR;
  }
}

/** Whether `w` is written at offset s of t. */
function at(t: string, s: number, w: string): boolean {
  for (let i = 0; i < w.length; i++) if (t.charCodeAt(s + i) !== w.charCodeAt(i)) return false;
  return true;
}

/** A plain scalar's value as the core schema resolves it (what the `yaml` package gives). */
export function resolvePlain(str: string): unknown {
  // Most scalars are text that no tag matches, or digits only (years, amounts).
  if (str.length > 0 && !mayBeTagged(str.charCodeAt(0))) return str;
  switch (plainTag(str, 0, str.length)) {
    case STR:
      return str;
    case NULL:
      return null;
    case TRUE:
      return true;
    case FALSE:
      return false;
    case INT:
      return Number.parseInt(str, 10);
    case OCT:
      return Number.parseInt(str.substring(2), 8);
    case HEX:
      return Number.parseInt(str.substring(2), 16);
    case INF_NAN:
      if (str.slice(-3).toLowerCase() === 'nan') return Number.NaN;
      return str[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    default:
      return Number.parseFloat(str);
  }
}

/** YAML's indicator characters: a plain scalar may not start with one (but see plainStarts). */
const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';
const INDICATOR = new Uint8Array(128);
for (const ch of INDICATORS) INDICATOR[ch.charCodeAt(0)] = 1;

/**
 * Whether a plain scalar may start at t[j], as the readers accept it: not at an indicator, except
 * a `-` before a digit, a letter or a `.` (`-5`, `-x`, `-.5`). A reader gives up on the rest.
 */
export function plainStarts(t: string, j: number): boolean {
  const c = t.charCodeAt(j);
  if (c >= 128 || INDICATOR[c] !== 1) return true;
  if (c !== 45) return false;
  const n = t.charCodeAt(j + 1);
  return (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || n === 46;
}

/** The escapes of double-quoted scalars (as the `yaml` package reads them), by the letter after `\`. */
export const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

// Plain scalars that a YAML 1.1 reader (PyYAML, older tools) resolves to something other than a
// string: booleans (y/n, yes/no, on/off), integers with `_`, binary, old-style octal and base 60
// (`12:30`), floats such as `1.` and `1_0.5`, timestamps (`2026-07-10`), and the merge and value
// keys. PyYAML's resolver patterns, plus the single-letter booleans of the 1.1 spec. Quoting them
// changes nothing for a YAML 1.2 reader.
const YAML11_NON_STRING = new RegExp(
  [
    '^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$',
    '^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$',
    '^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$',
    '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$',
    '^(?:<<|=)$',
  ].join('|'),
);
// What a written plain scalar may not start with (an indicator or white space) or contain in flow
// context. Stricter than the readers on purpose: quoting a safe string costs two characters.
const BAD_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const BAD_INSIDE = /[,[\]{}]|: | #|:$|\s$/;

/** The YAML text of a string value inside a flow mapping, reading back as exactly `s` (in YAML 1.2 and 1.1). */
export function yamlString(s: string): string {
  const escapes = [...s].some(needsEscape);
  if (
    s !== '' &&
    !escapes &&
    !BAD_START.test(s) &&
    !BAD_INSIDE.test(s) &&
    plainTag(s, 0, s.length) === STR &&
    !YAML11_NON_STRING.test(s)
  )
    return s;
  if (!escapes) return `'${s.replace(/'/g, "''")}'`;
  return `"${[...s].map(escapeChar).join('')}"`;
}

/** Control characters, line and paragraph separators, a BOM and lone surrogates: written as escapes. */
function needsEscape(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0xfeff ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

function escapeChar(ch: string): string {
  if (ch === '"') return '\\"';
  if (ch === '\\') return '\\\\';
  if (needsEscape(ch)) return `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, '0')}`;
  return ch;
}
