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

/**
 * Exchange rates (plan-currency value of one unit) must lie in this range: wide enough for any
 * real currency pair (1 USD in Iranian rials or in bitcoin is far inside it), narrow enough that
 * a slip such as `1e308` or `1e-300` is caught at the rate instead of turning into an absurd or
 * non-finite figure in every report.
 */
export const RATE_MIN = 1e-9;
export const RATE_MAX = 1e9;

/** A diagnostic for a rate outside RATE_MIN..RATE_MAX, or undefined. */
export function rateProblem(rate: number, at: Src): Diagnostic | undefined {
  if (Number.isFinite(rate) && rate >= RATE_MIN && rate <= RATE_MAX) return undefined;
  const shown = Number.isFinite(rate) ? String(rate) : 'not a finite number';
  return error(
    'rate-range',
    `a rate of ${shown} lies outside the accepted range ${decimalText(RATE_MIN)} to ${RATE_MAX.toLocaleString('en-US')} (the plan-currency value of one unit)`,
    at,
  );
}

/**
 * A converted amount (plan-currency minor units) beyond 2^53 cannot be added and shown exactly:
 * refused at its entry, as an amount written that large would be.
 */
export function convertedProblem(
  minor: bigint,
  amount: string,
  planCurrency: string,
  at: Src,
): Diagnostic | undefined {
  const abs = minor < 0n ? -minor : minor;
  if (abs <= BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return error(
    'amount-too-large',
    `${amount} converts to more ${planCurrency} than can be added exactly (more than ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')} minor units)`,
    at,
  );
}
