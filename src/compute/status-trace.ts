import { type Day, yearEnd } from '../core/dates.js';
import { firstPeriod, formatPeriod, nextPeriod, type Period, periodEnd } from '../core/periods.js';
import { round15 } from '../core/round15.js';
import { comboKey, expectedCombinations, missingValuesText } from '../model/expected.js';
import type { Entry, Framework, Indicator, Rating, ResultEntry } from '../model/framework.js';
import type { BreakdownRow, Status } from '../model/reports.js';
import { periodCode, ResultKeys } from './result-keys.js';

/**
 * The figures of one indicator as of a day, with every intermediate step kept: `computeStatus`
 * reads the results, `--explain` prints the steps. Pure; follows "Figures → Indicators" of DESIGN.md.
 */

/** Why an entry of the indicator did or did not count. */
export type EntryVerdict =
  | { kind: 'used' }
  /** A per-value entry in a period that has a total entry: the total wins; the entry feeds the breakdown only. */
  | { kind: 'breakdown-only'; total: ResultEntry }
  | { kind: 'after-as-of' }
  | { kind: 'superseded'; by: ResultEntry }
  /** A per-value entry of a period whose total cannot be formed (percent without numerators, milestones). */
  | { kind: 'period-missing' }
  /** A per-value entry of an incomplete level or percent period: some expected value has no entry, so the period has no total. */
  | { kind: 'period-incomplete' }
  /** A standing withdrawal: its key has no value as of D. */
  | { kind: 'withdrawal' };

export interface EntryUse {
  entry: ResultEntry;
  verdict: EntryVerdict;
}

/** How a period's total was formed. */
export type PeriodRule = 'total-entry' | 'sum' | 'ratio' | 'missing' | 'incomplete';

export interface PeriodFigure {
  period: Period;
  label: string;
  end: Day;
  rule: PeriodRule;
  /** The period's total; null when it counts as missing. */
  total: number | null;
  /** The standing entries that form the total (one total entry, or the per-value entries). */
  parts: ResultEntry[];
  /** The standing per-value entries of the period (the breakdown reads them even when a total entry wins). */
  perValue: ResultEntry[];
  /** Σ numerators and Σ denominators when rule is 'ratio'. */
  numerator?: number;
  denominator?: number;
  /** Actual so far at this period's end (level: the total; cumulative: baseline + running sum); null if missing. */
  soFar: number | null;
  /** The expected values with no standing entry, when the period has per-value entries and no total entry. */
  incomplete?: Record<string, string>[];
}

/** An incomplete period ("Expected values" of DESIGN.md) and the expected values missing from it. */
export interface IncompletePeriod {
  period: string;
  missing: Record<string, string>[];
}

export interface CurvePoint {
  year: number;
  day: Day;
  value: number;
  kind: 'baseline' | 'target';
}

/** Where t falls on the target curve and the value read there. */
export interface Interpolation {
  t: Day;
  kind: 'before-curve' | 'on-point' | 'between' | 'after-last';
  from: CurvePoint;
  /** The right-hand point for 'between'. */
  to?: CurvePoint;
  value: number;
}

export interface ForecastFit {
  /** x counts days after `origin`, the first point's period end (a line fit does not depend on the origin). */
  origin: Day;
  points: { day: Day; x: number; y: number }[];
  meanX: number;
  meanY: number;
  /** Σ (x − x̄)(y − ȳ) and Σ (x − x̄)². */
  sxy: number;
  sxx: number;
  slope: number;
  /** 31 Dec of the plan's last year, as a day and as x. */
  atDay: Day;
  at: number;
  value: number;
}

export interface OverdueCheck {
  /** The period now due: after the latest with data, or the plan's first. */
  next: Period;
  nextEnd: Day;
  afterPlan: boolean;
  overdue: boolean;
}

/** The figures of one indicator as of a day: everything of its trace but the verdict on each entry. */
export interface IndicatorFigures {
  indicator: Indicator;
  asOf: Day;
  rating: Rating;
  planEnd: number;
  /** Periods with at least one standing entry, in period order (missing ones included). */
  periods: PeriodFigure[];
  /** The latest period with a figure; t is its end. */
  latest: PeriodFigure | undefined;
  baseline: number;
  actual: number | null;
  curve: CurvePoint[];
  expected: Interpolation | null;
  final: number;
  progress: number | null;
  /** Which progress rule applied: the ratio, or the flat-curve rule (expected = baseline). */
  progressRule: 'ratio' | 'flat' | null;
  status: Status;
  achieved: boolean;
  overdue: OverdueCheck;
  /** Periods ended before D (within the plan years) with no total as of D, in order: gaps too. */
  missing: string[];
  /** Periods with per-value entries, no total entry and some expected value without an entry, in order. */
  incomplete: IncompletePeriod[];
  forecast: ForecastFit | null;
  breakdown: BreakdownRow[] | undefined;
  warnings: string[];
}

export interface IndicatorTrace extends IndicatorFigures {
  /** Every entry of the indicator, in ledger order, with its verdict. */
  entries: EntryUse[];
}

/**
 * Rounds to 15 significant digits: removes binary floating-point noise (0.1 + 0.2) so that a figure
 * worked out by hand — e.g. progress exactly on a rating threshold — compares as it does on paper.
 */
export function clean(x: number): number {
  // Number(x.toPrecision(15)), worked out without the string (src/core/round15.ts).
  return round15(x);
}

/** The standing entries as of D: per key, the latest by date then ledger position among those dated ≤ D. */
function standingEntries(
  entries: readonly ResultEntry[],
  asOf: Day,
  keys: ResultKeys,
): Map<number, ResultEntry> {
  const standing = new Map<number, ResultEntry>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as ResultEntry;
    if (e.date > asOf) continue;
    const k = keys.key(e);
    const cur = standing.get(k);
    if (!cur || e.date > cur.date || (e.date === cur.date && e.seq > cur.seq)) standing.set(k, e);
  }
  return standing;
}

/** Result entries grouped by indicator, in ledger order. */
export function entriesByIndicator(fw: Framework): Map<string, ResultEntry[]> {
  const by = new Map<string, ResultEntry[]>();
  const all = fw.entries;
  for (let i = 0; i < all.length; i++) {
    const e = all[i] as Entry;
    if (e.kind !== 'result') continue;
    const list = by.get(e.indicator);
    if (list) list.push(e);
    else by.set(e.indicator, [e]);
  }
  for (const list of by.values()) if (!inSeqOrder(list)) list.sort(bySeq);
  return by;
}

function bySeq(a: ResultEntry, b: ResultEntry): number {
  return a.seq - b.seq;
}

function inSeqOrder(list: readonly ResultEntry[]): boolean {
  for (let i = 1; i < list.length; i++)
    if ((list[i] as ResultEntry).seq < (list[i - 1] as ResultEntry).seq) return false;
  return true;
}

/** Computes every figure of one indicator as of `asOf` from its ledger entries (any order), with the verdict on each entry. */
export function traceIndicator(
  fw: Framework,
  ind: Indicator,
  entries: readonly ResultEntry[],
  asOf: Day,
): IndicatorTrace {
  const { figures, keys, standing } = figuresOf(fw, ind, entries, asOf);
  const standingSet = new Set(standing.values());
  const periodById = new Map<number, PeriodFigure>();
  for (const p of figures.periods) periodById.set(keys.period(p.period), p);
  const verdicts: EntryUse[] = [...entries]
    .sort(bySeq)
    .map((entry) => ({ entry, verdict: verdictOf(entry, asOf, keys, standing, standingSet, periodById) }));
  // The fields in the order they have always had (entries after planEnd).
  const { indicator, asOf: at, rating, planEnd, ...rest } = figures;
  return { indicator, asOf: at, rating, planEnd, entries: verdicts, ...rest };
}

/** The figures of one indicator as of `asOf` from its ledger entries (any order): its trace without the verdicts. */
export function indicatorFigures(
  fw: Framework,
  ind: Indicator,
  entries: readonly ResultEntry[],
  asOf: Day,
): IndicatorFigures {
  return figuresOf(fw, ind, entries, asOf).figures;
}

function figuresOf(
  fw: Framework,
  ind: Indicator,
  entries: readonly ResultEntry[],
  asOf: Day,
): { figures: IndicatorFigures; keys: ResultKeys; standing: Map<number, ResultEntry> } {
  const warnings: string[] = [];
  const keys = new ResultKeys(entries);
  const standing = standingEntries(entries, asOf, keys);

  // Standing entries by period; a standing withdrawal leaves its key without a value.
  const byPeriod = new Map<number, ResultEntry[]>();
  standing.forEach((e) => {
    if (e.withdrawn) return;
    const id = keys.period(e.period);
    const list = byPeriod.get(id);
    if (list) list.push(e);
    else byPeriod.set(id, [e]);
  });
  const baseline = ind.baseline.value;
  const periods: PeriodFigure[] = [];
  const expect = ind.disaggregate.length ? expectedIndex(ind) : undefined;
  // In period order, so that warnings come in period order whatever the order of the ledger
  // (a stable sort: periods that end on the same day keep the order in which they were met).
  const ordered: { list: ResultEntry[]; end: Day }[] = [];
  for (const list of byPeriod.values())
    ordered.push({ list, end: periodEnd((list[0] as ResultEntry).period) });
  ordered.sort((a, b) => a.end - b.end);
  for (const { list, end } of ordered) {
    if (!inSeqOrder(list)) list.sort(bySeq);
    const label = formatPeriod((list[0] as ResultEntry).period);
    periods.push(periodFigure(ind, label, end, list, keys, warnings, expect));
  }

  let running = baseline;
  let latest: PeriodFigure | undefined;
  for (const p of periods) {
    if (p.total === null) continue;
    if (ind.aggregation === 'cumulative') {
      running = clean(running + p.total);
      p.soFar = running;
    } else p.soFar = p.total;
    latest = p;
  }
  const actual = latest ? (latest.soFar as number) : null;

  const curve = targetCurve(ind);
  const final = ind.targets.length ? (ind.targets[ind.targets.length - 1]?.value as number) : baseline;
  const expected = latest ? interpolate(curve, latest.end) : null;

  let progress: number | null = null;
  let progressRule: IndicatorTrace['progressRule'] = null;
  if (actual !== null && expected !== null) {
    if (expected.value === baseline) {
      progressRule = 'flat';
      progress = rightSide(ind, actual, expected.value) ? 1 : 0;
    } else {
      progressRule = 'ratio';
      progress = clean((actual - baseline) / (expected.value - baseline));
    }
  }
  const rating = fw.plan.rating;
  const status: Status =
    progress === null
      ? 'no-data'
      : progress >= rating.on_track
        ? 'on-track'
        : progress >= rating.at_risk
          ? 'at-risk'
          : 'off-track';
  const achieved = actual !== null && rightSide(ind, actual, final);

  const next = latest ? nextPeriod(latest.period) : firstPeriod(fw.plan.start, ind.frequency);
  const nextEnd = periodEnd(next);
  const afterPlan = next.year > fw.plan.end;
  const overdue: OverdueCheck = { next, nextEnd, afterPlan, overdue: !afterPlan && nextEnd < asOf };
  const missing = missingPeriods(fw.plan.start, fw.plan.end, ind.frequency, periods, asOf);
  const incomplete: IncompletePeriod[] = [];
  for (const p of periods) if (p.incomplete) incomplete.push({ period: p.label, missing: p.incomplete });

  const points = periods.filter((p) => p.soFar !== null).map((p) => ({ x: p.end, y: p.soFar as number }));
  const forecast = fitForecast(points, yearEnd(fw.plan.end));

  const figures: IndicatorFigures = {
    indicator: ind,
    asOf,
    rating,
    planEnd: fw.plan.end,
    periods,
    latest,
    baseline,
    actual,
    curve,
    expected,
    final,
    progress,
    progressRule,
    status,
    achieved,
    overdue,
    missing,
    incomplete,
    forecast,
    breakdown: ind.disaggregate.length ? breakdown(fw, ind, periods) : undefined,
    warnings,
  };
  return { figures, keys, standing };
}

/** The periods of `frequency` in the plan years whose last day is before D and that have no total. */
function missingPeriods(
  start: number,
  end: number,
  frequency: Indicator['frequency'],
  periods: readonly PeriodFigure[],
  asOf: Day,
): string[] {
  // By period code rather than label: the label is made only for the periods reported missing.
  const withTotal = new Set<number>();
  for (const p of periods) if (p.total !== null) withTotal.add(periodCode(p.period));
  const out: string[] = [];
  if (end < start) return out;
  for (let p = firstPeriod(start, frequency); p.year <= end && periodEnd(p) < asOf; p = nextPeriod(p)) {
    if (!withTotal.has(periodCode(p))) out.push(formatPeriod(p));
  }
  return out;
}

/** True when `actual` is on the indicator's side of `target`: ≥ for increase, ≤ for decrease. */
function rightSide(ind: Pick<Indicator, 'direction'>, actual: number, target: number): boolean {
  return ind.direction === 'increase' ? actual >= target : actual <= target;
}

function periodFigure(
  ind: Indicator,
  label: string,
  end: Day,
  list: ResultEntry[],
  keys: ResultKeys,
  warnings: string[],
  expect: ExpectedIndex | undefined,
): PeriodFigure {
  const period = (list[0] as ResultEntry).period;
  let totalEntry: ResultEntry | undefined;
  for (let i = 0; i < list.length && totalEntry === undefined; i++) {
    const e = list[i] as ResultEntry;
    if (keys.dims(e.dims).total) totalEntry = e;
  }
  // Most periods have only per-value entries: then they are the list, copied at its size.
  const perValue = totalEntry === undefined ? list.slice() : list.filter((e) => !keys.dims(e.dims).total);
  // Written out field by field (no spreads, which cost more than the figures at a million entries),
  // in the order the fields have always had.
  if (totalEntry) {
    return {
      period,
      label,
      end,
      soFar: null,
      perValue,
      rule: 'total-entry',
      total: totalOf(totalEntry),
      parts: [totalEntry],
    };
  }
  const absent = expect ? absentValues(expect, list) : undefined;
  if (absent) {
    const whole = ind.aggregation === 'cumulative';
    warnings.push(
      `${ind.id} ${label}: incomplete — no entry for ${missingValuesText(absent)}${
        whole
          ? '; the increments reported are counted'
          : '; a level summed over some values is not the whole, so the period has no total and the latest complete period stands'
      }`,
    );
    if (!whole && ind.measure !== 'milestone') {
      return {
        period,
        label,
        end,
        soFar: null,
        perValue,
        rule: 'incomplete',
        total: null,
        parts: list,
        incomplete: absent,
      };
    }
  }
  const combined = combine(ind, list, false);
  if (combined.total === null) {
    warnings.push(
      ind.measure === 'percent'
        ? `${ind.id} ${label}: per-value percent entries without numerator and denominator, and no total entry; percentages are never averaged, so the period counts as missing`
        : `${ind.id} ${label}: per-value milestone entries and no total entry; the period counts as missing`,
    );
  }
  const shape = keys.dims((list[0] as ResultEntry).dims).shape;
  if (list.some((e) => keys.dims(e.dims).shape !== shape)) {
    const shapes = new Set(list.map((e) => keys.dims(e.dims).shape));
    warnings.push(
      `${ind.id} ${label}: per-value entries mix disaggregations (${[...shapes].join('; ')}); their total may count some values twice`,
    );
  }
  const { rule, total } = combined;
  let out: PeriodFigure;
  if (rule === 'ratio') {
    const { numerator, denominator } = combined;
    out = { period, label, end, soFar: null, perValue, rule, total, numerator, denominator, parts: list };
  } else out = { period, label, end, soFar: null, perValue, rule, total, parts: list };
  if (absent) out.incomplete = absent;
  return out;
}

/** The expected combinations of an indicator and a lookup from a combination's text key to its index. */
interface ExpectedIndex {
  combos: Record<string, string>[];
  byKey: Map<string, number>;
  /** The index of a dims object already seen (fast-path entries share them), -1 when not expected. */
  byObject: Map<Record<string, string>, number>;
  seen: Uint8Array;
}

function expectedIndex(ind: Indicator): ExpectedIndex {
  const combos = expectedCombinations(ind);
  const byKey = new Map<string, number>();
  for (let i = 0; i < combos.length; i++) byKey.set(comboKey(combos[i] as Record<string, string>), i);
  return { combos, byKey, byObject: new Map(), seen: new Uint8Array(combos.length) };
}

/** The expected combinations with no entry in `list` (per-value entries of one period), or undefined when none is absent. */
function absentValues(x: ExpectedIndex, list: readonly ResultEntry[]): Record<string, string>[] | undefined {
  x.seen.fill(0);
  let found = 0;
  for (let i = 0; i < list.length; i++) {
    const dims = (list[i] as ResultEntry).dims;
    let at = x.byObject.get(dims);
    if (at === undefined) {
      at = x.byKey.get(comboKey(dims)) ?? -1;
      x.byObject.set(dims, at);
    }
    if (at >= 0 && x.seen[at] === 0) {
      x.seen[at] = 1;
      found++;
    }
  }
  if (found === x.combos.length) return undefined;
  const out: Record<string, string>[] = [];
  for (let i = 0; i < x.combos.length; i++)
    if (x.seen[i] === 0) out.push({ ...(x.combos[i] as Record<string, string>) });
  return out;
}

function totalOf(e: ResultEntry): number {
  if (e.value !== undefined) return e.value;
  return clean(((e.numerator as number) / (e.denominator as number)) * 100);
}

/**
 * Combines per-value entries: numbers add up; percents are Σ numerators / Σ denominators × 100
 * (never averaged). With `single`, one entry alone stands for itself (a breakdown row).
 */
function combine(
  ind: Indicator,
  list: ResultEntry[],
  single: boolean,
): Pick<PeriodFigure, 'rule' | 'total' | 'numerator' | 'denominator'> {
  if (single && list.length === 1) return { rule: 'total-entry', total: totalOf(list[0] as ResultEntry) };
  if (ind.measure === 'number') {
    let sum = 0;
    for (let i = 0; i < list.length; i++) sum += (list[i] as ResultEntry).value ?? 0;
    return { rule: 'sum', total: clean(sum) };
  }
  if (
    ind.measure === 'percent' &&
    list.every((e) => e.numerator !== undefined && e.denominator !== undefined)
  ) {
    let num = 0;
    let den = 0;
    for (const e of list) {
      num += e.numerator as number;
      den += e.denominator as number;
    }
    num = clean(num);
    den = clean(den);
    return {
      rule: 'ratio',
      total: den > 0 ? clean((num / den) * 100) : null,
      numerator: num,
      denominator: den,
    };
  }
  return { rule: 'missing', total: null };
}

/** The target curve's points: (31 Dec of the baseline year, baseline), then (31 Dec of each target year, target). */
export function targetCurve(ind: Indicator): CurvePoint[] {
  return [
    { year: ind.baseline.year, day: yearEnd(ind.baseline.year), value: ind.baseline.value, kind: 'baseline' },
    ...ind.targets.map((t) => ({
      year: t.year,
      day: yearEnd(t.year),
      value: t.value,
      kind: 'target' as const,
    })),
  ];
}

/** The curve at day t: straight lines between points, flat before the first and after the last. */
export function interpolate(curve: CurvePoint[], t: Day): Interpolation {
  const first = curve[0] as CurvePoint;
  if (t < first.day) return { t, kind: 'before-curve', from: first, value: first.value };
  for (let i = 0; i < curve.length; i++) {
    const p = curve[i] as CurvePoint;
    if (t === p.day) return { t, kind: 'on-point', from: p, value: p.value };
    const q = curve[i + 1];
    if (q && t < q.day) {
      const value = clean(p.value + ((q.value - p.value) * (t - p.day)) / (q.day - p.day));
      return { t, kind: 'between', from: p, to: q, value };
    }
  }
  const last = curve[curve.length - 1] as CurvePoint;
  return { t, kind: 'after-last', from: last, value: last.value };
}

/** Least-squares line through the (day, y) points, evaluated at day `at`; null with fewer than two points. */
function fitForecast(raw: { x: Day; y: number }[], atDay: Day): ForecastFit | null {
  if (raw.length < 2) return null;
  const origin = (raw[0] as { x: Day }).x;
  const points = raw.map((p) => ({ day: p.x, x: p.x - origin, y: p.y }));
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const at = atDay - origin;
  return {
    origin,
    points,
    meanX,
    meanY,
    sxy,
    sxx,
    slope,
    atDay,
    at,
    value: clean(meanY + slope * (at - meanX)),
  };
}

function verdictOf(
  e: ResultEntry,
  asOf: Day,
  keys: ResultKeys,
  standing: Map<number, ResultEntry>,
  standingSet: Set<ResultEntry>,
  periodById: Map<number, PeriodFigure>,
): EntryVerdict {
  if (e.date > asOf) return { kind: 'after-as-of' };
  if (!standingSet.has(e)) return { kind: 'superseded', by: standing.get(keys.key(e)) as ResultEntry };
  if (e.withdrawn) return { kind: 'withdrawal' };
  const p = periodById.get(keys.period(e.period)) as PeriodFigure;
  if (p.rule === 'total-entry' && p.parts[0] !== e)
    return { kind: 'breakdown-only', total: p.parts[0] as ResultEntry };
  if (p.rule === 'missing') return { kind: 'period-missing' };
  if (p.rule === 'incomplete') return { kind: 'period-incomplete' };
  return { kind: 'used' };
}

/** Per dimension value: the value's own figures, aggregated like the total (cumulative rows leave out the baseline). */
export function breakdown(fw: Framework, ind: Indicator, periods: PeriodFigure[]): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  for (const dimension of ind.disaggregate) {
    // A row per expected value (a value the indicator does not expect is an error in validate).
    const values = ind.expectedValues[dimension] ?? fw.plan.dimensions[dimension] ?? [];
    // One pass over each period's per-value entries sorts them to their values (rather than one
    // filter per value and period); each value's figures still add up in period order. Indexed
    // loops and reused arrays: this runs once per period of every indicator.
    const slots = new Map<string, BreakdownSlot>();
    for (const value of values) if (!slots.has(value)) slots.set(value, { own: [], count: 0, actual: null });
    const touched: BreakdownSlot[] = [];
    for (let i = 0; i < periods.length; i++) {
      const perValue = (periods[i] as PeriodFigure).perValue;
      for (let j = 0; j < perValue.length; j++) {
        const e = perValue[j] as ResultEntry;
        const v = e.dims[dimension];
        const slot = v === undefined ? undefined : slots.get(v);
        if (slot === undefined) continue;
        if (slot.count === 0) touched.push(slot);
        slot.own[slot.count++] = e;
      }
      for (let j = 0; j < touched.length; j++) {
        const slot = touched[j] as BreakdownSlot;
        // One entry stands for itself (combine's `single` rule), without the object combine returns.
        const figure =
          slot.count === 1
            ? totalOf(slot.own[0] as ResultEntry)
            : combine(ind, slot.own.slice(0, slot.count), true).total;
        slot.count = 0;
        if (figure === null) continue;
        slot.actual = ind.aggregation === 'cumulative' ? clean((slot.actual ?? 0) + figure) : figure;
      }
      touched.length = 0;
    }
    for (const value of values)
      rows.push({ dimension, value, actual: (slots.get(value) as BreakdownSlot).actual });
  }
  return rows;
}

/** One dimension value's entries in the period at hand (the first `count` of `own`), and its figure so far. */
interface BreakdownSlot {
  own: ResultEntry[];
  count: number;
  actual: number | null;
}
