import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, PLAN, read, snapshot } from '../ledger/fixture.js';

/**
 * `record result ID --period P [dims] --withdraw --note N` and the refusal of a partial per-value
 * entry (DESIGN.md "Corrections, never deletions"; issue 9). The fixture ledger has N-a 2026 = 1
 * (country total, dated 2026-03-01). A second plan dimension `sex` and an indicator D2
 * disaggregated by country and sex are added for the partial-entry refusal.
 */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

const PLAN2 = `${PLAN.replace('    country: [CN, MN]\n', '    country: [CN, MN]\n    sex: [f, m]\n')}  - {id: D2, result: P.O1, title: Trained, unit: people, measure: number, direction: increase,
     aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2028: 10}, frequency: annual,
     disaggregate: [country, sex]}
`;

function fw(files: Record<string, string> = {}): string {
  const f = makeFramework({ 'plan.yaml': PLAN2, ...files });
  cleanups.push(f.cleanup);
  return f.dir;
}

const rec = (dir: string, args: string[]) =>
  runCli(['--framework', dir, 'record', 'result', ...args], { cwd: dir, today: '2028-12-31' });

describe('record result --withdraw', () => {
  it('appends a withdrawal; the value can then be given again, and history shows both', async () => {
    const dir = fw();
    const w = await rec(dir, [
      'N-a',
      '--period',
      '2026',
      '--withdraw',
      '--note',
      'counted twice',
      '--date',
      '2026-05-01',
    ]);
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    const line1 =
      '  - {indicator: N-a, period: 2026, withdrawn: true, date: 2026-05-01, note: counted twice}\n';
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026 + line1);
    // N-a had only the 2026 total 1: withdrawn, it has no figure (no data).
    expect(w.stdout).toBe(
      `recorded progress/2026.yaml:10: ${line1.trim().slice(2)}\nN-a: 1 → – of 6 by 2028 — no data\n`,
    );

    // After a withdrawal the key has no standing value: the corrected figure needs no `corrects`.
    const v = await rec(dir, ['N-a', '3', '--period', '2026', '--date', '2026-06-01']);
    expect(v.code).toBe(0);

    const s = await runCli(['--framework', dir, 'status', '--format', 'json', '--as-of', '2026-05-15'], {
      cwd: dir,
    });
    const at = (json: string) =>
      (JSON.parse(json) as { indicators: { id: string; actual: number | null }[] }).indicators.find(
        (i) => i.id === 'N-a',
      );
    // Between the withdrawal and the new value N-a has no figure; after it, 0 + 3 = 3.
    expect(at(s.stdout)?.actual).toBeNull();
    const later = await runCli(['--framework', dir, 'status', '--format', 'json', '--as-of', '2026-06-01'], {
      cwd: dir,
    });
    expect(at(later.stdout)?.actual).toBe(3);
  });

  it('withdrawing a key with no standing value is refused (exit 1) and leaves every byte', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const r = await rec(dir, [
      'N-a',
      '--period',
      '2027',
      '--withdraw',
      '--note',
      'x',
      '--date',
      '2027-05-01',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('withdraw-nothing');
    expect(r.stderr).toContain('nothing to withdraw: N-a 2027 has no standing value');
    expect(r.stderr).toContain('nothing was recorded');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a withdrawal needs a note and takes no value (usage errors, exit 2, nothing written)', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const noNote = await rec(dir, ['N-a', '--period', '2026', '--withdraw']);
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain('--withdraw needs --note');
    const withValue = await rec(dir, ['N-a', '2', '--period', '2026', '--withdraw', '--note', 'x']);
    expect(withValue.code).toBe(2);
    expect(withValue.stderr).toContain('--withdraw takes no VALUE');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('record refuses a partial per-value entry', () => {
  it('names the dimensions to give, exit 1, every byte as it was', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const r = await rec(dir, ['D2', '4', '--period', '2026', '--country', 'MN', '--date', '2026-05-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('partial-disaggregation');
    expect(r.stderr).toContain('D2 is disaggregated by country and sex: give sex too');
    expect(snapshot(dir)).toEqual(before);
    // Both dimensions: recorded.
    const ok = await rec(dir, [
      'D2',
      '4',
      '--period',
      '2026',
      '--country',
      'MN',
      '--dim',
      'sex=f',
      '--date',
      '2026-05-01',
    ]);
    expect(ok.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {indicator: D2, period: 2026, value: 4, country: MN, sex: f, date: 2026-05-01}\n`,
    );
  });
});
