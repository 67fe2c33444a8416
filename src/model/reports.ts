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
