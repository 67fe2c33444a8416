import { describe, expect, it } from 'vitest';
import { fw, indicator, linked, plan, portfolio } from './helpers.js';

/**
 * Portfolio figures worked out by hand from DESIGN.md ("Portfolios"): cumulative adds the
 * contributors' increments to the parent's baseline; level adds each contributor's latest value;
 * percent is Σ numerators / Σ denominators of each contributor's latest period; milestones are
 * listed, never combined.
 */

const codes = (r: { diagnostics: { code: string; severity: string }[] }, severity: string) =>
  r.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);

describe('cumulative', () => {
  const parent = fw(
    'parent',
    `${plan('prog')}indicators:\n${indicator('W-1', 'baseline: {year: 2025, value: 10}; targets: {2026: 30, 2028: 80}')}`,
  );
  // A reports quarterly increments 4 + 6 + 5 = 15 over its baseline of 2 (the baseline is not the parent's).
  const a = fw(
    'a',
    `${plan('a', linked({ 'A-1': 'W-1' }))}indicators:\n${indicator('A-1', 'frequency: quarterly; baseline: {year: 2025, value: 2}')}progress:
  - {indicator: A-1, period: 2026-Q1, value: 4, date: 2026-04-01}
  - {indicator: A-1, period: 2026-Q2, value: 6, date: 2026-07-01}
  - {indicator: A-1, period: 2026-Q3, value: 5, date: 2026-10-01}
`,
  );
  // B reports totals to date (a level indicator: Akvo RSR #5211, #5239): 5 by H1, 9 by H2, over a
  // baseline of 2. It adds 9 − 2 = 7, never 5 + 9 = 14.
  const b = fw(
    'b',
    `${plan('b', linked({ 'B-1': 'W-1' }))}indicators:\n${indicator('B-1', 'aggregation: level; frequency: semiannual; baseline: {year: 2025, value: 2}')}progress:
  - {indicator: B-1, period: 2026-H1, value: 5, date: 2026-07-01}
  - {indicator: B-1, period: 2026-H2, value: 9, date: 2026-12-20}
`,
  );

  it('adds the increments to the parent baseline, and reads status against the parent targets', () => {
    const r = portfolio(parent, [a, b], '2026-12-31');
    expect(codes(r, 'error')).toEqual([]);
    const w = r.indicators[0];
    // 10 + 15 + 7 = 32; both periods fold into the parent's 2026; expected at 31 Dec 2026 = 30;
    // progress (32 − 10) / (30 − 10) = 1.1.
    expect(w).toMatchObject({
      id: 'W-1',
      period: '2026',
      actual: 32,
      expected: 30,
      progress: 1.1,
      status: 'on-track',
    });
    expect(w?.contributors).toEqual([
      {
        framework: 'a',
        indicator: 'A-1',
        actual: 15,
        share: expect.closeTo(15 / 22, 14),
        period: '2026-Q3',
        parentPeriod: '2026',
      },
      {
        framework: 'b',
        indicator: 'B-1',
        actual: 7,
        share: expect.closeTo(7 / 22, 14),
        period: '2026-H2',
        parentPeriod: '2026',
      },
    ]);
  });

  it('as of an earlier day, counts only what was known then', () => {
    // As of 2026-07-15: A 4 + 6 = 10, B 5 − 2 = 3; 10 + 13 = 23; t = 31 Dec 2026 (Q2 and H1 fold
    // into 2026), expected 30, progress 13 / 20 = 0.65: at-risk.
    const w = portfolio(parent, [a, b], '2026-07-15').indicators[0];
    expect(w).toMatchObject({ actual: 23, expected: 30, progress: 0.65, status: 'at-risk' });
  });

  it('a child with a missing link is reported, not dropped (Akvo RSR #3374)', () => {
    const unlinked = fw(
      'c',
      `${plan('c')}indicators:\n${indicator('C-1', '')}progress:\n  - {indicator: C-1, period: 2026, value: 50, date: 2026-12-01}\n`,
    );
    const r = portfolio(parent, [a, unlinked], '2026-12-31');
    expect(r.frameworks.map((f) => [f.framework, f.linked])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    expect(codes(r, 'warning')).toEqual(['portfolio-no-link']);
    // 10 + 15: C's 50 is not counted, and the warning says so.
    expect(r.indicators[0]?.actual).toBe(25);
    expect(r.diagnostics[0]?.message).toContain('none of its indicators is counted');
  });
});

describe('level', () => {
  const parent = fw(
    'parent',
    `${plan('prog')}indicators:\n${indicator('W-2', 'aggregation: level; targets: {2026: 10, 2027: 20, 2028: 30}')}`,
  );
  const a = fw(
    'a',
    `${plan('a', linked({ 'A-2': 'W-2' }))}indicators:\n${indicator('A-2', 'aggregation: level')}progress:
  - {indicator: A-2, period: 2026, value: 4, date: 2026-12-01}
  - {indicator: A-2, period: 2027, value: 6, date: 2027-12-01}
`,
  );
  const b = fw(
    'b',
    `${plan('b', linked({ 'B-2': 'W-2' }))}indicators:\n${indicator('B-2', 'aggregation: level')}progress:
  - {indicator: B-2, period: 2026, value: 3, date: 2026-12-01}
`,
  );

  it("adds each contributor's latest value, never the sum of its periods", () => {
    const w = portfolio(parent, [a, b], '2027-12-31').indicators[0];
    // 6 + 3 = 9 (not 4 + 6 + 3); t = 31 Dec 2027, A's latest; expected there (the 2027 target) 20;
    // progress (9 − 0) / (20 − 0) = 0.45: off-track.
    expect(w).toMatchObject({ period: '2027', actual: 9, expected: 20, progress: 0.45, status: 'off-track' });
    expect(w?.contributors.map((k) => [k.actual, k.share, k.period])).toEqual([
      [6, expect.closeTo(6 / 9, 14), '2027'],
      [3, expect.closeTo(3 / 9, 14), '2026'],
    ]);
  });
});

describe('percent', () => {
  const parent = fw(
    'parent',
    `${plan('prog')}indicators:\n${indicator('W-3', 'measure: percent; aggregation: level; baseline: {year: 2025, value: 40}; targets: {2026: 50, 2027: 60, 2028: 70}')}`,
  );
  // CN and JP are the values expected to report: a period with both is complete.
  const pct = 'measure: percent; aggregation: level; disaggregate: {country: [CN, JP]}';
  // A's latest period (2026) from per-country counts: (10 + 20) / (20 + 30); its 2025 is not in the plan.
  const a = fw(
    'a',
    `${plan('a', linked({ 'A-3': 'W-3' }))}indicators:\n${indicator('A-3', pct)}progress:
  - {indicator: A-3, period: 2026, numerator: 10, denominator: 20, country: CN, date: 2026-12-01}
  - {indicator: A-3, period: 2026, numerator: 20, denominator: 30, country: JP, date: 2026-12-01}
`,
  );
  // B's 2027 total entry gives counts; its 2026 (99%) is not its latest period and does not count.
  const b = fw(
    'b',
    `${plan('b', linked({ 'B-3': 'W-3' }))}indicators:\n${indicator('B-3', pct)}progress:
  - {indicator: B-3, period: 2026, value: 99, date: 2026-12-01}
  - {indicator: B-3, period: 2027, numerator: 45, denominator: 50, date: 2027-06-01}
`,
  );

  it("is Σ numerators / Σ denominators over each contributor's latest period, never an average", () => {
    const r = portfolio(parent, [a, b], '2027-06-30');
    expect(codes(r, 'error')).toEqual([]);
    const w = r.indicators[0];
    // (30 + 45) / (50 + 50) = 75% (the average of 60% and 90% would also be 75: see the next case);
    // t = 31 Dec 2027, expected (the 2027 target) 60; progress (75 − 40) / (60 − 40) = 1.75.
    expect(w).toMatchObject({ actual: 75, expected: 60, progress: 1.75, status: 'on-track' });
    expect(w?.contributors.map((k) => [k.actual, k.numerator, k.denominator, k.share])).toEqual([
      [60, 30, 50, 0.5],
      [90, 45, 50, 0.5],
    ]);
  });

  it('weights by the denominators', () => {
    const c = fw(
      'c',
      `${plan('c', linked({ 'C-3': 'W-3' }))}indicators:\n${indicator('C-3', pct)}progress:
  - {indicator: C-3, period: 2026, numerator: 10, denominator: 100, date: 2026-12-01}
`,
    );
    // (30 + 10) / (50 + 100) = 26.666…%, where the average of 60% and 10% is 35%.
    const w = portfolio(parent, [a, c], '2026-12-31').indicators[0];
    expect(w?.actual).toBeCloseTo(26.6666666666667, 12);
    expect(w?.contributors.map((k) => k.share)).toEqual([
      expect.closeTo(50 / 150, 14),
      expect.closeTo(100 / 150, 14),
    ]);
  });

  it('is refused when a contributor gives a percentage without counts', () => {
    const r = portfolio(parent, [a, b], '2027-01-31');
    // As of 2027-01-31, B's latest is 2026: 99% with no numerator or denominator.
    expect(codes(r, 'error')).toEqual(['portfolio-percent-counts']);
    expect(r.indicators[0]).toMatchObject({ actual: null, status: 'no-data' });
  });
});

describe('milestone', () => {
  const ms =
    'measure: milestone; aggregation: level; levels: [none, drafted, adopted]; baseline: {year: 2025, value: none}; targets: {2028: adopted}';
  const parent = fw('parent', `${plan('prog')}indicators:\n${indicator('W-4', ms)}`);
  const a = fw(
    'a',
    `${plan('a', linked({ 'A-4': 'W-4' }))}indicators:\n${indicator('A-4', ms)}progress:\n  - {indicator: A-4, period: 2026, value: drafted, date: 2026-12-01}\n`,
  );
  const b = fw('b', `${plan('b', linked({ 'B-4': 'W-4' }))}indicators:\n${indicator('B-4', ms)}`);

  it('lists each contributor, never combines them', () => {
    const w = portfolio(parent, [a, b], '2026-12-31').indicators[0];
    expect(w).toMatchObject({ actual: null, progress: null, status: null, period: '2026' });
    expect(w?.contributors.map((k) => [k.framework, k.actual, k.level, k.share])).toEqual([
      ['a', 1, 'drafted', null],
      ['b', null, undefined, null],
    ]);
  });
});

describe('frequencies fold into the parent periods', () => {
  it("an annual contributor's year falls in a quarterly parent's Q4, a monthly one's month in its quarter", () => {
    const parent = fw('parent', `${plan('prog')}indicators:\n${indicator('W-1', 'frequency: quarterly')}`);
    const a = fw(
      'a',
      `${plan('a', linked({ 'A-1': 'W-1' }))}indicators:\n${indicator('A-1', '')}progress:\n  - {indicator: A-1, period: 2026, value: 4, date: 2026-06-01}\n`,
    );
    const b = fw(
      'b',
      `${plan('b', linked({ 'B-1': 'W-1' }))}indicators:\n${indicator('B-1', 'frequency: monthly')}progress:\n  - {indicator: B-1, period: 2026-05, value: 1, date: 2026-06-01}\n`,
    );
    const w = portfolio(parent, [a, b], '2026-06-30').indicators[0];
    // t = 31 Dec 2026 (2026-Q4, A's year), expected there 10: progress (0 + 4 + 1) / 10 = 0.5.
    expect(w).toMatchObject({ period: '2026-Q4', actual: 5, expected: 10, progress: 0.5, status: 'at-risk' });
    expect(w?.contributors.map((k) => k.parentPeriod)).toEqual(['2026-Q4', '2026-Q2']);
  });
});

describe('errors and warnings', () => {
  const parent = fw(
    'parent',
    `${plan('prog')}indicators:\n${indicator('W-1', '')}${indicator('W-3', 'measure: percent; aggregation: level')}progress:\n  - {indicator: W-1, period: 2026, value: 3, date: 2026-12-01}\n`,
  );

  it('refuses a unit or measure that differs, an unknown parent id and a parent entry that counts twice', () => {
    const a = fw(
      'a',
      `${plan('a', linked({ 'A-1': 'W-1', 'A-2': 'W-3', 'A-3': 'W-1', 'A-4': 'W-9' }))}indicators:\n${indicator('A-1', '')}${indicator('A-2', '')}${indicator('A-3', 'unit: km')}${indicator('A-4', '')}${indicator('A-5', '')}`,
    );
    const r = portfolio(parent, [a], '2026-12-31');
    expect(codes(r, 'error').sort()).toEqual([
      'portfolio-double-count',
      'portfolio-measure',
      'portfolio-unit',
      'portfolio-unknown-indicator',
    ]);
    expect(codes(r, 'warning')).toEqual(['portfolio-unmapped']);
    const at = (code: string) => {
      const d = r.diagnostics.find((x) => x.code === code);
      return d?.src ? [d.src.file.name, d.src.file.locate(d.src.path, d.atKey).line] : null;
    };
    // The mismatches point at the mapping in the child's plan (line 10), the double count at the
    // parent's entry (line 16), the unmapped indicator at its own line.
    expect(at('portfolio-unit')).toEqual(['a/plan.yaml', 10]);
    expect(at('portfolio-double-count')).toEqual(['parent/plan.yaml', 16]);
    expect(at('portfolio-unmapped')).toEqual(['a/plan.yaml', 20]);
  });
});
