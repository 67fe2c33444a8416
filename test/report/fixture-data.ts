import type { ReportData } from '../../src/compute/report.js';
import type { IndicatorStatusDetail } from '../../src/compute/status.js';
import type { SourceFile } from '../../src/model/source.js';

/** A hand-built ReportData for renderer tests: no framework, no computation — every figure typed in. */

const file: SourceFile = {
  name: 'fw/plan.yaml',
  text: 'plan:\n  id: x\n',
  locate: () => ({ line: 2, col: 7 }),
};

function ind(
  over: Partial<IndicatorStatusDetail> & Pick<IndicatorStatusDetail, 'id' | 'status'>,
): IndicatorStatusDetail {
  return {
    result: 'P1.O1',
    programme: 'P1',
    title: `Title of ${over.id}`,
    unit: 'things',
    measure: 'number',
    direction: 'increase',
    aggregation: 'cumulative',
    baseline: 0,
    period: '2026',
    actual: 5,
    expected: 4,
    final: 10,
    progress: 1.25,
    achieved: false,
    forecast: null,
    overdue: false,
    missing: [],
    incomplete: [],
    revisions: [],
    originalFinal: 10,
    series: [],
    curve: [],
    warnings: [],
    ...over,
  };
}

export const MILESTONE = ind({
  id: 'P1.O1-m',
  status: 'at-risk',
  measure: 'milestone',
  aggregation: 'level',
  levels: ['none', 'drafted', 'endorsed', 'done'],
  baseline: 0,
  actual: 1,
  expected: 1.5,
  final: 3,
  progress: 0.6667,
});

export const DISAGGREGATED = ind({
  id: 'P1.O1-d',
  status: 'on-track',
  breakdown: [
    { dimension: 'country', value: 'MN', actual: 3 },
    { dimension: 'country', value: 'JP', actual: null },
  ],
  series: [
    { period: '2026-H1', end: 20634, actual: 2 },
    { period: '2026-H2', end: 20818, actual: 5 },
  ],
  warnings: ['2026-H1 has per-country percentages without numerators'],
});

export const NODATA = ind({
  id: 'P2.O1-n',
  result: 'P2.O1',
  programme: 'P2',
  status: 'no-data',
  period: null,
  actual: null,
  expected: null,
  progress: null,
  overdue: true,
});

const money = (plannedTotal: bigint, plannedToDate: bigint, actual: bigint) => ({
  plannedTotal,
  plannedToDate,
  actual,
  variance: plannedToDate - actual,
  execution: plannedToDate === 0n ? null : Number(actual) / Number(plannedToDate),
  remaining: plannedTotal - actual,
  projected: null,
  originalPlannedTotal: plannedTotal,
});

/** P1 with two indicators and a budget; P2 with one overdue indicator and no planned money to date. */
export function handBuilt(): ReportData {
  const indicators = [MILESTONE, DISAGGREGATED, NODATA];
  const p1 = money(1_000_000n, 500_000n, 250_000n); // 10,000.00 / 5,000.00 / 2,500.00 → 50.0%
  const p2 = money(200_000n, 0n, 0n); // nothing planned to date → execution null
  const total = money(1_200_000n, 500_000n, 250_000n);
  const plan = { id: 'hand', title: 'Hand-built Plan', start: 2026, end: 2027, currency: 'USD' };
  return {
    asOf: '2026-12-31',
    generated: '2027-01-05',
    framework: 'fw',
    plan,
    entries: { total: 7, results: 4, spending: 3, resources: 0 },
    status: {
      asOf: '2026-12-31',
      plan,
      indicators,
      summary: { 'on-track': 1, 'at-risk': 1, 'off-track': 0, 'no-data': 1 },
      programmes: [
        { id: 'P1', title: 'Programme one' },
        { id: 'P2', title: 'Programme two' },
      ],
      results: [
        { id: 'P1.O1', title: 'Outcome one', level: 'outcome' },
        { id: 'P2.O1', title: 'Outcome two', level: 'outcome' },
      ],
    },
    budget: {
      byProgramme: {
        asOf: '2026-12-31',
        currency: 'USD',
        digits: 2,
        by: 'programme',
        basis: 'pro-rata',
        rows: [
          { key: 'P1', title: 'Programme one', ...p1 },
          { key: 'P2', title: 'Programme two', ...p2 },
        ],
        total,
      },
      bySource: {
        asOf: '2026-12-31',
        currency: 'USD',
        digits: 2,
        by: 'source',
        basis: 'pro-rata',
        rows: [{ key: 'CORE', title: 'Core', ...total }],
        total,
      },
    },
    summary: {
      indicators: 3,
      byStatus: { 'on-track': 1, 'at-risk': 1, 'off-track': 0, 'no-data': 1 },
      achieved: 0,
      overdue: 1,
      offTrack: [],
      atRisk: [MILESTONE],
      missingPeriods: 0,
      missingIndicators: 0,
    },
    programmes: [
      {
        id: 'P1',
        title: 'Programme one',
        results: [
          {
            id: 'P1.O1',
            level: 'outcome',
            title: 'Outcome one',
            parent: undefined,
            indicators: [
              { status: MILESTONE, trend: null, narrative: null },
              {
                status: DISAGGREGATED,
                trend: { direction: 'up', improving: true, values: [2, 5] },
                narrative: null,
              },
            ],
            narrative: null,
          },
        ],
        budget: { key: 'P1', title: 'Programme one', ...p1 },
        summary: { 'on-track': 1, 'at-risk': 1, 'off-track': 0, 'no-data': 0 },
        narrative: null,
        budgetRevisions: [],
      },
      {
        id: 'P2',
        title: 'Programme two',
        results: [
          {
            id: 'P2.O1',
            level: 'outcome',
            title: 'Outcome two',
            parent: undefined,
            indicators: [{ status: NODATA, trend: null, narrative: null }],
            narrative: null,
          },
        ],
        budget: { key: 'P2', title: 'Programme two', ...p2 },
        summary: { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 1 },
        narrative: null,
        budgetRevisions: [],
      },
    ],
    notes: {
      warnings: [
        {
          code: 'line-no-result',
          severity: 'warning',
          message: 'budget line X is linked to no result',
          src: { file, path: ['plan', 'id'] },
        },
      ],
      overdue: [NODATA],
      indicatorWarnings: [
        { indicator: 'P1.O1-d', message: '2026-H1 has per-country percentages without numerators' },
      ],
      illustrative: { total: 0, results: 0, spending: 0, resources: 0 },
      missing: [],
    },
    rating: { on_track: 0.85, at_risk: 0.5 },
    since: null,
    revisions: [],
    narratives: [],
    planNarrative: null,
    revisedLines: [],
    // CORE: 12,000.00 planned; 8,000.00 pledged, 5,000.00 received (1,000.00 in kind); cash
    // 500.00 + 5,000.00 − 1,000.00 − 2,500.00 = 2,000.00.
    sdg: [],
    funding: {
      asOf: '2026-12-31',
      currency: 'USD',
      digits: 2,
      sources: [
        {
          key: 'CORE',
          title: 'Core',
          planned: 1_200_000n,
          pledged: 800_000n,
          received: 500_000n,
          inKind: 100_000n,
          outstanding: 300_000n,
          secured: 800_000n,
          notYetDue: 0n,
          gap: 400_000n,
          opening: 50_000n,
          spent: 250_000n,
          balance: 200_000n,
          collection: 0.625,
        },
      ],
      total: {
        planned: 1_200_000n,
        pledged: 800_000n,
        received: 500_000n,
        inKind: 100_000n,
        outstanding: 300_000n,
        secured: 800_000n,
        notYetDue: 0n,
        gap: 400_000n,
        opening: 50_000n,
        spent: 250_000n,
        balance: 200_000n,
        collection: 0.625,
      },
      contributors: [
        {
          key: 'KR',
          title: 'Republic of Korea',
          pledged: 600_000n,
          received: 400_000n,
          inKind: 0n,
          outstanding: 200_000n,
          secured: 600_000n,
          notYetDue: 0n,
          collection: 4 / 6,
        },
        {
          key: 'MN',
          title: 'Mongolia',
          pledged: 200_000n,
          received: 100_000n,
          inKind: 100_000n,
          outstanding: 100_000n,
          secured: 200_000n,
          notYetDue: 0n,
          collection: 0.5,
        },
      ],
      years: [
        {
          key: '2026',
          planned: 1_000_000n,
          pledged: 800_000n,
          received: 500_000n,
          inKind: 100_000n,
          outstanding: 300_000n,
          secured: 800_000n,
          notYetDue: 0n,
          gap: 200_000n,
        },
        {
          key: '2027',
          planned: 200_000n,
          pledged: 0n,
          received: 0n,
          inKind: 0n,
          outstanding: 0n,
          secured: 0n,
          notYetDue: 0n,
          gap: 200_000n,
        },
      ],
      status: [
        {
          contributor: 'KR',
          title: 'Republic of Korea',
          year: 2026,
          pledged: 600_000n,
          received: 400_000n,
          inKind: 0n,
          outstanding: 200_000n,
          secured: 600_000n,
          notYetDue: 0n,
          status: 'paid-in-part',
        },
        {
          contributor: 'MN',
          title: 'Mongolia',
          year: 2026,
          pledged: 200_000n,
          received: 100_000n,
          inKind: 100_000n,
          outstanding: 100_000n,
          secured: 200_000n,
          notYetDue: 0n,
          status: 'paid-in-part',
        },
      ],
    },
  };
}
