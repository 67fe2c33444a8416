// Reporting periods: a year cut into 1, 2, 4 or 12 equal runs of whole months.
import { civil, type Day, dayFromCivil, daysInMonth } from './dates.js';

/** How often an indicator is reported. */
export type Frequency = 'annual' | 'semiannual' | 'quarterly' | 'monthly';

/** One reporting period: the `index`-th (1-based) period of `year` at `frequency`. */
export interface Period {
  year: number;
  frequency: Frequency;
  index: number;
}

/** Every frequency, longest period first. */
export const FREQUENCIES: readonly Frequency[] = ['annual', 'semiannual', 'quarterly', 'monthly'];

const PER_YEAR: Record<Frequency, number> = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 };

/** Number of periods in a year at frequency `f` (1, 2, 4 or 12). */
export function periodsPerYear(f: Frequency): number {
  return PER_YEAR[f];
}

/** True when `value` is one of the four frequency names. */
export function isFrequency(value: unknown): value is Frequency {
  return typeof value === 'string' && Object.hasOwn(PER_YEAR, value);
}

const YEAR_RE = /^\d{4}$/;
const PERIOD_RE = /^(\d{4})-(?:H([12])|Q([1-4])|(0[1-9]|1[0-2]))$/;

/**
 * Parses `YYYY` (or the number 2026, as YAML reads it), `YYYY-H1|H2`, `YYYY-Q1..Q4` or `YYYY-MM`;
 * null otherwise. Letters must be upper case: the written form is canonical and round-trips.
 */
export function parsePeriod(s: string | number): Period | null {
  if (typeof s === 'number') {
    // Only a number that reads as four digits, so `period: 26` is not silently the year 26.
    return Number.isInteger(s) && YEAR_RE.test(String(s)) ? annual(s) : null;
  }
  if (typeof s !== 'string') return null;
  if (YEAR_RE.test(s)) return annual(Number(s));
  const match = PERIOD_RE.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) return { year, frequency: 'semiannual', index: Number(match[2]) };
  if (match[3] !== undefined) return { year, frequency: 'quarterly', index: Number(match[3]) };
  return { year, frequency: 'monthly', index: Number(match[4]) };
}

function annual(year: number): Period {
  return { year, frequency: 'annual', index: 1 };
}

function check(p: Period): void {
  if (!isFrequency(p.frequency)) throw new RangeError(`unknown frequency: ${String(p.frequency)}`);
  if (!Number.isInteger(p.index) || p.index < 1 || p.index > PER_YEAR[p.frequency]) {
    throw new RangeError(`period index out of range: ${p.frequency} ${p.index}`);
  }
}

/** Canonical text of a period: `2026`, `2026-H1`, `2026-Q3`, `2026-07`. */
export function formatPeriod(p: Period): string {
  check(p);
  const year = String(p.year).padStart(4, '0');
  switch (p.frequency) {
    case 'annual':
      return year;
    case 'semiannual':
      return `${year}-H${p.index}`;
    case 'quarterly':
      return `${year}-Q${p.index}`;
    case 'monthly':
      return `${year}-${String(p.index).padStart(2, '0')}`;
  }
}

/** First day of the period. */
export function periodStart(p: Period): Day {
  check(p);
  const months = 12 / PER_YEAR[p.frequency];
  return dayFromCivil(p.year, (p.index - 1) * months + 1, 1);
}

/** Last day of the period (inclusive). */
export function periodEnd(p: Period): Day {
  check(p);
  const lastMonth = p.index * (12 / PER_YEAR[p.frequency]);
  return dayFromCivil(p.year, lastMonth, daysInMonth(p.year, lastMonth));
}

/** The period that follows `p` at the same frequency (rolling over into the next year). */
export function nextPeriod(p: Period): Period {
  check(p);
  return p.index < PER_YEAR[p.frequency]
    ? { year: p.year, frequency: p.frequency, index: p.index + 1 }
    : { year: p.year + 1, frequency: p.frequency, index: 1 };
}

/** The first period of `year` at frequency `frequency`. */
export function firstPeriod(year: number, frequency: Frequency): Period {
  return { year, frequency, index: 1 };
}

/** The last period of `year` at frequency `frequency`. */
export function lastPeriod(year: number, frequency: Frequency): Period {
  return { year, frequency, index: PER_YEAR[frequency] };
}

/** The period at frequency `frequency` that contains `day`. */
export function periodContaining(day: Day, frequency: Frequency): Period {
  const { y, m } = civil(day);
  const months = 12 / PER_YEAR[frequency];
  return { year: y, frequency, index: Math.floor((m - 1) / months) + 1 };
}

/**
 * Orders periods by end day; equal ends (2026, 2026-H2, 2026-Q4, 2026-12) fall back to the start
 * day, so the longer period sorts first and only identical periods compare equal.
 */
export function comparePeriods(a: Period, b: Period): number {
  return periodEnd(a) - periodEnd(b) || periodStart(a) - periodStart(b);
}
