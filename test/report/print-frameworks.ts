import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Generated frameworks for the print tests: big enough that every section of the HTML report
 * (programme areas, the execution chart, both budget tables, the Resources chart and tables, the
 * notes) runs over page boundaries on A4, at places that move with the sizes chosen.
 */
export interface PrintSizes {
  /** Programme areas, each with one outcome. */
  programmes: number;
  /** Indicators under each outcome. */
  indicators: number;
  /** Funding sources, each with one budget line per programme in turn. */
  sources: number;
  /** Contributors, each pledging to a source and paying part of it. */
  contributors: number;
}

/** Writes a framework directory (plan.yaml, progress/ledger.yaml) of the given sizes; returns its path. */
export function printFramework(dir: string, s: PrintSizes): string {
  const pad = (i: number) => String(i + 1).padStart(3, '0');
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const plan = [
    'plan: {id: print, title: Print test plan, start: 2026, end: 2028, currency: USD}',
    'programmes:',
    ...range(s.programmes).map(
      (p) => `  - {id: P${pad(p)}, title: Programme area ${pad(p)} with a longer title}`,
    ),
    'results:',
    ...range(s.programmes).map(
      (p) =>
        `  - {id: P${pad(p)}.O1, level: outcome, programme: P${pad(p)}, title: Outcome of area ${pad(p)}}`,
    ),
    'indicators:',
    ...range(s.programmes).flatMap((p) =>
      range(s.indicators).map(
        (i) =>
          `  - {id: P${pad(p)}.O1-${pad(i)}, result: P${pad(p)}.O1, title: Things counted ${pad(i)}, unit: things, measure: number, direction: increase, aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2028: 30}, frequency: annual}`,
      ),
    ),
    'budget:',
    '  sources:',
    ...range(s.sources).map(
      (k) => `    - {id: S${pad(k)}, title: Funding source ${pad(k)}, opening_balance: 500}`,
    ),
    '  contributors:',
    ...range(s.contributors).map((c) => `    - {id: C${pad(c)}, title: Contributor ${pad(c)}}`),
    '  lines:',
    ...range(s.sources).map(
      (k) =>
        `    - {id: L${pad(k)}, title: Line ${pad(k)}, result: P${pad(k % s.programmes)}.O1, source: S${pad(k)}, planned: {2026: 1000, 2027: 1000, 2028: 1000}}`,
    ),
    '',
  ].join('\n');
  const progress = [
    'progress:',
    ...range(s.programmes).flatMap((p) =>
      range(s.indicators)
        .filter((i) => (p + i) % 3 !== 0)
        .map(
          (i) =>
            `  - {indicator: P${pad(p)}.O1-${pad(i)}, period: 2026, value: ${(p + i) % 12}, date: 2026-06-30, source: test}`,
        ),
    ),
    ...range(s.sources).map((k) => `  - {spend: L${pad(k)}, amount: ${100 + k}, date: 2026-05-01}`),
    ...range(s.contributors).flatMap((c) => [
      `  - {pledge: S${pad(c % s.sources)}, from: C${pad(c)}, year: 2026, amount: 800, date: 2025-12-01}`,
      `  - {contribution: S${pad(c % s.sources)}, from: C${pad(c)}, year: 2026, amount: ${200 + c}, date: 2026-03-01}`,
    ]),
    '',
  ].join('\n');
  mkdirSync(path.join(dir, 'progress'), { recursive: true });
  writeFileSync(path.join(dir, 'plan.yaml'), plan);
  writeFileSync(path.join(dir, 'progress', 'ledger.yaml'), progress);
  return dir;
}
