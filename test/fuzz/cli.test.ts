import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { applySteps, corpus, type Files, stepArb } from './mutate.js';
import { clean } from './oracle.js';

/**
 * The fuzz campaign through the built binary (issue 13 item 14, issue 16): inputs that only the
 * whole program meets — empty and broken paths, links, a file of thousands of errors, extreme
 * numbers — and a few mutated frameworks end to end. Every run: exit 0, 1 or 2 only, no stack
 * trace, no internal word in what it prints, and it ends within a time limit (the child is killed
 * past it: a hang fails the test instead of stalling CI).
 */

const RUN_MS = Number(process.env.FUZZ_RUN_MS ?? 30_000);
const BIN_CASES = Number(process.env.FUZZ_BIN_CASES ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const MANY = Number(process.env.FUZZ_MANY_ERRORS ?? 1000);

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: RUN_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    throw new Error(`neaspec-track ${args.join(' ')}: no answer within ${RUN_MS} ms`);
  }
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The run ended with a defined exit code and printed nothing internal. */
function sane(r: Run, inputs: string, args: string[]): void {
  const what = `neaspec-track ${args.join(' ')}`;
  expect([0, 1, 2], `${what} exited ${r.code}: ${r.err.slice(0, 400)}`).toContain(r.code);
  clean(`${what} (stderr)`, r.err, inputs);
  clean(`${what} (stdout)`, r.out, inputs, !args.includes('json') && !args.includes('csv'));
}

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir('neaspec-fuzz-');
});
afterAll(() => tmp.cleanup());

let n = 0;
function write(files: Files): string {
  const dir = path.join(tmp.dir, `fw${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const NEASPEC = (corpus()[0] as { files: Files }).files;

describe('mutated frameworks end to end', () => {
  const cases = fc.sample(
    fc.record({
      framework: fc.nat(corpus().length - 1),
      steps: fc.array(stepArb(40, false), { minLength: 1, maxLength: 3 }),
    }),
    { seed: SEED, numRuns: BIN_CASES },
  );
  test.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const files = applySteps((corpus()[c.framework] as { files: Files }).files, c.steps);
    const inputs = Object.values(files).join('\n');
    const dir = write(files);
    const v = ['validate', dir, '--format', 'json'];
    const validated = run(v);
    sane(validated, inputs, v);
    if (validated.code !== 0) return;
    for (const args of [
      ['status', '--as-of', '2026-11-28', '--format', 'table'],
      ['variance', '--as-of', '2027-06-30', '--by', 'programme', '--format', 'csv'],
      ['funding', '--as-of', '2026-11-28', '--format', 'md'],
      ['report', '--as-of', '2026-11-28', '--since', '2026-06-30', '--format', 'html'],
      ['export', '--as-of', '2026-11-28', '--out', path.join(dir, 'out.xlsx')],
    ]) {
      const a = ['--framework', dir, ...args];
      const r = run(a);
      sane(r, inputs, a);
      expect(r.code, `${a.join(' ')}: ${r.err}`).toBe(0);
    }
  });
});

describe('paths', () => {
  // Issue 16.1: an empty --framework was ignored and the shipped framework validated instead, exit 0.
  test('an empty --framework is a usage error (exit 2)', () => {
    const r = run(['--framework', '', 'validate']);
    sane(r, '', ['--framework', '', 'validate']);
    expect(r.code).toBe(2);
  });

  // Issue 16.1: a dangling or looping link was skipped without a word.
  test('a ledger that is a dangling link, or a link loop, is an error naming it', () => {
    const dir = write({
      'plan.yaml': NEASPEC['plan.yaml'] as string,
      'budget.yaml': NEASPEC['budget.yaml'] as string,
    });
    symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'dangling.yaml'));
    symlinkSync(path.join(dir, 'loop.yaml'), path.join(dir, 'loop.yaml'));
    const r = run(['validate', dir]);
    sane(r, '', ['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/dangling\.yaml/);
    expect(r.out + r.err).toMatch(/loop\.yaml/);
  });

  test('a framework path that does not exist is a usage error', () => {
    const args = ['--framework', path.join(tmp.dir, 'missing'), 'status'];
    const r = run(args);
    sane(r, '', args);
    expect(r.code).toBe(2);
  });

  test('a framework that is a file of garbage bytes', () => {
    const dir = write({});
    const file = path.join(dir, 'plan.yaml');
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)));
    for (const cmd of ['validate', 'status', 'variance', 'report']) {
      const r = run(['--framework', file, cmd]);
      sane(r, '', [cmd]);
      expect(r.code).toBe(1);
    }
  });
});

describe('many errors', () => {
  test(`${MANY} lines each with a syntax error: one error per line, exit 1`, () => {
    const lines = Array.from({ length: MANY }, (_, i) => (i % 2 ? `  - {id: X${i}, title: ]}` : '  - ]'));
    const dir = write({ ...NEASPEC, 'bad.yaml': `programmes:\n${lines.join('\n')}\n` });
    const args = ['validate', dir, '--format', 'json'];
    const r = run(args);
    sane(r, '', args);
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.out) as { errors: { line: number }[] }).errors;
    expect(errors).toHaveLength(MANY);
    expect(errors.map((e) => e.line)).toEqual(lines.map((_, i) => i + 2));
  });
});

describe('tiny and huge numbers', () => {
  test('a rate of 1e308 or 1e-300 is refused at the rate, and the reports refuse to run', () => {
    for (const [rate, cmd] of [
      ['1e308', 'variance'],
      ['1e-300', 'report'],
    ] as const) {
      const budget = (NEASPEC['budget.yaml'] as string).replace(/(KRW: \{\d{4}: )0\.00072/, `$1${rate}`);
      expect(budget, 'the shipped budget has a KRW rate to replace').not.toBe(NEASPEC['budget.yaml']);
      const dir = write({ ...NEASPEC, 'budget.yaml': budget });
      const inputs = Object.values(NEASPEC).join('\n') + rate;
      for (const args of [
        ['validate', dir],
        ['--framework', dir, cmd],
      ]) {
        const r = run(args);
        sane(r, inputs, args);
        expect(r.code).toBe(1);
        expect(r.out + r.err).toMatch(/rate-range/);
      }
    }
  });

  test('numbers that overflow (1e999) are refused where they are written', () => {
    const plan = (NEASPEC['plan.yaml'] as string).replace(/targets: \{2026: \d+/, 'targets: {2026: 1e999');
    const dir = write({ ...NEASPEC, 'plan.yaml': plan });
    const r = run(['validate', dir, '--format', 'json']);
    sane(r, plan, ['validate', 'json']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual([
      'wrong-type',
    ]);
  });

  test.each(['1e-321', '1e308', '9007199254740993'])(
    'a target of %s: every report prints finite, plain figures',
    (value) => {
      const plan = (NEASPEC['plan.yaml'] as string).replace(
        /targets: \{2026: \d+/,
        `targets: {2026: ${value}`,
      );
      const dir = write({ ...NEASPEC, 'plan.yaml': plan });
      // The inputs as written, target included: a message may quote the value back as written.
      const inputs = Object.values({ ...NEASPEC, 'plan.yaml': plan }).join('\n');
      const v = run(['validate', dir]);
      sane(v, inputs, ['validate']);
      if (v.code !== 0) return; // refusing such a value is a fine answer too
      for (const args of [['status'], ['variance'], ['report'], ['report', '--format', 'md']]) {
        const a = ['--framework', dir, ...args, '--as-of', '2026-11-28'];
        const r = run(a);
        sane(r, inputs, a);
        expect(r.code).toBe(0);
      }
    },
  );
});
