import { describe, expect, it } from 'vitest';
import { periodCode, ResultKeys } from '../../src/compute/result-keys.js';
import { clean } from '../../src/compute/status-trace.js';
import type { Period } from '../../src/core/periods.js';
import type { ResultEntry } from '../../src/model/framework.js';

/** The numeric keys stand for the text key `indicator|period|name=value,…`: equal exactly when it is. */

const entry = (period: Period, dims: Record<string, string>): ResultEntry =>
  ({ kind: 'result', indicator: 'I', period, dims }) as unknown as ResultEntry;

describe('periodCode', () => {
  it('is equal for equal periods and differs across frequencies, indexes and years', () => {
    const p = (year: number, frequency: Period['frequency'], index: number): Period => ({
      year,
      frequency,
      index,
    });
    expect(periodCode(p(2026, 'monthly', 12))).toBe(periodCode(p(2026, 'monthly', 12)));
    const codes = [
      p(2026, 'annual', 1),
      p(2026, 'semiannual', 1),
      p(2026, 'semiannual', 2),
      p(2026, 'quarterly', 1),
      p(2026, 'quarterly', 4),
      p(2026, 'monthly', 1),
      p(2026, 'monthly', 12),
      p(2027, 'annual', 1),
      p(2027, 'monthly', 1),
    ].map(periodCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('ResultKeys', () => {
  const june = (): Period => ({ year: 2026, frequency: 'monthly', index: 6 });
  const july: Period = { year: 2026, frequency: 'monthly', index: 7 };

  it('gives separate objects with the same period and names/values the same key, whatever the order of names', () => {
    const a = entry(june(), { country: 'MN', sex: 'f' });
    const b = entry(june(), { sex: 'f', country: 'MN' });
    const keys = new ResultKeys([a, b]);
    expect(keys.key(a)).toBe(keys.key(b));
  });

  it('tells apart another period, another value, another name set and the total', () => {
    const list = [
      entry(june(), { country: 'MN' }),
      entry(july, { country: 'MN' }),
      entry(june(), { country: 'KR' }),
      entry(june(), { country: 'MN', sex: 'f' }),
      entry(june(), {}),
    ];
    const keys = new ResultKeys(list);
    expect(new Set(list.map((e) => keys.key(e))).size).toBe(5);
  });

  it('knows a total entry and names the shape of a disaggregation', () => {
    const keys = new ResultKeys([]);
    expect(keys.dims({})).toMatchObject({ total: true, shape: '' });
    expect(keys.dims({ sex: 'f', country: 'MN' })).toMatchObject({ total: false, shape: 'country+sex' });
  });
});

describe('clean', () => {
  it('keeps integers below 10^15 as they are and turns -0 into 0', () => {
    expect(clean(999_999_999_999_999)).toBe(999_999_999_999_999);
    expect(clean(-42)).toBe(-42);
    expect(Object.is(clean(-0), 0)).toBe(true);
  });

  it('rounds to 15 significant digits otherwise', () => {
    expect(clean(0.1 + 0.2)).toBe(0.3);
    // 1234567890123456 has 16 digits: the 16th is rounded away.
    expect(clean(1_234_567_890_123_456)).toBe(1_234_567_890_123_460);
    expect(clean(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
