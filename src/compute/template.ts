import { civil, type Day, formatDate } from '../core/dates.js';
import {
  firstPeriod,
  formatPeriod,
  nextPeriod,
  type Period,
  periodEnd,
  periodStart,
} from '../core/periods.js';
import type { Framework, Indicator } from '../model/framework.js';
import { programmeOf } from '../model/lookup.js';
import { computeStatus } from './status.js';
import { computeVariance } from './variance.js';

/**
 * The rows of a data-collection sheet for a reporting round P: for each indicator, every period of
 * its frequency that ends within P (a quarter's round collects the quarterly figures of that
 * quarter, the monthly ones of its three months, and the annual ones when the year ends in it),
 * with one row for the total and one per dimension value (per combination, for two or more
 * dimensions); and one row per budget line for spending. Pure.
 */

export interface TemplateRow {
  indicator: Indicator;
  period: string;
  /** Dimension values of a per-value row; empty for the total row. */
  dims: Record<string, string>;
  /** The latest actual as of the as-of date (total rows, and per-value rows of one-dimension indicators). */
  last: number | null;
  /** The target for the period's year, when the indicator has one for that year. */
  target: number | undefined;
  targetYear: number;
}

export interface SpendingRow {
  line: string;
  title: string;
  source: string | undefined;
  /** Planned in the round's year, and spent as of the as-of date, in minor units. */
  planned: bigint | undefined;
  spent: bigint;
}

/** A (source, contributor) pair a contribution may come in for. */
export interface ContributionRow {
  source: string;
  sourceTitle: string;
  from: string;
  fromTitle: string;
}

export interface Template {
  round: string;
  asOf: string;
  plan: { id: string; title: string; currency: string; digits: number };
  dimensions: string[];
  rows: TemplateRow[];
  spending: SpendingRow[];
  contributions: ContributionRow[];
  year: number;
}

/** The periods of `frequency` that end within [from, to], within the plan years. */
function periodsEndingIn(
  frequency: Indicator['frequency'],
  from: Day,
  to: Day,
  start: number,
  end: number,
): Period[] {
  const out: Period[] = [];
  const first = Math.max(start, civil(from).y);
  for (let p = firstPeriod(first, frequency); p.year <= Math.min(end, civil(to).y); p = nextPeriod(p)) {
    const e = periodEnd(p);
    if (e >= from && e <= to) out.push(p);
  }
  return out;
}

/** Every combination of the values of `dims` (in the plan's order of values). */
function combinations(fw: Framework, dims: string[]): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const d of dims) {
    const values = fw.plan.dimensions[d] ?? [];
    out = out.flatMap((c) => values.map((v) => ({ ...c, [d]: v })));
  }
  return out;
}

/** The sheet for round `round` as of `asOf`, optionally for one programme's indicators. */
export function computeTemplate(fw: Framework, round: Period, asOf: Day, programme?: string): Template {
  const from = periodStart(round);
  const to = periodEnd(round);
  const status = new Map(computeStatus(fw, asOf).indicators.map((s) => [s.id, s]));
  const rows: TemplateRow[] = [];
  for (const ind of fw.indicators) {
    if (programme !== undefined && programmeOf(fw, ind.result) !== programme) continue;
    const s = status.get(ind.id);
    for (const p of periodsEndingIn(ind.frequency, from, to, fw.plan.start, fw.plan.end)) {
      const target = ind.targets.find((t) => t.year === p.year)?.value;
      const base = { indicator: ind, period: formatPeriod(p), target, targetYear: p.year };
      rows.push({ ...base, dims: {}, last: s?.actual ?? null });
      if (ind.disaggregate.length === 0) continue;
      for (const dims of combinations(fw, ind.disaggregate)) {
        const only = ind.disaggregate.length === 1 ? (ind.disaggregate[0] as string) : undefined;
        const last = only
          ? (s?.breakdown?.find((b) => b.dimension === only && b.value === dims[only])?.actual ?? null)
          : null;
        rows.push({ ...base, dims, last });
      }
    }
  }
  const year = civil(to).y;
  const variance = computeVariance(fw, asOf, 'line', 'pro-rata');
  const spent = new Map(variance.rows.map((r) => [r.key, r.actual]));
  const spending = fw.lines
    .filter((l) => {
      if (programme === undefined) return true;
      return l.result !== undefined && programmeOf(fw, l.result) === programme;
    })
    .map((l) => ({
      line: l.id,
      title: l.title,
      source: l.source,
      planned: l.planned.get(year),
      spent: spent.get(l.id) ?? 0n,
    }));
  return {
    round: formatPeriod(round),
    asOf: formatDate(asOf),
    plan: { id: fw.plan.id, title: fw.plan.title, currency: fw.plan.currency, digits: fw.plan.digits },
    dimensions: Object.keys(fw.plan.dimensions),
    rows,
    spending,
    contributions: fw.sources.flatMap((s) =>
      fw.contributors.map((c) => ({ source: s.id, sourceTitle: s.title, from: c.id, fromTitle: c.title })),
    ),
    year,
  };
}
