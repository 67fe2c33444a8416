import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFramework } from '../ledger/fixture.js';

/** `history ID` with withdrawals and the revisions that touched an indicator or a budget line. */

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const LEDGER = `progress:
  - {indicator: N-a, period: 2026, value: 1, date: 2026-03-01}
  - {indicator: N-a, period: 2026, withdrawn: true, date: 2026-04-01, note: counted twice}
  - {indicator: N-a, period: 2026, value: 2, date: 2026-05-01, note: recount}
  - {spend: B-1, date: 2026-02-01, amount: 100.50}
`;
const DECISIONS = `revisions:
  - {id: R1, date: 2026-10-21, title: Targets raised, targets: {N-a: {2027: 4, 2028: 7}}, planned: {B-1: {2027: 1500}}}
  - {id: R2, date: 2027-02-01, title: Later, targets: {N-a: {2028: 8}}}
`;

function fw(): string {
  const f = makeFramework({ 'progress/2026.yaml': LEDGER, 'decisions.yaml': DECISIONS });
  cleanup = f.cleanup;
  return f.dir;
}

const history = (dir: string, args: string[]) =>
  runCli(['--framework', dir, 'history', ...args], { cwd: dir });

describe('history with withdrawals and revisions', () => {
  it('json: the withdrawn value, the withdrawal, the new value; revisions in force with from → to', async () => {
    const dir = fw();
    const r = await history(dir, ['N-a', '--as-of', '2026-12-31', '--format', 'json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(
      h.entries.map((e: { line: number; status: string; withdrawn: boolean }) => [
        e.line,
        e.status,
        e.withdrawn,
      ]),
    ).toEqual([
      [2, 'withdrawn', false],
      [3, 'corrected', true],
      [4, 'stands', false],
    ]);
    // As written N-a has targets 2026: 2, 2028: 6; R1 adds 2027 (none → 4) and moves 2028 (6 → 7). R2 is later.
    expect(h.revisions).toEqual([
      {
        file: 'decisions.yaml',
        line: 2,
        id: 'R1',
        date: '2026-10-21',
        meeting: null,
        title: 'Targets raised',
        reason: null,
        changes: [
          { year: 2027, from: null, to: 4 },
          { year: 2028, from: 6, to: 7 },
        ],
      },
    ]);
    const later = JSON.parse(
      (await history(dir, ['N-a', '--as-of', '2027-03-01', '--format', 'json'])).stdout,
    );
    expect(later.revisions.map((x: { id: string }) => x.id)).toEqual(['R1', 'R2']);
    expect(later.revisions[1].changes).toEqual([{ year: 2028, from: 7, to: 8 }]);
  });

  it('table: withdrawals marked, revisions listed below the entries', async () => {
    const dir = fw();
    const r = await history(dir, ['N-a', '--as-of', '2026-12-31']);
    expect(r.stdout).toBe(
      [
        'N-a Workshops held (workshops) — entries as of 2026-12-31',
        'Date        Period  Dimensions      Value  Status               Where                 Note',
        '2026-03-01  2026    -                   1  withdrawn by line 3  progress/2026.yaml:2',
        '2026-04-01  2026    -           withdrawn  corrected by line 4  progress/2026.yaml:3  counted twice',
        '2026-05-01  2026    -                   2  stands               progress/2026.yaml:4  recount',
        '3 entries, 1 corrected, 1 withdrawal',
        'Revisions in force (1)',
        'R1 (2026-10-21) Targets raised: target 2027: none → 4; target 2028: 6 → 7  decisions.yaml:2',
        '',
      ].join('\n'),
    );
  });

  it('a budget line: planned money revised, in the plan currency', async () => {
    const dir = fw();
    const h = JSON.parse((await history(dir, ['B-1', '--as-of', '2026-12-31', '--format', 'json'])).stdout);
    expect(h.revisions).toHaveLength(1);
    expect(h.revisions[0].changes).toEqual([{ year: 2027, from: 1000, to: 1500 }]);
    const t = await history(dir, ['B-1', '--as-of', '2026-12-31']);
    expect(t.stdout).toContain(
      'R1 (2026-10-21) Targets raised: planned 2027: 1,000.00 → 1,500.00  decisions.yaml:2',
    );
  });
});
