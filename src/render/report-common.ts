import type { ReportData, ReportIndicator, Trend } from '../compute/report.js';
import { maxOf, minOf } from '../core/arrays.js';
import type { IndicatorStatus, Status } from '../model/reports.js';
import { type LocatedDiagnostic, locate } from './diagnostics.js';

export { formatMoney, formatRatio } from './money.js';

/** Formatting shared by the report's text, Markdown and HTML renderers: words and numbers, never figures. */

export const STATUS_ORDER: readonly Status[] = ['on-track', 'at-risk', 'off-track', 'no-data'];

const STATUS_LABEL: Record<Status, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
};

/** "On track", "At risk", "Off track", "No data". */
export function statusLabel(s: Status): string {
  return STATUS_LABEL[s];
}

/** The status with its flags: "On track, achieved", "No data, overdue". */
export function statusText(s: IndicatorStatus): string {
  const flags = [s.achieved ? 'achieved' : '', s.overdue ? 'overdue' : ''].filter(Boolean);
  return flags.length ? `${statusLabel(s.status)}, ${flags.join(', ')}` : statusLabel(s.status);
}

// Made on first use: building an Intl.NumberFormat loads ICU's locale data (~70 ms), which every
// command importing this module paid at start, whether it printed a number this way or not.
let NUMBER: Intl.NumberFormat | undefined;

/** A plain figure: grouped, at most two decimals. */
export function formatNumber(n: number): string {
  NUMBER ??= new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
  return NUMBER.format(Object.is(n, -0) ? 0 : n);
}

/** An indicator value in its own terms: a level name for milestones, "45.2%" for percentages. */
export function formatValue(v: number | null, s: Pick<IndicatorStatus, 'measure' | 'levels'>): string {
  if (v === null) return '—';
  if (s.measure === 'milestone' && s.levels && s.levels.length > 0) {
    const lo = Math.max(0, Math.min(s.levels.length - 1, Math.floor(v)));
    const hi = Math.max(0, Math.min(s.levels.length - 1, Math.ceil(v)));
    // The target curve passes between levels; say between which two.
    return lo === hi ? (s.levels[lo] as string) : `${s.levels[lo]}–${s.levels[hi]}`;
  }
  if (s.measure === 'percent') return `${formatNumber(v)}%`;
  return formatNumber(v);
}

/** The trend as an arrow and a word: "▲ better", "▼ worse", "► flat", "—". */
export function trendText(t: Trend | null): string {
  if (t === null) return '—';
  if (t.direction === 'flat') return '► flat';
  return `${t.direction === 'up' ? '▲' : '▼'} ${t.improving ? 'better' : 'worse'}`;
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline of the trend's values (empty with fewer than two). */
export function sparkline(t: Trend | null): string {
  if (t === null || t.values.length < 2) return '';
  const min = minOf(t.values);
  const max = maxOf(t.values);
  return t.values
    .map((v) => SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))])
    .join('');
}

/** A bar of `width` cells filled to `ratio` (0–1, clamped) with eighth blocks. */
export function bar(ratio: number | null, width: number): string {
  const r = ratio === null || !Number.isFinite(ratio) ? 0 : Math.max(0, Math.min(1, ratio));
  const eighths = Math.round(r * width * 8);
  const full = Math.floor(eighths / 8);
  const part = eighths % 8;
  const partial = part > 0 ? (' ▏▎▍▌▋▊▉'[part] as string) : '';
  return `${'█'.repeat(full)}${partial}${'░'.repeat(width - full - (partial ? 1 : 0))}`;
}

/** "indicator" / "indicators". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The indicator's unit as a short suffix for its title (percent needs none). */
export function unitText(s: IndicatorStatus): string {
  return s.measure === 'percent' || s.measure === 'milestone' ? s.measure : s.unit;
}

/** A note of the data-quality section. */
export interface NoteItem {
  kind: 'warning' | 'overdue' | 'missing' | 'indicator' | 'illustrative';
  text: string;
  /** file:line:col for validation warnings. */
  where: string | null;
  code: string | null;
  /** The periods concerned (missing notes). */
  periods?: string[];
  /** The indicator concerned (overdue, missing and indicator notes). */
  indicator?: string;
  /** The located diagnostic (validation warnings). */
  located?: LocatedDiagnostic;
}

/** The data-quality notes in reading order, as prose items. */
export function noteItems(data: ReportData): NoteItem[] {
  const out: NoteItem[] = [];
  const ill = data.notes.illustrative;
  if (ill.total > 0) {
    out.push({
      kind: 'illustrative',
      text: `${plural(ill.total, 'ledger entry', 'ledger entries')} (${kindsText(ill)}) ${ill.total === 1 ? 'is' : 'are'} marked "source: illustrative": the figures built on them are examples, not reported data.`,
      where: null,
      code: null,
    });
  }
  for (const s of data.notes.overdue) {
    out.push({
      kind: 'overdue',
      text:
        s.period === null
          ? `${s.id} (${s.title}): overdue — no entry yet, and the plan's first period has ended.`
          : `${s.id} (${s.title}): overdue — latest entry is for ${s.period}; the next period has ended without one.`,
      where: null,
      code: null,
      indicator: s.id,
    });
  }
  for (const m of data.notes.missing) {
    out.push({
      kind: 'missing',
      text: `${m.indicator}: ${plural(m.periods.length, 'period')} ended without a figure — ${m.periods.join(', ')}.`,
      where: null,
      code: null,
      indicator: m.indicator,
      periods: [...m.periods],
    });
  }
  for (const w of data.notes.indicatorWarnings) {
    out.push({
      kind: 'indicator',
      text: `${w.indicator}: ${w.message}`,
      where: null,
      code: null,
      indicator: w.indicator,
    });
  }
  for (const d of data.notes.warnings) {
    const l = locate(d);
    out.push({
      kind: 'warning',
      text: d.message,
      where: l.file ? `${l.file}:${l.line}:${l.col}` : null,
      code: d.code,
      located: l,
    });
  }
  return out;
}

/** Indicators of a programme section in display order, with the result each measures. */
export function indicatorsOf(p: ReportData['programmes'][number]): ReportIndicator[] {
  return p.results.flatMap((r) => r.indicators);
}

/** One sentence on how the figures were computed, closing every format. */
export function methodText(data: ReportData): string {
  const on = formatNumber(data.rating.on_track * 100);
  const risk = formatNumber(data.rating.at_risk * 100);
  return (
    `Figures as of ${data.asOf}: only ledger entries dated on or before it count. Progress = (actual − baseline) / (expected − baseline); ` +
    `on track at ${on}% or more, at risk at ${risk}% or more, off track below. Planned to date counts whole years before ${data.asOf.slice(0, 4)} ` +
    `and ${data.asOf.slice(0, 4)} pro rata by days elapsed; execution = actual / planned to date. Amounts in ${data.plan.currency}.`
  );
}

/** A disaggregated indicator's per-value actuals: "country: CN 3 · MN —"; empty without a breakdown. */
export function breakdownText(s: IndicatorStatus): string {
  if (!s.breakdown || s.breakdown.length === 0) return '';
  const byDim = new Map<string, string[]>();
  for (const b of s.breakdown) {
    const list = byDim.get(b.dimension) ?? [];
    list.push(`${b.value} ${formatValue(b.actual, s)}`);
    byDim.set(b.dimension, list);
  }
  return [...byDim].map(([d, vs]) => `${d}: ${vs.join(' · ')}`).join('; ');
}

/** "12 on track, 5 at risk, 3 off track, 4 no data". */
export function summaryText(sum: Record<Status, number>): string {
  return STATUS_ORDER.map((s) => `${sum[s]} ${statusLabel(s).toLowerCase()}`).join(', ');
}

/** True when a result should say it has no indicator: none of its own and no result below it listed in the section. */
export function lacksIndicator(
  p: ReportData['programmes'][number],
  r: ReportData['programmes'][number]['results'][number],
): boolean {
  return r.indicators.length === 0 && !p.results.some((x) => x.parent === r.id);
}

/** "22 results, 30 spending" and, when there are any, ", 12 pledges and contributions". */
function kindsText(e: ReportData['entries']): string {
  const base = `${plural(e.results, 'result')}, ${e.spending} spending`;
  return e.resources > 0
    ? `${base}, ${plural(e.resources, 'pledge or contribution', 'pledges and contributions')}`
    : base;
}

/** "52 (22 results, 30 spending)". */
export function entriesText(e: ReportData['entries']): string {
  return `${e.total} (${kindsText(e)})`;
}
