import { decimalText, parseDecimal } from '../core/money.js';

/** YAML text for ledger values: plain where that reads back as the same string, quoted otherwise. */

// Plain scalars that YAML 1.2's core schema resolves to something other than a string.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
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
// Characters a plain scalar may not start with (YAML indicators), and what it may not contain in
// flow context. Conservative on purpose: quoting a safe string costs nothing but two characters.
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
    !CORE_NON_STRING.test(s) &&
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

const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/**
 * Checks a number typed on the command line: a plain decimal (`12`, `-3.5`, `12500.00`) that a
 * YAML reader gets back exactly. Returns the text to write (unchanged), or why it is refused.
 */
export function decimalArgument(text: string): { ok: true; text: string } | { ok: false; reason: string } {
  if (!PLAIN_DECIMAL.test(text)) {
    return { ok: false, reason: 'is not a plain decimal number such as 12, -3.5 or 12500.00' };
  }
  const n = Number(text);
  if (!Number.isFinite(n)) return { ok: false, reason: 'is too large' };
  const written = parseDecimal(text);
  const read = parseDecimal(decimalText(n));
  // The file stores a YAML number; refuse digits a reader would silently round away.
  if (written === null || read === null || written.units !== read.units || written.scale !== read.scale) {
    return { ok: false, reason: 'has more significant digits than a YAML number holds exactly' };
  }
  return { ok: true, text };
}
