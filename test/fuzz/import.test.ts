import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/**
 * The fuzz campaign's imports (issue 28): CSV and xlsx sheets, mutated — bytes flipped, lines
 * deleted, duplicated and cut, separators changed, quotes and formulas inserted, headers renamed,
 * values made huge, tiny, long or not numbers, the text re-encoded (UTF-16 with and without a
 * byte-order mark, Windows-1252, a BOM) — are imported with --dry-run in process. Every case ends
 * with exit 0 or 1 (never an unexpected failure), prints no stack trace or JavaScript internal
 * ("undefined", "NaN", "[object Object]", "Infinity"), finishes within a time limit, and every
 * refusal says where: a row, a cell, a line, the header row or a sheet.
 *   FUZZ_IMPORT_RUNS (default 150 CSV cases; a fifth as many workbooks), FUZZ_SEED as elsewhere.
 */

const RUNS = Number(process.env.FUZZ_IMPORT_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 10_000);

const tmp = tempDir('neaspec-fuzz-import-');
afterAll(() => tmp.cleanup());
const fw = path.join(tmp.dir, 'fw');
cpSync(path.join(ROOT, 'test/import/fixture'), fw, { recursive: true });

const BASE = [
  'Indicator,Period,country,Value,Numerator,Denominator,Date,Source,Note',
  'P1.O1-n,2026-Q4,MN,2,,,2026-11-20,Reports,first',
  'P1.O1-n,2026-Q4,KR,1,,,2026-11-21,Reports,"with, a comma"',
  'Budget line,Amount,Currency,Date,Note',
  'B-1,1500.00,USD,2026-03-01,fees',
  'B-1,-200.50,,2026-03-02,refund',
];

const LINES = ['indicator', 'period', 'value', 'amount', 'date', 'budget line', 'amout', 'amount', 'country'];
const CELLS = [
  '1e309',
  '-0',
  '1.234,56',
  '99999999999999999999',
  'n/a',
  '=HYPERLINK("x")',
  '"',
  '""',
  'x'.repeat(5000),
  '2026-02-30',
  '45000',
  '\u2028',
  '\u0000',
  'é',
  '',
];

type Step =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'dupLine'; at: number }
  | { kind: 'cell'; line: number; field: number; text: string }
  | { kind: 'header'; field: number; text: string }
  | { kind: 'separator'; sep: string }
  | { kind: 'cr' }
  | { kind: 'truncate'; at: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(400), byte: fc.nat(255) }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat(5) }),
  fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat(5) }),
  fc.record({
    kind: fc.constant('cell' as const),
    line: fc.nat(5),
    field: fc.nat(9),
    text: fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant('header' as const), field: fc.nat(9), text: fc.constantFrom(...LINES) }),
  fc.record({ kind: fc.constant('separator' as const), sep: fc.constantFrom(';', '\t', '|') }),
  fc.record({ kind: fc.constant('cr' as const) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(300) }),
);

/** The table of one kind (indicator rows or budget rows) the case starts from, mutated by `steps`. */
function csvText(budget: boolean, steps: Step[]): string {
  let lines = budget ? BASE.slice(3) : BASE.slice(0, 3);
  let sep = ',';
  let cr = false;
  let truncate: number | null = null;
  const flips: Step[] = [];
  for (const s of steps) {
    if (s.kind === 'deleteLine' && lines.length > 1)
      lines = lines.filter((_, i) => i !== s.at % lines.length);
    else if (s.kind === 'dupLine') lines = [...lines, lines[s.at % lines.length] as string];
    else if (s.kind === 'cell' || s.kind === 'header') {
      const li = s.kind === 'header' ? 0 : s.line % lines.length;
      const fields = (lines[li] as string).split(',');
      fields[s.field % fields.length] = s.text;
      lines[li] = fields.join(',');
    } else if (s.kind === 'separator') sep = s.sep;
    else if (s.kind === 'cr') cr = true;
    else if (s.kind === 'truncate') truncate = s.at;
    else flips.push(s);
  }
  let text = `${lines.map((l) => (sep === ',' ? l : l.replaceAll(',', sep))).join(cr ? '\r' : '\n')}\n`;
  if (truncate !== null) text = text.slice(0, truncate);
  for (const f of flips) {
    if (f.kind !== 'flip' || text.length === 0) continue;
    const i = f.at % text.length;
    text = text.slice(0, i) + String.fromCharCode(f.byte) + text.slice(i + 1);
  }
  return text;
}

const ENCODINGS = ['utf8', 'bom', 'utf16le', 'utf16le-bom', 'latin1'] as const;

function encode(text: string, how: (typeof ENCODINGS)[number]): Buffer {
  switch (how) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

/** Where a refusal may say it is: a row, a cell, a line, the header row, a sheet, the file's form. */
const POSITION =
  /\brow \d+|\bcell [A-Z]+\d+|\bline \d+|the header row|sheet "|not an Excel workbook|not read as an Excel workbook|not a readable Excel workbook|no table with an "Indicator"|neither UTF-8 nor Windows-1252|not readable as CSV|nothing to record/;
const INTERNAL =
  /\bundefined\b|\bNaN\b|\[object Object\]|\bInfinity\b|unexpected failure|\n\s+at .+:\d+:\d+\)?\n/;

async function importCase(file: string): Promise<void> {
  const started = Date.now();
  const r = await runCli(['--framework', fw, 'import', file, '--dry-run'], { cwd: tmp.dir });
  const took = Date.now() - started;
  const all = `${r.stdout}${r.stderr}`;
  expect([0, 1], all).toContain(r.code);
  expect(all, all.slice(0, 2000)).not.toMatch(INTERNAL);
  if (r.code === 1) expect(r.stderr, r.stderr.slice(0, 2000)).toMatch(POSITION);
  expect(took, `${file} took ${took} ms`).toBeLessThan(CASE_MS);
}

describe('fuzzed imports', () => {
  test(`${RUNS} CSV sheets (seed ${SEED})`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(stepArb, { maxLength: 6 }),
        fc.constantFrom(...ENCODINGS),
        async (budget, steps, enc) => {
          const file = `case-${n++}.csv`;
          writeFileSync(path.join(tmp.dir, file), encode(csvText(budget, steps), enc));
          await importCase(file);
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  test(`${Math.ceil(RUNS / 5)} workbooks (seed ${SEED})`, async () => {
    const value = fc.oneof(
      fc.constantFrom<ExcelJS.CellValue>(
        1e308,
        -1e-300,
        0,
        'B-1',
        'P1.O1-n',
        '2026-Q4',
        'MN',
        new Date(Date.UTC(2026, 2, 1)),
        new Date(Date.UTC(9999, 11, 31)),
        { formula: '1+1' } as ExcelJS.CellValue,
        { formula: '1+1', result: 2 } as ExcelJS.CellValue,
        { richText: [{ text: 'rich' }] } as ExcelJS.CellValue,
        { error: '#DIV/0!' } as ExcelJS.CellValue,
        true,
        null,
      ),
      fc.string({ maxLength: 8 }).filter((t) => !/nan|undefined|infinity|object/i.test(t)),
      fc.double({ noNaN: true }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ['Budget line', 'Amount', 'Date'],
          ['Indicator', 'Period', 'country', 'Value', 'Date'],
          ['Budget line', 'Amount', 'Amount'],
        ),
        fc.array(fc.array(value, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        async (header, rows) => {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Spending');
          ws.addRow(header);
          for (const r of rows) ws.addRow(r);
          const file = `case-${n++}.xlsx`;
          await wb.xlsx.writeFile(path.join(tmp.dir, file));
          await importCase(file);
        },
      ),
      { numRuns: Math.ceil(RUNS / 5), seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});
