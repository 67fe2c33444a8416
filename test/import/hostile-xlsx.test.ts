import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { zipProblem } from '../../src/load/zip-bounds.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: hostile and damaged workbooks and CSV files given to `import`. Each is refused with a
// line a user can act on (exit 1, every file as it was), never "unexpected failure", "[object
// Object]" or a JavaScript TypeError's words.

const tmp = tempDir('neaspec-hostile-xlsx-');
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

/** A Spending workbook (Budget line, Amount, Date; one row) with its sheet XML rewritten by `edit`. */
async function workbook(name: string, edit: (sheetXml: string) => string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Spending');
  ws.addRow(['Budget line', 'Amount', 'Date']);
  ws.addRow(['B-1', 10, '2026-03-01']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const sheet = 'xl/worksheets/sheet1.xml';
  zip.file(sheet, edit(await (zip.file(sheet) as JSZip.JSZipObject).async('string')));
  writeFileSync(
    path.join(tmp.dir, name),
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
  );
  return name;
}

async function refused(file: string): Promise<string> {
  const before = snapshot();
  const r = await runCli(['--framework', fw, 'import', file, '--dry-run'], { cwd: tmp.dir });
  expect(r.code).toBe(1);
  expect(snapshot()).toEqual(before);
  expect(r.stderr).not.toMatch(/unexpected failure|\[object Object\]|Cannot read properties|Infinity|NaN/);
  return r.stderr;
}

describe('damaged and hostile workbooks', () => {
  it('an amount of 1e309 (beyond any number): the cell named', async () => {
    const f = await workbook('huge.xlsx', (x) =>
      x.replace('<c r="B2"><v>10</v></c>', '<c r="B2"><v>1e309</v></c>'),
    );
    expect(await refused(f)).toBe(
      'neaspec-track: huge.xlsx: sheet "Spending" cell B2: the number is too large (out of range); nothing was recorded\n',
    );
  });

  it('a date serial of 1e308: the cell named', async () => {
    // Style 1 of the workbook is not a date format; a date cell is marked by its number format, so
    // the value goes in as a date cell through a cell with a date style added to the sheet by exceljs.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Spending');
    ws.addRow(['Budget line', 'Amount', 'Date']);
    ws.addRow(['B-1', 10, new Date(Date.UTC(2026, 2, 1))]);
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheet = 'xl/worksheets/sheet1.xml';
    const xml = await (zip.file(sheet) as JSZip.JSZipObject).async('string');
    const edited = xml.replace(/(<c r="C2"[^>]*>)<v>[^<]*<\/v>/, '$1<v>1e308</v>');
    expect(edited).not.toBe(xml);
    zip.file(sheet, edited);
    writeFileSync(path.join(tmp.dir, 'serial.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    expect(await refused('serial.xlsx')).toMatch(
      /^neaspec-track: serial\.xlsx: sheet "Spending" cell C2: a date (out of range|in the year \d+: out of range) \(is the cell formatted as a date by mistake\?\); nothing was recorded\n$/,
    );
  });

  it('a formula without a saved value', async () => {
    const f = await workbook('formula.xlsx', (x) =>
      x.replace('<c r="B2"><v>10</v></c>', '<c r="B2"><f>5+5</f></c>'),
    );
    expect(await refused(f)).toBe(
      'neaspec-track: formula.xlsx: sheet "Spending" cell B2: a formula with no saved value (the program that wrote the workbook did not calculate it): open and save it in Excel, or type the value; nothing was recorded\n',
    );
  });

  it('a shared string out of range', async () => {
    const f = await workbook('sst.xlsx', (x) =>
      x.replace('<c r="A2" t="s"><v>3</v></c>', '<c r="A2" t="s"><v>999</v></c>'),
    );
    expect(await refused(f)).toBe(
      'neaspec-track: sst.xlsx: not a readable Excel workbook (.xlsx): the workbook is damaged: a cell refers to text the workbook does not hold (a shared string out of range); open and save it again in Excel; nothing was recorded\n',
    );
  });

  it('a .xlsx file that is not a zip file', async () => {
    writeFileSync(path.join(tmp.dir, 'fake.xlsx'), 'Budget line,Amount\nB-1,10\n');
    expect(await refused('fake.xlsx')).toBe(
      'neaspec-track: fake.xlsx: not an Excel workbook (.xlsx): the file is not a zip file, as every .xlsx is (is it a CSV or an old .xls file renamed? save it from Excel as .xlsx or .csv); nothing was recorded\n',
    );
  });

  it('a zip bomb: refused from its directory before anything is inflated', async () => {
    // A sheet of 1 MiB of zeros deflates to about 1 KB; its directory is made to say 600 MiB, as a
    // bomb's does (deflating 600 MiB for real takes a minute). Refused from that figure, at once.
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(1 << 20));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50 && view.getUint32(i + 24, true) === 1 << 20) {
        view.setUint32(i + 24, 600 * 1024 * 1024, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    writeFileSync(path.join(tmp.dir, 'bomb.xlsx'), bytes);
    const started = Date.now();
    expect(await refused('bomb.xlsx')).toBe(
      'neaspec-track: bomb.xlsx: not read as an Excel workbook: the workbook would inflate to more than 512 MiB (at xl/worksheets/sheet1.xml); a workbook to import is far smaller: is it the right file?; nothing was recorded\n',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('zipProblem: entry count, ratio and total, from the central directory alone', async () => {
    const many = new JSZip();
    for (let i = 0; i < 12; i++) many.file(`f${i}`, 'x');
    const manyBytes = await many.generateAsync({ type: 'uint8array' });
    const limits = { entries: 10, total: 1 << 20, ratio: 50, ratioFrom: 1000 };
    expect(zipProblem(manyBytes, limits)).toBe('the zip file has 12 entries (at most 10 are read)');
    const dense = new JSZip();
    dense.file('z', Buffer.alloc(100_000));
    const denseBytes = await dense.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(zipProblem(denseBytes, limits)).toMatch(
      /^the zip entry z would inflate \d+ times, to 0 MiB \(a zip bomb\?\); at most 50 times is read$/,
    );
    expect(zipProblem(denseBytes, { ...limits, total: 50_000 })).toMatch(
      /inflate to more than 0 MiB \(at z\)/,
    );
    expect(zipProblem(denseBytes)).toBeNull();
    expect(zipProblem(new Uint8Array(100))).toBe(
      'the zip file is damaged or cut short (it has no central directory)',
    );
  });
});

describe('CSV files that were read wrongly', () => {
  it('UTF-16 without a byte-order mark is read as UTF-16, and said so', async () => {
    const text = 'Budget line,Amount,Date\nB-1,10,2026-03-01\n';
    writeFileSync(path.join(tmp.dir, 'u16.csv'), Buffer.from(text, 'utf16le'));
    const r = await runCli(['--framework', fw, 'import', 'u16.csv', '--dry-run'], { cwd: tmp.dir });
    expect(r.stderr).toBe('note: u16.csv: UTF-16 text without a byte-order mark (read as such)\n');
    expect(r.stdout).toMatch(
      /^row 2: would record fw\/progress\/2026\.yaml:\d+: \{spend: B-1, date: 2026-03-01, amount: 10, imported: [0-9a-f]{12} row 2 2026-11-28\}\n/,
    );
    expect(r.code).toBe(0);
  });

  it('";" separators with a thousands point and a decimal comma: 1.234,56 is 1234.56', async () => {
    writeFileSync(
      path.join(tmp.dir, 'semi.csv'),
      'Budget line;Amount;Date\nB-1;1.234,56;2026-03-01\nB-1;2.000.000;2026-03-02\n',
    );
    const r = await runCli(['--framework', fw, 'import', 'semi.csv', '--dry-run'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{spend: B-1, date: 2026-03-01, amount: 1234.56, imported: ');
    expect(r.stdout).toContain('{spend: B-1, date: 2026-03-02, amount: 2000000, imported: ');
  });
});
