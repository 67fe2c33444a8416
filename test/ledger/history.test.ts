import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFramework } from './fixture.js';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const LEDGER = `progress:
  - {indicator: N-a, period: 2026, value: 1, date: 2026-03-01}
  - {indicator: N-a, period: 2026, value: 2, country: MN, date: 2026-04-01}
  - {spend: B-1, date: 2026-02-01, amount: 100.50}
  - {indicator: N-a, period: 2026, value: 3, date: 2026-06-01, corrects: true, note: recount}
  - {spend: B-1, date: 2026-05-01, amount: 9000000, currency: KRW}
  - {spend: B-1, date: 2026-05-02, amount: -0.50, note: refund}
  - {indicator: MS, period: 2026, value: drafted, date: 2026-07-01}
`;
const LATE = `progress:
  - {indicator: N-a, period: 2026, value: 4, date: 2027-01-10, corrects: true}
`;

function fw(): string {
  const f = makeFramework({ 'progress/2026.yaml': LEDGER, 'progress/2027.yaml': LATE });
  cleanup = f.cleanup;
  return f.dir;
}

const history = (dir: string, args: string[]) =>
  runCli(['--framework', dir, 'history', ...args], { cwd: dir });

describe('history of an indicator', () => {
  it('lists every entry in date order, marking which stand and which were corrected (json)', async () => {
    const dir = fw();
    const r = await history(dir, ['N-a', '--as-of', '2027-12-31', '--format', 'json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h).toMatchObject({
      kind: 'indicator',
      asOf: '2027-12-31',
      id: 'N-a',
      title: 'Workshops held',
      unit: 'workshops',
    });
    // Dates: 03-01 (line 2), 04-01 (line 3, the MN value: its own key), 06-01 (line 5, corrects line 2),
    // 2027-01-10 (2027.yaml line 2, corrects line 5). The total key's last entry stands.
    expect(
      h.entries.map((e: { file: string; line: number; status: string }) => [e.file, e.line, e.status]),
    ).toEqual([
      ['progress/2026.yaml', 2, 'corrected'],
      ['progress/2026.yaml', 3, 'stands'],
      ['progress/2026.yaml', 5, 'corrected'],
      ['progress/2027.yaml', 2, 'stands'],
    ]);
    expect(h.entries[0].correctedBy).toEqual({ file: 'progress/2026.yaml', line: 5 });
    expect(h.entries[2].correctedBy).toEqual({ file: 'progress/2027.yaml', line: 2 });
    expect(h.entries[1]).toMatchObject({
      dims: { country: 'MN' },
      value: 2,
      corrects: false,
      correctedBy: null,
    });
    expect(h.entries[2]).toMatchObject({ value: 3, corrects: true, note: 'recount' });
  });

  it('as of an earlier day, a later correction does not exist yet', async () => {
    const dir = fw();
    const r = await history(dir, ['N-a', '--as-of', '2026-12-31', '--format', 'json']);
    const h = JSON.parse(r.stdout);
    expect(h.entries.map((e: { line: number; status: string }) => [e.line, e.status])).toEqual([
      [2, 'corrected'],
      [3, 'stands'],
      [5, 'stands'],
    ]);
  });

  it('renders a table with file:line and the correcting entry', async () => {
    const dir = fw();
    const r = await history(dir, ['N-a', '--as-of', '2026-12-31']);
    expect(r.stdout).toBe(
      [
        'N-a Workshops held (workshops) — entries as of 2026-12-31',
        'Date        Period  Dimensions  Value  Status               Where                 Note',
        '2026-03-01  2026    -               1  corrected by line 5  progress/2026.yaml:2',
        '2026-04-01  2026    country=MN      2  stands               progress/2026.yaml:3',
        '2026-06-01  2026    -               3  stands               progress/2026.yaml:5  corrects; recount',
        '3 entries, 1 corrected',
        '',
      ].join('\n'),
    );
  });

  it('shows a milestone value as its level name', async () => {
    const dir = fw();
    const h = JSON.parse((await history(dir, ['MS', '--as-of', '2026-12-31', '--format', 'json'])).stdout);
    expect(h.entries.map((e: { value: unknown }) => e.value)).toEqual(['drafted']);
  });
});

describe('history of a budget line', () => {
  it('lists spending with the plan-currency amount and a running total', async () => {
    const dir = fw();
    const h = JSON.parse((await history(dir, ['B-1', '--as-of', '2026-12-31', '--format', 'json'])).stdout);
    // 9,000,000 KRW × 0.00072 = 6,480.00 USD. Running total: 100.50, 100.50 + 6,480.00 = 6,580.50, − 0.50 = 6,580.00.
    expect(
      h.entries.map((e: { amount: number; currency: string; planAmount: number; total: number }) => [
        e.amount,
        e.currency,
        e.planAmount,
        e.total,
      ]),
    ).toEqual([
      [100.5, 'USD', 100.5, 100.5],
      [9000000, 'KRW', 6480, 6580.5],
      [-0.5, 'USD', -0.5, 6580],
    ]);
    expect(h).toMatchObject({ kind: 'line', id: 'B-1', currency: 'USD' });
  });

  it('renders the amounts with their currency decimals', async () => {
    const dir = fw();
    const r = await history(dir, ['B-1', '--as-of', '2026-12-31']);
    expect(r.stdout.split('\n').slice(1, 5)).toEqual([
      // Columns are as wide as their widest cell (`9,000,000`, `Currency`, `6,480.00`, `progress/2026.yaml:4`),
      // two spaces apart; money is right-aligned.
      'Date           Amount  Currency       USD     Total  Where                 Note',
      '2026-02-01     100.50  USD         100.50    100.50  progress/2026.yaml:4',
      '2026-05-01  9,000,000  KRW       6,480.00  6,580.50  progress/2026.yaml:6',
      '2026-05-02      -0.50  USD          -0.50  6,580.00  progress/2026.yaml:7  refund',
    ]);
  });
});

describe('history arguments', () => {
  it('an unknown id is a usage error with a suggestion', async () => {
    const dir = fw();
    const r = await history(dir, ['B-2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'neaspec-track: "B-2" is not an indicator, budget line, funding source or contributor (did you mean "B-1"?)\n',
    );
  });

  it('a malformed --as-of is a usage error', async () => {
    const dir = fw();
    expect((await history(dir, ['B-1', '--as-of', '2026-13-01'])).code).toBe(2);
  });
});
