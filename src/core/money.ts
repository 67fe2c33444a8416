// Exact money. Amounts are integers of the currency's minor unit (cents, yen, fils) held in
// bigint; rates are exact decimal fractions. Binary floating point never enters the arithmetic:
// a number only appears when a figure is finally written out as JSON.

import iso4217 from 'currency-codes';

let digitsByCode: Map<string, number> | undefined;

/** ISO 4217 minor units by code, indexed once (the package's own lookup scans its list). */
function isoDigits(): Map<string, number> {
  digitsByCode ??= new Map(iso4217.data.map((c) => [c.code, c.digits]));
  return digitsByCode;
}

/** True when `code` is an upper-case code in the ISO 4217 list. */
export function isCurrencyCode(code: string): boolean {
  return typeof code === 'string' && isoDigits().has(code);
}

/**
 * Minor-unit digits of a currency from the ISO 4217 list (the `currency-codes` package, which
 * tracks the published list): USD 2, JPY 0, KRW 0, BHD 3. Throws RangeError for an unknown code.
 */
export function currencyDigits(code: string): number {
  const digits = isoDigits().get(code);
  if (digits === undefined) throw new RangeError(`unknown currency: ${code}`);
  return digits;
}

const EXPONENT_RE = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * The shortest decimal text that reads back as `n` (as `String(n)`), with exponent forms such
 * as 1e-7 or 1.5e+21 written out in plain digits; throws RangeError for NaN and ±Infinity.
 */
export function decimalText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const text = String(n); // -0 already reads "0"
  const match = EXPONENT_RE.exec(text);
  if (!match) return text;
  const sign = match[1] as string;
  const digits = (match[2] as string) + (match[3] ?? '');
  const point = 1 + Number(match[4]); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** An exact decimal: the value is `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses `[+-]digits[.digits]` exactly; null for anything else (no exponent, no grouping, no
 * spaces). The scale is minimal: trailing fraction zeros are dropped, so "-12.50" gives
 * {units: -125n, scale: 1}, "100" gives {units: 100n, scale: 0} and "-0.00" gives {units: 0n, scale: 0}.
 */
export function parseDecimal(text: string): Decimal | null {
  if (typeof text !== 'string') return null;
  const match = DECIMAL_RE.exec(text);
  if (!match) return null;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const units = BigInt(`${match[1]}${match[2]}${fraction}`);
  return { units, scale: units === 0n ? 0 : fraction.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`bad minor-unit digits: ${digits}`);
}

/**
 * The amount in decimal `text` as an integer count of minor units with `digits` decimals; null
 * when the text is not a decimal or has more significant decimals ("0.125" with 2, "100.5" with 0).
 */
export function toMinor(text: string, digits: number): bigint | null {
  checkDigits(digits);
  const decimal = parseDecimal(text);
  if (decimal === null || decimal.scale > digits) return null;
  return decimal.units * pow10(digits - decimal.scale);
}

/** An exact fraction `num / den` (an exchange rate); `den` is non-zero. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** The exact ratio written by decimal `text` ("0.00072" → 72/100000); throws RangeError if `text` is not a decimal. */
export function ratioFromDecimal(text: string): Ratio {
  const decimal = parseDecimal(text);
  if (decimal === null) throw new RangeError(`not a decimal: ${text}`);
  return { num: decimal.units, den: pow10(decimal.scale) };
}

/** a / b rounded to the nearest integer, halves away from zero; either sign; throws RangeError when b is 0. */
export function divRoundHalfAwayFromZero(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  let q = absA / absB;
  if (2n * (absA % absB) >= absB) q += 1n;
  return a < 0n !== b < 0n ? -q : q;
}

/**
 * Converts `amountMinor` (minor units with `fromDigits` decimals) at `rate` (target-currency value
 * of one source unit) into target minor units with `toDigits` decimals, rounded half away from zero.
 */
export function convertMinor(amountMinor: bigint, fromDigits: number, rate: Ratio, toDigits: number): bigint {
  checkDigits(fromDigits);
  checkDigits(toDigits);
  // amount / 10^from × num / den × 10^to, as one fraction so that only the final step rounds.
  return divRoundHalfAwayFromZero(amountMinor * rate.num * pow10(toDigits), rate.den * pow10(fromDigits));
}

/** minor × elapsedDays / totalDays, rounded half away from zero (days are integers, totalDays > 0). */
export function prorata(minor: bigint, elapsedDays: number, totalDays: number): bigint {
  if (!Number.isSafeInteger(elapsedDays) || !Number.isSafeInteger(totalDays) || totalDays <= 0) {
    throw new RangeError(`bad day counts: ${elapsedDays} / ${totalDays}`);
  }
  return divRoundHalfAwayFromZero(minor * BigInt(elapsedDays), BigInt(totalDays));
}

/**
 * Writes minor units as a decimal with exactly `digits` decimals: "1,234,567.80", "-12.50",
 * "9,000,000"; thousands are grouped with commas unless `grouping` is false.
 */
export function formatMinor(minor: bigint, digits: number, opts: { grouping?: boolean } = {}): string {
  checkDigits(digits);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  let whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  if (opts.grouping ?? true) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/**
 * Minor units as a JS number for JSON output: the double nearest the exact decimal value, so it
 * prints as that decimal (1234567.8); exact while the amount stays within 15 significant digits.
 */
export function minorToNumber(minor: bigint, digits: number): number {
  return Number(formatMinor(minor, digits, { grouping: false }));
}
