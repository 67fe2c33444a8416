import { type Day, formatDate } from '../core/dates.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Framework, Level } from '../model/framework.js';
import type {
  IndicatorStatus,
  Status,
  StatusSummary,
  VarianceReport,
  VarianceRow,
} from '../model/reports.js';
import { computeStatus, type IndicatorStatusDetail, type StatusReportDetail } from './status.js';
import { computeVariance } from './variance.js';

/**
 * The meeting report's data: the status report, the budget by programme and by source, and the
 * facts of the title block and the notes. Every figure comes from computeStatus / computeVariance;
 * this module only arranges them (grouping by programme, counting, picking the notes).
 */

/** Which way the latest actual moved against the one before it, and whether that is the good way. */
export interface Trend {
  direction: 'up' | 'down' | 'flat';
  /** True when the move is in the indicator's direction, false against it, null when flat. */
  improving: boolean | null;
  /** The actual-so-far values, oldest first (for a sparkline). */
  values: number[];
}

/** An indicator as the report shows it: its status row and its trend (null with fewer than two points). */
export interface ReportIndicator {
  status: IndicatorStatusDetail;
  trend: Trend | null;
}

/** A result (outcome or output) of a programme with the indicators that measure it. */
export interface ReportResult {
  id: string;
  level: Level;
  title: string;
  /** The parent result, if any (an output's outcome). */
  parent: string | undefined;
  indicators: ReportIndicator[];
}

/** One programme area: delivery (results, indicators) next to burn (its budget-by-programme row). */
export interface ReportProgramme {
  /** The programme id, or `-` for indicators whose result belongs to no programme. */
  id: string;
  title: string;
  results: ReportResult[];
  /** The programme's row of the variance-by-programme report; null when no budget line is linked to it. */
  budget: VarianceRow | null;
  summary: StatusSummary;
}

/** Ledger entries that exist as of the report date. */
export interface EntryCounts {
  total: number;
  results: number;
  spending: number;
}

/** The data-quality notes. */
export interface ReportNotes {
  /** Validation warnings of the checked framework, in validate's order. */
  warnings: Diagnostic[];
  /** Indicators whose next period has ended without an entry. */
  overdue: IndicatorStatusDetail[];
  /** Per-indicator warnings carried by the status computation (e.g. a percentage period without numerators). */
  indicatorWarnings: { indicator: string; message: string }[];
  /** Ledger entries (as of the report date) whose `source` is `illustrative`. */
  illustrative: EntryCounts;
}

/** Executive-summary facts (counts only; the money comes straight from the variance total). */
export interface ReportSummary {
  indicators: number;
  byStatus: StatusSummary;
  achieved: number;
  overdue: number;
  offTrack: IndicatorStatusDetail[];
  atRisk: IndicatorStatusDetail[];
}

export interface ReportData {
  asOf: string;
  /** The date the report was generated (today), YYYY-MM-DD. */
  generated: string;
  /** The framework path as shown to the reader. */
  framework: string;
  plan: StatusReportDetail['plan'];
  entries: EntryCounts;
  status: StatusReportDetail;
  budget: { byProgramme: VarianceReport; bySource: VarianceReport };
  summary: ReportSummary;
  programmes: ReportProgramme[];
  notes: ReportNotes;
  /** The rating thresholds, stated in the report's method note. */
  rating: { on_track: number; at_risk: number };
}

/** What the report needs besides the two computations. */
export interface ReportFacts {
  generated: Day;
  framework: string;
  diagnostics: readonly Diagnostic[];
}

/** Arranges a status report and the two variance reports into the meeting report. Pure. */
function assembleReport(
  fw: Framework,
  asOf: Day,
  status: StatusReportDetail,
  byProgramme: VarianceReport,
  bySource: VarianceReport,
  facts: ReportFacts,
): ReportData {
  const inForce = fw.entries.filter((e) => e.date <= asOf);
  const entries = countEntries(inForce);
  const illustrative = countEntries(inForce.filter((e) => e.source === 'illustrative'));

  const byIndicator = new Map<string, IndicatorStatusDetail[]>();
  for (const s of status.indicators) {
    const list = byIndicator.get(s.result) ?? [];
    list.push(s);
    byIndicator.set(s.result, list);
  }

  const budgetRows = new Map(byProgramme.rows.map((r) => [r.key, r]));
  const programmes: ReportProgramme[] = fw.programmes.map((p) => {
    const results = resultsOf(fw, p.id)
      .map((r) => ({
        id: r.id,
        level: r.level,
        title: r.title,
        parent: r.parent,
        indicators: (byIndicator.get(r.id) ?? []).map(reportIndicator),
      }))
      .filter((r) => r.indicators.length > 0 || r.level !== 'impact');
    return {
      id: p.id,
      title: p.title,
      results,
      budget: budgetRows.get(p.id) ?? null,
      summary: summarise(results.flatMap((r) => r.indicators.map((i) => i.status))),
    };
  });
  // Indicators whose result reaches no programme (e.g. on an impact) still get a section.
  const homeless = status.indicators.filter(
    (s) => s.programme === null || !fw.programmes.some((p) => p.id === s.programme),
  );
  if (homeless.length > 0 || budgetRows.has('-')) {
    const resultIds = [...new Set(homeless.map((s) => s.result))];
    const results = resultIds.map((id) => {
      const r = fw.results.find((x) => x.id === id);
      return {
        id,
        level: r?.level ?? ('impact' as Level),
        title: r?.title ?? id,
        parent: r?.parent,
        indicators: homeless.filter((s) => s.result === id).map(reportIndicator),
      };
    });
    programmes.push({
      id: '-',
      title: 'Not linked to a programme area',
      results,
      budget: budgetRows.get('-') ?? null,
      summary: summarise(homeless),
    });
  }

  const statusWarnings = status.indicators.flatMap((s) =>
    s.warnings.map((message) => ({ indicator: s.id, message })),
  );

  return {
    asOf: formatDate(asOf),
    generated: formatDate(facts.generated),
    framework: facts.framework,
    plan: status.plan,
    entries,
    status,
    budget: { byProgramme, bySource },
    summary: {
      indicators: status.indicators.length,
      byStatus: status.summary,
      achieved: status.indicators.filter((s) => s.achieved).length,
      overdue: status.indicators.filter((s) => s.overdue).length,
      offTrack: status.indicators.filter((s) => s.status === 'off-track'),
      atRisk: status.indicators.filter((s) => s.status === 'at-risk'),
    },
    programmes,
    notes: {
      warnings: facts.diagnostics.filter((d) => d.severity === 'warning'),
      overdue: status.indicators.filter((s) => s.overdue),
      indicatorWarnings: statusWarnings,
      illustrative,
    },
    rating: { ...fw.plan.rating },
  };
}

/** The trend of a series of actual-so-far values: the last against the one before. */
function trendOf(values: readonly number[], direction: 'increase' | 'decrease'): Trend | null {
  if (values.length < 2) return null;
  const last = values[values.length - 1] as number;
  const before = values[values.length - 2] as number;
  const dir = last > before ? 'up' : last < before ? 'down' : 'flat';
  const improving = dir === 'flat' ? null : (dir === 'up') === (direction === 'increase');
  return { direction: dir, improving, values: [...values] };
}

function reportIndicator(s: IndicatorStatusDetail): ReportIndicator {
  return {
    status: s,
    trend: trendOf(
      s.series.map((p) => p.actual),
      s.direction,
    ),
  };
}

function countEntries(list: Framework['entries']): EntryCounts {
  const results = list.filter((e) => e.kind === 'result').length;
  return { total: list.length, results, spending: list.length - results };
}

/** Counts indicators by status. */
function summarise(list: readonly IndicatorStatus[]): StatusSummary {
  const out: Record<Status, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0 };
  for (const s of list) out[s.status] += 1;
  return out;
}

/** A programme's results in chain order: each outcome followed by its outputs, in file order. */
function resultsOf(fw: Framework, programme: string): Framework['results'] {
  const own = fw.results.filter((r) => r.programme === programme);
  const out: Framework['results'] = [];
  const seen = new Set<string>();
  const visit = (r: Framework['results'][number]) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    out.push(r);
    for (const c of fw.results) if (c.parent === r.id && c.programme === undefined) visit(c);
  };
  for (const r of own) visit(r);
  return out;
}

/** The meeting report as of `asOf`: status of every indicator, budget by programme (pro rata) and by source. */
export function computeReport(fw: Framework, asOf: Day, facts: ReportFacts): ReportData {
  return assembleReport(
    fw,
    asOf,
    computeStatus(fw, asOf),
    computeVariance(fw, asOf, 'programme', 'pro-rata'),
    computeVariance(fw, asOf, 'source', 'pro-rata'),
    facts,
  );
}
