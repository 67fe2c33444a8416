import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertMinor,
  currencyDigits,
  decimalText,
  divRoundHalfAwayFromZero,
  formatMinor,
  isCurrencyCode,
  minorToNumber,
  parseDecimal,
  prorata,
  ratioFromDecimal,
  toMinor,
} from '../../src/core/money.js';

const abs = (x: bigint) => (x < 0n ? -x : x);

describe('currencies', () => {
  it('knows minor-unit digits', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KRW')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
  });

  it('knows codes, upper case only', () => {
    for (const code of ['USD', 'KRW', 'CNY', 'JPY', 'MNT', 'RUB', 'KPW'])
      expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['usd', 'XYZ', 'US', 'USDD', '']) expect(isCurrencyCode(code)).toBe(false);
  });

  it('refuses digits for an unknown code rather than guessing 2', () => {
    expect(() => currencyDigits('XYZ')).toThrow(RangeError);
    expect(() => currencyDigits('usd')).toThrow(RangeError);
  });
});

describe('decimalText', () => {
  it.each<[number, string]>([
    [12_500, '12500'],
    [12_500.5, '12500.5'],
    [-12.5, '-12.5'],
    [0.00072, '0.00072'],
    [0.1, '0.1'],
    [-0, '0'],
    [1e-7, '0.0000001'], // String gives "1e-7"
    [-1.23e-7, '-0.000000123'], // digits 123, point at 1 − 7 = −6 → six zeros after "0."
    [1.5e21, '1500000000000000000000'], // digits 15, point at 1 + 21 = 22 → 20 zeros appended
    [1e21, `1${'0'.repeat(21)}`],
    [1.2345e22, `12345${'0'.repeat(18)}`],
    [123e-20, '0.00000000000000000123'], // = 1.23e-18
  ])('writes %s as %s', (n, text) => {
    expect(decimalText(n)).toBe(text);
  });

  it('refuses non-finite numbers', () => {
    expect(() => decimalText(Number.NaN)).toThrow(RangeError);
    expect(() => decimalText(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('property: plain decimal text that reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = decimalText(n);
        expect(parseDecimal(text)).not.toBeNull();
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});

describe('parseDecimal', () => {
  it('keeps the scale minimal', () => {
    expect(parseDecimal('-12.50')).toEqual({ units: -125n, scale: 1 });
    expect(parseDecimal('12500.00')).toEqual({ units: 12_500n, scale: 0 });
    expect(parseDecimal('100')).toEqual({ units: 100n, scale: 0 }); // integer zeros stay
    expect(parseDecimal('0.00072')).toEqual({ units: 72n, scale: 5 });
    expect(parseDecimal('+3')).toEqual({ units: 3n, scale: 0 });
    expect(parseDecimal('007.50')).toEqual({ units: 75n, scale: 1 });
    expect(parseDecimal('-0.00')).toEqual({ units: 0n, scale: 0 });
    expect(parseDecimal('123456789012345678901234.5')).toEqual({
      units: 1234567890123456789012345n,
      scale: 1,
    });
  });

  it.each(['1e5', '1,000', ' 1', '1 ', '1.', '.5', '', '-', '--1', '1.2.3', 'NaN', 'Infinity', '0x10', '١'])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text)).toBeNull();
    },
  );
});

describe('toMinor', () => {
  it.each<[string, number, bigint | null]>([
    ['12500.00', 2, 1_250_000n],
    ['12500', 2, 1_250_000n],
    ['-12.5', 2, -1250n],
    ['0.125', 2, null], // three significant decimals do not fit in cents
    ['0.120', 2, 12n], // a trailing zero is not significant
    ['100.0', 0, 100n],
    ['100.5', 0, null],
    ['9000000', 0, 9_000_000n],
    ['1.234', 3, 1234n],
    ['12,500', 2, null],
  ])('%s with %i digits → %s', (text, digits, minor) => {
    expect(toMinor(text, digits)).toBe(minor);
  });
});

describe('divRoundHalfAwayFromZero', () => {
  it.each<[bigint, bigint, bigint]>([
    [7n, 2n, 4n], //   3.5 → 4
    [-7n, 2n, -4n], // −3.5 → −4
    [7n, -2n, -4n],
    [-7n, -2n, 4n],
    [5n, 3n, 2n], //   1.67 → 2
    [4n, 3n, 1n], //   1.33 → 1
    [-4n, 3n, -1n],
    [-5n, 3n, -2n],
    [0n, 5n, 0n],
    [6n, 3n, 2n],
  ])('%s / %s → %s', (a, b, q) => {
    expect(divRoundHalfAwayFromZero(a, b)).toBe(q);
  });

  it('refuses division by zero', () => {
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
  const nonZero = big.filter((b) => b !== 0n);

  it('property: equals sign × floor((2|a| + |b|) / 2|b|)', () => {
    fc.assert(
      fc.property(big, nonZero, (a, b) => {
        const sign = a < 0n !== b < 0n ? -1n : 1n;
        expect(divRoundHalfAwayFromZero(a, b)).toBe(sign * ((2n * abs(a) + abs(b)) / (2n * abs(b))));
      }),
    );
  });

  it('property: within half of a/b, and a tie goes away from zero', () => {
    fc.assert(
      fc.property(big, nonZero, (a, b) => {
        const q = divRoundHalfAwayFromZero(a, b);
        // |a/b − q| ≤ 1/2  ⇔  |2a − 2qb| ≤ |b|
        const twice = abs(2n * a - 2n * q * b);
        expect(twice <= abs(b)).toBe(true);
        if (twice === abs(b)) expect(abs(q) * abs(b) > abs(a)).toBe(true);
      }),
    );
  });
});

describe('convertMinor', () => {
  it('converts the design example exactly', () => {
    // KRW 9,000,000 at 0.00072 USD/KRW: 9000000 × 72 / 100000 = 648000000 / 100000 = 6480 USD = 648000 cents.
    expect(convertMinor(9_000_000n, 0, ratioFromDecimal('0.00072'), 2)).toBe(648_000n);
  });

  it('rounds a half cent up where binary floating point rounds it down', () => {
    // KRW 103,500 at 0.00073: 103500 × 73 = 7,555,500; / 100000 = 75.555 USD exactly = 7555.5 cents,
    // which rounds half away from zero to 7556 cents (75.56 USD).
    expect(convertMinor(103_500n, 0, ratioFromDecimal('0.00073'), 2)).toBe(7556n);
    // The float product is 75.55499999999999, so float rounding loses the cent: 75.55.
    expect(103_500 * 0.00073).toBe(75.55499999999999);
    expect(Math.round(103_500 * 0.00073 * 100)).toBe(7555);
    expect((103_500 * 0.00073).toFixed(2)).toBe('75.55');
  });

  it('rounds a refund symmetrically', () => {
    // −103,500 KRW → −75.555 USD → −7555.5 cents → −7556 (away from zero; Math.round would give −7555).
    expect(convertMinor(-103_500n, 0, ratioFromDecimal('0.00073'), 2)).toBe(-7556n);
  });

  it('converts between currencies with other minor units', () => {
    // USD 12.34 (1234 cents) at 1388.5 KRW/USD: 12 × 1388.5 = 16662; 0.34 × 1388.5 = 472.09;
    // total 17134.09 KRW → 17134 won. As one fraction: 1234 × 13885 × 10^0 / (10 × 10^2) = 17134090 / 1000.
    expect(convertMinor(1234n, 2, ratioFromDecimal('1388.5'), 0)).toBe(17_134n);
    // USD 100.00 at 0.376 BHD/USD = 37.600 BHD = 37600 fils: 10000 × 376 × 10^3 / (1000 × 10^2).
    expect(convertMinor(10_000n, 2, ratioFromDecimal('0.376'), 3)).toBe(37_600n);
    // USD 0.50 at 1 JPY/USD is 0.5 yen → 1 yen; a refund of 0.50 → −1 yen.
    expect(convertMinor(50n, 2, ratioFromDecimal('1'), 0)).toBe(1n);
    expect(convertMinor(-50n, 2, ratioFromDecimal('1'), 0)).toBe(-1n);
  });

  it('property: a refund converts to minus the spend', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 3 }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 3 }),
        (amount, from, units, scale, to) => {
          const rate = { num: units, den: 10n ** BigInt(scale) };
          expect(convertMinor(-amount, from, rate, to)).toBe(-convertMinor(amount, from, rate, to));
        },
      ),
    );
  });

  it('property: a rate of 1 between equal minor units changes nothing', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.integer({ min: 0, max: 4 }), (amount, digits) => {
        expect(convertMinor(amount, digits, ratioFromDecimal('1.000'), digits)).toBe(amount);
      }),
    );
  });
});

describe('ratioFromDecimal', () => {
  it('reads the exact fraction', () => {
    expect(ratioFromDecimal('0.00072')).toEqual({ num: 72n, den: 100_000n });
    expect(ratioFromDecimal('1388.50')).toEqual({ num: 13_885n, den: 10n });
    expect(ratioFromDecimal(decimalText(7.2e-7))).toEqual({ num: 72n, den: 100_000_000n });
    expect(() => ratioFromDecimal('7.2e-4')).toThrow(RangeError);
  });
});

describe('prorata', () => {
  it('shares by days elapsed', () => {
    // USD 60,000.00 planned for 2026, as of 2026-05-12 (day 132 of 365):
    // 6,000,000 × 132 = 792,000,000; / 365 = 2,169,863 rem 5 (365 × 2,169,863 = 791,999,995),
    // 5/365 < 1/2 → 2,169,863 cents = 21,698.63 USD.
    expect(prorata(6_000_000n, 132, 365)).toBe(2_169_863n);
    // 2028 is a leap year: 183 of 366 days is exactly half of 100 cents = 50.
    expect(prorata(100n, 183, 366)).toBe(50n);
    // 3 cents × 1/2 = 1.5 → 2; −3 × 1/2 = −1.5 → −2.
    expect(prorata(3n, 1, 2)).toBe(2n);
    expect(prorata(-3n, 1, 2)).toBe(-2n);
    expect(prorata(6_000_000n, 0, 365)).toBe(0n);
    expect(prorata(6_000_000n, 365, 365)).toBe(6_000_000n);
  });

  it('refuses bad day counts', () => {
    expect(() => prorata(1n, 1, 0)).toThrow(RangeError);
    expect(() => prorata(1n, 1.5, 365)).toThrow(RangeError);
  });

  it('property: the whole period gives the whole amount, and the share never exceeds it', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 1, max: 366 }),
        (m, total) => {
          expect(prorata(m, total, total)).toBe(m);
          for (const elapsed of [0, Math.floor(total / 2), total - 1]) {
            expect(abs(prorata(m, elapsed, total)) <= abs(m)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('formatMinor / minorToNumber', () => {
  it.each<[bigint, number, string]>([
    [123_456_780n, 2, '1,234,567.80'],
    [-1250n, 2, '-12.50'],
    [9_000_000n, 0, '9,000,000'],
    [100_000n, 2, '1,000.00'],
    [99_999n, 2, '999.99'],
    [5n, 2, '0.05'],
    [-5n, 3, '-0.005'],
    [0n, 2, '0.00'],
    [100n, 0, '100'],
    [-1234n, 0, '-1,234'],
    [123_456n, 3, '123.456'],
  ])('%s with %i digits → %s', (minor, digits, text) => {
    expect(formatMinor(minor, digits)).toBe(text);
  });

  it('can leave thousands ungrouped', () => {
    expect(formatMinor(123_456_780n, 2, { grouping: false })).toBe('1234567.80');
    expect(formatMinor(-9_000_000n, 0, { grouping: false })).toBe('-9000000');
  });

  it('gives JSON numbers that print as the exact decimal', () => {
    expect(minorToNumber(123_456_780n, 2)).toBe(1_234_567.8);
    expect(minorToNumber(-1250n, 2)).toBe(-12.5);
    expect(minorToNumber(9_000_000n, 0)).toBe(9_000_000);
    expect(JSON.stringify(minorToNumber(1n, 2))).toBe('0.01');
    // 0.1 + 0.2 drifts in floating point; the sum kept in cents does not.
    expect(JSON.stringify(minorToNumber(10n + 20n, 2))).toBe('0.3');
  });

  it('property: toMinor(formatMinor(x)) === x', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
        fc.integer({ min: 0, max: 4 }),
        (x, digits) => {
          expect(toMinor(formatMinor(x, digits, { grouping: false }), digits)).toBe(x);
        },
      ),
    );
  });

  it('property: grouping only inserts commas', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 3 }),
        (x, digits) => {
          const grouped = formatMinor(x, digits);
          expect(grouped.replaceAll(',', '')).toBe(formatMinor(x, digits, { grouping: false }));
          expect(grouped).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
        },
      ),
    );
  });

  it('property: minorToNumber is the double nearest the exact value', () => {
    // For |x| ≤ 2^53, Number(x) is exact and IEEE division is correctly rounded, so Number(x) / 10^d
    // is the nearest double to x / 10^d — an independent route to the same number.
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
        fc.integer({ min: 0, max: 4 }),
        (x, digits) => {
          expect(minorToNumber(x, digits)).toBe(Number(x) / 10 ** digits);
        },
      ),
    );
  });
});
