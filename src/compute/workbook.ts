import type { Day } from '../core/dates.js';
import type { Framework, ResultEntry } from '../model/framework.js';
import type { FundingReport, VarianceReport } from '../model/reports.js';
import { computeFunding } from './funding.js';
import { computeReport, type ReportData, type ReportFacts } from './report.js';
import { entriesByIndicator, indicatorFigures } from './status-trace.js';
import { computeVariance } from './variance.js';

/**
 * Everything the Excel workbook shows, computed once: the meeting report (status, budget by
 * programme and source), the other budget roll-ups, each indicator's period totals with their
 * per-value parts, and the framework itself (definitions and ledger) so that the workbook can be
 * read back into YAML. Pure: it arranges what computeReport, computeVariance and indicatorFigures give.
 */

/** One per-value part of a period (a disaggregated entry standing at the as-of date). */
export interface PeriodPart {
  dims: Record<string, string>;
  value: number | undefined;
  numerator: number | undefined;
  denominator: number | undefined;
}

/** One period of an indicator with an entry standing at the as-of date. */
export interface PeriodRow {
  indicator: string;
  period: string;
  end: Day;
  /** How the total was formed: a total entry, the sum or Σnum/Σden of per-value entries, missing, or incomplete (no total). */
  rule: 'total-entry' | 'sum' | 'ratio' | 'missing' | 'incomplete';
  total: number | null;
  numerator: number | undefined;
  denominator: number | undefined;
  /** Actual so far at the period's end (cumulative: baseline plus the running sum). */
  soFar: number | null;
  parts: PeriodPart[];
}

export interface WorkbookData {
  report: ReportData;
  framework: Framework;
  budget: {
    byLine: VarianceReport;
    byResult: VarianceReport;
    byCategory: VarianceReport;
    byYear: VarianceReport;
  };
  periods: PeriodRow[];
  /** Resources by source, contributor and year (as `funding`). */
  funding: FundingReport;
}

function part(e: ResultEntry): PeriodPart {
  return { dims: e.dims, value: e.value, numerator: e.numerator, denominator: e.denominator };
}

/** The workbook's data as of `asOf`. */
export function computeWorkbook(fw: Framework, asOf: Day, facts: ReportFacts): WorkbookData {
  const entries = entriesByIndicator(fw);
  const periods: PeriodRow[] = [];
  for (const ind of fw.indicators) {
    const tr = indicatorFigures(fw, ind, entries.get(ind.id) ?? [], asOf);
    for (const p of tr.periods) {
      if (p.parts.length === 0 && p.perValue.length === 0) continue;
      periods.push({
        indicator: ind.id,
        period: p.label,
        end: p.end,
        rule: p.rule,
        total: p.total,
        numerator: p.numerator,
        denominator: p.denominator,
        soFar: p.soFar,
        parts: p.perValue.map(part),
      });
    }
  }
  return {
    report: computeReport(fw, asOf, facts),
    framework: fw,
    budget: {
      byLine: computeVariance(fw, asOf, 'line', 'pro-rata'),
      byResult: computeVariance(fw, asOf, 'result', 'pro-rata'),
      byCategory: computeVariance(fw, asOf, 'category', 'pro-rata'),
      byYear: computeVariance(fw, asOf, 'year', 'pro-rata'),
    },
    periods,
    funding: computeFunding(fw, asOf),
  };
}
