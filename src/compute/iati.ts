import { maxOf } from '../core/arrays.js';
import { type Day, formatDate, yearEnd, yearStart } from '../core/dates.js';
import { currencyDigits, formatMinor } from '../core/money.js';
import { formatPeriod } from '../core/periods.js';
import { compareSdgTargets } from '../core/sdg.js';
import type {
  BudgetLine,
  ContributionEntry,
  Framework,
  IatiClass,
  IatiPlan,
  Indicator,
  Level,
  Measure,
  PledgeEntry,
  SpendEntry,
} from '../model/framework.js';
import { programmeOf } from '../model/lookup.js';
import { frameworkAt } from './in-force.js';
import { breakdown, entriesByIndicator, indicatorFigures, type PeriodFigure } from './status-trace.js';

/**
 * The plan as one IATI activity as of a day (docs/iati.md): every figure the XML carries, worked
 * out here and handed to src/export/iati.ts as text. Targets and planned money are as in force at
 * D (frameworkAt); only ledger entries dated on or before D count. Pure.
 */

/** An organisation as IATI names it: an identifier and a type where known, always a name. */
export interface IatiOrg {
  ref: string | undefined;
  type: string | undefined;
  name: string;
  /** The activity of this organisation the money comes from or goes to (provider/receiver-activity-id). */
  activityId?: string;
}

export interface IatiBudgetLine {
  id: string;
  value: string;
}

export interface IatiBudget {
  /** BudgetType: '1' original, '2' revised. */
  type: '1' | '2';
  year: number;
  start: string;
  end: string;
  value: string;
  valueDate: string;
  /** The lines behind the value (neaspec-track's extension): each line naming the year, in file order. */
  lines: IatiBudgetLine[];
  /** For a revised year: the revisions in force that set its amounts. */
  revisions: string[];
}

export interface IatiTransaction {
  /** TransactionType: '1' incoming funds, '4' expenditure, '13' incoming pledge. */
  type: '1' | '4' | '13';
  /** Where the entry is written: file:line. */
  ref: string;
  date: string;
  value: string;
  /** The entry's currency; the activity's default when it is the plan currency. */
  currency: string;
  description: string;
  provider: IatiOrg | undefined;
  receiver: IatiOrg | undefined;
  /** neaspec-track's extension: what the entry names, and its value in the plan currency. */
  ext: Record<string, string>;
}

/** A value with what IATI allows beside it: a comment, and one dimension per disaggregated value. */
export interface IatiValue {
  value: string;
  comment: string | undefined;
  dimension?: { name: string; value: string };
}

export interface IatiPeriod {
  year: number;
  start: string;
  end: string;
  target: IatiValue | undefined;
  /** The year's total first, then one per dimension value with data. */
  actuals: IatiValue[];
}

export interface IatiIndicator {
  id: string;
  /** IndicatorMeasure: '1' unit, '2' percentage, '4' ordinal. */
  measure: string;
  ascending: boolean;
  title: string;
  description: string;
  baseline: { year: number; value: IatiValue };
  /** The plan years with a target or an actual (a year with neither is left out). */
  periods: IatiPeriod[];
}

export interface IatiResult {
  id: string;
  /** ResultType: '1' output, '2' outcome, '3' impact. */
  type: string;
  title: string;
  programme: string | undefined;
  indicators: IatiIndicator[];
}

export interface IatiActivity {
  asOf: string;
  /** The namespace URI of neaspec-track's extension elements (`plan.iati.extension_namespace`, else the project's URN). */
  extensionNamespace: string;
  /** `indicator-uri` of the indicators' references (IATI: the URI where the vocabulary is defined) (`plan.iati.indicator_vocabulary_uri`), if given. */
  indicatorVocabularyUri: string | undefined;
  identifier: string;
  reportingOrg: { ref: string; type: string; name: string };
  language: string;
  currency: string;
  title: string;
  description: string;
  participating: (IatiOrg & { role: string })[];
  status: string;
  dates: { type: string; date: string }[];
  countries: IatiClass[];
  regions: IatiClass[];
  sectors: IatiClass[];
  /** `tag` (TagVocabulary 3): every SDG target a result or an indicator names, in the official order. */
  sdgTargets: string[];
  /** `policy-marker` (vocabulary 1, OECD DAC): the plan's markers with their significance. */
  policyMarkers: { code: string; significance: string }[];
  budgets: IatiBudget[];
  transactions: IatiTransaction[];
  results: IatiResult[];
  /** Results left out: IATI needs at least one indicator per result. */
  resultsWithoutIndicators: string[];
}

/**
 * The namespace of neaspec-track's extension elements when `plan.iati.extension_namespace` names
 * none: a URN of the project's own, since the project has no public address to name (docs/iati.md).
 * A namespace name is an identifier, never fetched.
 */
export const DEFAULT_EXTENSION_NAMESPACE = 'urn:neaspec-track:iati-extension';

export const RESULT_TYPE: Record<Level, string> = { output: '1', outcome: '2', impact: '3' };
const REPORTED = { annual: 'yearly', semiannual: 'twice a year', quarterly: 'quarterly', monthly: 'monthly' };

export const INDICATOR_MEASURE: Record<Measure, string> = { number: '1', percent: '2', milestone: '4' };

/** The activity as of `asOf`; `fileOf` names an entry's file as the transaction's @ref shows it. */
export function computeIati(
  written: Framework,
  iati: IatiPlan,
  asOf: Day,
  fileOf: (name: string) => string = (n) => n,
): IatiActivity {
  const fw = frameworkAt(written, asOf);
  const plan = fw.plan;
  const money = (minor: bigint) => formatMinor(minor, plan.digits, { grouping: false });
  const self: IatiOrg = {
    ref: iati.reportingOrg.ref,
    type: iati.reportingOrg.type,
    name: iati.reportingOrg.name,
    activityId: iati.identifier,
  };
  const { results, without } = computeResults(fw, asOf);
  return {
    asOf: formatDate(asOf),
    extensionNamespace: iati.extensionNamespace ?? DEFAULT_EXTENSION_NAMESPACE,
    indicatorVocabularyUri: iati.indicatorVocabularyUri,
    identifier: iati.identifier,
    reportingOrg: iati.reportingOrg,
    language: iati.language,
    currency: plan.currency,
    title: plan.title,
    description: iati.description ?? plan.description ?? plan.title,
    participating: [
      { role: '4', ref: self.ref, type: self.type, name: self.name },
      ...fw.contributors.map((c) => ({ role: '1', ref: undefined, type: undefined, name: c.title })),
    ],
    status: iati.activityStatus,
    dates: [
      { type: '1', date: formatDate(yearStart(plan.start)) },
      { type: '3', date: formatDate(yearEnd(plan.end)) },
    ],
    countries: iati.countries,
    regions: iati.regions,
    sectors: iati.sectors,
    sdgTargets: [
      ...new Set([...fw.results.flatMap((r) => r.sdg), ...fw.indicators.flatMap((i) => i.sdg)]),
    ].sort(compareSdgTargets),
    policyMarkers: (plan.markers ?? []).map((m) => ({ code: m.code, significance: m.significance })),
    budgets: computeBudgets(fw, asOf, money),
    transactions: computeTransactions(fw, asOf, self, money, fileOf),
    results,
    resultsWithoutIndicators: without,
  };
}

/** Per year the lines name: the original budget (as written), and a revised one where revisions in force changed a line's amount. */
function computeBudgets(fw: Framework, asOf: Day, money: (m: bigint) => string): IatiBudget[] {
  const years = new Set<number>();
  for (const l of fw.lines) {
    for (const y of l.originalPlanned.keys()) years.add(y);
    for (const y of l.planned.keys()) years.add(y);
  }
  const inForce = fw.revisions.filter((r) => r.date <= asOf);
  const out: IatiBudget[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const period = { year, start: formatDate(yearStart(year)), end: formatDate(yearEnd(year)) };
    const of = (amounts: (l: BudgetLine) => Map<number, bigint>) => {
      const lines = fw.lines.filter((l) => amounts(l).has(year));
      const total = lines.reduce((s, l) => s + (amounts(l).get(year) as bigint), 0n);
      return { total, lines: lines.map((l) => ({ id: l.id, value: money(amounts(l).get(year) as bigint) })) };
    };
    const original = of((l) => l.originalPlanned);
    out.push({
      type: '1',
      ...period,
      value: money(original.total),
      valueDate: period.start,
      lines: original.lines,
      revisions: [],
    });
    const changed = fw.lines.filter((l) => l.planned.get(year) !== l.originalPlanned.get(year));
    if (changed.length === 0) continue;
    // The revisions in force that set this year's amount of a changed line; the latest one dates the value.
    const setting = inForce.filter((r) => changed.some((l) => r.planned.get(l.id)?.has(year)));
    const revised = of((l) => l.planned);
    out.push({
      type: '2',
      ...period,
      value: money(revised.total),
      valueDate: formatDate(maxOf(setting.map((r) => r.date))),
      lines: revised.lines,
      revisions: setting.map((r) => r.id),
    });
  }
  return out;
}

/** One transaction per ledger entry of money dated on or before D, in date order (then ledger order). */
function computeTransactions(
  fw: Framework,
  asOf: Day,
  self: IatiOrg,
  money: (m: bigint) => string,
  fileOf: (name: string) => string,
): IatiTransaction[] {
  const lines = new Map(fw.lines.map((l) => [l.id, l]));
  const sources = new Map(fw.sources.map((s) => [s.id, s]));
  const contributors = new Map(fw.contributors.map((c) => [c.id, c]));
  const entries = fw.entries
    .filter((e): e is SpendEntry | PledgeEntry | ContributionEntry => e.kind !== 'result' && e.date <= asOf)
    .sort((a, b) => a.date - b.date || a.seq - b.seq);
  return entries.map((e): IatiTransaction => {
    const digits = currencyDigits(e.currency);
    const common = {
      ref: `${fileOf(e.src.file.name)}:${e.src.file.locate(e.src.path).line}`,
      date: formatDate(e.date),
      value: formatMinor(e.amount, digits, { grouping: false }),
      currency: e.currency,
    };
    const converted: Record<string, string> =
      e.currency === fw.plan.currency ? {} : { 'plan-value': money(e.planAmount) };
    const note = e.note ? `: ${e.note}` : '';
    if (e.kind === 'spend') {
      const line = lines.get(e.line);
      return {
        type: '4',
        ...common,
        description: `${e.line} ${line?.title ?? ''}`.trim() + note,
        provider: self,
        receiver: undefined,
        ext: { 'budget-line': e.line, ...converted },
      };
    }
    const from = contributors.get(e.from);
    const fund = sources.get(e.fund);
    const giver: IatiOrg = { ref: undefined, type: undefined, name: from?.title ?? e.from };
    const what =
      e.kind === 'pledge'
        ? `Pledge to ${fund?.title ?? e.fund} for ${e.year}`
        : `${e.inKind ? 'In-kind contribution' : 'Contribution'} to ${fund?.title ?? e.fund} for ${e.year}`;
    return {
      type: e.kind === 'pledge' ? '13' : '1',
      ...common,
      description: what + note,
      provider: giver,
      receiver: self,
      ext: {
        source: e.fund,
        contributor: e.from,
        year: String(e.year),
        ...(e.kind === 'contribution' ? { kind: e.inKind ? 'in-kind' : 'cash' } : {}),
        ...converted,
      },
    };
  });
}

function computeResults(fw: Framework, asOf: Day): { results: IatiResult[]; without: string[] } {
  const entries = entriesByIndicator(fw);
  const byResult = new Map<string, Indicator[]>();
  for (const ind of fw.indicators) {
    const list = byResult.get(ind.result);
    if (list) list.push(ind);
    else byResult.set(ind.result, [ind]);
  }
  const results: IatiResult[] = [];
  const without: string[] = [];
  for (const r of fw.results) {
    const inds = byResult.get(r.id);
    if (!inds) {
      without.push(r.id);
      continue;
    }
    results.push({
      id: r.id,
      type: RESULT_TYPE[r.level],
      title: r.title,
      programme: programmeOf(fw, r.id),
      indicators: inds.map((ind) => computeIndicator(fw, ind, entries.get(ind.id) ?? [], asOf)),
    });
  }
  return { results, without };
}

function computeIndicator(
  fw: Framework,
  ind: Indicator,
  entries: Parameters<typeof indicatorFigures>[2],
  asOf: Day,
): IatiIndicator {
  const tr = indicatorFigures(fw, ind, entries, asOf);
  const shown = (value: number): IatiValue => ({
    value: String(value),
    comment: ind.levels ? ind.levels[value] : undefined,
  });
  const original = new Map(ind.originalTargets.map((t) => [t.year, t.value]));
  const periods: IatiPeriod[] = [];
  for (let year = fw.plan.start; year <= fw.plan.end; year++) {
    const t = ind.targets.find((x) => x.year === year);
    let target: IatiValue | undefined;
    if (t) {
      target = shown(t.value);
      const was = original.get(year);
      if (ind.revisedBy.length > 0 && was !== t.value) {
        const before = was === undefined ? 'no target' : ind.levels ? ind.levels[was] : String(was);
        target.comment = [target.comment, `revised (${ind.revisedBy.join(', ')}; originally ${before})`]
          .filter(Boolean)
          .join('; ');
      }
    }
    const actuals = yearActuals(fw, ind, tr.periods, year, shown);
    // A year with neither a target nor an actual says nothing: IATI's period is left out.
    if (target === undefined && actuals.length === 0) continue;
    periods.push({
      year,
      start: formatDate(yearStart(year)),
      end: formatDate(yearEnd(year)),
      target,
      actuals,
    });
  }
  const facts = [
    `Unit: ${ind.unit}.`,
    ind.aggregation === 'cumulative'
      ? "Cumulative: each year's actual is the baseline plus every value reported to the year's end."
      : "Level: each year's actual is the latest value reported for it.",
    `Reported ${REPORTED[ind.frequency]}.`,
    ind.levels ? `Levels (ordinal, from 0): ${ind.levels.map((l, i) => `${i} ${l}`).join(', ')}.` : '',
    ind.means_of_verification ? `Means of verification: ${ind.means_of_verification}.` : '',
  ];
  return {
    id: ind.id,
    measure: INDICATOR_MEASURE[ind.measure],
    ascending: ind.direction === 'increase',
    title: ind.title,
    description: facts.filter(Boolean).join(' '),
    baseline: { year: ind.baseline.year, value: shown(ind.baseline.value) },
    periods,
  };
}

/**
 * A year's standing figure: the actual so far at the latest period of the year with a total (for
 * a cumulative indicator the baseline plus everything up to it, as the targets count), then one
 * actual per dimension value — that value's own figure, aggregated the same way (status's breakdown).
 */
function yearActuals(
  fw: Framework,
  ind: Indicator,
  periods: PeriodFigure[],
  year: number,
  shown: (v: number) => IatiValue,
): IatiValue[] {
  const inYear = periods.filter((p) => p.period.year === year && p.soFar !== null);
  const last = inYear[inYear.length - 1];
  if (!last) return [];
  const total = shown(last.soFar as number);
  const notes = [total.comment];
  if (ind.frequency !== 'annual') notes.push(`as of ${formatPeriod(last.period)}`);
  // A percentage from numerators: the counts behind it (Σ per-value counts, or the total entry's own).
  const counts =
    last.rule === 'ratio'
      ? last
      : last.rule === 'total-entry'
        ? (last.parts[0] as PeriodFigure['parts'][number])
        : undefined;
  if (counts?.numerator !== undefined && counts.denominator !== undefined)
    notes.push(`${counts.numerator} of ${counts.denominator}`);
  total.comment = notes.filter(Boolean).join('; ') || undefined;
  if (ind.disaggregate.length === 0) return [total];
  const upTo =
    ind.aggregation === 'cumulative'
      ? periods.filter((p) => p.period.year <= year && p.end <= last.end)
      : [last];
  const parts = breakdown(fw, ind, upTo)
    .filter((row) => row.actual !== null)
    .map((row) => ({
      ...shown(row.actual as number),
      dimension: { name: row.dimension, value: row.value },
    }));
  return [total, ...parts];
}
