import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeFramework, PLAN, snapshot } from '../ledger/fixture.js';

/** Issue 16.6: messages in our words, about what is actually wrong. */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function fw(files: Record<string, string> = {}): string {
  const f = makeFramework(files);
  cleanups.push(f.cleanup);
  return f.dir;
}

describe('record result', () => {
  it('without an indicator says the indicator is missing (not --period)', async () => {
    const dir = fw();
    const r = await runCli(['--framework', dir, 'record', 'result'], { cwd: dir });
    expect(r.stderr).toBe("error: missing required argument 'indicator'\n(run with --help for usage)\n");
    expect(r.code).toBe(2);
  });

  it('without --period says --period is missing, and writes nothing', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const r = await runCli(['--framework', dir, 'record', 'result', 'N-a', '3'], { cwd: dir });
    expect(r.stderr).toBe(
      'neaspec-track: --period is missing: give the period the value is for (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)\n',
    );
    expect(r.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('zod never speaks', () => {
  it('--denominator 0 is refused in our words at the entry, and nothing is written', async () => {
    const dir = fw();
    const before = snapshot(dir);
    const r = await runCli(
      [
        '--framework',
        dir,
        'record',
        'result',
        'PCT',
        '--period',
        '2026',
        '--numerator',
        '3',
        '--denominator',
        '0',
        '--date',
        '2026-11-01',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error invalid-value "denominator" must be greater than 0, not 0\n/);
    expect(r.stderr).not.toMatch(/Too small|expected number|Invalid input/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a target year written as a number too large for YAML (1e309)', () => {
  it('is named at the key, saying what YAML made of it', async () => {
    const line = PLAN.split('\n').findIndex((l) => /targets: \{2026:/.test(l));
    expect(line).toBeGreaterThan(0);
    const text = PLAN.replace(/targets: \{2026:/, 'targets: {1e309:');
    const dir = fw({ 'plan.yaml': text });
    const r = await runCli(['validate', dir, '--format', 'json'], { cwd: dir });
    const errors = (
      JSON.parse(r.stdout) as {
        errors: { code: string; message: string; line: number; col: number; file: string }[];
      }
    ).errors;
    const col = (text.split('\n')[line] as string).indexOf('1e309') + 1;
    expect(errors.map((e) => [e.code, path.basename(e.file), e.line, e.col, e.message])).toContainEqual([
      'invalid-value',
      'plan.yaml',
      line + 1,
      col,
      'the key "Infinity" (a number too large or not a number, such as 1e309, which YAML reads as infinity) is not a year such as 2026',
    ]);
    expect(r.stdout).not.toMatch(/Invalid key in record|Too small|expected number/);
  });
});
