import { describe, expect, test } from 'vitest';
import { computeFunding } from '../../src/compute/funding.js';
import { contributionStatusLabel, resourcesSummary } from '../../src/render/report-resources.js';
import { day, frameworkFrom } from '../variance/helpers.js';

// Issue 21, case 4: Japan's pledge for 2027 in a report of 2026 is not in arrears. Worked by hand
// from the contract ("Resources": not yet due = outstanding when the key's year is after D's year).
//   CORE JP 2026: pledged 80,000, received 80,000 → outstanding 0
//   CORE JP 2027: pledged 80,000, received      0 → outstanding 80,000, not yet due 80,000 (2027 > 2026)
//   CORE KR 2026: pledged 50,000, received 20,000 → outstanding 30,000, due (2026 is D's year)
const FILES = {
  'plan.yaml': `plan: {id: nyd, title: Not yet due, start: 2026, end: 2027, currency: USD}
programmes: [{id: P, title: Programme}]
results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]
indicators:
  - {id: P.O1-a, result: P.O1, title: Reports, unit: reports, measure: number, direction: increase,
     aggregation: cumulative, frequency: annual, baseline: {year: 2025, value: 0}, targets: {2027: 2}}
budget:
  sources: [{id: CORE, title: Core Fund}]
  contributors: [{id: JP, title: Japan}, {id: KR, title: Republic of Korea}]
  lines: [{id: L1, title: Meetings, result: P.O1, source: CORE, planned: {2026: 100000, 2027: 100000}}]
progress:
  - {pledge: CORE, from: JP, year: 2026, amount: 80000, date: 2025-09-23}
  - {contribution: CORE, from: JP, amount: 80000, date: 2026-03-01}
  - {pledge: CORE, from: JP, year: 2027, amount: 80000, date: 2026-10-21}
  - {pledge: CORE, from: KR, year: 2026, amount: 50000, date: 2025-09-23}
  - {contribution: CORE, from: KR, amount: 20000, date: 2026-04-01}
`,
};
const fw = frameworkFrom(FILES);

describe('a pledge for a later year is not yet due (issue 21, case 4)', () => {
  const r = computeFunding(fw, day('2026-12-08'));

  test('notYetDue in the source, contributor, year and total rows', () => {
    expect(r.sources.map((s) => [s.key, s.outstanding, s.notYetDue])).toEqual([
      ['CORE', 11_000_000n, 8_000_000n],
    ]);
    expect(r.contributors.map((c) => [c.key, c.outstanding, c.notYetDue])).toEqual([
      ['JP', 8_000_000n, 8_000_000n],
      ['KR', 3_000_000n, 0n],
    ]);
    expect(r.years.map((y) => [y.key, y.outstanding, y.notYetDue])).toEqual([
      ['2026', 3_000_000n, 0n],
      ['2027', 8_000_000n, 8_000_000n],
    ]);
    expect([r.total.outstanding, r.total.notYetDue]).toEqual([11_000_000n, 8_000_000n]);
  });

  test('the 2027 key reads "not yet due", never "not yet paid"', () => {
    const rows = r.status.map((s) => [s.contributor, s.year, s.status, contributionStatusLabel(s.status)]);
    expect(rows).toEqual([
      ['JP', 2026, 'paid-in-full', 'paid in full'],
      ['JP', 2027, 'not-yet-due', 'not yet due'],
      ['KR', 2026, 'paid-in-part', 'paid in part'],
    ]);
  });

  test('the headline outstanding leaves out what is not yet due: 110,000 − 80,000 = 30,000', () => {
    expect(resourcesSummary(r)).toContain(
      'outstanding USD 30,000.00 (and USD 80,000.00 pledged for later years, not yet due).',
    );
  });

  test('in 2027 the same pledge is due: outstanding, in arrears', () => {
    const later = computeFunding(fw, day('2027-01-15'));
    expect([later.total.outstanding, later.total.notYetDue]).toEqual([11_000_000n, 0n]);
    expect(later.status.find((s) => s.year === 2027)?.status).toBe('not-yet');
  });
});
