import { parse } from 'csv-parse/sync';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { SourceFile } from '../model/source.js';
import { lineAt, lineFile, lineStarts, type ParsedFile } from './yaml-file.js';

// Columns that hold numbers; everything else stays text, as a spreadsheet export writes it.
const NUMERIC = new Set(['value', 'numerator', 'denominator', 'amount']);
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/** Reads a CSV ledger (header row = field names) as `{progress: [...]}`, one entry per row. */
export function parseCsvFile(name: string, text: string): ParsedFile {
  let records: { record: string[]; info: { lines: number } }[];
  const starts = lineStarts(text);
  let header: string[] = [];
  const rowLines: number[] = [];
  const file: SourceFile = lineFile(name, text, (path, key) => {
    const i = path[1];
    const line = typeof i === 'number' ? (rowLines[i] ?? 1) : 1;
    const field = path[2];
    const col =
      typeof field === 'string' && !key ? columnOf(lineAt(text, starts, line - 1), header.indexOf(field)) : 1;
    return { line, col };
  });
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as never;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const line = err.lines ?? 1;
    const f = lineFile(name, text, () => ({ line, col: 1 }));
    return {
      file,
      value: undefined,
      diagnostics: [error('csv-syntax', firstSentence(err.message), { file: f, path: [] })],
    };
  }
  const diagnostics: Diagnostic[] = [];
  const [head, ...rows] = records;
  if (!head) return { file, value: { progress: [] }, diagnostics };
  header = head.record.map((h) => h.trim());
  const entries: Record<string, unknown>[] = [];
  for (const { record, info } of rows) {
    const entry: Record<string, unknown> = Object.create(null);
    for (let c = 0; c < header.length; c++) {
      const field = header[c] as string;
      const cell = (record[c] ?? '').trim();
      if (cell === '') continue;
      entry[field] =
        NUMERIC.has(field) && NUMBER.test(cell)
          ? Number(cell)
          : field === 'corrects'
            ? cell === 'true'
            : cell;
    }
    rowLines.push(info.lines);
    entries.push(entry);
  }
  return { file, value: { progress: entries }, diagnostics };
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

function firstSentence(message: string | undefined): string {
  return (message ?? 'cannot parse the CSV').replace(
    /^Invalid Record Length: /,
    'a row has the wrong number of fields: ',
  );
}
