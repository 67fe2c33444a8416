import { describe, expect, test } from 'vitest';
import { computeVariance } from '../../src/compute/variance.js';
import { renderVarianceJson } from '../../src/render/variance-json.js';
import { day, frameworkFrom } from '../variance/helpers.js';
import { atText, BUDGET, checkTexts, found, fw } from './helpers.js';

/**
 * Exchange rates lie in 1e-9..1e9 (docs/diagnostics.md, rate-range), and an amount that converts
 * to more than can be added exactly is refused at its entry (issue 13, item 12): a slip in a rate
 * is caught where it was made, never shown as 2.5 × 10^300 dollars or "Infinity%" in a report.
 */

const B = 'budget.yaml';
const L = 'progress/2026.yaml';

function budgetWithRate(rate: string): string {
  const text = BUDGET.replace('rates: {KRW: {2026: 0.00072}}', `rates: {KRW: {2026: ${rate}}}`);
  if (text === BUDGET) throw new Error('rate not in BUDGET');
  return text;
}

describe('rate-range', () => {
  test.each(['1e308', '1e-300', '1000000001', '0.0000000009'])(
    'a rate of %s is an error at the rate',
    (rate) => {
      const text = budgetWithRate(rate);
      expect(found(fw({ [B]: text }))).toEqual([atText('rate-range', B, text, rate)]);
    },
  );

  test('the message gives the range', () => {
    expect(checkTexts(fw({ [B]: budgetWithRate('1e308') }))[0]?.message).toBe(
      'a rate of 1e+308 lies outside the accepted range 0.000000001 to 1,000,000,000 (the plan-currency value of one unit)',
    );
  });

  test('spending the refused rate would convert is not also told its rate is missing', () => {
    const text = budgetWithRate('1e308');
    const ledger = 'progress:\n  - {spend: B1, date: 2026-05-12, amount: 5000, currency: KRW}\n';
    // One error, at the rate: not a second one (rate-missing) at the entry it would convert.
    expect(found(fw({ [B]: text, [L]: ledger }))).toEqual([atText('rate-range', B, text, '1e308')]);
    // A currency with no rate written at all is still rate-missing at the entry.
    const eur = 'progress:\n  - {spend: B1, date: 2026-05-12, amount: 5000, currency: EUR}\n';
    expect(found(fw({ [B]: text, [L]: eur }))).toEqual([
      atText('rate-range', B, text, '1e308'),
      atText('rate-missing', L, eur, 'EUR'),
    ]);
  });

  test('the ends of the range are accepted', () => {
    expect(found(fw({ [B]: budgetWithRate('1000000000') }))).toEqual([]);
    expect(found(fw({ [B]: budgetWithRate('0.000000001') }))).toEqual([]);
  });

  test('zero and negative rates are errors in plain words, not zod text', () => {
    const text = budgetWithRate('0');
    expect(found(fw({ [B]: text }))).toEqual([atText('invalid-value', B, text, '0}}')]);
    expect(checkTexts(fw({ [B]: text }))[0]?.message).toBe('"2026" must be greater than 0, not 0');
  });
});

describe('converted amounts past the exact range', () => {
  // 1 KRW = 1e9 USD (the largest rate allowed). 10,000,000,000 KRW is 1e19 USD = 1e21 cents,
  // past 2^53 (about 9.007e15) cents; 90,000 KRW is 9e13 USD = 9e15 cents, just inside it.
  test('are refused at the entry', () => {
    const ledger = 'progress:\n  - {spend: B1, date: 2026-05-12, amount: 10000000000, currency: KRW}\n';
    expect(found(fw({ [B]: budgetWithRate('1000000000'), [L]: ledger }))).toEqual([
      atText('amount-too-large', L, ledger, '10000000000'),
    ]);
  });

  test('just inside the range, the figure is exact downstream', () => {
    const f = frameworkFrom({
      'plan.yaml': 'plan: {id: p, title: P, start: 2026, end: 2026, currency: USD}\n',
      'budget.yaml': `budget:
  rates: {KRW: {2026: 1000000000}}
  lines:
    - {id: B1, title: Line, planned: {2026: 100}}
progress:
  - {spend: B1, date: 2026-05-12, amount: 90000, currency: KRW}
`,
    });
    const json = JSON.parse(renderVarianceJson(computeVariance(f, day('2026-12-31'), 'line', 'year')));
    // actual 90,000 × 1e9 = 9e13 USD; planned 100; variance 100 − 9e13; execution 9e13 / 100 = 9e11.
    expect(json.total.actual).toBe(90_000_000_000_000);
    expect(json.total.variance).toBe(100 - 90_000_000_000_000);
    expect(json.total.execution).toBe(900_000_000_000);
  });
});
