import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * `variance --format csv` carries `originalPlannedTotal` (the planned total as written, before any
 * revision), as the JSON does, as its last column. Figures worked by hand from DESIGN.md (Budget).
 */
describe('variance --format csv: the planned total as written', () => {
  const tmp = tempDir('neaspec-variance-csv-');
  afterAll(() => tmp.cleanup());
  const fw = path.join(tmp.dir, 'fw');
  mkdirSync(path.join(fw, 'progress'), { recursive: true });
  // L1 1,000 a year, raised for 2027 to 1,600 by R from 2026-03-01; L2 500 a year, never revised.
  writeFileSync(
    path.join(fw, 'plan.yaml'),
    `plan: {id: csv, title: CSV plan, start: 2026, end: 2027, currency: USD}
programmes: [{id: P, title: Programme}]
results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]
indicators:
  - {id: P.O1-a, result: P.O1, title: Things, unit: things, measure: number, direction: increase,
     aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2027: 10}, frequency: annual}
budget:
  sources: [{id: CORE, title: Core}]
  lines:
    - {id: L1, title: Line one, result: P.O1, source: CORE, planned: {2026: 1000, 2027: 1000}}
    - {id: L2, title: Line two, result: P.O1, source: CORE, planned: {2026: 500, 2027: 500}}
revisions:
  - {id: R, date: 2026-03-01, title: More for 2027, planned: {L1: {2027: 1600}}}
`,
  );
  writeFileSync(
    path.join(fw, 'progress', '2026.yaml'),
    `progress:
  - {spend: L1, amount: 400, date: 2026-05-01}
  - {spend: L2, amount: 100, date: 2026-06-01}
`,
  );
  const csv = async (asOf: string) => {
    const r = await runCli(['--framework', fw, 'variance', '--as-of', asOf, '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout.split('\n');
  };

  it('as of 2026-12-31, with R in force: planned totals as revised, and as written in the last column', async () => {
    // D is the last day of 2026: the whole of 2026 is planned to date, and half of the plan's 730
    // days have elapsed, so projected = actual / 0.5.
    // L1: total 1,000 + 1,600 = 2,600 (as written 2,000); to date 1,000; actual 400; variance 600;
    //     execution 0.4; remaining 2,200; projected 800.
    // L2: total 1,000 (as written 1,000); to date 500; actual 100; variance 400; execution 0.2;
    //     remaining 900; projected 200.
    // Total: 3,600 (as written 3,000); 1,500; 500; 1,000; 500 / 1,500; 3,100; 1,000.
    expect(await csv('2026-12-31')).toEqual([
      'key,title,plannedTotal,plannedToDate,actual,variance,execution,remaining,projected,originalPlannedTotal',
      'L1,Line one,2600.00,1000.00,400.00,600.00,0.4,2200.00,800.00,2000.00',
      'L2,Line two,1000.00,500.00,100.00,400.00,0.2,900.00,200.00,1000.00',
      `total,Total,3600.00,1500.00,500.00,1000.00,${500 / 1500},3100.00,1000.00,3000.00`,
      '',
    ]);
  });

  it('before R: the planned total and the planned total as written are the same', async () => {
    const lines = await csv('2026-02-28');
    const header = (lines[0] ?? '').split(',');
    const col = (line: string | undefined, name: string) => (line ?? '').split(',')[header.indexOf(name)];
    expect([col(lines[1], 'plannedTotal'), col(lines[1], 'originalPlannedTotal')]).toEqual([
      '2000.00',
      '2000.00',
    ]);
    expect([col(lines[3], 'plannedTotal'), col(lines[3], 'originalPlannedTotal')]).toEqual([
      '3000.00',
      '3000.00',
    ]);
  });
});
