import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainIndicator } from '../../src/compute/explain.js';
import { computeStatus } from '../../src/compute/status.js';
import { checkFiles } from '../../src/load/index.js';
import { colours } from '../../src/render/colour.js';
import { renderExplain } from '../../src/render/status-explain.js';
import { day } from './helpers.js';

/**
 * Issue 16.4: no figure is ever non-finite. Figures the checks accept (0, or magnitudes from 1e-9
 * to 1e15) at their extremes and close to one another, through the real loader: whatever
 * validates gives finite status figures and an explanation without Infinity or NaN.
 */

const PLAN = `plan: {id: p, title: P, start: 2026, end: 2030, currency: USD}
programmes: [{id: AP, title: Air}]
results: [{id: AP.O1, level: outcome, programme: AP, title: Air}]
`;

/** Text for a YAML number that reads back as exactly `x`. */
const yamlNumber = (x: number) => (Object.is(x, -0) ? '0' : String(x));

const extreme = fc.oneof(
  // Just inside the range's ends: the next doubles above 1e-9 and below 1e15.
  fc.constantFrom(0, 1e-9, -1e-9, 1e15, -1e15, 1e-9 * (1 + Number.EPSILON), 1e15 - 0.125, 1, 5),
  fc.double({ min: 1e-9, max: 1e15, noNaN: true }),
  fc.double({ min: -1e15, max: -1e-9, noNaN: true }),
  fc.double({ min: 1e-12, max: 1e-9, noNaN: true }), // below the range: refused
  fc.double({ min: 1e15, max: 1e300, noNaN: true }), // above the range: refused
  fc.constantFrom(1e-321, 5e-324, 1e308),
);

function text(baseline: number, targets: number[], values: number[], direction: string, aggregation: string) {
  // The last years first: the plan's final year always has a target.
  const years = [2026, 2027, 2028, 2030].slice(4 - targets.length);
  const t = targets.map((v, i) => `${years[i]}: ${yamlNumber(v)}`).join(', ');
  const entries = values
    .map(
      (v, i) => `  - {indicator: X, period: ${2026 + i}, value: ${yamlNumber(v)}, date: ${2026 + i}-12-31}`,
    )
    .join('\n');
  return `${PLAN}indicators:
  - {id: X, result: AP.O1, title: X, unit: u, measure: number, direction: ${direction}, aggregation: ${aggregation},
     baseline: {year: 2025, value: ${yamlNumber(baseline)}}, targets: {${t}}, frequency: annual}
${values.length ? `progress:\n${entries}\n` : ''}`;
}

const numbers = (s: unknown): number[] => {
  if (typeof s === 'number') return [s];
  if (Array.isArray(s)) return s.flatMap(numbers);
  if (s && typeof s === 'object') return Object.values(s).flatMap(numbers);
  return [];
};

describe('indicator figures the checks accept never make a non-finite figure', () => {
  it('status and --explain, as of several dates', () => {
    fc.assert(
      fc.property(
        extreme,
        fc.array(extreme, { minLength: 1, maxLength: 4 }),
        fc.array(extreme, { maxLength: 5 }),
        fc.constantFrom('increase', 'decrease'),
        fc.constantFrom('level', 'cumulative'),
        (baseline, targets, values, direction, aggregation) => {
          const yaml = text(baseline, targets, values, direction, aggregation);
          const checked = checkFiles('/f', [{ name: 'fw.yaml', path: '/f/fw.yaml', text: yaml }]);
          const errors = checked.diagnostics.filter((d) => d.severity === 'error');
          const all = [baseline, ...targets, ...values];
          const outside = all.some((x) => x !== 0 && (Math.abs(x) < 1e-9 || Math.abs(x) > 1e15));
          // A figure outside the range is refused, and named as such.
          if (outside) expect(errors.map((e) => e.code)).toContain('figure-range');
          if (errors.length > 0 || !checked.framework) return;
          for (const asOf of ['2026-06-30', '2027-12-31', '2031-01-01'].map(day)) {
            const st = computeStatus(checked.framework, asOf);
            for (const n of numbers(st)) expect(Number.isFinite(n)).toBe(true);
            const x = explainIndicator(checked.framework, 'X', asOf);
            expect(x).toBeDefined();
            for (const n of numbers(x)) expect(Number.isFinite(n)).toBe(true);
            expect(renderExplain(x as NonNullable<typeof x>, colours(false))).not.toMatch(/Infinity|NaN/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("issue 16.4's case: a target of 1e-321 over a baseline of 0 is refused at the target", () => {
    const yaml = text(0, [1e-321], [1], 'increase', 'level');
    const checked = checkFiles('/f', [{ name: 'fw.yaml', path: '/f/fw.yaml', text: yaml }]);
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((e) => [e.code, e.message, e.src?.file.locate(e.src.path)])).toEqual([
      [
        'figure-range',
        '1e-321 is too small to compute with exactly enough: an indicator figure is 0 or of a magnitude from 0.000000001 to 1,000,000,000,000,000 (1e15)',
        // Line 6 of the text holds the targets; the position is the value's.
        { line: 6, col: (yaml.split('\n')[5] as string).indexOf('1e-321') + 1 },
      ],
    ]);
  });
});
