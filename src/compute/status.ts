import { type Day, formatDate } from '../core/dates.js';
import type { Framework, Indicator } from '../model/framework.js';
import { programmeOf, resultIndex } from '../model/lookup.js';
import type { IndicatorStatus, Status, StatusReport, StatusSummary } from '../model/reports.js';
import { frameworkAt, originalFinal } from './in-force.js';
import { entriesByIndicator, type IndicatorFigures, indicatorFigures } from './status-trace.js';

/** Indicator status as of a day: "Figures → Indicators" of DESIGN.md, as a pure function of the framework. */

export const STATUSES: readonly Status[] = ['on-track', 'at-risk', 'off-track', 'no-data'];

export interface StatusFilter {
  /** A programme id: indicators of results in that programme. */
  programme?: string;
  /** A result id: indicators of that result and of the results below it. */
  result?: string;
  /** Keep only these statuses. */
  status?: Status[];
}

/** One point of an indicator's trend: actual so far at the end of a period with data. */
export interface SeriesPoint {
  period: string;
  end: Day;
  actual: number;
}

/**
 * IndicatorStatus plus what charts and notes need. These fields are not in the JSON contract:
 * the JSON renderer leaves them out.
 */
export interface IndicatorStatusDetail extends IndicatorStatus {
  /** Actual so far per period with data, in period order (cumulative: including the baseline). */
  series: SeriesPoint[];
  /** The target curve: baseline point, then one point per target year (31 Dec). */
  curve: { year: number; day: Day; value: number }[];
  /** Data-quality notes, e.g. a disaggregated percent period without numerators. */
  warnings: string[];
}

export interface StatusReportDetail extends StatusReport {
  indicators: IndicatorStatusDetail[];
  /** Titles of the programmes and results the listed indicators belong to, in framework order (for grouping; not in JSON). */
  programmes: { id: string; title: string }[];
  results: { id: string; title: string; level: string }[];
}

/** Status of every indicator (optionally filtered) as of `asOf`; `summary` counts the indicators listed. */
export function computeStatus(written: Framework, asOf: Day, filter: StatusFilter = {}): StatusReportDetail {
  // Targets as revised at D: a report as of a day before a revision is reproduced exactly.
  const fw = frameworkAt(written, asOf);
  const entries = entriesByIndicator(fw);
  const indicators: IndicatorStatusDetail[] = [];
  for (const ind of fw.indicators) {
    if (!matches(fw, ind, filter)) continue;
    const s = toStatus(fw, indicatorFigures(fw, ind, entries.get(ind.id) ?? [], asOf));
    if (filter.status && !filter.status.includes(s.status)) continue;
    indicators.push(s);
  }
  const summary: StatusSummary = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0 };
  for (const s of indicators) summary[s.status]++;
  const { id, title, start, end, currency } = fw.plan;
  const progs = new Set(indicators.map((i) => i.programme));
  const results = new Set(indicators.map((i) => i.result));
  return {
    asOf: formatDate(asOf),
    plan: { id, title, start, end, currency },
    indicators,
    summary,
    programmes: fw.programmes.filter((p) => progs.has(p.id)).map((p) => ({ id: p.id, title: p.title })),
    results: fw.results
      .filter((r) => results.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, level: r.level })),
  };
}

/** The status of one indicator from its figures (or its whole trace). */
export function toStatus(fw: Framework, tr: IndicatorFigures): IndicatorStatusDetail {
  const ind = tr.indicator;
  const out: IndicatorStatusDetail = {
    id: ind.id,
    result: ind.result,
    programme: programmeOf(fw, ind.result) ?? null,
    title: ind.title,
    unit: ind.unit,
    measure: ind.measure,
    direction: ind.direction,
    aggregation: ind.aggregation,
    baseline: tr.baseline,
    period: tr.latest ? tr.latest.label : null,
    actual: tr.actual,
    expected: tr.expected ? tr.expected.value : null,
    final: tr.final,
    progress: tr.progress,
    status: tr.status,
    achieved: tr.achieved,
    forecast: tr.forecast ? tr.forecast.value : null,
    overdue: tr.overdue.overdue,
    missing: tr.missing,
    incomplete: tr.incomplete,
    revisions: ind.revisedBy,
    originalFinal: originalFinal(ind),
    series: tr.periods
      .filter((p) => p.soFar !== null)
      .map((p) => ({ period: p.label, end: p.end, actual: p.soFar as number })),
    curve: tr.curve.map(({ year, day, value }) => ({ year, day, value })),
    warnings: tr.warnings,
  };
  if (ind.levels) out.levels = ind.levels;
  if (tr.breakdown) out.breakdown = tr.breakdown;
  return out;
}

function matches(fw: Framework, ind: Indicator, f: StatusFilter): boolean {
  if (f.programme !== undefined && programmeOf(fw, ind.result) !== f.programme) return false;
  if (f.result !== undefined && !isWithin(fw, ind.result, f.result)) return false;
  return true;
}

/** True when result `id` is `ancestor` or lies below it in the results chain. */
function isWithin(fw: Framework, id: string, ancestor: string): boolean {
  const byId = resultIndex(fw);
  const seen = new Set<string>();
  let cur: string | undefined = id;
  while (cur !== undefined && !seen.has(cur)) {
    if (cur === ancestor) return true;
    seen.add(cur);
    cur = byId.get(cur)?.parent;
  }
  return false;
}
