import { type Day, formatDate } from '../core/dates.js';
import type { ContributionEntry, Framework, PledgeEntry } from '../model/framework.js';
import type { EntryPlace } from './history.js';

/** The audit trail of a budget source or a contributor: its pledges and contributions, with running totals. */

export interface ResourceHistoryRow extends EntryPlace {
  date: string;
  entry: 'pledge' | 'contribution';
  /** The budget source and the contributor the entry names. */
  fund: string;
  from: string;
  /** The plan year it is for. */
  year: number;
  /** The amount in minor units of its own currency (negative: a reduced pledge or a refund). */
  amount: bigint;
  currency: string;
  /** The amount in minor units of the plan currency, converted and rounded per entry. */
  planAmount: bigint;
  /** True for an in-kind contribution. */
  inKind: boolean;
  /** Running totals of the source's (or contributor's) pledges and contributions through this entry, in the plan currency. */
  pledged: bigint;
  received: bigint;
  source: string | null;
  note: string | null;
  /** Pledges and contributions are never replaced: a mistake is undone by a negative entry, which stands too. */
  status: 'stands';
}

export interface ResourceHistory {
  kind: 'source' | 'contributor';
  asOf: string;
  id: string;
  title: string;
  currency: string;
  entries: ResourceHistoryRow[];
}

/** The history of a source or contributor `id` as of `asOf`; undefined when neither has that id. */
export function buildResourceHistory(fw: Framework, id: string, asOf: Day): ResourceHistory | undefined {
  const source = fw.sources.find((s) => s.id === id);
  const contributor = source ? undefined : fw.contributors.find((c) => c.id === id);
  const owner = source ?? contributor;
  if (!owner) return undefined;
  const mine = (e: PledgeEntry | ContributionEntry) => (source ? e.fund === id : e.from === id);
  // Date order, then ledger order — as the history of an indicator or a budget line.
  const entries = fw.entries
    .filter(
      (e): e is PledgeEntry | ContributionEntry =>
        (e.kind === 'pledge' || e.kind === 'contribution') && mine(e) && e.date <= asOf,
    )
    .sort((a, b) => a.date - b.date || a.seq - b.seq);
  let pledged = 0n;
  let received = 0n;
  const rows = entries.map((e): ResourceHistoryRow => {
    if (e.kind === 'pledge') pledged += e.planAmount;
    else received += e.planAmount;
    return {
      file: e.src.file.name,
      line: e.src.file.locate(e.src.path).line,
      date: formatDate(e.date),
      entry: e.kind,
      fund: e.fund,
      from: e.from,
      year: e.year,
      amount: e.amount,
      currency: e.currency,
      planAmount: e.planAmount,
      inKind: e.kind === 'contribution' && e.inKind,
      pledged,
      received,
      source: e.source ?? null,
      note: e.note ?? null,
      status: 'stands',
    };
  });
  return {
    kind: source ? 'source' : 'contributor',
    asOf: formatDate(asOf),
    id,
    title: owner.title,
    currency: fw.plan.currency,
    entries: rows,
  };
}
