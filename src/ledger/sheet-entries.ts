import { createHash } from 'node:crypto';
import { type Day, formatDate, parseDate } from '../core/dates.js';
import { decimalText } from '../core/money.js';
import { parsePeriod } from '../core/periods.js';
import type { ReadSheet, SheetCell, SheetRow, SheetTable } from '../load/sheet.js';
import type { Entry, Framework } from '../model/framework.js';
import type { BatchItem, BatchPlan, RefusedRow } from './batch.js';
import type { EntryRequest } from './entry.js';
import { decimalArgument } from './scalar.js';

/**
 * The entries a filled sheet asks to record: one per row with a figure, checked as `record` checks
 * its arguments (a period, a number or level name, a date not after today). What a row cannot be
 * is a refused row with its sheet row number; the ledger's own checks come after, in recordBatch.
 * Rows with no figure (a template row left empty) are skipped.
 */

/** The headers a sheet may use for each field (lower-case); sheet-columns.ts refuses any other. */
export const FIELD = {
  indicator: ['indicator'],
  period: ['period'],
  value: ['value'],
  numerator: ['numerator'],
  denominator: ['denominator'],
  date: ['date'],
  source: ['source'],
  note: ['note'],
  corrects: ['corrects'],
  withdrawn: ['withdrawn', 'withdraw'],
  line: ['budget line', 'line', 'spend'],
  pledge: ['pledge'],
  contribution: ['contribution'],
  from: ['from', 'contributor'],
  year: ['year'],
  kind: ['kind'],
  amount: ['amount'],
  currency: ['currency'],
} as const;

type Field = keyof typeof FIELD;

const YES = new Set(['yes', 'y', 'true', 'x', '1']);

/** Where a row came from, as messages say it. */
function originOf(t: SheetTable, r: SheetRow): string {
  return t.sheet === null ? `row ${r.row}` : `${t.sheet} row ${r.row}`;
}

/** The rows of every table, as entries to record and rows refused. */
export function sheetEntries(sheet: ReadSheet, fw: Framework, today: Day): BatchPlan {
  const items: BatchItem[] = [];
  const refused: RefusedRow[] = [];
  const skipped: { origin: string; message: string }[] = [];
  const dims = Object.keys(fw.plan.dimensions);
  // Rows already imported: their digest is in the `imported` field of the entry each became.
  const done = new Map<string, Entry>();
  for (const e of fw.entries) {
    const digest = e.imported === undefined ? undefined : PROVENANCE.exec(e.imported)?.[1];
    if (digest !== undefined && !done.has(digest)) done.set(digest, e);
  }
  const seen = new Map<string, number>();
  for (const t of sheet.tables) {
    for (const r of t.rows) {
      const origin = originOf(t, r);
      // The row's content (and how many identical rows came before it): the same row of the same
      // sheet, imported again, has the same digest wherever it moved in the sheet.
      const content = rowContent(t, r);
      const nth = seen.get(content) ?? 0;
      seen.set(content, nth + 1);
      const digest = createHash('sha256').update(`${content}\u0000${nth}`).digest('hex').slice(0, 12);
      const earlier = done.get(digest);
      if (earlier !== undefined) {
        const at = earlier.src.file.locate(earlier.src.path);
        const day = PROVENANCE.exec(earlier.imported ?? '')?.[3];
        refused.push({
          origin,
          message: `already imported${day ? ` on ${day}` : ''} (${earlier.src.file.name}:${at.line}); leave the row out, or ${
            earlier.kind === 'result'
              ? 'to change its figure write the new one in a row with yes in its Corrects column'
              : 'to undo it import a row with the negative amount'
          }`,
          diagnostics: [],
        });
        continue;
      }
      const imported = `${digest} ${origin} ${formatDate(today)}`;
      const get = (f: Field): SheetCell | undefined => {
        for (const h of FIELD[f]) {
          const v = r.cells.get(h);
          if (v !== undefined) return v;
        }
        return undefined;
      };
      try {
        const request = rowRequest(get, r, dims, fw, today, sheet.decimalComma);
        if (request) items.push({ origin, request: { ...request, imported } });
        else if (get('date') !== undefined || get('source') !== undefined || get('note') !== undefined) {
          skipped.push({
            origin,
            message: `skipped: a ${['date', 'source', 'note'].filter((f) => get(f as Field) !== undefined).join(' and ')} but no value; give the value (or the amount), or clear the row`,
          });
        }
      } catch (e) {
        if (!(e instanceof RowProblem)) throw e;
        refused.push({ origin, message: e.message, diagnostics: [] });
      }
    }
  }
  return { items, refused, skipped };
}

/** `imported:` as `import` writes it: the row's digest, where it was (`Figures row 7`) and the day. */
const PROVENANCE = /^([0-9a-f]{12}) (.*) (\d{4}-\d{2}-\d{2})$/;

/** The row's cells, by header in sorted order, as one text (the sheet's name first). */
function rowContent(t: SheetTable, r: SheetRow): string {
  const cells = [...r.cells.entries()]
    .map(([k, v]): [string, string] => [k, typeof v === 'object' ? formatDate(v.day) : String(v)])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify([t.sheet, cells]);
}

class RowProblem extends Error {}

function rowRequest(
  get: (f: Field) => SheetCell | undefined,
  r: SheetRow,
  dims: string[],
  fw: Framework,
  today: Day,
  decimalComma: boolean,
): EntryRequest | null {
  const withdrawn = YES.has(String(get('withdrawn') ?? '').toLowerCase());
  const figure = ['value', 'numerator', 'denominator', 'amount'].some((f) => get(f as Field) !== undefined);
  if (!figure && !withdrawn) return null;
  const date = dateOf(get('date'), today);
  const source = textOf(get('source'));
  const note = textOf(get('note'));
  const indicator = textOf(get('indicator'));
  const line = textOf(get('line'));
  if (indicator !== undefined && get('amount') === undefined) {
    const period = textOf(get('period'));
    if (period === undefined)
      throw new RowProblem('no period: give the period the value is for (e.g. 2026-Q3)');
    if (parsePeriod(period) === null) {
      throw new RowProblem(`period "${period}" is not a period (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)`);
    }
    const ind = fw.indicators.find((i) => i.id === indicator);
    const value = get('value');
    const numerator = get('numerator');
    const denominator = get('denominator');
    if (value !== undefined && (numerator !== undefined || denominator !== undefined)) {
      throw new RowProblem('give either a value or a numerator and a denominator, not both');
    }
    if ((numerator === undefined) !== (denominator === undefined)) {
      throw new RowProblem('a numerator and a denominator go together');
    }
    if (withdrawn && (value !== undefined || numerator !== undefined || denominator !== undefined)) {
      throw new RowProblem(
        'a withdrawal has no value: leave the value empty, or do not mark the row withdrawn',
      );
    }
    let valueText: string | undefined;
    let valueIsText = false;
    if (value !== undefined) {
      if (ind?.measure === 'milestone' && typeof value === 'string') {
        valueText = value;
        valueIsText = true;
      } else valueText = numberOf('value', value, decimalComma);
    }
    const cellDims: [string, string][] = [];
    for (const d of dims) {
      const v = r.cells.get(d.toLowerCase());
      if (v !== undefined) cellDims.push([d, typeof v === 'object' ? formatDate(v.day) : String(v)]);
    }
    return {
      kind: 'result',
      indicator,
      period,
      value: valueText,
      valueIsText,
      numerator: numerator === undefined ? undefined : numberOf('numerator', numerator, decimalComma),
      denominator: denominator === undefined ? undefined : numberOf('denominator', denominator, decimalComma),
      dims: cellDims,
      date,
      source,
      note,
      corrects: YES.has(String(get('corrects') ?? '').toLowerCase()),
      withdrawn: withdrawn || undefined,
    };
  }
  const fund = textOf(get('pledge')) ?? textOf(get('contribution'));
  if (fund !== undefined) {
    const kind = get('pledge') !== undefined ? 'pledge' : 'contribution';
    const amount = get('amount');
    if (amount === undefined) throw new RowProblem(`no amount for the ${kind} to ${fund}`);
    const from = textOf(get('from'));
    if (from === undefined) throw new RowProblem(`no contributor (From) for the ${kind} to ${fund}`);
    const year = textOf(get('year'));
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw new RowProblem(`year "${year}" is not a year such as 2026`);
    if (kind === 'pledge' && year === undefined)
      throw new RowProblem('a pledge needs the plan year it is for (Year)');
    const k = textOf(get('kind'));
    if (k !== undefined && k !== 'cash' && k !== 'in-kind')
      throw new RowProblem(`kind "${k}" is cash or in-kind`);
    if (k !== undefined && kind === 'pledge')
      throw new RowProblem('a pledge has no kind (cash or in-kind is for contributions)');
    const currency = textOf(get('currency'));
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
      throw new RowProblem(`currency "${currency}" is not an ISO 4217 code such as USD`);
    }
    return {
      kind,
      fund,
      from,
      year,
      amount: numberOf('amount', amount, decimalComma),
      currency: currency === fw.plan.currency ? undefined : currency,
      contributionKind: k as 'cash' | 'in-kind' | undefined,
      date,
      source,
      note,
    };
  }
  if (line !== undefined) {
    const amount = get('amount');
    if (amount === undefined) throw new RowProblem(`no amount for budget line ${line}`);
    const currency = textOf(get('currency'));
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
      throw new RowProblem(`currency "${currency}" is not an ISO 4217 code such as USD`);
    }
    return {
      kind: 'spend',
      line,
      amount: numberOf('amount', amount, decimalComma),
      date,
      currency: currency === fw.plan.currency ? undefined : currency,
      source,
      note,
    };
  }
  throw new RowProblem('a figure with no indicator, budget line, pledge or contribution: say what it is for');
}

function textOf(v: SheetCell | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'object') return formatDate(v.day);
  return typeof v === 'number' ? decimalText(v) : v;
}

/** A number cell's exact decimal text (a number cell as the shortest text that reads back as it). */
function numberOf(field: string, v: SheetCell, decimalComma: boolean): string {
  if (typeof v === 'number') return decimalText(v);
  if (typeof v === 'object') throw new RowProblem(`${field} is a date, not a number`);
  // Where the decimal separator is a comma, a point groups thousands: 1.234,56 is 1234.56.
  const text =
    decimalComma && /^-?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$/.test(v) && /[,.]/.test(v)
      ? v.replace(/\./g, '').replace(',', '.')
      : v;
  const comma = /^-?\d+,\d+$/.test(v);
  const r = decimalArgument(text);
  if (!r.ok) {
    // 12,5 in a sheet written with a decimal comma: say what to write, not only what is wrong.
    if (/^-?\d{1,3}(,\d{3})+$/.test(v)) {
      throw new RowProblem(
        `${field} "${v}": write ${v.replaceAll(',', '')} without a thousands separator (or ${v.replace(',', '.')} if the comma is a decimal comma)`,
      );
    }
    if (comma) throw new RowProblem(`${field} "${v}": decimal comma? write ${v.replace(',', '.')}`);
    throw new RowProblem(`${field} "${v}" ${r.reason}`);
  }
  return r.text;
}

/** The row's date (default today); never after today. */
function dateOf(v: SheetCell | undefined, today: Day): string {
  if (v === undefined) return formatDate(today);
  let day: Day | null;
  if (typeof v === 'object') day = v.day;
  else if (typeof v === 'number') {
    throw new RowProblem(`date ${v} is a number, not a date: format the cell as a date or write YYYY-MM-DD`);
  } else day = parseDate(v);
  if (day === null) throw new RowProblem(`date "${String(v)}" is not a calendar date (YYYY-MM-DD)`);
  if (day > today) {
    throw new RowProblem(
      `a date in the future: ${formatDate(day)} is after today (${formatDate(today)}); record what is known, when it is known`,
    );
  }
  return formatDate(day);
}
