import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civil,
  dayFromCivil,
  dayOfYear,
  daysInMonth,
  daysInYear,
  formatDate,
  isLeapYear,
  isValidCivil,
  parseDate,
  yearEnd,
  yearStart,
} from '../../src/core/dates.js';

// Every day number in the years 0000–9999, the range formatDate can write.
const FIRST = dayFromCivil(0, 1, 1);
const LAST = dayFromCivil(9999, 12, 31);
const anyDay = fc.integer({ min: FIRST, max: LAST });

// An independent oracle: the UTC calendar of Date (UTC only, so no time zone enters).
function utcDay(y: number, m: number, d: number): number {
  return new Date(0).setUTCFullYear(y, m - 1, d) / 86_400_000;
}

describe('dayFromCivil / civil', () => {
  it('counts from 1970-01-01', () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(dayFromCivil(1970, 1, 2)).toBe(1);
    expect(dayFromCivil(1969, 12, 31)).toBe(-1);
  });

  it('matches hand-counted days', () => {
    // 1970..1999 is 30 years with 7 leap years (1972, 76, 80, 84, 88, 92, 96): 30×365 + 7 = 10957.
    expect(dayFromCivil(2000, 1, 1)).toBe(10_957);
    // 2000 is a leap year (divisible by 400): + 31 (Jan) + 29 (Feb) = 11017.
    expect(dayFromCivil(2000, 3, 1)).toBe(11_017);
    // 1970..2025 is 56 years; leap years 1972..2024 step 4 = (2024−1972)/4 + 1 = 14: 56×365 + 14 = 20454.
    expect(dayFromCivil(2026, 1, 1)).toBe(20_454);
    // 2026 is common: 31 Dec is day 365, so 20454 + 364 = 20818.
    expect(dayFromCivil(2026, 12, 31)).toBe(20_818);
    // 2024-01-01 = 20454 − 365 (2025) − 366 (2024) = 19723; + 31 + 28 = 19782 for 29 Feb.
    expect(dayFromCivil(2024, 2, 29)).toBe(19_782);
    // The algorithm's own epoch: 0000-03-01 is 719468 days before 1970-01-01.
    expect(dayFromCivil(0, 3, 1)).toBe(-719_468);
  });

  it('inverts', () => {
    expect(civil(0)).toEqual({ y: 1970, m: 1, d: 1 });
    expect(civil(19_782)).toEqual({ y: 2024, m: 2, d: 29 });
    expect(civil(-719_468)).toEqual({ y: 0, m: 3, d: 1 });
    expect(civil(-719_469)).toEqual({ y: 0, m: 2, d: 29 }); // year 0 is a leap year
  });

  it('property: civil and dayFromCivil are inverse', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const { y, m, d } = civil(day);
        expect(isValidCivil(y, m, d)).toBe(true);
        expect(dayFromCivil(y, m, d)).toBe(day);
      }),
    );
  });

  it('property: agrees with the UTC calendar', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        const { y, m, d } = civil(day);
        expect(utcDay(y, m, d)).toBe(day);
      }),
    );
  });

  it('property: the next day is the next calendar date', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST - 1 }), (day) => {
        const a = civil(day);
        const b = civil(day + 1);
        if (a.d < daysInMonth(a.y, a.m)) expect(b).toEqual({ y: a.y, m: a.m, d: a.d + 1 });
        else if (a.m < 12) expect(b).toEqual({ y: a.y, m: a.m + 1, d: 1 });
        else expect(b).toEqual({ y: a.y + 1, m: 1, d: 1 });
      }),
    );
  });
});

describe('leap years and lengths', () => {
  it('follows the Gregorian rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2026)).toBe(false);
    expect(isLeapYear(1900)).toBe(false); // divisible by 100, not by 400
    expect(isLeapYear(2000)).toBe(true); // divisible by 400
    expect(daysInYear(2028)).toBe(366);
    expect(daysInYear(2030)).toBe(365);
  });

  it('gives month lengths', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(() => daysInMonth(2026, 13)).toThrow(RangeError);
    expect(() => daysInMonth(2026, 0)).toThrow(RangeError);
  });

  it('gives year bounds', () => {
    expect(yearStart(2026)).toBe(20_454);
    expect(yearEnd(2026)).toBe(20_818);
    expect(yearEnd(2024) - yearStart(2024) + 1).toBe(366);
    expect(yearEnd(2025) + 1).toBe(yearStart(2026));
  });

  it('gives the day of the year', () => {
    expect(dayOfYear(parseDate('2026-01-01') as number)).toBe(1);
    // 2026-05-12: 31 + 28 + 31 + 30 + 12 = 132.
    expect(dayOfYear(parseDate('2026-05-12') as number)).toBe(132);
    expect(dayOfYear(parseDate('2024-12-31') as number)).toBe(366);
  });

  it('property: a year has daysInYear days and twelve months that add up to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (y) => {
        expect(yearEnd(y) - yearStart(y) + 1).toBe(daysInYear(y));
        let sum = 0;
        for (let m = 1; m <= 12; m++) sum += daysInMonth(y, m);
        expect(sum).toBe(daysInYear(y));
      }),
    );
  });
});

describe('parseDate / formatDate', () => {
  it('parses real dates', () => {
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2026-12-31')).toBe(20_818);
    expect(parseDate('2024-02-29')).toBe(19_782);
    expect(parseDate('2000-02-29')).toBe(dayFromCivil(2000, 2, 29));
  });

  it.each([
    '2027-02-30', // February never has 30 days
    '2026-02-29', // 2026 is not a leap year
    '1900-02-29', // 1900 is not a leap year
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '26-01-01',
    '02026-01-01',
    '2026-01-01T00:00',
    '2026-01-01\n',
    ' 2026-01-01',
    '2026/01/01',
    '20260101',
    '+2026-01-01',
    '２０２６-01-01', // full-width digits are not ASCII digits
    '',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('formats', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(19_782)).toBe('2024-02-29');
    expect(formatDate(dayFromCivil(5, 3, 7))).toBe('0005-03-07');
    expect(() => formatDate(dayFromCivil(10_000, 1, 1))).toThrow(RangeError);
    expect(() => formatDate(1.5)).toThrow(RangeError);
  });

  it('property: formatDate and parseDate round-trip', () => {
    fc.assert(
      fc.property(anyDay, (day) => {
        expect(parseDate(formatDate(day))).toBe(day);
      }),
    );
  });

  it('property: every well-formed text parses iff the date is real, and then round-trips', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), (y, m, d) => {
        const text = `${y}-${m}-${d}`;
        const day = parseDate(text);
        expect(day !== null).toBe(isValidCivil(Number(y), Number(m), Number(d)));
        if (day !== null) expect(formatDate(day)).toBe(text);
      }),
    );
  });
});
