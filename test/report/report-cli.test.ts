import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const FIXTURE = 'test/report/fixture';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
const ANSI = /\u001b\[/;

describe('report command', () => {
  const tmp = tempDir('neaspec-report-cli-');
  afterAll(() => tmp.cleanup());

  it('json: title facts, the status and variance JSON, and the notes (fixture as of 2026-07-01)', async () => {
    const r = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-07-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ asOf: '2026-07-01', generated: '2026-11-28', framework: FIXTURE, entries: 10 });
    expect(j.plan).toEqual({
      id: 'report-fixture',
      title: 'Fixture Plan 2026–2027',
      start: 2026,
      end: 2027,
      currency: 'USD',
    });
    expect(j.status.asOf).toBe('2026-07-01');
    expect(j.status.summary).toEqual({ 'on-track': 1, 'at-risk': 1, 'off-track': 1, 'no-data': 1 });
    // Hand-worked in report-md.test.ts: total planned to date 36,798.90, actual 23,500.50.
    expect(j.budget.byProgramme).toMatchObject({ by: 'programme', basis: 'pro-rata', asOf: '2026-07-01' });
    expect(j.budget.byProgramme.total).toMatchObject({
      plannedToDate: 36798.9,
      actual: 23500.5,
      variance: 13298.4,
    });
    expect(j.budget.byProgramme.rows.map((x: { key: string }) => x.key)).toEqual(['AP', 'NC', '-']);
    expect(j.budget.bySource.rows.map((x: { key: string }) => x.key)).toEqual(['CORE', 'ROK']);
    expect(j.notes.map((n: { kind: string }) => n.kind)).toEqual([
      'illustrative',
      'overdue',
      'missing',
      'warning',
      'warning',
    ]);
    expect(j.notes[0]).toMatchObject({ count: 2, results: 1, spending: 1 });
    expect(j.notes[1]).toMatchObject({ indicator: 'AP.O1-b' });
    // AP.O1-b is quarterly with no entry: Q1 (ended 03-31) and Q2 (ended 06-30) are missing on 07-01.
    expect(j.notes[2]).toMatchObject({ indicator: 'AP.O1-b', periods: ['2026-Q1', '2026-Q2'] });
    expect(j.missing).toEqual({ periods: 2, indicators: 1 });
    // The fixture's plan lists no meetings: nothing to compare with.
    expect(j.since).toBeNull();
    expect(j.notes[3]).toMatchObject({
      code: 'line-no-result',
      file: 'test/report/fixture/budget.yaml',
      line: 27,
    });
  });

  it('--as-of applies throughout (2026-03-31: day 90 of 365)', async () => {
    // No result entry is dated on or before 2026-03-31 (the first is 2026-04-10): all four no data.
    // 2026-Q1 ends 2026-03-31, which is not before the as-of date: nothing is overdue yet.
    // Spending: B-GEN 1,000.00 (02-01) + B-AP-1 12,000.00 (03-15) = 13,000.00.
    // Planned to date ×90/365: 36,500 → 9,000.00; 10,000 → 2,465.75 (246,575.34 cents);
    //   20,000 → 4,931.51 (493,150.68); 7,300 → 1,800.00; total 18,197.26.
    // Execution 13,000 / 18,197.26 = 0.7144 → 71.4%.
    const r = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-03-31', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| As of | 2026-03-31 |');
    expect(r.stdout).toContain('| Ledger entries used | 2 (0 results, 2 spending) |');
    expect(r.stdout).toContain('4 — 0 on track, 0 at risk, 0 off track, 4 no data');
    expect(r.stdout).toContain('**Overdue:** 0 indicators');
    expect(r.stdout).toContain(
      'planned to date USD 18,197.26 against actual USD 13,000.00 — execution 71.4%',
    );
    expect(r.stdout).toContain('Figures as of 2026-03-31');
  });

  it('text is the default; colour only when the Io allows it', async () => {
    const plain = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-07-01']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.split('\n')[0]).toBe('Fixture Plan 2026–2027');
    expect(plain.stdout).toContain('EXECUTIVE SUMMARY');
    expect(plain.stdout).not.toMatch(ANSI);
    const coloured = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-07-01'], {
      color: true,
    });
    expect(coloured.stdout).toMatch(ANSI);
  });

  it('--out writes the file (never with colour codes) and prints nothing on stdout', async () => {
    const out = path.join(tmp.dir, 'report.txt');
    const r = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-07-01', '--out', out], {
      color: true,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('wrote');
    expect(existsSync(out)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('EXECUTIVE SUMMARY');
    expect(text).not.toMatch(ANSI);
  });

  it('usage errors exit 2', async () => {
    const badFormat = await runCli(['--framework', FIXTURE, 'report', '--format', 'pdf']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of text, md, html, json');
    const badDate = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-02-30']);
    expect(badDate.code).toBe(2);
  });

  it('with no framework given and none in the working directory, reports on the shipped framework', async () => {
    const r = await runCli(['report'], { cwd: tmp.dir });
    // It says so on stderr, naming the framework as a path (absolute here: it lies outside the cwd).
    const shipped = path.join(ROOT, 'frameworks', 'neaspec-2026-2030');
    expect(r.stderr).toBe(
      `neaspec-track: no framework selected and none in this directory; using the shipped example ${shipped} (choose one with --framework PATH or NEASPEC_TRACK_FRAMEWORK)\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('NEASPEC Strategic Plan 2026–2030');
    expect(r.stdout).toContain('EXECUTIVE SUMMARY');
  });

  it('names the shipped framework relative to the working directory when it lies below it, and only when it falls back', async () => {
    const here = await runCli(['status', '--format', 'json'], { cwd: ROOT });
    expect(here.code).toBe(0);
    expect(here.stderr).toContain('using the shipped example frameworks/neaspec-2026-2030 (');
    const chosen = await runCli([
      '--framework',
      'frameworks/neaspec-2026-2030',
      'status',
      '--format',
      'json',
    ]);
    expect(chosen.stderr).toBe('');
    const byEnv = await runCli(['status', '--format', 'json'], {
      env: { NEASPEC_TRACK_FRAMEWORK: 'frameworks/neaspec-2026-2030' },
    });
    expect(byEnv.stderr).toBe('');
  });
});
