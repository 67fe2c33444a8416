// Calendar dates as integer day numbers. Time zones never enter: a ledger date is a civil date,
// and all arithmetic is integer arithmetic on the proleptic Gregorian calendar (no `Date`).

/** A calendar date as the number of days since 1970-01-01 (proleptic Gregorian; negative before). */
export type Day = number;

/** A civil (year, month 1–12, day 1–31) triple. */
export interface Civil {
  y: number;
  m: number;
  d: number;
}

const DAYS_PER_ERA = 146097; // 400 Gregorian years
const EPOCH_SHIFT = 719468; // days from 0000-03-01 to 1970-01-01

/** True when `y` is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in year `y` (365 or 366). */
export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Number of days in month `m` (1–12) of year `y`; throws RangeError for another month. */
export function daysInMonth(y: number, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`month out of range: ${m}`);
  return m === 2 && isLeapYear(y) ? 29 : (MONTH_DAYS[m - 1] as number);
}

/** True when (y, m, d) names a real calendar date. */
export function isValidCivil(y: number, m: number, d: number): boolean {
  return (
    Number.isSafeInteger(y) &&
    Number.isInteger(m) &&
    m >= 1 &&
    m <= 12 &&
    Number.isInteger(d) &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Day number of the civil date (y, m, d) — Howard Hinnant's days_from_civil; inputs are not validated. */
export function dayFromCivil(y: number, m: number, d: number): Day {
  // Count years from March so the leap day falls at the end of the counted year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400; // [0, 399]
  const doy = Math.trunc((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1; // [0, 365]
  const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy; // [0, 146096]
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Civil date of a day number — Howard Hinnant's civil_from_days. */
export function civil(day: Day): Civil {
  const z = day + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA; // [0, 146096]
  const yoe = Math.trunc(
    (doe - Math.trunc(doe / 1460) + Math.trunc(doe / 36524) - Math.trunc(doe / 146096)) / 365,
  ); // [0, 399]
  const doy = doe - (365 * yoe + Math.trunc(yoe / 4) - Math.trunc(yoe / 100)); // [0, 365]
  const mp = Math.trunc((5 * doy + 2) / 153); // [0, 11], March = 0
  const d = doy - Math.trunc((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` calendar date; null for any other text or an impossible date. */
export function parseDate(s: string): Day | null {
  if (typeof s !== 'string') return null;
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return isValidCivil(y, m, d) ? dayFromCivil(y, m, d) : null;
}

/** Formats a day number as `YYYY-MM-DD`; throws RangeError outside years 0000–9999, which it cannot write. */
export function formatDate(day: Day): string {
  if (!Number.isSafeInteger(day)) throw new RangeError(`not a day number: ${day}`);
  const { y, m, d } = civil(day);
  if (y < 0 || y > 9999) throw new RangeError(`year out of range: ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number of 1 January of year `y`. */
export function yearStart(y: number): Day {
  return dayFromCivil(y, 1, 1);
}

/** Day number of 31 December of year `y`. */
export function yearEnd(y: number): Day {
  return dayFromCivil(y, 12, 31);
}

/** 1-based position of `day` within its year (1 January is 1, 31 December is 365 or 366). */
export function dayOfYear(day: Day): number {
  return day - yearStart(civil(day).y) + 1;
}
