import type { Day } from '../core/dates.js';
import type { Frequency, Period } from '../core/periods.js';
import type { SourceFile, Src } from './source.js';

/** The normalised framework: what every computation receives, already checked. */

export type Level = 'impact' | 'outcome' | 'output';
export type Measure = 'number' | 'percent' | 'milestone';
export type Direction = 'increase' | 'decrease';
export type Aggregation = 'cumulative' | 'level';

export interface Rating {
  on_track: number;
  at_risk: number;
}

export interface Plan {
  id: string;
  title: string;
  start: number;
  end: number;
  currency: string;
  /** Minor-unit digits of the plan currency (2 for USD, 0 for KRW). */
  digits: number;
  dimensions: Record<string, string[]>;
  rating: Rating;
  src: Src;
}

export interface Programme {
  id: string;
  title: string;
  src: Src;
}

export interface Result {
  id: string;
  level: Level;
  title: string;
  /** The programme as written (outcomes); outputs inherit theirs — see programmeOf in lookup.ts. */
  programme: string | undefined;
  parent: string | undefined;
  src: Src;
}

export interface Indicator {
  id: string;
  result: string;
  title: string;
  unit: string;
  measure: Measure;
  direction: Direction;
  aggregation: Aggregation;
  frequency: Frequency;
  /** Milestone level names, in order; value indices count from 0. */
  levels: string[] | undefined;
  /** Baseline as a number (a level index for milestones). */
  baseline: { year: number; value: number };
  /** Targets by year as numbers (level indices for milestones), sorted by year. */
  targets: { year: number; value: number }[];
  disaggregate: string[];
  means_of_verification: string | undefined;
  src: Src;
}

export interface BudgetSource {
  id: string;
  title: string;
  src: Src;
}

export interface BudgetLine {
  id: string;
  title: string;
  result: string | undefined;
  source: string | undefined;
  category: string | undefined;
  /** Planned money by year, in minor units of the plan currency. */
  planned: Map<number, bigint>;
  src: Src;
}

/** An exchange rate: plan-currency value of one unit, as an exact decimal text. Keyed by `YYYY` or `YYYY-MM`. */
export type Rates = Map<string, Map<string, string>>;

interface EntryBase {
  /** Position in the ledger across all files (file path order, then order in the file). */
  seq: number;
  date: Day;
  note: string | undefined;
  source: string | undefined;
  src: Src;
}

export interface ResultEntry extends EntryBase {
  kind: 'result';
  indicator: string;
  period: Period;
  /** The value as a number (a level index for milestones); undefined when numerator/denominator are given. */
  value: number | undefined;
  numerator: number | undefined;
  denominator: number | undefined;
  /** Disaggregation values, e.g. {country: 'MN'}; empty for a total entry. */
  dims: Record<string, string>;
  corrects: boolean;
}

export interface SpendEntry extends EntryBase {
  kind: 'spend';
  line: string;
  /** Amount in minor units of `currency`. */
  amount: bigint;
  currency: string;
  /** Amount converted to minor units of the plan currency. */
  planAmount: bigint;
}

export type Entry = ResultEntry | SpendEntry;

export interface Framework {
  /** The framework path as given. */
  root: string;
  files: SourceFile[];
  plan: Plan;
  programmes: Programme[];
  results: Result[];
  indicators: Indicator[];
  sources: BudgetSource[];
  rates: Rates;
  lines: BudgetLine[];
  entries: Entry[];
}

export type { Frequency, Period };
