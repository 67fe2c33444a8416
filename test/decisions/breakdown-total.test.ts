import { describe, expect, test } from 'vitest';
import { at, found, fw, pos } from '../validate/helpers.js';

/**
 * `breakdown-total` (DESIGN.md, warnings): a period whose total entry disagrees with the sum
 * (number) or Σ numerators / Σ denominators (percent) of its per-value entries. The plan's
 * country dimension has two values (CN, MN), so a breakdown is complete with both.
 */
const INDICATORS = `indicators:
  - {id: X, result: AP.O1, title: Trained, unit: people, measure: number, direction: increase,
     aggregation: cumulative, frequency: quarterly, disaggregate: [country],
     baseline: {year: 2025, value: 0}, targets: {2028: 100}}
  - {id: P, result: AP.O1, title: Share, unit: '%', measure: percent, direction: increase,
     aggregation: level, frequency: quarterly, disaggregate: [country],
     baseline: {year: 2025, value: 0}, targets: {2028: 50}}
`;

function check(...entries: string[]) {
  const ledger = `progress:\n${entries.map((e) => `  - ${e}\n`).join('')}`;
  return { ledger, found: found(fw({ 'indicators.yaml': INDICATORS, 'progress/x.yaml': ledger })) };
}

const W = (ledger: string, needle: string) => {
  const p = pos(ledger, needle);
  return at('breakdown-total', 'progress/x.yaml', p.line, p.col, 'warning');
};

describe('breakdown-total', () => {
  test('number: a complete breakdown that adds up to its total is fine (2 + 3 = 5)', () => {
    expect(
      check(
        '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
        '{indicator: X, period: 2026-Q1, value: 2, country: CN, date: 2026-04-01}',
        '{indicator: X, period: 2026-Q1, value: 3, country: MN, date: 2026-04-01}',
      ).found,
    ).toEqual([]);
  });

  test('number: 2 + 4 = 6 against a total of 5 is a warning at the total entry', () => {
    const { ledger, found } = check(
      '{indicator: X, period: 2026-Q1, value: 2, country: CN, date: 2026-04-01}',
      '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
      '{indicator: X, period: 2026-Q1, value: 4, country: MN, date: 2026-04-01}',
    );
    expect(found).toEqual([W(ledger, '{indicator: X, period: 2026-Q1, value: 5')]);
  });

  test('number: a partial breakdown may fall short of the total (CN 2 of 5), never pass it (CN 6)', () => {
    expect(
      check(
        '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
        '{indicator: X, period: 2026-Q1, value: 2, country: CN, date: 2026-04-01}',
      ).found,
    ).toEqual([]);
    const { ledger, found } = check(
      '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
      '{indicator: X, period: 2026-Q1, value: 6, country: CN, date: 2026-04-01}',
    );
    expect(found).toEqual([W(ledger, '{indicator: X, period: 2026-Q1, value: 5')]);
  });

  test('percent: 20/60 and 21/60 give 41/120 = 34.17%: a total of 34.2 agrees (one decimal), 35 does not', () => {
    const parts = [
      '{indicator: P, period: 2026-Q1, numerator: 20, denominator: 60, country: CN, date: 2026-04-01}',
      '{indicator: P, period: 2026-Q1, numerator: 21, denominator: 60, country: MN, date: 2026-04-01}',
    ];
    expect(check('{indicator: P, period: 2026-Q1, value: 34.2, date: 2026-04-01}', ...parts).found).toEqual(
      [],
    );
    const { ledger, found } = check('{indicator: P, period: 2026-Q1, value: 35, date: 2026-04-01}', ...parts);
    expect(found).toEqual([W(ledger, '{indicator: P, period: 2026-Q1, value: 35')]);
  });

  test('percent: a total given as 41/120 agrees; 40/120 does not', () => {
    const parts = [
      '{indicator: P, period: 2026-Q1, numerator: 20, denominator: 60, country: CN, date: 2026-04-01}',
      '{indicator: P, period: 2026-Q1, numerator: 21, denominator: 60, country: MN, date: 2026-04-01}',
    ];
    expect(
      check('{indicator: P, period: 2026-Q1, numerator: 41, denominator: 120, date: 2026-04-01}', ...parts)
        .found,
    ).toEqual([]);
    const { ledger, found } = check(
      '{indicator: P, period: 2026-Q1, numerator: 40, denominator: 120, date: 2026-04-01}',
      ...parts,
    );
    expect(found).toEqual([W(ledger, '{indicator: P, period: 2026-Q1, numerator: 40')]);
  });

  test('the standing entries count: a corrected total that agrees, or a withdrawn total, is fine', () => {
    const parts = [
      '{indicator: X, period: 2026-Q1, value: 2, country: CN, date: 2026-04-01}',
      '{indicator: X, period: 2026-Q1, value: 4, country: MN, date: 2026-04-01}',
    ];
    expect(
      check(
        '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
        ...parts,
        '{indicator: X, period: 2026-Q1, value: 6, corrects: true, date: 2026-04-02}',
      ).found,
    ).toEqual([]);
    expect(
      check(
        '{indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}',
        ...parts,
        '{indicator: X, period: 2026-Q1, withdrawn: true, date: 2026-04-02}',
      ).found,
    ).toEqual([]);
  });

  test('the message names the figures', async () => {
    const { checkTexts } = await import('../validate/helpers.js');
    const ledger = `progress:
  - {indicator: X, period: 2026-Q1, value: 5, date: 2026-04-01}
  - {indicator: X, period: 2026-Q1, value: 2, country: CN, date: 2026-04-01}
  - {indicator: X, period: 2026-Q1, value: 4, country: MN, date: 2026-04-01}
`;
    const d = checkTexts(fw({ 'indicators.yaml': INDICATORS, 'progress/x.yaml': ledger }));
    expect(d.map((x) => x.message)).toEqual([
      'X 2026-Q1: the total entry (5) disagrees with the sum of its 2 per-value entries (6)',
    ]);
  });
});
