import type { Aggregation, Direction, Measure } from './framework.js';

/** Report data: computed once, rendered by every format. Field names follow the JSON contract. */

export type Status = 'on-track' | 'at-risk' | 'off-track' | 'no-data';

export interface BreakdownRow {
  dimension: string;
  value: string;
  /** The latest actual for this dimension value (same aggregation rule as the total); null without data. */
  actual: number | null;
}

export interface IndicatorStatus {
  id: string;
  result: string;
  programme: string | null;
  title: string;
  unit: string;
  measure: Measure;
  direction: Direction;
  aggregation: Aggregation;
  baseline: number;
  /** The latest period with an entry, e.g. "2026-Q2"; null without data. */
  period: string | null;
  actual: number | null;
  expected: number | null;
  final: number;
  progress: number | null;
  status: Status;
  achieved: boolean;
  forecast: number | null;
  overdue: boolean;
  /** Periods of the indicator's frequency, ended before D, without a total as of D (gaps included), in order. */
  missing: string[];
  /**
   * Periods with per-value entries, no total entry and some expected value without an entry, in
   * order, each with the missing values as `{dimension: value}` objects ([] if none).
   */
  incomplete: { period: string; missing: Record<string, string>[] }[];
  /** Ids of the revisions in force at D that changed its targets ([] if none). */
  revisions: string[];
  /** The final target as written, before any revision. */
  originalFinal: number;
  levels?: string[];
  breakdown?: BreakdownRow[];
}

export interface StatusSummary {
  'on-track': number;
  'at-risk': number;
  'off-track': number;
  'no-data': number;
}

export interface StatusReport {
  asOf: string;
  plan: { id: string; title: string; start: number; end: number; currency: string };
  indicators: IndicatorStatus[];
  summary: StatusSummary;
}

export type VarianceBy = 'line' | 'result' | 'programme' | 'source' | 'category' | 'year';
export type Basis = 'pro-rata' | 'year';

/** Money figures in minor units (exact); the JSON renderer turns them into numbers. */
export interface VarianceFigures {
  plannedTotal: bigint;
  plannedToDate: bigint;
  actual: bigint;
  variance: bigint;
  execution: number | null;
  remaining: bigint;
  projected: bigint | null;
  /** The planned total as written, before any revision. */
  originalPlannedTotal: bigint;
}

export interface VarianceRow extends VarianceFigures {
  key: string;
  title: string;
}

export interface VarianceReport {
  asOf: string;
  currency: string;
  /** Minor-unit digits of the currency, for rendering. */
  digits: number;
  by: VarianceBy;
  basis: Basis;
  rows: VarianceRow[];
  total: VarianceFigures;
}

/**
 * Resources ("Figures → Resources" of the contract): money in minor units of the plan currency.
 * The key sums of one (source, contributor, year) cell or of any roll-up of cells: outstanding and
 * secured are taken per cell and then added, so every roll-up adds up to the same totals.
 */
export interface FundingSums {
  /** Σ pledges. */
  pledged: bigint;
  /** Σ contributions, cash and in kind. */
  received: bigint;
  /** Σ in-kind contributions (received, but not cash). */
  inKind: bigint;
  /** Σ over cells of max(0, pledged − received). */
  outstanding: bigint;
  /** Σ over cells of max(pledged, received). */
  secured: bigint;
  /** Σ of `outstanding` over cells whose year is after D's year: promised for a later year, not in arrears. */
  notYetDue: bigint;
}

/** The figures of a source row (and of the total row). */
export interface FundingSourceFigures extends FundingSums {
  /** Planned total of the source's lines, as revised at D. */
  planned: bigint;
  /** planned − secured (negative: over-funded). */
  gap: bigint;
  /** The source's `opening_balance` (0 if absent). */
  opening: bigint;
  /** Spending of the source's lines dated ≤ D (as in `variance`). */
  spent: bigint;
  /** Cash in hand: opening + received − inKind − spent. */
  balance: bigint;
  /** received / pledged; null when pledged is 0. */
  collection: number | null;
}

/** A source row: a declared source, or `-` for the lines without a source. */
export interface FundingSourceRow extends FundingSourceFigures {
  key: string;
  title: string;
}

export interface FundingContributorRow extends FundingSums {
  key: string;
  title: string;
  /** received / pledged; null when pledged is 0. */
  collection: number | null;
}

export interface FundingYearRow extends FundingSums {
  /** The year as a string. */
  key: string;
  /** The planned amounts of all lines for that year, as revised at D. */
  planned: bigint;
  /** planned − secured. */
  gap: bigint;
}

/**
 * Where a contributor stands for a year (all sources together): `paid-in-full` — something was
 * pledged and nothing is outstanding; `paid-in-part` — something is outstanding and something was
 * received; `not-yet` — something is outstanding and nothing (net) was received; `unpledged` —
 * received without a pledge; `nothing-due` — neither (e.g. a pledge reduced to nothing);
 * `not-yet-due` — something is outstanding for a year after D's year (never "not yet paid").
 */
export type ContributionStatus =
  | 'paid-in-full'
  | 'paid-in-part'
  | 'not-yet'
  | 'not-yet-due'
  | 'unpledged'
  | 'nothing-due';

/** A row of the status-of-contributions table: one contributor and plan year with an entry as of D. */
export interface ContributionStatusRow extends FundingSums {
  /** The contributor id and title. */
  contributor: string;
  title: string;
  year: number;
  status: ContributionStatus;
}

export interface FundingReport {
  asOf: string;
  currency: string;
  /** Minor-unit digits of the currency, for rendering. */
  digits: number;
  /** Every declared source in file order, then `-` when some line has no source. */
  sources: FundingSourceRow[];
  /** Every declared contributor in file order. */
  contributors: FundingContributorRow[];
  /** Every plan year. */
  years: FundingYearRow[];
  /** The sum of the source rows. */
  total: FundingSourceFigures;
  /** The status of contributions by contributor (file order) and year, for rows with an entry as of D. */
  status: ContributionStatusRow[];
}
