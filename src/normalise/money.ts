import { decimalText, toMinor } from '../core/money.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Src } from '../model/source.js';

/**
 * Exact minor units of an amount as YAML or CSV gave it, or a diagnostic. YAML hands amounts over
 * as binary numbers; their shortest decimal text is the written text exactly while the amount in
 * minor units stays below 2^53 (about 90 trillion USD), so larger amounts are refused rather than
 * silently rounded.
 */
export function moneyMinor(
  amount: number,
  currency: string,
  digits: number,
  at: Src,
  diagnostics: Diagnostic[],
): bigint | undefined {
  if (!Number.isFinite(amount)) {
    diagnostics.push(error('wrong-type', `${amount} is not a finite amount`, at));
    return undefined;
  }
  if (Math.abs(amount) * 10 ** digits > Number.MAX_SAFE_INTEGER) {
    diagnostics.push(
      error('amount-too-large', `${decimalText(amount)} ${currency} is too large to be read exactly`, at),
    );
    return undefined;
  }
  const minor = toMinor(decimalText(amount), digits);
  if (minor === null) {
    diagnostics.push(
      error(
        'decimal-places',
        `${decimalText(amount)} has more decimal places than ${currency} allows (${digits})`,
        at,
      ),
    );
    return undefined;
  }
  return minor;
}
