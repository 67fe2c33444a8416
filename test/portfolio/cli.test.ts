import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/** `portfolio` end to end on examples/portfolio: formats, exit codes and messages. */

const EX = 'examples/portfolio';
const ARGS = ['portfolio', `${EX}/programme`, `${EX}/project-a`, `${EX}/project-b`, '--as-of', '2026-12-31'];

describe('portfolio', () => {
  it('json: the contract fields, with the figures worked out in the README', async () => {
    const r = await runCli([...ARGS, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).slice(0, 3)).toEqual(['asOf', 'framework', 'indicators']);
    expect(j.framework).toBe('water-programme');
    const w1 = j.indicators[0];
    expect(Object.keys(w1).slice(0, 7)).toEqual([
      'id',
      'unit',
      'actual',
      'expected',
      'progress',
      'status',
      'contributors',
    ]);
    // 10 + (4 + 6 + 5) + (9 − 0) = 34; (34 − 10) / (30 − 10) = 1.2.
    expect([w1.id, w1.actual, w1.expected, w1.progress, w1.status]).toEqual(['W-1', 34, 30, 1.2, 'on-track']);
    expect(
      w1.contributors.map((c: { framework: string; indicator: string; actual: number }) => [
        c.framework,
        c.indicator,
        c.actual,
      ]),
    ).toEqual([
      ['project-a', 'A-1', 15],
      ['project-b', 'B-1', 9],
    ]);
    expect(j.warnings.map((w: { code: string; line: number }) => [w.code, w.line])).toEqual([
      ['portfolio-unmapped', 27],
    ]);
  });

  it('csv: a row per indicator and per contribution', async () => {
    const r = await runCli([...ARGS, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'indicator,framework,contributor,unit,measure,aggregation,period,baseline,actual,share,expected,final,progress,status',
    );
    expect(lines[1]).toBe(
      'W-1,water-programme,,water points,number,cumulative,2026,10,34,,30,80,1.2,on-track',
    );
    expect(lines[2]).toBe('W-1,project-a,A-1,water points,number,cumulative,2026-Q3,,15,0.625,,,,');
    // 4 indicators, 2 contributors each.
    expect(lines).toHaveLength(1 + 4 * 3);
  });

  it('md: one table', async () => {
    const r = await runCli([...ARGS, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '| W-1 Water points installed | portfolio | 2026 | 10 | 34 |  | 30 | 80 | 120% | on-track |',
    );
    expect(r.stdout).toContain('|  | project-b B-1 | 2026-H2 |  | 9 | 37.5% |  |  |  |  |');
  });

  it('a path given twice is a usage error; a bad date too', async () => {
    const twice = await runCli(['portfolio', `${EX}/programme`, `${EX}/project-a`, `${EX}/project-a/`]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('is the same framework as');
    const bad = await runCli([...ARGS.slice(0, 3), '--as-of', '2026-13-01']);
    expect(bad.code).toBe(2);
  });

  it("report --portfolio adds the portfolio section to the parent's meeting report, in every format", async () => {
    const args = [
      '--framework',
      `${EX}/programme`,
      'report',
      '--as-of',
      '2026-12-31',
      '--portfolio',
      `${EX}/project-a`,
      `${EX}/project-b`,
    ];
    const md = await runCli([...args, '--format', 'md']);
    expect(md.code).toBe(0);
    // After the status by programme area, before the budget.
    const at = md.stdout.indexOf('## Portfolio');
    expect(at).toBeGreaterThan(md.stdout.indexOf('W — Safe water in schools'));
    expect(at).toBeLessThan(md.stdout.indexOf('## Budget versus actual'));
    expect(md.stdout).toContain(
      '| **W-1 Water points installed** | portfolio | 2026 | 34 |  | 30 | 120.0% | on-track |',
    );
    expect(md.stdout).toContain('|  | project-b B-1 | 2026-H2 | 9 | 37.5% |  |  |  |');
    const j = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
    expect(j.portfolio.framework).toBe('water-programme');
    expect(j.portfolio.indicators.map((i: { actual: number | null }) => i.actual)).toEqual([
      34,
      9,
      66.6666666666667,
      null,
    ]);
    const html = await runCli([...args, '--format', 'html']);
    expect(html.stdout).toContain('<section class="portfolio">');
    const text = await runCli([...args]);
    expect(text.stdout).toContain('PORTFOLIO');
    // Without --portfolio, no such section.
    const plain = await runCli([
      '--framework',
      `${EX}/programme`,
      'report',
      '--as-of',
      '2026-12-31',
      '--format',
      'md',
    ]);
    expect(plain.stdout).not.toContain('Portfolio');
  });

  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('a mismatch refuses the portfolio with file:line:col, exit 1 and nothing on stdout', async () => {
    cpSync(path.join(ROOT, EX), dir, { recursive: true });
    const a = path.join(dir, 'project-a', 'plan.yaml');
    writeFileSync(a, readFileSync(a, 'utf8').replace('A-2: W-2', 'A-2: W-1'));
    const r = await runCli(['portfolio', 'programme', 'project-a', 'project-b', '--as-of', '2026-12-31'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // A-2 counts schools, W-1 water points; the caret is at the value W-1 (6 spaces, `indicators: {`, `A-1: W-1, A-2: `).
    expect(r.stderr).toContain('project-a/plan.yaml:14:35: error portfolio-unit');
    expect(r.stderr).toContain('nothing is added up until they are fixed');
  });
});
