import { describe, expect, test } from 'vitest';
import { checkFiles } from '../../src/load/index.js';
import { atText, checkTexts, found, fw, PLAN } from './helpers.js';

/**
 * One fixture per rule of meetings, revisions, narratives, withdrawals, partial disaggregation,
 * contributors, pledges and contributions (DESIGN.md "What validation checks"). Each starts from the
 * clean framework of helpers.ts plus the extra file under test, and asserts every diagnostic.
 */

const D = 'decisions.yaml';
const L = 'progress/2026.yaml';
const R = 'resources.yaml';

const MEETINGS = PLAN.replace(
  '  currency: USD\n',
  '  currency: USD\n  meetings:\n    - {id: SOM-28, date: 2025-09-23, title: 28th SOM}\n    - {id: SOM-29, date: 2026-10-21}\n',
);

function decisions(text: string): Record<string, string> {
  return fw({ 'plan.yaml': MEETINGS, [D]: text });
}

function ledger(...entries: string[]): string {
  return `progress:\n${entries.map((e) => `  - ${e}\n`).join('')}`;
}

/** The budget of helpers.ts with contributors and an opening balance. */
const BUDGET = `budget:
  sources: [{id: CORE, title: Core fund, opening_balance: 1000.50}]
  contributors:
    - {id: KR, title: Republic of Korea}
    - {id: MN, title: Mongolia}
  rates: {KRW: {2025: 0.0007, 2026: 0.00072}}
  lines:
    - {id: B1, title: Meetings, result: AP.O1, source: CORE, planned: {2026: 100, 2027: 100, 2028: 100}}
`;

function resources(...entries: string[]): Record<string, string> {
  return fw({ 'budget.yaml': BUDGET, [R]: ledger(...entries) });
}

describe('meetings and revisions', () => {
  test('a valid revision of targets and planned money, naming its meeting', () => {
    const text = `revisions:
  - id: SOM-29-D3
    date: 2026-10-21
    meeting: SOM-29
    title: Targets and budget revised
    reason: Work plan adopted later
    targets: {AP.O1.1-a: {2027: 2, 2028: 4}}
    planned: {B1: {2027: 150.25}}
`;
    expect(found(decisions(text))).toEqual([]);
    const fwk = checkFiles(
      'fw',
      Object.entries(decisions(text)).map(([name, t]) => ({ name, path: name, text: t })),
    ).framework;
    const rev = fwk?.revisions[0];
    expect(rev?.targets.get('AP.O1.1-a')).toEqual(
      new Map([
        [2027, 2],
        [2028, 4],
      ]),
    );
    // 150.25 USD = 15025 cents.
    expect(rev?.planned.get('B1')).toEqual(new Map([[2027, 15025n]]));
    expect(fwk?.meetings.map((m) => m.id)).toEqual(['SOM-28', 'SOM-29']);
  });

  test('unknown meeting, indicator and line; a year outside the plan', () => {
    const text = `revisions:
  - id: R1
    date: 2026-10-21
    meeting: SOM-30
    title: x
    targets: {AP.O9: {2027: 2}, AP.O1.1-a: {2031: 5}}
    planned: {B9: {2027: 1}}
`;
    expect(found(decisions(text))).toEqual([
      atText('unknown-meeting', D, text, 'SOM-30'),
      atText('unknown-indicator', D, text, 'AP.O9'),
      atText('year-outside-plan', D, text, '2031'),
      atText('unknown-line', D, text, 'B9'),
    ]);
  });

  test('retroactive-revision: a year that ended before the revision takes effect, at the year', () => {
    const text = `revisions:
  - {id: R1, date: 2027-01-15, title: x, targets: {AP.O1.1-a: {2026: 2, 2027: 3}}, planned: {B1: {2026: 5}}}
`;
    expect(found(decisions(text))).toEqual([
      atText('retroactive-revision', D, text, '2026'),
      atText('retroactive-revision', D, text, '2026', 'error', 1),
    ]);
  });

  test('a revision dated on 31 December may still change that year', () => {
    const text = `revisions:
  - {id: R1, date: 2026-12-31, title: x, planned: {B1: {2026: 5}}}
`;
    expect(found(decisions(text))).toEqual([]);
  });

  test('values: money decimals, percent range, a revision that changes nothing', () => {
    const text = `revisions:
  - {id: R1, date: 2026-10-21, title: x, planned: {B1: {2027: 1.005}}, targets: {AP.O1-b: {2028: 120}}}
  - {id: R2, date: 2026-10-21, title: nothing}
`;
    expect(found(decisions(text))).toEqual([
      atText('decimal-places', D, text, '1.005'),
      atText('percent-range', D, text, '120'),
      atText('missing-key', D, text, '{id: R2'),
    ]);
  });

  test('ids are unique across meetings, revisions and the rest', () => {
    const text = `revisions:
  - {id: SOM-29, date: 2026-10-21, title: x, planned: {B1: {2027: 1}}}
`;
    expect(found(decisions(text))).toEqual([atText('duplicate-id', D, text, 'SOM-29')]);
  });

  test('target-direction on the revised curve, reported at the revision', () => {
    // Written: baseline 0 (2025), 2026: 1, 2028: 3. Revised 2027 → 5 then 2028 stays 3: 3 < 5 moves
    // against `increase`, at 2028, which the revision did not set; the revision's own 2027 is fine.
    // A second revision sets 2028 to 4: 4 < 5 again, reported at that revision's 2028.
    const text = `revisions:
  - {id: R1, date: 2026-10-21, title: x, targets: {AP.O1.1-a: {2027: 5}}}
  - {id: R2, date: 2026-11-21, title: y, targets: {AP.O1.1-a: {2028: 4}}}
`;
    expect(found(decisions(text))).toEqual([atText('target-direction', D, text, '4', 'warning')]);
  });
});

describe('narratives', () => {
  test('about plan, a programme, a result or an indicator; anything else is unknown-about', () => {
    const text = `narratives:
  - {about: plan, date: 2026-10-01, text: The plan began.}
  - {about: AP, date: 2026-10-01, text: Air.}
  - {about: AP.O1.1-a, date: 2026-10-01, text: Reports.}
  - {about: APX, date: 2026-10-01, text: Typo.}
  - {about: AP, date: 2026-13-01, text: Bad date.}
`;
    expect(found(decisions(text))).toEqual([
      atText('unknown-about', D, text, 'APX'),
      atText('date-invalid', D, text, '2026-13-01'),
    ]);
  });
});

describe('withdrawals and disaggregation', () => {
  test('a withdrawal of a standing value is accepted; a value after it needs no corrects', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, withdrawn: true, date: 2026-11-20, note: counted twice}',
      '{indicator: AP.O1.1-a, period: 2026, value: 2, date: 2026-11-25}',
    );
    expect(found(fw({ [L]: text }))).toEqual([]);
  });

  test('withdraw-nothing: no standing value, or withdrawn twice', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2027, withdrawn: true, date: 2027-02-01}',
      '{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, withdrawn: true, date: 2026-11-20}',
      '{indicator: AP.O1.1-a, period: 2026, withdrawn: true, date: 2026-11-21}',
    );
    expect(found(fw({ [L]: text }))).toEqual([
      atText('withdraw-nothing', L, text, 'withdrawn'),
      atText('withdraw-nothing', L, text, 'withdrawn', 'error', 2),
    ]);
    expect(checkTexts(fw({ [L]: text }))[1]?.message).toBe(
      'nothing to withdraw: AP.O1.1-a 2026 has no standing value (it was withdrawn at progress/2026.yaml:4)',
    );
  });

  test('a withdrawal carries no value', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, withdrawn: true, value: 0, date: 2026-11-20}',
    );
    expect(found(fw({ [L]: text }))).toEqual([atText('value-form', L, text, 'value', 'error', 1)]);
  });

  test('partial-disaggregation: naming some dimensions and not all is an error naming the rest', () => {
    const plan = PLAN.replace('    country: [CN, MN]\n', '    country: [CN, MN]\n    sex: [F, M]\n').replace(
      'disaggregate: [country]',
      'disaggregate: [country, sex]',
    );
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 1, country: CN, sex: F, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, value: 1, country: MN, date: 2026-11-02}',
    );
    const files = fw({ 'plan.yaml': plan, [L]: text });
    expect(found(files)).toEqual([atText('partial-disaggregation', L, text, '{indicator', 'error', 1)]);
    expect(checkTexts(files)[0]?.message).toBe(
      "AP.O1.1-a is disaggregated by country and sex: give sex too (or no dimension at all for the period's total)",
    );
  });
});

describe('contributors, pledges and contributions', () => {
  test('valid entries: a KRW pledge before the plan, cash, in kind, a refund', () => {
    const files = resources(
      '{pledge: CORE, from: KR, year: 2026, amount: 400000000, currency: KRW, date: 2025-09-23}',
      '{contribution: CORE, from: KR, year: 2026, amount: 250000, date: 2026-03-10}',
      '{contribution: CORE, from: MN, amount: 15000, kind: in-kind, date: 2026-09-24, note: venue}',
      '{contribution: CORE, from: KR, amount: -1000, date: 2026-04-01, note: refund}',
    );
    expect(found(files)).toEqual([]);
    const fwk = checkFiles(
      'fw',
      Object.entries(files).map(([name, t]) => ({ name, path: name, text: t })),
    ).framework;
    const [pledge, cash, kind, refund] = (fwk?.entries ?? []).filter(
      (e) => e.kind !== 'result' && e.kind !== 'spend',
    );
    // 400,000,000 KRW × 0.0007 (2025's rate: the pledge's date is 2025-09-23) = 280,000.00 USD.
    expect(pledge).toMatchObject({
      kind: 'pledge',
      fund: 'CORE',
      from: 'KR',
      year: 2026,
      planAmount: 28_000_000n,
    });
    expect(cash).toMatchObject({ kind: 'contribution', year: 2026, planAmount: 25_000_000n, inKind: false });
    // No `year`: its date's year.
    expect(kind).toMatchObject({
      kind: 'contribution',
      from: 'MN',
      year: 2026,
      planAmount: 1_500_000n,
      inKind: true,
    });
    expect(refund).toMatchObject({ planAmount: -100_000n });
    expect(fwk?.sources[0]?.openingBalance).toBe(100_050n);
    expect(fwk?.contributors.map((c) => c.id)).toEqual(['KR', 'MN']);
  });

  test('unknown source and contributor, a year outside the plan, a bad kind', () => {
    const lines = [
      '{pledge: CORX, from: KP, year: 2031, amount: 1, date: 2026-01-01}',
      '{contribution: CORE, from: MN, amount: 1, kind: loan, date: 2026-01-01}',
    ];
    const files = resources(...lines);
    const text = ledger(...lines);
    expect(found(files)).toEqual([
      atText('unknown-source', R, text, 'CORX'),
      atText('unknown-contributor', R, text, 'KP'),
      atText('year-outside-plan', R, text, '2031'),
      atText('invalid-value', R, text, 'loan'),
    ]);
  });

  test("a contribution dated before the plan needs the year it is for; its date's year is outside", () => {
    const lines = ['{contribution: CORE, from: KR, amount: 1, date: 2025-12-15}'];
    expect(found(resources(...lines))).toEqual([
      atText('year-outside-plan', R, ledger(...lines), '2025-12-15'),
    ]);
  });

  test('a pledge needs year, from and amount; a foreign currency needs a rate', () => {
    const lines = [
      '{pledge: CORE, from: KR, amount: 1, date: 2026-01-01}',
      '{contribution: CORE, from: KR, amount: 1000, currency: KRW, date: 2027-03-01}',
    ];
    const text = ledger(...lines);
    expect(found(resources(...lines))).toEqual([
      atText('missing-key', R, text, '{pledge'),
      atText('rate-missing', R, text, 'KRW'),
    ]);
  });

  test('entry-kind names every kind', () => {
    const lines = ['{pledged: CORE, from: KR, amount: 1, date: 2026-01-01}'];
    const d = checkTexts(resources(...lines));
    expect(d.map((x) => x.code)).toEqual(['entry-kind']);
    expect(d[0]?.message).toMatch(/`indicator`.*`spend`.*`pledge` or `contribution`/);
  });
});
