import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, read, snapshot } from '../ledger/fixture.js';

// `record pledge` and `record contribution` go through the same pipeline as `record spend`: the
// arguments' syntax (exit 2), then the framework's checks on the file as it would be (exit 1), under
// the lock, appended atomically; a refusal leaves every byte as it was.

const BUDGET = `budget:
  sources:
    - {id: CORE, title: Core fund, opening_balance: 500}
  contributors:
    - {id: KR, title: Republic of Korea}
    - {id: MN, title: Mongolia}
  rates: {KRW: {2025: 0.00075, 2026: 0.00072}}
  lines:
    - {id: B-1, title: Meetings, result: P.O1, source: CORE, category: meetings, planned: {2026: 1000, 2027: 1000, 2028: 1000}}
`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function fw(): string {
  const f = makeFramework({ 'budget.yaml': BUDGET });
  cleanups.push(f.cleanup);
  return f.dir;
}

const TODAY = '2028-12-31';
const rec = (dir: string, args: string[]) =>
  runCli(['--framework', dir, 'record', ...args], { cwd: dir, today: TODAY });

describe('record pledge and record contribution append one flow line', () => {
  it('a pledge, with its year, the amount as typed, and a note', async () => {
    const dir = fw();
    const r = await rec(dir, [
      'pledge',
      'CORE',
      'KR',
      '300000.00',
      '--year',
      '2027',
      '--date',
      '2026-10-21',
      '--note',
      'SOM-29: announced',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const line =
      "  - {pledge: CORE, from: KR, year: 2027, amount: 300000.00, date: 2026-10-21, note: 'SOM-29: announced'}\n";
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026 + line);
    expect(r.stdout).toBe(`recorded progress/2026.yaml:10: ${line.trim().slice(2)}\n`);
  });

  it('a KRW pledge made before the plan starts goes to progress/2025.yaml', async () => {
    const dir = fw();
    const r = await rec(dir, [
      'pledge',
      'CORE',
      'KR',
      '40000000',
      '--year',
      '2026',
      '--currency',
      'KRW',
      '--date',
      '2025-09-23',
    ]);
    expect(r.code).toBe(0);
    expect(read(dir, 'progress/2025.yaml')).toContain(
      '  - {pledge: CORE, from: KR, year: 2026, amount: 40000000, currency: KRW, date: 2025-09-23}\n',
    );
    // 40,000,000 KRW at 0.00075 = 30,000.00 USD.
    const f = await runCli(['--framework', dir, 'funding', '--as-of', '2025-12-31', '--format', 'json']);
    expect(JSON.parse(f.stdout).contributors[0].pledged).toBe(30000);
  });

  it('a contribution in kind, its year defaulting to its date’s; a refund as a negative amount', async () => {
    const dir = fw();
    expect(
      (await rec(dir, ['contribution', 'CORE', 'MN', '15000', '--kind', 'in-kind', '--date', '2026-09-24']))
        .code,
    ).toBe(0);
    expect(
      (await rec(dir, ['contribution', 'CORE', 'KR', '-250.50', '--year', '2026', '--date', '2027-01-10']))
        .code,
    ).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {contribution: CORE, from: MN, amount: 15000, kind: in-kind, date: 2026-09-24}\n`,
    );
    expect(read(dir, 'progress/2027.yaml')).toContain(
      '  - {contribution: CORE, from: KR, year: 2026, amount: -250.50, date: 2027-01-10}\n',
    );
    const f = JSON.parse(
      (await runCli(['--framework', dir, 'funding', '--as-of', '2027-12-31', '--format', 'json'])).stdout,
    );
    // Received 15,000 − 250.50, of which 15,000 in kind; cash 500 + 14,749.50 − 15,000 − 100.50 spent.
    expect([f.total.received, f.total.inKind, f.total.spent, f.total.balance]).toEqual([
      14749.5, 15000, 100.5, 149,
    ]);
  });
});

describe('a refused pledge or contribution exits 1 or 2 and leaves every file as it was', () => {
  const refusals: [string, string[], 1 | 2, RegExp][] = [
    [
      'an unknown source',
      ['pledge', 'CORX', 'KR', '5', '--year', '2026', '--date', '2026-05-01'],
      1,
      /unknown-source .*did you mean "CORE"/,
    ],
    [
      'an unknown contributor',
      ['contribution', 'CORE', 'JP', '5', '--date', '2026-05-01'],
      1,
      /unknown-contributor/,
    ],
    [
      'a pledge year outside the plan',
      ['pledge', 'CORE', 'KR', '5', '--year', '2029', '--date', '2026-05-01'],
      1,
      /year-outside-plan/,
    ],
    [
      'a contribution dated before the plan without --year',
      ['contribution', 'CORE', 'KR', '5', '--date', '2025-12-01'],
      1,
      /year-outside-plan .*give `year:`/,
    ],
    [
      'a currency without a rate',
      ['contribution', 'CORE', 'KR', '5', '--currency', 'KRW', '--date', '2027-05-01'],
      1,
      /rate-missing/,
    ],
    [
      'too many decimal places',
      ['pledge', 'CORE', 'KR', '5.001', '--year', '2026', '--date', '2026-05-01'],
      1,
      /decimal-places/,
    ],
    [
      'a pledge without --year',
      ['pledge', 'CORE', 'KR', '5', '--date', '2026-05-01'],
      2,
      /a pledge needs --year/,
    ],
    [
      'a malformed --year',
      ['pledge', 'CORE', 'KR', '5', '--year', '26', '--date', '2026-05-01'],
      2,
      /--year "26" is not a year/,
    ],
    [
      'an unknown --kind',
      ['contribution', 'CORE', 'KR', '5', '--kind', 'goods'],
      2,
      /--kind must be one of cash, in-kind, not "goods"/,
    ],
    ['an amount that is not a number', ['contribution', 'CORE', 'KR', '5,000'], 2, /AMOUNT "5,000"/],
    [
      'a date in the future',
      ['contribution', 'CORE', 'KR', '5', '--date', '2029-01-01'],
      2,
      /a date in the future/,
    ],
    [
      'a lower-case currency',
      ['pledge', 'CORE', 'KR', '5', '--year', '2026', '--currency', 'krw'],
      2,
      /--currency "krw"/,
    ],
  ];
  for (const [what, args, code, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const dir = fw();
      const before = snapshot(dir);
      const r = await rec(dir, args);
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(snapshot(dir)).toEqual(before);
    });
  }
});

describe('history SOURCE|CONTRIBUTOR', () => {
  it('lists the entries in date order with running totals in the plan currency', async () => {
    const dir = fw();
    for (const args of [
      ['contribution', 'CORE', 'KR', '7200', '--date', '2026-03-10'],
      ['pledge', 'CORE', 'KR', '40000000', '--year', '2026', '--currency', 'KRW', '--date', '2025-09-23'],
      ['contribution', 'CORE', 'MN', '100', '--kind', 'in-kind', '--date', '2026-04-01'],
      ['contribution', 'CORE', 'KR', '-200', '--date', '2026-05-01', '--note', 'refund'],
    ]) {
      expect((await rec(dir, args)).code).toBe(0);
    }
    const kr = await runCli(['--framework', dir, 'history', 'KR', '--as-of', '2026-12-31'], {
      cwd: dir,
      today: TODAY,
    });
    expect(kr.code).toBe(0);
    // 40,000,000 KRW × 0.00075 = 30,000.00; received 7,200 then 7,200 − 200.
    expect(kr.stdout).toBe(
      [
        'KR Republic of Korea — pledges and contributions in USD as of 2026-12-31',
        'Date        Entry   To    Year          Amount        USD    Pledged  Received  Where                  Note',
        '2025-09-23  pledge  CORE  2026  40,000,000 KRW  30,000.00  30,000.00      0.00  progress/2025.yaml:6',
        '2026-03-10  cash    CORE  2026                   7,200.00  30,000.00  7,200.00  progress/2026.yaml:10',
        '2026-05-01  cash    CORE  2026                    -200.00  30,000.00  7,000.00  progress/2026.yaml:12  refund',
        '3 entries',
        '',
      ].join('\n'),
    );
    const core = JSON.parse(
      (
        await runCli(['--framework', dir, 'history', 'CORE', '--as-of', '2026-12-31', '--format', 'json'], {
          today: TODAY,
        })
      ).stdout,
    );
    expect(core.kind).toBe('source');
    expect(
      core.entries.map((e: { from: string; inKind: boolean; received: number }) => [
        e.from,
        e.inKind,
        e.received,
      ]),
    ).toEqual([
      ['KR', false, 0],
      ['KR', false, 7200],
      ['MN', true, 7300],
      ['KR', false, 7100],
    ]);
  });

  it('an id that is none of the four is a usage error with a suggestion', async () => {
    const dir = fw();
    const r = await runCli(['--framework', dir, 'history', 'KX']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'neaspec-track: "KX" is not an indicator, budget line, funding source or contributor (did you mean "KR"?)\n',
    );
  });
});
