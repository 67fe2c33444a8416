import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { computeFunding } from '../../src/compute/funding.js';
import { formatDate } from '../../src/core/dates.js';
import { toMinor } from '../../src/core/money.js';
import { tempDir } from '../helpers/cli.js';
import { day, frameworkFrom } from '../variance/helpers.js';
import {
  contributorId,
  fundingArb,
  fundingJournal,
  fundingYaml,
  type GenFunding,
  sourceId,
} from './generate.js';

// Cross-check against hledger, an independent double-entry tool: the same generated money is written
// as a journal (contributions as income, in-kind ones spent at once, spending as expenses per
// source, opening balances from equity) and `hledger bal` as of D must agree with us to the cent on
// received per source and per contributor, spent and the cash balance per source. Skipped only when
// hledger is absent outside CI; in CI (process.env.CI set) it must run.

const HAVE_HLEDGER = spawnSync('hledger', ['--version'], { encoding: 'utf8' }).status === 0;
const RUN = HAVE_HLEDGER || Boolean(process.env.CI);
const REASON = HAVE_HLEDGER
  ? ''
  : ' — SKIPPED: the hledger binary is not installed (apt-get install -y hledger); it runs in CI';
if (!RUN) console.warn(`hledger cross-check${REASON}`);
const requireHledger = () =>
  expect(HAVE_HLEDGER, 'hledger must be installed in CI (apt-get install -y hledger)').toBe(true);

/** hledger's balance of every account with postings dated ≤ asOf, in cents. */
function hledgerBalances(journal: string, asOf: number): Map<string, bigint> {
  // -e is exclusive: the day after D.
  const r = spawnSync(
    'hledger',
    ['-f', journal, 'bal', '--flat', '--empty', '-O', 'csv', '-e', formatDate(asOf + 1)],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`hledger failed: ${r.stderr}`);
  const out = new Map<string, bigint>();
  for (const line of r.stdout.trim().split('\n').slice(1)) {
    const [account, amount] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    if (!account || account === 'Total:' || account === 'total') continue;
    const text = (amount ?? '').replace(/^\$/, '');
    const m = toMinor(text === '' ? '0' : text, 2);
    if (m === null) throw new Error(`hledger amount "${amount}"`);
    out.set(account, m);
  }
  return out;
}

/** Our figures against hledger's, for one generated framework. */
function crossCheck(g: GenFunding, journal: string): void {
  const r = computeFunding(frameworkFrom({ 'gen.yaml': fundingYaml(g) }), g.asOf);
  writeFileSync(journal, fundingJournal(g));
  const hl = hledgerBalances(journal, g.asOf);
  const get = (a: string) => hl.get(a) ?? 0n;
  const sumUnder = (prefix: string, suffix = '') => {
    let t = 0n;
    for (const [a, v] of hl) if (a.startsWith(prefix) && a.endsWith(suffix)) t += v;
    return t;
  };
  for (const row of r.sources) {
    const acct = row.key === '-' ? 'nosource' : row.key;
    // Income is negative in double entry: received = −(income:contributions:<source>:*).
    expect(row.received, `received ${row.key}`).toBe(-sumUnder(`income:contributions:${acct}:`));
    expect(row.inKind, `in kind ${row.key}`).toBe(get(`expenses:inkind:${acct}`));
    expect(row.spent, `spent ${row.key}`).toBe(get(`expenses:spend:${acct}`));
    expect(row.balance, `balance ${row.key}`).toBe(get(`assets:cash:${acct}`));
  }
  for (const row of r.contributors) {
    expect(row.received, `received from ${row.key}`).toBe(-sumUnder('income:contributions:', `:${row.key}`));
  }
  expect(r.total.received).toBe(-sumUnder('income:contributions:'));
  expect(r.total.spent).toBe(sumUnder('expenses:spend:'));
  expect(r.total.balance).toBe(sumUnder('assets:cash:'));
}

describe('cross-check with hledger bal', () => {
  const t = tempDir('neaspec-hledger-funding-');
  afterAll(() => t.cleanup());

  it.runIf(RUN)(`received, spent and cash balance agree per source and contributor${REASON}`, () => {
    requireHledger();
    let n = 0;
    fc.assert(
      fc.property(fundingArb, (g) => crossCheck(g, path.join(t.dir, `funding-${n++}.journal`))),
      // Each run starts hledger once (~50 ms).
      { numRuns: 40 },
    );
  });

  it.runIf(RUN)(`a fixed example agrees, worked by hand${REASON}`, () => {
    requireHledger();
    // Plan 2026–2027. S1 opens with 1,000.00; S2 with nothing. As of 2026-12-31:
    // C1 pays S1 500.00 cash (2025-12-01, for 2026) and 200.00 in kind; S1's line spends 300.00,
    // then −50.00 (a refund); C2 pays S1 99.99 and is refunded 0.99 (2026-11-30); S2 receives
    // 10.00 from C2 on 2027-01-02, after D; the sourceless line spends 0.01.
    // S1: received 500 + 200 + 99.99 − 0.99 = 799.00, in kind 200.00, spent 250.00,
    //     balance 1,000 + 799 − 200 − 250 = 1,349.00. No source: balance −0.01.
    const g: GenFunding = {
      start: 2026,
      end: 2027,
      openings: [100_000n, undefined],
      contributors: 2,
      lines: [
        { source: 0, planned: new Map([[2026, 100_000n]]) },
        { source: undefined, planned: new Map([[2027, 1n]]) },
      ],
      money: [
        { kind: 'pledge', source: 0, contributor: 0, year: 2026, date: day('2025-09-23'), cents: 80_000n },
        { kind: 'cash', source: 0, contributor: 0, year: 2026, date: day('2025-12-01'), cents: 50_000n },
        { kind: 'in-kind', source: 0, contributor: 0, year: 2026, date: day('2026-03-01'), cents: 20_000n },
        { kind: 'cash', source: 0, contributor: 1, year: 2026, date: day('2026-06-30'), cents: 9_999n },
        { kind: 'cash', source: 0, contributor: 1, year: 2026, date: day('2026-11-30'), cents: -99n },
        { kind: 'cash', source: 1, contributor: 1, year: 2027, date: day('2027-01-02'), cents: 1_000n },
      ],
      spends: [
        { line: 0, date: day('2026-04-01'), cents: 30_000n },
        { line: 0, date: day('2026-05-01'), cents: -5_000n },
        { line: 1, date: day('2026-07-01'), cents: 1n },
      ],
      asOf: day('2026-12-31'),
    };
    const journal = path.join(t.dir, 'fixed.journal');
    crossCheck(g, journal);
    const hl = hledgerBalances(journal, g.asOf);
    expect(hl.get(`assets:cash:${sourceId(0)}`)).toBe(134_900n);
    expect(hl.get('assets:cash:nosource')).toBe(-1n);
    expect(hl.get(`income:contributions:${sourceId(0)}:${contributorId(1)}`)).toBe(-9_900n);
    const r = computeFunding(frameworkFrom({ 'gen.yaml': fundingYaml(g) }), g.asOf);
    expect(r.sources.map((s) => [s.key, s.received, s.inKind, s.spent, s.balance])).toEqual([
      ['S1', 79_900n, 20_000n, 25_000n, 134_900n],
      ['S2', 0n, 0n, 0n, 0n],
      ['-', 0n, 0n, 1n, -1n],
    ]);
  });
});
