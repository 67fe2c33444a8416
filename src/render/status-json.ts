import type { IndicatorStatus, StatusReport } from '../model/reports.js';

/** `status --format json`: exactly the contract's fields, in its order; extra in-memory fields are left out. */
export function renderStatusJson(r: StatusReport): string {
  const out = {
    asOf: r.asOf,
    plan: r.plan,
    indicators: r.indicators.map(contractFields),
    summary: {
      'on-track': r.summary['on-track'],
      'at-risk': r.summary['at-risk'],
      'off-track': r.summary['off-track'],
      'no-data': r.summary['no-data'],
    },
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** One indicator as the contract writes it: `levels` only for milestones, `breakdown` only when disaggregated. */
function contractFields(s: IndicatorStatus): Record<string, unknown> {
  const o: Record<string, unknown> = {
    id: s.id,
    result: s.result,
    programme: s.programme,
    title: s.title,
    unit: s.unit,
    measure: s.measure,
    direction: s.direction,
    aggregation: s.aggregation,
    baseline: s.baseline,
    period: s.period,
    actual: s.actual,
    expected: s.expected,
    final: s.final,
    progress: s.progress,
    status: s.status,
    achieved: s.achieved,
    forecast: s.forecast,
    overdue: s.overdue,
    missing: s.missing,
    revisions: s.revisions,
    originalFinal: s.originalFinal,
    incomplete: s.incomplete.map((p) => ({ period: p.period, missing: p.missing.map((m) => ({ ...m })) })),
  };
  if (s.levels) o.levels = s.levels;
  if (s.breakdown)
    o.breakdown = s.breakdown.map((b) => ({ dimension: b.dimension, value: b.value, actual: b.actual }));
  return o;
}
