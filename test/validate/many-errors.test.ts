import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { BUDGET, PLAN } from './helpers.js';

/**
 * Issue 16.3 / 14.3: a file with thousands of errors. Text and GitHub output show the first 20
 * of each code and count the rest in one line; JSON lists every one.
 */

let tmp: { dir: string; cleanup: () => void };
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.cleanup());

function framework(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries({ 'plan.yaml': PLAN, 'budget.yaml': BUDGET, ...files })) {
    writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

const SYNTAX = 'yaml-syntax Unexpected flow-seq-end token in YAML document: "]"';

describe('30,000 syntax errors', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = framework('brackets', { 'bad.yaml': ']\n'.repeat(30_000) });
  });

  it('text: the first 20 with their lines, then one line counting the other 29,980, then the total', async () => {
    const r = await runCli(['validate', dir], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    // Each shown error takes three lines: where and what, the line, the caret.
    const expected: string[] = [];
    for (let i = 1; i <= 20; i++)
      expected.push(`bad.yaml:${i}:1: error ${SYNTAX}`, `${String(i).padStart(5)} | ]`, '      | ^');
    expected.push(
      '… 29,980 more yaml-syntax errors not shown (the first 20 are listed; --format json lists all)',
      '.: 30000 errors, 0 warnings',
      '',
    );
    expect(lines).toEqual(expected);
  });

  it('github: 20 annotations and one counting the rest', async () => {
    const r = await runCli(['validate', dir, '--format', 'github'], { cwd: dir });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 20)).toEqual(
      Array.from(
        { length: 20 },
        (_, i) =>
          `::error file=bad.yaml,line=${i + 1},col=1,title=yaml-syntax::Unexpected flow-seq-end token in YAML document: "]"`,
      ),
    );
    expect(lines[20]).toBe(
      '::error title=yaml-syntax::29,980 more yaml-syntax errors not shown (the first 20 are listed; --format json lists all)',
    );
  });

  it('json: all 30,000', async () => {
    const r = await runCli(['validate', dir, '--format', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout) as { errors: { line: number }[] };
    expect(json.errors.map((e) => e.line)).toEqual(Array.from({ length: 30_000 }, (_, i) => i + 1));
  });
});

describe('a very long line', () => {
  it('the excerpt is a window around the column, with the caret under it', async () => {
    // 5,000 keys `kkkkkkkkkk` in one flow mapping: key n (0-based) starts at column 5 + 15n; the
    // second is the first duplicate.
    const keys = Array.from({ length: 5_000 }, () => 'kkkkkkkkkk: 1').join(', ');
    const dir = framework('long', { 'long.yaml': `x: {${keys}}\n` });
    const r = await runCli(['validate', dir, '--format', 'json'], { cwd: dir });
    const dups = (JSON.parse(r.stdout) as { errors: { code: string; col: number }[] }).errors.filter(
      (e) => e.code === 'duplicate-key',
    );
    expect(dups.map((e) => e.col)).toEqual(Array.from({ length: 4_999 }, (_, i) => 5 + 15 * (i + 1)));
    // At 170 columns the excerpt has 170 − 8 (the `    1 | ` gutter) = 162: 160 of the line and two `…`.
    const text = await runCli(['validate', dir], { cwd: dir, columns: 170 });
    const out = text.stdout.split('\n');
    // The 20th duplicate is key 20, at column 305: past the first 160 columns, so the 160-column
    // window starts 80 columns before it behind an ellipsis; the caret is under its first `k`.
    const i = out.indexOf(
      'long.yaml:1:305: error duplicate-key duplicate key "kkkkkkkkkk" in the same mapping',
    );
    expect(i).toBeGreaterThan(0);
    const excerpt = out[i + 1] as string;
    const caret = out[i + 2] as string;
    expect(excerpt.startsWith('    1 | …')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBe('    1 | '.length + 162);
    expect(excerpt[caret.indexOf('^')]).toBe('k');
    expect(excerpt.slice(caret.indexOf('^'), caret.indexOf('^') + 13)).toBe('kkkkkkkkkk: 1');
    expect(caret.indexOf('^')).toBe('      | '.length + 1 + 80);
    expect(out).toContain(
      '… 4,979 more duplicate-key errors not shown (the first 20 are listed; --format json lists all)',
    );
  });
});
