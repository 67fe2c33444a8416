import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/render/csv.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28 (OWASP CSV injection): a cell a spreadsheet would run as a formula is written with a
// leading ' in every CSV the tool writes; a number, negative or not, stays a number.

describe('csvField', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1 (555) 0100', "'+1 (555) 0100"],
    ['-cmd', "'-cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rreturn', `"'\rreturn"`],
    ['a = b', 'a = b'],
    ['plain, with a comma', '"plain, with a comma"'],
  ])('text %j is written %s', (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it('a lone "-" (the key of the rows with no link) is text to a spreadsheet and stays as it is', () => {
    expect(csvField('-')).toBe('-');
  });

  it.each(['-1500.00', '-0.25', '1500.00', '0', '-3e-7', '0.735007216045607'])(
    'the number %s stays as it is',
    (n) => {
      expect(csvField(n)).toBe(n);
    },
  );
});

describe('the CSV outputs', () => {
  const tmp = tempDir('neaspec-csv-injection-');
  afterAll(() => tmp.cleanup());
  const fw = path.join(tmp.dir, 'fw');
  cpSync(path.join(ROOT, 'frameworks/neaspec-2026-2030'), fw, { recursive: true });
  const edit = (file: string, from: string, to: string) => {
    const p = path.join(fw, file);
    const text = readFileSync(p, 'utf8');
    expect(text).toContain(from);
    writeFileSync(p, text.replace(from, to));
  };
  edit(
    'plan.yaml',
    'title: NEACAP Science and Policy Committee meetings held (cumulative since 2019)',
    `title: '=HYPERLINK("http://example.org","open")'`,
  );
  edit('budget.yaml', 'title: NEACAP Science and Policy Committee meetings\n', "title: '@SUM(A1:A9)'\n");
  const run = (args: string[]) => runCli(['--framework', fw, ...args], { cwd: tmp.dir });

  it('status --format csv: the title is text, the figures numbers', async () => {
    const r = await run(['status', '--as-of', '2026-11-28', '--format', 'csv']);
    expect(r.code).toBe(0);
    const row = r.stdout.split('\n').find((l) => l.startsWith('AP.O1.1-a,'));
    // Columns other engineers add come after these.
    expect(row?.slice(0, 146)).toBe(
      `AP.O1.1-a,AP.O1.1,AP,"'=HYPERLINK(""http://example.org"",""open"")",meetings,number,increase,cumulative,7,2026,8,8,12,1,on-track,false,,false,,,12`,
    );
  });

  it('variance --format csv: the title escaped, a negative variance still a number', async () => {
    const r = await run(['variance', '--as-of', '2026-02-28', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('B-AP-1,'))).toMatch(/^B-AP-1,'@SUM\(A1:A9\),275000\.00,/);
    // Some line is over-spent by this date: its variance is negative, written as a plain number.
    expect(lines.some((l) => /^B-[A-Z]+-\d,[^']*,-\d+\.\d\d,/.test(l))).toBe(true);
  });

  it('template --out x.csv: the title escaped', async () => {
    const r = await run(['template', '--period', '2026', '--as-of', '2026-11-28', '--out', 'x.csv']);
    expect(r.code).toBe(0);
    const text = readFileSync(path.join(tmp.dir, 'x.csv'), 'utf8');
    expect(text).toContain(`AP.O1.1-a,"'=HYPERLINK(""http://example.org"",""open"")",`);
  });
});
