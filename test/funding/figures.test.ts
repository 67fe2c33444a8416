import { describe, expect, test } from 'vitest';
import { computeFunding } from '../../src/compute/funding.js';
import { day, frameworkFrom } from '../variance/helpers.js';
import { HAND } from './fixture.js';

// Every figure below is worked by hand from the contract ("Figures → Resources") and the fixture's
// comments, in cents. Cells (source, contributor, year) as of 2026-12-31:
//   CORE KR 2026: pledged 3,000,000 received 1,440,000 → outstanding 1,560,000, secured 3,000,000
//   CORE MN 2026: pledged   500,000 received   550,000 → outstanding 0,         secured   550,000
//   CORE JP 2026: pledged         0 received   800,000 → outstanding 0,         secured   800,000
//   PRJ  MN 2026: pledged   300,000 received   300,000 (in kind) → 0,           secured   300,000
//   PRJ  CN 2027: pledged 1,000,000 received         0 → outstanding 1,000,000, secured 1,000,000

const fw = frameworkFrom(HAND);

describe('funding, worked by hand (as of 2026-12-31)', () => {
  const r = computeFunding(fw, day('2026-12-31'));

  test('by source', () => {
    const [core, prj, none] = r.sources;
    expect(r.sources.map((s) => s.key)).toEqual(['CORE', 'PRJ', '-']);
    // CORE: planned 50,000 + 60,000 (2027 as revised by R1); received 14,400 + 6,000 − 500 + 8,000;
    // balance 10,000 + 27,900 − 0 − 12,500; collection 27,900 / 35,000.
    expect(core).toEqual({
      key: 'CORE',
      title: 'Core Fund',
      planned: 11_000_000n,
      pledged: 3_500_000n,
      received: 2_790_000n,
      inKind: 0n,
      outstanding: 1_560_000n,
      secured: 4_350_000n,
      notYetDue: 0n,
      gap: 6_650_000n,
      opening: 1_000_000n,
      spent: 1_250_000n,
      balance: 2_540_000n,
      collection: 27_900 / 35_000,
    });
    // PRJ: the in-kind 3,000 is received but not cash: balance 0 + 3,000 − 3,000 − 2,000.
    expect(prj).toEqual({
      key: 'PRJ',
      title: 'Project fund',
      planned: 2_000_000n,
      pledged: 1_300_000n,
      received: 300_000n,
      inKind: 300_000n,
      outstanding: 1_000_000n,
      secured: 1_300_000n,
      notYetDue: 1_000_000n,
      gap: 700_000n,
      opening: 0n,
      spent: 200_000n,
      balance: -200_000n,
      collection: 3_000 / 13_000,
    });
    // Lines without a source: planned and spent only.
    expect(none).toEqual({
      key: '-',
      title: '(no source)',
      planned: 500_000n,
      pledged: 0n,
      received: 0n,
      inKind: 0n,
      outstanding: 0n,
      secured: 0n,
      notYetDue: 0n,
      gap: 500_000n,
      opening: 0n,
      spent: 50_000n,
      balance: -50_000n,
      collection: null,
    });
    expect(r.total).toEqual({
      planned: 13_500_000n,
      pledged: 4_800_000n,
      received: 3_090_000n,
      inKind: 300_000n,
      outstanding: 2_560_000n,
      secured: 5_650_000n,
      notYetDue: 1_000_000n,
      gap: 7_850_000n,
      opening: 1_000_000n,
      spent: 1_500_000n,
      balance: 2_290_000n,
      collection: 30_900 / 48_000,
    });
  });

  test('by contributor', () => {
    expect(
      r.contributors.map((c) => [c.key, c.pledged, c.received, c.inKind, c.outstanding, c.secured]),
    ).toEqual([
      ['KR', 3_000_000n, 1_440_000n, 0n, 1_560_000n, 3_000_000n],
      ['MN', 800_000n, 850_000n, 300_000n, 0n, 850_000n],
      ['JP', 0n, 800_000n, 0n, 0n, 800_000n],
      ['CN', 1_000_000n, 0n, 0n, 1_000_000n, 1_000_000n],
    ]);
    expect(r.contributors.map((c) => c.collection)).toEqual([0.48, 8_500 / 8_000, null, 0]);
    // CN's 2027 pledge is for a year after 2026: all of its outstanding is not yet due.
    expect(r.contributors.map((c) => [c.key, c.notYetDue])).toEqual([
      ['KR', 0n],
      ['MN', 0n],
      ['JP', 0n],
      ['CN', 1_000_000n],
    ]);
  });

  test('by year', () => {
    expect(r.years).toEqual([
      {
        key: '2026',
        planned: 7_500_000n,
        pledged: 3_800_000n,
        received: 3_090_000n,
        inKind: 300_000n,
        outstanding: 1_560_000n,
        secured: 4_650_000n,
        notYetDue: 0n,
        gap: 2_850_000n,
      },
      {
        key: '2027',
        planned: 6_000_000n,
        pledged: 1_000_000n,
        received: 0n,
        inKind: 0n,
        outstanding: 1_000_000n,
        secured: 1_000_000n,
        notYetDue: 1_000_000n,
        gap: 5_000_000n,
      },
    ]);
  });

  test('status of contributions', () => {
    expect(
      r.status.map((s) => [s.contributor, s.year, s.pledged, s.received, s.outstanding, s.status]),
    ).toEqual([
      ['KR', 2026, 3_000_000n, 1_440_000n, 1_560_000n, 'paid-in-part'],
      ['MN', 2026, 800_000n, 850_000n, 0n, 'paid-in-full'],
      ['JP', 2026, 0n, 800_000n, 0n, 'unpledged'],
      ['CN', 2027, 1_000_000n, 0n, 1_000_000n, 'not-yet-due'],
    ]);
  });
});

describe('funding at other dates', () => {
  test('before the plan starts only the KRW pledge exists, at the 2025 rate; no revision is in force', () => {
    const r = computeFunding(fw, day('2025-12-31'));
    const core = r.sources[0];
    expect([core?.planned, core?.pledged, core?.received, core?.outstanding, core?.balance]).toEqual([
      10_000_000n,
      3_000_000n,
      0n,
      3_000_000n,
      1_000_000n,
    ]);
    // The 2026 pledge is outstanding but not yet due in 2025: not in arrears.
    expect(r.status.map((s) => [s.contributor, s.year, s.status])).toEqual([['KR', 2026, 'not-yet-due']]);
    expect([core?.notYetDue, r.total.notYetDue]).toEqual([3_000_000n, 3_000_000n]);
  });

  test('an over-payment on one source does not pay what is owed to another (2026-05-01)', () => {
    const r = computeFunding(fw, day('2026-05-01'));
    // MN: CORE pledged 5,000, received 6,000 (over-paid, secured 6,000); PRJ pledged 3,000, nothing yet.
    const mn = r.contributors.find((c) => c.key === 'MN');
    expect([mn?.pledged, mn?.received, mn?.outstanding, mn?.secured]).toEqual([
      800_000n,
      600_000n,
      300_000n,
      900_000n,
    ]);
    expect(r.status.find((s) => s.contributor === 'MN')?.status).toBe('paid-in-part');
    // The revision of 2026-06-01 is not in force yet: CORE plans 50,000 + 50,000.
    expect(r.sources[0]?.planned).toBe(10_000_000n);
  });

  test('the contribution dated after 2026 counts only from its date, for the year it names', () => {
    const r = computeFunding(fw, day('2027-02-01'));
    // KR pays 7,000 for 2026 on 2027-02-01: received 14,400 + 7,000, outstanding 30,000 − 21,400.
    const kr = r.contributors[0];
    expect([kr?.received, kr?.outstanding]).toEqual([2_140_000n, 860_000n]);
    expect(r.years[0]?.received).toBe(3_790_000n);
    expect(r.total.balance).toBe(2_290_000n + 700_000n);
  });
});
