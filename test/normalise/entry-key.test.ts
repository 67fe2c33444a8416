import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FREQUENCIES, type Period } from '../../src/core/periods.js';
import type { ResultEntry } from '../../src/model/framework.js';
import { entryGroups, entryKey } from '../../src/normalise/entries.js';

const PER_YEAR = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 } as const;

const period: fc.Arbitrary<Period> = fc
  .record({ year: fc.integer({ min: 0, max: 9999 }), frequency: fc.constantFrom(...FREQUENCIES) })
  .chain(({ year, frequency }) =>
    fc.integer({ min: 1, max: PER_YEAR[frequency] }).map((index) => ({ year, frequency, index })),
  );

const dims = fc.dictionary(
  fc.constantFrom('country', 'sex', 'age'),
  fc.constantFrom('CN', 'MN', 'f', 'm', '1'),
  {
    maxKeys: 3,
  },
);

let seq = 0;
const entry = fc
  .record({ indicator: fc.constantFrom('I1', 'I2', 'I10', 'A.1-a'), period, dims })
  .map((r) => ({ kind: 'result', seq: seq++, ...r }) as unknown as ResultEntry);

const asList = (g: ResultEntry | ResultEntry[]) => (Array.isArray(g) ? g : [g]);

describe('entryGroups', () => {
  test('the groups are the entries with equal entryKey texts, each in ledger order', () => {
    fc.assert(
      fc.property(
        fc
          .array(entry, { minLength: 1, maxLength: 60 })
          .chain((es) => fc.shuffledSubarray(es, { minLength: es.length })),
        (entries) => {
          const groups = entryGroups(entries).map(asList);
          // Every entry once.
          expect(
            groups
              .flat()
              .map((e) => e.seq)
              .sort((a, b) => a - b),
          ).toEqual(entries.map((e) => e.seq).sort((a, b) => a - b));
          const keyOf = new Map<ResultEntry, number>();
          groups.forEach((g, i) => {
            for (const e of g) keyOf.set(e, i);
            for (let j = 1; j < g.length; j++)
              expect((g[j] as ResultEntry).seq).toBeGreaterThan((g[j - 1] as ResultEntry).seq);
          });
          // Same group exactly when the texts are equal.
          for (const a of entries)
            for (const b of entries) expect(keyOf.get(a) === keyOf.get(b)).toBe(entryKey(a) === entryKey(b));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('keepSingle: groups of one are left out unless it keeps them', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 40 }), (entries) => {
        const all = entryGroups(entries);
        expect(entryGroups(entries, () => false)).toEqual(all.filter((g) => Array.isArray(g)));
        const odd = (e: ResultEntry) => e.seq % 2 === 1;
        expect(entryGroups(entries, odd)).toEqual(all.filter((g) => Array.isArray(g) || odd(g)));
      }),
      { numRuns: 200 },
    );
  });

  test('past 8,192 distinct disaggregations, keys are texts and still group exactly', () => {
    const p: Period = { year: 2026, frequency: 'annual', index: 1 };
    const many = Array.from(
      { length: 8300 },
      (_, i) =>
        ({
          kind: 'result',
          seq: i,
          indicator: 'I1',
          period: p,
          dims: { code: String(i) },
        }) as unknown as ResultEntry,
    );
    // Two more for the last code: a repeat that only the text keys can find.
    const again = { ...many[8299], seq: 9000, dims: { code: '8299' } } as ResultEntry;
    const first = { ...many[5], seq: 9001, dims: { code: '5' } } as ResultEntry;
    const groups = entryGroups([...many, again, first], () => false);
    expect(groups).toEqual([
      [many[5], first],
      [many[8299], again],
    ]);
  });

  test('equal disaggregations written in another key order, or as other objects, are one group', () => {
    const p: Period = { year: 2026, frequency: 'quarterly', index: 3 };
    const a = {
      kind: 'result',
      seq: 1,
      indicator: 'I1',
      period: p,
      dims: { country: 'MN', sex: 'f' },
    } as unknown as ResultEntry;
    const b = {
      kind: 'result',
      seq: 0,
      indicator: 'I1',
      period: { ...p },
      dims: { sex: 'f', country: 'MN' },
    } as unknown as ResultEntry;
    const c = {
      kind: 'result',
      seq: 2,
      indicator: 'I1',
      period: { ...p, index: 2 },
      dims: a.dims,
    } as unknown as ResultEntry;
    const d = { kind: 'result', seq: 3, indicator: 'I2', period: p, dims: a.dims } as unknown as ResultEntry;
    expect(entryGroups([a, b, c, d])).toEqual([[b, a], c, d]);
  });
});
