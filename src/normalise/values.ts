import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Measure } from '../model/framework.js';
import type { Src } from '../model/source.js';
import { notANumber } from './schema-issues.js';

/**
 * Indicator figures (baselines, targets, values, numerators, denominators) are 0 or lie in this
 * range of magnitudes. Progress divides by (expected − baseline): with figures this size the
 * difference of two of them is never so small that the quotient overflows (a target of 1e-321
 * over a baseline of 0 made progress Infinity), and sums stay far from overflow.
 */
export const FIGURE_MIN = 1e-9;
export const FIGURE_MAX = 1e15;

/** True when `value` is 0 or of a magnitude within [FIGURE_MIN, FIGURE_MAX]. */
export function inFigureRange(value: number): boolean {
  const abs = Math.abs(value);
  return abs === 0 || (abs >= FIGURE_MIN && abs <= FIGURE_MAX);
}

/** The `figure-range` error for a number outside 0 ∪ [FIGURE_MIN, FIGURE_MAX] in magnitude, or undefined. */
export function figureRange(value: number, at: Src): Diagnostic | undefined {
  if (inFigureRange(value)) return undefined;
  const abs = Math.abs(value);
  return error(
    'figure-range',
    `${value} is ${abs < FIGURE_MIN ? 'too small' : 'too large'} to compute with exactly enough: an indicator figure is 0 or of a magnitude from 0.000000001 to 1,000,000,000,000,000 (1e15)`,
    at,
  );
}

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
  const range = figureRange(value, at);
  if (range) {
    diagnostics.push(range);
    return undefined;
  }
  return value;
}
