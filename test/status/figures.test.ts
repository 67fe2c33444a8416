import { describe, expect, it } from 'vitest';
import { computeStatus } from '../../src/compute/status.js';
import { interpolate, targetCurve } from '../../src/compute/status-trace.js';
import { day, framework } from './helpers.js';

/** Every figure below is worked out by hand from DESIGN.md "Figures → Indicators"; the arithmetic is in the comments. */

const one = (fw: ReturnType<typeof framework>, asOf: string, id?: string) => {
  const r = computeStatus(fw, day(asOf));
  const s = id ? r.indicators.find((i) => i.id === id) : r.indicators[0];
  if (!s) throw new Error('indicator missing');
  return s;
};

describe('level indicators, increase', () => {
  const fw = framework(
    `  - {id: L1, result: AP.O1, title: Level, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 20}, targets: {2026: 30, 2028: 50, 2030: 60}, frequency: annual}`,
    `  - {indicator: L1, period: 2026, value: 28, date: 2027-01-10}
  - {indicator: L1, period: 2027, value: 36, date: 2028-01-10}`,
  );

  it('on a target point: expected is the target', () => {
    // As of 2027-06-01 only the 2026 entry exists; t = 2026-12-31, the 2026 target point: expected 30.
    // progress = (28 − 20) / (30 − 20) = 0.8 → at-risk (0.5 ≤ 0.8 < 0.85).
    const s = one(fw, '2027-06-01');
    expect(s.period).toBe('2026');
    expect(s.actual).toBe(28);
    expect(s.expected).toBe(30);
    expect(s.progress).toBe(0.8);
    expect(s.status).toBe('at-risk');
    expect(s.final).toBe(60);
    expect(s.achieved).toBe(false);
  });

  it('sparse targets: expected is interpolated between target years', () => {
    // t = 2027-12-31, between (2026-12-31, 30) and (2028-12-31, 50): 365 + 366 = 731 days apart,
    // t is 365 days past the first. expected = 30 + 20 × 365/731 = 30 + 7300/731 = 39.98632010943912…
    // level: actual = the latest period's value, 36. progress = (36 − 20)/(39.98632… − 20) = 16/19.98632… = 0.800547…
    const s = one(fw, '2028-02-01');
    expect(s.period).toBe('2027');
    expect(s.actual).toBe(36);
    expect(s.expected).toBeCloseTo(30 + 7300 / 731, 12);
    expect(s.progress).toBeCloseTo(16 / (7300 / 731 + 10), 12);
    expect(s.status).toBe('at-risk');
  });

  it('a forecast from two points is the line through them', () => {
    // Points (2026-12-31, 28) and (2027-12-31, 36): slope 8/365 per day. 2030-12-31 lies
    // 366 + 365 + 365 = 1096 days after 2027-12-31: forecast = 36 + 8 × 1096/365 = 36 + 24.021917… = 60.021917…
    const s = one(fw, '2028-02-01');
    expect(s.forecast).toBeCloseTo(36 + (8 * 1096) / 365, 9);
    // One point only (as of 2027-06-01): no forecast.
    expect(one(fw, '2027-06-01').forecast).toBeNull();
  });

  it('before the first target year, expected interpolates from the baseline point', () => {
    const q = framework(
      `  - {id: Q1, result: AP.O1, title: Quarterly, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 365, 2030: 400}, frequency: quarterly}`,
      `  - {indicator: Q1, period: 2026-Q2, value: 90.5, date: 2026-07-01}`,
    );
    // t = 2026-06-30, 31+28+31+30+31+30 = 181 days after (2025-12-31, 0); the next point is (2026-12-31, 365),
    // 365 days on: expected = 0 + 365 × 181/365 = 181. progress = 90.5/181 = 0.5: exactly at_risk → at-risk.
    const s = one(q, '2026-08-01');
    expect(s.expected).toBe(181);
    expect(s.progress).toBe(0.5);
    expect(s.status).toBe('at-risk');
  });
});

describe('the forecast is a least-squares fit, not a line through two points', () => {
  const fw = framework(
    `  - {id: LS, result: AP.O1, title: Fit, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 100}, frequency: quarterly}`,
    `  - {indicator: LS, period: 2026-Q1, value: 4, date: 2026-04-01}
  - {indicator: LS, period: 2026-Q2, value: 10, date: 2026-07-01}
  - {indicator: LS, period: 2026-Q3, value: 13, date: 2026-10-01}`,
  );

  it('fits three non-collinear points and evaluates the line at 31 Dec of the last plan year', () => {
    // Points at the period ends, x in days after 2026-03-31 (the fit does not depend on the origin):
    //   2026-03-31 → x = 0,   y = 4
    //   2026-06-30 → x = 30 + 31 + 30 = 91,        y = 10
    //   2026-09-30 → x = 91 + 31 + 31 + 30 = 183,  y = 13
    // (slopes 6/91 and 3/92 differ: not collinear.) 2030-12-31 is x = 275 (rest of 2026: 30+31+30+31+31+30+31+30+31)
    //   + 365 + 366 + 365 + 365 = 1736.
    // x̄ = 274/3, ȳ = 27/3 = 9.
    // Sxx = Σx² − 3x̄² = (0 + 8281 + 33489) − 274²/3 = 41770 − 75076/3 = 50234/3.
    // Sxy = Σxy − 3x̄ȳ = (0 + 910 + 2379) − 274 × 9 = 3289 − 2466 = 823.
    // slope = 823 / (50234/3) = 2469/50234.
    // forecast = ȳ + slope × (1736 − 274/3) = 9 + (2469/50234) × (4934/3) = 9 + 823 × 4934/50234
    //          = 9 + 823 × 2467/25117 = 9 + 2030341/25117 = 2256394/25117 = 89.83533065…
    // A line through the first and last points would give 4 + 9 × 1736/183 = 89.377…; through the
    // last two, 10 + 3 × (1736 − 91)/92 = 63.64…
    const s = one(fw, '2026-10-01');
    expect(s.forecast).toBeCloseTo(2256394 / 25117, 9);
  });
});

describe('decreasing indicators', () => {
  const fw = framework(
    `  - {id: D1, result: AP.O1, title: Emissions, unit: kt, measure: number, direction: decrease, aggregation: level,
       baseline: {year: 2025, value: 100}, targets: {2026: 80, 2030: 40}, frequency: annual}`,
    `  - {indicator: D1, period: 2026, value: 83, date: 2027-01-05}
  - {indicator: D1, period: 2027, value: 38, date: 2028-01-05}`,
  );

  it('progress exactly on the on-track threshold is on-track', () => {
    // t = 2026-12-31: expected 80. progress = (83 − 100)/(80 − 100) = −17/−20 = 0.85 = on_track → on-track.
    const s = one(fw, '2027-02-01');
    expect(s.progress).toBe(0.85);
    expect(s.status).toBe('on-track');
    expect(s.achieved).toBe(false); // 83 > 40
  });

  it('achieved once actual is at or below the final target', () => {
    // t = 2027-12-31, 365 of 1461 days from (2026-12-31, 80) to (2030-12-31, 40):
    // expected = 80 − 40 × 365/1461 = 70.00684…; progress = (38 − 100)/(70.00684… − 100) = 62/29.99316… = 2.0671…
    const s = one(fw, '2028-02-01');
    expect(s.expected).toBeCloseTo(80 - (40 * 365) / 1461, 12);
    expect(s.progress).toBeCloseTo(62 / (20 + (40 * 365) / 1461), 12);
    expect(s.status).toBe('on-track');
    expect(s.achieved).toBe(true); // 38 ≤ 40
  });
});

describe('cumulative indicators', () => {
  const fw = framework(
    `  - {id: C1, result: AP.O1.1, title: Reports, unit: reports, measure: number, direction: increase, aggregation: cumulative,
       baseline: {year: 2025, value: 10}, targets: {2026: 14, 2027: 18, 2030: 30}, frequency: annual}`,
    `  - {indicator: C1, period: 2027, value: 4, date: 2027-12-31}
  - {indicator: C1, period: 2026, value: 3, date: 2026-12-31}`,
  );

  it('actual is the baseline plus every period value up to t', () => {
    // actual = 10 + 3 + 4 = 17; t = 2027-12-31, the 2027 target: expected 18.
    // progress = (17 − 10)/(18 − 10) = 7/8 = 0.875 → on-track.
    const s = one(fw, '2028-01-01');
    expect(s.baseline).toBe(10);
    expect(s.actual).toBe(17);
    expect(s.expected).toBe(18);
    expect(s.progress).toBe(0.875);
    expect(s.status).toBe('on-track');
    expect(s.series.map((p) => [p.period, p.actual])).toEqual([
      ['2026', 13], // 10 + 3
      ['2027', 17], // 10 + 3 + 4
    ]);
  });

  it('the forecast runs through the running totals including the baseline', () => {
    // Points (2026-12-31, 13), (2027-12-31, 17): slope 4/365 per day; 1096 days on to 2030-12-31:
    // forecast = 17 + 4 × 1096/365 = 17 + 12.010958… = 29.010958…
    expect(one(fw, '2028-01-01').forecast).toBeCloseTo(17 + (4 * 1096) / 365, 9);
  });

  it('entries dated after D do not exist yet', () => {
    // As of 2027-12-30 only the 2026 entry exists: actual = 10 + 3 = 13 at t = 2026-12-31, expected 14,
    // progress = 3/4 = 0.75 → at-risk.
    const s = one(fw, '2027-12-30');
    expect(s.actual).toBe(13);
    expect(s.progress).toBe(0.75);
    expect(s.status).toBe('at-risk');
  });
});

describe('after the last target year', () => {
  it('the curve stays flat after its last point', () => {
    const fw = framework(
      `  - {id: F1, result: AP.O1, title: F, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: annual}`,
    );
    const curve = targetCurve(fw.indicators[0] as never);
    // 2031-06-30 is after (2030-12-31, 10): flat at 10.
    expect(interpolate(curve, day('2031-06-30'))).toMatchObject({ kind: 'after-last', value: 10 });
    // 2024-06-30 is before (2025-12-31, 0): flat at the baseline.
    expect(interpolate(curve, day('2024-06-30'))).toMatchObject({ kind: 'before-curve', value: 0 });
  });

  it('reports as of a date after the plan: the final period is never overdue after it', () => {
    const fw = framework(
      `  - {id: F2, result: AP.O1, title: F, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: annual}`,
      `  - {indicator: F2, period: 2030, value: 10, date: 2031-01-20}`,
    );
    // t = 2030-12-31 = the final target point: expected 10, progress 10/10 = 1, achieved (10 ≥ 10).
    // The next period, 2031, lies after the plan: never due.
    const s = one(fw, '2032-03-01');
    expect(s.expected).toBe(10);
    expect(s.progress).toBe(1);
    expect(s.achieved).toBe(true);
    expect(s.overdue).toBe(false);
  });
});

describe('expected equal to the baseline', () => {
  const ind = `  - {id: E1, result: AP.O1, title: Flat, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 5}, targets: {2026: 5, 2030: 9}, frequency: annual}`;
  it('progress is 1 on the right side of expected, else 0', () => {
    // t = 2026-12-31: expected 5 = baseline. 5 ≥ 5 → progress 1; 4 < 5 → progress 0 (off-track).
    const good = framework(ind, `  - {indicator: E1, period: 2026, value: 5, date: 2027-01-02}`);
    const bad = framework(ind, `  - {indicator: E1, period: 2026, value: 4, date: 2027-01-02}`);
    expect(one(good, '2027-02-01')).toMatchObject({ progress: 1, status: 'on-track' });
    expect(one(bad, '2027-02-01')).toMatchObject({ progress: 0, status: 'off-track' });
  });
  it('for a decreasing indicator the right side is at or below expected', () => {
    const dec = `  - {id: E2, result: AP.O1, title: Flat down, unit: kt, measure: number, direction: decrease, aggregation: level,
       baseline: {year: 2025, value: 100}, targets: {2026: 100, 2030: 60}, frequency: annual}`;
    // t = 2026-12-31: expected = the 2026 target 100 = baseline, so the flat rule applies.
    // 101 > 100 is on the wrong side for a decrease → progress 0, off-track; 99 ≤ 100 → 1, on-track;
    // 100 ≤ 100 → 1.
    const up = framework(dec, `  - {indicator: E2, period: 2026, value: 101, date: 2027-01-02}`);
    const down = framework(dec, `  - {indicator: E2, period: 2026, value: 99, date: 2027-01-02}`);
    const same = framework(dec, `  - {indicator: E2, period: 2026, value: 100, date: 2027-01-02}`);
    expect(one(up, '2027-02-01')).toMatchObject({ expected: 100, progress: 0, status: 'off-track' });
    expect(one(down, '2027-02-01')).toMatchObject({ expected: 100, progress: 1, status: 'on-track' });
    expect(one(same, '2027-02-01')).toMatchObject({ progress: 1, status: 'on-track' });
  });
});

describe('the plan’s rating thresholds', () => {
  const ind = `  - {id: R1, result: AP.O1, title: Rated, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 100, 2030: 100}, frequency: annual}`;
  const rated = (value: number) =>
    framework(
      ind,
      `  - {indicator: R1, period: 2026, value: ${value}, date: 2027-01-02}`,
      '',
      '  rating: {on_track: 0.9, at_risk: 0.6}\n',
    );
  it('plan.rating replaces the defaults 0.85 and 0.5', () => {
    // t = 2026-12-31: expected 100, progress = (value − 0)/(100 − 0) = value/100.
    // 87 → 0.87: below on_track 0.9, at least at_risk 0.6 → at-risk (the default 0.85 would say on-track).
    // 50 → 0.5: below at_risk 0.6 → off-track (the default 0.5 would say at-risk).
    // 90 → 0.9 = on_track → on-track; 60 → 0.6 = at_risk → at-risk.
    expect(one(rated(87), '2027-02-01')).toMatchObject({ progress: 0.87, status: 'at-risk' });
    expect(one(rated(50), '2027-02-01')).toMatchObject({ progress: 0.5, status: 'off-track' });
    expect(one(rated(90), '2027-02-01')).toMatchObject({ progress: 0.9, status: 'on-track' });
    expect(one(rated(60), '2027-02-01')).toMatchObject({ progress: 0.6, status: 'at-risk' });
  });
});

describe('rounding to 15 significant digits', () => {
  it('a progress exactly on a threshold on paper is on it, despite binary noise', () => {
    const fw = framework(
      `  - {id: RN, result: AP.O1, title: Noise, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0.2}, targets: {2026: 10, 2030: 10}, frequency: annual}`,
      `  - {indicator: RN, period: 2026, value: 5.1, date: 2027-01-02}`,
    );
    // t = 2026-12-31: expected 10. progress = (5.1 − 0.2)/(10 − 0.2) = 4.9/9.8 = 1/2 exactly = at_risk
    // → at-risk. (Binary floating point computes 0.4999999999999999, which would be off-track.)
    expect(one(fw, '2027-02-01')).toMatchObject({ progress: 0.5, status: 'at-risk' });
  });
});

describe('corrections', () => {
  const ind = `  - {id: K1, result: AP.O1, title: K, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 10, 2030: 50}, frequency: annual}`;
  const fw = framework(
    ind,
    `  - {indicator: K1, period: 2026, value: 5, date: 2026-11-02}
  - {indicator: K1, period: 2026, value: 7, date: 2027-01-15, corrects: true}`,
  );
  it('a correction dated after D does not stand yet', () => {
    // As of 2027-01-14 the correction does not exist: actual 5, progress 5/10 = 0.5.
    expect(one(fw, '2027-01-14')).toMatchObject({ actual: 5, progress: 0.5, status: 'at-risk' });
    // From 2027-01-15 it stands: actual 7, progress 0.7.
    expect(one(fw, '2027-01-15')).toMatchObject({ actual: 7, progress: 0.7, status: 'at-risk' });
  });
  it('of two same-day corrections, the later in the file stands', () => {
    const two = framework(
      ind,
      `  - {indicator: K1, period: 2026, value: 5, date: 2026-11-02}
  - {indicator: K1, period: 2026, value: 9, date: 2026-12-01, corrects: true}
  - {indicator: K1, period: 2026, value: 8, date: 2026-12-01, corrects: true}`,
    );
    expect(one(two, '2027-01-01').actual).toBe(8);
  });
});

describe('disaggregated indicators', () => {
  const pct = `  - {id: P1, result: BD.O1, title: Share, unit: '%', measure: percent, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 20}, targets: {2026: 40, 2030: 60}, frequency: annual, disaggregate: [country]}`;

  // Expected values JP and MN: a period with both is complete (with [country], CN would be missing
  // and the level period would have no total: see "expected values and incomplete periods" below).
  const pctJpMn = pct.replace('disaggregate: [country]', 'disaggregate: {country: [JP, MN]}');

  it('percent from numerators and denominators: Σ numerators / Σ denominators × 100', () => {
    const fw = framework(
      pctJpMn,
      `  - {indicator: P1, period: 2026, numerator: 41, denominator: 120, country: MN, date: 2026-12-20}
  - {indicator: P1, period: 2026, numerator: 19, denominator: 80, country: JP, date: 2026-12-21}`,
    );
    // total = (41 + 19)/(120 + 80) × 100 = 60/200 × 100 = 30 — not the mean of 34.17 and 23.75.
    // t = 2026-12-31: expected 40; progress = (30 − 20)/(40 − 20) = 0.5 → at-risk.
    const s = one(fw, '2027-01-01');
    expect(s.actual).toBe(30);
    expect(s.progress).toBe(0.5);
    // A row per expected value only.
    expect(s.breakdown?.map((b) => [b.dimension, b.value])).toEqual([
      ['country', 'JP'],
      ['country', 'MN'],
    ]);
    expect(s.breakdown?.[0]?.actual).toBe(23.75); // JP: 19/80 × 100
    expect(s.breakdown?.[1]?.actual).toBeCloseTo((41 / 120) * 100, 12); // MN: 34.1666…
    expect(s.incomplete).toEqual([]);
    expect(s.warnings).toEqual([]);
  });

  it('a percent period without numerators and no total counts as missing, with a warning', () => {
    const fw = framework(
      pctJpMn,
      `  - {indicator: P1, period: 2026, value: 40, country: MN, date: 2026-12-20}
  - {indicator: P1, period: 2026, value: 60, country: JP, date: 2026-12-21}`,
    );
    const s = one(fw, '2027-01-01');
    expect(s).toMatchObject({ period: null, actual: null, progress: null, status: 'no-data' });
    // The period 2026 counts as missing, so the period due is still 2026, which ended before 2027-01-01.
    expect(s.overdue).toBe(true);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/P1 2026: .*counts as missing/);
    // Each value still has its own row.
    expect(s.breakdown?.map((b) => b.actual)).toEqual([60, 40]);
  });

  it('a total entry wins over the per-value entries', () => {
    const fw = framework(
      pct,
      `  - {indicator: P1, period: 2026, value: 40, country: MN, date: 2026-12-20}
  - {indicator: P1, period: 2026, value: 35, date: 2026-12-22}`,
    );
    // total entry 35: progress = (35 − 20)/(40 − 20) = 0.75.
    const s = one(fw, '2027-01-01');
    expect(s).toMatchObject({ actual: 35, progress: 0.75, status: 'at-risk' });
    expect(s.warnings).toEqual([]);
    expect(s.breakdown?.find((b) => b.value === 'MN')?.actual).toBe(40);
  });

  it('numbers add up across values; cumulative rows leave the baseline out', () => {
    const fw = framework(
      `  - {id: N1, result: BD.O1, title: Sites, unit: sites, measure: number, direction: increase, aggregation: cumulative,
       baseline: {year: 2025, value: 2}, targets: {2026: 10, 2030: 30}, frequency: semiannual, disaggregate: [country]}`,
      `  - {indicator: N1, period: 2026-H1, value: 1, country: CN, date: 2026-07-01}
  - {indicator: N1, period: 2026-H1, value: 2, country: MN, date: 2026-07-01}
  - {indicator: N1, period: 2026-H2, value: 3, country: CN, date: 2027-01-01}`,
    );
    // H1 total 1 + 2 = 3, H2 total 3. actual = 2 + 3 + 3 = 8 at t = 2026-12-31 where expected = 10.
    // progress = (8 − 2)/(10 − 2) = 6/8 = 0.75. Rows: CN 1 + 3 = 4, JP none, MN 2.
    const s = one(fw, '2027-01-02');
    expect(s).toMatchObject({ period: '2026-H2', actual: 8, expected: 10, progress: 0.75 });
    expect(s.breakdown?.map((b) => b.actual)).toEqual([4, null, 2]);
  });
});

describe('milestones', () => {
  const fw = framework(
    `  - {id: M1, result: AP.O1, title: Strategy, unit: stage, measure: milestone, direction: increase, aggregation: level,
       levels: [not started, drafted, endorsed, implemented],
       baseline: {year: 2025, value: not started}, targets: {2027: endorsed, 2030: implemented}, frequency: annual}`,
    `  - {indicator: M1, period: 2026, value: drafted, date: 2026-12-15}`,
  );
  it('count in level indices', () => {
    // Levels: not started 0, drafted 1, endorsed 2, implemented 3. t = 2026-12-31 is 365 of 730 days
    // from (2025-12-31, 0) to (2027-12-31, 2): expected = 2 × 365/730 = 1. progress = (1 − 0)/(1 − 0) = 1.
    const s = one(fw, '2027-01-01');
    expect(s).toMatchObject({
      baseline: 0,
      actual: 1,
      expected: 1,
      final: 3,
      progress: 1,
      status: 'on-track',
    });
    expect(s.levels).toEqual(['not started', 'drafted', 'endorsed', 'implemented']);
    expect(s.breakdown).toBeUndefined();
  });
});

describe('overdue and no data', () => {
  const fw = framework(
    `  - {id: O1, result: AP.O1, title: A, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: annual}
  - {id: O2, result: AP.O1, title: Q, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: quarterly}`,
    `  - {indicator: O2, period: 2026-Q1, value: 1, date: 2026-04-02}`,
  );
  it('with no entry, the plan’s first period is due; no data is never off-track', () => {
    // O1's first period 2026 ends 2026-12-31: not earlier than D = 2026-12-31, overdue from 2027-01-01.
    expect(one(fw, '2026-12-31', 'O1')).toMatchObject({ status: 'no-data', overdue: false, achieved: false });
    expect(one(fw, '2027-01-01', 'O1')).toMatchObject({ status: 'no-data', overdue: true });
  });
  it('with no entry, the first period at the indicator’s frequency is due, not the first year', () => {
    const none = framework(
      `  - {id: NQ, result: AP.O1, title: Q, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: quarterly}
  - {id: NM, result: AP.O1, title: M, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: monthly}
  - {id: NH, result: AP.O1, title: H, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 10}, frequency: semiannual}`,
    );
    // The plan starts in 2026. Quarterly: 2026-Q1 ends 2026-03-31 → due (overdue) from 2026-04-01,
    // whereas the year 2026 would not be due before 2027-01-01.
    expect(one(none, '2026-03-31', 'NQ')).toMatchObject({ status: 'no-data', overdue: false });
    expect(one(none, '2026-04-01', 'NQ')).toMatchObject({ status: 'no-data', overdue: true });
    // Monthly: 2026-01 ends 2026-01-31 → overdue from 2026-02-01.
    expect(one(none, '2026-01-31', 'NM').overdue).toBe(false);
    expect(one(none, '2026-02-01', 'NM').overdue).toBe(true);
    // Semiannual: 2026-H1 ends 2026-06-30 → overdue from 2026-07-01 (and not yet on 2026-04-01).
    expect(one(none, '2026-04-01', 'NH').overdue).toBe(false);
    expect(one(none, '2026-06-30', 'NH').overdue).toBe(false);
    expect(one(none, '2026-07-01', 'NH').overdue).toBe(true);
  });
  it('the period after the latest with an entry is due once it has ended', () => {
    // Latest 2026-Q1; next 2026-Q2 ends 2026-06-30.
    expect(one(fw, '2026-06-30', 'O2').overdue).toBe(false);
    expect(one(fw, '2026-07-01', 'O2').overdue).toBe(true);
  });
});

describe('filters and summary', () => {
  const fw = framework(
    `  - {id: A1, result: AP.O1.1, title: A, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 10, 2030: 10}, frequency: annual}
  - {id: A2, result: AP.O1, title: B, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 10, 2030: 10}, frequency: annual}
  - {id: B1, result: BD.O1, title: C, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2026: 10, 2030: 10}, frequency: annual}`,
    `  - {indicator: A1, period: 2026, value: 9, date: 2026-12-31}
  - {indicator: A2, period: 2026, value: 2, date: 2026-12-31}`,
  );
  // A1: 9/10 = 0.9 on-track; A2: 2/10 = 0.2 off-track; B1: no data.
  const asOf = day('2027-01-01');
  it('counts the statuses of the indicators listed', () => {
    const r = computeStatus(fw, asOf);
    expect(r.summary).toEqual({ 'on-track': 1, 'at-risk': 0, 'off-track': 1, 'no-data': 1 });
    expect(r.asOf).toBe('2027-01-01');
    expect(r.plan).toEqual({ id: 'test-plan', title: 'Test plan', start: 2026, end: 2030, currency: 'USD' });
  });
  it('filters by programme, by result (with the results below it) and by status', () => {
    expect(computeStatus(fw, asOf, { programme: 'AP' }).indicators.map((i) => i.id)).toEqual(['A1', 'A2']);
    expect(computeStatus(fw, asOf, { result: 'AP.O1' }).indicators.map((i) => i.id)).toEqual(['A1', 'A2']);
    expect(computeStatus(fw, asOf, { result: 'AP.O1.1' }).indicators.map((i) => i.id)).toEqual(['A1']);
    const off = computeStatus(fw, asOf, { status: ['off-track', 'no-data'] });
    expect(off.indicators.map((i) => i.id)).toEqual(['A2', 'B1']);
    expect(off.summary).toEqual({ 'on-track': 0, 'at-risk': 0, 'off-track': 1, 'no-data': 1 });
  });
});
