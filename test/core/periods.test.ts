import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInYear, parseDate, yearEnd, yearStart } from '../../src/core/dates.js';
import {
  comparePeriods,
  FREQUENCIES,
  type Frequency,
  firstPeriod,
  formatPeriod,
  isFrequency,
  lastPeriod,
  nextPeriod,
  type Period,
  parsePeriod,
  periodContaining,
  periodEnd,
  periodStart,
  periodsPerYear,
} from '../../src/core/periods.js';

const day = (s: string) => parseDate(s) as number;
const p = (s: string) => parsePeriod(s) as Period;

const anyPeriod: fc.Arbitrary<Period> = fc
  .tuple(fc.integer({ min: 0, max: 9998 }), fc.constantFrom(...FREQUENCIES), fc.integer({ min: 1, max: 12 }))
  .map(([year, frequency, i]) => ({ year, frequency, index: ((i - 1) % periodsPerYear(frequency)) + 1 }));

describe('parsePeriod', () => {
  it('reads the four forms', () => {
    expect(parsePeriod('2026')).toEqual({ year: 2026, frequency: 'annual', index: 1 });
    expect(parsePeriod(2026)).toEqual({ year: 2026, frequency: 'annual', index: 1 });
    expect(parsePeriod('2026-H1')).toEqual({ year: 2026, frequency: 'semiannual', index: 1 });
    expect(parsePeriod('2026-H2')).toEqual({ year: 2026, frequency: 'semiannual', index: 2 });
    expect(parsePeriod('2026-Q1')).toEqual({ year: 2026, frequency: 'quarterly', index: 1 });
    expect(parsePeriod('2026-Q4')).toEqual({ year: 2026, frequency: 'quarterly', index: 4 });
    expect(parsePeriod('2026-01')).toEqual({ year: 2026, frequency: 'monthly', index: 1 });
    expect(parsePeriod('2026-12')).toEqual({ year: 2026, frequency: 'monthly', index: 12 });
  });

  it.each<string | number>([
    '2026-H0',
    '2026-H3',
    '2026-Q0',
    '2026-Q5',
    '2026-00',
    '2026-13',
    '2026-7',
    '2026-q1', // letters are upper case, as the canonical form writes them
    '2026-h1',
    '2026-W01',
    '2026-01-01',
    '2026-',
    '26',
    '20260',
    ' 2026',
    '2026 ',
    'abcd',
    '',
    26, // a number must read as YYYY
    12_345,
    -2026,
    2026.5,
    Number.NaN,
  ])('rejects %j', (input) => {
    expect(parsePeriod(input)).toBeNull();
  });
});

describe('period arithmetic', () => {
  it('formats canonically', () => {
    expect(formatPeriod({ year: 2026, frequency: 'annual', index: 1 })).toBe('2026');
    expect(formatPeriod({ year: 2026, frequency: 'semiannual', index: 1 })).toBe('2026-H1');
    expect(formatPeriod({ year: 2026, frequency: 'quarterly', index: 3 })).toBe('2026-Q3');
    expect(formatPeriod({ year: 2026, frequency: 'monthly', index: 7 })).toBe('2026-07');
    expect(() => formatPeriod({ year: 2026, frequency: 'quarterly', index: 5 })).toThrow(RangeError);
  });

  it('gives first and last days', () => {
    expect(periodStart(p('2026'))).toBe(day('2026-01-01'));
    expect(periodEnd(p('2026'))).toBe(day('2026-12-31'));
    expect(periodStart(p('2026-H2'))).toBe(day('2026-07-01'));
    expect(periodEnd(p('2026-H1'))).toBe(day('2026-06-30'));
    expect(periodStart(p('2026-Q3'))).toBe(day('2026-07-01'));
    expect(periodEnd(p('2026-Q3'))).toBe(day('2026-09-30'));
    expect(periodEnd(p('2026-02'))).toBe(day('2026-02-28'));
    expect(periodEnd(p('2024-02'))).toBe(day('2024-02-29'));
  });

  it('has the hand-counted lengths', () => {
    const length = (s: string) => periodEnd(p(s)) - periodStart(p(s)) + 1;
    // 2026-Q1: 31 + 28 + 31 = 90 days; 2024-Q1 (leap): 31 + 29 + 31 = 91.
    expect(length('2026-Q1')).toBe(90);
    expect(length('2024-Q1')).toBe(91);
    // 2026-H2: 31 + 31 + 30 + 31 + 30 + 31 = 184 days.
    expect(length('2026-H2')).toBe(184);
    expect(length('2028')).toBe(366);
    // Day numbers: 2026-01-01 is 20454, so 2026-Q1 ends on 20454 + 90 − 1 = 20543.
    expect(periodEnd(p('2026-Q1'))).toBe(20_543);
  });

  it('steps to the next period, across years', () => {
    expect(formatPeriod(nextPeriod(p('2026-Q3')))).toBe('2026-Q4');
    expect(formatPeriod(nextPeriod(p('2026-Q4')))).toBe('2027-Q1');
    expect(formatPeriod(nextPeriod(p('2026-12')))).toBe('2027-01');
    expect(formatPeriod(nextPeriod(p('2026-H2')))).toBe('2027-H1');
    expect(formatPeriod(nextPeriod(p('2030')))).toBe('2031');
  });

  it('gives first, last and containing periods', () => {
    expect(formatPeriod(firstPeriod(2026, 'quarterly'))).toBe('2026-Q1');
    expect(formatPeriod(lastPeriod(2026, 'monthly'))).toBe('2026-12');
    expect(formatPeriod(periodContaining(day('2026-05-12'), 'quarterly'))).toBe('2026-Q2');
    expect(formatPeriod(periodContaining(day('2026-07-01'), 'semiannual'))).toBe('2026-H2');
    expect(formatPeriod(periodContaining(day('2026-06-30'), 'monthly'))).toBe('2026-06');
  });

  it('counts periods per year', () => {
    expect(FREQUENCIES.map(periodsPerYear)).toEqual([1, 2, 4, 12]);
    expect(isFrequency('quarterly')).toBe(true);
    expect(isFrequency('weekly')).toBe(false);
    expect(isFrequency('toString')).toBe(false);
  });

  it('orders by end day, the longer period first on a tie', () => {
    const sorted = ['2027-Q1', '2026-12', '2026', '2026-Q3', '2026-Q4', '2026-H2', '2026-01']
      .map(p)
      .sort(comparePeriods)
      .map(formatPeriod);
    expect(sorted).toEqual(['2026-01', '2026-Q3', '2026', '2026-H2', '2026-Q4', '2026-12', '2027-Q1']);
    expect(comparePeriods(p('2026-Q2'), p('2026-Q2'))).toBe(0);
    expect(comparePeriods(p('2026-Q3'), p('2026'))).toBeLessThan(0);
  });
});

describe('period properties', () => {
  it('property: periodEnd(p) + 1 === periodStart(nextPeriod(p))', () => {
    fc.assert(
      fc.property(anyPeriod, (period) => {
        expect(periodEnd(period) + 1).toBe(periodStart(nextPeriod(period)));
      }),
    );
  });

  it('property: parsePeriod(formatPeriod(p)) is p', () => {
    fc.assert(
      fc.property(anyPeriod, (period) => {
        expect(parsePeriod(formatPeriod(period))).toEqual(period);
      }),
    );
  });

  it("property: a year's periods tile it exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom<Frequency>(...FREQUENCIES),
        (year, f) => {
          const first = firstPeriod(year, f);
          const last = lastPeriod(year, f);
          expect(periodStart(first)).toBe(yearStart(year));
          expect(periodEnd(last)).toBe(yearEnd(year));
          let total = 0;
          for (let q: Period = first; q.year === year; q = nextPeriod(q))
            total += periodEnd(q) - periodStart(q) + 1;
          expect(total).toBe(daysInYear(year));
        },
      ),
    );
  });

  it('property: a period contains its first and last days', () => {
    fc.assert(
      fc.property(anyPeriod, (period) => {
        expect(periodContaining(periodStart(period), period.frequency)).toEqual(period);
        expect(periodContaining(periodEnd(period), period.frequency)).toEqual(period);
      }),
    );
  });

  it('property: comparePeriods is antisymmetric and zero only for equal periods', () => {
    fc.assert(
      fc.property(anyPeriod, anyPeriod, (a, b) => {
        const ab = comparePeriods(a, b);
        // Adding the signs rather than negating one: -Math.sign(0) is -0, which toBe tells from 0.
        expect(Math.sign(ab) + Math.sign(comparePeriods(b, a))).toBe(0);
        expect(ab === 0).toBe(formatPeriod(a) === formatPeriod(b));
      }),
    );
  });
});
