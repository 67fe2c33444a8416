import type ExcelJS from 'exceljs';
import type { Day } from '../core/dates.js';

/**
 * The layout every sheet of the workbook shares: a title in row 1, the as-of date, currency and
 * plan in row 2, column headers in row 4 (frozen with the first column), data from row 5.
 * `init --from` reads workbooks back by this layout (src/load/workbook.ts).
 */

/** The row of the column headers; data starts below it. */
export const HEADER_ROW = 4;

/** A cell as written: numbers stay numbers, days become Excel dates. */
export type CellValue = string | number | boolean | null | undefined | { day: Day };

export interface Column {
  header: string;
  /** Excel number format for the column's numbers (and dates). */
  format?: string;
  /** Width in characters; default: from the header and the values, at most 60. */
  width?: number;
}

export const DATE_FORMAT = 'yyyy-mm-dd';
export const RATIO_FORMAT = '0.0%';
export const VALUE_FORMAT = 'General';

/** An amount format with the currency's decimals, negatives in brackets-free minus. */
export function moneyFormat(digits: number): string {
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

/** A day as the Date exceljs writes as that calendar date (UTC midnight: no time zone shift). */
export function excelDate(day: Day): Date {
  return new Date(day * 86_400_000);
}

export interface SheetHead {
  title: string;
  asOf: Day;
  currency: string;
  plan: string;
}

/** Adds a sheet with the shared head and header row; `freezeColumns` keeps the id columns in view. */
export function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  head: SheetHead,
  columns: Column[],
  freezeColumns = 1,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: freezeColumns, ySplit: HEADER_ROW }],
  });
  const title = ws.getCell(1, 1);
  title.value = head.title;
  title.font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = 'As of';
  const asOf = ws.getCell(2, 2);
  asOf.value = excelDate(head.asOf);
  asOf.numFmt = DATE_FORMAT;
  ws.getCell(2, 3).value = 'Currency';
  ws.getCell(2, 4).value = head.currency;
  ws.getCell(2, 5).value = 'Plan';
  ws.getCell(2, 6).value = head.plan;
  for (const c of [1, 3, 5]) ws.getCell(2, c).font = { bold: true };
  headerAt(ws, HEADER_ROW, columns, true);
  return ws;
}

/** Writes rows below the header (from `start`), each value in its column's format; sets column widths. */
export function writeRows(
  ws: ExcelJS.Worksheet,
  columns: Column[],
  rows: CellValue[][],
  start = HEADER_ROW + 1,
  opts: { bold?: (row: number) => boolean } = {},
): number {
  rows.forEach((values, r) => {
    const row = ws.getRow(start + r);
    values.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const cell = row.getCell(c + 1);
      const format = columns[c]?.format;
      if (typeof v === 'object') {
        cell.value = excelDate(v.day);
        cell.numFmt = DATE_FORMAT;
      } else {
        cell.value = v;
        if (typeof v === 'number' && format) cell.numFmt = format;
      }
      if (opts.bold?.(r)) cell.font = { bold: true };
    });
  });
  fitColumns(ws, columns, rows);
  return start + rows.length;
}

/** Column widths: the given one, else the longest of header and values (dates 10), within 8–60. */
export function fitColumns(ws: ExcelJS.Worksheet, columns: Column[], rows: Iterable<CellValue[]>): void {
  columnWidths(columns, rows).forEach((w, c) => {
    const current = ws.getColumn(c + 1).width ?? 0;
    ws.getColumn(c + 1).width = Math.max(current, w);
  });
}

/** The widths fitColumns gives `columns` for `rows`: one pass over the rows. */
export function columnWidths(columns: Column[], rows: Iterable<CellValue[]>): number[] {
  const widths = columns.map((col) => col.width ?? Math.max(8, Math.min(24, col.header.length + 2)));
  const fitted = columns.map((col, c) => (col.width === undefined ? c : -1)).filter((c) => c >= 0);
  for (const r of rows) {
    for (let k = 0; k < fitted.length; k++) {
      const c = fitted[k] as number;
      const v = r[c];
      const len =
        v === null || v === undefined
          ? 0
          : typeof v === 'object'
            ? 10
            : typeof v === 'number'
              ? String(Math.round(v * 100) / 100).length + 4
              : String(v).length;
      const w = Math.min(60, len + 2);
      if (w > (widths[c] as number)) widths[c] = w;
    }
  }
  return widths;
}

/**
 * Writes a large table as a stream: `rows()` is read twice, once for the column widths (which
 * a streamed sheet writes before its first row) and once to write and commit each row, so no more
 * than one row is held at a time. `format(values, c)` overrides a cell's number format. Yields to
 * the event loop every few thousand rows, so the zip writer compresses what was written so far.
 * Returns the next row.
 */
export async function streamRows(
  ws: ExcelJS.Worksheet,
  columns: Column[],
  rows: () => Iterable<CellValue[]>,
  widths: number[],
  format?: (values: CellValue[], c: number) => string | undefined,
  start = HEADER_ROW + 1,
): Promise<number> {
  widths.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  // One style object per number format, shared by every cell that has it: the writer recognises a
  // style object it has seen (by identity) instead of working out its key again for each cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (numFmt: string) => {
    let st = styles.get(numFmt);
    if (st === undefined) {
      st = { numFmt };
      styles.set(numFmt, st);
    }
    return st;
  };
  // Cells without a format share one style object too (one for texts, one for numbers: the writer
  // gives an unformatted number the General format, and caches a style by its object alone).
  const plainText: Partial<ExcelJS.Style> = {};
  const plainNumber: Partial<ExcelJS.Style> = {};
  let n = start;
  for (const values of rows()) {
    const row = ws.getRow(n++);
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === undefined || v === '') continue;
      const cell = row.getCell(c + 1);
      if (typeof v === 'object') {
        cell.value = excelDate(v.day);
        cell.style = styleOf(DATE_FORMAT);
      } else {
        cell.value = v;
        const f = typeof v === 'number' ? (format?.(values, c) ?? columns[c]?.format) : undefined;
        cell.style = f ? styleOf(f) : typeof v === 'number' ? plainNumber : plainText;
      }
    }
    row.commit();
    if ((n & 4095) === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return n;
}

/** Writes a section title (bold) in column A of `row`; returns the next row. */
export function sectionTitle(ws: ExcelJS.Worksheet, row: number, text: string): number {
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
  return row + 1;
}

/** Writes a header row at `row` (bold, shaded; `wrap`: top-aligned, wrapping); returns the next row. */
export function headerAt(ws: ExcelJS.Worksheet, row: number, columns: Column[], wrap = false): number {
  const r = ws.getRow(row);
  columns.forEach((col, i) => {
    const cell = r.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE7F2' } };
    if (wrap) cell.alignment = { vertical: 'top', wrapText: true };
  });
  return row + 1;
}
