import { civil, type Day, formatDate } from '../core/dates.js';
import type { ContributionEntry, Framework, PledgeEntry } from '../model/framework.js';
import type {
  ContributionStatus,
  ContributionStatusRow,
  FundingContributorRow,
  FundingReport,
  FundingSourceFigures,
  FundingSourceRow,
  FundingSums,
  FundingYearRow,
} from '../model/reports.js';
import { frameworkAt } from './in-force.js';
import { ratio } from './variance.js';

// Resources ("Figures → Resources" of the contract). Pledges and contributions already carry
// `planAmount` (converted at the entry's month or year rate and rounded per entry at load time).
// The unit of computation is a *cell*, one per (source, contributor, year): outstanding and
// secured are max() of the cell's pledged and received, and every roll-up — by source, by
// contributor, by year, the status of contributions — adds cells, which is what makes the source,
// contributor and year rows sum to the same totals. A max() taken after adding would not: a
// contributor who overpays one source cannot make up for what it owes another.

/** Key of the source row that gathers lines without a source. */
const NO_SOURCE = '-';

/** The money of one (source, contributor, year) as of D. */
export interface FundingCell {
  source: string;
  contributor: string;
  year: number;
  pledged: bigint;
  received: bigint;
  inKind: bigint;
}

/** Every cell with a pledge or contribution dated ≤ D, in ledger order of first appearance. */
export function fundingCells(fw: Framework, asOf: Day): FundingCell[] {
  const cells = new Map<string, FundingCell>();
  for (const e of fw.entries) {
    if ((e.kind !== 'pledge' && e.kind !== 'contribution') || e.date > asOf) continue;
    const k = cellKey(e);
    let cell = cells.get(k);
    if (!cell) {
      cell = { source: e.fund, contributor: e.from, year: e.year, pledged: 0n, received: 0n, inKind: 0n };
      cells.set(k, cell);
    }
    if (e.kind === 'pledge') cell.pledged += e.planAmount;
    else {
      cell.received += e.planAmount;
      if (e.inKind) cell.inKind += e.planAmount;
    }
  }
  return [...cells.values()];
}

function cellKey(e: PledgeEntry | ContributionEntry): string {
  return `${e.fund}\u0000${e.from}\u0000${e.year}`;
}

const zero = (): FundingSums => ({
  pledged: 0n,
  received: 0n,
  inKind: 0n,
  outstanding: 0n,
  secured: 0n,
  notYetDue: 0n,
});

/**
 * Adds a cell's sums (outstanding and secured taken on the cell) into `s`; the cell's outstanding
 * is also not yet due when its year is after `dueYear` (D's year): a pledge for next year is not in arrears.
 */
function addCell(s: FundingSums, c: FundingCell, dueYear: number): void {
  const outstanding = bigMax(c.pledged - c.received, 0n);
  s.pledged += c.pledged;
  s.received += c.received;
  s.inKind += c.inKind;
  s.outstanding += outstanding;
  s.secured += bigMax(c.pledged, c.received);
  if (c.year > dueYear) s.notYetDue += outstanding;
}

/** The larger of two bigints (Math.max takes numbers only). */
function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function addSums(s: FundingSums, t: FundingSums): void {
  s.pledged += t.pledged;
  s.received += t.received;
  s.inKind += t.inKind;
  s.outstanding += t.outstanding;
  s.secured += t.secured;
  s.notYetDue += t.notYetDue;
}

/** received / pledged, null when pledged is 0. */
export function collectionOf(s: FundingSums): number | null {
  return s.pledged === 0n ? null : ratio(s.received, s.pledged);
}

/** The derived figures of a source row from its sums and its planned, opening and spent money. */
function sourceFigures(
  s: FundingSums,
  planned: bigint,
  opening: bigint,
  spent: bigint,
): FundingSourceFigures {
  return {
    ...s,
    planned,
    gap: planned - s.secured,
    opening,
    spent,
    balance: opening + s.received - s.inKind - spent,
    collection: collectionOf(s),
  };
}

/** Where a contributor stands for a year, from the sums of its cells (see ContributionStatus). */
export function contributionStatus(s: FundingSums): ContributionStatus {
  if (s.outstanding > 0n) {
    if (s.received > 0n) return 'paid-in-part';
    return s.notYetDue > 0n ? 'not-yet-due' : 'not-yet';
  }
  if (s.pledged > 0n) return 'paid-in-full';
  return s.received > 0n ? 'unpledged' : 'nothing-due';
}

/** Resources as of `asOf`: by source, by contributor, by year, the total and the status of contributions. Pure. */
export function computeFunding(written: Framework, asOf: Day): FundingReport {
  const fw = frameworkAt(written, asOf);
  const plan = fw.plan;
  const cells = fundingCells(fw, asOf);
  const dueYear = civil(asOf).y;

  // Sources: every declared one, then `-` when a line has none. Planned and spent come from lines.
  const sourceSums = new Map<string, FundingSums>();
  const planned = new Map<string, bigint>();
  const spent = new Map<string, bigint>();
  const lineSource = new Map<string, string>();
  for (const s of fw.sources) {
    sourceSums.set(s.id, zero());
    planned.set(s.id, 0n);
    spent.set(s.id, 0n);
  }
  const plannedByYear = new Map<number, bigint>();
  for (const line of fw.lines) {
    const key = line.source ?? NO_SOURCE;
    lineSource.set(line.id, key);
    let sum = 0n;
    for (const [year, amount] of line.planned) {
      sum += amount;
      plannedByYear.set(year, (plannedByYear.get(year) ?? 0n) + amount);
    }
    planned.set(key, (planned.get(key) ?? 0n) + sum);
    if (!spent.has(key)) spent.set(key, 0n);
  }
  for (const e of fw.entries) {
    if (e.kind !== 'spend' || e.date > asOf) continue;
    const key = lineSource.get(e.line);
    if (key !== undefined) spent.set(key, (spent.get(key) ?? 0n) + e.planAmount);
  }

  const byContributor = new Map<string, FundingSums>(fw.contributors.map((c) => [c.id, zero()]));
  const byYear = new Map<number, FundingSums>();
  for (let y = plan.start; y <= plan.end; y++) byYear.set(y, zero());
  // Per contributor and year, for the status of contributions.
  const byContributorYear = new Map<string, Map<number, FundingSums>>();
  for (const c of cells) {
    addCell(getOr(sourceSums, c.source, zero), c, dueYear);
    addCell(getOr(byContributor, c.contributor, zero), c, dueYear);
    addCell(getOr(byYear, c.year, zero), c, dueYear);
    addCell(
      getOr(
        getOr(byContributorYear, c.contributor, () => new Map()),
        c.year,
        zero,
      ),
      c,
      dueYear,
    );
  }

  const titles = new Map(fw.sources.map((s) => [s.id, s.title]));
  const openings = new Map(fw.sources.map((s) => [s.id, s.openingBalance]));
  const keys = [...fw.sources.map((s) => s.id), ...(planned.has(NO_SOURCE) ? [NO_SOURCE] : [])];
  const sources: FundingSourceRow[] = keys.map((key) => ({
    key,
    title: key === NO_SOURCE ? '(no source)' : (titles.get(key) ?? key),
    ...sourceFigures(
      sourceSums.get(key) ?? zero(),
      planned.get(key) ?? 0n,
      openings.get(key) ?? 0n,
      spent.get(key) ?? 0n,
    ),
  }));

  const totalSums = zero();
  let totalPlanned = 0n;
  let totalOpening = 0n;
  let totalSpent = 0n;
  for (const r of sources) {
    addSums(totalSums, r);
    totalPlanned += r.planned;
    totalOpening += r.opening;
    totalSpent += r.spent;
  }

  const contributors: FundingContributorRow[] = fw.contributors.map((c) => {
    const s = byContributor.get(c.id) ?? zero();
    return { key: c.id, title: c.title, ...s, collection: collectionOf(s) };
  });

  const years: FundingYearRow[] = [...byYear]
    .sort((a, b) => a[0] - b[0])
    .map(([year, s]) => {
      const p = plannedByYear.get(year) ?? 0n;
      return { key: String(year), planned: p, ...s, gap: p - s.secured };
    });

  const status: ContributionStatusRow[] = [];
  for (const c of fw.contributors) {
    const perYear = byContributorYear.get(c.id);
    if (!perYear) continue;
    for (const [year, s] of [...perYear].sort((a, b) => a[0] - b[0])) {
      status.push({ contributor: c.id, title: c.title, year, ...s, status: contributionStatus(s) });
    }
  }

  return {
    asOf: formatDate(asOf),
    currency: plan.currency,
    digits: plan.digits,
    sources,
    contributors,
    years,
    total: sourceFigures(totalSums, totalPlanned, totalOpening, totalSpent),
    status,
  };
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
