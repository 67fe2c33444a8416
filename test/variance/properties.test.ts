import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeVariance } from '../../src/compute/variance.js';
import type { Basis, VarianceBy, VarianceFigures } from '../../src/model/reports.js';
import { budgetArb, budgetYaml } from './generate.js';
import { frameworkFrom } from './helpers.js';

const BY: VarianceBy[] = ['line', 'result', 'programme', 'source', 'category', 'year'];
const BASES: Basis[] = ['pro-rata', 'year'];
const MONEY = ['plannedTotal', 'plannedToDate', 'actual', 'variance', 'remaining'] as const;

const sum = (rows: VarianceFigures[], field: (typeof MONEY)[number]) =>
  rows.reduce((a, r) => a + r[field], 0n);

describe('variance invariants (generated budgets)', () => {
  it('the total row equals the sum of its rows, for every --by and --basis', () => {
    fc.assert(
      fc.property(budgetArb, (b) => {
        const fw = frameworkFrom({ 'gen.yaml': budgetYaml(b) });
        for (const by of BY) {
          for (const basis of BASES) {
            const r = computeVariance(fw, b.asOf, by, basis);
            for (const field of MONEY)
              expect(sum(r.rows, field), `${by} ${basis} ${field}`).toBe(r.total[field]);
            // Each row's derived figures follow from its own money.
            for (const row of [...r.rows, r.total]) {
              expect(row.variance).toBe(row.plannedToDate - row.actual);
              expect(row.remaining).toBe(row.plannedTotal - row.actual);
              expect(row.execution).toBe(
                row.plannedToDate === 0n ? null : Number(row.actual) / Number(row.plannedToDate),
              );
            }
            // Keys are unique, and "-" comes last if present.
            const keys = r.rows.map((x) => x.key);
            expect(new Set(keys).size).toBe(keys.length);
            if (keys.includes('-')) expect(keys.at(-1)).toBe('-');
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('actual summed by line equals actual summed by year (and the same totals for every roll-up)', () => {
    fc.assert(
      fc.property(budgetArb, (b) => {
        const fw = frameworkFrom({ 'gen.yaml': budgetYaml(b) });
        const byLine = computeVariance(fw, b.asOf, 'line', 'pro-rata');
        const byYear = computeVariance(fw, b.asOf, 'year', 'pro-rata');
        expect(sum(byYear.rows, 'actual')).toBe(sum(byLine.rows, 'actual'));
        // …and both equal the plain sum of the spending dated on or before D.
        const spent = b.spends.filter((s) => s.date <= b.asOf).reduce((a, s) => a + s.cents, 0n);
        expect(sum(byLine.rows, 'actual')).toBe(spent);
        for (const by of BY) expect(computeVariance(fw, b.asOf, by, 'pro-rata').total).toEqual(byLine.total);
      }),
      { numRuns: 150 },
    );
  });

  it('planned to date lies between nothing and the planned total, and basis year never plans less', () => {
    fc.assert(
      fc.property(budgetArb, (b) => {
        const fw = frameworkFrom({ 'gen.yaml': budgetYaml(b) });
        const pro = computeVariance(fw, b.asOf, 'line', 'pro-rata');
        const year = computeVariance(fw, b.asOf, 'line', 'year');
        pro.rows.forEach((row, i) => {
          expect(row.plannedToDate >= 0n && row.plannedToDate <= row.plannedTotal).toBe(true);
          expect((year.rows[i]?.plannedToDate ?? -1n) >= row.plannedToDate).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
