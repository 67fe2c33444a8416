import type { ReportData } from '../compute/report.js';
import { noteItems } from './report-common.js';
import { renderStatusJson } from './status-json.js';
import { varianceJson } from './variance-json.js';

/**
 * `report --format json`: the status and variance JSON of the contract side by side, with the
 * title-block facts and the data-quality notes:
 * `{asOf, generated, framework, plan, entries, entriesByKind, status, budget: {byProgramme, bySource}, notes}`.
 */
export function reportJson(data: ReportData) {
  const ill = data.notes.illustrative;
  return {
    asOf: data.asOf,
    generated: data.generated,
    framework: data.framework,
    plan: data.plan,
    entries: data.entries.total,
    entriesByKind: { results: data.entries.results, spending: data.entries.spending },
    // status-json exports only its text; parsing it back keeps the shape exactly theirs.
    status: JSON.parse(renderStatusJson(data.status)) as unknown,
    budget: {
      byProgramme: varianceJson(data.budget.byProgramme),
      bySource: varianceJson(data.budget.bySource),
    },
    notes: noteItems(data).map((n) => {
      switch (n.kind) {
        case 'illustrative':
          return {
            kind: n.kind,
            message: n.text,
            count: ill.total,
            results: ill.results,
            spending: ill.spending,
          };
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
  };
}

/** The JSON text, two-space indented. */
export function renderReportJson(data: ReportData): string {
  return `${JSON.stringify(reportJson(data), null, 2)}\n`;
}
