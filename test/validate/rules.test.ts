import { describe, expect, test } from 'vitest';
import { at, atText, BUDGET, checkTexts, found, fw, PLAN, PROGRESS } from './helpers.js';

/**
 * One fixture per validation rule (DESIGN.md "What validation checks", plus every code the loader
 * emits). Each case starts from the clean framework in helpers.ts (which validates with no
 * diagnostics), breaks one thing, and asserts the complete list of diagnostics: code, severity and
 * position. Positions are given as "the n-th occurrence of this text in the fixture", i.e. the
 * offending key or value.
 */

const P = 'plan.yaml';
const B = 'budget.yaml';
const L = 'progress/2026.yaml';

/** A ledger file with one flow mapping per line. */
function ledger(...entries: string[]): string {
  return `progress:\n${entries.map((e) => `  - ${e}\n`).join('')}`;
}

/** The plan with one piece of text replaced (asserting it was there). */
function plan(from: string, to: string): string {
  if (!PLAN.includes(from)) throw new Error(`"${from}" not in PLAN`);
  return PLAN.replace(from, to);
}

function budget(from: string, to: string): string {
  if (!BUDGET.includes(from)) throw new Error(`"${from}" not in BUDGET`);
  return BUDGET.replace(from, to);
}

test('the clean fixture framework has no diagnostics', () => {
  expect(found(fw())).toEqual([]);
});

describe('YAML syntax', () => {
  test('yaml-syntax: an unclosed flow mapping', () => {
    const text = 'programmes:\n  - {id: AP, title: Air\n';
    expect(found(fw({ 'extra.yaml': text })).map((d) => d.code)).toEqual(['yaml-syntax']);
  });

  test('yaml-syntax: points at the offending spot', () => {
    const text = 'programmes:\n  - id: AP\n   title: bad indent\n';
    const [d] = found(fw({ 'extra.yaml': text }));
    expect(d).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: 'extra.yaml', line: 3 });
  });

  test('duplicate-key: a key given twice in one mapping, at the second one', () => {
    const text = plan('  title: Demo plan\n', '  title: Demo plan\n  title: Again\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('duplicate-key', P, text, 'title', 'error', 1)]);
    expect(checkTexts(fw({ [P]: text }))[0]?.message).toBe('duplicate key "title" in the same mapping');
  });

  test('duplicate-key inside a flow mapping of the ledger', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026, value: 1, value: 2, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('duplicate-key', L, text, 'value', 'error', 1)]);
  });

  test('alias-limit: more than 100 alias uses', () => {
    const text = `programmes:\n  - &p {id: AP2, title: x}\n${'  - *p\n'.repeat(101)}`;
    expect(found(fw({ 'extra.yaml': text }))).toEqual([at('alias-limit', 'extra.yaml', 1, 1)]);
  });

  test('too-deep: nesting beyond 64 levels', () => {
    const text = `programmes: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    // The top-level mapping is level 1 and the k-th `[` level k + 1: the 64th `[` (column 12 + 64)
    // is the first list past 64 levels.
    expect(found(fw({ 'extra.yaml': text }))).toEqual([at('too-deep', 'extra.yaml', 1, 76)]);
  });

  test('not-text: NUL bytes, at the first one', () => {
    expect(found(fw({ 'extra.yaml': 'plan:\u0000\u0001' }))).toEqual([at('not-text', 'extra.yaml', 1, 6)]);
  });

  test('not-text: invalid UTF-8 (decoded as U+FFFD), at the first bad byte', () => {
    expect(found(fw({ 'extra.yaml': 'plan: caf\ufffd\n' }))).toEqual([at('not-text', 'extra.yaml', 1, 10)]);
  });
});

describe('schema', () => {
  test('unknown-key at the top level, with the nearest section suggested', () => {
    const text = 'programs:\n  - {id: X, title: Y}\n';
    expect(found(fw({ 'extra.yaml': text }))).toEqual([at('unknown-key', 'extra.yaml', 1, 1)]);
    expect(checkTexts(fw({ 'extra.yaml': text }))[0]?.message).toBe(
      'unknown key "programs" (did you mean "programmes"?)',
    );
  });

  test('unknown-key in an indicator, pointing at the key, with a suggestion', () => {
    const text = plan('    frequency: annual\n', '    frequency: annual\n    means_of_verificaton: web\n');
    const diags = checkTexts(fw({ [P]: text }));
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-key', P, text, 'means_of_verificaton')]);
    expect(diags[0]?.message).toBe(
      'unknown key "means_of_verificaton" (did you mean "means_of_verification"?)',
    );
  });

  test('unknown-key in the plan and in plan.rating', () => {
    const text = plan(
      '  currency: USD\n',
      '  currency: USD\n  curency: EUR\n  rating: {on_trak: 0.9, at_risk: 0.5}\n',
    );
    const diags = checkTexts(fw({ [P]: text }));
    expect(found(fw({ [P]: text }))).toEqual([
      atText('unknown-key', P, text, 'curency'),
      atText('unknown-key', P, text, 'on_trak'),
    ]);
    expect(diags.filter((d) => d.code === 'unknown-key').map((d) => d.message)).toEqual([
      'unknown key "curency" (did you mean "currency"?)',
      'unknown key "on_trak" (did you mean "on_track"?)',
    ]);
  });

  test('unknown-key in a spend entry and in a result entry (not a dimension)', () => {
    const text = ledger(
      '{spend: B1, date: 2026-05-12, amount: 1, nte: x}',
      '{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02, sorce: x}',
    );
    const diags = checkTexts(fw({ [L]: text }));
    expect(found(fw({ [L]: text }))).toEqual([
      atText('unknown-key', L, text, 'nte'),
      atText('unknown-key', L, text, 'sorce'),
    ]);
    expect(diags.map((d) => d.message)).toEqual([
      'unknown key "nte" (did you mean "note"?)',
      'unknown key "sorce" (did you mean "source"?)',
    ]);
  });

  test('a misspelt required key is one unknown-key, not also missing-key', () => {
    const ind = plan('    title: Reports published\n', '    titel: Reports published\n').replace(
      'baseline: {year: 2025, value: 0}',
      'baseline: {yeer: 2025, value: 0}',
    );
    expect(found(fw({ [P]: ind }))).toEqual([
      atText('unknown-key', P, ind, 'titel'),
      atText('unknown-key', P, ind, 'yeer'),
    ]);
    const led = ledger(
      '{indicator: AP.O1.1-a, perod: 2026, value: 1, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2027, valeu: 1, date: 2027-11-02}',
      '{indicator: AP.O1-b, period: 2026-Q1, numerater: 1, denominator: 2, date: 2026-04-02}',
      '{spend: B1, date: 2026-05-12, amout: 1}',
    );
    const diags = checkTexts(fw({ [L]: led }));
    expect(found(fw({ [L]: led }))).toEqual([
      atText('unknown-key', L, led, 'perod'),
      atText('unknown-key', L, led, 'valeu'),
      atText('unknown-key', L, led, 'numerater'),
      atText('unknown-key', L, led, 'amout'),
    ]);
    expect(diags.map((d) => d.message)).toEqual([
      'unknown key "perod" (did you mean "period"?)',
      'unknown key "valeu" (did you mean "value"?)',
      'unknown key "numerater" (did you mean "numerator"?)',
      'unknown key "amout" (did you mean "amount"?)',
    ]);
  });

  test('unknown-key with nothing close gets no suggestion', () => {
    const text = 'zzzzzz: 1\n';
    expect(checkTexts(fw({ 'extra.yaml': text }))[0]?.message).toBe('unknown key "zzzzzz"');
  });

  test('missing-key: an indicator without a unit, at the indicator', () => {
    const text = plan('    unit: reports\n', '');
    expect(found(fw({ [P]: text }))).toEqual([atText('missing-key', P, text, 'id: AP.O1.1-a')]);
  });

  test('missing-key: a result entry without period (a union type), at the entry', () => {
    const text = ledger('{indicator: AP.O1.1-a, value: 1, date: 2026-11-02}');
    const diags = checkTexts(fw({ [L]: text }));
    expect(found(fw({ [L]: text }))).toEqual([atText('missing-key', L, text, '{indicator')]);
    expect(diags[0]?.message).toBe('"period" is required');
  });

  test('missing-key: a result entry without value, at the entry', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('missing-key', L, text, '{indicator')]);
  });

  test('missing-key: an outcome without a programme, an output without a parent', () => {
    const text = plan('{id: AP.O1, level: outcome, programme: AP,', '{id: AP.O1, level: outcome,').replace(
      'parent: AP.O1, ',
      '',
    );
    expect(found(fw({ [P]: text }))).toEqual([
      atText('missing-key', P, text, '{id: AP.O1,'),
      atText('missing-key', P, text, '{id: AP.O1.1,'),
    ]);
  });

  test('wrong-type: a year that is not a number', () => {
    const text = plan('  start: 2026', '  start: twenty');
    expect(found(fw({ [P]: text }))).toEqual([atText('wrong-type', P, text, 'twenty')]);
  });

  test('wrong-type: a number target for a number indicator given as text', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1, 2028: three}');
    expect(found(fw({ [P]: text }))).toEqual([atText('wrong-type', P, text, 'three')]);
  });

  test('wrong-type: a ledger entry that is not a mapping', () => {
    const text = 'progress:\n  - just text\n';
    expect(found(fw({ [L]: text }))).toEqual([atText('wrong-type', L, text, 'just text')]);
  });

  test('invalid-value: an enum value, with a suggestion', () => {
    const text = plan('measure: number', 'measure: numbr');
    const diags = checkTexts(fw({ [P]: text }));
    expect(found(fw({ [P]: text }))).toEqual([atText('invalid-value', P, text, 'numbr')]);
    expect(diags[0]?.message).toContain('(did you mean "number"?)');
  });

  test('invalid-value: a rate month that does not exist', () => {
    const text = budget('{KRW: {2026: 0.00072}}', '{KRW: {2026-13: 0.00072}}');
    expect(found(fw({ [B]: text }))).toEqual([atText('invalid-value', B, text, '2026-13')]);
  });
});

describe('the plan', () => {
  test('plan-missing: no file has a plan (no position)', () => {
    expect(found({ [B]: BUDGET, [L]: PROGRESS })).toEqual([
      { code: 'plan-missing', severity: 'error', file: null, line: null, col: null },
    ]);
  });

  test('plan-duplicate: a second plan section, at its key', () => {
    const text = 'plan:\n  id: other\n  title: Other\n  start: 2026\n  end: 2028\n  currency: USD\n';
    expect(found(fw({ 'z.yaml': text }))).toEqual([at('plan-duplicate', 'z.yaml', 1, 1)]);
  });

  test('plan-years: the plan ends before it starts', () => {
    const text = plan('  end: 2028', '  end: 2025');
    // Only the one error: targets, planned years and ledger dates are not also "outside the plan".
    expect(found(fw({ [P]: text }))).toEqual([atText('plan-years', P, text, '2025')]);
  });

  test('rating-order: at_risk above on_track', () => {
    const text = plan('  currency: USD\n', '  currency: USD\n  rating: {on_track: 0.5, at_risk: 0.8}\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('rating-order', P, text, '{on_track')]);
  });

  test('rating: one threshold given, the other keeps its default', () => {
    const text = plan('  currency: USD\n', '  currency: USD\n  rating: {on_track: 0.9}\n');
    expect(found(fw({ [P]: text }))).toEqual([]);
    // on_track 0.9 with the default at_risk 0.5; 0.4 would be out of order against at_risk 0.5.
    const bad = plan('  currency: USD\n', '  currency: USD\n  rating: {on_track: 0.4}\n');
    expect(found(fw({ [P]: bad }))).toEqual([atText('rating-order', P, bad, '{on_track')]);
  });

  test('dimension-name: a dimension named like a ledger field, at its key', () => {
    const text = plan('    country: [CN, MN]', '    country: [CN, MN]\n    source: [gov, ngo]');
    expect(found(fw({ [P]: text }))).toEqual([atText('dimension-name', P, text, 'source:')]);
  });

  test('unknown-currency: the plan currency', () => {
    const text = plan('currency: USD', 'currency: XQZ');
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-currency', P, text, 'XQZ')]);
  });
});

describe('ids and references', () => {
  test('duplicate-id: across sections and files, at the later id', () => {
    const text = budget('{id: B1,', '{id: AP.O1,');
    const diags = checkTexts(fw({ [B]: text, [L]: ledger() }));
    expect(found(fw({ [B]: text, [L]: ledger() }))).toEqual([atText('duplicate-id', B, text, 'AP.O1')]);
    // AP.O1 is first at plan.yaml line 12 (results), column 10 (its id value).
    expect(diags[0]?.message).toBe(
      'id "AP.O1" is already used at plan.yaml:12:10; ids are unique across the framework',
    );
  });

  test('unknown-programme', () => {
    const text = plan('programme: AP,', 'programme: AQ,');
    const diags = checkTexts(fw({ [P]: text }));
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-programme', P, text, 'AQ')]);
    expect(diags[0]?.message).toBe('unknown programme "AQ" (did you mean "AP"?)');
  });

  test('unknown-parent', () => {
    const text = plan('parent: AP.O1,', 'parent: AP.O9,');
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-parent', P, text, 'AP.O9')]);
  });

  test('parent-level: an output whose parent is an output', () => {
    const text = plan(
      '  - {id: AP.O1.1, level: output, parent: AP.O1, title: Reports}\n',
      '  - {id: AP.O1.1, level: output, parent: AP.O1, title: Reports}\n  - {id: AP.O1.2, level: output, parent: AP.O1.1, title: Sub}\n',
    );
    expect(found(fw({ [P]: text }))).toEqual([atText('parent-level', P, text, 'AP.O1.1, title: Sub')]);
  });

  test('unknown-result: an indicator', () => {
    const text = plan('    result: AP.O1.1\n', '    result: AP.O1.7\n');
    // AP.O1 keeps AP.O1-b, so no outcome-no-indicator warning.
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-result', P, text, 'AP.O1.7')]);
  });

  test('unknown-result: a budget line', () => {
    const text = budget('result: AP.O1,', 'result: AP.O2,');
    expect(found(fw({ [B]: text }))).toEqual([atText('unknown-result', B, text, 'AP.O2')]);
  });

  test('unknown-source', () => {
    const text = budget('source: CORE', 'source: COR');
    const diags = checkTexts(fw({ [B]: text }));
    expect(found(fw({ [B]: text }))).toEqual([atText('unknown-source', B, text, 'COR,')]);
    expect(diags[0]?.message).toBe('unknown funding source "COR" (did you mean "CORE"?)');
  });

  test('unknown-dimension: a disaggregation the plan does not define', () => {
    const text = plan('disaggregate: [country]', 'disaggregate: [cuntry]');
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-dimension', P, text, 'cuntry')]);
  });

  test('unknown-dimension: names of Object.prototype are not dimensions', () => {
    const text = plan('disaggregate: [country]', 'disaggregate: [constructor]');
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-dimension', P, text, 'constructor')]);
  });

  test('unknown-indicator in the ledger', () => {
    const text = ledger('{indicator: AP.O1.1-x, period: 2026, value: 1, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('unknown-indicator', L, text, 'AP.O1.1-x')]);
  });

  test('unknown-line in the ledger', () => {
    const text = ledger('{spend: B2, date: 2026-05-12, amount: 1}');
    const diags = checkTexts(fw({ [L]: text }));
    expect(found(fw({ [L]: text }))).toEqual([atText('unknown-line', L, text, 'B2')]);
    expect(diags[0]?.message).toBe('unknown budget line "B2" (did you mean "B1"?)');
  });
});

describe('targets and planned money', () => {
  test('year-outside-plan: a target year and a planned year', () => {
    const p = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1, 2028: 3, 2029: 4}');
    const b = budget('2028: 100}', '2028: 100, 2031: 5}');
    expect(found(fw({ [P]: p, [B]: b }))).toEqual([
      atText('year-outside-plan', B, b, '2031'),
      atText('year-outside-plan', P, p, '2029'),
    ]);
  });

  test('final-target-missing, at targets', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1, 2027: 3}');
    expect(found(fw({ [P]: text }))).toEqual([atText('final-target-missing', P, text, '{2026: 1, 2027')]);
  });

  test('target-before-baseline', () => {
    const text = plan('baseline: {year: 2025, value: 0}', 'baseline: {year: 2026, value: 0}');
    expect(found(fw({ [P]: text }))).toEqual([atText('target-before-baseline', P, text, '2026: 1')]);
  });

  test('decimal-places: a planned amount with more decimals than the currency', () => {
    const text = budget('2027: 100,', '2027: 100.001,');
    expect(found(fw({ [B]: text }))).toEqual([atText('decimal-places', B, text, '100.001')]);
  });

  test('unknown-currency: a rate currency', () => {
    const text = budget('{KRW: {2026: 0.00072}}', '{KRW: {2026: 0.00072}, QQQ: {2026: 1}}');
    expect(found(fw({ [B]: text }))).toEqual([atText('unknown-currency', B, text, 'QQQ')]);
  });
});

const MILESTONE = `  - id: AP.O1-m
    result: AP.O1
    title: Action plan
    unit: stage
    measure: milestone
    direction: increase
    aggregation: level
    levels: [not started, drafted, endorsed]
    baseline: {year: 2025, value: not started}
    targets: {2028: endorsed}
    frequency: annual
`;

describe('indicator measures', () => {
  test('the milestone fixture is clean', () => {
    expect(found(fw({ [P]: PLAN + MILESTONE }))).toEqual([]);
  });

  test('milestone-level: a target that is not a level', () => {
    const text = PLAN + MILESTONE.replace('{2028: endorsed}', '{2028: endorsd}');
    expect(found(fw({ [P]: text }))).toEqual([atText('milestone-level', P, text, 'endorsd')]);
  });

  test('milestone-level: a baseline that is not a level (a number is not a level either)', () => {
    const text = PLAN + MILESTONE.replace('value: not started}', 'value: 99}');
    expect(found(fw({ [P]: text }))).toEqual([atText('milestone-level', P, text, '99')]);
  });

  test('milestone-level: a ledger value that is not a level, with a suggestion', () => {
    const text = ledger('{indicator: AP.O1-m, period: 2026, value: draftd, date: 2026-11-02}');
    const diags = checkTexts(fw({ [P]: PLAN + MILESTONE, [L]: text }));
    expect(found(fw({ [P]: PLAN + MILESTONE, [L]: text }))).toEqual([
      atText('milestone-level', L, text, 'draftd'),
    ]);
    expect(diags[0]?.message).toContain('(did you mean "drafted"?)');
  });

  test('milestone-levels: a milestone indicator without levels, at the indicator', () => {
    const text = PLAN + MILESTONE.replace('    levels: [not started, drafted, endorsed]\n', '');
    expect(found(fw({ [P]: text }))).toEqual([atText('milestone-levels', P, text, 'id: AP.O1-m')]);
  });

  test('levels-not-milestone: levels on a number indicator', () => {
    const text = plan('    measure: number\n', '    measure: number\n    levels: [a, b]\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('levels-not-milestone', P, text, 'levels')]);
  });

  test('cumulative-measure: a percent indicator that says cumulative', () => {
    const text = plan('    aggregation: level\n', '    aggregation: cumulative\n');
    expect(found(fw({ [P]: text }))).toEqual([
      atText('cumulative-measure', P, text, 'cumulative', 'error', 1),
    ]);
  });

  test('percent-range: a percent target above 100', () => {
    const text = plan('targets: {2028: 50}', 'targets: {2028: 150}');
    expect(found(fw({ [P]: text }))).toEqual([atText('percent-range', P, text, '150')]);
  });

  test('percent-range: a ledger value and a numerator above its denominator', () => {
    const text = ledger(
      '{indicator: AP.O1-b, period: 2026-Q1, value: 120, date: 2026-04-01}',
      '{indicator: AP.O1-b, period: 2026-Q2, numerator: 11, denominator: 10, date: 2026-07-01}',
    );
    expect(found(fw({ [L]: text }))).toEqual([
      atText('percent-range', L, text, '120'),
      atText('percent-range', L, text, '11'),
    ]);
  });
});

describe('ledger entries', () => {
  test('period-invalid', () => {
    const text = ledger('{indicator: AP.O1-b, period: 2026-Q5, value: 1, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('period-invalid', L, text, '2026-Q5')]);
  });

  test('period-frequency: a quarter for an annual indicator', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026-Q2, value: 1, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('period-frequency', L, text, '2026-Q2')]);
  });

  test('period-outside-plan', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2029, value: 1, date: 2029-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('period-outside-plan', L, text, '2029')]);
  });

  test('date-invalid: 30 February', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-02-30}');
    expect(found(fw({ [L]: text }))).toEqual([atText('date-invalid', L, text, '2026-02-30')]);
  });

  test('date-invalid: a spend date', () => {
    const text = ledger('{spend: B1, date: 12 May 2026, amount: 1}');
    expect(found(fw({ [L]: text }))).toEqual([atText('date-invalid', L, text, '12 May')]);
  });

  test('date-before-period', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2027, value: 1, date: 2026-12-31}');
    expect(found(fw({ [L]: text }))).toEqual([atText('date-before-period', L, text, '2026-12-31')]);
  });

  test('dimension-value: a country the plan does not list', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026, value: 1, country: JP, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('dimension-value', L, text, 'JP')]);
  });

  test('not-disaggregated: a dimension on an indicator without it, at the key', () => {
    const text = ledger('{indicator: AP.O1-b, period: 2026-Q1, value: 1, country: CN, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('not-disaggregated', L, text, 'country')]);
  });

  test('entry-kind: neither indicator nor spend', () => {
    const text = ledger('{period: 2026, value: 1, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('entry-kind', L, text, '{period')]);
  });

  test('value-form: value and numerator both', () => {
    const text = ledger(
      '{indicator: AP.O1-b, period: 2026-Q1, value: 5, numerator: 1, denominator: 2, date: 2026-11-02}',
    );
    expect(found(fw({ [L]: text }))).toEqual([atText('value-form', L, text, 'value')]);
  });

  test('ratio-not-percent: a numerator on a number indicator', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, numerator: 1, denominator: 2, date: 2026-11-02}',
    );
    expect(found(fw({ [L]: text }))).toEqual([atText('ratio-not-percent', L, text, 'numerator')]);
  });

  test('missing-key: a numerator without its denominator', () => {
    const text = ledger('{indicator: AP.O1-b, period: 2026-Q1, numerator: 1, date: 2026-11-02}');
    expect(found(fw({ [L]: text }))).toEqual([atText('missing-key', L, text, '{indicator')]);
  });

  test('decimal-places: a spend amount', () => {
    const text = ledger('{spend: B1, date: 2026-05-12, amount: 12.345}');
    expect(found(fw({ [L]: text }))).toEqual([atText('decimal-places', L, text, '12.345')]);
  });

  test('amount-too-large: past 2^53 minor units a YAML number no longer holds every cent', () => {
    // 90,071,992,547,409.92 USD = 9,007,199,254,740,992 cents = 2^53, one past Number.MAX_SAFE_INTEGER.
    const text = ledger('{spend: B1, date: 2026-05-12, amount: 90071992547409.92}');
    expect(found(fw({ [L]: text }))).toEqual([atText('amount-too-large', L, text, '90071992547409.92')]);
  });

  test('decimal-places: KRW has none', () => {
    const text = ledger('{spend: B1, date: 2026-05-12, amount: 1000.5, currency: KRW}');
    expect(found(fw({ [L]: text }))).toEqual([atText('decimal-places', L, text, '1000.5')]);
  });

  test('unknown-currency: a spend currency', () => {
    const text = ledger('{spend: B1, date: 2026-05-12, amount: 1, currency: QQQ}');
    expect(found(fw({ [L]: text }))).toEqual([atText('unknown-currency', L, text, 'QQQ')]);
  });

  test('rate-missing: a foreign currency with no rate for the month or year', () => {
    const text = ledger('{spend: B1, date: 2027-05-12, amount: 1000, currency: KRW}');
    expect(found(fw({ [L]: text }))).toEqual([atText('rate-missing', L, text, 'KRW')]);
  });

  test('spend-outside-plan', () => {
    const text = ledger('{spend: B1, date: 2025-12-31, amount: 1}');
    expect(found(fw({ [L]: text }))).toEqual([atText('spend-outside-plan', L, text, '2025-12-31')]);
  });

  test('duplicate-entry: the same indicator and period twice, at the second', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, value: 2, date: 2026-11-03}',
    );
    const diags = checkTexts(fw({ [L]: text }));
    expect(found(fw({ [L]: text }))).toEqual([atText('duplicate-entry', L, text, '{indicator', 'error', 1)]);
    expect(diags[0]?.message).toBe(
      'a second entry for AP.O1.1-a 2026 (the first is at progress/2026.yaml:2); add corrects: true to correct it',
    );
  });

  test('different disaggregation values are different keys; corrects: true is accepted', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 1, country: CN, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, value: 1, country: MN, date: 2026-11-02}',
      '{indicator: AP.O1.1-a, period: 2026, value: 2, country: MN, date: 2026-11-03, corrects: true}',
    );
    expect(found(fw({ [L]: text }))).toEqual([]);
  });

  test('correction-backdated: a correction dated before the entry it corrects, at its date', () => {
    // The original (line 2) is dated 2026-12-20; the correction after it (line 3) says 2026-12-10.
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 3, date: 2026-12-20}',
      '{indicator: AP.O1.1-a, period: 2026, value: 4, date: 2026-12-10, corrects: true}',
    );
    expect(found(fw({ [L]: text }))).toEqual([atText('correction-backdated', L, text, '2026-12-10')]);
  });

  test('a correction of a correction is checked against the latest entry before it', () => {
    const text = ledger(
      '{indicator: AP.O1.1-a, period: 2026, value: 3, date: 2026-11-01}',
      '{indicator: AP.O1.1-a, period: 2026, value: 4, date: 2026-11-20, corrects: true}',
      '{indicator: AP.O1.1-a, period: 2026, value: 5, date: 2026-11-10, corrects: true}',
    );
    expect(found(fw({ [L]: text }))).toEqual([atText('correction-backdated', L, text, '2026-11-10')]);
  });

  test('corrects-nothing (a warning), at the key', () => {
    const text = ledger('{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02, corrects: true}');
    expect(found(fw({ [L]: text }))).toEqual([atText('corrects-nothing', L, text, 'corrects', 'warning')]);
  });
});

describe('warnings', () => {
  test('outcome-no-indicator', () => {
    const text = plan(
      '  - {id: AP.O1.1, level: output',
      '  - {id: AP.O2, level: outcome, programme: AP, title: Unmeasured}\n  - {id: AP.O1.1, level: output',
    );
    expect(found(fw({ [P]: text }))).toEqual([
      atText('outcome-no-indicator', P, text, '{id: AP.O2', 'warning'),
    ]);
  });

  test('line-no-result', () => {
    const text = budget('result: AP.O1, ', '');
    expect(found(fw({ [B]: text }))).toEqual([atText('line-no-result', B, text, '{id: B1', 'warning')]);
  });

  test('year-no-money, at the plan start', () => {
    const text = budget('2027: 100,', '2027: 0,');
    expect(found(fw({ [B]: text }))).toEqual([atText('year-no-money', P, PLAN, '2026', 'warning')]);
  });

  test('target-direction: a target below the previous one on an increasing indicator', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 4, 2028: 3}');
    expect(found(fw({ [P]: text }))).toEqual([atText('target-direction', P, text, '3}', 'warning')]);
  });

  test('errors come before warnings', () => {
    const b = budget('result: AP.O1, ', '');
    const l = ledger('{spend: B2, date: 2026-05-12, amount: 1}');
    expect(found(fw({ [B]: b, [L]: l })).map((d) => d.severity)).toEqual(['error', 'warning']);
  });
});

describe('one mistake, one diagnostic (no cascades)', () => {
  test('an invalid indicator: ledger entries naming it are not also unknown-indicator', () => {
    const text = plan('    unit: reports\n', '');
    expect(found(fw({ [P]: text })).map((d) => d.code)).toEqual(['missing-key']);
  });

  test('an indicator rejected after its schema (final target missing) counts as invalid too', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1}');
    expect(found(fw({ [P]: text })).map((d) => d.code)).toEqual(['final-target-missing']);
  });

  test('an invalid budget line: spend entries naming it are not also unknown-line', () => {
    const text = budget('planned: {2026: 100, 2027: 100, 2028: 100}', 'planned: 300');
    // With no valid line at all, year-no-money stays quiet too.
    expect(found(fw({ [B]: text }))).toEqual([atText('wrong-type', B, text, '300')]);
  });

  test('an invalid result: its indicators, lines and outputs do not report unknown-result/parent', () => {
    const text = plan('{id: AP.O1, level: outcome,', '{id: AP.O1, level: outcom,');
    expect(found(fw({ [P]: text })).map((d) => d.code)).toEqual(['invalid-value']);
  });

  test('an invalid programme and source: no unknown-programme, no unknown-source', () => {
    const p = plan('{id: AP, title: Air pollution}', '{id: AP, title: ""}');
    const b = budget('{id: CORE, title: Core fund}', '{id: CORE}');
    expect(found(fw({ [P]: p, [B]: b })).map((d) => d.code)).toEqual(['missing-key', 'invalid-value']);
  });

  test('an invalid plan currency is reported once, not on every spend entry', () => {
    const text = plan('currency: USD', 'currency: XQZ');
    expect(found(fw({ [P]: text })).map((d) => d.code)).toEqual(['unknown-currency']);
  });

  test('a rejected planned amount does not make its year "unfunded"', () => {
    const text = budget('2027: 100,', '2027: 100.001,');
    expect(found(fw({ [B]: text })).map((d) => d.code)).toEqual(['decimal-places']);
  });

  test('an unknown top-level key does not hide the rest of the file (no plan-missing)', () => {
    const text = `${PLAN}indicatrs: []\n`;
    expect(found(fw({ [P]: text }))).toEqual([atText('unknown-key', P, text, 'indicatrs')]);
  });

  test('a plan section that fails its schema is not also "missing"', () => {
    const text = plan('  id: demo\n', '  id: Demo Plan\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('invalid-value', P, text, 'Demo Plan')]);
  });

  test('a value of the wrong type is wrong-type at the value, not missing-key', () => {
    const text = ledger('{spend: B1, date: 2026-05-12, amount: twelve}');
    const diags = checkTexts(fw({ [L]: text }));
    expect(found(fw({ [L]: text }))).toEqual([atText('wrong-type', L, text, 'twelve')]);
    expect(diags[0]?.message).toBe('"amount" must be a number, not "twelve"');
  });
});
