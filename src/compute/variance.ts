import { pushAll } from '../core/arrays.js';
import { civil, type Day, dayOfYear, daysInYear, formatDate, yearEnd, yearStart } from '../core/dates.js';
import { divRoundHalfAwayFromZero, prorata } from '../core/money.js';
import type { BudgetLine, Framework } from '../model/framework.js';
import { programmeOf } from '../model/lookup.js';
import type { Basis, VarianceBy, VarianceFigures, VarianceReport, VarianceRow } from '../model/reports.js';
import { frameworkAt } from './in-force.js';

// Budget versus actual ("Figures → Budget" of the contract). All money is bigint minor units of
// the plan currency; spend entries already carry `planAmount` (converted and rounded at load
// time), so nothing here converts again. The unit of computation is a *cell*, one per budget line
// and year: every roll-up, including `--by year`, adds cells, which is what makes a total row
// equal the sum of its rows and "actual by line" equal "actual by year".

/** Key of the row that gathers lines without the roll-up's link. */
const NO_LINK = '-';

/** The money of one budget line in one year, as of D. */
export interface VarianceCell {
  line: BudgetLine;
  year: number;
  plannedTotal: bigint;
  plannedToDate: bigint;
  actual: bigint;
  /** The line's planned money for the year as written, before any revision. */
  originalPlannedTotal: bigint;
}

/** Planned to date of `planned` (the line's money for `year`) as of `asOf`, rounded to the minor unit. */
export function plannedToDateOf(planned: bigint, year: number, asOf: Day, basis: Basis): bigint {
  const asOfYear = civil(asOf).y;
  if (year < asOfYear) return planned;
  if (year > asOfYear) return 0n;
  return basis === 'year' ? planned : prorata(planned, dayOfYear(asOf), daysInYear(year));
}

/** Every (line, year) cell with planned money or spending, in line order then year order. */
export function varianceCells(written: Framework, asOf: Day, basis: Basis): VarianceCell[] {
  const fw = frameworkAt(written, asOf);
  const byLine = new Map<string, Map<number, VarianceCell>>();
  const cellOf = (line: BudgetLine, year: number): VarianceCell => {
    let years = byLine.get(line.id);
    if (!years) {
      years = new Map();
      byLine.set(line.id, years);
    }
    let cell = years.get(year);
    if (!cell) {
      cell = { line, year, plannedTotal: 0n, plannedToDate: 0n, actual: 0n, originalPlannedTotal: 0n };
      years.set(year, cell);
    }
    return cell;
  };
  const lines = new Map(fw.lines.map((l) => [l.id, l]));
  for (const line of fw.lines) {
    for (const [year, planned] of line.planned) {
      const cell = cellOf(line, year);
      cell.plannedTotal += planned;
      cell.plannedToDate += plannedToDateOf(planned, year, asOf, basis);
    }
    for (const [year, planned] of line.originalPlanned) cellOf(line, year).originalPlannedTotal += planned;
  }
  for (const e of fw.entries) {
    if (e.kind !== 'spend' || e.date > asOf) continue;
    const line = lines.get(e.line);
    if (line) cellOf(line, civil(e.date).y).actual += e.planAmount;
  }
  const cells: VarianceCell[] = [];
  for (const line of fw.lines) {
    const years = byLine.get(line.id);
    if (years)
      pushAll(
        cells,
        [...years.values()].sort((a, b) => a.year - b.year),
      );
  }
  return cells;
}

/** A JS number for the exact ratio a / b (b ≠ 0), correctly rounded while both fit in 2^53. */
export function ratio(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}

/**
 * Days of the span [from, to] elapsed through `asOf`, inclusive, clamped to [0, span length]:
 * 0 before `from`, the whole span after `to`.
 */
export function elapsedDays(from: Day, to: Day, asOf: Day): number {
  const total = to - from + 1;
  return Math.min(Math.max(asOf - from + 1, 0), total);
}

/** actual / (elapsed / total), rounded half away from zero to the minor unit; null when nothing has elapsed. */
export function projectedOf(actual: bigint, elapsed: number, total: number): bigint | null {
  if (elapsed <= 0) return null;
  return divRoundHalfAwayFromZero(actual * BigInt(total), BigInt(elapsed));
}

interface Money {
  plannedTotal: bigint;
  plannedToDate: bigint;
  actual: bigint;
  originalPlannedTotal: bigint;
}

/** The derived figures of summed money, with `projected` computed by the caller (it needs the plan's days). */
function figures(m: Money, projected: bigint | null): VarianceFigures {
  return {
    plannedTotal: m.plannedTotal,
    plannedToDate: m.plannedToDate,
    actual: m.actual,
    variance: m.plannedToDate - m.actual,
    execution: m.plannedToDate === 0n ? null : ratio(m.actual, m.plannedToDate),
    remaining: m.plannedTotal - m.actual,
    projected,
    originalPlannedTotal: m.originalPlannedTotal,
  };
}

interface Group {
  key: string;
  title: string;
  /** Sort position: declaration index, or the year; NO_LINK sorts last. */
  order: number | string;
  money: Money;
}

/** How a roll-up keys a (line, year) cell: the key, title and sort position of its row. */
function groupKeyer(fw: Framework, by: VarianceBy): (line: BudgetLine, year: number) => Omit<Group, 'money'> {
  const index = <T extends { id: string; title: string }>(items: T[]) =>
    new Map(items.map((it, i) => [it.id, { title: it.title, order: i }]));
  const none = (what: string) => ({ key: NO_LINK, title: `(no ${what})`, order: Number.POSITIVE_INFINITY });
  const declared = (
    what: string,
    id: string | undefined,
    known: Map<string, { title: string; order: number }>,
  ) => {
    const found = id === undefined ? undefined : known.get(id);
    return id === undefined || !found ? none(what) : { key: id, title: found.title, order: found.order };
  };
  switch (by) {
    case 'line': {
      const lines = index(fw.lines);
      return (line) => declared('line', line.id, lines);
    }
    case 'result': {
      const results = index(fw.results);
      return (line) => declared('result', line.result, results);
    }
    case 'programme': {
      const programmes = index(fw.programmes);
      return (line) =>
        declared(
          'programme',
          line.result === undefined ? undefined : programmeOf(fw, line.result),
          programmes,
        );
    }
    case 'source': {
      const sources = index(fw.sources);
      return (line) => declared('source', line.source, sources);
    }
    case 'category':
      return (line) =>
        line.category === undefined || line.category === ''
          ? none('category')
          : { key: line.category, title: line.category, order: line.category };
    case 'year':
      return (_line, year) => yearGroup(year);
  }
}

function yearGroup(year: number): Omit<Group, 'money'> {
  return { key: String(year), title: String(year), order: year };
}

function compareOrder(a: Group, b: Group): number {
  const noA = a.key === NO_LINK;
  const noB = b.key === NO_LINK;
  if (noA || noB) return noA === noB ? 0 : noA ? 1 : -1;
  if (typeof a.order === 'number' && typeof b.order === 'number') return a.order - b.order;
  // Categories: alphabetical ignoring case, then by code unit so that the order never depends on a locale.
  const x = String(a.order);
  const y = String(b.order);
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  if (lx !== ly) return lx < ly ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Budget versus actual as of `asOf`, rolled up `by` a link, with planned to date on `basis`. */
export function computeVariance(written: Framework, asOf: Day, by: VarianceBy, basis: Basis): VarianceReport {
  const fw = frameworkAt(written, asOf);
  const plan = fw.plan;
  const planFrom = yearStart(plan.start);
  const planTo = yearEnd(plan.end);
  const keyOf = groupKeyer(fw, by);
  const groups = new Map<string, Group>();
  const groupFor = (g: Omit<Group, 'money'>): Group => {
    let found = groups.get(g.key);
    if (!found) {
      found = { ...g, money: { plannedTotal: 0n, plannedToDate: 0n, actual: 0n, originalPlannedTotal: 0n } };
      groups.set(g.key, found);
    }
    return found;
  };
  // Every plan year has a row by year, and every key that some line links to has a row, even
  // without money; keys no line links to (a programme without budget lines) have none.
  if (by === 'year') for (let y = plan.start; y <= plan.end; y++) groupFor(yearGroup(y));
  else for (const line of fw.lines) groupFor(keyOf(line, plan.start));

  const total: Money = { plannedTotal: 0n, plannedToDate: 0n, actual: 0n, originalPlannedTotal: 0n };
  for (const cell of varianceCells(fw, asOf, basis)) {
    const g = groupFor(keyOf(cell.line, cell.year));
    g.money.plannedTotal += cell.plannedTotal;
    g.money.plannedToDate += cell.plannedToDate;
    g.money.actual += cell.actual;
    g.money.originalPlannedTotal += cell.originalPlannedTotal;
    total.originalPlannedTotal += cell.originalPlannedTotal;
    total.plannedTotal += cell.plannedTotal;
    total.plannedToDate += cell.plannedToDate;
    total.actual += cell.actual;
  }

  const planDays = planTo - planFrom + 1;
  const planElapsed = elapsedDays(planFrom, planTo, asOf);
  // Every row, year rows included, projects on the plan's fraction of days elapsed through D, as
  // the contract defines projected "for a budget line (and any roll-up of lines)".
  const rows: VarianceRow[] = [...groups.values()].sort(compareOrder).map((g) => ({
    key: g.key,
    title: g.title,
    ...figures(g.money, projectedOf(g.money.actual, planElapsed, planDays)),
  }));
  return {
    asOf: formatDate(asOf),
    currency: plan.currency,
    digits: plan.digits,
    by,
    basis,
    rows,
    total: figures(total, projectedOf(total.actual, planElapsed, planDays)),
  };
}
