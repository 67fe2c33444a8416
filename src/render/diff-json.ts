import type { DiffReport } from '../compute/diff.js';
import { minorToNumber } from '../core/money.js';

/**
 * `diff --format json`: the DiffReport as it is (shape in the README), money as JSON numbers
 * rounded to the currency's minor unit (every bigint in it is money in the plan currency), ratios
 * unrounded; `digits` is left out (the currency says it).
 */
export function renderDiffJson(report: DiffReport): string {
  const { digits, ...rest } = report;
  const json = JSON.stringify(
    rest,
    (_k, v: unknown) => (typeof v === 'bigint' ? minorToNumber(v, digits) : v),
    2,
  );
  return `${json}\n`;
}
