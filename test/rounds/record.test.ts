import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

// `record` after issue 21: the standing figure after each result, the running-total warning, and a
// money entry identical to an earlier one refused unless --again. Worked by hand (case 2 of the issue).

const tmp = tempDir('neaspec-rounds-record-');
afterAll(() => tmp.cleanup());

const PLAN = `plan: {id: r, title: R, start: 2026, end: 2030, currency: USD}
programmes: [{id: LCC, title: Low carbon cities}]
results: [{id: LCC.O1, level: outcome, programme: LCC, title: Cities}]
indicators:
  - {id: LCC.O1.1-a, result: LCC.O1, title: Peer reviews, unit: reviews, measure: number, direction: increase,
     aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2026: 4, 2030: 18}, frequency: annual}
budget:
  sources: [{id: CORE, title: Core}]
  lines: [{id: B-LCC-1, title: Reviews, result: LCC.O1, source: CORE, planned: {2026: 50000, 2027: 50000, 2028: 1, 2029: 1, 2030: 1}}]
`;
const LEDGER = `progress:
  - {indicator: LCC.O1.1-a, period: 2026, value: 8, date: 2026-12-08}
`;

function fw(): string {
  const dir = path.join(tmp.dir, `fw${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(path.join(dir, 'progress'), { recursive: true });
  writeFileSync(path.join(dir, 'plan.yaml'), PLAN);
  writeFileSync(path.join(dir, 'progress', '2026.yaml'), LEDGER);
  return dir;
}
const rec = (dir: string, args: string[]) =>
  runCli(['--framework', dir, 'record', ...args], { cwd: dir, today: '2027-12-15' });

describe('record: what to enter is unmistakable', () => {
  it('10 typed as "10 in total": the warning, and the standing line 8 → 18 of 18 by 2030 — achieved', async () => {
    const dir = fw();
    const r = await rec(dir, ['result', 'LCC.O1.1-a', '10', '--period', '2027', '--date', '2027-12-10']);
    expect(r.code).toBe(0);
    // The message as one line (the terminal output wraps it at 80 columns).
    expect(r.stderr.replace(/\n {4}(?=\S)/g, ' ')).toContain(
      "progress/2027.yaml:6:50: warning suspect-running-total LCC.O1.1-a 2027: 10 reaches the running total before it (8) and carries LCC.O1.1-a from 8 to 18, to its final target 18 (2030) in one period; a cumulative indicator takes the period's own amount — if 10 is the total so far, the period's amount is 2",
    );
    expect(r.stdout.split('\n')[1]).toBe('LCC.O1.1-a: 8 → 18 of 18 by 2030 — achieved');
  });

  it('the period’s own amount, 2: 8 → 10, no warning; expected at the end of 2027 is 4 + (18 − 4)/4 = 7.5, progress 10/7.5', async () => {
    const dir = fw();
    const r = await rec(dir, ['result', 'LCC.O1.1-a', '2', '--period', '2027', '--date', '2027-12-10']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[1]).toBe('LCC.O1.1-a: 8 → 10 of 18 by 2030 — on-track');
  });

  it('the help says a cumulative indicator takes the period’s own amount', async () => {
    const r = await runCli(['record', 'result', '--help']);
    expect(r.stdout).toContain("cumulative indicators: the period's own amount");
  });
});

describe('record: money entered twice', () => {
  it('an identical spending entry is refused, every byte kept; --again records it, marked', async () => {
    const dir = fw();
    const args = ['spend', 'B-LCC-1', '15000', '--date', '2027-05-12', '--note', 'peer review'];
    expect((await rec(dir, args)).code).toBe(0);
    const once = readFileSync(path.join(dir, 'progress', '2027.yaml'), 'utf8');
    const twice = await rec(dir, args);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain(
      'warning possible-duplicate this spending is identical to the one at progress/2027.yaml:',
    );
    expect(twice.stderr).toContain(
      'neaspec-track: refused: this entry is identical to an earlier one; if it is a second, real payment, record it with --again; nothing was recorded',
    );
    expect(readFileSync(path.join(dir, 'progress', '2027.yaml'), 'utf8')).toBe(once);
    const again = await rec(dir, [...args, '--again']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /\{spend: B-LCC-1, date: 2027-05-12, amount: 15000, note: peer review, again: true\}\n$/,
    );
    const v = await runCli(['--framework', dir, 'validate', '--strict'], { cwd: dir });
    expect(v.code).toBe(0);
  });
});
