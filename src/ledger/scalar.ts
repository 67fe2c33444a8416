import { decimalText, parseDecimal } from '../core/money.js';

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
