import { describe, expect, test } from 'vitest';
import { runBin } from '../helpers/cli.js';

/** End-to-end: the built binary on committed fixtures, exact stdout and exit codes. */

const BROKEN = 'test/validate/fixtures/broken';
const WARNINGS = 'test/validate/fixtures/warnings';

describe('validate (built binary)', () => {
  test('text: file:line:col, the line with a caret, and the summary; exit 1', () => {
    const r = runBin(['validate', BROKEN]);
    // Positions by hand: in `  - {id: AP.O1, level: outcome, programme: AQ, …}` the value AQ starts
    // at column 44 (5 + "id: AP.O1, " 11 + "level: outcome, " 16 + "programme: " 11 = 43 before it);
    // in `  - {indicator: AP.O1-b, …}` the id starts at 17; in `    targets: {2026: 4, 2027: 8}` the
    // 2026 value 4 is at 21. Errors come first, then warnings.
    expect(r.stdout).toBe(
      [
        `${BROKEN}/plan.yaml:10:44: error unknown-programme unknown programme "AQ" (did you mean "AP"?)`,
        '   10 |   - {id: AP.O1, level: outcome, programme: AQ, title: Cleaner air}',
        '      |                                            ^',
        `${BROKEN}/progress.yaml:2:17: error unknown-indicator unknown indicator "AP.O1-b" (did you mean "AP.O1-a"?)`,
        '    2 |   - {indicator: AP.O1-b, period: 2026, value: 6, date: 2026-11-02}',
        '      |                 ^',
        `${BROKEN}/plan.yaml:20:21: warning target-direction the 2026 target (4) moves against the indicator's direction (increase) from 5 in 2025`,
        '   20 |     targets: {2026: 4, 2027: 8}',
        '      |                     ^',
        `${BROKEN}: 2 errors, 1 warning`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
  });

  test('json: {ok, errors: [{code, message, file, line, col, path}], warnings}', () => {
    const r = runBin(['validate', BROKEN, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      errors: [
        {
          code: 'unknown-programme',
          message: 'unknown programme "AQ" (did you mean "AP"?)',
          file: `${BROKEN}/plan.yaml`,
          line: 10,
          col: 44,
          path: 'results[0].programme',
        },
        {
          code: 'unknown-indicator',
          message: 'unknown indicator "AP.O1-b" (did you mean "AP.O1-a"?)',
          file: `${BROKEN}/progress.yaml`,
          line: 2,
          col: 17,
          path: 'progress[0].indicator',
        },
      ],
      warnings: [
        {
          code: 'target-direction',
          message: "the 2026 target (4) moves against the indicator's direction (increase) from 5 in 2025",
          file: `${BROKEN}/plan.yaml`,
          line: 20,
          col: 21,
          path: 'indicators[0].targets.2026',
        },
      ],
    });
  });

  test('github: one workflow command per diagnostic', () => {
    const r = runBin(['validate', BROKEN, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `::error file=${BROKEN}/plan.yaml,line=10,col=44,title=unknown-programme::unknown programme "AQ" (did you mean "AP"?)`,
        `::error file=${BROKEN}/progress.yaml,line=2,col=17,title=unknown-indicator::unknown indicator "AP.O1-b" (did you mean "AP.O1-a"?)`,
        `::warning file=${BROKEN}/plan.yaml,line=20,col=21,title=target-direction::the 2026 target (4) moves against the indicator's direction (increase) from 5 in 2025`,
        '',
      ].join('\n'),
    );
  });

  test('warnings alone: exit 0, and 1 with --strict (ok false in JSON)', () => {
    const plain = runBin(['validate', WARNINGS]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split('\n').at(-1)).toBe(`${WARNINGS}: 0 errors, 1 warning`);
    const strict = runBin(['validate', WARNINGS, '--strict']);
    expect(strict.code).toBe(1);
    const json = runBin(['validate', WARNINGS, '--strict', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      errors: [],
      warnings: [{ code: 'target-direction' }],
    });
    const jsonLoose = runBin(['validate', WARNINGS, '--format', 'json']);
    expect(JSON.parse(jsonLoose.stdout).ok).toBe(true);
  });

  test('github --strict: warnings that fail the run end with an ::error line saying so', () => {
    const strict = runBin(['validate', WARNINGS, '--strict', '--format', 'github']);
    expect(strict.code).toBe(1);
    const lines = strict.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::warning file=.*title=target-direction::/);
    expect(lines[1]).toBe(
      '::error title=neaspec-track::1 warning failed the run (--strict makes warnings fail)',
    );
    // Without --strict the warning passes and no verdict line is added; with errors, the errors say it.
    const loose = runBin(['validate', WARNINGS, '--format', 'github']);
    expect(loose.code).toBe(0);
    expect(loose.stdout).not.toContain('::error');
    const broken = runBin(['validate', BROKEN, '--strict', '--format', 'github']);
    expect(broken.stdout).not.toContain('failed the run');
    const text = runBin(['validate', WARNINGS, '--strict']);
    expect(text.stderr).toBe('neaspec-track: 1 warning failed the run (--strict makes warnings fail)\n');
  });

  test('the shipped framework and the examples pass --strict (the README CI workflow passes on first push)', () => {
    const r = runBin([
      'validate',
      '--strict',
      '--format',
      'github',
      'frameworks/neaspec-2026-2030',
      'examples/minimal',
      'examples/donor-project',
    ]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  test('a clean framework: "ok" and exit 0', () => {
    const r = runBin(['validate', 'test/validate/fixtures/clean']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok test/validate/fixtures/clean\n');
  });

  test('usage errors exit 2 without a stack trace: unknown option, bad --format, missing path', () => {
    const unknown = runBin(['validate', BROKEN, '--nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/unknown option '--nope'/);
    const format = runBin(['validate', BROKEN, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('neaspec-track: --format must be one of text, json, github, not "xml"\n');
    const missing = runBin(['validate', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^neaspec-track: no framework at .*no\/such\/dir/);
    for (const r of [unknown, format, missing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
