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
  /** The plan's description as written, if any. */
  description?: string | undefined;
  /** What an IATI export needs (`plan.iati`), checked against IATI's codelists; absent when not written. */
  iati?: IatiPlan | undefined;
  /** OECD DAC policy markers (`plan.markers`), in PolicyMarker code order; absent when not written. */
  markers?: PolicyMarker[] | undefined;
  /** `plan.contributes_to`: the parent frameworks this one feeds ([] when not written). */
  contributesTo: ContributesTo[];
  src: Src;
}

/** One `plan.contributes_to` item: a parent framework and the indicator mapping into it. */
export interface ContributesTo {
  /** The parent's path as written, relative to this framework's root. */
  framework: string;
  /** OWN-ID → PARENT-ID, in the order written, each with its position (the key's). */
  indicators: { own: string; parent: string; src: Src }[];
  src: Src;
}

/** An OECD DAC policy marker of the plan: the PolicyMarker code, its short name, the PolicySignificance. */
export interface PolicyMarker {
  code: string;
  name: string;
  significance: string;
}

/** A recipient country or region, or a sector, of an IATI activity. */
export interface IatiClass {
  code: string;
  /** The IATI vocabulary code (regions and sectors; '1' when not written). */
  vocabulary: string;
  percentage: number | undefined;
  name: string | undefined;
}

/** The `plan.iati` block, normalised. */
export interface IatiPlan {
  reportingOrg: { ref: string; type: string; name: string };
  /** The activity identifier (default `<reporting org ref>-<plan id>`). */
  identifier: string;
  activityStatus: string;
  description: string | undefined;
  /** ISO 639-1 code of the texts (default `en`). */
  language: string;
  countries: IatiClass[];
  regions: IatiClass[];
  sectors: IatiClass[];
  /** `extension_namespace`: the namespace URI of the nt: elements, when the publisher names one. */
  extensionNamespace: string | undefined;
  /** `indicator_vocabulary_uri`: where the publisher documents its indicator codes, when it does. */
  indicatorVocabularyUri: string | undefined;
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
  /** SDG targets the result contributes to (`sdg:`), as codes such as "11.6", in the official order. */
  sdg: string[];
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
  /** Targets by year as numbers (level indices for milestones), sorted by year; as revised at the date of a `frameworkAt` view. */
  targets: { year: number; value: number }[];
  /** The targets as written in the indicator, before any revision. */
  originalTargets: { year: number; value: number }[];
  /** Ids of the revisions in force that changed these targets, in the order applied ([] as written). */
  revisedBy: string[];
  /** The dimensions it is disaggregated by, in the order written. */
  disaggregate: string[];
  /**
   * Per dimension of `disaggregate`, the values expected to report: those written
   * (`disaggregate: {country: [CN, JP]}`), else every value of the plan's dimension, in the plan's order.
   */
  expectedValues: Record<string, string[]>;
  /** The mapping of dimensions to expected values as written (values as texts); undefined for a list. */
  expectedWritten: Record<string, string[]> | undefined;
  means_of_verification: string | undefined;
  /** SDG targets the indicator measures progress towards (`sdg:`), in the official order. */
  sdg: string[];
  src: Src;
}

export interface BudgetSource {
  id: string;
  title: string;
  /** Cash held at the plan's start, in minor units of the plan currency (0 when not given). */
  openingBalance: bigint;
  src: Src;
}

/** Who pledges and pays: a member State or a donor. */
export interface Contributor {
  id: string;
  title: string;
  src: Src;
}

/** A meeting of the governing body. */
export interface Meeting {
  id: string;
  date: Day;
  title: string | undefined;
  src: Src;
}

/** A decision that changes targets or planned money from `date` on. */
export interface Revision {
  id: string;
  /** The day it takes effect. */
  date: Day;
  meeting: string | undefined;
  title: string;
  reason: string | undefined;
  /** Per indicator: the years whose target it sets (numbers; level indices for milestones). */
  targets: Map<string, Map<number, number>>;
  /** Per budget line: the years whose planned amount it sets, in minor units of the plan currency. */
  planned: Map<string, Map<number, bigint>>;
  /** Position across the framework's files (path order, then order in the file): ties on `date` apply in this order. */
  seq: number;
  src: Src;
}

/** Dated Markdown text about the plan (`about: plan`), a programme, a result or an indicator. */
export interface Narrative {
  about: string;
  date: Day;
  text: string;
  src: Src;
}

export interface BudgetLine {
  id: string;
  title: string;
  result: string | undefined;
  source: string | undefined;
  category: string | undefined;
  /** Planned money by year, in minor units of the plan currency; as revised at the date of a `frameworkAt` view. */
  planned: Map<number, bigint>;
  /** The planned amounts as written in the line, before any revision. */
  originalPlanned: Map<number, bigint>;
  /** Ids of the revisions in force that changed these amounts, in the order applied ([] as written). */
  revisedBy: string[];
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
  /** Where an imported row came from (`imported:` as `import` writes it); absent otherwise. */
  imported?: string | undefined;
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
  /** True for a withdrawal: from its date the key has no standing value (value, numerator, denominator undefined). */
  withdrawn: boolean;
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

/** What a pledge and a contribution both say: money between a budget source and a contributor for a plan year. */
interface ResourceEntryBase extends EntryBase {
  /** The budget source id (the entry's `pledge:` or `contribution:`). */
  fund: string;
  /** The contributor id. */
  from: string;
  /** The plan year it is for (a contribution's default: its date's year). */
  year: number;
  /** Amount in minor units of `currency` (negative: a reduced pledge, a refund). */
  amount: bigint;
  currency: string;
  /** Amount converted to minor units of the plan currency, rounded per entry. */
  planAmount: bigint;
}

/** Money promised to a budget source by a contributor for a plan year. */
export interface PledgeEntry extends ResourceEntryBase {
  kind: 'pledge';
}

/** Money (or its value in kind) received by a budget source from a contributor, counted for a plan year. */
export interface ContributionEntry extends ResourceEntryBase {
  kind: 'contribution';
  /** True for an in-kind contribution: received, but not cash. */
  inKind: boolean;
}

export type MoneyEntry = (SpendEntry | PledgeEntry | ContributionEntry) & {
  /** True for a second, real payment identical to an earlier entry (`again: true`, from `record --again`). */
  again?: boolean | undefined;
};
export type Entry = ResultEntry | SpendEntry | PledgeEntry | ContributionEntry;

export interface Framework {
  /** The framework path as given. */
  root: string;
  files: SourceFile[];
  plan: Plan;
  programmes: Programme[];
  results: Result[];
  indicators: Indicator[];
  sources: BudgetSource[];
  contributors: Contributor[];
  rates: Rates;
  lines: BudgetLine[];
  meetings: Meeting[];
  /** In date order, then file order: the order they apply in. */
  revisions: Revision[];
  narratives: Narrative[];
  entries: Entry[];
}

export type { Frequency, Period };
