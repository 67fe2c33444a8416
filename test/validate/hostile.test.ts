import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { at, BUDGET, checkTexts, found, fw, PLAN } from './helpers.js';

/**
 * Hostile and malformed files: each must give a clear diagnostic (or a usage error), never a
 * crash or a stack trace, and never touch Object.prototype. Each test has a 5 s timeout as a
 * guard against blow-ups (they take milliseconds); timing itself is not asserted.
 */

const FAST = { timeout: 5000 };
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

function assertPrototypeClean(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());
afterEach(assertPrototypeClean);

let n = 0;
/** Writes a framework (clean plan and budget plus the given files) to a fresh dir and validates it as JSON. */
async function validate(files: Record<string, string | Buffer>, base = true) {
  const dir = path.join(tmp.dir, `fw${n++}`);
  mkdirSync(dir, { recursive: true });
  const all: Record<string, string | Buffer> = base
    ? { 'plan.yaml': PLAN, 'budget.yaml': BUDGET, ...files }
    : files;
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const r = await runCli(['validate', dir, '--format', 'json']);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure/);
  expect(r.stdout).not.toMatch(/\n\s+at /);
  const json = JSON.parse(r.stdout) as {
    ok: boolean;
    errors: { code: string; file: string; line: number }[];
  };
  return { code: r.code, json, codes: json.errors.map((e) => e.code) };
}

describe('hostile YAML', () => {
  test('an alias bomb ("billion laughs") is capped', FAST, async () => {
    const rows = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi'].map((s) => [...s])) {
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const r = await validate({ 'bomb.yaml': `${rows.join('\n')}\n` });
    expect(r.code).toBe(1);
    expect(r.codes).toEqual(['alias-limit']);
    expect(r.json.errors[0]).toMatchObject({ file: expect.stringMatching(/bomb\.yaml$/), line: 1 });
  });

  test('__proto__ and constructor keys at the top level are unknown keys', FAST, async () => {
    const r = await validate({
      'proto.yaml': '__proto__: {polluted: yes}\nconstructor: {polluted: yes}\n',
    });
    expect(r.codes).toEqual(['unknown-key', 'unknown-key']);
  });

  test('__proto__ inside a plan, an indicator and a block-style entry', FAST, async () => {
    const plan = PLAN.replace('  currency: USD\n', '  currency: USD\n  __proto__: {polluted: yes}\n');
    const ledger = `progress:
  - indicator: AP.O1.1-a
    period: 2026
    value: 1
    date: 2026-11-02
    __proto__: {polluted: yes}
  - indicator: AP.O1.1-a
    period: 2027
    value: 1
    date: 2027-11-02
    __proto__: CN
  - indicator: AP.O1.1-a
    period: 2028
    value: 1
    date: 2028-11-02
    constructor: CN
`;
    const bad = await validate({ 'plan.yaml': plan });
    expect(bad.codes).toEqual(['unknown-key']);
    const r = await validate({ 'progress.yaml': ledger });
    expect(r.code).toBe(1);
    // the plan has no dimension named either key
    expect(r.codes).toEqual(['unknown-key', 'unknown-key', 'unknown-key']);
    expect(r.json.errors.map((e) => e.line)).toEqual([6, 11, 16]);
  });

  test('__proto__ and constructor inside fast-path ledger lines', FAST, async () => {
    const ledger = `progress:
  - {indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02, __proto__: CN}
  - {indicator: AP.O1.1-a, period: 2027, value: 1, date: 2027-11-02, constructor: CN}
  - {spend: B1, date: 2026-05-12, amount: 1, __proto__: x}
  - {spend: B1, date: 2026-05-12, amount: 1, constructor: x}
`;
    const r = await validate({ 'progress.yaml': ledger });
    expect(r.codes).toEqual(['unknown-key', 'unknown-key', 'unknown-key', 'unknown-key']);
    expect(r.json.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
  });

  test('binary garbage with NUL bytes', FAST, async () => {
    const bytes = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x & 0xff;
    }
    bytes[10] = 0;
    const r = await validate({ 'garbage.yaml': bytes });
    expect(r.codes).toEqual(['not-text']);
  });

  test('invalid UTF-8', FAST, async () => {
    const r = await validate({ 'latin1.yaml': Buffer.from([0x70, 0x3a, 0x20, 0xe9, 0x74, 0xe9, 0x0a]) });
    expect(r.codes).toEqual(['not-text']);
  });

  /** The one error of a file nested too deeply: code, line and column, and the message. */
  async function tooDeep(text: string) {
    const r = await validate({ 'deep.yaml': text });
    expect(r.code).toBe(1);
    const errors = r.json.errors as unknown as { code: string; line: number; col: number; message: string }[];
    expect(errors.map((e) => e.message)).toEqual([
      'nested too deeply: more than 64 levels of lists and mappings inside one another',
    ]);
    return errors.map((e) => [e.code, e.line, e.col]);
  }

  // Issue 13.10: at every depth past the limit the same clear error at the first list or mapping
  // too deep, never "Maximum call stack size exceeded". The top-level mapping is level 1.
  test.each([64, 65, 100, 1000, 20_000])('%i-deep flow nesting: too-deep at the 64th [', FAST, async (n) => {
    // `progress: ` is 10 columns; the k-th `[` is level k + 1, so the 64th (column 74) is level 65.
    expect(await tooDeep(`progress: ${'['.repeat(n)}${']'.repeat(n)}\n`)).toEqual([['too-deep', 1, 74]]);
  });

  test('63-deep flow nesting is within the limit', FAST, async () => {
    const r = await validate({ 'deep.yaml': `progress: ${'['.repeat(63)}${']'.repeat(63)}\n` });
    expect(r.codes).not.toContain('too-deep');
  });

  test.each([100, 2000])('%i-deep block mappings: too-deep at line 65', FAST, async (n) => {
    let text = '';
    for (let i = 0; i < n; i++) text += `${' '.repeat(i)}k:\n`;
    // Line i + 1 holds the mapping of level i + 1, indented i: level 65 is line 65, column 65.
    expect(await tooDeep(text)).toEqual([['too-deep', 65, 65]]);
  });

  test.each([100, 20_000])('%i-deep compact sequences: too-deep at the 64th "- "', FAST, async (n) => {
    // Line 2 holds the lists: the k-th `- ` (column 2k - 1) is level k + 1; level 65 is column 127.
    expect(await tooDeep(`progress:\n${'- '.repeat(n)}x\n`)).toEqual([['too-deep', 2, 127]]);
  });

  test('30,000 lines of `]`: one error per line in JSON, no heap exhaustion', {
    timeout: 30_000,
  }, async () => {
    const r = await validate({ 'bad.yaml': ']\n'.repeat(30_000) });
    expect(r.code).toBe(1);
    expect(r.codes.filter((c) => c === 'yaml-syntax')).toHaveLength(30_000);
  });

  test('130,000 `]` on one line: one error for the line, no stack overflow', {
    timeout: 30_000,
  }, async () => {
    const r = await validate({ 'bad.yaml': `${']'.repeat(130_000)}\n` });
    expect(r.code).toBe(1);
    expect(r.json.errors.filter((e) => e.file.endsWith('bad.yaml')).map((e) => [e.code, e.line])).toEqual([
      ['yaml-syntax', 1],
    ]);
  });

  test(
    'numbers that overflow to Infinity: a target, a planned amount and a ledger amount',
    FAST,
    async () => {
      const plan = PLAN.replace('targets: {2026: 1, 2028: 3}', 'targets: {2026: 1, 2028: 1e999}');
      const budget = BUDGET.replace('2027: 100,', '2027: 1e999,');
      const ledger = `progress:
  - {spend: B1, date: 2026-05-12, amount: 1e999}
  - {indicator: AP.O1-b, period: 2026-Q1, value: -1e999, date: 2026-04-01}
`;
      const r = await validate({ 'plan.yaml': plan, 'budget.yaml': budget, 'progress.yaml': ledger });
      expect(r.code).toBe(1);
      expect(r.json.errors.map((e) => [e.code, e.file.replace(/^.*\//, ''), e.line])).toEqual([
        ['wrong-type', 'budget.yaml', 5],
        ['wrong-type', 'plan.yaml', 23],
        ['wrong-type', 'progress.yaml', 2],
        ['wrong-type', 'progress.yaml', 3],
      ]);
    },
  );

  test('an empty file holds nothing and is fine', FAST, async () => {
    const r = await validate({ 'empty.yaml': '' });
    expect(r.codes).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('a list or a scalar at the top level', FAST, async () => {
    const r = await validate({ 'list.yaml': '- a\n- b\n', 'scalar.yaml': 'just words\n' });
    expect(r.codes).toEqual(['wrong-type', 'wrong-type']);
  });

  test('a multi-document file', FAST, async () => {
    const r = await validate({ 'multi.yaml': 'programmes: []\n---\nresults: []\n' });
    expect(r.codes).toEqual(['yaml-syntax']);
    expect(r.json.errors[0]?.line).toBe(2);
  });

  test('a directory with no YAML files', FAST, async () => {
    const r = await validate({ 'notes.txt': 'hello' }, false);
    expect(r.codes).toEqual(['no-files']);
  });

  test('a missing path is a usage error (exit 2), one line', FAST, async () => {
    const r = await runCli(['validate', path.join(tmp.dir, 'does-not-exist')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^neaspec-track: no framework at /);
  });
});

describe('the pure pipeline does not pollute prototypes either', () => {
  test('__proto__ in every section', () => {
    const text = `programmes:\n  - {id: X, title: Y, __proto__: {polluted: 1}}\nbudget:\n  __proto__: {polluted: 1}\n`;
    const d = found(fw({ 'x.yaml': text }));
    expect(d.map((x) => x.code)).toEqual(['unknown-key', 'unknown-key']);
  });
});

describe('odd but legal YAML', () => {
  const codes = (text: string) => checkTexts(fw({ 'x.yaml': text }));

  test('a list or mapping as a key is refused at the key, not turned into "[object Object]"', () => {
    expect(found(fw({ 'x.yaml': '? {a: 1}\n: c\n' }))).toEqual([at('yaml-syntax', 'x.yaml', 1, 3)]);
    expect(found(fw({ 'x.yaml': 'programmes:\n  - {id: X, ? [k]: v}\n' }))).toEqual([
      at('yaml-syntax', 'x.yaml', 2, 15),
    ]);
  });

  test('merge keys are named as such, with no far-fetched suggestion', () => {
    const d = codes('programmes:\n  - &a {id: X, title: Y}\n  - <<: *a\n    id: Z\n');
    expect(d.map((x) => [x.code, x.message])).toEqual([
      ['missing-key', '"title" is required (string)'],
      ['unknown-key', 'merge keys (<<) are not supported; write the keys out'],
    ]);
  });

  test('tags: !!binary, !!omap and !!set give schema errors in YAML words', () => {
    expect(codes('programmes: !!binary aGVsbG8=\n').map((x) => x.message)).toEqual([
      '"programmes" must be a list, not binary data',
    ]);
    expect(codes('programmes: !!set {a, b}\n').map((x) => x.message)).toEqual([
      '"programmes" must be a list, not a mapping',
    ]);
    // an ordered map is a list of one-key mappings; the first is at column 21
    expect(
      found(fw({ 'x.yaml': 'programmes: !!omap [a: 1]\n' })).map((x) => [x.code, x.line, x.col]),
    ).toEqual([
      ['missing-key', 1, 21],
      ['missing-key', 1, 21],
      ['unknown-key', 1, 21],
    ]);
  });
});

describe('the file system', () => {
  test('a symlinked YAML file is read; a link to a directory is not followed (no loop)', FAST, async () => {
    const dir = path.join(tmp.dir, 'links');
    mkdirSync(path.join(dir, 'progress'), { recursive: true });
    writeFileSync(path.join(tmp.dir, 'real-plan.yaml'), PLAN);
    symlinkSync(path.join(tmp.dir, 'real-plan.yaml'), path.join(dir, 'plan.yaml'));
    symlinkSync(dir, path.join(dir, 'progress', 'loop'));
    const r = await runCli(['validate', dir, '--format', 'json']);
    // The plan is found through the link (no plan-missing); its outcome and budget are fine,
    // and with no budget lines there is no year-no-money either.
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(r.code).toBe(0);
  });

  test(
    'a dangling link and a link that loops are errors naming them, not skipped (issue 16.1)',
    FAST,
    async () => {
      const dir = path.join(tmp.dir, 'broken-links');
      mkdirSync(path.join(dir, 'progress'), { recursive: true });
      writeFileSync(path.join(dir, 'plan.yaml'), PLAN);
      symlinkSync(path.join(tmp.dir, 'nowhere.yaml'), path.join(dir, 'progress', '2026.yaml'));
      symlinkSync('self.yaml', path.join(dir, 'progress', 'self.yaml'));
      const r = await runCli(['validate', dir, '--format', 'json']);
      expect(r.code).toBe(1);
      const errors = (JSON.parse(r.stdout) as { errors: { code: string; message: string; file: string }[] })
        .errors;
      expect(errors.map((e) => [e.code, e.file, e.message])).toEqual([
        [
          'unreadable-file',
          expect.stringMatching(/progress\/2026\.yaml$/),
          expect.stringMatching(
            /^cannot read .*2026\.yaml: it is a symbolic link to a file that does not exist \(ENOENT\)$/,
          ),
        ],
        [
          'unreadable-file',
          expect.stringMatching(/progress\/self\.yaml$/),
          expect.stringMatching(/^cannot read .*self\.yaml: it is a symbolic link that loops \(ELOOP\)$/),
        ],
      ]);
    },
  );
});
