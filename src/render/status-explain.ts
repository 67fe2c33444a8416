import type { ChalkInstance } from 'chalk';
import type { Explanation } from '../compute/explain.js';
import type { EntryUse, PeriodFigure } from '../compute/status-trace.js';
import { formatDate } from '../core/dates.js';
import { decimalText } from '../core/money.js';
import { formatPeriod } from '../core/periods.js';
import { missingValuesText } from '../model/expected.js';
import type { ResultEntry } from '../model/framework.js';
import { MIN_WIDTH, wrap } from './layout.js';
import { colourStatus } from './status-common.js';

/** `status --explain ID`: every input and step of one indicator's figures, enough to redo them by hand. */

/** Full-precision figures (up to 6 decimals) so that a reader can redo the arithmetic. */
function n(x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  // Plain digits at any size: String() turns to exponent notation at 1e21.
  if (Number.isInteger(x)) return decimalText(x);
  const text = x.toFixed(6).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** Eight significant digits, written out in plain digits (toPrecision gives 5.4544731e+11). */
function significant(x: number): string {
  return decimalText(Number(x.toPrecision(8)));
}

function entryValue(e: ResultEntry, levels: string[] | undefined): string {
  if (e.withdrawn) return 'withdrawn';
  if (e.value === undefined) return `${n(e.numerator)}/${n(e.denominator)}`;
  return levels ? `${levels[e.value]} (${e.value})` : n(e.value);
}

function dimsText(e: ResultEntry): string {
  const parts = Object.entries(e.dims).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : 'total';
}

function verdictText(u: EntryUse, x: Explanation, asOf: string): string {
  const v = u.verdict;
  switch (v.kind) {
    case 'used':
      return 'used';
    case 'after-as-of':
      return `ignored: dated ${formatDate(u.entry.date)}, after ${asOf}`;
    case 'superseded': {
      const why = v.by.date > u.entry.date ? 'a later date' : 'the same date, later in the ledger';
      return `ignored: superseded by the ${v.by.withdrawn ? 'withdrawal' : 'correction'} at ${x.at.get(v.by)} (${why})`;
    }
    case 'withdrawal':
      return 'withdrawal: from its date this key has no value';
    case 'breakdown-only':
      return `not in the total: the period's total entry at ${x.at.get(v.total)} wins (kept for the breakdown)`;
    case 'period-missing':
      return 'not used: the period has no total entry and these values cannot be combined; the period counts as missing';
    case 'period-incomplete':
      return 'not used: the period is incomplete (an expected value has no entry), so it has no total';
  }
}

function periodLine(p: PeriodFigure, x: Explanation): string {
  const head = `${p.label} (ends ${formatDate(p.end)})`;
  const lv = x.trace.indicator.levels;
  switch (p.rule) {
    case 'total-entry':
      return `${head}: total entry at ${x.at.get(p.parts[0] as ResultEntry)} = ${totalText(p, lv)}`;
    case 'sum':
      return `${head}: sum of ${p.parts.length} per-value entries ${p.parts.map((e) => n(e.value)).join(' + ')} = ${n(p.total)}`;
    case 'ratio':
      return `${head}: Σ numerators / Σ denominators × 100 = (${p.parts.map((e) => n(e.numerator)).join(' + ')}) / (${p.parts
        .map((e) => n(e.denominator))
        .join(' + ')}) × 100 = ${n(p.numerator)} / ${n(p.denominator)} × 100 = ${n(p.total)}`;
    case 'missing':
      return `${head}: missing — ${p.parts.length} per-value entries and no total entry`;
    case 'incomplete':
      return `${head}: incomplete — no entry for ${missingValuesText(p.incomplete ?? [])}; no total (the latest complete period stands)`;
  }
}

function totalText(p: PeriodFigure, levels: string[] | undefined): string {
  const e = p.parts[0] as ResultEntry;
  if (e.value === undefined) return `${n(e.numerator)} / ${n(e.denominator)} × 100 = ${n(p.total)}`;
  return levels ? `${levels[e.value]} (level ${e.value})` : n(p.total);
}

/** Renders an explanation as plain text (colour only on the status). */
export function renderExplain(x: Explanation, c: ChalkInstance, width = MIN_WIDTH): string {
  const tr = x.trace;
  const ind = tr.indicator;
  const s = x.status;
  const asOf = formatDate(tr.asOf);
  const out: string[] = [];
  const h = (t: string) => out.push('', c.bold(t));
  out.push(`${c.bold(ind.id)} — ${ind.title} (${ind.unit})`);
  out.push(`  defined at ${x.definedAt}; result ${ind.result}; programme ${s.programme ?? '–'}`);
  out.push(
    `  ${ind.measure}, ${ind.direction}, ${ind.aggregation}, reported ${ind.frequency}${
      ind.disaggregate.length ? `, disaggregated by ${ind.disaggregate.join(', ')}` : ''
    }`,
  );
  if (ind.levels)
    out.push(`  levels (counted by index): ${ind.levels.map((l, i) => `${i} ${l}`).join(', ')}`);
  out.push(`  rating: on-track when progress ≥ ${tr.rating.on_track}, at-risk when ≥ ${tr.rating.at_risk}`);
  out.push(`  as of ${asOf}: only entries dated on or before it exist`);

  h('Entries (ledger order)');
  if (tr.entries.length === 0) out.push('  none');
  for (const u of tr.entries) {
    const e = u.entry;
    out.push(
      `  ${x.at.get(e)}  ${formatPeriod(e.period)} ${dimsText(e)} = ${entryValue(e, ind.levels)}, dated ${formatDate(e.date)}${
        e.corrects ? ', corrects' : ''
      } — ${verdictText(u, x, asOf)}`,
    );
  }

  h('Periods (standing entries)');
  if (tr.periods.length === 0) out.push('  none');
  for (const p of tr.periods) out.push(`  ${periodLine(p, x)}`);

  h('Actual');
  if (!tr.latest) out.push('  no period with a figure: no data');
  else {
    out.push(
      `  t = ${formatDate(tr.latest.end)}, the end of ${tr.latest.label} (the latest period with a figure)`,
    );
    if (ind.aggregation === 'cumulative') {
      const parts = tr.periods.filter((p) => p.total !== null).map((p) => n(p.total));
      out.push(
        `  cumulative: baseline + every period's total = ${n(tr.baseline)} + ${parts.join(' + ')} = ${n(tr.actual)}`,
      );
    } else {
      out.push(`  level: the value for ${tr.latest.label} = ${n(tr.actual)}`);
    }
  }

  h('Target curve (31 Dec of each year; straight lines between, flat after the last)');
  for (const p of tr.curve) {
    out.push(
      `  ${formatDate(p.day)}  ${n(p.value)}${ind.levels ? ` (${ind.levels[p.value] ?? '?'})` : ''}  ${p.kind} ${p.year}`,
    );
  }
  out.push(`  final = the last year's target = ${n(tr.final)}`);
  if (ind.revisedBy.length > 0) {
    const written = ind.originalTargets.map((t) => `${t.year}: ${n(t.value)}`).join(', ');
    out.push(
      `  targets as revised by ${ind.revisedBy.join(', ')} (in force at ${asOf}); as written: ${written}`,
    );
  }

  h('Expected at t');
  const ex = tr.expected;
  if (!ex) out.push('  no t: no expected value');
  else if (ex.kind === 'on-point')
    out.push(`  t is the curve point ${formatDate(ex.from.day)}: expected = ${n(ex.value)}`);
  else if (ex.kind === 'before-curve')
    out.push(
      `  t is before the baseline point ${formatDate(ex.from.day)}: expected = baseline = ${n(ex.value)}`,
    );
  else if (ex.kind === 'after-last')
    out.push(
      `  t is after the last point ${formatDate(ex.from.day)}: the curve stays flat, expected = ${n(ex.value)}`,
    );
  else if (ex.to) {
    const span = ex.to.day - ex.from.day;
    const into = ex.t - ex.from.day;
    out.push(
      `  t lies between ${formatDate(ex.from.day)} (${n(ex.from.value)}) and ${formatDate(ex.to.day)} (${n(ex.to.value)}): ${into} of ${span} days`,
    );
    out.push(
      `  expected = ${n(ex.from.value)} + (${n(ex.to.value)} − ${n(ex.from.value)}) × ${into} / ${span} = ${n(ex.value)}`,
    );
  }

  h('Progress and status');
  if (tr.progressRule === 'ratio' && ex) {
    out.push(
      `  progress = (actual − baseline) / (expected − baseline) = (${n(tr.actual)} − ${n(tr.baseline)}) / (${n(ex.value)} − ${n(tr.baseline)}) = ${n(tr.progress)}`,
    );
  } else if (tr.progressRule === 'flat') {
    const op = ind.direction === 'increase' ? '≥' : '≤';
    out.push(
      `  expected equals the baseline (${n(tr.baseline)}): progress is 1 when actual ${op} expected, else 0; ${n(tr.actual)} ${op} ${n(ex?.value)} is ${tr.progress === 1 ? 'true' : 'false'}: progress = ${n(tr.progress)}`,
    );
  } else out.push('  no data: no progress');
  const st =
    tr.status === 'no-data'
      ? 'no entry as of the date'
      : tr.status === 'on-track'
        ? `${n(tr.progress)} ≥ ${tr.rating.on_track}`
        : tr.status === 'at-risk'
          ? `${tr.rating.at_risk} ≤ ${n(tr.progress)} < ${tr.rating.on_track}`
          : `${n(tr.progress)} < ${tr.rating.at_risk}`;
  out.push(`  status: ${st} → ${colourStatus(c, tr.status)}`);
  const op = ind.direction === 'increase' ? '≥' : '≤';
  out.push(
    tr.actual === null
      ? '  achieved: no (no data)'
      : `  achieved: actual ${n(tr.actual)} ${op} final ${n(tr.final)}? ${tr.achieved ? 'yes' : 'no'}`,
  );

  h('Overdue');
  const o = tr.overdue;
  const due = `${formatPeriod(o.next)} (${tr.latest ? `after ${tr.latest.label}` : "the plan's first period"})`;
  if (o.afterPlan)
    out.push(`  next period ${due} lies after the plan (ends ${tr.planEnd}): never due → not overdue`);
  else
    out.push(
      `  next period ${due} ends ${formatDate(o.nextEnd)}, ${o.overdue ? 'before' : 'not before'} ${asOf} → ${o.overdue ? 'overdue' : 'not overdue'}`,
    );

  h('Missing periods (ended before the as-of date, no figure)');
  out.push(`  ${tr.missing.length ? tr.missing.join(', ') : 'none'}`);

  h('Forecast (least squares through (period end, actual so far), at 31 Dec of the last plan year)');
  const f = tr.forecast;
  if (!f)
    out.push(`  ${tr.periods.filter((p) => p.soFar !== null).length} point(s): needs two or more → none`);
  else {
    out.push(`  x = days after ${formatDate(f.origin)}:`);
    for (const p of f.points) out.push(`    (${formatDate(p.day)}: x = ${p.x}, y = ${n(p.y)})`);
    out.push(
      `  x̄ = ${n(f.meanX)}, ȳ = ${n(f.meanY)}; Σ(x − x̄)(y − ȳ) = ${n(f.sxy)}, Σ(x − x̄)² = ${n(f.sxx)}`,
    );
    const slope = f.slope < 0 ? `(${significant(f.slope)})` : significant(f.slope);
    out.push(`  slope = ${n(f.sxy)} / ${n(f.sxx)} = ${significant(f.slope)} per day`);
    out.push(
      `  forecast at ${formatDate(f.atDay)} (x = ${f.at}) = ȳ + slope × (x − x̄) = ${n(f.meanY)} + ${slope} × (${f.at} − ${n(f.meanX)}) = ${n(f.value)}`,
    );
  }

  if (tr.breakdown) {
    h(
      `Breakdown (each value's own entries, aggregated ${ind.aggregation === 'cumulative' ? 'as a sum without the baseline' : 'as its latest period'})`,
    );
    for (const b of tr.breakdown) out.push(`  ${b.dimension} ${b.value}: ${n(b.actual)}`);
  }
  if (tr.warnings.length) {
    h('Warnings');
    for (const w of tr.warnings) out.push(`  ${w}`);
  }
  // Lines wrap at the width, continuing four columns in from their own indentation.
  const lines = out.flatMap((l) => wrap(l, width, `${/^ */.exec(l)?.[0] ?? ''}    `));
  return `${lines.join('\n')}\n`;
}
