import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { readSheet } from '../../src/load/sheet.js';

/** An .xlsx with one sheet of these rows, written by exceljs. */
async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Pledges');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the header row of a sheet', () => {
  test('a data row holding a key header word among numbers and dates is not taken for the header', async () => {
    const bytes = await workbook([
      ['Pledges received, as noted by the secretariat'],
      ['pledge', 'CORE', 2027, 50000, new Date(Date.UTC(2026, 10, 15))],
      ['Pledge', 'From', 'Year', 'Amount', 'Date'],
      ['CORE', 'KR', 2027, 300000, new Date(Date.UTC(2025, 8, 23))],
    ]);
    const { tables } = await readSheet(bytes);
    expect(tables).toHaveLength(1);
    const t = tables[0];
    expect(t?.headers).toEqual(['pledge', 'from', 'year', 'amount', 'date']);
    // The rows below the header, by header: the row above it is not data of this table.
    expect(t?.rows.map((r) => r.row)).toEqual([4]);
    expect(t?.rows[0]?.cells.get('amount')).toBe(300000);
    expect(t?.rows[0]?.cells.get('from')).toBe('KR');
  });
});
