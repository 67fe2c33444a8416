import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/compute/report.js';
import { computeVariance } from '../../src/compute/variance.js';
import { formatDate } from '../../src/core/dates.js';
import type { Entry, Framework, Narrative, Revision } from '../../src/model/framework.js';
import type { VarianceBy } from '../../src/model/reports.js';
import { renderReportJson } from '../../src/render/report-json.js';
import { day, framework } from '../status/helpers.js';

/**
 * Invariants of decisions over time, over random revisions and ledgers:
 * - a report as of D is unchanged by revisions, narratives and entries dated after D;
 * - every variance table's total row equals the sum of its rows, with revisions in force.
 */

const base = framework(
  `  - {id: CUM, result: AP.O1, title: Cumulative, unit: t, measure: number, direction: increase, aggregation: cumulative,
       baseline: {year: 2025, value: 3}, targets: {2027: 10, 2030: 25}, frequency: quarterly, disaggregate: [country]}
  - {id: LVL, result: BD.O1, title: Level, unit: t, measure: number, direction: decrease, aggregation: level,
       baseline: {year: 2025, value: 80}, targets: {2026: 70, 2030: 40}, frequency: annual}`,
  `  - {indicator: CUM, period: 2026-Q1, value: 2, date: 2026-04-03}
  - {indicator: CUM, period: 2026-Q2, value: 1, country: MN, date: 2026-07-03}
  - {indicator: LVL, period: 2026, value: 75, date: 2026-12-20}
  - {spend: B1, amount: 1200.25, date: 2026-03-01}
  - {spend: B3, amount: 310, date: 2026-09-10}`,
  `budget:
  sources: [{id: CORE, title: Core}, {id: ROK, title: Korea}]
  lines:
    - {id: B1, title: Meetings, result: AP.O1, source: CORE, category: meetings, planned: {2026: 5000, 2027: 5000, 2030: 100}}
    - {id: B2, title: Studies, result: BD.O1, source: ROK, planned: {2026: 3333.33, 2028: 2000}}
    - {id: B3, title: Support, planned: {2026: 999.99, 2029: 10}}
`,
  '  meetings:\n    - {id: M1, date: 2026-03-15}\n    - {id: M2, date: 2026-09-30}\n',
);
const src = base.plan.src;
const FIRST = day('2026-01-01');
const LAST = day('2030-12-31');

const dayIn = (from: number, to: number) => fc.integer({ min: from, max: to });
const years = fc.uniqueArray(fc.integer({ min: 2026, max: 2030 }), { minLength: 1, maxLength: 3 });

function revision(at: fc.Arbitrary<number>): fc.Arbitrary<Omit<Revision, 'id' | 'seq'>> {
  return fc.record({
    date: at,
    meeting: fc.constant(undefined),
    title: fc.constant('random'),
    reason: fc.constant(undefined),
    targets: fc
      .tuple(fc.constantFrom('CUM', 'LVL'), years, fc.integer({ min: 0, max: 90 }))
      .map(([id, ys, v]) => new Map([[id, new Map(ys.map((y, i) => [y, v + i]))]])),
    planned: fc
      .tuple(fc.constantFrom('B1', 'B2', 'B3'), years, fc.bigInt({ min: 0n, max: 100_000_00n }))
      .map(([id, ys, v]) => new Map([[id, new Map(ys.map((y) => [y, v]))]])),
    src: fc.constant(src),
  });
}

function entry(at: fc.Arbitrary<number>): fc.Arbitrary<Entry> {
  const result = fc
    .record({
      date: at,
      q: fc.integer({ min: 1, max: 4 }),
      value: fc.integer({ min: 0, max: 20 }),
      withdrawn: fc.boolean(),
      country: fc.constantFrom(undefined, 'CN', 'MN'),
    })
    .map((r): Entry => {
      const year = Number(formatDate(r.date).slice(0, 4));
      return {
        kind: 'result',
        seq: 0,
        date: r.date,
        note: undefined,
        source: undefined,
        src,
        indicator: 'CUM',
        period: { year, frequency: 'quarterly', index: r.q },
        value: r.withdrawn ? undefined : r.value,
        numerator: undefined,
        denominator: undefined,
        dims: r.country ? { country: r.country } : {},
        corrects: true,
        withdrawn: r.withdrawn,
      };
    });
  const spend = fc
    .record({
      date: at,
      amount: fc.bigInt({ min: -50_000n, max: 5_000_000n }),
      line: fc.constantFrom('B1', 'B2', 'B3'),
    })
    .map(
      (r): Entry => ({
        kind: 'spend',
        seq: 0,
        date: r.date,
        note: undefined,
        source: undefined,
        src,
        line: r.line,
        amount: r.amount,
        currency: 'USD',
        planAmount: r.amount,
      }),
    );
  return fc.oneof(result, spend);
}

function withExtras(
  fw: Framework,
  revs: Omit<Revision, 'id' | 'seq'>[],
  entries: Entry[],
  narratives: Narrative[],
): Framework {
  const revisions = [...fw.revisions, ...revs.map((r, i) => ({ ...r, id: `X${i}`, seq: 100 + i }))].sort(
    (a, b) => a.date - b.date || a.seq - b.seq,
  );
  const all = [...fw.entries, ...entries].map((e, seq) => ({ ...e, seq }));
  return { ...fw, revisions, entries: all, narratives: [...fw.narratives, ...narratives] };
}

const report = (fw: Framework, asOf: number) =>
  renderReportJson(
    computeReport(fw, asOf, { generated: day('2031-01-01'), framework: 'fw', diagnostics: [] }),
  );

describe('decisions over time: properties', () => {
  it('a report as of D is unchanged by revisions, narratives and entries dated after D', () => {
    fc.assert(
      fc.property(
        dayIn(FIRST, LAST - 1).chain((d) =>
          fc.tuple(
            fc.constant(d),
            fc.array(revision(dayIn(FIRST, d)), { maxLength: 2 }),
            fc.array(revision(dayIn(d + 1, LAST)), { minLength: 1, maxLength: 3 }),
            fc.array(entry(dayIn(d + 1, LAST)), { minLength: 1, maxLength: 6 }),
            dayIn(d + 1, LAST),
          ),
        ),
        ([d, before, after, later, narrativeDay]) => {
          const known = withExtras(base, before, [], []);
          const more = withExtras(known, after, later, [
            { about: 'plan', date: narrativeDay, text: 'later', src },
          ]);
          expect(report(more, d)).toBe(report(known, d));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every variance total row equals the sum of its rows, with revisions in force', () => {
    const BY: VarianceBy[] = ['line', 'result', 'programme', 'source', 'category', 'year'];
    fc.assert(
      fc.property(
        fc.array(revision(dayIn(FIRST, LAST)), { minLength: 1, maxLength: 4 }),
        dayIn(FIRST - 30, LAST + 30),
        fc.constantFrom(...BY),
        fc.constantFrom('pro-rata' as const, 'year' as const),
        (revs, d, by, basis) => {
          const v = computeVariance(withExtras(base, revs, [], []), d, by, basis);
          for (const k of [
            'plannedTotal',
            'plannedToDate',
            'actual',
            'variance',
            'remaining',
            'originalPlannedTotal',
          ] as const) {
            expect(v.rows.reduce((s, r) => s + r[k], 0n)).toBe(v.total[k]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
