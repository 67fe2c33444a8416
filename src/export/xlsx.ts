import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { WorkbookData } from '../compute/workbook.js';
import { parseDate } from '../core/dates.js';
import { currencyDigits, minorToNumber } from '../core/money.js';
import { formatPeriod } from '../core/periods.js';
import type { Entry, Indicator } from '../model/framework.js';
import type {
  FundingSourceFigures,
  FundingSums,
  IndicatorStatus,
  VarianceFigures,
  VarianceReport,
} from '../model/reports.js';
import { formatValue, statusLabel } from '../render/report-common.js';
import {
  addSheet,
  type CellValue,
  type Column,
  columnWidths,
  HEADER_ROW,
  headerAt,
  moneyFormat,
  RATIO_FORMAT,
  type SheetHead,
  sectionTitle,
  streamRows,
  VALUE_FORMAT,
  writeRows,
} from './xlsx-sheet.js';
import { PERIODS_RULE_HEADER } from './xlsx-views.js';

/**
 * The framework and its figures as one Excel workbook: Summary, Results, Indicators, Periods,
 * Budget and Ledger sheets (the names are the layout `init --from` reads back). Numbers are
 * numbers with number formats, never text; milestone figures are level names. An exporter: it
 * writes what computeWorkbook computed, and the definitions as they are.
 */

/** Excel's rows per sheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

export interface WorkbookOptions {
  /** Rows per sheet (default Excel's 1,048,576): a longer ledger continues on sheets Ledger 2, Ledger 3, … */
  maxRows?: number;
}

/**
 * The workbook's bytes. `fileOf` names an entry's file relative to the framework. The sheets are
 * streamed (exceljs's streaming writer): each is written, compressed and let go before the next,
 * and the two that grow with the ledger (Periods, Ledger) are written a row at a time, so a
 * million entries never stand in memory as cells.
 */
export async function exportWorkbook(
  data: WorkbookData,
  fileOf: (name: string) => string,
  opts: WorkbookOptions = {},
): Promise<Uint8Array> {
  const { report, framework: fw } = data;
  const asOf = parseDate(report.asOf) as number;
  const head = (title: string): SheetHead => ({
    title: `${title} — ${report.plan.title}`,
    asOf,
    currency: report.plan.currency,
    plan: report.plan.id,
  });
  const digits = fw.plan.digits;
  const perSheet = (opts.maxRows ?? EXCEL_MAX_ROWS) - HEADER_ROW;
  const sheetsFor = (name: string, rows: number) => {
    const names = [name];
    for (let k = 2; (k - 1) * perSheet < rows; k++) names.push(`${name} ${k}`);
    return names;
  };
  const ledgerSheets = sheetsFor('Ledger', fw.entries.length);
  let periodRows = 0;
  for (const p of data.periods) periodRows += 1 + p.parts.length;
  const periodSheets = sheetsFor('Periods', periodRows);
  const MONEY = moneyFormat(digits);
  const money = (m: bigint | null) => (m === null ? null : minorToNumber(m, digits));

  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  wb.creator = 'neaspec-track';
  wb.title = `${report.plan.title} — as of ${report.asOf}`;

  // Summary: the plan's facts (read back by init --from), then the headline figures.
  {
    const cols: Column[] = [
      { header: 'Item', width: 28 },
      { header: 'Value', width: 40 },
    ];
    const ws = addSheet(wb, 'Summary', head('Summary'), cols);
    const t = report.budget.byProgramme.total;
    const s = report.summary;
    const rows: [string, CellValue, string?][] = [
      ['Plan id', fw.plan.id],
      ['Plan title', fw.plan.title],
      ['Start', fw.plan.start, '0'],
      ['End', fw.plan.end, '0'],
      ['Currency', fw.plan.currency],
      ['On-track threshold', fw.plan.rating.on_track, '0%'],
      ['At-risk threshold', fw.plan.rating.at_risk, '0%'],
      ...Object.entries(fw.plan.dimensions).map(([d, vs]): [string, CellValue] => [
        `Dimension: ${d}`,
        vs.join(', '),
      ]),
      ['Indicators', s.indicators, '0'],
      ...(['on-track', 'at-risk', 'off-track', 'no-data'] as const).map((k): [string, CellValue, string] => [
        statusLabel(k),
        s.byStatus[k],
        '0',
      ]),
      ['Achieved final target', s.achieved, '0'],
      ['Overdue', s.overdue, '0'],
      ['Ledger entries used', report.entries.total, '0'],
      ['Planned total', money(t.plannedTotal), MONEY],
      ['Planned to date', money(t.plannedToDate), MONEY],
      ['Actual', money(t.actual), MONEY],
      ['Variance', money(t.variance), MONEY],
      ['Execution', t.execution, RATIO_FORMAT],
      ['Remaining', money(t.remaining), MONEY],
      ['Projected', money(t.projected), MONEY],
      ['Generated', { day: parseDate(report.generated) as number }],
    ];
    // A table longer than a sheet continues on further sheets; the Summary names them.
    if (periodSheets.length > 1) rows.push(['Periods sheets', periodSheets.join(', ')]);
    if (ledgerSheets.length > 1) rows.push(['Ledger sheets', ledgerSheets.join(', ')]);
    writeRows(
      ws,
      cols,
      rows.map(([k, v]) => [k, v]),
    );
    rows.forEach(([, v, f], i) => {
      if (f && typeof v === 'number') ws.getCell(HEADER_ROW + 1 + i, 2).numFmt = f;
    });
    ws.commit();
  }

  // Results: programmes and the results chain.
  {
    const cols: Column[] = [
      { header: 'Id' },
      { header: 'Kind' },
      { header: 'Programme' },
      { header: 'Parent' },
      { header: 'Title' },
      { header: 'SDG targets' },
    ];
    const ws = addSheet(wb, 'Results', head('Programme areas and results'), cols);
    writeRows(ws, cols, [
      ...fw.programmes.map((p): CellValue[] => [p.id, 'programme', null, null, p.title]),
      ...fw.results.map((r): CellValue[] => [r.id, r.level, r.programme, r.parent, r.title, sdgCell(r.sdg)]),
    ]);
    ws.commit();
  }

  // Indicators: the definition, then the status figures.
  {
    const years: number[] = [];
    for (let y = fw.plan.start; y <= fw.plan.end; y++) years.push(y);
    const cols: Column[] = [
      { header: 'Id' },
      { header: 'Programme' },
      { header: 'Result' },
      { header: 'Title', width: 40 },
      { header: 'Unit' },
      { header: 'Measure' },
      { header: 'Direction' },
      { header: 'Aggregation' },
      { header: 'Frequency' },
      { header: 'Disaggregate' },
      { header: 'Levels' },
      { header: 'Baseline year', format: '0' },
      { header: 'Baseline', format: VALUE_FORMAT },
      ...years.map((y) => ({ header: `Target ${y}`, format: VALUE_FORMAT })),
      { header: 'Means of verification' },
      { header: 'SDG targets' },
      { header: 'Latest period' },
      { header: 'Actual', format: VALUE_FORMAT },
      { header: 'Expected', format: VALUE_FORMAT },
      { header: 'Final target', format: VALUE_FORMAT },
      { header: 'Progress', format: RATIO_FORMAT },
      { header: 'Status' },
      { header: 'Achieved' },
      { header: 'Overdue' },
      { header: 'Forecast', format: VALUE_FORMAT },
      { header: 'Missing periods' },
    ];
    const ws = addSheet(wb, 'Indicators', head('Indicators'), cols);
    const byId = new Map(report.status.indicators.map((s) => [s.id, s]));
    writeRows(
      ws,
      cols,
      fw.indicators.map((ind) => indicatorRow(ind, byId.get(ind.id), years)),
    );
    ws.commit();
  }

  // Periods: each indicator's period totals, with the per-value parts below each.
  {
    const dims = Object.keys(fw.plan.dimensions);
    const cols: Column[] = [
      { header: 'Indicator' },
      { header: 'Period' },
      { header: 'Period end' },
      ...dims.map((d) => ({ header: d })),
      { header: 'Value', format: VALUE_FORMAT },
      { header: 'Numerator', format: VALUE_FORMAT },
      { header: 'Denominator', format: VALUE_FORMAT },
      { header: PERIODS_RULE_HEADER },
      { header: 'Actual so far', format: VALUE_FORMAT },
    ];
    const inds = new Map(fw.indicators.map((i) => [i.id, i]));
    const RULE = {
      'total-entry': 'total entry',
      sum: 'sum of values',
      ratio: 'Σ numerators / Σ denominators × 100',
      missing: 'missing',
      incomplete: 'incomplete (no total)',
    };
    function* rows(): Generator<CellValue[]> {
      for (const p of data.periods) {
        const ind = inds.get(p.indicator) as Indicator;
        const v = (x: number | null | undefined) => (x === null || x === undefined ? null : levelOr(x, ind));
        yield [
          p.indicator,
          p.period,
          { day: p.end },
          ...dims.map(() => null),
          v(p.total),
          p.numerator,
          p.denominator,
          RULE[p.rule],
          v(p.soFar),
        ];
        for (const part of p.parts) {
          yield [
            p.indicator,
            p.period,
            { day: p.end },
            ...dims.map((d) => part.dims[d]),
            v(part.value),
            part.numerator,
            part.denominator,
            'per value',
            null,
          ];
        }
      }
    }
    await continued(periodSheets, head('Period totals and breakdown'), cols, 2, rows);
  }

  // Budget: lines with their planned years and figures, the sources and rates, then the roll-ups.
  {
    const years: number[] = [];
    for (let y = fw.plan.start; y <= fw.plan.end; y++) years.push(y);
    const figureCols: Column[] = [
      { header: 'Planned total', format: MONEY },
      { header: 'Planned to date', format: MONEY },
      { header: 'Actual', format: MONEY },
      { header: 'Variance', format: MONEY },
      { header: 'Execution', format: RATIO_FORMAT },
      { header: 'Remaining', format: MONEY },
      { header: 'Projected', format: MONEY },
    ];
    const figures = (f: VarianceFigures): CellValue[] => [
      money(f.plannedTotal),
      money(f.plannedToDate),
      money(f.actual),
      money(f.variance),
      f.execution,
      money(f.remaining),
      money(f.projected),
    ];
    const cols: Column[] = [
      { header: 'Line' },
      { header: 'Title', width: 36 },
      { header: 'Result' },
      { header: 'Source' },
      { header: 'Category' },
      ...years.map((y) => ({ header: `Planned ${y}`, format: MONEY })),
      ...figureCols,
    ];
    const ws = addSheet(wb, 'Budget', head('Budget versus actual'), cols);
    const byLine = new Map(data.budget.byLine.rows.map((r) => [r.key, r]));
    const lineRows = fw.lines.map((l): CellValue[] => {
      const r = byLine.get(l.id);
      return [
        l.id,
        l.title,
        l.result,
        l.source,
        l.category,
        ...years.map((y) => {
          const p = l.originalPlanned.get(y);
          return p === undefined ? null : money(p);
        }),
        ...(r ? figures(r) : figureCols.map(() => null)),
      ];
    });
    const total: CellValue[] = [
      'Total',
      null,
      null,
      null,
      null,
      ...years.map(() => null),
      ...figures(data.budget.byLine.total),
    ];
    let row = writeRows(ws, cols, [...lineRows, total], HEADER_ROW + 1, {
      bold: (r) => r === lineRows.length,
    });

    row = sectionTitle(ws, row + 1, 'Funding sources');
    const srcCols: Column[] = [
      { header: 'Source' },
      { header: 'Title' },
      { header: 'Opening balance', format: MONEY },
    ];
    row = headerAt(ws, row, srcCols);
    row = writeRows(
      ws,
      srcCols,
      fw.sources.map((s) => [s.id, s.title, s.openingBalance === 0n ? null : money(s.openingBalance)]),
      row,
    );
    if (fw.contributors.length > 0) {
      row = sectionTitle(ws, row + 1, 'Contributors');
      const cCols: Column[] = [{ header: 'Contributor' }, { header: 'Title' }];
      row = headerAt(ws, row, cCols);
      row = writeRows(
        ws,
        cCols,
        fw.contributors.map((c) => [c.id, c.title]),
        row,
      );
    }

    if (fw.rates.size > 0) {
      row = sectionTitle(ws, row + 1, 'Exchange rates');
      const rateCols: Column[] = [
        { header: 'Currency' },
        { header: 'Year or month' },
        { header: `Value in ${fw.plan.currency}`, format: VALUE_FORMAT },
      ];
      row = headerAt(ws, row, rateCols);
      const rates: CellValue[][] = [];
      for (const [cur, byPeriod] of fw.rates) {
        for (const [p, rate] of byPeriod) rates.push([cur, p, Number(rate)]);
      }
      row = writeRows(ws, rateCols, rates, row);
    }

    const rollups: [string, string, VarianceReport][] = [
      ['By programme area', 'Programme', report.budget.byProgramme],
      ['By result', 'Result', data.budget.byResult],
      ['By funding source', 'Source', report.budget.bySource],
      ['By category', 'Category', data.budget.byCategory],
      ['By year', 'Year', data.budget.byYear],
    ];
    for (const [title, key, v] of rollups) {
      row = sectionTitle(ws, row + 1, `${title} (${fw.plan.currency}; planned to date pro rata)`);
      const rcols: Column[] = [{ header: key }, { header: 'Title' }, ...figureCols];
      row = headerAt(ws, row, rcols);
      const body = v.rows.map((r): CellValue[] => [r.key, r.title, ...figures(r)]);
      row = writeRows(ws, rcols, [...body, ['Total', null, ...figures(v.total)]], row, {
        bold: (r) => r === body.length,
      });
    }
    ws.commit();
  }

  // Funding: resources by source (with the total row), by contributor and by year, as `funding`.
  {
    const f = data.funding;
    const sums = (x: FundingSums): CellValue[] => [
      money(x.pledged),
      money(x.received),
      money(x.inKind),
      money(x.outstanding),
      money(x.secured),
    ];
    const sumCols: Column[] = [
      { header: 'Pledged', format: MONEY },
      { header: 'Received', format: MONEY },
      { header: 'In kind', format: MONEY },
      { header: 'Outstanding', format: MONEY },
      { header: 'Secured', format: MONEY },
    ];
    const cols: Column[] = [
      { header: 'Source' },
      { header: 'Title', width: 32 },
      { header: 'Planned', format: MONEY },
      ...sumCols,
      { header: 'Gap', format: MONEY },
      { header: 'Opening', format: MONEY },
      { header: 'Spent', format: MONEY },
      { header: 'Balance', format: MONEY },
      { header: 'Collection', format: RATIO_FORMAT },
    ];
    const ws = addSheet(wb, 'Funding', head('Resources'), cols);
    const source = (key: string, title: string | null, x: FundingSourceFigures): CellValue[] => [
      key,
      title,
      money(x.planned),
      ...sums(x),
      money(x.gap),
      money(x.opening),
      money(x.spent),
      money(x.balance),
      x.collection,
    ];
    const body = f.sources.map((r) => source(r.key, r.title, r));
    let row = writeRows(ws, cols, [...body, source('Total', null, f.total)], HEADER_ROW + 1, {
      bold: (r) => r === body.length,
    });
    row = sectionTitle(ws, row + 1, `By contributor (${fw.plan.currency})`);
    const cCols: Column[] = [
      { header: 'Contributor' },
      { header: 'Title' },
      ...sumCols,
      { header: 'Collection', format: RATIO_FORMAT },
    ];
    row = headerAt(ws, row, cCols);
    row = writeRows(
      ws,
      cCols,
      f.contributors.map((r) => [r.key, r.title, ...sums(r), r.collection]),
      row,
    );
    row = sectionTitle(ws, row + 1, `By year (${fw.plan.currency})`);
    const yCols: Column[] = [
      { header: 'Year' },
      { header: 'Planned', format: MONEY },
      ...sumCols,
      { header: 'Gap', format: MONEY },
    ];
    row = headerAt(ws, row, yCols);
    writeRows(
      ws,
      yCols,
      f.years.map((r) => [r.key, money(r.planned), ...sums(r), money(r.gap)]),
      row,
    );
    ws.commit();
  }

  // Decisions: the meetings, and each revision's changes (one row per indicator or line and year).
  {
    const cols: Column[] = [
      { header: 'Revision' },
      { header: 'Date' },
      { header: 'Meeting' },
      { header: 'Title', width: 36 },
      { header: 'Reason', width: 36 },
      { header: 'Indicator or budget line' },
      { header: 'Year', format: '0' },
      { header: 'Target or planned amount', format: VALUE_FORMAT },
    ];
    const ws = addSheet(wb, 'Decisions', head('Meetings and revisions'), cols);
    const inds = new Map(fw.indicators.map((i) => [i.id, i]));
    const rows: CellValue[][] = [];
    for (const r of fw.revisions) {
      const facts: CellValue[] = [r.id, { day: r.date }, r.meeting, r.title, r.reason];
      for (const [id, years] of r.targets) {
        const ind = inds.get(id);
        for (const [y, v] of years) rows.push([...facts, id, y, ind ? levelOr(v, ind) : v]);
      }
      for (const [id, years] of r.planned) {
        for (const [y, v] of years) rows.push([...facts, id, y, money(v)]);
      }
    }
    let row = writeRows(ws, cols, rows);
    row = sectionTitle(ws, row + 1, 'Meetings');
    const mCols: Column[] = [{ header: 'Meeting' }, { header: 'Date' }, { header: 'Title' }];
    row = headerAt(ws, row, mCols);
    writeRows(
      ws,
      mCols,
      fw.meetings.map((m) => [m.id, { day: m.date }, m.title]),
      row,
    );
    ws.commit();
  }

  // Narratives: the dated text about the plan, a programme, a result or an indicator.
  {
    const cols: Column[] = [{ header: 'About' }, { header: 'Date' }, { header: 'Text', width: 80 }];
    const ws = addSheet(wb, 'Narratives', head('Narratives'), cols);
    writeRows(
      ws,
      cols,
      fw.narratives.map((n) => [n.about, { day: n.date }, n.text]),
    );
    ws.commit();
  }

  // Ledger: every entry, in ledger order, with its file and line.
  {
    const dims = Object.keys(fw.plan.dimensions);
    const cols: Column[] = [
      { header: 'File' },
      { header: 'Line', format: '0' },
      { header: 'Kind' },
      { header: 'Date' },
      { header: 'Indicator or budget line' },
      { header: 'Period' },
      ...dims.map((d) => ({ header: d })),
      { header: 'Value', format: VALUE_FORMAT },
      { header: 'Numerator', format: VALUE_FORMAT },
      { header: 'Denominator', format: VALUE_FORMAT },
      { header: 'Amount', format: VALUE_FORMAT },
      { header: 'Currency' },
      { header: `Amount (${fw.plan.currency})`, format: MONEY },
      { header: 'From' },
      { header: 'Year', format: '0' },
      { header: 'In kind' },
      { header: 'Corrects' },
      { header: 'Withdrawn' },
      { header: 'Source' },
      { header: 'Note' },
    ];
    const inds = new Map(fw.indicators.map((i) => [i.id, i]));
    // A ledger has a million entries and a few files: each file's name is worked out once.
    const files = new Map<string, string>();
    const fileName = (name: string) => {
      let f = files.get(name);
      if (f === undefined) {
        f = fileOf(name);
        files.set(name, f);
      }
      return f;
    };
    function* rows(): Generator<CellValue[]> {
      for (const e of fw.entries) yield ledgerRow(e, dims, inds, fileName, money);
    }
    // Amounts in their own currency's decimals.
    const amount = cols.findIndex((c) => c.header === 'Amount');
    const kind = cols.findIndex((c) => c.header === 'Kind');
    const currency = cols.findIndex((c) => c.header === 'Currency');
    const format = (values: CellValue[], c: number) =>
      c === amount && values[kind] !== 'result'
        ? moneyFormat(currencyDigits(values[currency] as string))
        : undefined;
    await continued(ledgerSheets, head('Ledger'), cols, 0, rows, format);
  }

  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));

  /**
   * Writes a table that grows with the ledger on sheet `names[0]`, continuing on the next sheet
   * (same head and header) every `perSheet` rows: the widths are those of all its rows.
   */
  async function continued(
    names: string[],
    sheetHead: SheetHead,
    cols: Column[],
    freeze: number,
    rows: () => Iterable<CellValue[]>,
    format?: (values: CellValue[], c: number) => string | undefined,
  ): Promise<void> {
    const widths = columnWidths(cols, rows());
    const it = rows()[Symbol.iterator]();
    for (const name of names) {
      const ws = addSheet(wb, name, sheetHead, cols, freeze);
      await streamRows(ws, cols, () => take(it, perSheet), widths, format);
      ws.commit();
    }
  }
}

/** The next `n` items of an iterator (fewer at its end). */
function* take<T>(it: Iterator<T>, n: number): Generator<T> {
  for (let k = 0; k < n; k++) {
    const r = it.next();
    if (r.done) return;
    yield r.value;
  }
}

/** A value in the indicator's terms: a level name for milestones, else the number. */
function levelOr(v: number, ind: Pick<Indicator, 'measure' | 'levels'>): CellValue {
  return ind.measure === 'milestone' ? formatValue(v, ind) : v;
}

function indicatorRow(
  ind: Indicator,
  s: (IndicatorStatus & { missing?: string[] }) | undefined,
  years: number[],
): CellValue[] {
  const v = (x: number | null | undefined) => (x === null || x === undefined ? null : levelOr(x, ind));
  // The targets as written: the revisions that change them are on the Decisions sheet.
  const targets = new Map(ind.originalTargets.map((t) => [t.year, t.value]));
  return [
    ind.id,
    s?.programme ?? null,
    ind.result,
    ind.title,
    ind.unit,
    ind.measure,
    ind.direction,
    ind.aggregation,
    ind.frequency,
    disaggregateCell(ind),
    ind.levels?.join(' | '),
    ind.baseline.year,
    v(ind.baseline.value),
    ...years.map((y) => v(targets.get(y))),
    ind.means_of_verification,
    sdgCell(ind.sdg),
    s?.period,
    v(s?.actual),
    v(s?.expected),
    v(s?.final),
    s?.progress,
    s ? statusLabel(s.status) : null,
    s?.achieved ? 'yes' : 'no',
    s?.overdue ? 'yes' : 'no',
    v(s?.forecast),
    s?.missing?.join(', '),
  ];
}

function ledgerRow(
  e: Entry,
  dims: string[],
  inds: Map<string, Indicator>,
  fileOf: (name: string) => string,
  money: (m: bigint) => number | null,
): CellValue[] {
  const line = e.src.file.locate(e.src.path).line;
  const common: CellValue[] = [fileOf(e.src.file.name), line, e.kind, { day: e.date }];
  if (e.kind === 'result') {
    const ind = inds.get(e.indicator) as Indicator;
    return [
      ...common,
      e.indicator,
      formatPeriod(e.period),
      ...dims.map((d) => e.dims[d]),
      e.value === undefined ? null : levelOr(e.value, ind),
      e.numerator,
      e.denominator,
      null,
      null,
      null,
      null,
      null,
      null,
      e.corrects ? 'yes' : null,
      e.withdrawn ? 'yes' : null,
      e.source,
      e.note,
    ];
  }
  return [
    ...common,
    // Spending names its budget line; pledges and contributions their budget source.
    e.kind === 'spend' ? e.line : e.fund,
    null,
    ...dims.map(() => null),
    null,
    null,
    null,
    minorToNumber(e.amount, currencyDigits(e.currency)),
    e.currency,
    money(e.planAmount),
    e.kind === 'spend' ? null : e.from,
    e.kind === 'spend' ? null : e.year,
    e.kind === 'contribution' && e.inKind ? 'yes' : null,
    null,
    null,
    e.source,
    e.note,
  ];
}

/** `country, sex`, or with expected values named `country (CN, JP, KR, RU)`: read back by load/workbook.ts. */
function disaggregateCell(ind: Indicator): string {
  return ind.disaggregate
    .map((d) =>
      ind.expectedWritten === undefined ? d : `${d} (${(ind.expectedWritten[d] ?? []).join(', ')})`,
    )
    .join(', ');
}

/** SDG targets as one cell, "11.6, 15.a" (empty when none); init --from reads them back. */
function sdgCell(targets: readonly string[]): string | null {
  return targets.length > 0 ? targets.join(', ') : null;
}
