import { minorToNumber } from '../core/money.js';
import type { VarianceFigures, VarianceReport } from '../model/reports.js';

/** The JSON contract: money as numbers rounded to the currency's minor unit, ratios unrounded. */

export interface VarianceFiguresJson {
  plannedTotal: number;
  plannedToDate: number;
  actual: number;
  variance: number;
  execution: number | null;
  remaining: number;
  projected: number | null;
  originalPlannedTotal: number;
}

export interface VarianceReportJson {
  asOf: string;
  currency: string;
  by: string;
  basis: string;
  rows: ({ key: string; title: string } & VarianceFiguresJson)[];
  total: VarianceFiguresJson;
}

function figuresJson(f: VarianceFigures, digits: number): VarianceFiguresJson {
  return {
    plannedTotal: minorToNumber(f.plannedTotal, digits),
    plannedToDate: minorToNumber(f.plannedToDate, digits),
    actual: minorToNumber(f.actual, digits),
    variance: minorToNumber(f.variance, digits),
    execution: f.execution,
    remaining: minorToNumber(f.remaining, digits),
    projected: f.projected === null ? null : minorToNumber(f.projected, digits),
    originalPlannedTotal: minorToNumber(f.originalPlannedTotal, digits),
  };
}

/** The report as the contract's JSON object. */
export function varianceJson(r: VarianceReport): VarianceReportJson {
  return {
    asOf: r.asOf,
    currency: r.currency,
    by: r.by,
    basis: r.basis,
    rows: r.rows.map((row) => ({ key: row.key, title: row.title, ...figuresJson(row, r.digits) })),
    total: figuresJson(r.total, r.digits),
  };
}

/** `variance --format json`. */
export function renderVarianceJson(r: VarianceReport): string {
  return `${JSON.stringify(varianceJson(r), null, 2)}\n`;
}
