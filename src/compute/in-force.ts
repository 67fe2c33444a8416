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
  const targets = new Map<string, { years: Map<number, number>; by: string[] }>();
  const planned = new Map<string, { years: Map<number, bigint>; by: string[] }>();
  for (const rev of inForce) {
    for (const [id, years] of rev.targets) {
      if (years.size === 0) continue;
      let t = targets.get(id);
      if (!t) {
        const ind = fw.indicators.find((i) => i.id === id);
        if (!ind) continue;
        t = { years: new Map(ind.originalTargets.map((x) => [x.year, x.value])), by: [] };
        targets.set(id, t);
      }
      for (const [year, value] of years) t.years.set(year, value);
      if (!t.by.includes(rev.id)) t.by.push(rev.id);
    }
    for (const [id, years] of rev.planned) {
      if (years.size === 0) continue;
      let p = planned.get(id);
      if (!p) {
        const line = fw.lines.find((l) => l.id === id);
        if (!line) continue;
        p = { years: new Map(line.originalPlanned), by: [] };
        planned.set(id, p);
      }
      for (const [year, amount] of years) p.years.set(year, amount);
      if (!p.by.includes(rev.id)) p.by.push(rev.id);
    }
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

/** The final target as written, before any revision (the last target year's value). */
export function originalFinal(ind: Indicator): number {
  const last = ind.originalTargets[ind.originalTargets.length - 1];
  return last ? last.value : ind.baseline.value;
}
