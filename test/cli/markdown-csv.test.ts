import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** A raw HTML tag in Markdown: `<` followed by a letter, `/` or `!`, not escaped with a backslash. */
const RAW_HTML = /(?<!\\)<[/!A-Za-z]/;

/** One milestone indicator whose target curve passes between levels, and titles full of markup. */
const FRAMEWORK = `plan:
  id: markup
  title: "Plan <b>bold</b> | pipe"
  start: 2026
  end: 2028
  currency: USD
  dimensions:
    country: [MN, KR]
programmes:
  - {id: P, title: "Air <sub>2</sub> | *stars*"}
results:
  - {id: P.O1, level: outcome, programme: P, title: "Outcome <br> one"}
indicators:
  - id: P.O1-a
    result: P.O1
    title: "Plan <script>x</script> stage"
    unit: stage
    measure: milestone
    direction: increase
    aggregation: level
    levels: [not started, drafted, endorsed, implemented]
    baseline: {year: 2025, value: not started}
    targets: {2027: implemented, 2028: implemented}
    frequency: annual
  - id: P.O1-b
    result: P.O1
    title: Experts trained
    unit: people
    measure: number
    direction: increase
    aggregation: cumulative
    baseline: {year: 2025, value: 0}
    targets: {2028: 10}
    frequency: annual
    disaggregate: [country]
budget:
  sources: [{id: S, title: "Fund <i>one</i>"}]
  lines:
    - {id: B1, title: "Line <br> one", result: P.O1, source: S, category: "<em>travel</em>", planned: {2026: 1000, 2027: 1000, 2028: 1000}}
progress:
  - {indicator: P.O1-a, period: 2026, value: drafted, date: 2026-12-31}
  - {indicator: P.O1-b, period: 2026, value: 2, country: MN, date: 2026-12-31}
  - {indicator: P.O1-b, period: 2026, value: 1, country: KR, date: 2026-12-31}
  - {spend: B1, date: 2026-06-01, amount: 100}
`;

describe('Markdown has no raw HTML; CSV keeps stable keys and writes milestones as level names', () => {
  const tmp = tempDir('neaspec-md-csv-');
  afterAll(() => tmp.cleanup());
  const file = path.join(tmp.dir, 'framework.yaml');
  writeFileSync(file, FRAMEWORK);
  const run = (...args: string[]) => runCli(['--framework', file, ...args, '--as-of', '2027-01-15']);

  for (const cmd of [['status'], ['variance'], ['variance', '--by', 'category'], ['report']]) {
    it(`${cmd.join(' ')} --format md escapes every tag a title holds`, async () => {
      const r = await run(...cmd, '--format', 'md');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW_HTML);
    });
  }

  it('the shipped report in Markdown has no raw HTML: a breakdown follows its title in plain text', async () => {
    const r = await runCli([
      '--framework',
      'frameworks/neaspec-2026-2030',
      'report',
      '--format',
      'md',
      '--as-of',
      '2026-11-28',
    ]);
    expect(r.stdout).not.toMatch(RAW_HTML);
    const r2 = await run('report', '--format', 'md');
    // P.O1-b's 2026 breakdown: MN 2, KR 1 (in the dimension's order).
    expect(r2.stdout).toContain('P.O1-b Experts trained (people) — _country: MN 2 · KR 1_ |');
  });

  it('status --format csv: the JSON field names as header; milestones as level names, between two levels both', async () => {
    const r = await run('status', '--format', 'csv');
    expect(r.code).toBe(0);
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    expect(head).toBe(
      'id,result,programme,title,unit,measure,direction,aggregation,baseline,period,actual,expected,final,progress,status,achieved,forecast,overdue,missing,revisions,originalFinal,incomplete',
    );
    const milestone = (rows.find((l) => l.startsWith('P.O1-a,')) ?? '').split(',');
    // t = 31 Dec 2026; the curve runs from (31 Dec 2025, 0) to (31 Dec 2027, 3): 365/730 × 3 = 1.5,
    // between drafted (1) and endorsed (2). Actual drafted (1): progress = (1 − 0) / (1.5 − 0).
    expect(milestone.slice(8, 13)).toEqual([
      'not started',
      '2026',
      'drafted',
      'drafted–endorsed',
      'implemented',
    ]);
    // progress stays the unrounded ratio, a number as in JSON.
    expect(Number(milestone[13])).toBeCloseTo(1 / 1.5, 12);
    // originalFinal is a level name too (no revision: the final target, implemented).
    expect(milestone[20]).toBe('implemented');
  });
});
