import { describe, expect, test } from 'vitest';
import { computeStatus } from '../../src/compute/status.js';
import { computeVariance } from '../../src/compute/variance.js';
import { day, framework } from '../status/helpers.js';

/** Decisions over time, figures worked by hand from DESIGN.md ("Figures", as of a date D). */

const status = (f: ReturnType<typeof framework>, d: string, id: string) => {
  const s = computeStatus(f, day(d)).indicators.find((i) => i.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};

describe('a revision applies from its date: reports before it are reproduced exactly', () => {
  // A: cumulative, annual, baseline 0 (2025), targets 2026: 10, 2030: 20; 2026 = 8 known on 2026-06-30.
  // t = 2026-12-31 (the period's end), on the 2026 target point.
  // R (2026-11-01) sets 2026 → 8 and 2030 → 18 (2026 has not ended: not retroactive).
  const f = framework(
    `  - {id: A, result: AP.O1, title: A, unit: n, measure: number, direction: increase, aggregation: cumulative,
     frequency: annual, baseline: {year: 2025, value: 0}, targets: {2026: 10, 2030: 20}}`,
    '  - {indicator: A, period: 2026, value: 8, date: 2026-06-30}',
    'revisions:\n  - {id: R, date: 2026-11-01, title: Lowered, targets: {A: {2026: 8, 2030: 18}}}\n',
  );

  test('the day before: expected 10, progress 8/10 = 0.8 → at risk; final 20, no revision', () => {
    expect(status(f, '2026-10-31', 'A')).toMatchObject({
      expected: 10,
      progress: 0.8,
      status: 'at-risk',
      final: 20,
      originalFinal: 20,
      revisions: [],
    });
  });

  test('from its date: expected 8, progress 8/8 = 1 → on track; final 18, as written 20', () => {
    expect(status(f, '2026-11-01', 'A')).toMatchObject({
      expected: 8,
      progress: 1,
      status: 'on-track',
      final: 18,
      originalFinal: 20,
      revisions: ['R'],
    });
  });
});

describe("a revision of the current year's planned money, mid-year", () => {
  // L: 2026: 36,500, 2027: 36,500. R2 (2026-07-01) sets 2026 → 73,000.
  const f = framework(
    `  - {id: A, result: AP.O1, title: A, unit: n, measure: number, direction: increase, aggregation: cumulative,
     frequency: annual, baseline: {year: 2025, value: 0}, targets: {2030: 20}}`,
    '',
    `budget:
  sources: [{id: CORE, title: Core}]
  lines:
    - {id: L, title: Line, result: AP.O1, source: CORE, planned: {2026: 36500, 2027: 36500, 2028: 1, 2029: 1, 2030: 1}}
revisions:
  - {id: R2, date: 2026-07-01, title: Doubled, planned: {L: {2026: 73000}}}
`,
  );
  const row = (d: string) => computeVariance(f, day(d), 'line', 'pro-rata').rows[0];

  test('before: 36,500 × 181/365 = 18,100.00 to date; total 73,003.00', () => {
    expect(row('2026-06-30')).toMatchObject({
      plannedToDate: 1810000n,
      plannedTotal: 7300300n,
      originalPlannedTotal: 7300300n,
    });
  });

  test('from its date the revised year counts pro rata: 73,000 × 182/365 = 36,400.00; total 109,503.00', () => {
    expect(row('2026-07-01')).toMatchObject({
      plannedToDate: 3640000n,
      plannedTotal: 10950300n,
      originalPlannedTotal: 7300300n,
    });
  });

  test('--basis year takes the revised year whole: 73,000.00', () => {
    expect(computeVariance(f, day('2026-07-01'), 'line', 'year').rows[0]?.plannedToDate).toBe(7300000n);
  });
});

describe('a withdrawal, then a corrected value', () => {
  // Q: cumulative, quarterly, baseline 0. Q1 = 5 (04-05), withdrawn (05-01), Q1 = 3 (06-01, no `corrects` needed).
  const f = framework(
    `  - {id: Q, result: AP.O1, title: Q, unit: n, measure: number, direction: increase, aggregation: cumulative,
     frequency: quarterly, baseline: {year: 2025, value: 0}, targets: {2030: 40}}`,
    `  - {indicator: Q, period: 2026-Q1, value: 5, date: 2026-04-05}
  - {indicator: Q, period: 2026-Q1, withdrawn: true, date: 2026-05-01, note: counted twice}
  - {indicator: Q, period: 2026-Q1, value: 3, date: 2026-06-01}`,
  );

  test('before the withdrawal: actual 0 + 5 = 5', () => {
    expect(status(f, '2026-04-30', 'Q')).toMatchObject({ actual: 5, period: '2026-Q1', missing: [] });
  });

  test('withdrawn: no figure (as if never reported), so no data — never off track — and Q1 is missing', () => {
    expect(status(f, '2026-05-15', 'Q')).toMatchObject({
      actual: null,
      period: null,
      status: 'no-data',
      overdue: true,
      missing: ['2026-Q1'],
    });
  });

  test('the new value stands: actual 0 + 3 = 3', () => {
    expect(status(f, '2026-06-01', 'Q')).toMatchObject({ actual: 3, period: '2026-Q1', missing: [] });
  });
});

describe('missing periods: gaps as well as the periods after the latest entry', () => {
  // G: quarterly; only Q3 2026 reported. P: percent, quarterly, disaggregated by country; its Q1 has
  // per-country percentages without numerators and no total entry, so it counts as missing.
  const f = framework(
    `  - {id: G, result: AP.O1, title: G, unit: n, measure: number, direction: increase, aggregation: level,
     frequency: quarterly, baseline: {year: 2025, value: 0}, targets: {2030: 40}}
  - {id: P, result: AP.O1, title: P, unit: '%', measure: percent, direction: increase, aggregation: level,
     frequency: quarterly, disaggregate: [country], baseline: {year: 2025, value: 0}, targets: {2030: 40}}`,
    `  - {indicator: G, period: 2026-Q3, value: 4, date: 2026-10-02}
  - {indicator: P, period: 2026-Q1, value: 10, country: CN, date: 2026-04-02}
  - {indicator: P, period: 2026-Q2, value: 12, date: 2026-07-02}`,
  );

  test('on 2026-12-31 Q4 has not ended (its last day is not before D): Q1 and Q2 are the gaps', () => {
    expect(status(f, '2026-12-31', 'G')).toMatchObject({ missing: ['2026-Q1', '2026-Q2'], overdue: false });
  });

  test('on 2027-01-01 Q4 has ended without an entry: missing and overdue', () => {
    expect(status(f, '2027-01-01', 'G')).toMatchObject({
      missing: ['2026-Q1', '2026-Q2', '2026-Q4'],
      overdue: true,
    });
  });

  test('a percent period with only per-value values (no numerators) counts as missing', () => {
    expect(status(f, '2026-07-02', 'P')).toMatchObject({ missing: ['2026-Q1'], actual: 12 });
  });

  test('before the plan starts nothing is missing', () => {
    expect(status(f, '2026-01-01', 'G').missing).toEqual([]);
  });
});

describe('status --explain shows withdrawals, revised targets and missing periods', () => {
  test('a withdrawn Q1, a revised curve, the missing periods', async () => {
    const { explainIndicator } = await import('../../src/compute/explain.js');
    const { renderExplain } = await import('../../src/render/status-explain.js');
    const { Chalk } = await import('chalk');
    const f = framework(
      `  - {id: Q, result: AP.O1, title: Q, unit: n, measure: number, direction: increase, aggregation: cumulative,
     frequency: quarterly, baseline: {year: 2025, value: 0}, targets: {2030: 40}}`,
      `  - {indicator: Q, period: 2026-Q1, value: 5, date: 2026-04-05}
  - {indicator: Q, period: 2026-Q1, withdrawn: true, date: 2026-05-01, note: counted twice}`,
      'revisions:\n  - {id: RQ, date: 2026-06-01, title: Added, targets: {Q: {2027: 10}}}\n',
    );
    const x = explainIndicator(f, 'Q', day('2026-07-15'));
    if (!x) throw new Error('no explanation');
    const text = renderExplain(x, new Chalk({ level: 0 }));
    expect(text).toContain('2026-Q1 total = withdrawn, dated 2026-05-01 — withdrawal');
    expect(text).toContain('targets as revised by RQ (in force at 2026-07-15); as written: 2030: 40');
    expect(text).toContain('Missing periods (ended before the as-of date, no figure)\n  2026-Q1, 2026-Q2\n');
  });
});
