import type { History } from '../compute/history.js';
import type { ResourceHistory } from '../compute/history-resources.js';
import { currencyDigits, minorToNumber } from '../core/money.js';

/** The JSON contract of `history`: money as JSON numbers rounded to each currency's minor unit. */

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
