import { compareSdgTargets, goalOf, SDG_GOALS } from '../core/sdg.js';
import type { Framework, Level } from '../model/framework.js';
import type { IndicatorStatus, Status, StatusSummary } from '../model/reports.js';

/**
 * The meeting report's results grouped by SDG goal (docs/iati.md, "SDG targets"): per goal that any
 * result or indicator names a target of, the results that serve it — a result serves the targets it
 * names and those its indicators name — with each indicator's status as of the report date. A
 * result serving targets of two goals is listed under both. Goals in their number order, results
 * in framework order. Pure: the statuses come from computeStatus.
 */

export interface SdgIndicator {
  id: string;
  title: string;
  status: Status;
  /** The targets the indicator itself names (of this goal). */
  targets: string[];
}

export interface SdgResult {
  id: string;
  level: Level;
  title: string;
  /** The targets of this goal the result serves: its own and its indicators', in the official order. */
  targets: string[];
  indicators: SdgIndicator[];
}

export interface SdgGoal {
  goal: number;
  title: string;
  /** Every target of this goal named, in the official order. */
  targets: string[];
  results: SdgResult[];
  /** Statuses of the indicators listed under the goal (each counted once). */
  summary: StatusSummary;
}

export function computeSdgGoals(fw: Framework, statuses: readonly IndicatorStatus[]): SdgGoal[] {
  const status = new Map(statuses.map((s) => [s.id, s]));
  const groups: SdgGoal[] = [];
  for (const [goal, title] of SDG_GOALS) {
    const ofGoal = (targets: readonly string[]) => targets.filter((t) => goalOf(t) === goal);
    const results: SdgResult[] = [];
    for (const r of fw.results) {
      const indicators = fw.indicators.filter((i) => i.result === r.id);
      const targets = [...new Set([...ofGoal(r.sdg), ...indicators.flatMap((i) => ofGoal(i.sdg))])].sort(
        compareSdgTargets,
      );
      if (targets.length === 0) continue;
      results.push({
        id: r.id,
        level: r.level,
        title: r.title,
        targets,
        indicators: indicators.flatMap((i) => {
          const s = status.get(i.id);
          return s ? [{ id: i.id, title: i.title, status: s.status, targets: ofGoal(i.sdg) }] : [];
        }),
      });
    }
    if (results.length === 0) continue;
    const summary: StatusSummary = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'no-data': 0 };
    for (const i of results.flatMap((r) => r.indicators)) summary[i.status]++;
    groups.push({
      goal,
      title,
      targets: [...new Set(results.flatMap((r) => r.targets))].sort(compareSdgTargets),
      results,
      summary,
    });
  }
  return groups;
}
