import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseFlowMapping, scanFastLedger } from '../../src/load/flow-lines.js';
import { checkParsed } from '../../src/load/index.js';
import { parseYamlFile } from '../../src/load/yaml-file.js';
import { locate } from '../../src/render/diagnostics.js';
import { BUDGET, PLAN } from './helpers.js';

/**
 * The fast ledger path must never disagree with the `yaml` package: for any flow-mapping line it
 * either gives up (null) or returns exactly what `yaml` parses. Diagnostics must point at the same
 * line:col whichever path read the file.
 */

const TRICKY = [
  'true',
  'True',
  'TRUE',
  'false',
  'null',
  'Null',
  '~',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0x1F',
  '0o17',
  '0b1',
  '1e3',
  '1E3',
  '1e-3',
  '+5',
  '-5',
  '.5',
  '-.5',
  '5.',
  '007',
  '-007',
  '0',
  '-0',
  '+0',
  '1.0',
  '10.50',
  '1_000',
  '1,000',
  '.inf',
  '-.inf',
  '+.inf',
  '.nan',
  '.NaN',
  'NaN',
  'Infinity',
  '12:30',
  '1:2:3',
  '2026',
  '2026-11-02',
  '2026-11-02T10:00:00Z',
  '2026-Q2',
  'AP.O1.1-a',
  'a: b',
  'a:b',
  'a:',
  ':a',
  '#',
  'a #b',
  'a#b',
  ' #x',
  "it's",
  '"q"',
  "'q'",
  'x"y',
  "x'y",
  'ü',
  '日本',
  '😀',
  '-',
  '- x',
  '-x',
  '?',
  '? x',
  '?x',
  '@x',
  '`x',
  '%x',
  '!x',
  '!!str x',
  '&x',
  '*x',
  '|',
  '>',
  'x,y',
  'x}',
  'x]',
  '[x',
  '{x',
  '',
  ' ',
  'a  b',
  'x ',
  ' x',
  '\\',
  '\\n',
  'a\tb',
  '\t',
  '=',
  '<<',
  '0.1',
  '1e999',
  '-1e999',
  '9007199254740993',
  '123456789012345678901234567890',
  '0.30000000000000004',
];

const plainish = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.stringMatching(/^-?[0-9]{1,4}(\.[0-9]{0,3})?$/),
);
// Lines never hold line breaks (the scanner splits on them), so generated text leaves them out.
const noBreaks = plainish.map((s) => s.replace(/[\n\r\u0085\u2028\u2029]/g, ''));

const scalar = fc.oneof(
  { weight: 4, arbitrary: noBreaks },
  { weight: 1, arbitrary: noBreaks.map((s) => `"${s}"`) },
  { weight: 1, arbitrary: noBreaks.map((s) => `'${s.replace(/'/g, "''")}'`) },
  { weight: 1, arbitrary: noBreaks.map((s) => `'${s}'`) },
);

const key = fc.oneof(
  fc.constantFrom(
    'indicator',
    'period',
    'value',
    'date',
    'note',
    'a',
    '_x',
    'a-b',
    'A1',
    'true',
    'null',
    'y',
  ),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,6}$/),
  fc.constantFrom('"quoted"', "'q'", '1', '-k', '__proto__', 'constructor'),
);

const space = fc.constantFrom('', ' ', '  ');
const pair = fc.tuple(key, space, scalar, space).map(([k, s1, v, s2]) => `${k}:${s1 || ' '}${v}${s2}`);
const line = fc
  .tuple(
    fc.array(pair, { minLength: 0, maxLength: 5 }),
    space,
    space,
    fc.constantFrom('', ' # comment', '#x', ' #', '  # a: b, c'),
    fc.constantFrom(', ', ',', ' , '),
  )
  .map(([pairs, open, close, comment, sep]) => `  - {${open}${pairs.join(sep)}${close}}${comment}`);

/** What `yaml` makes of a line (as the one item of a sequence), or ERR when it rejects it. */
const ERR = Symbol('error');
function yamlItem(text: string): unknown {
  try {
    const v = parse(text.trimStart(), { uniqueKeys: true, strict: true, logLevel: 'silent' });
    return Array.isArray(v) && v.length === 1 ? v[0] : ERR;
  } catch {
    return ERR;
  }
}

describe('parseFlowMapping agrees with yaml', () => {
  test('for generated lines: null, or exactly what yaml parses', () => {
    fc.assert(
      fc.property(line, (text) => {
        const fast = parseFlowMapping(text, text.indexOf('{') + 1);
        if (fast === null) return;
        const full = yamlItem(text);
        expect(full).not.toBe(ERR);
        expect({ ...fast }).toStrictEqual({ ...(full as object) });
        // Same values down to the sign of zero.
        for (const k of Object.keys(fast))
          expect(Object.is(fast[k], (full as Record<string, unknown>)[k])).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('the generator is not vacuous: many generated lines take the fast path', () => {
    const sample = fc.sample(line, { numRuns: 1000, seed: 42 });
    const taken = sample.filter((t) => parseFlowMapping(t, t.indexOf('{') + 1) !== null).length;
    expect(taken).toBeGreaterThan(100);
  });

  test('the fast path really is taken for the shape `record` writes', () => {
    const text =
      '  - {indicator: AP.O1.1-a, period: 2026-Q2, value: 10.5, country: MN, date: 2026-07-10, note: "SOM-29, doc 3"}';
    expect(parseFlowMapping(text, 5)).not.toBeNull();
  });

  test.each(TRICKY)('a single value %j', (v) => {
    for (const text of [`  - {value: ${v}}`, `  - {value: "${v}"}`, `  - {value: '${v}'}`]) {
      const fast = parseFlowMapping(text, 5);
      if (fast === null) continue;
      const full = yamlItem(text);
      expect(full).not.toBe(ERR);
      expect(Object.is(fast.value, (full as { value: unknown }).value)).toBe(true);
    }
  });
});

describe('scanFastLedger agrees with yaml for whole files', () => {
  test('generated ledgers: null, or the same items as yaml', () => {
    const file = fc
      .tuple(
        fc.constantFrom('progress:', 'progress:  # the ledger', 'progress: '),
        fc.array(fc.oneof({ weight: 6, arbitrary: line }, fc.constantFrom('', '  # note', '#')), {
          maxLength: 8,
        }),
        fc.constantFrom('', '\n', '\n\n'),
      )
      .map(([head, lines, tail]) => `${head}\n${lines.join('\n')}${tail}`);
    fc.assert(
      fc.property(file, (text) => {
        const fast = scanFastLedger(text);
        if (fast === null) return;
        let full: unknown;
        try {
          full = parse(text, { uniqueKeys: true, strict: true, logLevel: 'silent' });
        } catch {
          full = ERR;
        }
        expect(full).not.toBe(ERR);
        const items = (full as { progress: unknown[] | null }).progress ?? [];
        expect(fast.key).toBe('progress');
        expect(fast.items.map((o) => ({ ...o }))).toStrictEqual(items);
        // Each item's line really holds it.
        const lines = text.split('\n');
        for (const l of fast.lines) expect(lines[l]).toMatch(/^ +- \{/);
      }),
      { numRuns: 500 },
    );
  });
});

/** Diagnostics (code, line, col) of a ledger checked with the clean plan, fast path on or off. */
function positions(ledger: string, fast: boolean) {
  const parsed = [
    parseYamlFile('plan.yaml', PLAN),
    parseYamlFile('budget.yaml', BUDGET),
    parseYamlFile('progress.yaml', ledger, { fast }),
  ];
  return checkParsed('fw', parsed).diagnostics.map((d) => {
    const l = locate(d);
    return `${l.code}@${l.file}:${l.line}:${l.col}`;
  });
}

describe('diagnostics point at the same place on both paths', () => {
  const entryPart = fc.constantFrom(
    'indicator: AP.O1.1-a',
    'indicator: AP.O1.1-x',
    "indicator: 'AP.O1.1-x'",
    'indicator: "AP.O1.1-a"',
    'period: 2026',
    'period: 2026-Q5',
    'period: "2026-Q2"',
    'value: 1',
    'value: many',
    'date: 2026-11-02',
    'date: 2026-02-30',
    "date: '2025-01-01'",
    'country: JP',
    'country: CN',
    'cuntry: CN',
    'note: a note',
    'corrects: true',
    'spend: B1',
    'spend: B9',
    'amount: 12.345',
    'currency: KRW',
  );
  const entry = fc
    .tuple(fc.uniqueArray(entryPart, { minLength: 1, maxLength: 6, selector: (s) => s.split(':')[0] }), space)
    .map(([parts, s]) => `  - {${s}${parts.join(', ')}${s}}`);

  test('generated ledgers with mistakes', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), (entries) => {
        const text = `progress:\n${entries.join('\n')}\n`;
        if (scanFastLedger(text) === null) return;
        expect(positions(text, true)).toEqual(positions(text, false));
      }),
      { numRuns: 200 },
    );
  });

  test('adding a block-style entry (which forces the full parser) moves no position', () => {
    const flow = `progress:
  - {indicator: AP.O1.1-x, period: 2026, value: 1, date: 2026-11-02}
  - {indicator: AP.O1.1-a,  period: 2026-Q5, value: 1, date: 2026-11-02}
  - {spend: B1, date: '2026-05-12', amount: 12.345}
  - {indicator: AP.O1.1-a, period: 2027, value: 1, cuntry: CN, date: 2027-11-02}
`;
    const block = `${flow}  - indicator: AP.O1.1-a
    period: 2028
    value: 1
    date: 2028-11-02
`;
    expect(scanFastLedger(flow)).not.toBeNull();
    expect(scanFastLedger(block)).toBeNull();
    const fastPositions = positions(flow, true);
    // unknown-indicator at line 2 col 17; period-invalid at line 3 col 37 (after the double space);
    // decimal-places at line 4 col 45; unknown-key "cuntry" at line 5 col 52.
    expect(fastPositions).toEqual([
      'unknown-indicator@progress.yaml:2:17',
      'period-invalid@progress.yaml:3:37',
      'decimal-places@progress.yaml:4:45',
      'unknown-key@progress.yaml:5:52',
    ]);
    expect(positions(block, true)).toEqual(fastPositions);
  });
});
