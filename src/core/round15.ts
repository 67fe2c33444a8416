/**
 * `Number(x.toPrecision(15))` without making a string: x rounded to 15 significant digits, the
 * same number to the bit. toPrecision costs about a microsecond, and status rounds every figure it
 * forms (a million entries make a few hundred thousand of them).
 *
 * Why the arithmetic gives the same number: with 10^e ≤ |x| < 10^(e+1), toPrecision(15) picks the
 * integer n nearest to p = |x| · 10^(14−e) (the larger on a tie), and Number() of its text is the
 * double nearest to n · 10^(e−14). Here 10^k (k ≤ 22) is exact, so p is |x|·10^k rounded once (off
 * by at most half a unit in its last place, at most 1/16 below 2^50), n is exact below 2^53, and n /
 * 10^k (or n · 10^k) is rounded once to the nearest double, as parsing the text rounds it. Whenever
 * p's fraction is within 1/16 of a half (so rounding p could have moved it across), or p is near
 * the ends of [10^14, 10^15) (so e could be off by one), or 10^k is not exact, toPrecision decides.
 */

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const LOW = 1e14 * (1 + 1e-9);
const HIGH = 1e15 * (1 - 1e-9);

/** x rounded to 15 significant digits, exactly as `Number(x.toPrecision(15))` (-0 gives 0). */
export function round15(x: number): number {
  if (Number.isInteger(x) && x < 1e15 && x > -1e15) return x + 0;
  if (!Number.isFinite(x)) return x;
  const a = x < 0 ? -x : x;
  const k = 14 - Math.floor(Math.log10(a));
  let p: number;
  if (k >= 0 && k <= 22) p = a * (POW10[k] as number);
  else if (k < 0 && k >= -22) p = a / (POW10[-k] as number);
  else return Number(x.toPrecision(15));
  if (!(p >= LOW && p < HIGH)) return Number(x.toPrecision(15));
  const whole = Math.floor(p);
  const fraction = p - whole;
  if (fraction > 0.4375 && fraction < 0.5625) return Number(x.toPrecision(15));
  const n = fraction > 0.5 ? whole + 1 : whole;
  const r = k >= 0 ? n / (POW10[k] as number) : n * (POW10[-k] as number);
  return x < 0 ? -r : r;
}
