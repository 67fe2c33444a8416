import { describe, expect, test } from 'vitest';
import { at, atText, BUDGET, checkTexts, found, fw, PLAN } from './helpers.js';

/**
 * The slips a person makes editing a framework by hand (issue 13, item 8): each is named for what
 * it is, once, at the offending text — not as the parser's symptom, and not as a cascade.
 */

const P = 'plan.yaml';
const B = 'budget.yaml';
const L = 'progress/2026.yaml';
const C = 'progress/export.csv';

function plan(from: string, to: string): string {
  if (!PLAN.includes(from)) throw new Error(`"${from}" not in PLAN`);
  return PLAN.replace(from, to);
}

function messages(files: Record<string, string>): string[] {
  return checkTexts(files).map((d) => d.message);
}

describe('a colon in an unquoted value', () => {
  test('block style: one yaml-colon at the value, with the value quoted in the message', () => {
    const text = plan('  title: Demo plan\n', '  title: Demo plan: 2026–2028\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('yaml-colon', P, text, 'Demo plan: 2026')]);
    expect(messages(fw({ [P]: text }))).toEqual([
      '": " inside an unquoted value starts a nested key; put the whole value in quotes: "Demo plan: 2026–2028"',
    ]);
  });

  test('flow style: one yaml-colon at the value', () => {
    const text = plan('{id: AP, title: Air pollution}', '{id: AP, title: Air: pollution}');
    expect(found(fw({ [P]: text }))).toEqual([atText('yaml-colon', P, text, 'Air: pollution')]);
  });

  test('a value holding double quotes is suggested in single quotes', () => {
    const text = plan('  title: Demo plan\n', '  title: The "Demo": plan\n');
    expect(messages(fw({ [P]: text }))[0]).toMatch(/quotes: 'The "Demo": plan'$/);
  });

  test('a colon with no space after it is plain text, not an error', () => {
    const text = plan('  title: Demo plan\n', '  title: Demo plan 10:30\n');
    expect(found(fw({ [P]: text }))).toEqual([]);
  });
});

describe('a thousands separator in a number', () => {
  test('in a flow mapping of targets: one error at the number, not "Invalid key in record"', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1,500, 2028: 3}');
    expect(found(fw({ [P]: text }))).toEqual([atText('thousands-separator', P, text, '1,500')]);
    expect(messages(fw({ [P]: text }))).toEqual([
      '1,500 has a thousands separator; write numbers without one (1500)',
    ]);
  });

  test('several groups and a decimal part are one number, reported once', () => {
    const text = BUDGET.replace('planned: {2026: 100,', 'planned: {2026: 1,500,000.50,');
    expect(found(fw({ [B]: text }))).toEqual([atText('thousands-separator', B, text, '1,500,000.50')]);
  });

  test('in block style (where YAML reads it as text)', () => {
    const text = plan('targets: {2026: 1, 2028: 3}', 'targets:\n      2026: 1,500\n      2028: 3');
    expect(found(fw({ [P]: text }))).toEqual([atText('thousands-separator', P, text, '1,500')]);
  });

  test('in a ledger entry: a spending amount and a result value', () => {
    const text = `progress:
  - {spend: B1, date: 2026-05-12, amount: 12,500}
  - {indicator: AP.O1.1-a, period: 2027, value: 1,000, date: 2027-11-02}
`;
    expect(found(fw({ [L]: text }))).toEqual([
      atText('thousands-separator', L, text, '12,500'),
      atText('thousands-separator', L, text, '1,000'),
    ]);
  });

  test('in a CSV ledger, a quoted amount', () => {
    const csv = 'spend,date,amount\nB1,2026-05-01,"1,500.00"\n';
    expect(found(fw({ [C]: csv }))).toEqual([at('thousands-separator', C, 2, 15)]);
  });

  test('a list of numbers is not mistaken for one', () => {
    const text = plan('country: [CN, MN]', 'country: [CN, MN]\n    year: [2026, 2027]');
    expect(found(fw({ [P]: text })).map((d) => d.code)).not.toContain('thousands-separator');
  });
});

describe('a tab in the indentation', () => {
  test('one yaml-tab at the tab, not one error for every line below it', () => {
    const text = plan('    result: AP.O1.1\n', '\tresult: AP.O1.1\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('yaml-tab', P, text, '\tresult')]);
  });

  test('a tab after spaces', () => {
    const text = plan('    unit: reports\n', '  \t  unit: reports\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('yaml-tab', P, text, '\t  unit')]);
  });

  test('an error above the tab is still reported', () => {
    const text = plan('  title: Demo plan\n', '  title: Demo: plan\n').replace(
      '    result: AP.O1.1\n',
      '\tresult: AP.O1.1\n',
    );
    expect(found(fw({ [P]: text })).map((d) => d.code)).toEqual(['yaml-colon', 'yaml-tab']);
  });
});

describe('a CSV ledger saved by a spreadsheet in another format', () => {
  test('";" separators are named, once, at the header', () => {
    const csv = 'indicator;period;value;date\nAP.O1.1-a;2026;1;2026-05-01\n';
    expect(found(fw({ [C]: csv }))).toEqual([at('csv-separator', C, 1, 1)]);
    expect(messages(fw({ [C]: csv }))[0]).toMatch(/separated by ";", not commas/);
  });

  test('tab separators are named too', () => {
    expect(found(fw({ [C]: 'spend\tdate\tamount\nB1\t2026-05-01\t10\n' }))).toEqual([
      at('csv-separator', C, 1, 1),
    ]);
  });

  test('Windows-1252 bytes are refused at the first one, as in YAML, not read as garbage', () => {
    const bytes = Buffer.from('spend,date,amount,note\nB1,2026-05-01,10,caf\xe9\n', 'latin1');
    const csv = bytes.toString('utf8'); // how the loader reads it
    expect(found(fw({ [C]: csv }))).toEqual([at('not-text', C, 2, 21)]);
    expect(messages(fw({ [C]: csv }))[0]).toMatch(/not UTF-8.*Windows-1252/);
    const yaml = Buffer.from('programmes:\n  - {id: X, title: caf\xe9}\n', 'latin1').toString('utf8');
    expect(found(fw({ 'x.yaml': yaml }))).toEqual([at('not-text', 'x.yaml', 2, 23)]);
  });

  test('UTF-16 (Excel\'s "Unicode text") is named as such', () => {
    const csv = Buffer.from('\ufeffspend,date,amount\n', 'utf16le').toString('utf8');
    expect(found(fw({ [C]: csv }))).toEqual([at('not-text', C, 1, 1)]);
    expect(messages(fw({ [C]: csv }))[0]).toMatch(/UTF-16/);
  });
});

describe('an error in the plan section does not hide errors elsewhere', () => {
  const LEDGER = `progress:
  - {indicator: NOPE, period: 2026, value: 1, date: 2026-11-02}
  - {spend: B1, date: 2026-05-12, amount: 12.5}
`;

  test('a bad currency: the other sections are still checked, with no cascade from the plan', () => {
    const text = plan('  currency: USD\n', '  currency: usd\n').replace('programme: AP,', 'programme: APX,');
    expect(found(fw({ [P]: text, [L]: LEDGER }))).toEqual([
      atText('invalid-value', P, text, 'usd'),
      atText('unknown-programme', P, text, 'APX'),
      atText('unknown-indicator', L, LEDGER, 'NOPE'),
    ]);
  });

  test('bad years: year checks are skipped, everything else is checked', () => {
    const text = plan('  start: 2026\n', '  start: twenty\n');
    const ledger = `${LEDGER}  - {indicator: AP.O1.1-a, period: 2031, value: 1, date: 2031-11-02, country: XX}\n`;
    expect(found(fw({ [P]: text, [L]: ledger }))).toEqual([
      atText('wrong-type', P, text, 'twenty'),
      atText('unknown-indicator', L, ledger, 'NOPE'),
      atText('dimension-value', L, ledger, 'XX'),
    ]);
  });

  test('an unknown key in the plan', () => {
    const text = plan('  currency: USD\n', '  currency: USD\n  curency: EUR\n');
    expect(found(fw({ [P]: text, [L]: LEDGER }))).toEqual([
      atText('unknown-key', P, text, 'curency'),
      atText('unknown-indicator', L, LEDGER, 'NOPE'),
    ]);
  });
});

describe('numbers in messages (found by the fuzz campaign)', () => {
  test('a value is quoted in plain digits, as written, and "int" reads "whole number"', () => {
    const text = plan('  end: 2028\n', '  end: 0.000000001\n');
    expect(found(fw({ [P]: text }))).toEqual([atText('wrong-type', P, text, '0.000000001')]);
    expect(messages(fw({ [P]: text }))).toEqual(['"end" must be a whole number, not 0.000000001']);
  });
});
