import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeWorkbook } from '../../src/compute/workbook.js';
import { parseDate } from '../../src/core/dates.js';
import { exportWorkbook } from '../../src/export/xlsx.js';
import { readFrameworkFiles } from '../../src/load/files.js';
import { checkFiles } from '../../src/load/index.js';
import { readWorkbookFramework } from '../../src/load/workbook.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { readXlsx, type XSheet } from './read-xlsx.js';

/**
 * A Ledger (or Periods) table longer than a sheet continues on further sheets: here with sheets of
 * 4 head rows + 5 data rows instead of Excel's 1,048,576 rows, on the report fixture's 12 entries.
 */

const FIXTURE = path.join(ROOT, 'test/report/fixture');
const asOf = parseDate('2026-07-01') as number;
const fw = checkFiles(FIXTURE, readFrameworkFiles(FIXTURE, ROOT)).framework;
if (!fw) throw new Error('fixture invalid');
const data = computeWorkbook(fw, asOf, {
  generated: asOf,
  framework: 'test/report/fixture',
  diagnostics: [],
});
const fileOf = (name: string) => path.relative('test/report/fixture', name);

const tmp = tempDir('neaspec-xlsx-cont-');
afterAll(() => tmp.cleanup());
async function write(name: string, maxRows?: number): Promise<{ sheets: XSheet[]; bytes: Uint8Array }> {
  const bytes = await exportWorkbook(data, fileOf, maxRows === undefined ? {} : { maxRows });
  const file = path.join(tmp.dir, name);
  writeFileSync(file, bytes);
  return { sheets: readXlsx(file), bytes };
}
const body = (s: XSheet) => s.rows.filter((r) => r.row > 4).map((r) => r.cells.map((c) => c.v));

describe('a table longer than a sheet', () => {
  it('continues on Ledger 2, Ledger 3 (12 entries, 5 a sheet), each with the head, said in the Summary', async () => {
    const whole = await write('whole.xlsx');
    const split = await write('split.xlsx', 4 + 5);
    expect(fw.entries).toHaveLength(12);
    const names = split.sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith('Ledger'))).toEqual(['Ledger', 'Ledger 2', 'Ledger 3']);
    const ledger = split.sheets.filter((s) => s.name.startsWith('Ledger'));
    expect(ledger.map((s) => body(s).length)).toEqual([5, 5, 2]);
    // The same rows, in ledger order, as on the one sheet of the whole workbook.
    const one = whole.sheets.find((s) => s.name === 'Ledger') as XSheet;
    expect(ledger.flatMap(body)).toEqual(body(one));
    for (const s of ledger) {
      expect(s.rows.find((r) => r.row === 4)?.cells.map((c) => c.v)).toEqual(
        one.rows.find((r) => r.row === 4)?.cells.map((c) => c.v),
      );
      expect(s.rows.find((r) => r.row === 2)?.cells[1]?.v).toBe('2026-07-01');
    }
    const summary = split.sheets.find((s) => s.name === 'Summary') as XSheet;
    const said = summary.rows.find((r) => r.cells[0]?.v === 'Ledger sheets');
    expect(said?.cells[1]?.v).toBe('Ledger, Ledger 2, Ledger 3');
    // The whole workbook says nothing of the kind, and has no continuation sheet.
    const wholeSummary = whole.sheets.find((s) => s.name === 'Summary') as XSheet;
    expect(wholeSummary.rows.some((r) => r.cells[0]?.v === 'Ledger sheets')).toBe(false);
    expect(whole.sheets.map((s) => s.name)).not.toContain('Ledger 2');
  });

  it('init --from reads a continued ledger back whole', async () => {
    const whole = await readWorkbookFramework((await write('w2.xlsx')).bytes);
    const split = await readWorkbookFramework((await write('s2.xlsx', 4 + 5)).bytes);
    expect(split).toEqual(whole);
  });
});
