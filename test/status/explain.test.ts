import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { explainIndicator } from '../../src/compute/explain.js';
import { renderExplain } from '../../src/render/status-explain.js';
import { day, framework } from './helpers.js';

/** Each entry's verdict in --explain, with the reason. */

const plain = new Chalk({ level: 0 });

describe('explain verdicts', () => {
  const fw = framework(
    `  - {id: P1, result: BD.O1, title: Share, unit: '%', measure: percent, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 20}, targets: {2026: 40, 2030: 60}, frequency: annual,
       disaggregate: {country: [JP, MN]}}`,
    `  - {indicator: P1, period: 2026, value: 30, date: 2026-12-01}
  - {indicator: P1, period: 2026, value: 33, date: 2026-12-01, corrects: true}
  - {indicator: P1, period: 2026, value: 50, country: MN, date: 2026-12-02}
  - {indicator: P1, period: 2027, value: 45, country: JP, date: 2027-12-02}
  - {indicator: P1, period: 2027, value: 47, country: MN, date: 2027-12-03}
  - {indicator: P1, period: 2028, value: 45, country: JP, date: 2028-12-02}`,
  );
  const x = explainIndicator(fw, 'P1', day('2028-01-01'));
  if (!x) throw new Error('no explanation');
  const kinds = x.trace.entries.map((u) => u.verdict.kind);

  it('classifies every entry', () => {
    expect(kinds).toEqual([
      'superseded',
      'used',
      'breakdown-only',
      'period-missing',
      'period-missing',
      'after-as-of',
    ]);
  });

  it('says why, with file:line', () => {
    const text = renderExplain(x, plain, 200);
    expect(text).toContain('— ignored: superseded by the correction at fw.yaml:');
    expect(text).toContain('(the same date, later in the ledger)');
    expect(text).toContain("not in the total: the period's total entry at fw.yaml:");
    expect(text).toContain('the period counts as missing');
    expect(text).toContain('ignored: dated 2028-12-02, after 2028-01-01');
    // 2026 stands at 33 (the same-day correction later in the file); 2027 is missing, so t = 2026-12-31:
    // expected 40, progress = (33 − 20)/(40 − 20) = 0.65 → at-risk.
    expect(text).toContain(
      'progress = (actual − baseline) / (expected − baseline) = (33 − 20) / (40 − 20) = 0.65',
    );
    expect(text).toContain('P1 2027: per-value percent entries without numerator and denominator');
  });

  it('an incomplete level period: its entries are not used, and the period names what is missing', () => {
    // As of 2027-12-02 only JP has reported 2027 (MN's entry is dated 2027-12-03): the period is
    // incomplete, so it has no total and 2026 (33) stands.
    const y = explainIndicator(fw, 'P1', day('2027-12-02'));
    if (!y) throw new Error('no explanation');
    expect(y.trace.entries.map((u) => u.verdict.kind)).toEqual([
      'superseded',
      'used',
      'breakdown-only',
      'period-incomplete',
      'after-as-of',
      'after-as-of',
    ]);
    expect(y.trace.incomplete).toEqual([{ period: '2027', missing: [{ country: 'MN' }] }]);
    const text = renderExplain(y, plain, 200);
    expect(text).toContain('2027 (ends 2027-12-31): incomplete — no entry for country MN; no total');
    expect(text).toContain('level: the value for 2026 = 33');
  });

  it('locates entries at their own lines', () => {
    const lines = x.trace.entries.map((u) => x.at.get(u.entry));
    for (const l of lines) expect(l).toMatch(/^fw\.yaml:\d+$/);
    // One entry per line, in ledger order: consecutive lines.
    const nums = lines.map((l) => Number(l?.split(':')[1]));
    expect(nums.slice(1).map((n, i) => n - (nums[i] as number))).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('explain figures in plain digits (found by the fuzz campaign)', () => {
  it('a large slope is written out, not as 1.0000000e+12', () => {
    const fw = framework(
      `  - {id: N1, result: BD.O1, title: Big, unit: t, measure: number, direction: increase, aggregation: level,
       baseline: {year: 2025, value: 0}, targets: {2030: 900000000000000}, frequency: annual}`,
      `  - {indicator: N1, period: 2026, value: 0, date: 2026-12-31}
  - {indicator: N1, period: 2027, value: 365000000000000, date: 2027-12-31}`,
    );
    const x = explainIndicator(fw, 'N1', day('2028-01-01'));
    if (!x) throw new Error('no explanation');
    // Points (2026-12-31, 0) and (2027-12-31, 365e12), 365 days apart: slope 365e12 / 365 = 1e12 per day.
    const text = renderExplain(x, plain);
    expect(text).toMatch(/ = 1000000000000 per day\n/);
    expect(text).not.toMatch(/\de[+-]\d/);
  });
});
