import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FREQUENCIES, type Period } from '../../src/core/periods.js';
import type { ResultEntry } from '../../src/model/framework.js';
import { entryKey, entryKeyer } from '../../src/normalise/entries.js';

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

const entry = fc
  .record({ indicator: fc.constantFrom('I1', 'I2', 'I10', 'A.1-a'), period, dims })
  .map((r) => r as unknown as ResultEntry);

describe('entryKeyer', () => {
  test('two entries get the same number exactly when entryKey gives the same text', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 2, maxLength: 40 }), (entries) => {
        const keyOf = entryKeyer();
        const keys = entries.map(keyOf);
        for (let i = 0; i < entries.length; i++)
          for (let j = 0; j < entries.length; j++)
            expect(keys[i] === keys[j]).toBe(
              entryKey(entries[i] as ResultEntry) === entryKey(entries[j] as ResultEntry),
            );
      }),
      { numRuns: 300 },
    );
  });

  test('equal disaggregations written in another key order, or as other objects, are one key', () => {
    const keyOf = entryKeyer();
    const p: Period = { year: 2026, frequency: 'quarterly', index: 3 };
    const a = { indicator: 'I1', period: p, dims: { country: 'MN', sex: 'f' } } as unknown as ResultEntry;
    const b = {
      indicator: 'I1',
      period: { ...p },
      dims: { sex: 'f', country: 'MN' },
    } as unknown as ResultEntry;
    const c = { indicator: 'I1', period: { ...p, index: 2 }, dims: a.dims } as unknown as ResultEntry;
    expect(keyOf(a)).toBe(keyOf(b));
    expect(keyOf(a)).not.toBe(keyOf(c));
    expect(typeof keyOf(a)).toBe('number');
  });
});
