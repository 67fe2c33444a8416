import type { Framework, Result } from './framework.js';

/** The programme a result belongs to: its own, else its parent's, up the results chain. */
export function programmeOf(fw: Framework, resultId: string): string | undefined {
  const byId = resultIndex(fw);
  const seen = new Set<string>();
  let r = byId.get(resultId);
  while (r && !seen.has(r.id)) {
    if (r.programme !== undefined) return r.programme;
    seen.add(r.id);
    r = r.parent === undefined ? undefined : byId.get(r.parent);
  }
  return undefined;
}

const indexes = new WeakMap<Framework, Map<string, Result>>();

/** Results by id, built once per framework. */
export function resultIndex(fw: Framework): Map<string, Result> {
  let m = indexes.get(fw);
  if (!m) {
    m = new Map(fw.results.map((r) => [r.id, r]));
    indexes.set(fw, m);
  }
  return m;
}
