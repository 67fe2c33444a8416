import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutTable, terminalWidth, truncate, truncateStart, wrap } from '../../src/render/layout.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/**
 * Everything printed for a terminal fits its width, down to 80 columns: every line's display width
 * (ANSI codes stripped, East Asian wide characters counting 2) is at most the width.
 */

const SHIPPED = 'frameworks/neaspec-2026-2030';
const AS_OF = ['--as-of', '2026-11-28'];

/** The minimal example with wide (CJK) titles, a long note and a very long line with an error at its end. */
function wideFramework(dir: string): string {
  let text = readFileSync(path.join(ROOT, 'examples/minimal/framework.yaml'), 'utf8');
  text = text
    .replace(
      'title: Clean Water for Rural Schools 2026–2028',
      'title: 農村学校の安全な飲料水プロジェクト 2026–2028 年度計画（全体）',
    )
    .replace(
      'title: Water points installed\n',
      'title: 設置された給水設備の数（学校ごとの合計、完成証明書による）\n',
    )
    .replace(
      '{spend: B-2, date: 2026-05-04, amount: 1200.50, note: Baseline survey}',
      `{spend: B-2, date: 2026-05-04, amount: 1200.50, note: "${'調査'.repeat(60)}"}`,
    );
  const file = path.join(dir, 'framework.yaml');
  writeFileSync(file, text);
  return file;
}

const overlong = (text: string, width: number) => text.split('\n').filter((l) => stringWidth(l) > width);

describe('terminal output fits the width', () => {
  const tmp = tempDir('neaspec-widths-');
  afterAll(() => tmp.cleanup());
  const wide = wideFramework(tmp.dir);
  const broken = path.join(tmp.dir, 'broken.yaml');
  writeFileSync(
    broken,
    readFileSync(wide, 'utf8').replace(
      '  - {indicator: WASH.O1.1-a, period: 2026-Q1, value: 2, date: 2026-04-08}',
      `  - {indicator: WASH.O1.1-a, period: 2026-Q1, value: 2, date: 2026-04-08, note: "${'x'.repeat(300)}", colour: blue}`,
    ),
  );

  const commands: [string, string[]][] = [
    ['report', ['--framework', SHIPPED, 'report', ...AS_OF]],
    ['status', ['--framework', SHIPPED, 'status', ...AS_OF]],
    ['status --explain', ['--framework', SHIPPED, 'status', '--explain', 'AP.O2.1-a', ...AS_OF]],
    ['history (indicator)', ['--framework', SHIPPED, 'history', 'AP.O2.1-a']],
    ['history (line)', ['--framework', SHIPPED, 'history', 'B-AP-1']],
    ['validate', ['--framework', SHIPPED, 'validate']],
    ['report (wide characters)', ['--framework', wide, 'report', ...AS_OF]],
    ['status (wide characters)', ['--framework', wide, 'status', ...AS_OF]],
    ['history (wide characters)', ['--framework', wide, 'history', 'B-2']],
    ['validate (a long line with errors)', ['validate', broken]],
  ];
  for (const by of ['line', 'result', 'programme', 'source', 'category', 'year']) {
    commands.push([`variance --by ${by}`, ['--framework', SHIPPED, 'variance', '--by', by, ...AS_OF]]);
  }

  for (const width of [80, 120]) {
    for (const [name, args] of commands) {
      it(`${name} at ${width} columns`, async () => {
        const r = await runCli(args, { columns: width, color: true });
        expect(r.stdout.length).toBeGreaterThan(0);
        expect(overlong(r.stdout, width)).toEqual([]);
        expect(overlong(r.stderr, width)).toEqual([]);
      });
    }
  }

  it('the report narrows but keeps its figures: at 80 columns, the variance and execution of every programme', async () => {
    const r = await runCli(['--framework', SHIPPED, 'report', ...AS_OF], { columns: 80 });
    const v = await runCli([
      '--framework',
      SHIPPED,
      'variance',
      '--by',
      'programme',
      '--format',
      'json',
      ...AS_OF,
    ]);
    const rows = JSON.parse(v.stdout).rows as { key: string; execution: number }[];
    for (const row of rows) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${row.key} `) && l.includes('%'));
      expect(line, row.key).toContain(`${(row.execution * 100).toFixed(1)}%`);
    }
  });

  it('a refused record prints within the width too', async () => {
    const r = await runCli(
      [
        '--framework',
        wide,
        'record',
        'spend',
        'B-1',
        '12.345',
        '--date',
        '2026-11-13',
        '--note',
        'é'.repeat(90),
      ],
      { columns: 80 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('decimal-places');
    expect(overlong(r.stderr, 80)).toEqual([]);
  });

  it('variance drops Projected, then Remaining, then Planned total, as documented', async () => {
    const head = async (columns: number) =>
      (await runCli(['--framework', SHIPPED, 'variance', '--by', 'year', ...AS_OF], { columns })).stdout
        .split('\n')
        .find((l) => l.startsWith('Year'));
    expect(await head(200)).toMatch(
      /^Year\s+Planned total\s+Planned to date\s+Actual\s+Variance\s+Execution\s+Remaining\s+Projected$/,
    );
    expect(await head(80)).toMatch(
      /^Year\s+Planned total\s+Planned to date\s+Actual\s+Variance\s+Execution$/,
    );
  });

  it('status puts the titles on lines of their own when they would be cut below 20 columns', async () => {
    const r = await runCli(['--framework', SHIPPED, 'status', ...AS_OF], { columns: 80 });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('    AP.O1.2-a  NEACAP Work Plan 2026–2030'));
    expect(at).toBeGreaterThan(0);
    // The figures follow on the next line: period 2026, actual drafted, expected drafted, final implemented.
    expect(lines[at + 1]).toMatch(/^\s+2026\s.*drafted\s+drafted\s+implemented\s+100%\s+on-track$/);
  });
});

describe('layout helpers', () => {
  it('the width: the terminal, else $COLUMNS, else 80; never below 80', () => {
    expect(terminalWidth(132, '100')).toBe(132);
    expect(terminalWidth(undefined, '100')).toBe(100);
    expect(terminalWidth(undefined, undefined)).toBe(80);
    expect(terminalWidth(undefined, 'wide')).toBe(80);
    expect(terminalWidth(60, undefined)).toBe(80);
  });

  it('cuts and wraps by display width: a wide character takes two columns', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('日本語テキスト', 5)).toBe('日本…');
    expect(truncateStart('frameworks/x/progress/2026.yaml:41', 12)).toBe('…026.yaml:41');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('  AP  Air pollution control', 14, '    ')).toEqual([
      '  AP  Air',
      '    pollution',
      '    control',
    ]);
    expect(wrap('日本語の長いタイトル', 8)).toEqual(['日本語の', '長いタイ', 'トル']);
  });

  it('a table narrows its flexible column to its minimum, then drops columns by their order', () => {
    const cols = [
      { head: 'Id' },
      { head: 'Title', min: 6 },
      { head: 'A', align: 'right' as const, drop: 2 },
      { head: 'B', align: 'right' as const, drop: 1 },
    ];
    const rows = [{ cells: ['x1', 'a long title', '10', '20'] }];
    // Natural: 2 + 12 + 2 + 2 and three gaps of 2 = 24.
    expect(layoutTable(cols, rows, 24).lines).toEqual([
      'Id  Title          A   B',
      'x1  a long title  10  20',
    ]);
    // 18 columns: the title narrows to 6 (2 + 6 + 2 + 2 + 6 = 18) before anything is dropped.
    expect(layoutTable(cols, rows, 18).lines).toEqual(['Id  Title    A   B', 'x1  a lon…  10  20']);
    // 14 columns: B goes first; the title takes back what fits (14 − 2 − 2 − 4 = 6).
    expect(layoutTable(cols, rows, 14).lines).toEqual(['Id  Title    A', 'x1  a lon…  10']);
    // 10 columns: A goes too; the title gets 10 − 2 − 2 = 6.
    expect(layoutTable(cols, rows, 10).shown).toEqual([0, 1]);
  });
});
