/**
 * Array helpers that stay safe for arrays of any length: spreading an array into a call
 * (`push(...xs)`, `Math.max(...xs)`) passes every element as an argument, and past some
 * 100,000 elements that overflows the stack ("Maximum call stack size exceeded").
 */

/** Appends every item of `items` to `out`; returns `out`. */
export function pushAll<T>(out: T[], items: Iterable<T>): T[] {
  for (const item of items) out.push(item);
  return out;
}

/** The largest of `start` and every value (`start` for none). */
export function maxOf(values: Iterable<number>, start = Number.NEGATIVE_INFINITY): number {
  let m = start;
  for (const v of values) if (v > m || Number.isNaN(v)) m = v;
  return m;
}

/** The smallest of `start` and every value (`start` for none). */
export function minOf(values: Iterable<number>, start = Number.POSITIVE_INFINITY): number {
  let m = start;
  for (const v of values) if (v < m || Number.isNaN(v)) m = v;
  return m;
}
