import { parse } from 'csv-parse/sync';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { ParsedFile } from '../model/parsed.js';
import type { SourceFile } from '../model/source.js';
import { encodingProblem } from './encoding.js';
import { lineAt, lineFile, lineStarts, positionOf } from './yaml-file.js';

// Columns that hold numbers; everything else stays text, as a spreadsheet export writes it.
const NUMERIC = new Set(['value', 'numerator', 'denominator', 'amount']);
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const LINE_BREAK = /\r\n|\r|\n/g;

interface CsvRecord {
  record: string[];
  raw: string;
}

/**
 * Reads a CSV ledger (header row = field names) as `{progress: [...]}`, one entry per row. Rows
 * that cannot be entries (the wrong number of fields) are reported with their line and left out;
 * the rest of the file still counts, so one bad row in an export does not hide the others' errors.
 */
export function parseCsvFile(name: string, text: string): ParsedFile {
  const starts = lineStarts(text);
  let header: string[] = [];
  // The 1-based line where each entry's row starts (a quoted cell may span lines).
  const rowLines: number[] = [];
  const file: SourceFile = lineFile(name, text, (path, key) => {
    const i = path[1];
    const line = typeof i === 'number' ? (rowLines[i] ?? 1) : 1;
    const field = path[2];
    const col =
      typeof field === 'string' && !key ? columnOf(lineAt(text, starts, line - 1), header.indexOf(field)) : 1;
    return { line, col };
  });
  const at = (line: number, col = 1): SourceFile => lineFile(name, text, () => ({ line, col }));
  const encoding = encodingProblem(text, 'CSV');
  if (encoding) {
    const p = positionOf(text, encoding.offset);
    return {
      file,
      value: undefined,
      diagnostics: [error('not-text', encoding.message, { file: at(p.line, p.col), path: [] })],
    };
  }
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    return {
      file,
      value: undefined,
      diagnostics: [error('csv-syntax', syntaxMessage(err.message), { file: at(err.lines ?? 1), path: [] })],
    };
  }
  const diagnostics: Diagnostic[] = [];
  // Line numbers come from the raw text of each record: counting its line breaks (csv-parse's own
  // line count is the row's last line, and it drifts with CRLF line ends).
  let line = 1;
  const located = records.map((r) => {
    const leading = /^(?:\r\n|\r|\n)*/.exec(r.raw)?.[0] ?? '';
    const start = line + countBreaks(leading);
    line += countBreaks(r.raw);
    return { ...r, line: start };
  });
  const [head, ...rows] = located;
  if (!head) return { file, value: { progress: [] }, diagnostics };
  header = head.record.map((h) => h.trim());
  const separator = otherSeparator(header);
  if (separator) {
    const d = error(
      'csv-separator',
      `the header row is separated by ${separator}, not commas: save the ledger as comma-separated CSV ("CSV UTF-8 (comma delimited)" in Excel)`,
      { file: at(head.line), path: [] },
    );
    return { file, value: undefined, diagnostics: [d] };
  }
  header.forEach((h, c) => {
    if (h === '') {
      diagnostics.push(
        error('csv-header', `column ${c + 1} of the header row has no name`, {
          file: at(head.line),
          path: [],
        }),
      );
    } else if (header.indexOf(h) !== c) {
      diagnostics.push(
        error(
          'csv-header',
          `the header row names "${h}" twice (columns ${header.indexOf(h) + 1} and ${c + 1})`,
          {
            file: at(head.line),
            path: [],
          },
        ),
      );
    }
  });
  if (diagnostics.length > 0) return { file, value: undefined, diagnostics };
  const entries: Record<string, unknown>[] = [];
  for (const { record, line: rowLine } of rows) {
    if (record.every((cell) => cell.trim() === '')) continue; // a blank row
    if (record.length !== header.length) {
      diagnostics.push(
        error(
          'csv-row',
          `this row has ${record.length} ${record.length === 1 ? 'field' : 'fields'}, the header has ${header.length}`,
          { file: at(rowLine), path: [] },
        ),
      );
      continue;
    }
    const entry: Record<string, unknown> = Object.create(null);
    for (let c = 0; c < header.length; c++) {
      const field = header[c] as string;
      const cell = (record[c] ?? '').trim();
      if (cell === '') continue;
      entry[field] = cellValue(field, cell);
    }
    rowLines.push(rowLine);
    entries.push(entry);
  }
  return { file, value: { progress: entries }, diagnostics };
}

/**
 * The separator a one-column header row was written with when it is not a comma (spreadsheets in
 * many locales write ";"), or null. Only a header that splits into field names counts.
 */
function otherSeparator(header: readonly string[]): string | null {
  if (header.length !== 1) return null;
  for (const [sep, name] of [
    [';', '";"'],
    ['\t', 'tabs'],
    ['|', '"|"'],
  ] as const) {
    const parts = (header[0] as string).split(sep);
    if (parts.length > 1 && parts.every((p) => /^\s*"?[A-Za-z_][\w-]*"?\s*$/.test(p))) return name;
  }
  return null;
}

/** A cell as the schema expects it: numbers in numeric columns, booleans in `corrects`, text elsewhere. */
function cellValue(field: string, cell: string): unknown {
  if (NUMERIC.has(field) && NUMBER.test(cell)) return Number(cell);
  // Anything but true/false stays text, so the schema reports it instead of it silently meaning false.
  if (field === 'corrects' && /^(?:true|false)$/i.test(cell)) return cell.toLowerCase() === 'true';
  return cell;
}

function countBreaks(s: string): number {
  return s.match(LINE_BREAK)?.length ?? 0;
}

/** The 1-based column where the n-th field of a CSV line starts (quotes respected). */
function columnOf(line: string, n: number): number {
  if (n <= 0) return 1;
  let field = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted && ++field === n) return i + 2;
  }
  return 1;
}

function syntaxMessage(message: string | undefined): string {
  // csv-parse ends its messages with "at line N"; the diagnostic already says where.
  return (message ?? 'cannot parse the CSV').replace(/,? (?:at|on) line \d+.*$/, '');
}
