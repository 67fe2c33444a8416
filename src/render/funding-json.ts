import { minorToNumber } from '../core/money.js';
import type { FundingReport, FundingSourceFigures, FundingSums } from '../model/reports.js';

/** The JSON contract of `funding`: money as numbers rounded to the currency's minor unit, ratios unrounded. */

export interface FundingSumsJson {
  pledged: number;
  received: number;
  inKind: number;
  outstanding: number;
  secured: number;
  /** The part of `outstanding` promised for a year after D's year (not in arrears). */
  notYetDue: number;
}

export interface FundingSourceJson extends FundingSumsJson {
  planned: number;
  gap: number;
  opening: number;
  spent: number;
  balance: number;
  collection: number | null;
}

export interface FundingJson {
  asOf: string;
  currency: string;
  sources: ({ key: string; title: string } & FundingSourceJson)[];
  contributors: ({ key: string; title: string } & FundingSumsJson & { collection: number | null })[];
  years: ({ key: string; planned: number } & FundingSumsJson & { gap: number })[];
  total: FundingSourceJson;
}

function sums(s: FundingSums, d: number): FundingSumsJson {
  return {
    pledged: minorToNumber(s.pledged, d),
    received: minorToNumber(s.received, d),
    inKind: minorToNumber(s.inKind, d),
    outstanding: minorToNumber(s.outstanding, d),
    secured: minorToNumber(s.secured, d),
    notYetDue: minorToNumber(s.notYetDue, d),
  };
}

function sourceFigures(f: FundingSourceFigures, d: number): FundingSourceJson {
  const s = sums(f, d);
  return {
    planned: minorToNumber(f.planned, d),
    pledged: s.pledged,
    received: s.received,
    inKind: s.inKind,
    outstanding: s.outstanding,
    secured: s.secured,
    notYetDue: s.notYetDue,
    gap: minorToNumber(f.gap, d),
    opening: minorToNumber(f.opening, d),
    spent: minorToNumber(f.spent, d),
    balance: minorToNumber(f.balance, d),
    collection: f.collection,
  };
}

/** The report as the contract's JSON object (the status of contributions is the report's, not part of it). */
export function fundingJson(r: FundingReport): FundingJson {
  const d = r.digits;
  return {
    asOf: r.asOf,
    currency: r.currency,
    sources: r.sources.map((row) => ({ key: row.key, title: row.title, ...sourceFigures(row, d) })),
    contributors: r.contributors.map((row) => ({
      key: row.key,
      title: row.title,
      ...sums(row, d),
      collection: row.collection,
    })),
    years: r.years.map((row) => ({
      key: row.key,
      planned: minorToNumber(row.planned, d),
      ...sums(row, d),
      gap: minorToNumber(row.gap, d),
    })),
    total: sourceFigures(r.total, d),
  };
}

/** `funding --format json`. */
export function renderFundingJson(r: FundingReport): string {
  return `${JSON.stringify(fundingJson(r), null, 2)}\n`;
}
