import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isScalar, parse, parseDocument } from 'yaml';
import { FlowCursor, parseFlowMapping } from '../../src/yaml/flow-lines.js';
import { quickYaml } from '../../src/yaml/quick.js';
import { plainTag, resolvePlain, STR, yamlString } from '../../src/yaml/scalar.js';

/**
 * The one scalar typing (src/yaml/scalar.ts) against the `yaml` package's core schema, the
 * reference every reader must match, on generated plain scalars; and the writer's quoting
 * against every reader.
 */

/** What the `yaml` package makes of `text` as a whole document, when it is one plain scalar. */
function yamlPlain(text: string): { value: unknown } | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
  const node = doc.contents;
  // One plain scalar from the first character to the last: no tag, anchor or comment around it.
  if (!isScalar(node) || node.type !== 'PLAIN' || node.range?.[0] !== 0 || node.range[1] !== text.length)
    return null;
  return { value: node.value };
}

// Scalars built from the characters the core schema's forms are made of, so that most of them
// are near misses of a number, a boolean or a null.
const piece = fc.constantFrom(
  ...'0123456789'.split(''),
  '+',
  '-',
  '.',
  'e',
  'E',
  'x',
  'o',
  '0x',
  '0o',
  '_',
  ':',
  '~',
  'a',
  'F',
  'f',
  'inf',
  'Inf',
  'INF',
  'nan',
  'NaN',
  'NAN',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  'FALSE',
  'Q',
  'T',
  'Z',
  ' ',
);
const nearNumber = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const scalar = fc.oneof(
  { weight: 4, arbitrary: nearNumber },
  fc.stringMatching(/^[-+]?[0-9]{1,20}(\.[0-9]{0,20})?([eE][-+]?[0-9]{1,3})?$/),
  fc.stringMatching(/^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$/),
  fc.string({ maxLength: 8 }),
);

describe('the one scalar typing', () => {
  test('property: resolvePlain gives what the yaml package gives for every plain scalar', () => {
    let compared = 0;
    let nonStrings = 0;
    fc.assert(
      fc.property(scalar, (s) => {
        // Readers hand over a scalar without the spaces around it; a document would trim them.
        if (/^[ \t]|[ \t]$/.test(s)) return;
        const ref = yamlPlain(s);
        if (ref === null) return;
        compared++;
        const mine = resolvePlain(s);
        if (!isDeepStrictEqual(mine, ref.value))
          expect.fail(`${JSON.stringify(s)}: ${String(mine)} != ${String(ref.value)}`);
        // plainTag says "a string" exactly when the core schema keeps the text.
        expect(plainTag(s, 0, s.length) === STR, JSON.stringify(s)).toBe(typeof ref.value === 'string');
        if (typeof ref.value !== 'string') nonStrings++;
      }),
      { numRuns: 20000, seed: 20261208 },
    );
    // Not vacuous: most cases are compared, and many are numbers, booleans or nulls.
    expect(compared).toBeGreaterThan(10000);
    expect(nonStrings).toBeGreaterThan(2000);
  });

  test('plainTag reads a span of a longer text as that text alone', () => {
    for (const s of ['2026', '-0.5', 'true', 'NULL', '0x1F', '.inf', '2026-11-02', 'AP.O1', '1e3', '~']) {
      const t = `{k: ${s}, z}`;
      expect(plainTag(t, 4, 4 + s.length), s).toBe(plainTag(s, 0, s.length));
    }
  });

  test('the forms of each tag, worked from the YAML 1.2 core schema', () => {
    const cases: [string, unknown][] = [
      ['', null],
      ['~', null],
      ['Null', null],
      ['nULL', 'nULL'],
      ['TRUE', true],
      ['tRue', 'tRue'],
      ['False', false],
      ['0o17', 15],
      ['0o8', '0o8'],
      ['0x1F', 31],
      ['-0x1', '-0x1'],
      ['+12', 12],
      ['007', 7],
      ['1_000', '1_000'],
      ['5.', 5],
      ['.5', 0.5],
      ['1e3', 1000],
      ['+1E-2', 0.01],
      ['.e3', '.e3'],
      ['-.inf', Number.NEGATIVE_INFINITY],
      ['-.nan', '-.nan'],
      ['.NaN', Number.NaN],
      ['2026-11-02', '2026-11-02'],
      ['2026-Q3', '2026-Q3'],
      ['12:30', '12:30'],
    ];
    for (const [s, v] of cases) expect(resolvePlain(s), JSON.stringify(s)).toStrictEqual(v);
  });
});

describe('the one quoting', () => {
  const text = fc.oneof(
    scalar,
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.constantFrom(
      'yes',
      'No',
      'on',
      'y',
      '12:30',
      '2026-11-02',
      "it's",
      'a: b',
      'a #b',
      '- x',
      '<<',
      'x ',
      '',
    ),
  );

  test('property: a written string reads back as itself through yaml, the quick reader and the cursor', () => {
    let viaCursor = 0;
    fc.assert(
      fc.property(text, (s) => {
        const written = yamlString(s);
        const line = `{k: ${written}}`;
        expect(parse(line), written).toStrictEqual({ k: s });
        // The block reader reads a flow mapping as a value; it may give up, never differ.
        const quick = quickYaml(`a: ${line}\n`);
        if (quick !== null) expect((quick.value as { a: { k: unknown } }).a.k, written).toBe(s);
        const obj = parseFlowMapping(line, 1);
        if (obj !== null) {
          viaCursor++;
          expect(obj, written).toStrictEqual({ k: s });
          const c = new FlowCursor(line);
          c.begin(1);
          expect(c.next()).toBe(true);
          expect(c.value()).toBe(s);
        }
      }),
      { numRuns: 5000, seed: 20261208 },
    );
    expect(viaCursor).toBeGreaterThan(1000);
  });

  test('a string that YAML 1.2 or 1.1 would read otherwise is quoted; plain text is not', () => {
    expect(yamlString('AP.O1.1-a')).toBe('AP.O1.1-a');
    expect(yamlString('Ulaanbaatar office')).toBe('Ulaanbaatar office');
    expect(yamlString('true')).toBe("'true'");
    expect(yamlString('2026')).toBe("'2026'");
    expect(yamlString('0x1F')).toBe("'0x1F'");
    expect(yamlString('yes')).toBe("'yes'");
    expect(yamlString('2026-11-02')).toBe("'2026-11-02'");
    expect(yamlString("it's")).toBe("it's");
    expect(yamlString("'it'")).toBe("'''it'''");
    expect(yamlString('a\nb')).toBe('"a\\u000ab"');
    expect(yamlString('')).toBe("''");
  });
});
