import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/compute/report.js';
import { computeVariance } from '../../src/compute/variance.js';
import { parseDate } from '../../src/core/dates.js';
import { readFrameworkFiles } from '../../src/load/files.js';
import { checkFiles } from '../../src/load/index.js';
import { ROOT } from '../helpers/cli.js';

function load(rel: string) {
  const root = path.join(ROOT, rel);
  const checked = checkFiles(root, readFrameworkFiles(root, ROOT));
  if (!checked.framework) throw new Error('fixture did not load');
  return { fw: checked.framework, diagnostics: checked.diagnostics };
}

const day = (s: string) => parseDate(s) as number;

describe('computeReport arranges, never recomputes', () => {
  for (const [rel, asOf] of [
    ['test/report/fixture', '2026-07-01'],
    ['frameworks/neaspec-2026-2030', '2026-11-28'],
  ] as const) {
    it(`${rel} as of ${asOf}: every indicator in exactly one programme section; budget rows are the variance rows`, () => {
      const { fw, diagnostics } = load(rel);
      const data = computeReport(fw, day(asOf), {
        generated: day('2026-11-28'),
        framework: rel,
        diagnostics,
      });
      const shown = data.programmes.flatMap((p) =>
        p.results.flatMap((r) => r.indicators.map((i) => i.status.id)),
      );
      expect([...shown].sort()).toEqual(fw.indicators.map((i) => i.id).sort());
      // Programme budgets are the rows of computeVariance(…, 'programme', 'pro-rata'), figure for figure.
      const v = computeVariance(fw, day(asOf), 'programme', 'pro-rata');
      expect(data.budget.byProgramme).toEqual(v);
      for (const p of data.programmes) {
        const row = v.rows.find((r) => r.key === p.id) ?? null;
        expect(p.budget).toEqual(row);
      }
      expect(data.budget.bySource).toEqual(computeVariance(fw, day(asOf), 'source', 'pro-rata'));
      // Section counts add up to the summary.
      for (const s of ['on-track', 'at-risk', 'off-track', 'no-data'] as const) {
        expect(data.programmes.reduce((a, p) => a + p.summary[s], 0)).toBe(data.summary.byStatus[s]);
      }
      expect(data.notes.warnings.every((d) => d.severity === 'warning')).toBe(true);
      expect(data.notes.warnings).toHaveLength(diagnostics.filter((d) => d.severity === 'warning').length);
    });
  }

  it('counts only entries dated on or before the as-of date, and the illustrative ones among them', () => {
    const { fw, diagnostics } = load('test/report/fixture');
    // As of 2026-04-10: results AP.O1.1-a Q1 (04-10); spending 02-01, 03-15, 04-01 (illustrative).
    const data = computeReport(fw, day('2026-04-10'), {
      generated: day('2026-11-28'),
      framework: 'x',
      diagnostics,
    });
    expect(data.entries).toEqual({ total: 4, results: 1, spending: 3, resources: 0 });
    expect(data.notes.illustrative).toEqual({ total: 1, results: 0, spending: 1, resources: 0 });
  });
});
