import { frameworkAt } from '../compute/in-force.js';
import { entriesByIndicator, indicatorFigures } from '../compute/status-trace.js';
import { dayFromCivil } from '../core/dates.js';
import { type Diagnostic, warning } from '../model/diagnostics.js';
import type { Framework, ResultEntry } from '../model/framework.js';
import { child } from '../model/source.js';

/** A day after every date the ledger can hold: every entry and revision is in force. */
const END_OF_TIME = dayFromCivil(9999, 12, 31);

/**
 * `suspect-running-total`: a period of a cumulative indicator whose value reaches or passes the
 * running total before it (baseline plus the earlier periods) and carries the indicator to or past
 * its final target in that one period — what a running total typed where the period's own amount
 * belongs looks like (8 so far, 10 typed meaning "10 in total": 8 + 10 = 18, the 2030 target met in
 * the first year). Read as of every entry and revision: the figures as they stand now. Only for
 * `increase` indicators with an earlier period that has a total (with none there is no running
 * total to mistake the value for); a period already past the final target is not suspect.
 */
export function suspectRunningTotals(written: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fw = frameworkAt(written, END_OF_TIME);
  let byIndicator: Map<string, ResultEntry[]> | undefined;
  for (const ind of fw.indicators) {
    if (ind.aggregation !== 'cumulative' || ind.direction !== 'increase' || ind.measure !== 'number')
      continue;
    byIndicator ??= entriesByIndicator(fw);
    const entries = byIndicator.get(ind.id);
    if (!entries || entries.length < 2) continue;
    const f = indicatorFigures(fw, ind, entries, END_OF_TIME);
    const final = f.final;
    let running = f.baseline;
    let earlier = false;
    const finalYear = ind.targets[ind.targets.length - 1]?.year;
    for (const p of f.periods) {
      if (p.total === null) continue;
      const value = p.total;
      const after = p.soFar as number;
      if (earlier && value > 0 && value >= running && running < final && after >= final) {
        // The entry that brought the period its total: the total entry, else its latest per-value entry.
        const at = p.parts.reduce((a, b) => (b.seq > a.seq ? b : a));
        out.push(
          warning(
            'suspect-running-total',
            `${ind.id} ${p.label}: ${value} reaches the running total before it (${running}) and carries ${ind.id} from ${running} to ${after}, to its final target ${final}${finalYear === undefined ? '' : ` (${finalYear})`} in one period; a cumulative indicator takes the period's own amount${value > running ? ` — if ${value} is the total so far, the period's amount is ${value - running}` : ''}`,
            child(at.src, at.value === undefined ? 'numerator' : 'value'),
          ),
        );
      }
      running = after;
      earlier = true;
    }
  }
  return out;
}
