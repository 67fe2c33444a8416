import type { ChalkInstance } from 'chalk';
import type { IndicatorStatusDetail, StatusReportDetail } from '../compute/status.js';
import { maxOf, minOf } from '../core/arrays.js';
import type { IndicatorStatus, Status, StatusSummary } from '../model/reports.js';

/** Shared pieces of the status renderers: number text, value text, status colours, bars and grouping. */

/** A number with at most `decimals` decimals, trailing zeros dropped; "–" for null. */
export function num(n: number | null, decimals = 2): string {
  if (n === null) return '–';
  if (Number.isInteger(n)) return String(n);
  const text = n.toFixed(decimals).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** A value in the indicator's terms: a level name for milestones, a % for percents. */
export function valueText(
  s: Pick<IndicatorStatus, 'measure' | 'levels'>,
  n: number | null,
  decimals = 2,
): string {
  if (n === null) return '–';
  if (s.measure === 'milestone') return s.levels?.[n] ?? num(n, decimals);
  if (s.measure === 'percent') return `${num(n, decimals)}%`;
  return num(n, decimals);
}

/** Progress as a whole percentage. */
export function progressText(p: number | null): string {
  return p === null ? '–' : `${Math.round(p * 100)}%`;
}

/** Colours a status name. */
export function colourStatus(c: ChalkInstance, status: Status, text: string = status): string {
  switch (status) {
    case 'on-track':
      return c.green(text);
    case 'at-risk':
      return c.yellow(text);
    case 'off-track':
      return c.red(text);
    case 'no-data':
      return c.gray(text);
  }
}

/** A 10-cell progress bar, full at progress 1 (over-achievement is not drawn beyond). */
export function progressBar(p: number | null, width = 10): string {
  if (p === null) return ' '.repeat(width);
  const full = Math.max(0, Math.min(width, Math.round(p * width)));
  return '█'.repeat(full) + '░'.repeat(width - full);
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** A sparkline of the actual-so-far series; empty with fewer than two points. */
export function sparkline(series: { actual: number }[]): string {
  if (series.length < 2) return '';
  const ys = series.map((p) => p.actual);
  const lo = minOf(ys);
  const hi = maxOf(ys);
  return ys
    .map((y) => SPARKS[hi === lo ? 3 : Math.round(((y - lo) / (hi - lo)) * (SPARKS.length - 1))])
    .join('');
}

/** The status with its flags: "on-track, achieved", "no-data, overdue". */
export function statusWithFlags(s: IndicatorStatus): string {
  const flags: string[] = [s.status];
  if (s.achieved) flags.push('achieved');
  if (s.overdue) flags.push('overdue');
  return flags.join(', ');
}

/** "12 indicators: 5 on-track, 3 at-risk, 2 off-track, 2 no-data; 3 overdue". */
export function summaryText(r: { indicators: IndicatorStatus[]; summary: StatusSummary }): string {
  const n = r.indicators.length;
  const counts = (Object.keys(r.summary) as Status[]).map((k) => `${r.summary[k]} ${k}`).join(', ');
  const overdue = r.indicators.filter((i) => i.overdue).length;
  return `${n} indicator${n === 1 ? '' : 's'}: ${counts}; ${overdue} overdue`;
}

export interface StatusGroup {
  programme: { id: string; title: string } | null;
  results: { result: { id: string; title: string }; indicators: IndicatorStatusDetail[] }[];
}

/** Indicators grouped by programme, then result, in framework order. */
export function groupByProgramme(r: StatusReportDetail): StatusGroup[] {
  const resultOrder = new Map(r.results.map((x, i) => [x.id, i]));
  const groups: StatusGroup[] = [];
  const progs = [...r.programmes.map((p) => p as StatusGroup['programme']), null];
  for (const prog of progs) {
    const mine = r.indicators.filter((i) => i.programme === (prog?.id ?? null));
    if (mine.length === 0) continue;
    const byResult = new Map<string, IndicatorStatusDetail[]>();
    for (const i of mine) byResult.set(i.result, [...(byResult.get(i.result) ?? []), i]);
    const results = [...byResult.entries()]
      .sort((a, b) => (resultOrder.get(a[0]) ?? 0) - (resultOrder.get(b[0]) ?? 0))
      .map(([id, indicators]) => ({
        result: r.results.find((x) => x.id === id) ?? { id, title: '' },
        indicators,
      }));
    groups.push({ programme: prog, results });
  }
  return groups;
}
