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

/** `history --format table`: one row per entry, corrected ones marked with where they were corrected. */
export function renderHistoryTable(h: History, c: ChalkInstance): string {
  const head =
    h.kind === 'indicator'
      ? `${c.bold(h.id)} ${h.title} (${h.unit}) — entries as of ${h.asOf}`
      : `${c.bold(h.id)} ${h.title} — spending in ${h.currency} as of ${h.asOf}`;
  const revs = revisionLines(h, c);
  if (h.entries.length === 0) return `${head}\nno entries\n${revs}`;
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
    return entry.status === 'stands' ? text : c.dim(text);
  });
  const corrected = h.entries.filter((e) => e.status === 'corrected').length;
  const withdrawals = h.kind === 'indicator' ? h.entries.filter((e) => e.withdrawn).length : 0;
  const foot =
    h.kind === 'indicator'
      ? `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}, ${corrected} corrected${withdrawals ? `, ${withdrawals} ${withdrawals === 1 ? 'withdrawal' : 'withdrawals'}` : ''}`
      : `${h.entries.length} ${h.entries.length === 1 ? 'entry' : 'entries'}`;
  return `${head}\n${lines.join('\n')}\n${foot}\n${revs}`;
}

/** The revisions that touched the indicator or line: one line each, then its years from → to. */
function revisionLines(h: History, c: ChalkInstance): string {
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
    out.push(`${r.id} (${when}) ${r.title}: ${years}  ${c.dim(`${r.file}:${r.line}`)}`);
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
