import type { History, ResultHistoryRow, SpendHistoryRow } from '../compute/history.js';
import type { ResourceHistory, ResourceHistoryRow } from '../compute/history-resources.js';
import { currencyDigits, formatMinor } from '../core/money.js';
import {
  type Block,
  type Column,
  type Document,
  type List,
  money,
  type Part,
  paragraph,
  type Row,
  text,
} from './blocks.js';

/** `history`: the audit trail of an indicator, a budget line, a funding source or a contributor, as a document. */

/**
 * History columns, and how they give way when the table is too wide: the note is cut (to 16
 * columns) and the file:line cut at its start (to 24, `…progress/2026.yaml:41`); then the note
 * goes, then Dimensions (results), Total (spending) or a foreign amount (pledges and contributions).
 */
const WHERE: Column = { head: 'Where', kind: 'text', min: 24, cutStart: true };
const NOTE: Column = { head: 'Note', kind: 'text', min: 16, drop: 1 };

const RESULT_COLUMNS: readonly Column[] = [
  { head: 'Date', kind: 'date' },
  { head: 'Period', kind: 'text' },
  { head: 'Dimensions', kind: 'text', drop: 2 },
  { head: 'Value', kind: 'text', align: 'right' },
  { head: 'Status', kind: 'text' },
  WHERE,
  NOTE,
];

function spendColumns(currency: string): Column[] {
  return [
    { head: 'Date', kind: 'date' },
    { head: 'Amount', kind: 'money' },
    { head: 'Currency', kind: 'text' },
    { head: currency, kind: 'money' },
    { head: 'Total', kind: 'money', drop: 2 },
    WHERE,
    NOTE,
  ];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The history of an indicator or a budget line: the entries, a count, the revisions in force. */
export function historyDocument(h: History): Document {
  const lead =
    h.kind === 'indicator'
      ? ` ${h.title} (${h.unit}) — entries as of ${h.asOf}`
      : ` ${h.title} — spending in ${h.currency} as of ${h.asOf}`;
  const blocks: Block[] = [paragraph([text(h.id, 'strong'), text(lead)], 'caption')];
  if (h.entries.length === 0) blocks.push(paragraph([text('no entries')]));
  else {
    const digits = h.kind === 'line' ? currencyDigits(h.currency) : 0;
    const rows: Row[] = (h.entries as (ResultHistoryRow | SpendHistoryRow)[]).map((e) => ({
      kind: 'item',
      cells:
        h.kind === 'indicator'
          ? resultCells(e as ResultHistoryRow)
          : spendCells(e as SpendHistoryRow, digits),
      ...(e.status === 'stands' ? {} : { tone: 'muted' as const }),
    }));
    blocks.push({
      kind: 'table',
      columns: h.kind === 'indicator' ? [...RESULT_COLUMNS] : spendColumns(h.currency),
      rows,
    });
    const corrected = h.entries.filter((e) => e.status === 'corrected').length;
    const withdrawals = h.kind === 'indicator' ? h.entries.filter((e) => e.withdrawn).length : 0;
    const count = plural(h.entries.length, 'entry', 'entries');
    blocks.push(
      paragraph([
        text(
          h.kind === 'indicator'
            ? `${count}, ${corrected} corrected${withdrawals ? `, ${plural(withdrawals, 'withdrawal', 'withdrawals')}` : ''}`
            : count,
        ),
      ]),
    );
  }
  if (h.revisions.length > 0) blocks.push(revisionList(h));
  return { title: `${h.id} ${lead.trim()}`, blocks, tight: true };
}

/** The revisions that touched the indicator or line: one item each, its years from → to. */
function revisionList(h: History): List {
  const digits = h.kind === 'line' ? currencyDigits(h.currency) : 0;
  const value = (v: number | bigint | null): Part => {
    if (v === null) return text('none');
    if (typeof v === 'bigint') return money(v, digits);
    return text(h.kind === 'indicator' && h.levels ? (h.levels[v] ?? String(v)) : String(v));
  };
  const what = h.kind === 'indicator' ? 'target' : 'planned';
  return {
    kind: 'list',
    title: [text(`Revisions in force (${h.revisions.length})`, 'strong')],
    items: h.revisions.map((r) => {
      const when = r.meeting ? `${r.date}, ${r.meeting}` : r.date;
      const years = r.changes.flatMap((x, i): Part[] => [
        text(`${i > 0 ? '; ' : ''}${what} ${x.year}: `),
        value(x.from),
        text(' → '),
        value(x.to),
      ]);
      return [
        text(`${r.id} (${when}) ${r.title}: `),
        ...years,
        text('  '),
        text(`${r.file}:${r.line}`, 'muted'),
      ];
    }),
  };
}

function resultCells(e: ResultHistoryRow): Part[] {
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
  return [
    text(e.date),
    text(e.period),
    text(dims || '-'),
    text(value),
    text(status),
    text(`${e.file}:${e.line}`),
    text(noteOf(e.corrects ? 'corrects' : '', e.source, e.note)),
  ];
}

function spendCells(e: SpendHistoryRow, planDigits: number): Part[] {
  return [
    text(e.date),
    money(e.amount, currencyDigits(e.currency)),
    text(e.currency),
    money(e.planAmount, planDigits),
    money(e.total, planDigits),
    text(`${e.file}:${e.line}`),
    text(noteOf('', e.source, e.note)),
  ];
}

/** "corrects; source: X; the note", leaving out what is absent. */
function noteOf(first: string, source: string | null, note: string | null): string {
  return [first, source ? `source: ${source}` : '', note ?? ''].filter(Boolean).join('; ');
}

function trim(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The pledges and contributions of a source or a contributor: one row per entry in date order,
 * with the running pledged and received, then the count. Too narrow a terminal cuts the note and
 * the file:line as the other histories do, then drops the note and the foreign amount; the year stays.
 */
export function resourceHistoryDocument(h: ResourceHistory): Document {
  const lead = ` ${h.title} — pledges and contributions in ${h.currency} as of ${h.asOf}`;
  const blocks: Block[] = [paragraph([text(h.id, 'strong'), text(lead)], 'caption')];
  if (h.entries.length === 0) {
    blocks.push(paragraph([text('no entries')]));
    return { title: `${h.id}${lead}`, blocks, tight: true };
  }
  const plan = currencyDigits(h.currency);
  // A foreign-currency amount is shown as written, in a column of its own only when there is one.
  const foreign = h.entries.some((e) => e.currency !== h.currency);
  const columns: Column[] = [
    { head: 'Date', kind: 'date' },
    { head: 'Entry', kind: 'text' },
    { head: h.kind === 'source' ? 'From' : 'To', kind: 'text' },
    { head: 'Year', kind: 'text' },
    ...(foreign ? [{ head: 'Amount', kind: 'text', align: 'right', drop: 2 } as Column] : []),
    { head: h.currency, kind: 'money' },
    { head: 'Pledged', kind: 'money' },
    { head: 'Received', kind: 'money' },
    WHERE,
    NOTE,
  ];
  blocks.push({
    kind: 'table',
    columns,
    rows: h.entries.map((e) => ({ kind: 'item', cells: resourceCells(e, h, plan, foreign) })),
  });
  blocks.push(paragraph([text(plural(h.entries.length, 'entry', 'entries'))]));
  return { title: `${h.id}${lead}`, blocks, tight: true };
}

function resourceCells(e: ResourceHistoryRow, h: ResourceHistory, plan: number, amounts: boolean): Part[] {
  const foreign = e.currency !== h.currency;
  return [
    text(e.date),
    text(e.entry === 'pledge' ? 'pledge' : e.inKind ? 'in kind' : 'cash'),
    text(h.kind === 'source' ? e.from : e.fund),
    text(String(e.year)),
    ...(amounts
      ? [text(foreign ? `${formatMinor(e.amount, currencyDigits(e.currency))} ${e.currency}` : '')]
      : []),
    money(e.planAmount, plan),
    money(e.pledged, plan),
    money(e.received, plan),
    text(`${e.file}:${e.line}`),
    text(noteOf('', e.source, e.note)),
  ];
}
