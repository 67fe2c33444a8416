import type { ReportData } from '../compute/report.js';
import { minorToNumber } from '../core/money.js';
import { fundingJson } from './funding-json.js';
import { portfolioJson } from './portfolio.js';
import { noteItems } from './report-common.js';
import { renderStatusJson } from './status-json.js';
import { varianceJson } from './variance-json.js';

/**
 * `report --format json`: the status and variance JSON of the contract side by side, with the
 * title-block facts and the data-quality notes:
 * `{asOf, generated, framework, plan, entries, entriesByKind, status, budget: {byProgramme, bySource},
 * since, revisions, revisedLines, narratives, funding, contributionStatus, missing, sdg, notes}`; money as numbers in the plan currency.
 */
export function reportJson(data: ReportData) {
  const ill = data.notes.illustrative;
  const money = (m: bigint) => minorToNumber(m, data.budget.byProgramme.digits);
  return {
    asOf: data.asOf,
    generated: data.generated,
    framework: data.framework,
    plan: data.plan,
    entries: data.entries.total,
    entriesByKind: {
      results: data.entries.results,
      spending: data.entries.spending,
      resources: data.entries.resources,
    },
    // status-json exports only its text; parsing it back keeps the shape exactly theirs.
    status: JSON.parse(renderStatusJson(data.status)) as unknown,
    budget: {
      byProgramme: varianceJson(data.budget.byProgramme),
      bySource: varianceJson(data.budget.bySource),
    },
    since: sinceJson(data),
    revisions: data.revisions.map((r) => ({
      ...r,
      changes: r.changes.map((c) =>
        c.kind === 'planned'
          ? { ...c, from: c.from === null ? null : money(c.from), to: money(c.to) }
          : { kind: c.kind, id: c.id, year: c.year, from: c.from, to: c.to },
      ),
    })),
    revisedLines: data.revisedLines.map((l) => ({
      ...l,
      originalTotal: money(l.originalTotal),
      plannedTotal: money(l.plannedTotal),
    })),
    narratives: data.narratives,
    // The contract's `funding` object (as `funding --format json`), and the status of contributions.
    funding: fundingJson(data.funding),
    contributionStatus: data.funding.status.map((r) => ({
      contributor: r.contributor,
      title: r.title,
      year: r.year,
      pledged: money(r.pledged),
      received: money(r.received),
      inKind: money(r.inKind),
      outstanding: money(r.outstanding),
      notYetDue: money(r.notYetDue),
      status: r.status,
    })),
    missing: { periods: data.summary.missingPeriods, indicators: data.summary.missingIndicators },
    // Results grouped by SDG goal (compute/sdg-goals.ts): [{goal, title, targets, results, summary}].
    sdg: data.sdg,
    notes: noteItems(data).map((n) => {
      switch (n.kind) {
        case 'illustrative':
          return {
            kind: n.kind,
            message: n.text,
            count: ill.total,
            results: ill.results,
            spending: ill.spending,
            resources: ill.resources,
          };
        case 'missing':
          return { kind: n.kind, message: n.text, indicator: n.indicator ?? null, periods: n.periods ?? [] };
        case 'overdue':
        case 'indicator':
          return { kind: n.kind, message: n.text, indicator: n.indicator ?? null };
        default: {
          const l = n.located;
          return {
            kind: n.kind,
            message: l?.message ?? n.text,
            code: n.code,
            file: l?.file ?? null,
            line: l?.line ?? null,
            col: l?.col ?? null,
            path: l?.path ?? null,
          };
        }
      }
    }),
    // `report --portfolio CHILD...`: the portfolio of `portfolio --format json`.
    ...(data.portfolio ? { portfolio: portfolioJson(data.portfolio) } : {}),
  };
}

/** `since` of the contract: `{date, meeting, statusChanges, restated, newResults, spent, received, revisions}` or null. */
function sinceJson(data: ReportData) {
  const s = data.since;
  if (s === null) return null;
  const digits = data.budget.byProgramme.digits;
  return {
    date: s.date,
    meeting: s.meeting,
    statusChanges: s.statusChanges,
    restated: s.restated,
    newResults: s.newResults,
    spent: minorToNumber(s.spent, digits),
    received: minorToNumber(s.received, digits),
    revisions: s.revisions,
  };
}

/** The JSON text, two-space indented. */
export function renderReportJson(data: ReportData): string {
  return `${JSON.stringify(reportJson(data), null, 2)}\n`;
}
