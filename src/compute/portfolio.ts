import { type Day, formatDate } from '../core/dates.js';
import { formatPeriod, type Period, periodContaining, periodEnd } from '../core/periods.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type { Aggregation, ContributesTo, Framework, Indicator, Measure } from '../model/framework.js';
import type { Status } from '../model/reports.js';
import { child } from '../model/source.js';
import { frameworkAt } from './in-force.js';
import {
  clean,
  entriesByIndicator,
  type IndicatorFigures,
  indicatorFigures,
  interpolate,
  targetCurve,
} from './status-trace.js';

/**
 * A portfolio: a parent framework's indicators as its contributing frameworks report them
 * (DESIGN.md, "Portfolios"). Pure: the frameworks come read and checked; `cli/commands/portfolio.ts`
 * reads them and finds each one's link to the parent.
 */

/** A framework given beside the parent, with the `contributes_to` item that names the parent (if any). */
export interface PortfolioMember {
  framework: Framework;
  /** Its path as shown (relative to the working directory). */
  path: string;
  /** The `plan.contributes_to` item naming the parent; undefined when none does (a missing link). */
  link: ContributesTo | undefined;
}

/** One contributing indicator's part in a parent indicator. */
export interface PortfolioContributor {
  /** The contributing framework's plan id. */
  framework: string;
  /** Its own indicator id. */
  indicator: string;
  /**
   * What it contributes: `cumulative` — its increments over its own baseline up to its latest period
   * (Σ period values; for an indicator that reports to-date values, `level`, its latest value − its
   * baseline); `level` — its latest value; `percent` — its latest period's Σ num / Σ den × 100;
   * `milestone` — its level index. Null without data.
   */
  actual: number | null;
  /** Its part of the portfolio figure (of the Σ, or for percent of the Σ denominators); null where none. */
  share: number | null;
  /** Its own latest period with a figure, e.g. "2026-Q3"; null without data. */
  period: string | null;
  /** The parent's period that latest period falls in (a frequency other than the parent's folds into the parent's periods). */
  parentPeriod: string | null;
  /** Percent: the counts of its latest period. */
  numerator?: number;
  denominator?: number;
  /** Milestone: its level's name. */
  level?: string | null;
}

/** A parent indicator's portfolio figures as of D. */
export interface PortfolioIndicator {
  id: string;
  title: string;
  unit: string;
  measure: Measure;
  aggregation: Aggregation;
  direction: Indicator['direction'];
  /** The parent's baseline (cumulative actuals start from it). */
  baseline: number;
  /** The parent's latest period into which a contribution falls; t is its end. Null without data. */
  period: string | null;
  /** The portfolio actual; null without data, and for milestones (never combined). */
  actual: number | null;
  expected: number | null;
  final: number;
  progress: number | null;
  /** Against the parent's targets and rating; null for a milestone (listed per contributor, never combined). */
  status: Status | null;
  achieved: boolean;
  /** Milestones: the parent's level names. */
  levels?: string[];
  contributors: PortfolioContributor[];
}

/** A framework of the portfolio, and whether it is linked to the parent. */
export interface PortfolioFramework {
  framework: string;
  title: string;
  path: string;
  /** False for a framework given whose `contributes_to` does not name the parent: reported, never silently dropped. */
  linked: boolean;
  /** How many of its indicators are mapped to the parent's. */
  mapped: number;
}

export interface PortfolioReport {
  asOf: string;
  /** The parent's plan id. */
  framework: string;
  title: string;
  path: string;
  frameworks: PortfolioFramework[];
  indicators: PortfolioIndicator[];
  /** Errors refuse the portfolio; warnings accompany it. */
  diagnostics: Diagnostic[];
}

interface Contribution {
  member: PortfolioMember;
  fw: Framework;
  ind: Indicator;
  figures: IndicatorFigures;
}

/** The portfolio of `parent` as its `members` report it, as of `asOf`. */
export function computePortfolio(
  parentWritten: Framework,
  parentPath: string,
  members: readonly PortfolioMember[],
  asOf: Day,
): PortfolioReport {
  const parent = frameworkAt(parentWritten, asOf);
  const diagnostics: Diagnostic[] = [];
  const parentById = new Map(parent.indicators.map((i) => [i.id, i]));
  const byParent = new Map<string, Contribution[]>();
  const frameworks: PortfolioFramework[] = [];

  for (const member of members) {
    const fw = frameworkAt(member.framework, asOf);
    const { link } = member;
    frameworks.push({
      framework: fw.plan.id,
      title: fw.plan.title,
      path: member.path,
      linked: link !== undefined,
      mapped: link ? link.indicators.length : 0,
    });
    if (!link) {
      diagnostics.push(
        warning(
          'portfolio-no-link',
          `${fw.plan.id} (${member.path}) has no plan.contributes_to naming ${parent.plan.id}: none of its indicators is counted in the portfolio`,
          child(fw.plan.src, fw.plan.contributesTo.length ? 'contributes_to' : 'id'),
          fw.plan.contributesTo.length > 0,
        ),
      );
      continue;
    }
    const own = new Map(fw.indicators.map((i) => [i.id, i]));
    const entries = entriesByIndicator(fw);
    const mapped = new Set<string>();
    for (const m of link.indicators) {
      mapped.add(m.own);
      const ind = own.get(m.own);
      const target = parentById.get(m.parent);
      if (!ind) continue; // reported by validate's contributes-to rule; the framework came checked
      if (!target) {
        diagnostics.push(
          error(
            'portfolio-unknown-indicator',
            `${m.parent} is not an indicator of ${parent.plan.id} (${parentPath}); ${fw.plan.id}'s ${m.own} is mapped to it`,
            m.src,
          ),
        );
        continue;
      }
      if (ind.measure !== target.measure) {
        diagnostics.push(
          error(
            'portfolio-measure',
            `${fw.plan.id}'s ${m.own} is measured as ${ind.measure}, ${parent.plan.id}'s ${m.parent} as ${target.measure}: they cannot be added up`,
            m.src,
          ),
        );
        continue;
      }
      if (ind.unit !== target.unit) {
        diagnostics.push(
          error(
            'portfolio-unit',
            `${fw.plan.id}'s ${m.own} counts "${ind.unit}", ${parent.plan.id}'s ${m.parent} "${target.unit}": they cannot be added up`,
            m.src,
          ),
        );
        continue;
      }
      const figures = indicatorFigures(fw, ind, entries.get(ind.id) ?? [], asOf);
      const list = byParent.get(target.id);
      const c: Contribution = { member, fw, ind, figures };
      if (list) list.push(c);
      else byParent.set(target.id, [c]);
    }
    for (const ind of fw.indicators) {
      if (mapped.has(ind.id)) continue;
      diagnostics.push(
        warning(
          'portfolio-unmapped',
          `${fw.plan.id}'s ${ind.id} is mapped to no indicator of ${parent.plan.id}: it is not counted in the portfolio`,
          child(ind.src, 'id'),
        ),
      );
    }
  }

  // The parent's own entries for an indicator its contributors feed would count the same results twice.
  const parentEntries = entriesByIndicator(parent);
  for (const id of byParent.keys()) {
    const own = parentEntries.get(id);
    if (!own?.length) continue;
    const first = own[0] as (typeof own)[number];
    diagnostics.push(
      error(
        'portfolio-double-count',
        `${parent.plan.id} records ${own.length === 1 ? 'an entry' : `${own.length} entries`} for ${id}, which its contributors report: the same results would be counted twice (record them in one framework)`,
        first.src,
      ),
    );
  }

  const indicators = parent.indicators.map((ind) =>
    portfolioIndicator(parent, ind, byParent.get(ind.id) ?? [], diagnostics),
  );
  return {
    asOf: formatDate(asOf),
    framework: parent.plan.id,
    title: parent.plan.title,
    path: parentPath,
    frameworks,
    indicators,
    diagnostics,
  };
}

/** The parent period a contributor's period falls in: the one holding its last day. */
function fold(p: Period, parent: Indicator): Period {
  return periodContaining(periodEnd(p), parent.frequency);
}

function portfolioIndicator(
  parent: Framework,
  ind: Indicator,
  contributions: readonly Contribution[],
  diagnostics: Diagnostic[],
): PortfolioIndicator {
  const contributors: PortfolioContributor[] = [];
  let latest: Period | undefined;
  for (const c of contributions) {
    const f = c.figures;
    const row: PortfolioContributor = {
      framework: c.fw.plan.id,
      indicator: c.ind.id,
      actual: null,
      share: null,
      period: f.latest ? f.latest.label : null,
      parentPeriod: null,
    };
    if (f.latest && f.actual !== null) {
      const folded = fold(f.latest.period, ind);
      row.parentPeriod = formatPeriod(folded);
      if (!latest || periodEnd(folded) > periodEnd(latest)) latest = folded;
      if (ind.measure === 'milestone') {
        row.actual = f.actual;
        row.level = c.ind.levels?.[f.actual] ?? null;
      } else if (ind.measure === 'percent') {
        const counts = countsOf(f);
        if (counts) {
          row.numerator = counts.numerator;
          row.denominator = counts.denominator;
          row.actual = f.latest.total;
        } else {
          const at = f.latest.parts[0];
          diagnostics.push(
            error(
              'portfolio-percent-counts',
              `${c.fw.plan.id}'s ${c.ind.id} ${f.latest.label} gives a percentage without numerator and denominator: ${parent.plan.id}'s ${ind.id} is Σ numerators / Σ denominators, and percentages are never averaged`,
              at?.src,
            ),
          );
        }
      } else if (ind.aggregation === 'cumulative') {
        // Its increments over its own baseline: for a cumulative indicator the sum of its period
        // values; for one that reports to-date values (level) the latest less its baseline, never the
        // sum of those to-date values (Akvo RSR #5211, #5239). The baseline is the parent's.
        row.actual = clean(f.actual - f.baseline);
      } else row.actual = f.actual;
    }
    contributors.push(row);
  }

  const baseline = ind.baseline.value;
  const final = ind.targets.length ? (ind.targets[ind.targets.length - 1]?.value as number) : baseline;
  const out: PortfolioIndicator = {
    id: ind.id,
    title: ind.title,
    unit: ind.unit,
    measure: ind.measure,
    aggregation: ind.aggregation,
    direction: ind.direction,
    baseline,
    period: latest ? formatPeriod(latest) : null,
    actual: null,
    expected: null,
    final,
    progress: null,
    status: ind.measure === 'milestone' ? null : 'no-data',
    achieved: false,
    contributors,
  };
  if (ind.levels) out.levels = ind.levels;
  if (ind.measure === 'milestone' || !latest) return out;

  const counted = contributors.filter((r) => r.actual !== null);
  let actual: number;
  if (ind.measure === 'percent') {
    // Refused when any contributor with data gave no counts (its error is reported above).
    if (counted.length < contributors.filter((r) => r.period !== null).length) return out;
    let num = 0;
    let den = 0;
    for (const r of counted) {
      num += r.numerator as number;
      den += r.denominator as number;
    }
    num = clean(num);
    den = clean(den);
    if (den === 0) return out;
    actual = clean((num / den) * 100);
    for (const r of counted) r.share = clean((r.denominator as number) / den);
  } else {
    let sum = 0;
    for (const r of counted) sum += r.actual as number;
    sum = clean(sum);
    actual = ind.aggregation === 'cumulative' ? clean(baseline + sum) : sum;
    if (sum !== 0) for (const r of counted) r.share = clean((r.actual as number) / sum);
  }
  const expected = interpolate(targetCurve(ind), periodEnd(latest)).value;
  const right = (a: number, b: number) => (ind.direction === 'increase' ? a >= b : a <= b);
  const progress =
    expected === baseline
      ? right(actual, expected)
        ? 1
        : 0
      : clean((actual - baseline) / (expected - baseline));
  const rating = parent.plan.rating;
  out.actual = actual;
  out.expected = expected;
  out.progress = progress;
  out.status =
    progress >= rating.on_track ? 'on-track' : progress >= rating.at_risk ? 'at-risk' : 'off-track';
  out.achieved = right(actual, final);
  return out;
}

/** The numerator and denominator of a percent indicator's latest period, if it has them. */
function countsOf(f: IndicatorFigures): { numerator: number; denominator: number } | undefined {
  const p = f.latest;
  if (!p) return undefined;
  if (p.rule === 'ratio' && p.numerator !== undefined && p.denominator !== undefined)
    return { numerator: p.numerator, denominator: p.denominator };
  const e = p.rule === 'total-entry' ? p.parts[0] : undefined;
  if (e && e.numerator !== undefined && e.denominator !== undefined)
    return { numerator: e.numerator, denominator: e.denominator };
  return undefined;
}
