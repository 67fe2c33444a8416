import { describe, expect, it } from 'vitest';
import { computeVariance } from '../../src/compute/variance.js';
import { renderVarianceJson } from '../../src/render/variance-json.js';
import { day, frameworkFrom } from './helpers.js';

const plan = (currency: string) => `plan: {id: p, title: P, start: 2028, end: 2028, currency: ${currency}}\n`;

describe('a plan in a currency without minor units (JPY)', () => {
  const fw = frameworkFrom({
    'plan.yaml': `${plan('JPY')}budget:
  rates: {USD: {2028: 151.235}}
  lines:
    - {id: L, title: Line, planned: {2028: 1000}}
progress:
  - {spend: L, date: 2028-01-01, amount: 10.01, currency: USD}
  - {spend: L, date: 2028-01-02, amount: 7}
`,
  });

  it('pro-rates, converts and projects in whole yen', () => {
    const r = computeVariance(fw, day('2028-01-01'), 'line', 'pro-rata');
    const l = r.rows[0];
    // planned to date 1000 × 1 / 366 = 2.73 → 3 yen;
    // actual USD 10.01 × 151.235 = 1513.86235 → 1514 yen (the 7 yen of 2 January is after D);
    // projected 1514 × 366 / 1 = 554124.
    expect(l?.plannedToDate).toBe(3n);
    expect(l?.actual).toBe(1514n);
    expect(l?.projected).toBe(554124n);
    expect(r.digits).toBe(0);
  });

  it('writes whole numbers in JSON', () => {
    const json = JSON.parse(renderVarianceJson(computeVariance(fw, day('2028-01-02'), 'line', 'pro-rata')));
    // to date 1000 × 2 / 366 = 5.46 → 5; actual 1514 + 7 = 1521; variance 5 − 1521 = −1516;
    // projected 1521 × 366 / 2 = 278343.
    expect(json.total).toEqual({
      plannedTotal: 1000,
      plannedToDate: 5,
      actual: 1521,
      variance: -1516,
      execution: 1521 / 5,
      remaining: -521,
      projected: 278343,
      originalPlannedTotal: 1000,
    });
  });
});

describe('a plan in a currency with three minor digits (BHD)', () => {
  const fw = frameworkFrom({
    'plan.yaml': `${plan('BHD')}budget:
  rates: {USD: {2028-06: 0.377}}
  lines:
    - {id: L, title: Line, planned: {2028: 1.5}}
progress:
  - {spend: L, date: 2028-06-30, amount: 0.05, currency: USD}
`,
  });

  it('keeps fils', () => {
    const r = computeVariance(fw, day('2028-06-30'), 'line', 'pro-rata');
    // planned 1.500 = 1500 fils; to date 1500 × 182 / 366 = 745.90 → 746 fils (2028-06-30 is day 182);
    // actual USD 0.05 × 0.377 = 0.01885 → 0.019 BHD = 19 fils.
    expect(r.rows[0]?.plannedToDate).toBe(746n);
    expect(r.rows[0]?.actual).toBe(19n);
    const json = JSON.parse(renderVarianceJson(r));
    expect(json.total.plannedToDate).toBe(0.746);
    expect(json.total.actual).toBe(0.019);
    expect(json.total.variance).toBe(0.727);
  });
});

describe('the half-cent conversion binary floating point gets wrong', () => {
  const fw = frameworkFrom({
    'plan.yaml': `${plan('USD')}budget:
  rates: {KRW: {2028: 0.00073}}
  lines:
    - {id: L, title: Line, planned: {2028: 100}}
    - {id: R, title: Refunded, planned: {2028: 100}}
progress:
  - {spend: L, date: 2028-05-01, amount: 103500, currency: KRW}
  - {spend: R, date: 2028-05-01, amount: -103500, currency: KRW}
`,
  });

  it('rounds 75.555 to 75.56 and −75.555 to −75.56 (half away from zero)', () => {
    const r = computeVariance(fw, day('2028-12-31'), 'line', 'pro-rata');
    // KRW 103500 × 0.00073 = 75.555 exactly, so half away from zero gives 75.56 and −75.56 (7556 cents).
    // Why this test matters: in binary floating point 103500 * 0.00073 is 75.55499999999999, which
    // would round to 75.55 (and −75.55). Only exact decimal arithmetic on the amount and the rate
    // produces 7556; a float conversion anywhere on the way would fail the assertions below.
    expect(r.rows.map((x) => x.actual)).toEqual([7556n, -7556n]);
    const json = JSON.parse(renderVarianceJson(r));
    expect(json.rows[0].actual).toBe(75.56);
    expect(json.rows[1].actual).toBe(-75.56);
    // The two cancel exactly in the total.
    expect(json.total.actual).toBe(0);
  });
});
