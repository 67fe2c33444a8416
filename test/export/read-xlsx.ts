import { execFileSync } from 'node:child_process';

/**
 * Reads a workbook with an independent reader, Python's openpyxl: for each sheet its frozen pane
 * and every non-empty row as cells {v: value, f: number format, t: openpyxl's data type}. Dates
 * come back as YYYY-MM-DD strings with t 'd'.
 */
export interface XCell {
  v: string | number | boolean | null;
  f: string;
  t: string;
}
export interface XSheet {
  name: string;
  freeze: string | null;
  rows: { row: number; cells: XCell[] }[];
  protected: boolean;
  locked: Record<string, boolean>;
}

const READER = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    locked = {}
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            t = c.data_type
            if isinstance(v, datetime.datetime):
                v = v.date().isoformat()
                t = 'd'
            cells.append({'v': v, 'f': c.number_format, 't': t})
            if ws.protection.sheet and c.row in (5, 6):
                locked[c.coordinate] = bool(c.protection.locked)
        while cells and cells[-1]['v'] is None:
            cells.pop()
        if cells:
            rows.append({'row': row[0].row, 'cells': cells})
    out.append({'name': ws.title, 'freeze': ws.freeze_panes, 'rows': rows,
                'protected': bool(ws.protection.sheet), 'locked': locked})
print(json.dumps(out))
`;

export function readXlsx(file: string): XSheet[] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', READER, file], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  );
}

/** The rows of a table whose header row is `headerRow`: objects keyed by header, until an empty row. */
export function table(sheet: XSheet, headerRow = 4): Record<string, XCell>[] {
  const header = sheet.rows.find((r) => r.row === headerRow);
  if (!header) throw new Error(`no header row ${headerRow} in ${sheet.name}`);
  const names = header.cells.map((c) => String(c.v));
  const out: Record<string, XCell>[] = [];
  for (let r = headerRow + 1; ; r++) {
    const row = sheet.rows.find((x) => x.row === r);
    if (!row) break;
    const o: Record<string, XCell> = {};
    names.forEach((n, i) => {
      o[n] = row.cells[i] ?? { v: null, f: 'General', t: 'n' };
    });
    out.push(o);
  }
  return out;
}
