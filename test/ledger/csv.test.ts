import { afterEach, describe, expect, it } from 'vitest';
import { parseCsvFile } from '../../src/load/csv-file.js';
import { runCli } from '../helpers/cli.js';
import { makeFramework } from './fixture.js';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function fw(csv: string): string {
  const f = makeFramework({ 'progress/export.csv': csv });
  cleanup = f.cleanup;
  return f.dir;
}

interface Json {
  ok: boolean;
  errors: { code: string; file: string; line: number; col: number; message: string }[];
  warnings: unknown[];
}

async function validate(dir: string): Promise<Json> {
  const r = await runCli(['validate', dir, '--format', 'json'], { cwd: dir });
  return JSON.parse(r.stdout) as Json;
}

describe('parseCsvFile', () => {
  it('reads the header as field names and each row as an entry, numbers in numeric columns', () => {
    const p = parseCsvFile('x.csv', 'spend,date,amount,note\nB-1,2026-05-01,12500.00,"SPC-7, venue"\n');
    expect(p.diagnostics).toEqual([]);
    expect(p.value).toEqual({
      progress: [{ spend: 'B-1', date: '2026-05-01', amount: 12500, note: 'SPC-7, venue' }],
    });
  });

  it('leaves empty cells out, skips blank rows and reads corrects as a boolean', () => {
    const p = parseCsvFile(
      'x.csv',
      'indicator,period,value,date,corrects\n\nN-a,2026,1,2026-03-01,\n , , , , \nN-a,2026,2,2026-04-01,TRUE\n',
    );
    expect(p.value).toEqual({
      progress: [
        { indicator: 'N-a', period: '2026', value: 1, date: '2026-03-01' },
        { indicator: 'N-a', period: '2026', value: 2, date: '2026-04-01', corrects: true },
      ],
    });
  });

  it('keeps a corrects cell that is not true or false as text, so the schema reports it', () => {
    const p = parseCsvFile('x.csv', 'indicator,corrects\nN-a,yes\n');
    expect(p.value).toEqual({ progress: [{ indicator: 'N-a', corrects: 'yes' }] });
  });

  it('locates each row by the line it starts on, past quoted line breaks, CRLF ends and a BOM', () => {
    const text =
      '\ufeffspend,date,amount,note\r\nB-1,2026-05-01,1,"two\r\nlines"\r\n\r\nB-1,2026-05-02,2,x\r\n';
    const p = parseCsvFile('x.csv', text);
    // Row 1 starts on line 2 and spans lines 2–3; line 4 is blank; row 2 is on line 5.
    expect(p.file.locate(['progress', 0])).toEqual({ line: 2, col: 1 });
    expect(p.file.locate(['progress', 1])).toEqual({ line: 5, col: 1 });
    // `B-1,2026-05-02,` is 15 characters: the amount starts at column 16.
    expect(p.file.locate(['progress', 1, 'amount'])).toEqual({ line: 5, col: 16 });
  });

  it('reports a row with the wrong number of fields on its line and keeps the other rows', () => {
    const p = parseCsvFile(
      'x.csv',
      'spend,date,amount\nB-1,2026-05-01,1\nB-1,2026-05-02\nB-1,2026-05-03,3\n',
    );
    expect(p.diagnostics.map((d) => [d.code, d.message, d.src?.file.locate([]).line])).toEqual([
      ['csv-row', 'this row has 2 fields, the header has 3', 3],
    ]);
    expect((p.value as { progress: unknown[] }).progress).toHaveLength(2);
    expect(p.file.locate(['progress', 1])).toEqual({ line: 4, col: 1 });
  });

  it('rejects a header with an empty or repeated name', () => {
    expect(parseCsvFile('x.csv', 'spend,,amount\nB-1,x,1\n').diagnostics.map((d) => d.message)).toEqual([
      'column 2 of the header row has no name',
    ]);
    expect(parseCsvFile('x.csv', 'spend,amount,amount\nB-1,1,2\n').diagnostics.map((d) => d.message)).toEqual(
      ['the header row names "amount" twice (columns 2 and 3)'],
    );
  });

  it('reports a syntax error with its line', () => {
    const p = parseCsvFile('x.csv', 'spend,date,amount\nB-1,2026-05-01,"1\n');
    expect(p.value).toBeUndefined();
    expect(p.diagnostics[0]?.code).toBe('csv-syntax');
    // The unclosed quote opens on line 2.
    expect(p.diagnostics[0]?.src?.file.locate([]).line).toBe(2);
  });

  it('reads an empty file and a header-only file as no entries', () => {
    expect(parseCsvFile('x.csv', '').value).toEqual({ progress: [] });
    expect(parseCsvFile('x.csv', 'spend,date,amount\n').value).toEqual({ progress: [] });
  });
});

describe('CSV ledgers in a framework obey the ledger rules, with file:line:col', () => {
  it('accepts valid rows', async () => {
    const dir = fw('spend,date,amount,currency,note\nB-1,2026-05-01,9000000,KRW,export\n');
    expect((await validate(dir)).ok).toBe(true);
  });

  it('names the file, the row line and the column of each bad value', async () => {
    const dir = fw(
      [
        'indicator,period,value,date,country',
        'N-b,2026,1,2026-03-01,', // line 2: unknown indicator (column 1)
        'N-a,2026-Q1,1,2026-03-01,', // line 3: quarterly period for an annual indicator (column 5)
        'N-a,2027,1,2027-03-01,JP', // line 4: JP is not a country of the plan (`N-a,2027,1,2027-03-01,` is 22 long: column 23)
        'N-a,2028,x,2028-03-01,', // line 5: value not a number (column 10)
      ].join('\n'),
    );
    const j = await validate(dir);
    expect(j.errors.map((e) => [e.code, e.file, e.line, e.col])).toEqual([
      ['unknown-indicator', 'progress/export.csv', 2, 1],
      ['period-frequency', 'progress/export.csv', 3, 5],
      ['dimension-value', 'progress/export.csv', 4, 23],
      ['wrong-type', 'progress/export.csv', 5, 10],
    ]);
  });

  it('applies the duplicate rule across YAML and CSV entries', async () => {
    // progress/2026.yaml line 4 already has N-a 2026 (no country).
    const dir = fw('indicator,period,value,date\nN-a,2026,5,2026-08-01\n');
    const j = await validate(dir);
    expect(j.errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ['duplicate-entry', 'progress/export.csv', 2],
    ]);
    expect(j.errors[0]?.message).toMatch(/first is at progress\/2026\.yaml:4/);
  });

  it('refuses money with too many decimals and a foreign currency without a rate', async () => {
    const dir = fw('spend,date,amount,currency\nB-1,2026-05-01,1.005,\nB-1,2027-05-01,100,KRW\n');
    const j = await validate(dir);
    expect(j.errors.map((e) => [e.code, e.line])).toEqual([
      ['decimal-places', 2],
      ['rate-missing', 3],
    ]);
  });

  it('record still appends to progress/<year>.yaml when the framework also has a CSV ledger', async () => {
    const dir = fw('spend,date,amount\nB-1,2026-05-01,1\n');
    const r = await runCli(['--framework', dir, 'record', 'spend', 'B-1', '2', '--date', '2026-06-01'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^recorded progress\/2026\.yaml:10: /);
  });
});
