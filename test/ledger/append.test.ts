import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AppendError, appendEntries, appendEntry, newLedgerText } from '../../src/ledger/append.js';
import { entryFields, flowMapping } from '../../src/ledger/entry.js';
import { decimalArgument } from '../../src/ledger/scalar.js';
import { parseFlowMapping } from '../../src/yaml/flow-lines.js';
import { yamlString } from '../../src/yaml/scalar.js';

const E = '{spend: B-1, date: 2026-05-12, amount: 5}';

describe('appendEntry keeps every existing byte', () => {
  const cases: [string, string, string, number][] = [
    [
      'the usual shape',
      'progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}\n',
      `progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}\n  - ${E}\n`,
      3,
    ],
    [
      'no final newline',
      'progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}',
      `progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}\n  - ${E}\n`,
      3,
    ],
    [
      'CRLF line ends',
      'progress:\r\n  - {spend: B-1, date: 2026-01-01, amount: 1}\r\n',
      `progress:\r\n  - {spend: B-1, date: 2026-01-01, amount: 1}\r\n  - ${E}\r\n`,
      3,
    ],
    [
      'items at column 0',
      'progress:\n- {spend: B-1, date: 2026-01-01, amount: 1}\n',
      `progress:\n- {spend: B-1, date: 2026-01-01, amount: 1}\n- ${E}\n`,
      3,
    ],
    ['an empty list', '# only a header\nprogress:\n', `# only a header\nprogress:\n  - ${E}\n`, 3],
    [
      'block-style items',
      'progress:\n    - spend: B-1\n      date: 2026-01-01\n      amount: 1\n',
      `progress:\n    - spend: B-1\n      date: 2026-01-01\n      amount: 1\n    - ${E}\n`,
      5,
    ],
    [
      'progress before another section',
      'progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}  # first\n# about the plan\nplan: {id: x}\n',
      `progress:\n  - {spend: B-1, date: 2026-01-01, amount: 1}  # first\n  - ${E}\n# about the plan\nplan: {id: x}\n`,
      3,
    ],
    [
      'a flow list',
      'progress: [{spend: B-1, date: 2026-01-01, amount: 1}] # inline\n',
      `progress: [{spend: B-1, date: 2026-01-01, amount: 1}, ${E}] # inline\n`,
      1,
    ],
    ['an empty flow list', 'progress: []\nplan: {id: x}\n', `progress: [${E}]\nplan: {id: x}\n`, 1],
    [
      'progress: ~ before another section',
      'progress: ~ # none yet\nplan: {id: x}\n',
      `progress:  # none yet\n  - ${E}\nplan: {id: x}\n`,
      2,
    ],
    [
      'no progress section',
      '# budget\nbudget:\n  sources: []\n',
      `# budget\nbudget:\n  sources: []\nprogress:\n  - ${E}\n`,
      5,
    ],
    ['an empty file', '', `progress:\n  - ${E}\n`, 2],
    ['only comments', '# nothing yet', `# nothing yet\nprogress:\n  - ${E}\n`, 3],
  ];
  for (const [what, old, expected, line] of cases) {
    it(`appends to ${what}`, () => {
      const r = appendEntry(old, E);
      expect(r.text).toBe(expected);
      expect(r.line).toBe(line);
      expect(parse(r.text).progress.at(-1)).toEqual({ spend: 'B-1', date: '2026-05-12', amount: 5 });
    });
  }

  const F = '{spend: B-2, date: 2026-06-01, amount: 7}';
  for (const [what, old] of cases) {
    it(`appends several entries to ${what} in one splice, as one append after another would`, () => {
      const one = appendEntry(old, E);
      const two = appendEntry(one.text, F);
      const many = appendEntries(old, [E, F]);
      expect(many.text).toBe(two.text);
      expect(many.lines).toEqual([one.line, two.line]);
      expect(many.indexes).toEqual([one.index, two.index]);
    });
  }

  it('appends nothing when given no entries', () => {
    expect(appendEntries('progress:\n', [])).toEqual({ text: 'progress:\n', lines: [], indexes: [] });
  });

  it('reports the index of the new entry in the list', () => {
    expect(appendEntry('progress:\n  - {a: 1}\n  - {a: 2}\n', E).index).toBe(2);
    expect(appendEntry('progress:\n', E).index).toBe(0);
  });

  it('refuses a file it cannot append to without re-printing it', () => {
    expect(() => appendEntry('{plan: {id: x}}\n', E)).toThrow(AppendError);
    expect(() => appendEntry('- a\n- b\n', E)).toThrow(AppendError);
    expect(() => appendEntry('progress: 3\n', E)).toThrow(AppendError);
  });

  it('creates a new file as header lines, then the list', () => {
    expect(newLedgerText(E, ['# a', '# b'])).toBe(`# a\n# b\nprogress:\n  - ${E}\n`);
  });
});

describe('entry lines', () => {
  it('orders fields as the contract writes them and writes a year period as a number', () => {
    const line = flowMapping(
      entryFields({
        kind: 'result',
        indicator: 'AP.O1.1-b',
        period: '2026',
        value: '2',
        dims: [['country', 'MN']],
        date: '2026-07-10',
        source: 'SOM-29 doc 3',
        note: 'true',
        corrects: true,
      }),
    );
    expect(line).toBe(
      "{indicator: AP.O1.1-b, period: 2026, value: 2, country: MN, date: 2026-07-10, source: SOM-29 doc 3, note: 'true', corrects: true}",
    );
  });

  it('quotes a milestone level that YAML would read as something else', () => {
    const line = flowMapping(
      entryFields({
        kind: 'result',
        indicator: 'M',
        period: '2026-Q1',
        value: '2026',
        valueIsText: true,
        dims: [],
        date: '2026-04-01',
      }),
    );
    expect(parse(`- ${line}`)[0].value).toBe('2026');
  });
});

describe('yamlString', () => {
  it('writes plain text plain and quotes only what needs it', () => {
    expect(yamlString('SPC-7 meeting')).toBe('SPC-7 meeting');
    expect(yamlString('recount: SPC-9')).toBe("'recount: SPC-9'");
    expect(yamlString("it's, fine")).toBe("'it''s, fine'");
    expect(yamlString('null')).toBe("'null'");
    expect(yamlString('12')).toBe("'12'");
    expect(yamlString('-x')).toBe("'-x'");
    expect(yamlString('')).toBe("''");
    expect(yamlString('a\tb')).toBe('"a\\u0009b"');
  });

  it('quotes what a YAML 1.1 reader (PyYAML) would take for a boolean, number, date or merge key', () => {
    // Each of these is a string to YAML 1.2 but not to YAML 1.1: y/n/yes/no/on/off are booleans,
    // `_` digit separators, 0b…, 0… (octal) and a:b (base 60: 12:30 = 750) are integers, `1.` is a
    // float, YYYY-MM-DD and the spaced timestamp are dates, `<<` and `=` are the merge and value keys.
    const yaml11 = [
      'y',
      'N',
      'yes',
      'No',
      'ON',
      'off',
      '1_000',
      '0b101',
      '017',
      '12:30',
      '1:02:03.5',
      '1.',
      '2026-07-10',
      '2001-12-14 21:59:43.10 -5',
      '2001-12-14t21:59:43.10-05:00',
      '<<',
      '=',
    ];
    for (const s of yaml11) {
      expect(yamlString(s), s).toBe(`'${s}'`);
      expect(parse(`- {note: ${yamlString(s)}}`)[0].note).toBe(s);
    }
    // Strings to both: left plain.
    for (const s of ['NOK', 'yesterday', 'Norway', '2026-Q1', '2026-07', '0:30', 'B-AP-1', 'x=1']) {
      expect(yamlString(s), s).toBe(s);
    }
  });

  it('writes a country code such as NO quoted and the entry date plain', () => {
    const line = flowMapping(
      entryFields({
        kind: 'result',
        indicator: 'N-a',
        period: '2026',
        value: '1',
        dims: [['country', 'NO']],
        date: '2026-07-10',
        note: 'on',
      }),
    );
    expect(line).toBe(
      "{indicator: N-a, period: 2026, value: 1, country: 'NO', date: 2026-07-10, note: 'on'}",
    );
  });

  it('reads back as the same string through the yaml package and the fast ledger scanner', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'binary-ascii', maxLength: 12 }),
        (a, b) => {
          for (const s of [a, b, a + b]) {
            const line = `  - {note: ${yamlString(s)}, n: 1}`;
            expect(parse(line)[0].note).toBe(s);
            const fast = parseFlowMapping(line, 5);
            // The scanner may decline a line (then the full parser reads the file); it never misreads one.
            if (fast !== null) expect(fast.note).toBe(s);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('decimalArgument', () => {
  it('keeps the text of a plain decimal and refuses the rest', () => {
    expect(decimalArgument('12500.00')).toEqual({ ok: true, text: '12500.00' });
    expect(decimalArgument('-0.5')).toEqual({ ok: true, text: '-0.5' });
    for (const bad of ['abc', '1e999', '1e3', '.5', '+5', '05', '12,500', '', ' 1', 'Infinity', 'NaN']) {
      expect(decimalArgument(bad).ok).toBe(false);
    }
    // 2^53 + 1 has no exact double: a reader would get 9007199254740992.
    expect(decimalArgument('9007199254740993').ok).toBe(false);
    expect(decimalArgument('9007199254740992').ok).toBe(true);
  });
});
