import { describe, expect, test } from 'vitest';
import { checkFiles } from '../../src/load/index.js';
import { locate } from '../../src/render/diagnostics.js';

// The two warnings of issue 21 (items 1 and 2), worked by hand.

function check(progress: string, extra = '') {
  const text = `plan: {id: r, title: R, start: 2026, end: 2030, currency: USD}
programmes: [{id: LCC, title: Low carbon cities}]
results: [{id: LCC.O1, level: outcome, programme: LCC, title: Cities}]
indicators:
  - {id: LCC.O1.1-a, result: LCC.O1, title: Peer reviews, unit: reviews, measure: number, direction: increase,
     aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2026: 4, 2030: 18}, frequency: annual}
${extra}budget:
  sources: [{id: CORE, title: Core}]
  contributors: [{id: JP, title: Japan}]
  lines: [{id: B-LCC-1, title: Reviews, result: LCC.O1, source: CORE, planned: {2026: 50000, 2027: 50000, 2028: 1, 2029: 1, 2030: 1}}]
progress:
${progress}
`;
  return checkFiles('/f', [{ name: 'fw.yaml', path: '/f/fw.yaml', text }]).diagnostics.map((d) => {
    const l = locate(d);
    return { code: d.code, severity: d.severity, line: l.line, message: d.message };
  });
}

describe('suspect-running-total (issue 21, case 2)', () => {
  test('8 so far, 10 typed meaning "10 in total": 8 + 10 = 18, the 2030 target in one year', () => {
    const found = check(`  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2027, value: 10, date: 2027-12-10}`);
    expect(found).toEqual([
      {
        code: 'suspect-running-total',
        severity: 'warning',
        line: 13,
        message:
          "LCC.O1.1-a 2027: 10 reaches the running total before it (8) and carries LCC.O1.1-a from 8 to 18, to its final target 18 (2030) in one period; a cumulative indicator takes the period's own amount — if 10 is the total so far, the period's amount is 2",
      },
    ]);
  });

  test('not suspect: below the running total, short of the final target, or with no running total before', () => {
    // 7 < 8.
    expect(
      check(`  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2027, value: 7, date: 2027-12-10}`),
    ).toEqual([]);
    // 9 ≥ 8, but 8 + 9 = 17 < 18.
    expect(
      check(`  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2027, value: 9, date: 2027-12-10}`),
    ).toEqual([]);
    // The first period reaching 18 has no running total to be mistaken for.
    expect(check('  - {indicator: LCC.O1.1-a, period: 2026, value: 18, date: 2026-12-08}')).toEqual([]);
    // Already past the final target before: 20, then 25 (≥ 20), is not a new jump to the target.
    expect(
      check(`  - {indicator: LCC.O1.1-a, period: 2026, value: 20, date: 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2027, value: 25, date: 2027-12-10}`),
    ).toEqual([]);
  });

  test('a correction that fixes the period clears it', () => {
    expect(
      check(`  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2027, value: 10, date: 2027-12-10}
  - {indicator: LCC.O1.1-a, period: 2027, value: 2, date: 2027-12-11, corrects: true}`),
    ).toEqual([]);
  });
});

describe('possible-duplicate (issue 21, case 1)', () => {
  test('a spending and a contribution entered twice: the second of each is named, with the first', () => {
    const found = check(`  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000, note: peer review}
  - {contribution: CORE, from: JP, amount: 80000, date: 2026-03-01}
  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000, note: peer review}
  - {contribution: CORE, from: JP, amount: 80000, date: 2026-03-01}`);
    expect(found.map((f) => [f.code, f.severity, f.line])).toEqual([
      ['possible-duplicate', 'warning', 14],
      ['possible-duplicate', 'warning', 15],
    ]);
    expect(found[0]?.message).toBe(
      'this spending is identical to the one at fw.yaml:12 (B-LCC-1, 2026-05-12, USD 15,000.00, note "peer review"); if it was entered twice, undo it with a negative entry; if it is a second, real payment, mark it `again: true`',
    );
    expect(found[1]?.message).toMatch(
      /^this contribution is identical to the one at fw\.yaml:13 \(CORE from JP, 2026,/,
    );
  });

  test('not duplicates: another date, amount, note, year or kind', () => {
    expect(
      check(`  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000}
  - {spend: B-LCC-1, date: 2026-05-13, amount: 15000}
  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000.01}
  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000, note: second visit}
  - {pledge: CORE, from: JP, year: 2026, amount: 80000, date: 2025-09-23}
  - {pledge: CORE, from: JP, year: 2027, amount: 80000, date: 2025-09-23}
  - {contribution: CORE, from: JP, amount: 100, date: 2026-03-01}
  - {contribution: CORE, from: JP, amount: 100, date: 2026-03-01, kind: in-kind}`),
    ).toEqual([]);
  });
});

describe('possible-duplicate: a second, real payment', () => {
  test('marked `again: true` it is not reported', () => {
    expect(
      check(`  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000}
  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000, again: true}`),
    ).toEqual([]);
  });

  test('an imported entry carries its provenance and is otherwise the same entry', () => {
    expect(
      check(`  - {spend: B-LCC-1, date: 2026-05-12, amount: 15000, imported: 0123456789ab row 3 2026-12-08}
  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08, imported: 0123456789ab row 4 2026-12-08}`),
    ).toEqual([]);
  });
});
