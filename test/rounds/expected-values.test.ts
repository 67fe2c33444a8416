import { describe, expect, test } from 'vitest';
import { computeStatus } from '../../src/compute/status.js';
import { checkFiles } from '../../src/load/index.js';
import { renderStatusJson } from '../../src/render/status-json.js';
import { day, framework } from '../status/helpers.js';

// Issue 21, case 3, worked by hand from the contract ("Figures → Expected values"). The plan's
// countries are CN, JP, MN (test/status/helpers.ts). A level indicator, semiannual, baseline 0 in
// 2025, targets 6 in 2026 and 10 in 2030.
const LEVEL = (
  disaggregate: string,
) => `  - {id: L1, result: AP.O1, title: Sites monitored, unit: sites, measure: number, direction: increase,
       aggregation: level, baseline: {year: 2025, value: 0}, targets: {2026: 6, 2030: 10}, frequency: semiannual,
       disaggregate: ${disaggregate}}`;
const CASE3 = `  - {indicator: L1, period: 2026-H1, value: 2, country: CN, date: 2026-07-10}
  - {indicator: L1, period: 2026-H1, value: 2, country: JP, date: 2026-07-10}
  - {indicator: L1, period: 2026-H1, value: 2, country: MN, date: 2026-07-10}
  - {indicator: L1, period: 2026-H2, value: 3, country: CN, date: 2027-01-05}`;

function one(fw: ReturnType<typeof framework>, asOf: string) {
  const s = computeStatus(fw, day(asOf)).indicators[0];
  if (!s) throw new Error('no indicator');
  return s;
}

describe('an incomplete level period has no total (issue 21, case 3)', () => {
  const fw = framework(LEVEL('[country]'), CASE3);
  const s = one(fw, '2027-01-15');

  test('the latest complete period stands: H1 = 2 + 2 + 2 = 6, not H2’s lone 3', () => {
    // t = 2026-06-30 (end of H1); expected = 6 × 181/365 (181 days from 2025-12-31) = 2.975342465753425;
    // progress = 6 / 2.975342… = 2190/1086 = 2.016574585635359 → on-track (wrongly: actual 3, at risk).
    expect(s).toMatchObject({ period: '2026-H1', actual: 6, status: 'on-track', achieved: false });
    expect(s.expected).toBeCloseTo((6 * 181) / 365, 12);
    expect(s.progress).toBeCloseTo(2190 / 1086, 12);
    // One point (H1) only: no forecast (the wrong figure was −2.95).
    expect(s.forecast).toBeNull();
  });

  test('H2 is incomplete (JP and MN missing) and, ended before D without a total, missing', () => {
    expect(s.incomplete).toEqual([{ period: '2026-H2', missing: [{ country: 'JP' }, { country: 'MN' }] }]);
    expect(s.missing).toEqual(['2026-H2']);
    // The period due after H1, the latest with a total, is H2, which ended before D.
    expect(s.overdue).toBe(true);
    expect(s.warnings).toEqual([
      'L1 2026-H2: incomplete — no entry for country JP, MN; a level summed over some values is not the whole, so the period has no total and the latest complete period stands',
    ]);
  });

  test('in the status JSON, each missing value as a {dimension: value} object', () => {
    const j = JSON.parse(renderStatusJson(computeStatus(fw, day('2027-01-15'))));
    expect(j.indicators[0].incomplete).toEqual([
      { period: '2026-H2', missing: [{ country: 'JP' }, { country: 'MN' }] },
    ]);
  });

  test('once JP and MN report, H2 is complete: 3 + 4 + 1 = 8', () => {
    const done = framework(
      LEVEL('[country]'),
      `${CASE3}
  - {indicator: L1, period: 2026-H2, value: 4, country: JP, date: 2027-01-20}
  - {indicator: L1, period: 2026-H2, value: 1, country: MN, date: 2027-01-21}`,
    );
    const later = one(done, '2027-02-01');
    expect(later).toMatchObject({ period: '2026-H2', actual: 8, incomplete: [], missing: [] });
    // As of 2027-01-20 MN is still missing: H1 stands.
    expect(one(done, '2027-01-20')).toMatchObject({
      period: '2026-H1',
      actual: 6,
      incomplete: [{ period: '2026-H2', missing: [{ country: 'MN' }] }],
    });
  });

  test('a total entry makes the period whole whatever the per-value entries', () => {
    const withTotal = framework(
      LEVEL('[country]'),
      `${CASE3}
  - {indicator: L1, period: 2026-H2, value: 7, date: 2027-01-06}`,
    );
    expect(one(withTotal, '2027-01-15')).toMatchObject({ period: '2026-H2', actual: 7, incomplete: [] });
  });
});

describe('expected values named in disaggregate: {country: [...]}', () => {
  test('a value not expected is not missing: CN and JP expected, H2 has both', () => {
    const fw = framework(
      LEVEL('{country: [CN, JP]}'),
      `  - {indicator: L1, period: 2026-H1, value: 2, country: CN, date: 2026-07-10}
  - {indicator: L1, period: 2026-H1, value: 2, country: JP, date: 2026-07-10}`,
    );
    const s = one(fw, '2026-08-01');
    // H1 = 2 + 2 = 4, complete without MN; the breakdown has a row per expected value only.
    expect(s).toMatchObject({ period: '2026-H1', actual: 4, incomplete: [] });
    expect(s.breakdown?.map((b) => b.value)).toEqual(['CN', 'JP']);
  });

  test('an incomplete cumulative period keeps its total and is listed', () => {
    const cum = `  - {id: C1, result: AP.O1, title: Trained, unit: officials, measure: number, direction: increase,
       aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2030: 100}, frequency: annual,
       disaggregate: {country: [CN, JP]}}`;
    const fw = framework(cum, '  - {indicator: C1, period: 2026, value: 5, country: CN, date: 2026-12-01}');
    const s = one(fw, '2027-01-10');
    // 0 + 5: the increment reported is real.
    expect(s).toMatchObject({ period: '2026', actual: 5, missing: [] });
    expect(s.incomplete).toEqual([{ period: '2026', missing: [{ country: 'JP' }] }]);
  });

  test('with two dimensions the expected combinations are the product', () => {
    const text = `plan:
  id: two
  title: Two
  start: 2026
  end: 2030
  currency: USD
  dimensions: {country: [CN, JP, MN], sex: [F, M]}
programmes: [{id: AP, title: Air}]
results: [{id: AP.O1, level: outcome, programme: AP, title: Air}]
indicators:
  - {id: P1, result: AP.O1, title: Share, unit: '%', measure: percent, direction: increase, aggregation: level,
     baseline: {year: 2025, value: 0}, targets: {2030: 50}, frequency: annual, disaggregate: {country: [CN, JP], sex: [F, M]}}
progress:
  - {indicator: P1, period: 2026, numerator: 1, denominator: 4, country: CN, sex: F, date: 2026-12-01}
  - {indicator: P1, period: 2026, numerator: 1, denominator: 4, country: CN, sex: M, date: 2026-12-01}
  - {indicator: P1, period: 2026, numerator: 2, denominator: 4, country: JP, sex: F, date: 2026-12-01}
`;
    const checked = checkFiles('/f', [{ name: 'fw.yaml', path: '/f/fw.yaml', text }]);
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const s = computeStatus(checked.framework as NonNullable<typeof checked.framework>, day('2027-01-10'))
      .indicators[0];
    // 2 × 2 = 4 combinations; JP M has no entry: a percent period with no total (not 4/12 = 33.3%).
    expect(s?.incomplete).toEqual([{ period: '2026', missing: [{ country: 'JP', sex: 'M' }] }]);
    expect(s).toMatchObject({ actual: null, status: 'no-data', missing: ['2026'] });
  });
});

describe('validation of expected values', () => {
  const files = (disaggregate: string, entry: string) => [
    {
      name: 'fw.yaml',
      path: '/f/fw.yaml',
      text: `plan: {id: v, title: V, start: 2026, end: 2030, currency: USD, dimensions: {country: [CN, JP, MN]}}
programmes: [{id: AP, title: Air}]
results: [{id: AP.O1, level: outcome, programme: AP, title: Air}]
indicators:
  - {id: M1, result: AP.O1, title: Sites, unit: sites, measure: number, direction: increase, aggregation: cumulative,
     baseline: {year: 2025, value: 0}, targets: {2030: 16}, frequency: annual, disaggregate: ${disaggregate}}
progress:
${entry}
`,
    },
  ];
  const codes = (d: string, e: string) =>
    checkFiles('/f', files(d, e)).diagnostics.map((x) => [x.code, x.severity, x.message]);

  test('an entry for a value the indicator does not expect is an error', () => {
    expect(
      codes(
        '{country: [CN, JP]}',
        '  - {indicator: M1, period: 2026, value: 1, country: MN, date: 2026-09-10}',
      ),
    ).toEqual([
      [
        'unexpected-value',
        'error',
        "M1 does not expect country MN (it expects CN, JP); if MN reports it, add MN to the indicator's disaggregate.country",
      ],
    ]);
  });

  test('expected values must be the plan’s, and at least one', () => {
    const found = codes(
      '{country: [CN, XX]}',
      '  - {indicator: M1, period: 2026, value: 1, country: CN, date: 2026-09-10}',
    );
    expect(found.map((f) => f[0])).toEqual(['dimension-value']);
    expect(found[0]?.[2]).toMatch(/^"XX" is not a country of the plan \(CN, JP, MN\)/);
    expect(
      codes('{country: []}', '  - {indicator: M1, period: 2026, value: 1, date: 2026-09-10}').map(
        (f) => f[0],
      ),
    ).toEqual(['no-expected-values']);
    expect(
      codes('{region: [A]}', '  - {indicator: M1, period: 2026, value: 1, date: 2026-09-10}').map(
        (f) => f[0],
      ),
    ).toEqual(['unknown-dimension']);
  });
});
