import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Framework } from '../model/framework.js';
import { child } from '../model/source.js';

/**
 * `unexpected-value`: a result entry for a dimension value its indicator does not expect
 * (`disaggregate: {country: [CN, JP, KR, RU]}` and an entry for MN). Such a value is never asked
 * for, never counted as missing and has no breakdown row, so its figure would be read by nobody:
 * an error. A value the plan does not know at all is the decoder's `dimension-value` error.
 */
export function unexpectedValues(fw: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Only indicators that name their expected values can refuse a value of the plan.
  const narrowed = new Map<
    string,
    { dims: string[]; expected: Record<string, Set<string>>; text: Record<string, string> }
  >();
  for (const ind of fw.indicators) {
    if (ind.expectedWritten === undefined) continue;
    const expected: Record<string, Set<string>> = {};
    const text: Record<string, string> = {};
    for (const d of ind.disaggregate) {
      const values = ind.expectedValues[d] ?? [];
      expected[d] = new Set(values);
      text[d] = values.join(', ');
    }
    narrowed.set(ind.id, { dims: ind.disaggregate, expected, text });
  }
  if (narrowed.size === 0) return out;
  for (const e of fw.entries) {
    if (e.kind !== 'result') continue;
    const n = narrowed.get(e.indicator);
    if (!n) continue;
    for (const d of n.dims) {
      const v = e.dims[d];
      if (v === undefined || n.expected[d]?.has(v)) continue;
      if (!(fw.plan.dimensions[d] ?? []).includes(v)) continue;
      out.push(
        error(
          'unexpected-value',
          `${e.indicator} does not expect ${d} ${v} (it expects ${n.text[d]}); if ${v} reports it, add ${v} to the indicator's disaggregate.${d}`,
          child(e.src, d),
        ),
      );
    }
  }
  return out;
}
