import type { ChalkInstance } from 'chalk';
import { maxOf } from '../core/arrays.js';
import { currencyDigits, minorToNumber } from '../core/money.js';
import type { ResourceHistory, ResourceHistoryRow } from '../ledger/history-resources.js';
import { formatMoney } from './money.js';

/** Renders the pledges and contributions of a source or a contributor: a table, or the JSON shape. */

/** `history SOURCE|CONTRIBUTOR --format json`: money as JSON numbers rounded to each currency's minor unit. */
export function renderResourceHistoryJson(h: ResourceHistory): string {
  const plan = currencyDigits(h.currency);
  const entries = h.entries.map((e) => ({
    ...e,
    amount: minorToNumber(e.amount, currencyDigits(e.currency)),
    planAmount: minorToNumber(e.planAmount, plan),
    pledged: minorToNumber(e.pledged, plan),
    received: minorToNumber(e.received, plan),
  }));
  return `${JSON.stringify({ ...h, entries }, null, 2)}\n`;
}

/** `history SOURCE|CONTRIBUTOR`: one row per entry in date order, with the running pledged and received. */
export function renderResourceHistoryTable(h: ResourceHistory, c: ChalkInstance): string {
  const head = `${c.bold(h.id)} ${h.title} — pledges and contributions in ${h.currency} as of ${h.asOf}`;
  if (h.entries.length === 0) return `${head}\nno entries\n`;
  const other = h.kind === 'source' ? 'From' : 'To';
  const plan = currencyDigits(h.currency);
  const rows = [
    ['Date', 'Entry', other, 'Year', 'Amount', h.currency, 'Pledged', 'Received', 'Where', 'Note'],
    ...h.entries.map((e) => cells(e, h, plan)),
  ];
  const right = new Set([4, 5, 6, 7]);
  const widths = (rows[0] as string[]).map((_, i) => maxOf(rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r, ri) => {
    const text = r
      .map((cell, i) =>
        right.has(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
    return ri === 0 ? c.bold(text) : text;
  });
  const n = h.entries.length;
  return `${head}\n${lines.join('\n')}\n${n} ${n === 1 ? 'entry' : 'entries'}\n`;
}

function cells(e: ResourceHistoryRow, h: ResourceHistory, plan: number): string[] {
  const note = [e.source ? `source: ${e.source}` : '', e.note ?? ''].filter(Boolean).join('; ');
  const foreign = e.currency !== h.currency;
  return [
    e.date,
    e.entry === 'pledge' ? 'pledge' : e.inKind ? 'in kind' : 'cash',
    h.kind === 'source' ? e.from : e.fund,
    String(e.year),
    foreign ? `${formatMoney(e.amount, currencyDigits(e.currency))} ${e.currency}` : '',
    formatMoney(e.planAmount, plan),
    formatMoney(e.pledged, plan),
    formatMoney(e.received, plan),
    `${e.file}:${e.line}`,
    note,
  ];
}
