import type { Frequency, Period } from '../core/periods.js';
import type { ResultEntry } from '../model/framework.js';

/**
 * Numbers for the keys of one indicator's result entries, so that finding the standing entries and
 * grouping them by period needs no string per entry: at a million entries, building a text key per
 * entry cost more than all the figures. A key is (period, disaggregation), as in "Corrections" of
 * DESIGN.md; two keys are equal exactly when their periods are equal and their `dims` have the same
 * names and values (the same identity the text key `indicator|period|name=value,…` gives).
 */

const FREQUENCY_CODE: Record<Frequency, number> = { annual: 0, semiannual: 1, quarterly: 2, monthly: 3 };

/** A number that is equal for two periods exactly when they are the same period. */
export function periodCode(p: Period): number {
  return (p.year * 4 + FREQUENCY_CODE[p.frequency]) * 16 + p.index;
}

/** What the figures need to know of one disaggregation (`dims`), worked out once per distinct one. */
export interface DimsInfo {
  /** Dense id: 0, 1, 2, … in order of first appearance. */
  id: number;
  /** True for a total entry (no disaggregation). */
  total: boolean;
  /** The dimension names, sorted and joined by `+` (the shape named in the mixed-shapes warning). */
  shape: string;
}

/** Ids for the periods and disaggregations of one list of entries (one indicator's). */
export class ResultKeys {
  // Entries share their period and dims objects when the ledger was read by the fast path
  // (normalise/entry-context.ts): the lookup by object finds almost all; the lookup by content
  // keeps the ids right for objects that are not shared.
  private readonly dimsByObject = new Map<Record<string, string>, DimsInfo>();
  private readonly dimsByText = new Map<string, DimsInfo>();
  private readonly periodIds = new Map<number, number>();
  private lastPeriod: Period | undefined;
  private lastPeriodId = 0;
  /** More than the number of distinct periods or disaggregations: ids stay below it, so keys never collide. */
  private readonly span: number;

  constructor(entries: readonly ResultEntry[]) {
    this.span = entries.length + 1;
  }

  /** The dims' info, made on first sight. */
  dims(dims: Record<string, string>): DimsInfo {
    let info = this.dimsByObject.get(dims);
    if (info !== undefined) return info;
    const names = Object.keys(dims).sort();
    const text = names.map((k) => `${k}=${dims[k]}`).join(',');
    info = this.dimsByText.get(text);
    if (info === undefined) {
      info = { id: this.dimsByText.size, total: names.length === 0, shape: names.join('+') };
      this.dimsByText.set(text, info);
    }
    this.dimsByObject.set(dims, info);
    return info;
  }

  /** Dense id of the period: 0, 1, 2, … in order of first appearance. */
  period(p: Period): number {
    // Entries of one key, or of one period, tend to come together: the last period answers most.
    if (p === this.lastPeriod) return this.lastPeriodId;
    const code = periodCode(p);
    let id = this.periodIds.get(code);
    if (id === undefined) {
      id = this.periodIds.size;
      this.periodIds.set(code, id);
    }
    this.lastPeriod = p;
    this.lastPeriodId = id;
    return id;
  }

  /** The entry's key as a number (the ids of one `ResultKeys` are below `span`, so the product is exact). */
  key(e: ResultEntry): number {
    return this.period(e.period) * this.span + this.dims(e.dims).id;
  }
}
