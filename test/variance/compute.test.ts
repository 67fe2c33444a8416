import { describe, expect, it } from 'vitest';
import { computeVariance, elapsedDays, plannedToDateOf, projectedOf } from '../../src/compute/variance.js';
import type { VarianceFigures, VarianceReport, VarianceRow } from '../../src/model/reports.js';
import { day, loadFixture } from './helpers.js';

// Fixture `basic`: plan 2027–2028 in USD (2028 is a leap year: 366 days; the plan has 365 + 366 = 731
// days). Lines (cents):
//   L1 result AP.O1.1 (programme AP via its parent), source CORE, meetings: 2027 100000, 2028 366000
//   L2 result NB.O1, source ROK, studies: 2027 50000, 2028 10001
//   L3 no result, no source, staff: 2027 20000 (nothing planned in 2028)
//   L4 no result, source CORE, no category: 2028 1000 (nothing planned in 2027)
// Spending:
//   L1 2027-06-30 +800.00; 2028-02-29 +1000.00; 2028-03-15 KRW 50000 at the March rate 0.0008 = 40.00;
//      2028-03-20 −200.00 (a refund)
//   L2 2027-12-31 +600.00; 2028-04-10 KRW 103500 at the 2028 rate 0.00073 = 75.555 → 75.56; 2028-12-31 +40.00
//   L3 2027-03-01 +150.00; 2028-05-05 +25.00
const fw = loadFixture('basic');

const row = (r: VarianceReport, key: string): VarianceRow => {
  const found = r.rows.find((x) => x.key === key);
  if (!found) throw new Error(`no row ${key} in ${r.rows.map((x) => x.key).join(',')}`);
  return found;
};

/** The money of figures as cents, for compact expectations. */
const money = (f: VarianceFigures) => ({
  plannedTotal: f.plannedTotal,
  plannedToDate: f.plannedToDate,
  actual: f.actual,
  variance: f.variance,
  remaining: f.remaining,
  projected: f.projected,
});

describe('planned to date', () => {
  it('is the whole of earlier years, nothing of later years, and D’s year pro rata including D', () => {
    // 2028-03-31 is day 31 + 29 + 31 = 91 of 366.
    expect(plannedToDateOf(366000n, 2027, day('2028-03-31'), 'pro-rata')).toBe(366000n);
    expect(plannedToDateOf(366000n, 2029, day('2028-03-31'), 'pro-rata')).toBe(0n);
    // 366000 × 91 / 366 = 91000 exactly.
    expect(plannedToDateOf(366000n, 2028, day('2028-03-31'), 'pro-rata')).toBe(91000n);
    // basis year: the whole of D's year.
    expect(plannedToDateOf(366000n, 2028, day('2028-03-31'), 'year')).toBe(366000n);
  });

  it('counts the leap day: 29 February 2028 is day 60 of 366', () => {
    // 366000 × 60 / 366 = 60000; 10001 × 60 / 366 = 1639.51 → 1640; 1000 × 60 / 366 = 163.93 → 164.
    expect(plannedToDateOf(366000n, 2028, day('2028-02-29'), 'pro-rata')).toBe(60000n);
    expect(plannedToDateOf(10001n, 2028, day('2028-02-29'), 'pro-rata')).toBe(1640n);
    expect(plannedToDateOf(1000n, 2028, day('2028-02-29'), 'pro-rata')).toBe(164n);
    // 31 December is day 366 of 366: all of it.
    expect(plannedToDateOf(10001n, 2028, day('2028-12-31'), 'pro-rata')).toBe(10001n);
  });

  it('rounds half away from zero', () => {
    // 1 cent × 183 / 366 = 0.5 → 1; −1 × 183 / 366 = −0.5 → −1 (2028-07-01 is day 183).
    expect(plannedToDateOf(1n, 2028, day('2028-07-01'), 'pro-rata')).toBe(1n);
    expect(plannedToDateOf(-1n, 2028, day('2028-07-01'), 'pro-rata')).toBe(-1n);
  });
});

describe('projection helpers', () => {
  it('clamps elapsed days to the span', () => {
    const from = day('2027-01-01');
    const to = day('2028-12-31');
    expect(elapsedDays(from, to, day('2026-12-31'))).toBe(0);
    expect(elapsedDays(from, to, day('2027-01-01'))).toBe(1);
    expect(elapsedDays(from, to, day('2028-03-31'))).toBe(365 + 91);
    expect(elapsedDays(from, to, day('2031-05-05'))).toBe(731);
  });

  it('projects actual × total / elapsed, rounded, and null before the start', () => {
    // 164000 × 731 / 456 = 262903.51 → 262904.
    expect(projectedOf(164000n, 456, 731)).toBe(262904n);
    // −1 × 2 / 4 = −0.5 → −1.
    expect(projectedOf(-1n, 4, 2)).toBe(-1n);
    expect(projectedOf(100n, 0, 731)).toBeNull();
  });
});

describe('by line, as of 2028-03-31 (pro rata, leap year)', () => {
  const r = computeVariance(fw, day('2028-03-31'), 'line', 'pro-rata');
  // Elapsed: 365 + 91 = 456 of 731 plan days.

  it('has one row per line in declaration order, with the report header', () => {
    expect(r.rows.map((x) => x.key)).toEqual(['L1', 'L2', 'L3', 'L4']);
    expect(r.rows.map((x) => x.title)).toEqual([
      'Science committee',
      'Habitat survey',
      'Secretariat support',
      'Outreach',
    ]);
    expect([r.asOf, r.currency, r.digits, r.by, r.basis]).toEqual([
      '2028-03-31',
      'USD',
      2,
      'line',
      'pro-rata',
    ]);
  });

  it('L1: a month rate and a refund', () => {
    // planned total 100000 + 366000 = 466000; to date 100000 + 91000 = 191000;
    // actual 80000 + 100000 + 4000 (KRW 50000 × 0.0008 = 40.00, the March rate, not 36.50 at the year's)
    //        − 20000 = 164000;
    // variance 191000 − 164000 = 27000; remaining 466000 − 164000 = 302000;
    // projected 164000 × 731 / 456 = 262903.51 → 262904; execution 164000 / 191000.
    expect(money(row(r, 'L1'))).toEqual({
      plannedTotal: 466000n,
      plannedToDate: 191000n,
      actual: 164000n,
      variance: 27000n,
      remaining: 302000n,
      projected: 262904n,
    });
    expect(row(r, 'L1').execution).toBe(164000 / 191000);
  });

  it('L2: over-spent; the April KRW entry lies after D', () => {
    // to date 50000 + 10001 × 91 / 366 (= 2486.56 → 2487) = 52487; actual 60000 (2028-04-10 is after D);
    // variance 52487 − 60000 = −7513; remaining 60001 − 60000 = 1;
    // projected 60000 × 731 / 456 = 96184.21 → 96184.
    expect(money(row(r, 'L2'))).toEqual({
      plannedTotal: 60001n,
      plannedToDate: 52487n,
      actual: 60000n,
      variance: -7513n,
      remaining: 1n,
      projected: 96184n,
    });
    expect(row(r, 'L2').execution).toBe(60000 / 52487);
  });

  it('L4: nothing spent yet', () => {
    // to date 1000 × 91 / 366 = 248.63 → 249; projected 0 × … = 0.
    expect(money(row(r, 'L4'))).toEqual({
      plannedTotal: 1000n,
      plannedToDate: 249n,
      actual: 0n,
      variance: 249n,
      remaining: 1000n,
      projected: 0n,
    });
    expect(row(r, 'L4').execution).toBe(0);
  });

  it('the total adds the rows; execution and projection come from the total’s own figures', () => {
    // planned total 466000 + 60001 + 20000 + 1000 = 547001; to date 191000 + 52487 + 20000 + 249 = 263736;
    // actual 164000 + 60000 + 15000 + 0 = 239000; projected 239000 × 731 / 456 = 383133.77 → 383134.
    expect(money(r.total)).toEqual({
      plannedTotal: 547001n,
      plannedToDate: 263736n,
      actual: 239000n,
      variance: 24736n,
      remaining: 308001n,
      projected: 383134n,
    });
    expect(r.total.execution).toBe(239000 / 263736);
  });
});

describe('as of the leap day 2028-02-29', () => {
  const r = computeVariance(fw, day('2028-02-29'), 'line', 'pro-rata');
  it('counts spending dated D itself and pro-rates day 60 of 366', () => {
    // L1: to date 100000 + 60000 = 160000; actual 80000 + 100000 (dated D) = 180000; variance −20000;
    // execution 180000 / 160000 = 1.125; projected 180000 × 731 / (365 + 60) = 309600 exactly.
    expect(money(row(r, 'L1'))).toEqual({
      plannedTotal: 466000n,
      plannedToDate: 160000n,
      actual: 180000n,
      variance: -20000n,
      remaining: 286000n,
      projected: 309600n,
    });
    expect(row(r, 'L1').execution).toBe(1.125);
  });
});

describe('foreign currency: month rate before year rate, and the refund', () => {
  it('as of 2028-03-15 the KRW entry counts at the March rate (40.00), the refund not yet', () => {
    const r = computeVariance(fw, day('2028-03-15'), 'line', 'pro-rata');
    // 80000 + 100000 + 50000 × 0.0008 × 100 (= 4000) = 184000.
    expect(row(r, 'L1').actual).toBe(184000n);
  });

  it('as of 2028-03-20 the refund takes 200.00 off', () => {
    const r = computeVariance(fw, day('2028-03-20'), 'line', 'pro-rata');
    expect(row(r, 'L1').actual).toBe(164000n);
  });

  it('as of 2028-12-31 the KRW entry at the year rate is 75.56, not binary floating point’s 75.55', () => {
    const r = computeVariance(fw, day('2028-12-31'), 'line', 'pro-rata');
    // KRW 103500 × 0.00073 = 75.555 exactly → 75.56 (half away from zero);
    // L2 actual 60000 + 7556 + 4000 = 71556.
    expect(row(r, 'L2').actual).toBe(71556n);
    // This matters because binary floating point gets it wrong: 103500 * 0.00073 evaluates to
    // 75.55499999999999, which rounds to 75.55 — so 71556 shows the exact decimal arithmetic.
  });
});

describe('a line with nothing planned in D’s year', () => {
  it('L3 (planned only 2027) keeps its 2027 money as planned to date in 2028 and counts 2028 spending', () => {
    const r = computeVariance(fw, day('2028-06-30'), 'line', 'pro-rata');
    // to date 20000 (all of 2027) + 0; actual 15000 + 2500 = 17500; execution 17500 / 20000 = 0.875;
    // elapsed 365 + 182 = 547 (2028-06-30 is day 182); projected 17500 × 731 / 547 = 23386.65 → 23387.
    expect(money(row(r, 'L3'))).toEqual({
      plannedTotal: 20000n,
      plannedToDate: 20000n,
      actual: 17500n,
      variance: 2500n,
      remaining: 2500n,
      projected: 23387n,
    });
    expect(row(r, 'L3').execution).toBe(0.875);
  });

  it('L4 (planned only 2028) has nothing planned to date in 2027: execution is null', () => {
    const r = computeVariance(fw, day('2027-07-01'), 'line', 'pro-rata');
    expect(row(r, 'L4').plannedToDate).toBe(0n);
    expect(row(r, 'L4').execution).toBeNull();
    expect(row(r, 'L4').projected).toBe(0n);
  });
});

describe('as of a date before the plan', () => {
  const r = computeVariance(fw, day('2026-12-31'), 'line', 'pro-rata');
  it('plans and spends nothing to date; execution and projection are null', () => {
    for (const x of [...r.rows, r.total]) {
      expect(x.plannedToDate).toBe(0n);
      expect(x.actual).toBe(0n);
      expect(x.execution).toBeNull();
      expect(x.projected).toBeNull();
      expect(x.remaining).toBe(x.plannedTotal);
    }
    expect(r.total.plannedTotal).toBe(547001n);
  });

  it('by year, the plan years still have rows, with projected null', () => {
    const y = computeVariance(fw, day('2026-12-31'), 'year', 'pro-rata');
    expect(y.rows.map((x) => [x.key, x.plannedTotal, x.projected])).toEqual([
      ['2027', 170000n, null],
      ['2028', 377001n, null],
    ]);
  });
});

describe('as of a date after the plan', () => {
  const r = computeVariance(fw, day('2029-06-30'), 'line', 'pro-rata');
  it('plans the whole total to date and projects exactly the actual', () => {
    // actual: L1 164000, L2 71556, L3 17500, L4 0 → 253056. All 731 days have elapsed.
    expect(money(r.total)).toEqual({
      plannedTotal: 547001n,
      plannedToDate: 547001n,
      actual: 253056n,
      variance: 293945n,
      remaining: 293945n,
      projected: 253056n,
    });
    for (const x of r.rows) expect(x.plannedToDate).toBe(x.plannedTotal);
  });
});

describe('--basis year', () => {
  it('takes the whole of D’s year', () => {
    const r = computeVariance(fw, day('2028-03-31'), 'line', 'year');
    // L1 100000 + 366000; L2 50000 + 10001; L3 20000; L4 1000; total 547001.
    expect(r.rows.map((x) => x.plannedToDate)).toEqual([466000n, 60001n, 20000n, 1000n]);
    expect(r.total.plannedToDate).toBe(547001n);
    expect(r.basis).toBe('year');
  });
});

describe('roll-ups, as of 2028-03-31', () => {
  const asOf = day('2028-03-31');

  it('by result: declaration order, lines without a result under "-" last', () => {
    const r = computeVariance(fw, asOf, 'result', 'pro-rata');
    // AP.O1 has no line of its own, so no row. "-" = L3 + L4: 20000 + 1000; 20000 + 249; 15000 + 0.
    expect(r.rows.map((x) => [x.key, x.title])).toEqual([
      ['AP.O1.1', 'Policy reports'],
      ['NB.O1', 'Protected habitats'],
      ['-', '(no result)'],
    ]);
    expect(money(row(r, '-'))).toEqual({
      plannedTotal: 21000n,
      plannedToDate: 20249n,
      actual: 15000n,
      variance: 5249n,
      remaining: 6000n,
      // 15000 × 731 / 456 = 24046.05 → 24046
      projected: 24046n,
    });
  });

  it('by programme: an output reaches its programme through its parent', () => {
    const r = computeVariance(fw, asOf, 'programme', 'pro-rata');
    expect(r.rows.map((x) => [x.key, x.title, x.plannedToDate])).toEqual([
      ['AP', 'Air pollution', 191000n],
      ['NB', 'Nature and biodiversity', 52487n],
      ['-', '(no programme)', 20249n],
    ]);
  });

  it('by source', () => {
    const r = computeVariance(fw, asOf, 'source', 'pro-rata');
    // CORE = L1 + L4: 466000 + 1000; 191000 + 249; 164000.
    expect(r.rows.map((x) => [x.key, x.title, x.plannedTotal, x.plannedToDate, x.actual])).toEqual([
      ['CORE', 'Core Fund', 467000n, 191249n, 164000n],
      ['ROK', 'Korea contribution', 60001n, 52487n, 60000n],
      ['-', '(no source)', 20000n, 20000n, 15000n],
    ]);
  });

  it('by category: alphabetical, "-" last', () => {
    const r = computeVariance(fw, asOf, 'category', 'pro-rata');
    expect(r.rows.map((x) => [x.key, x.title, x.actual])).toEqual([
      ['meetings', 'meetings', 164000n],
      ['staff', 'staff', 15000n],
      ['studies', 'studies', 60000n],
      ['-', '(no category)', 0n],
    ]);
  });

  it('by year: each year’s money, projected on the plan’s fraction of days like every roll-up', () => {
    const r = computeVariance(fw, asOf, 'year', 'pro-rata');
    // The plan (2027–2028) has 365 + 366 = 731 days; through 2028-03-31, 365 + 91 = 456 have elapsed.
    // projected = actual / (456/731) = actual × 731 / 456, for year rows as for any other roll-up.
    // 2027: planned 100000 + 50000 + 20000 = 170000, all to date; actual 80000 + 60000 + 15000 = 155000;
    //       projected 155000 × 731 / 456 = 113305000 / 456 = 248475 + 400/456 (= 248475.877…) → 248476.
    // 2028: planned 366000 + 10001 + 1000 = 377001; to date 91000 + 2487 + 249 = 93736;
    //       actual 100000 + 4000 − 20000 = 84000;
    //       projected 84000 × 731 / 456 = 61404000 / 456 = 134657 + 408/456 (= 134657.894…) → 134658.
    // (On the year's own days 2027 would have given 155000 and 2028 84000 × 366 / 91 = 337846.)
    expect(r.rows.map(money)).toEqual([
      {
        plannedTotal: 170000n,
        plannedToDate: 170000n,
        actual: 155000n,
        variance: 15000n,
        remaining: 15000n,
        projected: 248476n,
      },
      {
        plannedTotal: 377001n,
        plannedToDate: 93736n,
        actual: 84000n,
        variance: 9736n,
        remaining: 293001n,
        projected: 134658n,
      },
    ]);
    expect(r.rows.map((x) => [x.key, x.title])).toEqual([
      ['2027', '2027'],
      ['2028', '2028'],
    ]);
    // The total is the same as by line (the plan's own projection, not the sum of the years').
    expect(money(r.total)).toEqual(money(computeVariance(fw, asOf, 'line', 'pro-rata').total));
  });
});
