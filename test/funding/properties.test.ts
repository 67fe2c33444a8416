import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFunding } from '../../src/compute/funding.js';
import { computeVariance } from '../../src/compute/variance.js';
import type { FundingSums } from '../../src/model/reports.js';
import { frameworkFrom } from '../variance/helpers.js';
import { fundingArb, fundingYaml } from './generate.js';

const SUMS = ['pledged', 'received', 'inKind', 'outstanding', 'secured'] as const;
const SOURCE_MONEY = [...SUMS, 'planned', 'gap', 'opening', 'spent', 'balance'] as const;

function total<T extends FundingSums>(rows: T[], field: keyof T): bigint {
  return rows.reduce((a, r) => a + (r[field] as bigint), 0n);
}

describe('funding invariants (generated frameworks)', () => {
  it('source, contributor and year rows add up to the same totals; the total row is the sum of the source rows', () => {
    fc.assert(
      fc.property(fundingArb, (g) => {
        const r = computeFunding(frameworkFrom({ 'gen.yaml': fundingYaml(g) }), g.asOf);
        for (const f of SOURCE_MONEY) expect(total(r.sources, f), `sources ${f}`).toBe(r.total[f]);
        for (const f of SUMS) {
          expect(total(r.contributors, f), `contributors ${f}`).toBe(r.total[f]);
          expect(total(r.years, f), `years ${f}`).toBe(r.total[f]);
          expect(total(r.status, f), `status of contributions ${f}`).toBe(r.total[f]);
        }
        expect(total(r.years, 'planned')).toBe(r.total.planned);
        expect(total(r.years, 'gap')).toBe(r.total.gap);
      }),
      { numRuns: 150 },
    );
  });

  it('balance = opening + cash received − spent, and spent is variance’s actual by source', () => {
    fc.assert(
      fc.property(fundingArb, (g) => {
        const fw = frameworkFrom({ 'gen.yaml': fundingYaml(g) });
        const r = computeFunding(fw, g.asOf);
        // Cash received and spent by source, straight from the generated entries dated ≤ D.
        const cash = new Map<string, bigint>();
        for (const m of g.money) {
          if (m.kind !== 'cash' || m.date > g.asOf) continue;
          const k = `S${m.source + 1}`;
          cash.set(k, (cash.get(k) ?? 0n) + m.cents);
        }
        const v = new Map(
          computeVariance(fw, g.asOf, 'source', 'pro-rata').rows.map((x) => [x.key, x.actual]),
        );
        for (const row of r.sources) {
          const i = row.key === '-' ? -1 : Number(row.key.slice(1)) - 1;
          const opening = i < 0 ? 0n : (g.openings[i] ?? 0n);
          expect(row.opening).toBe(opening);
          expect(row.spent, `spent ${row.key}`).toBe(v.get(row.key) ?? 0n);
          expect(row.balance, `balance ${row.key}`).toBe(opening + (cash.get(row.key) ?? 0n) - row.spent);
          expect(row.received - row.inKind).toBe(cash.get(row.key) ?? 0n);
          expect(row.gap).toBe(row.planned - row.secured);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('per row: outstanding ≥ 0, secured ≥ pledged and ≥ received, secured = received + outstanding', () => {
    fc.assert(
      fc.property(fundingArb, (g) => {
        const r = computeFunding(frameworkFrom({ 'gen.yaml': fundingYaml(g) }), g.asOf);
        for (const row of [...r.sources, ...r.contributors, ...r.years, ...r.status]) {
          expect(row.outstanding >= 0n).toBe(true);
          expect(row.secured >= row.pledged && row.secured >= row.received).toBe(true);
          // Per cell max(p, r) = r + max(0, p − r); the rows add cells.
          expect(row.secured).toBe(row.received + row.outstanding);
        }
      }),
      { numRuns: 100 },
    );
  });
});
