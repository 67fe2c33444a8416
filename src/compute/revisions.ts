import { type Day, formatDate } from '../core/dates.js';
import type { Framework } from '../model/framework.js';

/** The revisions in force at a day, each change with the figure that stood just before it. Pure. */

/** One year's change made by a revision: `from` is what stood just before it (null: the year was added). */
export type RevisionChange =
  | {
      kind: 'target';
      /** The indicator id. */
      id: string;
      year: number;
      /** Numbers (level indices for milestones: `levels` names them). */
      from: number | null;
      to: number;
      levels: string[] | null;
    }
  | {
      kind: 'planned';
      /** The budget line id. */
      id: string;
      year: number;
      /** Minor units of the plan currency. */
      from: bigint | null;
      to: bigint;
    };

/** A revision in force at the report date, with what it changed. */
export interface ReportRevision {
  id: string;
  /** The day it took effect, YYYY-MM-DD. */
  date: string;
  /** The meeting that decided it, or null. */
  meeting: string | null;
  title: string;
  reason: string | null;
  changes: RevisionChange[];
}

/** The revisions dated ≤ D in the order they apply, each change with the figure that stood just before it. */
export function revisionsInForce(fw: Framework, asOf: Day): ReportRevision[] {
  const targets = new Map<string, Map<number, number>>();
  const planned = new Map<string, Map<number, bigint>>();
  const out: ReportRevision[] = [];
  for (const rev of fw.revisions) {
    if (rev.date > asOf) continue;
    const changes: RevisionChange[] = [];
    for (const [id, years] of rev.targets) {
      const ind = fw.indicators.find((i) => i.id === id);
      if (!ind) continue;
      let cur = targets.get(id);
      if (!cur) {
        cur = new Map(ind.originalTargets.map((t) => [t.year, t.value]));
        targets.set(id, cur);
      }
      for (const [year, to] of [...years].sort((a, b) => a[0] - b[0])) {
        changes.push({
          kind: 'target',
          id,
          year,
          from: cur.get(year) ?? null,
          to,
          levels: ind.levels ?? null,
        });
        cur.set(year, to);
      }
    }
    for (const [id, years] of rev.planned) {
      const line = fw.lines.find((l) => l.id === id);
      if (!line) continue;
      let cur = planned.get(id);
      if (!cur) {
        cur = new Map(line.originalPlanned);
        planned.set(id, cur);
      }
      for (const [year, to] of [...years].sort((a, b) => a[0] - b[0])) {
        changes.push({ kind: 'planned', id, year, from: cur.get(year) ?? null, to });
        cur.set(year, to);
      }
    }
    out.push({
      id: rev.id,
      date: formatDate(rev.date),
      meeting: rev.meeting ?? null,
      title: rev.title,
      reason: rev.reason ?? null,
      changes,
    });
  }
  return out;
}
