import type { Indicator } from './framework.js';

/**
 * The expected values of a disaggregated indicator ("Figures → Expected values" of DESIGN.md): with
 * several dimensions, every combination of each dimension's expected values, in the order written.
 */
export function expectedCombinations(
  ind: Pick<Indicator, 'disaggregate' | 'expectedValues'>,
): Record<string, string>[] {
  if (ind.disaggregate.length === 0) return [];
  let out: Record<string, string>[] = [{}];
  for (const d of ind.disaggregate) {
    const values = ind.expectedValues[d] ?? [];
    out = out.flatMap((c) => values.map((v) => ({ ...c, [d]: v })));
  }
  return out;
}

/** The text key of one combination of dimension values, whatever the order of its names. */
export function comboKey(dims: Record<string, string>): string {
  return Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(',');
}

/** "country KP, JP, RU" (one dimension) or "country MN and sex F; country JP and sex M": missing values as a reader names them. */
export function missingValuesText(missing: readonly Record<string, string>[]): string {
  const first = missing[0];
  if (first === undefined) return '';
  const dims = Object.keys(first);
  if (dims.length === 1) {
    const d = dims[0] as string;
    return `${d} ${missing.map((m) => m[d]).join(', ')}`;
  }
  return missing
    .map((m) =>
      Object.entries(m)
        .map(([k, v]) => `${k} ${v}`)
        .join(' and '),
    )
    .join('; ');
}
