import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isMap, isScalar, isSeq, type Node, parse, parseDocument } from 'yaml';
import { checkParsed } from '../../src/load/index.js';
import { parseYamlFile } from '../../src/load/yaml-file.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import type { Entry, Framework, ResultEntry } from '../../src/model/framework.js';
import { ItemSrc } from '../../src/model/source.js';
import { decodeContext, entryLookup } from '../../src/normalise/entry-context.js';
import { decodeEntry, decodeLine } from '../../src/normalise/entry-decoders.js';
import { ENTRY_KEYS, keyBitOf, keyHash, LineFields } from '../../src/normalise/entry-fields.js';
import { FailFast } from '../../src/normalise/entry-findings.js';
import { locate } from '../../src/render/diagnostics.js';
import { FlowCursor, parseFlowMapping, scanFastLedger, scanLedgerShape } from '../../src/yaml/flow-lines.js';
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

/**
 * Where `yaml` puts each key and its value in a one-item line (0-based offsets in the line), or
 * null when it rejects the line.
 */
function yamlPositions(text: string): Map<string, { key: number; value: number }> | null {
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, logLevel: 'silent' });
  if (doc.errors.length > 0 || !isSeq(doc.contents)) return null;
  const map = doc.contents.items[0];
  if (!isMap(map)) return null;
  const out = new Map<string, { key: number; value: number }>();
  for (const pair of map.items) {
    const k = pair.key as Node;
    const v = pair.value as Node | null;
    if (!isScalar(k) || !k.range || !v?.range) return null;
    out.set(String(k.value), { key: k.range[0], value: v.range[0] });
  }
  return out;
}

describe('parseFlowMapping agrees with yaml', () => {
  test('for generated lines: each key and value at the same column as yaml puts them', () => {
    fc.assert(
      fc.property(line, (text) => {
        const positions = new Map<string, { key: number; value: number }>();
        if (parseFlowMapping(text, text.indexOf('{') + 1, positions) === null) return;
        expect(positions).toEqual(yamlPositions(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('a non-breaking space is content, not white space: the value starts at it', () => {
    // The issue's case: one column off after a non-breaking space.
    const text = '  - {indicator: X, note: \u00a0padded, value: 1}';
    const positions = new Map<string, { key: number; value: number }>();
    expect(parseFlowMapping(text, 5, positions)).not.toBeNull();
    expect(positions.get('note')).toEqual({ key: 19, value: 25 });
    expect(positions).toEqual(yamlPositions(text));
  });

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
    // A non-breaking space is content in YAML (and so a value that is no number); a key's name
    // inside a quoted value must not be taken for the key.
    'value: \u00a01',
    'note: \u00a0a note',
    'source: "x, cuntry: y, value: z"',
    "currency: ' KRW, period: x'",
  );
  const entry = fc
    .tuple(fc.uniqueArray(entryPart, { minLength: 1, maxLength: 6, selector: (s) => s.split(':')[0] }), space)
    .map(([parts, s]) => `  - {${s}${parts.join(', ')}${s}}`);

  test('generated ledgers with mistakes, under a right or misspelt section name', () => {
    const head = fc.constantFrom(
      'progress:',
      'progres:',
      '# the ledger\n\nprogress:',
      '# x\nprogess:  # typo',
    );
    fc.assert(
      fc.property(head, fc.array(entry, { minLength: 1, maxLength: 6 }), (section, entries) => {
        const text = `${section}\n${entries.join('\n')}\n`;
        if (scanFastLedger(text) === null) return;
        expect(positions(text, true)).toEqual(positions(text, false));
      }),
      { numRuns: 300 },
    );
  });

  test('a misspelt section is reported at its line, not at 1:1 (issue 16.5)', () => {
    const text = '# Ledger 2026\n\nprogres:\n  - {spend: B1, date: 2026-05-12, amount: 12}\n';
    expect(scanFastLedger(text)).not.toBeNull();
    expect(positions(text, true)).toEqual(['unknown-key@progress.yaml:3:1']);
    expect(positions(text, false)).toEqual(['unknown-key@progress.yaml:3:1']);
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

/**
 * The one decoder of each kind (src/normalise/entry-decoders.ts) through its two readers: a line
 * read in place with a fail-fast sink, and the line as an object with every finding collected. For
 * every generated entry of every kind, the line either has a finding or is declined (the object
 * then answers, with its diagnostics), or builds exactly the entry the object builds, and the
 * object has nothing to report.
 */
const KINDS_PLAN = `plan:
  id: kinds
  title: Every entry kind
  start: 2026
  end: 2028
  currency: USD
  dimensions: {country: [CN, MN], sex: [f, m], code: [1, 2]}
programmes: [{id: AP, title: Air}]
results: [{id: AP.O1, level: outcome, programme: AP, title: Cleaner air}]
indicators:
  - {id: N1, result: AP.O1, title: Reports, unit: reports, measure: number, direction: increase, aggregation: cumulative, baseline: {year: 2025, value: 0}, targets: {2028: 3}, frequency: annual, disaggregate: [country]}
  - {id: N2, result: AP.O1, title: Stations, unit: stations, measure: number, direction: increase, aggregation: level, baseline: {year: 2025, value: 0}, targets: {2028: 3}, frequency: quarterly}
  - {id: P1, result: AP.O1, title: Share, unit: '%', measure: percent, direction: increase, aggregation: level, baseline: {year: 2025, value: 10}, targets: {2028: 50}, frequency: annual, disaggregate: [country, sex]}
  - {id: P2, result: AP.O1, title: Coded, unit: '%', measure: percent, direction: increase, aggregation: level, baseline: {year: 2025, value: 10}, targets: {2028: 50}, frequency: monthly, disaggregate: [code]}
  - {id: M1, result: AP.O1, title: Policy, unit: stage, measure: milestone, levels: [none, drafted, endorsed], direction: increase, aggregation: level, baseline: {year: 2025, value: none}, targets: {2028: endorsed}, frequency: annual}
budget:
  sources: [{id: CORE, title: Core}, {id: TF, title: Trust fund}]
  contributors: [{id: KR, title: Korea}, {id: MN, title: Mongolia}]
  rates: {KRW: {2026: 0.00072, 2027-03: 0.0007}, JPY: {2026: 0.0067}}
  lines:
    - {id: B1, title: Meetings, result: AP.O1, source: CORE, planned: {2026: 1000, 2027: 1000, 2028: 1000}}
    - {id: B2, title: Studies, result: AP.O1, source: TF, planned: {2026: 1000, 2027: 1000, 2028: 1000}}
`;

const RESULT_PARTS: Record<string, string[]> = {
  indicator: ['N1', 'N2', 'P1', 'P2', 'M1', 'N9', "'N1'", '1'],
  period: ['2026', '2027', '2029', '2026-Q2', '2026-Q5', '2026-03', '2026-13', '"2026"', '26'],
  value: ['1', '0', '-3', '12.5', '150', '100', 'drafted', 'endorsed', 'many', '"7"', 'true', '1,5'],
  numerator: ['3', '0', '-1', '12.5', '40'],
  denominator: ['12', '0', '4', '-2'],
  date: ['2026-11-02', '2026-02-30', '2025-12-31', '2026-04-01', '2027-12-31', '"2026-11-02"', '20261102'],
  country: ['CN', 'MN', 'JP', '1'],
  sex: ['f', 'm', 'x'],
  code: ['1', '2', '"1"', '3'],
  cuntry: ['CN'],
  corrects: ['true', 'false', 'yes', '"true"'],
  withdrawn: ['true', 'false'],
  note: ['a note', '"x, y"', '12', "'it''s'"],
  source: ['SOM doc', '3'],
};
const MONEY_PARTS: Record<string, string[]> = {
  amount: ['12.5', '12.345', '0', '-40', '100000', '1000000000000000', '9000000', '"12"', 'x'],
  currency: ['KRW', 'JPY', 'USD', 'EUR', 'XXQ', 'krw', '"KRW"'],
  date: ['2026-05-12', '2027-03-09', '2027-01-15', '2025-12-31', '2029-01-01', '2026-02-30'],
  note: ['venue', '"a, b"', '5'],
  source: ['invoice 3'],
};
const KIND_PARTS: Record<string, Record<string, string[]>> = {
  result: RESULT_PARTS,
  spend: { spend: ['B1', 'B2', 'B9', "'B1'"], ...MONEY_PARTS, indicator: ['N1'] },
  pledge: {
    pledge: ['CORE', 'TF', 'XX'],
    from: ['KR', 'MN', 'ZZ'],
    year: ['2026', '2028', '2031', '"2027"', '26'],
    ...MONEY_PARTS,
  },
  contribution: {
    contribution: ['CORE', 'TF', 'XX'],
    from: ['KR', 'MN', 'ZZ'],
    year: ['2026', '2027', '2031', '"2027"'],
    kind: ['cash', 'in-kind', 'gift'],
    ...MONEY_PARTS,
  },
};
const REQUIRED: Record<string, string[]> = {
  result: ['indicator', 'period', 'date'],
  spend: ['spend', 'date', 'amount'],
  pledge: ['pledge', 'from', 'year', 'date', 'amount'],
  contribution: ['contribution', 'from', 'date', 'amount'],
};

/** A value for a key: usually its first (a valid one), otherwise any of them. */
const pick = (pool: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(pool[0] as string) },
    { weight: 2, arbitrary: fc.constantFrom(...pool) },
  );

/** One entry line of a kind: its required keys (each usually present) and a few optional ones. */
const entryLine = fc.constantFrom(...Object.keys(KIND_PARTS)).chain((kind) => {
  const parts = KIND_PARTS[kind] as Record<string, string[]>;
  const required = REQUIRED[kind] as string[];
  const optional = Object.keys(parts).filter((k) => !required.includes(k));
  return fc
    .tuple(
      fc.tuple(...required.map((k) => fc.option(pick(parts[k] as string[]), { freq: 12 }))),
      fc
        .subarray(optional, { maxLength: Math.min(3, optional.length) })
        .chain((keys) => fc.tuple(...keys.map((k) => pick(parts[k] as string[]).map((v) => `${k}: ${v}`)))),
    )
    .map(([req, opt]) => {
      const given = required.flatMap((k, n) => (req[n] === null ? [] : [`${k}: ${req[n]}`]));
      return `  - {${[...given, ...opt].join(', ')}}`;
    });
});

/** The framework of KINDS_PLAN and the ledger's items, read through the fast scanner. */
function kindsLedger(lines: string[]) {
  const text = `progress:\n${lines.join('\n')}\n`;
  const plan = parseYamlFile('plan.yaml', KINDS_PLAN);
  const ledger = parseYamlFile('progress.yaml', text);
  const checked = checkParsed('fw', [plan, ledger]);
  return { text, checked, ledger };
}

/** A ledger under KINDS_PLAN, fast path on or off: its entries with their positions, and its diagnostics. */
function readLedgerText(text: string, fast: boolean, messages: boolean) {
  const plan = parseYamlFile('plan.yaml', KINDS_PLAN);
  const checked = checkParsed('fw', [plan, parseYamlFile('progress.yaml', text, { fast })]);
  return {
    entries: (checked.framework?.entries ?? []).map((e) => {
      const { src, ...rest } = e;
      return { ...rest, at: src.file.locate(src.path) };
    }),
    diagnostics: checked.diagnostics.map((d) => {
      const l = locate(d);
      return `${l.code}@${l.line}:${l.col}${messages ? ` ${l.message}` : ''}`;
    }),
  };
}

describe('a line read in place builds what the line as an object builds', () => {
  test('the plan of every kind is clean', () => {
    expect(kindsLedger([]).checked.diagnostics).toEqual([]);
  });

  test('generated entries of every kind: declined, or the same entry with no diagnostic', () => {
    let accepted = 0;
    let refused = 0;
    let byLine = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(fc.array(entryLine, { minLength: 1, maxLength: 8 }), (lines) => {
        const { checked, ledger, text } = kindsLedger(lines);
        const scanned = scanFastLedger(text);
        const shape = scanLedgerShape(text);
        if (scanned === null || shape === null) return;
        const fw = checked.framework as Framework;
        const cx = decodeContext(entryLookup(fw));
        const fields = new LineFields(new FlowCursor(text));
        scanned.items.forEach((item, seq) => {
          const src = new ItemSrc({ file: ledger.file, path: ['progress'] }, seq);
          // The line reader accepts only what the object reader accepts, and builds the same entry.
          const line = decodeLine(fields, shape.starts[seq] as number, src, seq, cx, new FailFast());
          const diagnostics: Diagnostic[] = [];
          const object = decodeEntry(item, src, seq, cx, diagnostics);
          if (line !== undefined) {
            byLine++;
            expect(line).toStrictEqual(object);
          }
          if (object === undefined) {
            if (diagnostics.length > 0) refused++;
            return;
          }
          accepted++;
          kinds.add(object.kind + (object.kind === 'result' && object.withdrawn ? '-withdrawn' : ''));
          expect(diagnostics.map((d) => d.message)).toEqual([]);
          // Every valid line is read in place: none is declined for want of a reader.
          expect(line, `line ${seq}`).toBeDefined();
        });
      }),
      { numRuns: 400, seed: 14 },
    );
    // Not vacuous: every path is exercised, for every kind.
    expect(accepted).toBeGreaterThan(100);
    expect(byLine).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
    expect([...kinds].sort()).toEqual(['contribution', 'pledge', 'result', 'result-withdrawn', 'spend']);
  });

  test('the shapes `record` writes are read in place, kind by kind', () => {
    const lines = [
      '  - {indicator: N1, period: 2026, value: 3, country: MN, date: 2026-11-02, source: SOM doc}',
      '  - {indicator: N1, period: 2026, value: 4, country: MN, date: 2026-11-03, corrects: true}',
      '  - {indicator: N1, period: 2026, withdrawn: true, country: MN, date: 2026-11-04, note: counted twice}',
      '  - {indicator: P1, period: 2027, numerator: 3, denominator: 12, country: CN, sex: f, date: 2027-12-31}',
      '  - {indicator: P2, period: 2026-03, value: 40, code: 1, date: 2026-04-01}',
      '  - {indicator: M1, period: 2026, value: drafted, date: 2026-11-02}',
      '  - {indicator: N2, period: 2026-Q2, value: 1, date: 2026-07-01}',
      '  - {spend: B1, date: 2026-05-12, amount: 12.5, note: "SPC-7, meeting"}',
      '  - {spend: B2, date: 2027-03-09, amount: 9000000, currency: KRW}',
      '  - {pledge: CORE, from: KR, year: 2027, amount: 300000, date: 2025-09-23}',
      '  - {contribution: TF, from: MN, amount: 15000, kind: in-kind, date: 2026-09-24, note: venue}',
      '  - {contribution: CORE, from: KR, year: 2026, amount: 4000000, currency: JPY, date: 2026-03-10}',
    ];
    const { checked, ledger } = kindsLedger(lines);
    expect(checked.diagnostics.map((d) => d.message)).toEqual([]);
    const cx = decodeContext(entryLookup(checked.framework as Framework));
    const text = `progress:\n${lines.join('\n')}\n`;
    const shape = scanLedgerShape(text);
    const fields = new LineFields(new FlowCursor(text));
    lines.forEach((line, seq) => {
      const src = new ItemSrc({ file: ledger.file, path: ['progress'] }, seq);
      const e = decodeLine(fields, shape?.starts[seq] as number, src, seq, cx, new FailFast());
      expect(e, line).toBeDefined();
    });
    // Converted per entry: 9,000,000 KRW at 0.0007 (the March 2027 rate) is 6,300.00 USD.
    const entries = (checked.framework as Framework).entries;
    const krw = entries[8];
    expect(krw?.kind === 'spend' && krw.planAmount).toBe(630000n);
    // Entries share their period and disaggregation objects.
    const [a, b] = entries as ResultEntry[];
    expect(a?.period).toBe(b?.period);
    expect(a?.dims).toBe(b?.dims);
  });

  test('a line the line reader cannot take, but which stands alone, is read by yaml alone', () => {
    const plan = parseYamlFile('plan.yaml', KINDS_PLAN);
    const text = `progress:
  - {spend: B1, date: 2026-05-12, amount: 12.5}
  - {spend: B1, date: 2026-05-13, amount: 2, note: "say \\"hi\\""}
  - {spend: B9, date: 2026-05-14, amount: 3, note: "tab\\there"}
  - {spend: B1, date: 2026-05-15, amount: 4}
`;
    const ledger = parseYamlFile('progress.yaml', text);
    let fullReads = 0;
    const full = ledger.ledger?.full;
    expect(full).toBeDefined();
    (ledger.ledger as { full: () => unknown }).full = () => {
      fullReads++;
      return (full as () => unknown)();
    };
    const checked = checkParsed('fw', [plan, ledger]);
    expect(fullReads).toBe(0);
    const notes = (checked.framework?.entries ?? []).map((e) => e.note);
    expect(notes).toEqual([undefined, 'say "hi"', undefined]);
    // The unknown budget line of line 4 is reported at its value, as the full parse places it.
    expect(readLedgerText(text, true, true)).toStrictEqual(readLedgerText(text, false, true));
    expect(readLedgerText(text, true, false).diagnostics).toEqual(['unknown-line@4:13']);
  });

  test('a line read by yaml alone reads as in its file: aliases are counted, and nesting measured, over the file', () => {
    // 101 lines of one alias each: the full parse refuses the file (alias-limit), so reading each
    // line alone must not accept them.
    const aliases = Array.from(
      { length: 101 },
      (_, i) => `  - {indicator: N2, period: &p${i} 2026-Q2, value: 1, date: 2026-07-01, note: *p${i}}`,
    );
    // Nested 62 deep inside the note: 65 levels from the file's root (progress, the list, the
    // mapping), one too many there, though only 64 in the line by itself.
    const deep = `  - {indicator: N2, period: 2026-Q2, value: 1, date: 2026-07-01, note: ${'['.repeat(62)}${']'.repeat(62)}}`;
    for (const lines of [aliases, [deep]]) {
      const text = `progress:\n${lines.join('\n')}\n`;
      expect(scanLedgerShape(text)).not.toBeNull();
      const full = readLedgerText(text, false, true);
      expect(readLedgerText(text, true, true)).toStrictEqual(full);
    }
    expect(readLedgerText(`progress:\n${aliases.join('\n')}\n`, false, false).diagnostics).toEqual([
      'alias-limit@1:1',
    ]);
    expect(readLedgerText(`progress:\n${deep}\n`, false, false).diagnostics).toEqual(['too-deep@2:133']);
  });

  test('a `#` right after the section key is not a comment: the file is not in the ledger shape', () => {
    // `progress:#x` is one plain scalar to YAML (a `#` starts a comment only after white space).
    const item = '  - {indicator: N2, period: 2026-Q2, value: 1, date: 2026-07-01}';
    const text = `progress:#x\n${item}\n`;
    expect(scanLedgerShape(text)).toBeNull();
    expect(readLedgerText(text, true, true)).toStrictEqual(readLedgerText(text, false, true));
    expect(readLedgerText(text, true, false).entries).toEqual([]);
    expect(scanLedgerShape(`progress: #x\n${item}\n`)).not.toBeNull();
  });

  test('a line the line reader cannot take goes to yaml, alone or with its whole file, after entries were already read', () => {
    const ok = '  - {spend: B1, date: 2026-05-12, amount: 12.5}';
    const bad = '  - {indicator: N9, period: 2026, value: 1, date: 2026-11-02}';
    const cases: [string, string[], number][] = [
      // an escape: read by yaml (a valid entry; the line alone, the other cases the whole file)
      ['  - {spend: B1, date: 2026-05-13, amount: 2, note: "tab\\there"}', ['unknown-indicator@3:17'], 3],
      // a quoted value that runs on to the next line: yaml's syntax errors, and no entries
      [
        '  - {spend: B1, date: 2026-05-14, amount: 3, note: "runs on\n  - {to: here"}',
        ['yaml-syntax@4:60', 'yaml-syntax@5:3'],
        0,
      ],
      // a duplicate key: yaml reports it
      ['  - {spend: B1, date: 2026-05-15, amount: 4, amount: 5}', ['duplicate-key@4:46'], 0],
    ];
    for (const [odd, expected, count] of cases) {
      // The last line differs from the first by its date: an identical one is a possible duplicate.
      const text = `progress:\n${ok}\n${bad}\n${odd}\n${ok.replace('05-12', '05-16')}\n`;
      expect(scanLedgerShape(text)).not.toBeNull();
      const lazy = readLedgerText(text, true, false);
      expect(lazy).toStrictEqual(readLedgerText(text, false, false));
      // What was read line by line before the odd line is undone: the unknown indicator on line 3
      // is reported once, and when yaml refuses the file no entry is kept.
      expect(lazy.diagnostics).toEqual(expected);
      expect(lazy.entries).toHaveLength(count);
    }
  });

  test('a whole ledger: the same entries at the same positions through the scanner and through yaml', () => {
    const lines = fc.sample(fc.array(entryLine, { minLength: 30, maxLength: 30 }), { numRuns: 20, seed: 7 });
    for (const sample of lines) {
      const text = `progress:\n${sample.join('\n')}\n`;
      if (scanFastLedger(text) === null) continue;
      expect(readLedgerText(text, true, true)).toStrictEqual(readLedgerText(text, false, true));
    }
  });
});

describe('the line reader tells known keys by their hash', () => {
  test('every entry key has its own bit; other names, even of the same length, have none', () => {
    const bits = ENTRY_KEYS.map((k) => keyBitOf(k));
    expect(bits.every((b) => b > 0)).toBe(true);
    expect(new Set(bits).size).toBe(ENTRY_KEYS.length);
    for (const other of ['country', 'dates', 'Date', 'nota', 'valuex', 'perio', 'kinds', 'yea_', 'fromm'])
      expect(keyBitOf(other), other).toBe(0);
  });

  test("the cursor's key hash is the hash of the key's text", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/), (k) => {
        const text = `  - {${k}: 1}`;
        const cursor = new FlowCursor(text);
        cursor.begin(5);
        if (!cursor.next()) return; // a word YAML reads otherwise (null, true…)
        expect(cursor.kh).toBe(keyHash(k));
      }),
      { numRuns: 500 },
    );
  });
});

describe('entries checked but not kept (CheckOptions.entryKinds)', () => {
  // Ledgers with repeats: a line may come again as is (a duplicate), or again with
  // `corrects: true` or as a withdrawal, so the correction checks meet entries left unbuilt.
  const again = fc.constantFrom('same', 'corrects', 'withdrawn');
  const ledger = fc
    .array(fc.tuple(entryLine, fc.option(again, { freq: 2 })), { minLength: 1, maxLength: 12 })
    .map((pairs) =>
      pairs.flatMap(([l, a]) => {
        if (a === null) return [l];
        if (a === 'same') return [l, l];
        const extra = a === 'corrects' ? 'corrects: true' : 'withdrawn: true';
        return [l, l.replace(/\}$/, `, ${extra}}`).replace(/, value: [^,}]+/, a === 'withdrawn' ? '' : '$&')];
      }),
    );
  const errors = (c: ReturnType<typeof checkParsed>) =>
    c.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => {
        const l = locate(d);
        return `${l.code}@${l.line}:${l.col} ${l.message}`;
      });
  const strip = (es: readonly { src: unknown }[]) => es.map(({ src, ...rest }) => rest);

  test('the same errors, and the kept kinds exactly as a full read has them', () => {
    let withErrors = 0;
    fc.assert(
      fc.property(
        ledger,
        fc.constantFrom<Entry['kind'][]>(['result'], ['spend'], ['pledge', 'contribution']),
        (lines, kinds) => {
          const text = `progress:\n${lines.join('\n')}\n`;
          const plan = parseYamlFile('plan.yaml', KINDS_PLAN);
          const full = checkParsed('fw', [plan, parseYamlFile('progress.yaml', text)]);
          const some = checkParsed('fw', [plan, parseYamlFile('progress.yaml', text)], {
            entryKinds: new Set(kinds),
          });
          expect(errors(some)).toEqual(errors(full));
          if (errors(full).length > 0) withErrors++;
          const want = (full.framework?.entries ?? []).filter((e) => kinds.includes(e.kind));
          expect(strip(some.framework?.entries ?? [])).toEqual(strip(want));
        },
      ),
      { numRuns: 300, seed: 9 },
    );
    expect(withErrors).toBeGreaterThan(30);
  });

  test('a duplicate left unbuilt is still an error, at its line', () => {
    const line = '  - {indicator: N1, period: 2026, value: 3, country: MN, date: 2026-11-02}';
    const text = `progress:\n${line}\n  - {spend: B1, date: 2026-05-12, amount: 12.5}\n${line}\n`;
    const plan = parseYamlFile('plan.yaml', KINDS_PLAN);
    const some = checkParsed('fw', [plan, parseYamlFile('progress.yaml', text)], {
      entryKinds: new Set(['spend']),
    });
    expect(errors(some).map((e) => e.split(' ')[0])).toEqual(['duplicate-entry@4:5']);
    expect(some.framework?.entries.map((e) => e.kind)).toEqual(['spend']);
  });
});
