import { type Day, formatDate } from '../core/dates.js';
import { formatPeriod } from '../core/periods.js';
import type { Framework, Indicator, ResultEntry, SpendEntry } from '../model/framework.js';
import { entryKey } from '../normalise/entries.js';
import { type RevisionChange, revisionsInForce } from './revisions.js';

/** The audit trail of one indicator or budget line: every entry in date order, which stand and which were corrected. */

/** Where an entry is written. */
export interface EntryPlace {
  file: string;
  line: number;
}

export interface ResultHistoryRow extends EntryPlace {
  date: string;
  period: string;
  /** Disaggregation values; empty for a total. */
  dims: Record<string, string>;
  /** The value as written: a number, or a level name for a milestone; null when numerator/denominator are given. */
  value: number | string | null;
  numerator: number | null;
  denominator: number | null;
  /** The percent a numerator/denominator entry stands for, unrounded. */
  percent: number | null;
  source: string | null;
  note: string | null;
  corrects: boolean;
  /** True for a withdrawal (`withdrawn: true`): from its date the key has no standing value. */
  withdrawn: boolean;
  /**
   * `stands`: the entry that counts for its indicator, period and dimensions (for a withdrawal: the
   * key stands withdrawn); `corrected`: a later entry replaced it; `withdrawn`: a later withdrawal did.
   */
  status: 'stands' | 'corrected' | 'withdrawn';
  correctedBy: EntryPlace | null;
}

/** A revision dated on or before the as-of day that changed the indicator's targets or the line's planned money. */
export interface RevisionHistoryRow extends EntryPlace {
  id: string;
  date: string;
  meeting: string | null;
  title: string;
  reason: string | null;
  /** The years it set: `from` is what stood just before it (null: the year was added). Money in minor units. */
  changes: { year: number; from: number | bigint | null; to: number | bigint }[];
}

export interface SpendHistoryRow extends EntryPlace {
  date: string;
  /** The amount in minor units of its own currency. */
  amount: bigint;
  currency: string;
  /** The amount in minor units of the plan currency. */
  planAmount: bigint;
  /** Running total of the line in minor units of the plan currency, through this entry. */
  total: bigint;
  source: string | null;
  note: string | null;
  /** Spending is never replaced: a mistake is undone by a negative entry, which stands too. */
  status: 'stands';
}

export type History =
  | {
      kind: 'indicator';
      asOf: string;
      id: string;
      title: string;
      unit: string;
      entries: ResultHistoryRow[];
      /** Milestone level names (for the revisions' targets), or null. */
      levels: string[] | null;
      revisions: RevisionHistoryRow[];
    }
  | {
      kind: 'line';
      asOf: string;
      id: string;
      title: string;
      currency: string;
      entries: SpendHistoryRow[];
      revisions: RevisionHistoryRow[];
    };

/** The history of `id` (an indicator or a budget line) as of `asOf`; undefined when neither has that id. */
export function buildHistory(fw: Framework, id: string, asOf: Day): History | undefined {
  const ind = fw.indicators.find((i) => i.id === id);
  if (ind) return indicatorHistory(fw, ind, asOf);
  const line = fw.lines.find((l) => l.id === id);
  if (!line) return undefined;
  const entries = fw.entries
    .filter((e): e is SpendEntry => e.kind === 'spend' && e.line === id && e.date <= asOf)
    .sort(byDateThenSeq);
  let total = 0n;
  const rows = entries.map((e): SpendHistoryRow => {
    total += e.planAmount;
    return {
      ...placeOf(e),
      date: formatDate(e.date),
      amount: e.amount,
      currency: e.currency,
      planAmount: e.planAmount,
      total,
      source: e.source ?? null,
      note: e.note ?? null,
      status: 'stands',
    };
  });
  return {
    kind: 'line',
    asOf: formatDate(asOf),
    id,
    title: line.title,
    currency: fw.plan.currency,
    entries: rows,
    revisions: revisionRows(fw, id, 'planned', asOf),
  };
}

/** The revisions dated ≤ D that touched `id`, in the order they apply, with from → to per year. */
function revisionRows(
  fw: Framework,
  id: string,
  kind: RevisionChange['kind'],
  asOf: Day,
): RevisionHistoryRow[] {
  const byId = new Map(fw.revisions.map((r) => [r.id, r]));
  return revisionsInForce(fw, asOf).flatMap((r) => {
    const changes = r.changes
      .filter((c) => c.kind === kind && c.id === id)
      .map((c) => ({ year: c.year, from: c.from, to: c.to }));
    if (changes.length === 0) return [];
    const rev = byId.get(r.id);
    const src = rev ? rev.src : undefined;
    return [
      {
        file: src ? src.file.name : '',
        line: src ? src.file.locate(src.path).line : 0,
        id: r.id,
        date: r.date,
        meeting: r.meeting,
        title: r.title,
        reason: r.reason,
        changes,
      },
    ];
  });
}

function indicatorHistory(fw: Framework, ind: Indicator, asOf: Day): History {
  const entries = fw.entries
    .filter((e): e is ResultEntry => e.kind === 'result' && e.indicator === ind.id && e.date <= asOf)
    .sort(byDateThenSeq);
  // Within a key, each entry is replaced by the next one (a correction); the last one stands.
  const next = new Map<ResultEntry, ResultEntry>();
  const lastOfKey = new Map<string, ResultEntry>();
  for (const e of entries) {
    const k = entryKey(e);
    const prev = lastOfKey.get(k);
    if (prev) next.set(prev, e);
    lastOfKey.set(k, e);
  }
  const rows = entries.map((e): ResultHistoryRow => {
    const by = next.get(e);
    const status = by ? (by.withdrawn ? 'withdrawn' : 'corrected') : 'stands';
    const percent =
      e.numerator !== undefined && e.denominator !== undefined ? (e.numerator / e.denominator) * 100 : null;
    return {
      ...placeOf(e),
      date: formatDate(e.date),
      period: formatPeriod(e.period),
      dims: { ...e.dims },
      value:
        e.value === undefined
          ? null
          : ind.measure === 'milestone'
            ? (ind.levels?.[e.value] ?? e.value)
            : e.value,
      numerator: e.numerator ?? null,
      denominator: e.denominator ?? null,
      percent,
      source: e.source ?? null,
      note: e.note ?? null,
      corrects: e.corrects,
      withdrawn: e.withdrawn,
      status,
      correctedBy: by ? placeOf(by) : null,
    };
  });
  return {
    kind: 'indicator',
    asOf: formatDate(asOf),
    id: ind.id,
    title: ind.title,
    unit: ind.unit,
    entries: rows,
    levels: ind.levels ?? null,
    revisions: revisionRows(fw, ind.id, 'target', asOf),
  };
}

function byDateThenSeq(a: { date: Day; seq: number }, b: { date: Day; seq: number }): number {
  return a.date - b.date || a.seq - b.seq;
}

function placeOf(e: ResultEntry | SpendEntry): EntryPlace {
  return { file: e.src.file.name, line: e.src.file.locate(e.src.path).line };
}
