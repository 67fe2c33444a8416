import { type Day, formatDate } from '../core/dates.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Framework, Level } from '../model/framework.js';
import { programmeOf } from '../model/lookup.js';
import type {
  FundingReport,
  IndicatorStatus,
  Status,
  StatusSummary,
  VarianceReport,
  VarianceRow,
} from '../model/reports.js';
import { computeFunding } from './funding.js';
import { frameworkAt } from './in-force.js';
import type { PortfolioReport } from './portfolio.js';
import { type ReportRevision, revisionsInForce } from './revisions.js';
import { computeSdgGoals, type SdgGoal } from './sdg-goals.js';
import { computeSince, lastMeetingBefore, type SinceData } from './since.js';

export type { ReportRevision, RevisionChange } from './revisions.js';

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
  /** The narrative about this indicator standing at the report date; null if none. */
  narrative: ReportNarrative | null;
}

/** A narrative as it stands at the report date: the latest text dated on or before it, per `about`. */
export interface ReportNarrative {
  /** `plan`, or a programme, result or indicator id. */
  about: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Markdown, as written (renderers escape or convert it; never raw HTML). */
  text: string;
}

/** A result (outcome or output) of a programme with the indicators that measure it. */
export interface ReportResult {
  id: string;
  level: Level;
  title: string;
  /** The parent result, if any (an output's outcome). */
  parent: string | undefined;
  indicators: ReportIndicator[];
  /** The narrative about this result standing at the report date; null if none. */
  narrative: ReportNarrative | null;
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
  /** The narrative about this programme area standing at the report date; null if none. */
  narrative: ReportNarrative | null;
  /** Ids of the revisions in force that changed the planned money of this programme's budget lines ([] if none). */
  budgetRevisions: string[];
}

/** Ledger entries that exist as of the report date. */
export interface EntryCounts {
  total: number;
  results: number;
  spending: number;
  /** Pledges and contributions. */
  resources: number;
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
  /** Indicators with periods ended before the report date and no total (gaps included), with those periods. */
  missing: { indicator: string; periods: string[] }[];
}

/** Executive-summary facts (counts only; the money comes straight from the variance total). */
export interface ReportSummary {
  indicators: number;
  byStatus: StatusSummary;
  achieved: number;
  overdue: number;
  offTrack: IndicatorStatusDetail[];
  atRisk: IndicatorStatusDetail[];
  /** Periods missing across all indicators (ended before the report date, no total). */
  missingPeriods: number;
  /** Indicators with at least one missing period. */
  missingIndicators: number;
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
  /** What changed since an earlier date or meeting; null without a date to compare with. */
  since: SinceData | null;
  /** The revisions in force at the report date, in the order they apply, with what each changed. */
  revisions: ReportRevision[];
  /** The narratives standing at the report date: plan first, then programmes, results, indicators (framework order). */
  narratives: ReportNarrative[];
  /** The plan's narrative standing at the report date; null if none. */
  planNarrative: ReportNarrative | null;
  /** Ids of the budget lines whose planned money is revised at the report date, with the revisions. */
  revisedLines: {
    id: string;
    title: string;
    revisions: string[];
    originalTotal: bigint;
    plannedTotal: bigint;
  }[];
  /**
   * Resources as of the report date (computeFunding; money in minor units of the plan currency,
   * `funding.digits` decimals): `sources` — one row per funding source (planned, pledged, received,
   * inKind, outstanding, secured, gap, opening, spent, balance = cash in hand, collection), then
   * `-` for lines without a source; `total` — their sum; `contributors` and `years` — the same sums
   * by contributor and by plan year; `status` — the status of contributions, one row per
   * contributor and year with pledged, received, outstanding and `status` (paid-in-full |
   * paid-in-part | not-yet | unpledged | nothing-due).
   */
  funding: FundingReport;
  /** The results grouped by the SDG goal whose targets they (or their indicators) name; [] when none names one. */
  sdg: SdgGoal[];
  /** The portfolio of this framework and the frameworks given with `--portfolio`; absent without them. */
  portfolio?: PortfolioReport | undefined;
}

/** What the report needs besides the two computations. */
export interface ReportFacts {
  generated: Day;
  framework: string;
  diagnostics: readonly Diagnostic[];
  /**
   * What to compare with: a date (and the meeting it came from, if any); null for nothing;
   * undefined for the default, the latest meeting dated before the report date.
   */
  since?: { date: Day; meeting: string | null } | null;
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
  const known = fw.entries.filter((e) => e.date <= asOf);
  const entries = countEntries(known);
  const illustrative = countEntries(known.filter((e) => e.source === 'illustrative'));

  const byIndicator = new Map<string, IndicatorStatusDetail[]>();
  for (const s of status.indicators) {
    const list = byIndicator.get(s.result) ?? [];
    list.push(s);
    byIndicator.set(s.result, list);
  }

  const narrative = standingNarratives(fw, asOf);
  const inForce = frameworkAt(fw, asOf);
  const lineRevisions = new Map<string, Set<string>>();
  for (const line of inForce.lines) {
    if (line.revisedBy.length === 0) continue;
    const key = (line.result !== undefined ? programmeOf(fw, line.result) : undefined) ?? '-';
    const set = lineRevisions.get(key) ?? new Set<string>();
    for (const id of line.revisedBy) set.add(id);
    lineRevisions.set(key, set);
  }
  const reportIndicator = (s: IndicatorStatusDetail): ReportIndicator => ({
    status: s,
    trend: trendOf(
      s.series.map((p) => p.actual),
      s.direction,
    ),
    narrative: narrative.get(s.id) ?? null,
  });
  const budgetRows = new Map(byProgramme.rows.map((r) => [r.key, r]));
  const programmes: ReportProgramme[] = fw.programmes.map((p) => {
    const results = resultsOf(fw, p.id)
      .map((r) => ({
        id: r.id,
        level: r.level,
        title: r.title,
        parent: r.parent,
        indicators: (byIndicator.get(r.id) ?? []).map(reportIndicator),
        narrative: narrative.get(r.id) ?? null,
      }))
      .filter((r) => r.indicators.length > 0 || r.level !== 'impact');
    return {
      id: p.id,
      title: p.title,
      results,
      budget: budgetRows.get(p.id) ?? null,
      summary: summarise(results.flatMap((r) => r.indicators.map((i) => i.status))),
      narrative: narrative.get(p.id) ?? null,
      budgetRevisions: ordered(fw, lineRevisions.get(p.id)),
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
        narrative: narrative.get(id) ?? null,
      };
    });
    programmes.push({
      id: '-',
      title: 'Not linked to a programme area',
      results,
      budget: budgetRows.get('-') ?? null,
      summary: summarise(homeless),
      narrative: null,
      budgetRevisions: ordered(fw, lineRevisions.get('-')),
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
      missingPeriods: status.indicators.reduce((n, s) => n + s.missing.length, 0),
      missingIndicators: status.indicators.filter((s) => s.missing.length > 0).length,
    },
    programmes,
    notes: {
      warnings: facts.diagnostics.filter((d) => d.severity === 'warning'),
      overdue: status.indicators.filter((s) => s.overdue),
      indicatorWarnings: statusWarnings,
      illustrative,
      missing: status.indicators
        .filter((s) => s.missing.length > 0)
        .map((s) => ({ indicator: s.id, periods: [...s.missing] })),
    },
    rating: { ...fw.plan.rating },
    since: sinceOf(fw, asOf, facts.since, status),
    revisions: revisionsInForce(fw, asOf),
    narratives: orderedNarratives(fw, narrative),
    planNarrative: narrative.get('plan') ?? null,
    funding: computeFunding(fw, asOf),
    sdg: computeSdgGoals(fw, status.indicators),
    revisedLines: inForce.lines
      .filter((l) => l.revisedBy.length > 0)
      .map((l) => ({
        id: l.id,
        title: l.title,
        revisions: [...l.revisedBy],
        originalTotal: sumOf(l.originalPlanned),
        plannedTotal: sumOf(l.planned),
      })),
  };
}

function sumOf(m: ReadonlyMap<number, bigint>): bigint {
  let t = 0n;
  for (const v of m.values()) t += v;
  return t;
}

/** Revision ids from a set, in the order the revisions apply. */
function ordered(fw: Framework, ids: ReadonlySet<string> | undefined): string[] {
  if (!ids) return [];
  return fw.revisions.filter((r) => ids.has(r.id)).map((r) => r.id);
}

/** The "since" comparison: the given date, none, or by default the latest meeting before D. */
function sinceOf(
  fw: Framework,
  asOf: Day,
  given: ReportFacts['since'],
  status: StatusReportDetail,
): SinceData | null {
  if (given === null) return null;
  if (given !== undefined)
    return given.date < asOf ? computeSince(fw, given.date, asOf, given.meeting, status) : null;
  const m = lastMeetingBefore(fw, asOf);
  return m ? computeSince(fw, m.date, asOf, m.id, status) : null;
}

/** Per `about`, the narrative with the latest date ≤ D (on a tie, the later one in file order). */
function standingNarratives(fw: Framework, asOf: Day): Map<string, ReportNarrative> {
  const best = new Map<string, Framework['narratives'][number]>();
  for (const n of fw.narratives) {
    if (n.date > asOf) continue;
    const cur = best.get(n.about);
    if (!cur || n.date >= cur.date) best.set(n.about, n);
  }
  const out = new Map<string, ReportNarrative>();
  for (const [about, n] of best) out.set(about, { about, date: formatDate(n.date), text: n.text.trimEnd() });
  return out;
}

/** The standing narratives in report order: plan, programmes, results, indicators. */
function orderedNarratives(fw: Framework, by: ReadonlyMap<string, ReportNarrative>): ReportNarrative[] {
  const ids = [
    'plan',
    ...fw.programmes.map((p) => p.id),
    ...fw.results.map((r) => r.id),
    ...fw.indicators.map((i) => i.id),
  ];
  return ids.flatMap((id) => {
    const n = by.get(id);
    return n ? [n] : [];
  });
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

function countEntries(list: Framework['entries']): EntryCounts {
  const results = list.filter((e) => e.kind === 'result').length;
  const spending = list.filter((e) => e.kind === 'spend').length;
  return { total: list.length, results, spending, resources: list.length - results - spending };
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
