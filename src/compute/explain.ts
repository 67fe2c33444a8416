import type { Day } from '../core/dates.js';
import type { Framework, ResultEntry } from '../model/framework.js';
import type { Src } from '../model/source.js';
import { frameworkAt } from './in-force.js';
import { type IndicatorStatusDetail, toStatus } from './status.js';
import { entriesByIndicator, type IndicatorTrace, traceIndicator } from './status-trace.js';

/** Everything `status --explain ID` prints: the trace of one indicator, with file:line of each input. */
export interface Explanation {
  trace: IndicatorTrace;
  status: IndicatorStatusDetail;
  /** Where the indicator is defined, as `file:line`. */
  definedAt: string;
  /** `file:line` of each of the indicator's entries. */
  at: Map<ResultEntry, string>;
}

/** The explanation of indicator `id` as of `asOf`; undefined when there is no such indicator. */
export function explainIndicator(written: Framework, id: string, asOf: Day): Explanation | undefined {
  const fw = frameworkAt(written, asOf);
  const ind = fw.indicators.find((i) => i.id === id);
  if (!ind) return undefined;
  const entries = entriesByIndicator(fw).get(id) ?? [];
  const trace = traceIndicator(fw, ind, entries, asOf);
  const at = new Map<ResultEntry, string>();
  for (const e of entries) at.set(e, where(e.src));
  return { trace, status: toStatus(fw, trace), definedAt: where(ind.src), at };
}

function where(src: Src): string {
  return `${src.file.name}:${src.file.locate(src.path).line}`;
}
