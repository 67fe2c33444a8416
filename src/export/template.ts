import ExcelJS from 'exceljs';
import type { Template, TemplateRow } from '../compute/template.js';
import { parseDate } from '../core/dates.js';
import { decimalText, minorToNumber } from '../core/money.js';
import { csvField } from '../render/csv.js';
import { formatValue } from '../render/report-common.js';
import {
  addSheet,
  type CellValue,
  type Column,
  DATE_FORMAT,
  HEADER_ROW,
  moneyFormat,
  VALUE_FORMAT,
  writeRows,
} from './xlsx-sheet.js';

/**
 * The data-collection sheet of a reporting round, as a workbook (an Indicators sheet and a
 * Spending sheet, ids and reference figures locked, the cells to fill unlocked) or as CSV (the
 * indicator rows). `import` reads either back by the column headers.
 */

/** Locked cells stay selectable (to copy from); columns and rows may be resized. */
const PROTECTION = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

/** The columns a focal point fills in, in order. */
const FILL = ['Value', 'Numerator', 'Denominator', 'Date', 'Source', 'Note'];

function indicatorColumns(t: Template): Column[] {
  return [
    { header: 'Indicator' },
    { header: 'Title', width: 40 },
    { header: 'Unit', width: 18 },
    { header: 'Period' },
    ...t.dimensions.map((d) => ({ header: d })),
    { header: 'Baseline', format: VALUE_FORMAT },
    { header: `Last value (${t.asOf})`, format: VALUE_FORMAT },
    { header: 'Target for the year', format: VALUE_FORMAT },
    ...FILL.map((h) => ({ header: h, width: h === 'Note' || h === 'Source' ? 28 : 12 })),
  ];
}

/** A figure in the indicator's terms: a level name for milestones. */
function figure(v: number | null | undefined, row: TemplateRow): string | number | null {
  if (v === null || v === undefined) return null;
  return row.indicator.measure === 'milestone' ? formatValue(v, row.indicator) : v;
}

function unitOf(row: TemplateRow): string {
  const ind = row.indicator;
  if (ind.measure === 'milestone') return `level: ${(ind.levels ?? []).join(' / ')}`;
  if (ind.measure === 'percent') return 'percent (0–100), or numerator and denominator';
  return ind.unit;
}

function indicatorCells(t: Template, row: TemplateRow): CellValue[] {
  return [
    row.indicator.id,
    row.indicator.title,
    unitOf(row),
    row.period,
    ...t.dimensions.map((d) => row.dims[d]),
    // The baseline is the total's; a per-value row has none of its own.
    Object.keys(row.dims).length === 0 ? figure(row.indicator.baseline.value, row) : null,
    figure(row.last, row),
    figure(row.target, row),
  ];
}

/** The workbook: Indicators (one row per figure due) and Spending (one row per budget line). */
export async function templateXlsx(t: Template): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'neaspec-track';
  const asOf = parseDate(t.asOf) as number;
  const head = (title: string) => ({
    title: `${title} — ${t.plan.title}, reporting round ${t.round}`,
    asOf,
    currency: t.plan.currency,
    plan: t.plan.id,
  });

  const cols = indicatorColumns(t);
  const ws = addSheet(wb, 'Indicators', head('Results to report'), cols, 1);
  writeRows(
    ws,
    cols,
    t.rows.map((r) => indicatorCells(t, r)),
  );
  const fillFrom = cols.length - FILL.length + 1;
  unlock(ws, t.rows.length, fillFrom, cols.length, fillFrom + FILL.indexOf('Date'));
  t.rows.forEach((r, i) => {
    const levels = r.indicator.levels;
    // A drop-down of the level names for a milestone's value (when they can be listed).
    if (levels?.every((l) => !/[",]/.test(l)) && levels.join(',').length < 250) {
      ws.getCell(HEADER_ROW + 1 + i, fillFrom).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${levels.join(',')}"`],
      };
    }
  });
  await ws.protect('', PROTECTION);

  const money = moneyFormat(t.plan.digits);
  const scols: Column[] = [
    { header: 'Budget line' },
    { header: 'Title', width: 36 },
    { header: 'Funding source' },
    { header: `Planned ${t.year}`, format: money },
    { header: `Spent by ${t.asOf}`, format: money },
    { header: 'Amount', format: money, width: 14 },
    { header: 'Currency', width: 10 },
    { header: 'Date', width: 12 },
    { header: 'Source', width: 28 },
    { header: 'Note', width: 28 },
  ];
  const ss = addSheet(wb, 'Spending', head('Spending to report'), scols, 1);
  writeRows(
    ss,
    scols,
    t.spending.map((s) => [
      s.line,
      s.title,
      s.source,
      s.planned === undefined ? null : minorToNumber(s.planned, t.plan.digits),
      minorToNumber(s.spent, t.plan.digits),
    ]),
  );
  unlock(ss, t.spending.length, 6, scols.length, 8);
  await ss.protect('', PROTECTION);

  if (t.contributions.length > 0) {
    const ccols: Column[] = [
      { header: 'Contribution' },
      { header: 'Funding source title', width: 28 },
      { header: 'From' },
      { header: 'Contributor', width: 24 },
      { header: 'Year', format: '0', width: 8 },
      { header: 'Amount', format: money, width: 14 },
      { header: 'Currency', width: 10 },
      { header: 'Kind', width: 10 },
      { header: 'Date', width: 12 },
      { header: 'Source', width: 28 },
      { header: 'Note', width: 28 },
    ];
    const cs = addSheet(wb, 'Contributions', head('Contributions received'), ccols, 1);
    writeRows(
      cs,
      ccols,
      t.contributions.map((c) => [c.source, c.sourceTitle, c.from, c.fromTitle]),
    );
    unlock(cs, t.contributions.length, 5, ccols.length, 9);
    t.contributions.forEach((_, i) => {
      cs.getCell(HEADER_ROW + 1 + i, 8).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"cash,in-kind"'],
      };
    });
    await cs.protect('', PROTECTION);
  }

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Unlocks the cells to fill (columns from..to of every data row); the date column gets a date format. */
function unlock(ws: ExcelJS.Worksheet, rows: number, from: number, to: number, dateCol: number): void {
  for (let r = 0; r < rows; r++) {
    for (let c = from; c <= to; c++) {
      const cell = ws.getCell(HEADER_ROW + 1 + r, c);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
      if (c === dateCol) cell.numFmt = DATE_FORMAT;
    }
  }
}

/** The indicator rows as CSV (UTF-8, comma-separated, header first). */
export function templateCsv(t: Template): string {
  const cols = indicatorColumns(t);
  const text = (v: CellValue): string =>
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? decimalText(v)
        : typeof v === 'object'
          ? ''
          : String(v);
  const lines = [cols.map((c) => csvField(c.header)).join(',')];
  for (const r of t.rows) {
    const cells = [...indicatorCells(t, r), ...FILL.map(() => null)];
    lines.push(cells.map((v) => csvField(text(v))).join(','));
  }
  return `${lines.join('\n')}\n`;
}
