import { describe, expect, test } from 'vitest';
import { computeSince, lastMeetingBefore } from '../../src/compute/since.js';
import { day, framework } from '../status/helpers.js';

/**
 * "Since an earlier date D0" (DESIGN.md), worked by hand. Indicator A: quarterly, cumulative,
 * baseline 0 (2025), targets 2026: 4, 2030: 20. Q1 = 1 and Q2 = 1 are known by D0 = 2026-07-31;
 * then Q1 is corrected to 0.25 (08-01) and Q2 withdrawn (08-05).
 *
 * As of D0: t = 2026-06-30 (day 181 of 365 after 2025-12-31), expected = 4 × 181/365 = 1.98356…,
 * actual = 2, progress = 1.0083 → on-track.
 * As of D = 2026-09-30: Q2 has no total, t = 2026-03-31 (day 90), expected = 4 × 90/365 = 0.98630…,
 * actual = 0.25, progress = 0.2535 → off-track.
 */
const IND = `  - {id: A, result: AP.O1, title: A, unit: n, measure: number, direction: increase,
     aggregation: cumulative, frequency: quarterly, baseline: {year: 2025, value: 0},
     targets: {2026: 4, 2030: 20}}
  - {id: B, result: AP.O1, title: B, unit: n, measure: number, direction: increase,
     aggregation: level, frequency: annual, baseline: {year: 2025, value: 0}, targets: {2030: 5}}`;

const BUDGET = `budget:
  sources: [{id: CORE, title: Core}]
  contributors: [{id: KR, title: Korea}]
  lines:
    - {id: B1, title: Meetings, result: AP.O1, source: CORE, planned: {2026: 1000, 2027: 1000}}
revisions:
  - {id: R0, date: 2026-07-01, title: before D0, targets: {A: {2027: 6}}}
  - {id: R1, date: 2026-09-01, title: in the window, planned: {B1: {2027: 1500}}}
  - {id: R2, date: 2026-10-01, title: after D, targets: {A: {2028: 9}}}
`;

const LEDGER = `  - {indicator: A, period: 2026-Q1, value: 1, date: 2026-04-10}
  - {indicator: A, period: 2026-Q2, value: 1, date: 2026-07-10}
  - {indicator: A, period: 2026-Q1, value: 0.25, corrects: true, date: 2026-08-01}
  - {indicator: A, period: 2026-Q2, withdrawn: true, date: 2026-08-05, note: counted twice}
  - {indicator: B, period: 2026, value: 3, date: 2026-10-02}
  - {spend: B1, amount: 100, date: 2026-07-31}
  - {spend: B1, amount: 250.50, date: 2026-08-15}
  - {spend: B1, amount: -0.25, date: 2026-09-30}
  - {contribution: CORE, from: KR, amount: 1000, date: 2026-09-30}
  - {contribution: CORE, from: KR, amount: 400, kind: in-kind, date: 2026-08-01}
  - {contribution: CORE, from: KR, amount: 7, date: 2026-10-01}
  - {pledge: CORE, from: KR, year: 2026, amount: 5000, date: 2026-08-01}`;

const fw = () =>
  framework(
    IND,
    LEDGER,
    BUDGET,
    '  meetings:\n    - {id: SOM-28, date: 2025-09-23}\n    - {id: M1, date: 2026-07-31, title: Mid-year}\n',
  );

describe('computeSince', () => {
  test('status changes, restated periods, new results, money and revisions in (D0, D]', () => {
    const s = computeSince(fw(), day('2026-07-31'), day('2026-09-30'), 'M1');
    expect(s.date).toBe('2026-07-31');
    expect(s.meeting).toBe('M1');
    expect(s.meetingTitle).toBe('Mid-year');
    expect(s.statusChanges).toEqual([{ id: 'A', from: 'on-track', to: 'off-track' }]);
    // Q1 corrected 1 → 0.25; Q2 withdrawn: from 1 to no figure.
    expect(s.restated).toEqual([
      { id: 'A', period: '2026-Q1', from: 1, to: 0.25 },
      { id: 'A', period: '2026-Q2', from: 1, to: null },
    ]);
    // The correction and the withdrawal; B's entry (10-02) is after D.
    expect(s.newResults).toBe(2);
    // 250.50 − 0.25 (the 07-31 spending is on D0 itself, outside the window): 25025 cents.
    expect(s.spent).toBe(25025n);
    // 1000 cash + 400 in kind; the 10-01 payment is after D; pledges are not received money.
    expect(s.received).toBe(140000n);
    expect(s.revisions).toEqual(['R1']);
  });

  test('nothing changed: empty lists and zero sums', () => {
    const s = computeSince(fw(), day('2026-10-02'), day('2026-10-20'));
    expect(s).toMatchObject({
      meeting: null,
      statusChanges: [],
      restated: [],
      newResults: 0,
      spent: 0n,
      received: 0n,
      revisions: [],
    });
  });

  test('a new period reported in the window is a status change from no-data, not a restatement', () => {
    const s = computeSince(fw(), day('2026-10-01'), day('2026-10-02'));
    expect(s.statusChanges).toEqual([{ id: 'B', from: 'no-data', to: 'on-track' }]);
    expect(s.restated).toEqual([]);
    expect(s.newResults).toBe(1);
    expect(s.revisions).toEqual([]);
  });

  test('the default comparison is the latest meeting dated strictly before D', () => {
    const f = fw();
    expect(lastMeetingBefore(f, day('2026-07-31'))?.id).toBe('SOM-28');
    expect(lastMeetingBefore(f, day('2026-08-01'))?.id).toBe('M1');
    expect(lastMeetingBefore(f, day('2025-09-23'))).toBeUndefined();
  });
});
