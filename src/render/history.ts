import type { ChalkInstance } from 'chalk';
import { maxOf } from '../core/arrays.js';
import { currencyDigits, minorToNumber } from '../core/money.js';
import type { History, ResultHistoryRow, SpendHistoryRow } from '../ledger/history.js';
import { formatMoney } from './money.js';

/** Renders an entry history: an aligned table for the terminal, or the JSON shape. */

/** `history --format json`: the History data, money as JSON numbers. */
export function renderHistoryJson(h: History): string {
  if (h.kind === 'indicator') return `${JSON.stringify(h, null, 2)}\n`;
  // Money leaves exact minor units only here, as JSON numbers rounded to each currency's minor unit.
  const planDigits = currencyDigits(h.currency);
  const entries = h.entries.map((e) => ({
    ...e,
    amount: minorToNumber(e.amount, currencyDigits(e.currency)),
    planAmount: minorToNumber(e.planAmount, planDigits),
    total: minorToNumber(e.total, planDigits),
  }));
  return `${JSON.stringify({ ...h, entries }, null, 2)}\n`;
}

/** `history --format table`: one row per entry, corrected ones marked with where they were corrected. */
export function renderHistoryTable(h: History, c: ChalkInstance): string {
  const head =
    h.kind === 'indicator'
      ? `${c.bold(h.id)} ${h.title} (${h.unit}) — entries as of ${h.asOf}`
      : `${c.bold(h.id)} ${h.title} — spending in ${h.currency} as of ${h.asOf}`;
  if (h.entries.length === 0) return `${head}\nno entries\n`;
  const rows =
    h.kind === 'indicator'
      ? [['Date', 'Period', 'Dimensions', 'Value', 'Status', 'Where', 'Note'], ...h.entries.map(resultCells)]
      : [
          ['Date', 'Amount', 'Currency', h.currency, 'Total', 'Where', 'Note'],
          ...h.entries.map((e) => spendCells(e, currencyDigits(h.currency))),
        ];
  const right = h.kind === 'line' ? new Set([1, 3, 4]) : new Set([3]);
  const widths = (rows[0] as string[]).map((_, i) => maxOf(rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r, ri) => {
    const text = r
      .map((cell, i) =>
        right.has(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
    if (ri === 0) return c.bold(text);
    const entry = h.entries[ri - 1] as ResultHistoryRow | SpendHistoryRow;
    return entry.status === 'corrected' ? c.dim(text) : text;
  });
  const corrected = h.entries.filter((e) => e.status === 'corrected').length;
  const foot =
    h.kind === 'indicator'
      ? `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}, ${corrected} corrected`
      : `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}`;
  return `${head}\n${lines.join('\n')}\n${foot}\n`;
}

function resultCells(e: ResultHistoryRow): string[] {
  const dims = Object.entries(e.dims)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const value =
    e.value !== null
      ? String(e.value)
      : `${e.numerator}/${e.denominator} (${e.percent === null ? '?' : trim(e.percent)}%)`;
  const by = e.correctedBy;
  const status = by
    ? `corrected by ${by.file === e.file ? `line ${by.line}` : `${by.file}:${by.line}`}`
    : e.status;
  const note = [e.corrects ? 'corrects' : '', e.source ? `source: ${e.source}` : '', e.note ?? '']
    .filter(Boolean)
    .join('; ');
  return [e.date, e.period, dims || '-', value, status, `${e.file}:${e.line}`, note];
}

function spendCells(e: SpendHistoryRow, planDigits: number): string[] {
  const note = [e.source ? `source: ${e.source}` : '', e.note ?? ''].filter(Boolean).join('; ');
  return [
    e.date,
    formatMoney(e.amount, currencyDigits(e.currency)),
    e.currency,
    formatMoney(e.planAmount, planDigits),
    formatMoney(e.total, planDigits),
    `${e.file}:${e.line}`,
    note,
  ];
}

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}
