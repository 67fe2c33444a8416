import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { encodingProblem } from '../../src/load/encoding.js';
import { checkParsed } from '../../src/load/index.js';
import { parseYamlFile } from '../../src/load/yaml-file.js';
import { locate } from '../../src/render/diagnostics.js';
import { quickYaml } from '../../src/yaml/quick.js';
import { applySteps, corpus, stepArb } from '../fuzz/mutate.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The quick YAML reader (src/yaml/quick.ts) is a shortcut only: for any text it either gives
 * up (null) or returns exactly what the full parse returns — the same values of the same types,
 * null-prototype mappings, -0 kept — and then only for a text the full parse reads without a
 * diagnostic. isDeepStrictEqual compares prototypes and tells -0 from 0.
 */
function agrees(text: string): { ok: boolean; quick: boolean; why?: string } {
  // The loader refuses text that is not UTF-8 before any YAML reader sees it.
  if (encodingProblem(text, 'YAML') !== null) return { ok: true, quick: false };
  const q = quickYaml(text);
  if (q === null) return { ok: true, quick: false };
  const full = parseYamlFile('f.yaml', text, { fast: false });
  if (full.diagnostics.length > 0) {
    return { ok: false, quick: true, why: `read a text with diagnostics: ${full.diagnostics[0]?.message}` };
  }
  if (!isDeepStrictEqual(q.value, full.value)) {
    return {
      ok: false,
      quick: true,
      why: `quick ${JSON.stringify(q.value)} != full ${JSON.stringify(full.value)}`,
    };
  }
  return { ok: true, quick: true };
}

function expectAgrees(text: string): boolean {
  const r = agrees(text);
  if (!r.ok) expect.fail(`${r.why}\n--- text:\n${text}`);
  return r.quick;
}

const SHIPPED = path.join(ROOT, 'frameworks', 'neaspec-2026-2030');

describe('the quick YAML reader', () => {
  test('reads the shipped framework, every example and fixture exactly as the yaml package does', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(files.length).toBeGreaterThan(10);
    let taken = 0;
    for (const f of files) if (expectAgrees(readFileSync(path.join(ROOT, f), 'utf8'))) taken++;
    // Most of them are in its shape: the shortcut is really taken.
    expect(taken).toBeGreaterThan(files.length / 2);
  });

  test('takes the shortcut for the shipped plan, budget and decisions (the cold start depends on it)', () => {
    for (const f of ['plan.yaml', 'budget.yaml', 'decisions.yaml']) {
      const text = readFileSync(path.join(SHIPPED, f), 'utf8');
      expect(quickYaml(text), f).not.toBeNull();
      expectAgrees(text);
    }
  });

  test('resolves scalars as the core schema does, in block values, flow values and keys', () => {
    const scalars = [
      'true',
      'True',
      'TRUE',
      'tRue',
      'false',
      'FALSE',
      'null',
      'Null',
      'NULL',
      'nULL',
      '~',
      'yes',
      'no',
      'on',
      'y',
      '0x1F',
      '0x',
      '0o17',
      '0o8',
      '0b1',
      '1e3',
      '1E3',
      '1e-3',
      '+1e+3',
      '.5e2',
      '5.e1',
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
      '-0.0',
      '1.0',
      '10.50',
      '1_000',
      '9007199254740993',
      '123456789012345678901234567890',
      '1e400',
      '.inf',
      '-.inf',
      '+.inf',
      '.Inf',
      '.INF',
      '.nan',
      '.NaN',
      '.NAN',
      'NaN',
      'nan',
      'Infinity',
      '12:30',
      '2026',
      '2026-11-02',
      '2026-Q2',
      'AP.O1.1-a',
      'a#b',
      "it's",
      'x"y',
      '-x',
      '-',
      '--',
      '-.',
      '.',
      '..',
      'é',
      '日本',
      'a\u00a0b',
      '\u00a0',
      '(of 12)',
      'a [b]',
      'a {b}',
      'a, b',
      '@a',
      '`a',
      '%a',
      '!a',
      '&a',
      '*a',
      '|',
      '>',
      '?',
      '? a',
      ':',
      ':a',
      'a:',
      'a: b',
      'a:b',
      'a :b',
      '#',
      'a #b',
      '"q"',
      "'q'",
      "'it''s'",
      '"a\\"b"',
      '"\\u00e9"',
      '"\\x41"',
      '"\\U0001F600"',
      '"\\uD800"',
      '"\\q"',
      '"\\"',
      '"a',
      "'a",
      '""',
      "''",
      '"\\t\\n\\0\\ "',
    ];
    let taken = 0;
    for (const v of scalars) {
      for (const text of [
        `k: ${v}\n`,
        `k: ${v}  # note\n`,
        `k: [${v}]\n`,
        `k: [${v}, x]\n`,
        `k: {a: ${v}}\n`,
        `k: {${v}: 1}\n`,
        `${v}: 1\n`,
        `k:\n  - ${v}\n`,
        `k:\n  - a: ${v}\n    b: 2\n`,
      ]) {
        if (expectAgrees(text)) taken++;
      }
    }
    expect(taken).toBeGreaterThan(scalars.length * 4);
  });

  test('agrees on the shapes of blocks, sequences, literal text and comments', () => {
    const texts = [
      'a:\n- 1\n- 2\nb: 3\n',
      'a:\n  - 1\n  -\n  - 2\n',
      'a:\n  -\n    b: 1\n',
      'a:\n  - - 1\n',
      'a:\n  - b: 1\n   c: 2\n',
      'a:\n  - b: 1\n    c:\n    - 2\n',
      'a:\n  b:\n    c: 1\n  d: 2\n',
      'a:\n  b: 1\n   c: 2\n',
      'a: 1\n a: 2\n',
      'a: 1\na: 2\n',
      'a: {b: 1, b: 2}\n',
      'a: 1\n"a": 2\n',
      '1: a\n"1": b\n',
      '1.0: a\n1: b\n',
      'a: b\n  c\n',
      'a:\n  b\n',
      'a: "b\n  c"\n',
      'a: [1,\n  2]\n',
      'a: [1, 2,]\n',
      'a: [1, , 2]\n',
      'a: {b: }\n',
      'a: {b}\n',
      'a: [1] x\n',
      'a: [1]#x\n',
      'a: [1] #x\n',
      'a: b#c\n',
      'a: |\n  line one\n  line two\nb: 1\n',
      'a: |-\n  line one\n\n  line three\n\n\nb: 1\n',
      'a: |+\n  x\n\nb: 1\n',
      'a: >\n  folded\n  text\n',
      'a: |2\n    x\n',
      'a: |\n  x\n    indented\n  y\n# comment\nb: 1\n',
      'a: |\n\n  x\n',
      'a: |\n  x',
      'a: |\n  x\n  # not a comment\nb: 1\n',
      'a: |\nb: 1\n',
      '- a: |\n   x\n',
      'k:\n  - t: |\n     x\n',
      'k:\n  - t: |\n      x\n    u: 1\n',
      '# only a comment\n',
      '',
      'a',
      '- a\n',
      '  a: 1\n',
      'a: 1\n---\nb: 2\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      '? a\n: 1\n',
      'a: 1 # c\n  # indented comment\nb: 2\n',
      'a:    spaced   out   \n',
      'a: b: c\n',
      'a:\tb\n',
      'a: b\r\nc: d\r\n',
      '\ufeffa: 1\n',
      `a: ${'x'.repeat(2000)}\n`,
      `${'k'.repeat(1100)}: 1\n`,
      `a: ${'['.repeat(70)}${']'.repeat(70)}\n`,
      Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i)}k:`).join('\n'),
      `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i)}k:`).join('\n')} 1\n`,
    ];
    for (const t of texts) expectAgrees(t);
  });

  test('property: any mutation of the shipped frameworks is read exactly or left to the full parse', () => {
    const frameworks = corpus();
    fc.assert(
      fc.property(
        fc.nat(frameworks.length - 1),
        fc.array(stepArb(80, true), { minLength: 1, maxLength: 3 }),
        (which, steps) => {
          const files = applySteps((frameworks[which] as (typeof frameworks)[number]).files, steps);
          for (const [name, text] of Object.entries(files)) if (/\.ya?ml$/.test(name)) expectAgrees(text);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('property: YAML punctuation and indentation slips are read exactly or left to the full parse', () => {
    const texts = ['plan.yaml', 'budget.yaml', 'decisions.yaml', 'progress/2026.yaml'].map((f) =>
      readFileSync(path.join(SHIPPED, f), 'utf8'),
    );
    const snippet = fc.constantFrom(
      ': ',
      ':',
      ' #',
      '#',
      '- ',
      '-',
      '[',
      ']',
      '{',
      '}',
      ', ',
      ',',
      "'",
      '"',
      "''",
      '\\',
      '\\u00e9',
      '|',
      '|-',
      '>',
      '?',
      '&',
      '*',
      '!',
      '%',
      '@',
      '`',
      ' ',
      '  ',
      '\u00a0',
      '~',
      'null',
      '.5',
      '0x1F',
      '1e3',
      '-0',
      '\n',
      '\n  ',
      '\n- ',
      '\n  # c\n',
      'é',
      'k: v',
    );
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(1_000_000), text: snippet }),
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(1_000_000),
        count: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant('indent' as const),
        line: fc.nat(1_000_000),
        by: fc.integer({ min: -2, max: 2 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          let text = texts[which] as string;
          for (const e of edits) {
            if (e.kind === 'indent') {
              const lines = text.split('\n');
              const i = e.line % lines.length;
              const line = lines[i] as string;
              lines[i] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
              text = lines.join('\n');
            } else {
              const at = e.at % (text.length + 1);
              text =
                e.kind === 'insert'
                  ? text.slice(0, at) + e.text + text.slice(at)
                  : text.slice(0, at) + text.slice(at + e.count);
            }
          }
          expectAgrees(text);
        },
      ),
      { numRuns: 600 },
    );
  });

  test('a diagnostic in a file read quickly points where the full parse points', () => {
    const plan = readFileSync(path.join(SHIPPED, 'plan.yaml'), 'utf8')
      .replace('result: AP.O1.1\n', 'result: AP.O9.9\n')
      .replace('unit: seats (of 12)', 'unit: seats (of 12)\n    colour: blue');
    const budget = readFileSync(path.join(SHIPPED, 'budget.yaml'), 'utf8').replace(
      'source: CORE',
      'source: CORR',
    );
    expect(quickYaml(plan)).not.toBeNull();
    const shown = (fast: boolean) => {
      const parsed = [
        parseYamlFile('plan.yaml', plan, { fast }),
        parseYamlFile('budget.yaml', budget, { fast }),
      ];
      return checkParsed('.', parsed).diagnostics.map((d) => {
        const at = locate(d);
        return `${at?.file}:${at?.line}:${at?.col} ${d.code} ${d.message}`;
      });
    };
    const quick = shown(true);
    expect(quick.length).toBeGreaterThanOrEqual(3);
    expect(quick).toEqual(shown(false));
    expect(quick.join('\n')).toMatch(/plan\.yaml:\d+:\d+ unknown-key/);
  });
});
