import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { Day } from '../core/dates.js';
import { zipProblem } from './zip-bounds.js';

/**
 * Reads a filled data-collection sheet — an Excel workbook or a CSV file — into tables of cells
 * keyed by column header. CSV text that is not UTF-8 or not comma-separated is detected and said
 * so (`notes`), never read as garbage: Windows-1252 is decoded as such, `;` and tab separators are
 * used as found, and text that could be neither (a double-byte encoding) is refused.
 */

/** A cell as read: text, a number, or a calendar date. */
export type SheetCell = string | number | { day: Day };

export interface SheetRow {
  /** The row number a spreadsheet shows (1-based). */
  row: number;
  /** Cells by header, lower-cased and trimmed; empty cells are absent. */
  cells: Map<string, SheetCell>;
}

export interface SheetTable {
  /** The worksheet's name; null for a CSV file. */
  sheet: string | null;
  headers: string[];
  rows: SheetRow[];
}

export interface ReadSheet {
  tables: SheetTable[];
  /** What was detected about the file and how it was read (encoding, separator, decimal commas). */
  notes: string[];
  /** True when `;` separated the fields: decimal commas are then read as decimal points. */
  decimalComma: boolean;
}

/** A sheet that cannot be read; the message says why and what to do. */
export class SheetError extends Error {}

/** Headers that mark a table's header row (one of them must be present). */
const KEY_HEADERS = ['indicator', 'budget line', 'pledge', 'contribution'];

/**
 * Reads a workbook (by its zip signature) or a CSV file. `name` (the file's name) tells a file
 * meant as a workbook (.xlsx, .xlsm) that is not a zip file from a CSV file.
 */
export async function readSheet(bytes: Uint8Array, name = ''): Promise<ReadSheet> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return readWorkbook(bytes);
  if (/\.xls[xm]$/i.test(name)) {
    throw new SheetError(
      'not an Excel workbook (.xlsx): the file is not a zip file, as every .xlsx is (is it a CSV or an old .xls file renamed? save it from Excel as .xlsx or .csv)',
    );
  }
  if (/\.xls$/i.test(name)) {
    throw new SheetError('an Excel 97–2003 workbook (.xls) is not read: save it from Excel as .xlsx or .csv');
  }
  return readCsv(bytes);
}

async function readWorkbook(bytes: Uint8Array): Promise<ReadSheet> {
  const bounds = zipProblem(bytes);
  if (bounds !== null) throw new SheetError(`not read as an Excel workbook: ${bounds}`);
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetError(`not a readable Excel workbook (.xlsx): ${loadFailure(e)}`);
  }
  const tables: SheetTable[] = [];
  for (const ws of wb.worksheets) {
    const grid: GridRow[] = [];
    const problems: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: (SheetCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const problem = cellProblem(cell.value);
        if (problem !== null) problems.push(`sheet "${ws.name}" cell ${columnName(c - 1)}${n}: ${problem}`);
        else cells[c - 1] = cellValue(cell.value);
      });
      grid.push({ row: n, cells });
    });
    if (problems.length > 0) throw new SheetError(summarise(problems));
    const table = tableOf(ws.name, grid);
    if (table) tables.push(table);
  }
  return { tables, notes: [], decimalComma: false };
}

/** Why exceljs could not load a workbook, in words: its own TypeErrors mean a damaged workbook. */
function loadFailure(e: unknown): string {
  const message = String((e as Error)?.message ?? e).split('\n')[0] as string;
  if (e instanceof TypeError || e instanceof RangeError) {
    if (/richText|sharedStrings|reading '\w+'/.test(message)) {
      return 'the workbook is damaged: a cell refers to text the workbook does not hold (a shared string out of range); open and save it again in Excel';
    }
    return 'the workbook is damaged or not as Excel writes it; open and save it again in Excel';
  }
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/**
 * What keeps a cell from being read, or null: a formula whose value was never saved (a workbook
 * written by a program that does not calculate), a number too large for a number, a date out of
 * any calendar. Each would otherwise come in as `[object Object]`, Infinity or an invalid date.
 */
function cellProblem(v: ExcelJS.CellValue): string | null {
  if (typeof v === 'number' && !Number.isFinite(v)) return 'the number is too large (out of range)';
  if (v instanceof Date && !Number.isFinite(v.getTime())) {
    return 'a date out of range (is the cell formatted as a date by mistake?)';
  }
  if (v instanceof Date) {
    const year = v.getUTCFullYear();
    if (year < 1000 || year > 9999)
      return `a date in the year ${year}: out of range (is the cell formatted as a date by mistake?)`;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if (('formula' in v || 'sharedFormula' in v) && (!('result' in v) || v.result === undefined)) {
      return 'a formula with no saved value (the program that wrote the workbook did not calculate it): open and save it in Excel, or type the value';
    }
    if ('result' in v) return cellProblem(v.result as ExcelJS.CellValue);
  }
  return null;
}

/** An exceljs cell value as text, a number or a date; undefined when empty. */
export function cellValue(v: ExcelJS.CellValue, trim = true): SheetCell | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? undefined : trim ? v.trim() : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v instanceof Date) return { day: Math.round(v.getTime() / 86_400_000) };
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v && Array.isArray(v.richText))
      return cellValue(v.richText.map((t) => t?.text ?? '').join(''));
    if ('text' in v) return cellValue((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

/** A row of a grid as read: its number, its cells, and for CSV how many fields it had. */
interface GridRow {
  row: number;
  cells: (SheetCell | undefined)[];
  fields?: number;
}

/**
 * The table of a grid: the first row (of the first ten) holding a key header and nothing but text,
 * and the rows below. A data row may hold a key header's word as a value (a ledger row of kind
 * `pledge`), but it also holds numbers or dates, which a header row never does. The table is read
 * strictly: a header named twice, a value in a column with no header, or a CSV row with more or
 * fewer fields than the header is a SheetError naming the sheet and row, never a value kept or
 * dropped in silence.
 */
function tableOf(sheet: string | null, grid: GridRow[]): SheetTable | null {
  const headerAt = grid
    .slice(0, 10)
    .findIndex(
      (r) =>
        r.cells.some((c) => typeof c === 'string' && KEY_HEADERS.includes(c.trim().toLowerCase())) &&
        r.cells.every((c) => c === undefined || typeof c === 'string'),
    );
  if (headerAt < 0) return null;
  const head = grid[headerAt] as GridRow;
  const headers = Array.from(head.cells, (c) => (c === undefined ? '' : String(c).trim().toLowerCase()));
  const where = (row: number) => (sheet === null ? `row ${row}` : `sheet "${sheet}" row ${row}`);
  const problems: string[] = [];
  const first = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h === '') return;
    const j = first.get(h);
    if (j === undefined) first.set(h, i);
    else
      problems.push(
        `${where(head.row)}: the header "${cut(h)}" names two columns (${columnName(j)} and ${columnName(i)}); name each column once`,
      );
  });
  // Trailing empty header cells do not count: a CSV row may end with empty fields.
  let width = headers.length;
  while (width > 0 && headers[width - 1] === '') width--;
  const rows: SheetRow[] = [];
  for (const r of grid.slice(headerAt + 1)) {
    const cells = new Map<string, SheetCell>();
    const blank = r.cells.every((c) => c === undefined);
    if (blank) continue;
    if (r.fields !== undefined && r.fields !== head.fields) {
      problems.push(
        `${where(r.row)}: ${r.fields} ${r.fields === 1 ? 'field' : 'fields'}, but the header row has ${head.fields}; a field is missing or one too many (a comma inside a value needs quotes)`,
      );
      continue;
    }
    r.cells.forEach((c, i) => {
      const h = headers[i];
      if (c === undefined) return;
      if (!h) {
        problems.push(
          `${where(r.row)}: a value in column ${columnName(i)}, which has no header; give the column a header or clear the cell`,
        );
        return;
      }
      cells.set(h, c);
    });
    if (cells.size > 0) rows.push({ row: r.row, cells });
  }
  if (problems.length > 0) throw new SheetError(summarise(problems));
  return { sheet, headers: headers.slice(0, width).filter(Boolean), rows };
}

/** Problems as one message: the first five, and how many more. */
export function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, 5).join('; ');
  return problems.length > 5 ? `${shown}; and ${problems.length - 5} more` : shown;
}

/** A spreadsheet's name for the 0-based column i: A, B, …, Z, AA, … */
export function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A value as a message shows it: at most 60 characters, then how long it was. */
function cut(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 60)}… (${text.length} characters)`;
}

/** Decodes CSV bytes, saying how when they are not plain UTF-8. */
export function decodeCsv(bytes: Uint8Array): { text: string; notes: string[] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      notes: ['UTF-16 text (read as such)'],
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      notes: ['UTF-16 text (read as such)'],
    };
  }
  const order = utf16WithoutBom(bytes);
  if (order !== null) {
    return {
      text: new TextDecoder(order).decode(bytes),
      notes: ['UTF-16 text without a byte-order mark (read as such)'],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), notes: [] };
  } catch {
    // not UTF-8: below
  }
  // Windows-1252 (Excel's "CSV (Comma delimited)" on a western Windows) writes an accented letter
  // as one byte between ASCII ones. Double-byte encodings (Shift-JIS, GBK, EUC-KR) write pairs of
  // high bytes, and Windows-1252 leaves five bytes undefined: either means the file is something
  // else, which would decode as garbage.
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) {
      throw new SheetError(notText(bytes, i));
    }
    high++;
    if ((bytes[i - 1] ?? 0) >= 0x80 || (bytes[i + 1] ?? 0) >= 0x80) paired++;
  }
  if (paired * 2 > high)
    throw new SheetError(
      notText(
        bytes,
        bytes.findIndex((b) => b >= 0x80),
      ),
    );
  return {
    text: decodeWindows1252(bytes),
    notes: ['not UTF-8: Windows-1252 text (as Excel saves "CSV (Comma delimited)"), read as Windows-1252'],
  };
}

/**
 * Windows-1252's characters for the bytes 0x80–0x9F (WHATWG's index-windows-1252; the five bytes
 * it leaves undefined are refused above). Node's TextDecoder('windows-1252') decodes them as
 * Latin-1 control characters (U+0080–U+009F), so ’ ” – € came in as invisible controls.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 bytes: ASCII and 0xA0–0xFF as Latin-1, 0x80–0x9F from the table. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<string>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j] as number;
      codes[j] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as string) : String.fromCharCode(b);
    }
    out += codes.join('');
  }
  return out;
}

/**
 * UTF-16 saved without a byte-order mark: a NUL beside every ASCII character of the first line
 * (the header row is ASCII). Which side the NULs fall on gives the byte order.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length & ~1, 64);
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (odd === n / 2 && even === 0) return 'utf-16le';
  if (even === n / 2 && odd === 0) return 'utf-16be';
  return null;
}

function notText(bytes: Uint8Array, at: number): string {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
  return `line ${line}: the file is neither UTF-8 nor Windows-1252 text (a double-byte encoding?): save it as "CSV UTF-8 (Comma delimited)" and import that`;
}

/** The field separator of the header line: the most frequent of `,` `;` and tab outside quotes. */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

function readCsv(bytes: Uint8Array): ReadSheet {
  const { text, notes } = decodeCsv(bytes);
  const delimiter = detectSeparator(text);
  if (delimiter === ';')
    notes.push('fields separated by ";" (read as such; decimal commas read as decimal points)');
  if (delimiter === '\t') notes.push('fields separated by tabs (read as such)');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    throw new SheetError(`not readable as CSV: ${(e as Error).message}`);
  }
  const grid: GridRow[] = records.map((cells, i) => ({
    row: i + 1,
    cells: cells.map((c) => (c.trim() === '' ? undefined : c.trim())),
    fields: cells.length,
  }));
  const table = tableOf(null, grid);
  return { tables: table ? [table] : [], notes, decimalComma: delimiter === ';' };
}
