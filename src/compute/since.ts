import { type Day, formatDate } from '../core/dates.js';
import type { Framework } from '../model/framework.js';
import type { Status, StatusReport } from '../model/reports.js';
import { computeStatus } from './status.js';
import { entriesByIndicator, indicatorFigures } from './status-trace.js';

/** "Since an earlier date D0" of DESIGN.md: what changed between two report dates. Pure. */

/** An indicator whose status as of D0 differs from its status as of D. */
export interface StatusChange {
  id: string;
  from: Status;
  to: Status;
}

/**
 * A period that had a total as of D0 whose total as of D differs (a correction or a withdrawal of
 * a figure already reported). `to` is null when the period has no total any more (withdrawn).
 */
export interface Restated {
  id: string;
  period: string;
  from: number;
  to: number | null;
}

export interface SinceData {
  /** D0, YYYY-MM-DD. */
  date: string;
  /** The meeting D0 was taken from (named with --since, or the latest before the as-of day); null for a plain date. */
  meeting: string | null;
  /** The meeting's title, when it has one (not in JSON). */
  meetingTitle: string | null;
  statusChanges: StatusChange[];
  restated: Restated[];
  /** The number of result entries dated in (D0, D], withdrawals included. */
  newResults: number;
  /** Spending dated in (D0, D], in minor units of the plan currency. */
  spent: bigint;
  /** Contributions (cash and in kind) dated in (D0, D], in minor units of the plan currency. */
  received: bigint;
  /** Ids of the revisions dated in (D0, D], in the order they apply. */
  revisions: string[];
}

/**
 * What changed between `since` (D0) and `asOf` (D), for D0 < D; `meeting` names D0's meeting, if
 * any. `atD` is the status as of D when the caller has it already (the report does).
 */
export function computeSince(
  fw: Framework,
  since: Day,
  asOf: Day,
  meeting: string | null = null,
  atD?: StatusReport,
): SinceData {
  const before = computeStatus(fw, since);
  const after = atD ?? computeStatus(fw, asOf);
  const was = new Map(before.indicators.map((s) => [s.id, s.status]));
  const statusChanges: StatusChange[] = [];
  for (const s of after.indicators) {
    const from = was.get(s.id);
    if (from !== undefined && from !== s.status) statusChanges.push({ id: s.id, from, to: s.status });
  }

  // Period totals do not depend on targets, so the written framework serves for both days.
  const restated: Restated[] = [];
  const entries = entriesByIndicator(fw);
  for (const ind of fw.indicators) {
    const list = entries.get(ind.id) ?? [];
    if (!list.some((e) => e.date > since && e.date <= asOf)) continue;
    const then = indicatorFigures(fw, ind, list, since);
    const now = new Map(indicatorFigures(fw, ind, list, asOf).periods.map((p) => [p.label, p.total]));
    for (const p of then.periods) {
      if (p.total === null) continue;
      const to = now.get(p.label) ?? null;
      if (to !== p.total) restated.push({ id: ind.id, period: p.label, from: p.total, to });
    }
  }

  let newResults = 0;
  let spent = 0n;
  let received = 0n;
  for (const e of fw.entries) {
    if (e.date <= since || e.date > asOf) continue;
    if (e.kind === 'result') newResults++;
    else if (e.kind === 'spend') spent += e.planAmount;
    else if (e.kind === 'contribution') received += e.planAmount;
  }
  const revisions = fw.revisions.filter((r) => r.date > since && r.date <= asOf).map((r) => r.id);
  const m = meeting === null ? undefined : fw.meetings.find((x) => x.id === meeting);
  return {
    date: formatDate(since),
    meeting,
    meetingTitle: m?.title ?? null,
    statusChanges,
    restated,
    newResults,
    spent,
    received,
    revisions,
  };
}

/** The latest meeting dated before `asOf` (the default "since"), if the plan lists any. */
export function lastMeetingBefore(fw: Framework, asOf: Day): Framework['meetings'][number] | undefined {
  let best: Framework['meetings'][number] | undefined;
  for (const m of fw.meetings) if (m.date < asOf && (!best || m.date >= best.date)) best = m;
  return best;
}
