import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * `report --format json`'s `sdg`: the results grouped by SDG goal (src/compute/sdg-goals.ts), on
 * the IATI fixture, whose SDG targets are: IMP 13.a (no indicator); AP.O1 11.6 and 3.9 (its
 * indicators AP.O1-p and AP.O1-m name none); AP.O1.1's indicator AP.O1.1-n 16.10 and 11.6.
 */

const FIXTURE = 'test/export/fixtures/iati';

async function json(args: string[]) {
  const r = await runCli(['--framework', FIXTURE, ...args, '--format', 'json', '--as-of', '2027-01-31']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the report groups results by SDG goal', () => {
  test("goals in number order; a result under each goal it serves, with its own and its indicators' targets", async () => {
    const report = await json(['report']);
    const status: Record<string, string> = Object.fromEntries(
      (await json(['status'])).indicators.map((i: { id: string; status: string }) => [i.id, i.status]),
    );
    const shape = report.sdg.map(
      (g: {
        goal: number;
        title: string;
        targets: string[];
        results: { id: string; targets: string[]; indicators: { id: string; targets: string[] }[] }[];
      }) => ({
        goal: g.goal,
        title: g.title,
        targets: g.targets,
        results: g.results.map(
          (r) =>
            `${r.id} ${r.targets.join(',')} [${r.indicators.map((i) => `${i.id}:${i.targets.join(',')}`).join(' ')}]`,
        ),
      }),
    );
    expect(shape).toEqual([
      {
        goal: 3,
        title: 'Good health and well-being',
        targets: ['3.9'],
        results: ['AP.O1 3.9 [AP.O1-p: AP.O1-m:]'],
      },
      {
        goal: 11,
        title: 'Sustainable cities and communities',
        targets: ['11.6'],
        results: ['AP.O1 11.6 [AP.O1-p: AP.O1-m:]', 'AP.O1.1 11.6 [AP.O1.1-n:11.6]'],
      },
      { goal: 13, title: 'Climate action', targets: ['13.a'], results: ['IMP 13.a []'] },
      {
        goal: 16,
        title: 'Peace, justice and strong institutions',
        targets: ['16.10'],
        results: ['AP.O1.1 16.10 [AP.O1.1-n:16.10]'],
      },
    ]);
    // Each indicator's status is status's own; each goal's summary counts its indicators once.
    for (const g of report.sdg) {
      const counted: Record<string, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0 };
      for (const r of g.results)
        for (const i of r.indicators) {
          expect(i.status).toBe(status[i.id]);
          counted[i.status] = (counted[i.status] ?? 0) + 1;
        }
      expect(g.summary).toEqual(counted);
    }
  });

  test('the rendered report has the section after the programme areas, in every format', async () => {
    const run = async (fw: string, format: string) => {
      const r = await runCli(['--framework', fw, 'report', '--format', format, '--as-of', '2027-01-31']);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const status = (await json(['status'])).indicators.find(
      (i: { id: string }) => i.id === 'AP.O1.1-n',
    ).status;
    const word = {
      'on-track': 'On track',
      'at-risk': 'At risk',
      'off-track': 'Off track',
      'no-data': 'No data',
    }[status as string];
    const md = await run(FIXTURE, 'md');
    const at = md.indexOf('## Results by SDG goal');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(md.indexOf('## Budget versus actual'));
    expect(md).toContain(
      [
        '### Goal 13: Climate action',
        '',
        '| Result | Targets | Indicator | Status |',
        '| --- | --- | --- | --- |',
        '| IMP Cleaner air in the region | 13.a | _no indicator_ | _—_ |',
        '',
        '### Goal 16: Peace, justice and strong institutions',
        '',
        '| Result | Targets | Indicator | Status |',
        '| --- | --- | --- | --- |',
        `| AP.O1.1 Policy reports published | 16.10 | \`AP.O1.1-n\` | ${word} |`,
      ].join('\n'),
    );
    expect(await run(FIXTURE, 'text')).toContain('RESULTS BY SDG GOAL');
    expect(await run(FIXTURE, 'html')).toContain('<section class="sdg">');
    // Nothing names a target in the minimal example: no section.
    expect(await run('examples/minimal', 'md')).not.toContain('SDG');
  });

  test('a framework that names no SDG target has an empty list', async () => {
    const r = await runCli([
      '--framework',
      'examples/minimal',
      'report',
      '--format',
      'json',
      '--as-of',
      '2026-11-28',
    ]);
    expect(JSON.parse(r.stdout).sdg).toEqual([]);
  });
});
