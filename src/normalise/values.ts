import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Measure } from '../model/framework.js';
import type { Src } from '../model/source.js';
import { notANumber } from './schema-issues.js';

/**
 * A baseline or target as a number: a level index for milestones, else a finite number (0–100 for
 * percent). Used for the indicator as written and for the targets a revision sets.
 */
export function targetNumber(
  measure: Measure,
  levels: readonly string[] | undefined,
  value: number | string,
  at: Src,
  diagnostics: Diagnostic[],
): number | undefined {
  if (measure === 'milestone') {
    if (!levels) return undefined;
    const idx = typeof value === 'string' ? levels.indexOf(value) : -1;
    if (idx === -1) {
      diagnostics.push(
        error(
          'milestone-level',
          `${JSON.stringify(value)} is not one of the levels: ${levels.join(', ')}`,
          at,
        ),
      );
      return undefined;
    }
    return idx;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    diagnostics.push(notANumber(value, at));
    return undefined;
  }
  if (measure === 'percent' && (value < 0 || value > 100)) {
    diagnostics.push(error('percent-range', `a percent lies in 0–100, not ${value}`, at));
  }
  return value;
}
