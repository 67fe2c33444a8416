import { type Day, yearEnd, yearStart } from '../core/dates.js';
import { currencyDigits, isCurrencyCode } from '../core/money.js';
import { SpanTable } from '../core/span-table.js';
import type { BudgetLine, Entry, Framework, Indicator, Plan, ResultEntry } from '../model/framework.js';
import { Periods } from './entry-fields.js';
import { suggester } from './schema-issues.js';

/** What the entry decoders look ids up in, and what they keep between entries of one ledger. */

/** The framework's id lists an entry is checked against. */
export interface EntryLookup {
  indicators: Map<string, Indicator>;
  lines: Map<string, BudgetLine>;
  sources: Set<string>;
  contributors: Set<string>;
  fw: Framework;
  /** Ids of indicators and lines that exist but failed their own checks (reported there). */
  invalidIds: ReadonlySet<string>;
  /** Did-you-mean over each id list, shared by every entry (schema-issues.ts `suggester`). */
  didYouMean: Record<'indicator' | 'line' | 'source' | 'contributor', (input: unknown) => string>;
}

/** The id lists an entry is checked against. */
export function entryLookup(fw: Framework, invalidIds: ReadonlySet<string> = new Set()): EntryLookup {
  return {
    indicators: new Map(fw.indicators.map((i) => [i.id, i])),
    lines: new Map(fw.lines.map((l) => [l.id, l])),
    sources: new Set(fw.sources.map((x) => x.id)),
    contributors: new Set(fw.contributors.map((c) => c.id)),
    fw,
    invalidIds,
    didYouMean: {
      indicator: suggester(() => fw.indicators.map((i) => i.id)),
      line: suggester(() => fw.lines.map((l) => l.id)),
      source: suggester(() => fw.sources.map((x) => x.id)),
      contributor: suggester(() => fw.contributors.map((c) => c.id)),
    },
  };
}

/**
 * One ledger's decoding state: the lookups, and what entries share. Entries share their period
 * and disaggregation objects: a million monthly entries hold 60 periods and a few dozen
 * `{country: MN}` objects, not a million of each.
 */
export interface DecodeContext {
  lk: EntryLookup;
  periods: Periods;
  /** Per dimension name, per value: the shared one-dimension `dims` object. */
  dims: Map<string, Map<string, Record<string, string>>>;
  /** The plan's first and last day (±Infinity when the plan ends before it starts). */
  planStart: Day;
  planEnd: Day;
  /** The plan currency's digits (2 when the plan currency is not a code: reported at the plan). */
  planDigits: number;
  /** Digits per currency met, null for a code not in ISO 4217. */
  digits: Map<string, number | null>;
  /**
   * The plan's dimension names, less any Object.prototype has (`constructor`…): the line reader
   * leaves those to the object reader.
   */
  dimNames: string[];
  /** The plan's indicators, budget lines, sources and contributors, found by a span of a line. */
  indicatorSpans: SpanTable<Indicator>;
  lineSpans: SpanTable<BudgetLine>;
  /**
   * While set, an entry of a kind not in it is checked in full but not built: a result comes back
   * as `scratch` (one object, refilled for each: its key, date, flags and seq), any other kind as
   * a shared stand-in of its kind. Set only around the line reader (normalise/entries.ts).
   */
  keep: ReadonlySet<Entry['kind']> | undefined;
  scratch: ResultEntry;
}

export const NO_DIMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A fresh decoding state for one check of the framework's ledger. */
export function decodeContext(lk: EntryLookup): DecodeContext {
  const plan = lk.fw.plan;
  return {
    lk,
    periods: new Periods(),
    dims: new Map(),
    planStart: yearsKnown(plan) ? yearStart(plan.start) : Number.NEGATIVE_INFINITY,
    planEnd: yearsKnown(plan) ? yearEnd(plan.end) : Number.POSITIVE_INFINITY,
    planDigits: isCurrencyCode(plan.currency) ? currencyDigits(plan.currency) : 2,
    digits: new Map(),
    dimNames: Object.keys(plan.dimensions).filter((k) => !(k in {})),
    indicatorSpans: new SpanTable(lk.indicators),
    lineSpans: new SpanTable(lk.lines),
    keep: undefined,
    scratch: {
      kind: 'result',
      seq: 0,
      date: 0,
      note: undefined,
      source: undefined,
      src: { file: plan.src.file, path: [] },
      indicator: '',
      period: { year: 0, frequency: 'annual', index: 1 },
      value: undefined,
      numerator: undefined,
      denominator: undefined,
      dims: NO_DIMS,
      corrects: false,
      withdrawn: false,
    },
  };
}

/** The digits of a currency, or null when it is not an ISO 4217 code (looked up once per code). */
export function digitsOf(cx: DecodeContext, currency: string): number | null {
  let d = cx.digits.get(currency);
  if (d === undefined) {
    d = isCurrencyCode(currency) ? currencyDigits(currency) : null;
    cx.digits.set(currency, d);
  }
  return d;
}

/** False when the plan ends before it starts: that one error stands, and year checks against it are skipped. */
export function yearsKnown(plan: Plan): boolean {
  return plan.end >= plan.start;
}

/** The rate of a currency for a date: the month's, else the year's. */
export function findRate(fw: Framework, currency: string, date: string): string | undefined {
  const m = fw.rates.get(currency);
  return m?.get(date.slice(0, 7)) ?? m?.get(date.slice(0, 4));
}
