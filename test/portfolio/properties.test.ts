import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePortfolio } from '../../src/compute/portfolio.js';
import { computeStatus } from '../../src/compute/status.js';
import { type Frequency, periodStart, periodsPerYear } from '../../src/core/periods.js';
import type { Framework, ResultEntry } from '../../src/model/framework.js';
import { fw, indicator, plan } from './helpers.js';

/**
 * A portfolio of one framework mapped to itself (a parent with the same indicators and no entries
 * of its own, and the framework mapping each indicator to its namesake) gives that framework's own
 * figures: actual, expected, progress and status — for every aggregation rule, any ledger, any day.
 */

const base = fw(
  'self',
  `${plan('self')}indicators:
${indicator('CUM', 'baseline: {year: 2025, value: 3}; targets: {2027: 10, 2028: 25}; disaggregate: [country]')}${indicator('DEC', 'direction: decrease; aggregation: level; baseline: {year: 2025, value: 80}; targets: {2026: 70, 2028: 40}; frequency: quarterly')}${indicator('LVL', 'aggregation: level; baseline: {year: 2025, value: 5}; targets: {2026: 5, 2028: 20}; frequency: semiannual; disaggregate: [country]')}${indicator('PCT', 'measure: percent; aggregation: level; baseline: {year: 2025, value: 10}; targets: {2027: 50, 2028: 60}; frequency: semiannual; disaggregate: [country]')}${indicator('MIL', 'measure: milestone; aggregation: level; levels: [a, b, c, d]; baseline: {year: 2025, value: a}; targets: {2027: c, 2028: d}')}`,
);
const byId = new Map(base.indicators.map((i) => [i.id, i]));
const src = base.indicators[0]?.src as ResultEntry['src'];

const draft = fc.record({
  indicator: fc.constantFrom('CUM', 'DEC', 'LVL', 'PCT', 'MIL'),
  year: fc.integer({ min: 2026, max: 2028 }),
  index: fc.integer({ min: 1, max: 4 }),
  country: fc.constantFrom(null, 'CN', 'JP', 'MN'),
  value: fc.integer({ min: 0, max: 100 }),
  num: fc.integer({ min: 0, max: 50 }),
  den: fc.integer({ min: 50, max: 100 }),
  lag: fc.integer({ min: 0, max: 500 }),
});

type Draft = typeof draft extends fc.Arbitrary<infer T> ? T : never;

function toEntry(d: Draft, seq: number): ResultEntry {
  const i = byId.get(d.indicator);
  if (!i) throw new Error('no indicator');
  const frequency: Frequency = i.frequency;
  const period = { year: d.year, frequency, index: ((d.index - 1) % periodsPerYear(frequency)) + 1 };
  // Percents always give counts: without them the portfolio is refused, by the contract.
  const ratio = i.measure === 'percent';
  return {
    kind: 'result',
    seq,
    date: periodStart(period) + d.lag,
    note: undefined,
    source: undefined,
    src,
    indicator: i.id,
    period,
    value: ratio ? undefined : i.measure === 'milestone' ? d.value % 4 : d.value,
    numerator: ratio ? d.num : undefined,
    denominator: ratio ? d.den : undefined,
    dims: d.country && i.disaggregate.length ? { country: d.country } : {},
    corrects: true,
    withdrawn: false,
  };
}

const ledger = fc.array(draft, { maxLength: 40 }).map((ds) => ds.map((d, n) => toEntry(d, n)));
const asOf = fc.integer({ min: 20454, max: 21915 }); // 2026-01-01 … 2029-12-31

describe('a portfolio of one framework mapped to itself', () => {
  it("gives that framework's own figures", () => {
    fc.assert(
      fc.property(ledger, asOf, (entries, d) => {
        const self: Framework = {
          ...base,
          plan: {
            ...base.plan,
            contributesTo: [
              {
                framework: '.',
                indicators: base.indicators.map((i) => ({ own: i.id, parent: i.id, src })),
                src,
              },
            ],
          },
          entries,
        };
        const parent: Framework = { ...base, entries: [] };
        const r = computePortfolio(
          parent,
          'parent',
          [{ framework: self, path: 'self', link: self.plan.contributesTo[0] }],
          d,
        );
        expect(r.diagnostics).toEqual([]);
        const status = computeStatus(self, d);
        for (const s of status.indicators) {
          const p = r.indicators.find((x) => x.id === s.id);
          if (s.measure === 'milestone') {
            expect(p).toMatchObject({ actual: null, status: null });
            expect(p?.contributors[0]?.actual).toBe(s.actual);
            continue;
          }
          expect({
            id: p?.id,
            period: p?.period,
            actual: p?.actual,
            expected: p?.expected,
            progress: p?.progress,
            status: p?.status,
          }).toEqual({
            id: s.id,
            period: s.period,
            actual: s.actual,
            expected: s.expected,
            progress: s.progress,
            status: s.status,
          });
          // The only contributor holds the whole of the figure (a share needs a figure other than 0).
          const own = p?.contributors[0];
          if (own?.actual) expect(own.share).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
