import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: a sheet is read strictly. A header named twice kept the last column, a field beyond the
// header was dropped, a short row was recorded with today's date, an unknown column was ignored:
// each is now refused with its sheet and row, and nothing is recorded.

const tmp = tempDir('neaspec-strict-sheet-');
afterAll(() => tmp.cleanup());
const fw = path.join(tmp.dir, 'fw');
cpSync(path.join(ROOT, 'test/import/fixture'), fw, { recursive: true });

function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(fw, { withFileTypes: true, recursive: true }))
    if (e.isFile())
      out[path.join(e.parentPath, e.name)] = readFileSync(path.join(e.parentPath, e.name), 'base64');
  return out;
}

async function importText(name: string, text: string, ...flags: string[]) {
  writeFileSync(path.join(tmp.dir, name), text);
  const before = snapshot();
  const r = await runCli(['--framework', fw, 'import', name, ...flags], { cwd: tmp.dir });
  expect(snapshot()).toEqual(before);
  return r;
}

describe('CSV sheets', () => {
  it('a header named twice', async () => {
    const r = await importText('dup.csv', 'Budget line,Amount,Amount,Date\nB-1,10,20,2026-03-01\n');
    expect(r.stderr).toBe(
      'neaspec-track: dup.csv: row 1: the header "amount" names two columns (B and C); name each column once; nothing was recorded\n',
    );
    expect(r.code).toBe(1);
  });

  it('a row with a field more than the header, and one with a field less', async () => {
    const r = await importText(
      'len.csv',
      'Budget line,Amount,Date,Note\nB-1,10,2026-03-01,a,extra\nB-1,10,2026-03-01\nB-1,5,2026-03-02,fine\n',
    );
    expect(r.stderr).toBe(
      'neaspec-track: len.csv: row 2: 5 fields, but the header row has 4; a field is missing or one too many (a comma inside a value needs quotes); row 3: 3 fields, but the header row has 4; a field is missing or one too many (a comma inside a value needs quotes); nothing was recorded\n',
    );
    expect(r.code).toBe(1);
  });

  it('an unknown column, with the nearest one import reads', async () => {
    const r = await importText('unknown.csv', 'Budget line,Amout,Date\nB-1,10,2026-03-01\n');
    expect(r.stderr).toBe(
      'neaspec-track: unknown.csv: the header row: no field is read from a column "amout" (did you mean "amount"?); rename it to a column import reads, or delete it; nothing was recorded\n',
    );
    expect(r.code).toBe(1);
  });

  it('the columns of the template and the plan’s dimensions are known', async () => {
    const r = await importText(
      'ok.csv',
      'Indicator,Title,Unit,Period,country,Baseline,Last value (2026-11-28),Target for the year,Value,Date\nP1.O1-n,Courses,courses,2026-Q4,MN,0,,10,1,2026-11-20\n',
      '--dry-run',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^row 2: would record fw\/progress\/2026\.yaml:\d+: \{indicator: P1\.O1-n, period: 2026-Q4, value: 1, country: MN, date: 2026-11-20, imported: [0-9a-f]{12} row 2 2026-11-28\}\n/,
    );
    expect(r.code).toBe(0);
  });
});

describe('xlsx sheets', () => {
  async function workbook(name: string, rows: (string | number | null)[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Spending');
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(path.join(tmp.dir, name));
    return name;
  }

  it('a value in a column with no header', async () => {
    const name = await workbook('nohead.xlsx', [
      ['Budget line', 'Amount', 'Date'],
      ['B-1', 10, '2026-03-01', 'stray'],
    ]);
    const before = snapshot();
    const r = await runCli(['--framework', fw, 'import', name], { cwd: tmp.dir });
    expect(r.stderr).toBe(
      'neaspec-track: nohead.xlsx: sheet "Spending" row 2: a value in column D, which has no header; give the column a header or clear the cell; nothing was recorded\n',
    );
    expect(r.code).toBe(1);
    expect(snapshot()).toEqual(before);
  });

  it('a header named twice', async () => {
    const name = await workbook('duphead.xlsx', [
      ['Budget line', 'Amount', 'Date', 'amount '],
      ['B-1', 10, '2026-03-01', 20],
    ]);
    const r = await runCli(['--framework', fw, 'import', name], { cwd: tmp.dir });
    expect(r.stderr).toBe(
      'neaspec-track: duphead.xlsx: sheet "Spending" row 1: the header "amount" names two columns (B and D); name each column once; nothing was recorded\n',
    );
    expect(r.code).toBe(1);
  });
});
