import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStatus } from '../../src/compute/status.js';
import { type Frequency, periodStart, periodsPerYear } from '../../src/core/periods.js';
import type { Framework, ResultEntry } from '../../src/model/framework.js';
import { framework } from './helpers.js';

/** Invariants of the indicator figures, over random ledgers. */

const base = framework(
  `  - {id: CUM, result: AP.O1, title: Cumulative, unit: t, measure: number, direction: increase, aggregation: cumulative,
       baseline: {year: 2025, value: 3}, targets: {2027: 10, 2030: 25}, frequency: annual, disaggregate: [country]}
  - {id: DEC, result: AP.O1.1, title: Decrease, unit: t, measure: number, direction: decrease, aggregation: level,
       baseline: {year: 2025, value: 80}, targets: {2026: 70, 2030: 40}, frequency: quarterly}
  - {id: PCT, result: BD.O1, title: Percent, unit: '%', measure: percent, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 10}, targets: {2028: 50, 2030: 60}, frequency: semiannual, disaggregate: [country]}
  - {id: MIL, result: BD.O1, title: Milestone, unit: stage, measure: milestone, direction: increase, aggregation: level,
       levels: [a, b, c, d], baseline: {year: 2025, value: a}, targets: {2027: c, 2030: d}, frequency: annual}`,
);
const ind = new Map(base.indicators.map((i) => [i.id, i]));
const src = base.indicators[0]?.src as ResultEntry['src'];

interface Draft {
  indicator: string;
  year: number;
  index: number;
  country: string | null;
  value: number;
  num: number;
  den: number;
  ratio: boolean;
  lag: number;
}

const draft: fc.Arbitrary<Draft> = fc.record({
  indicator: fc.constantFrom('CUM', 'DEC', 'PCT', 'MIL'),
  year: fc.integer({ min: 2026, max: 2030 }),
  index: fc.integer({ min: 1, max: 4 }),
  country: fc.constantFrom(null, 'CN', 'JP', 'MN'),
  value: fc.integer({ min: 0, max: 100 }),
  num: fc.integer({ min: 0, max: 50 }),
  den: fc.integer({ min: 50, max: 100 }),
  ratio: fc.boolean(),
  lag: fc.integer({ min: 0, max: 900 }),
});

function toEntry(d: Draft, seq: number): ResultEntry {
  const i = ind.get(d.indicator);
  if (!i) throw new Error('no indicator');
  const frequency: Frequency = i.frequency;
  const period = { year: d.year, frequency, index: ((d.index - 1) % periodsPerYear(frequency)) + 1 };
  const dims: Record<string, string> = d.country && i.disaggregate.length ? { country: d.country } : {};
  const ratio = i.measure === 'percent' && d.ratio;
  const value = i.measure === 'milestone' ? d.value % 4 : d.value;
  return {
    kind: 'result',
    seq,
    date: periodStart(period) + d.lag,
    note: undefined,
    source: undefined,
    src,
    indicator: i.id,
    period,
    value: ratio ? undefined : value,
    numerator: ratio ? d.num : undefined,
    denominator: ratio ? d.den : undefined,
    dims,
    corrects: true,
    withdrawn: false,
  };
}

function withEntries(entries: ResultEntry[]): Framework {
  return { ...base, entries: entries.map((e, seq) => ({ ...e, seq })) };
}

const keyDate = (e: ResultEntry) =>
  `${e.indicator}|${e.period.year}-${e.period.index}|${e.dims.country ?? ''}|${e.date}`;

/**
 * CUM's actual as of `asOf`, by the contract and independently of src/compute: among entries dated
 * ≤ D, per key (period, country) the latest by date, then by ledger position, stands; a period's
 * total is its total entry (no country) if any, else the sum of its per-country values; actual =
 * baseline 3 + Σ period totals, or null without entries.
 */
function cumulativeActual(entries: ResultEntry[], asOf: number): number | null {
  const standing = new Map<string, ResultEntry>();
  for (const e of entries) {
    if (e.indicator !== 'CUM' || e.date > asOf) continue;
    const key = `${e.period.year}|${e.dims.country ?? ''}`;
    const cur = standing.get(key);
    if (!cur || e.date > cur.date || (e.date === cur.date && e.seq > cur.seq)) standing.set(key, e);
  }
  if (standing.size === 0) return null;
  const years = new Set([...standing.values()].map((e) => e.period.year));
  let actual = 3;
  for (const year of years) {
    const total = standing.get(`${year}|`);
    if (total) actual += total.value as number;
    else for (const e of standing.values()) if (e.period.year === year) actual += e.value as number;
  }
  return actual;
}

const ledger = fc.array(draft, { maxLength: 40 }).map((ds) => ds.map(toEntry));
const asOf = fc.integer({ min: 20454, max: 22300 }); // 2026-01-01 … 2031-01-21

describe('status invariants', () => {
  it('entries dated after D never change a figure', () => {
    fc.assert(
      fc.property(ledger, asOf, (entries, d) => {
        const all = computeStatus(withEntries(entries), d);
        const known = computeStatus(withEntries(entries.filter((e) => e.date <= d)), d);
        expect(all).toEqual(known);
      }),
    );
  });

  it('the order of entries changes nothing when no two entries of a key share a date', () => {
    const unique = ledger.map((es) => {
      const seen = new Set<string>();
      return es.filter((e) => !seen.has(keyDate(e)) && seen.add(keyDate(e)));
    });
    fc.assert(
      fc.property(
        unique.chain((es) =>
          fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length, maxLength: es.length })),
        ),
        asOf,
        ([entries, shuffled], d) => {
          expect(computeStatus(withEntries(shuffled), d)).toEqual(computeStatus(withEntries(entries), d));
        },
      ),
    );
  });

  it('of two same-day entries for a key, the later in the ledger stands', () => {
    fc.assert(
      fc.property(draft, fc.integer({ min: 0, max: 100 }), (d, other) => {
        const first = toEntry({ ...d, country: null, ratio: false }, 0);
        const second = { ...first, value: first.indicator === 'MIL' ? other % 4 : other };
        const day = first.date;
        const a = computeStatus(withEntries([first, second]), day).indicators.find(
          (i) => i.id === d.indicator,
        );
        const b = computeStatus(withEntries([second, first]), day).indicators.find(
          (i) => i.id === d.indicator,
        );
        expect(a?.series.at(-1)?.actual).toBe(
          a?.aggregation === 'cumulative' ? 3 + (second.value as number) : second.value,
        );
        expect(b?.series.at(-1)?.actual).toBe(
          b?.aggregation === 'cumulative' ? 3 + (first.value as number) : first.value,
        );
      }),
    );
  });

  it('summary counts the indicators listed; a status filter keeps exactly those statuses', () => {
    fc.assert(
      fc.property(
        ledger,
        asOf,
        fc.subarray(['on-track', 'at-risk', 'off-track', 'no-data'] as const),
        (entries, d, st) => {
          const fw = withEntries(entries);
          const all = computeStatus(fw, d);
          const total = Object.values(all.summary).reduce((a, b) => a + b, 0);
          expect(total).toBe(all.indicators.length);
          const some = computeStatus(fw, d, { status: [...st] });
          expect(some.indicators.map((i) => i.id)).toEqual(
            all.indicators.filter((i) => st.includes(i.status)).map((i) => i.id),
          );
          for (const s of all.indicators) {
            // no data is never off-track; a figure always has a period, an expected value and a progress.
            expect(s.status === 'no-data').toBe(s.actual === null);
            expect(s.period === null).toBe(s.actual === null);
            expect(s.progress === null).toBe(s.actual === null);
          }
          // CUM (cumulative, baseline 3): actual is the baseline plus the sum of the period totals,
          // worked out here from the generated entries without the program.
          const cum = all.indicators.find((i) => i.id === 'CUM');
          expect(cum?.actual).toBe(cumulativeActual(fw.entries as ResultEntry[], d));
        },
      ),
    );
  });
});
