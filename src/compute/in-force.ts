import type { Day } from '../core/dates.js';
import type { BudgetLine, Framework, Indicator } from '../model/framework.js';

/**
 * The framework as it stood on a day: every revision dated on or before it applied, in date order
 * (then file order), each replacing the years it names and adding new ones (none removes a year).
 * Indicators and lines a revision touched carry `revisedBy`; `originalTargets` / `originalPlanned`
 * keep what was written. Entries are left as they are: every computation already ignores entries
 * dated after its as-of day. Pure; returns `fw` itself when no revision is in force.
 */
export function frameworkAt(fw: Framework, asOf: Day): Framework {
  const inForce = fw.revisions.filter((r) => r.date <= asOf);
  if (inForce.length === 0) return fw;
  const targets = new Map<string, Revised<number>>();
  const planned = new Map<string, Revised<bigint>>();
  for (const rev of inForce) {
    apply(rev.id, rev.targets, targets, (id) =>
      fw.indicators.find((i) => i.id === id)?.originalTargets.map((x) => [x.year, x.value] as const),
    );
    apply(rev.id, rev.planned, planned, (id) => fw.lines.find((l) => l.id === id)?.originalPlanned);
  }
  if (targets.size === 0 && planned.size === 0) return fw;
  const indicators = fw.indicators.map((ind): Indicator => {
    const t = targets.get(ind.id);
    if (!t) return ind;
    const list = [...t.years].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
    return { ...ind, targets: list, revisedBy: t.by };
  });
  const lines = fw.lines.map((line): BudgetLine => {
    const p = planned.get(line.id);
    if (!p) return line;
    return { ...line, planned: new Map([...p.years].sort((a, b) => a[0] - b[0])), revisedBy: p.by };
  });
  return { ...fw, indicators, lines };
}

/** An indicator's targets or a line's planned amounts by year, and the revisions that changed them. */
interface Revised<V> {
  years: Map<number, V>;
  by: string[];
}

/**
 * Applies one revision's years (by indicator or line id) over what stood before: the years as
 * written (`original`, undefined for an id the framework lacks) or as earlier revisions left them.
 */
function apply<V>(
  revision: string,
  changes: ReadonlyMap<string, ReadonlyMap<number, V>>,
  revised: Map<string, Revised<V>>,
  original: (id: string) => Iterable<readonly [number, V]> | undefined,
): void {
  for (const [id, years] of changes) {
    if (years.size === 0) continue;
    let r = revised.get(id);
    if (!r) {
      const before = original(id);
      if (!before) continue;
      r = { years: new Map(before), by: [] };
      revised.set(id, r);
    }
    for (const [year, value] of years) r.years.set(year, value);
    if (!r.by.includes(revision)) r.by.push(revision);
  }
}

/** The final target as written, before any revision (the last target year's value). */
export function originalFinal(ind: Indicator): number {
  const last = ind.originalTargets[ind.originalTargets.length - 1];
  return last ? last.value : ind.baseline.value;
}
