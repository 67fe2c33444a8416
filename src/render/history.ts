import type { ChalkInstance } from 'chalk';
import { pushAll } from '../core/arrays.js';
import { currencyDigits, minorToNumber } from '../core/money.js';
import type { History, ResultHistoryRow, SpendHistoryRow } from '../ledger/history.js';
import { type Column, layoutTable, MIN_WIDTH, type Row, wrap } from './layout.js';
import { formatMoney } from './money.js';

/** Renders an entry history: an aligned table for the terminal, or the JSON shape. */

/** `history --format json`: the History data, money as JSON numbers. */
export function renderHistoryJson(h: History): string {
  if (h.kind === 'indicator') return `${JSON.stringify(h, null, 2)}\n`;
  // Money leaves exact minor units only here, as JSON numbers rounded to each currency's minor unit.
  const planDigits = currencyDigits(h.currency);
  const money = (m: number | bigint | null) => (typeof m === 'bigint' ? minorToNumber(m, planDigits) : m);
  const revisions = h.revisions.map((r) => ({
    ...r,
    changes: r.changes.map((c) => ({ year: c.year, from: money(c.from), to: money(c.to) })),
  }));
  const entries = h.entries.map((e) => ({
    ...e,
    amount: minorToNumber(e.amount, currencyDigits(e.currency)),
    planAmount: minorToNumber(e.planAmount, planDigits),
    total: minorToNumber(e.total, planDigits),
  }));
  return `${JSON.stringify({ ...h, entries, revisions }, null, 2)}\n`;
}

/**
 * History columns, and how they give way when the table is too wide: the note is cut (to 16
 * columns) and the file:line cut at its start (to 24, `…progress/2026.yaml:41`); then the note
 * goes, then Dimensions (results) or Total (spending).
 */
const RESULT_COLUMNS: readonly Column[] = [
  { head: 'Date' },
  { head: 'Period' },
  { head: 'Dimensions', drop: 2 },
  { head: 'Value', align: 'right' },
  { head: 'Status' },
  { head: 'Where', min: 24, cutStart: true },
  { head: 'Note', min: 16, drop: 1 },
];

function spendColumns(currency: string): Column[] {
  return [
    { head: 'Date' },
    { head: 'Amount', align: 'right' },
    { head: 'Currency' },
    { head: currency, align: 'right' },
    { head: 'Total', align: 'right', drop: 2 },
    { head: 'Where', min: 24, cutStart: true },
    { head: 'Note', min: 16, drop: 1 },
  ];
}

/** `history --format table`: one row per entry, corrected ones marked with where they were corrected. */
export function renderHistoryTable(h: History, c: ChalkInstance, width = MIN_WIDTH): string {
  const head = wrap(
    h.kind === 'indicator'
      ? `${c.bold(h.id)} ${h.title} (${h.unit}) — entries as of ${h.asOf}`
      : `${c.bold(h.id)} ${h.title} — spending in ${h.currency} as of ${h.asOf}`,
    width,
  ).join('\n');
  const revs = revisionLines(h, c, width);
  if (h.entries.length === 0) return `${head}\nno entries\n${revs}`;
  const cells =
    h.kind === 'indicator'
      ? h.entries.map(resultCells)
      : h.entries.map((e) => spendCells(e, currencyDigits(h.currency)));
  const rows: Row[] = cells.map((row, k) => ({
    cells: row,
    paint: (t: string) =>
      (h.entries[k] as ResultHistoryRow | SpendHistoryRow).status === 'stands' ? t : c.dim(t),
  }));
  const columns = h.kind === 'indicator' ? RESULT_COLUMNS : spendColumns(h.currency);
  const laid = layoutTable(columns, rows, width, { head: (t) => c.bold(t) });
  const corrected = h.entries.filter((e) => e.status === 'corrected').length;
  const withdrawals = h.kind === 'indicator' ? h.entries.filter((e) => e.withdrawn).length : 0;
  const foot =
    h.kind === 'indicator'
      ? `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}, ${corrected} corrected${withdrawals ? `, ${withdrawals} ${withdrawals === 1 ? 'withdrawal' : 'withdrawals'}` : ''}`
      : `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}`;
  return `${head}\n${laid.lines.join('\n')}\n${foot}\n${revs}`;
}

/** The revisions that touched the indicator or line: one line each, then its years from → to. */
function revisionLines(h: History, c: ChalkInstance, width: number): string {
  if (h.revisions.length === 0) return '';
  const digits = h.kind === 'line' ? currencyDigits(h.currency) : 0;
  const value = (v: number | bigint | null) => {
    if (v === null) return 'none';
    if (typeof v === 'bigint') return formatMoney(v, digits);
    return h.kind === 'indicator' && h.levels ? (h.levels[v] ?? String(v)) : String(v);
  };
  const what = h.kind === 'indicator' ? 'target' : 'planned';
  const out = [c.bold(`Revisions in force (${h.revisions.length})`)];
  for (const r of h.revisions) {
    const when = r.meeting ? `${r.date}, ${r.meeting}` : r.date;
    const years = r.changes.map((x) => `${what} ${x.year}: ${value(x.from)} → ${value(x.to)}`).join('; ');
    pushAll(
      out,
      wrap(`${r.id} (${when}) ${r.title}: ${years}  ${c.dim(`${r.file}:${r.line}`)}`, width, '  '),
    );
  }
  return `${out.join('\n')}\n`;
}

function resultCells(e: ResultHistoryRow): string[] {
  const dims = Object.entries(e.dims)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const value = e.withdrawn
    ? 'withdrawn'
    : e.value !== null
      ? String(e.value)
      : `${e.numerator}/${e.denominator} (${e.percent === null ? '?' : trim(e.percent)}%)`;
  const by = e.correctedBy;
  const status = by
    ? `${e.status} by ${by.file === e.file ? `line ${by.line}` : `${by.file}:${by.line}`}`
    : e.withdrawn
      ? 'stands (no value)'
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
