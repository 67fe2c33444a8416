import { formatPeriod } from '../core/periods.js';
import { type Diagnostic, warning } from '../model/diagnostics.js';
import type { Framework, Indicator, ResultEntry } from '../model/framework.js';
import { entryKey } from '../normalise/entries.js';

/**
 * `breakdown-total`: a period whose standing total entry disagrees with its standing per-value
 * entries — Σ values (number) or Σ numerators / Σ denominators (percent). The total wins in every
 * figure, so a disagreement is a warning, not an error. Readings (docs/readings.md): a sum above a
 * `number` total is always a disagreement; otherwise the figures are compared only when every
 * combination of dimension values has an entry (a partial breakdown may rightly fall short), and a
 * percent is compared to the precision its total is written in. Milestones are not summed.
 */
export function breakdownTotal(fw: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map(fw.indicators.map((i) => [i.id, i]));
  // Only a period with a total entry can disagree with its breakdown: those are found first, so a
  // ledger of per-value entries (a million of them in a portfolio) costs one pass and no keys.
  const withTotal = new Set<string>();
  for (const e of fw.entries) {
    if (e.kind === 'result' && !e.withdrawn && isTotal(e)) withTotal.add(periodKey(e));
  }
  if (withTotal.size === 0) return out;
  // The standing entry of each key, by date then ledger position (as the figures read the ledger).
  const standing = new Map<string, ResultEntry>();
  for (const e of fw.entries) {
    if (e.kind !== 'result' || !withTotal.has(periodKey(e))) continue;
    const k = entryKey(e);
    const cur = standing.get(k);
    if (!cur || e.date > cur.date || (e.date === cur.date && e.seq > cur.seq)) standing.set(k, e);
  }
  const periods = new Map<string, { total?: ResultEntry; parts: ResultEntry[] }>();
  for (const e of [...standing.values()].sort((a, b) => a.seq - b.seq)) {
    const ind = byId.get(e.indicator);
    if (e.withdrawn || !ind || ind.disaggregate.length === 0 || ind.measure === 'milestone') continue;
    const k = periodKey(e);
    const p = periods.get(k) ?? { parts: [] };
    if (Object.keys(e.dims).length === 0) p.total = e;
    else p.parts.push(e);
    periods.set(k, p);
  }
  for (const { total, parts } of periods.values()) {
    if (!total || parts.length === 0) continue;
    const ind = byId.get(total.indicator) as Indicator;
    const complete = parts.length >= combinations(ind);
    const found =
      ind.measure === 'number' ? numberGap(total, parts, complete) : percentGap(total, parts, complete);
    if (found === null) continue;
    out.push(
      warning(
        'breakdown-total',
        `${ind.id} ${formatPeriod(total.period)}: the total entry (${found.total}) disagrees with ${found.what} of its ${parts.length} per-value ${parts.length === 1 ? 'entry' : 'entries'} (${found.parts})`,
        total.src,
      ),
    );
  }
  return out;
}

function isTotal(e: ResultEntry): boolean {
  for (const _ in e.dims) return false;
  return true;
}

function periodKey(e: ResultEntry): string {
  return `${e.indicator}|${formatPeriod(e.period)}`;
}

/** How many per-value keys a complete breakdown has: the product of each dimension's expected value count. */
function combinations(ind: Indicator): number {
  return ind.disaggregate.reduce((n, d) => n * (ind.expectedValues[d]?.length ?? 0), 1);
}

const clean = (x: number) => Number(x.toPrecision(12));

function numberGap(total: ResultEntry, parts: ResultEntry[], complete: boolean) {
  const t = total.value as number;
  const sum = clean(parts.reduce((s, e) => s + (e.value ?? 0), 0));
  if (sum === clean(t) || (!complete && sum < t)) return null;
  return { total: String(t), what: 'the sum', parts: String(sum) };
}

function percentGap(total: ResultEntry, parts: ResultEntry[], complete: boolean) {
  if (!complete || !parts.every((e) => e.numerator !== undefined && e.denominator !== undefined)) return null;
  const num = clean(parts.reduce((s, e) => s + (e.numerator as number), 0));
  const den = clean(parts.reduce((s, e) => s + (e.denominator as number), 0));
  if (den === 0) return null;
  const what = 'Σ numerators / Σ denominators';
  if (total.numerator !== undefined && total.denominator !== undefined) {
    if (clean(total.numerator) === num && clean(total.denominator) === den) return null;
    return { total: `${total.numerator}/${total.denominator}`, what, parts: `${num}/${den}` };
  }
  const t = total.value as number;
  // Compared to the precision the total is written in: 34.2 agrees with 41/120 = 34.1666…%.
  const decimals = (String(t).split('.')[1] ?? '').length;
  const ratio = (num / den) * 100;
  if (Math.abs(Number(ratio.toFixed(decimals)) - t) < 1e-9) return null;
  return { total: `${t}%`, what, parts: `${num}/${den} = ${clean(ratio)}%` };
}
