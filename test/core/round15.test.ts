import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round15 } from '../../src/core/round15.js';

/** round15 is defined as Number(x.toPrecision(15)); these check it is that number to the bit. */

const reference = (x: number) => Number(x.toPrecision(15));

describe('round15', () => {
  it('rounds to 15 significant digits', () => {
    // 0.1 + 0.2 = 0.30000000000000004: 15 digits give 0.300000000000000.
    expect(round15(0.1 + 0.2)).toBe(0.3);
    // 3/7 × 100 = 42.857142857142854…: the 15th digit, 2, is followed by 8, so it rounds up to 3.
    expect(round15((3 / 7) * 100)).toBe(42.8571428571429);
    // 1234567890123456 has 16 digits: the last one (6) rounds the 15th (5) up to 6.
    expect(round15(1_234_567_890_123_456)).toBe(1_234_567_890_123_460);
    expect(round15(-2 / 3)).toBe(-0.666666666666667);
  });

  it('gives integers below 10^15 back, -0 as 0, and what is not finite as it is', () => {
    expect(round15(999_999_999_999_999)).toBe(999_999_999_999_999);
    expect(Object.is(round15(-0), 0)).toBe(true);
    expect(round15(Number.NaN)).toBeNaN();
    expect(round15(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('rounds a half away from zero, as toPrecision does', () => {
    // 100000000000000.5 is exact in binary; its 16th digit is a 5 with nothing after it: a tie,
    // which toPrecision settles by taking the larger 15-digit integer (for -x: the larger |n|).
    expect(round15(100_000_000_000_000.5)).toBe(100_000_000_000_001);
    expect(round15(-100_000_000_000_000.5)).toBe(-100_000_000_000_001);
  });

  it('agrees with Number(x.toPrecision(15)) on any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => Object.is(round15(x), reference(x))),
      { numRuns: 20_000 },
    );
  });

  it('agrees on the figures status forms: ratios × 100, sums of decimals, values next to a half', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: -12, max: 12 }),
        (a, b, shift) => {
          const xs = [(a / b) * 100, a / 100 + b / 100, (a * 1e9 + b + 0.5) * 10 ** shift, -(a / b)];
          return xs.every((x) => Object.is(round15(x), reference(x)));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
