import type { Day } from '../core/dates.js';
import type { Framework } from '../model/framework.js';
import type { Status } from '../model/reports.js';
import { computeStatus } from './status.js';

/** An indicator's standing figure before and after new entries, as `record` and `import` print it. */
export interface StandingChange {
  id: string;
  /** Actual before the new entries (null: no data). */
  from: number | null;
  to: number | null;
  final: number;
  finalYear: number | undefined;
  status: Status;
  achieved: boolean;
  levels: string[] | undefined;
}

/** The standing figures of `ids` as of `asOf`, before and after: one per indicator, in the order given. Pure. */
export function standingChanges(
  before: Framework,
  after: Framework,
  ids: readonly string[],
  asOf: Day,
): StandingChange[] {
  const want = [...new Set(ids)];
  if (want.length === 0) return [];
  const was = new Map(computeStatus(before, asOf).indicators.map((s) => [s.id, s]));
  const now = new Map(computeStatus(after, asOf).indicators.map((s) => [s.id, s]));
  const out: StandingChange[] = [];
  for (const id of want) {
    const s = now.get(id);
    if (!s) continue;
    const ind = after.indicators.find((i) => i.id === id);
    out.push({
      id,
      from: was.get(id)?.actual ?? null,
      to: s.actual,
      final: s.final,
      finalYear: ind?.targets[ind.targets.length - 1]?.year,
      status: s.status,
      achieved: s.achieved,
      levels: s.levels,
    });
  }
  return out;
}

/** `LCC.O1.1-a: 8 → 18 of 18 by 2030 — achieved` (milestones by level name; – for no data). */
export function standingText(c: StandingChange): string {
  // Two decimals at most (a percentage from counts: 38.4615… reads 38.46).
  const v = (x: number | null) =>
    x === null ? '–' : c.levels ? (c.levels[Math.round(x)] ?? String(x)) : String(Number(x.toFixed(2)));
  const state = c.achieved ? 'achieved' : c.status === 'no-data' ? 'no data' : c.status;
  return `${c.id}: ${v(c.from)} → ${v(c.to)} of ${v(c.final)}${c.finalYear === undefined ? '' : ` by ${c.finalYear}`} — ${state}`;
}
