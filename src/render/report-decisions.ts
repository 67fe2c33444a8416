import type { ReportData, ReportRevision, RevisionChange } from '../compute/report.js';
import type { Status } from '../model/reports.js';
import { formatMoney, formatNumber, plural, statusLabel } from './report-common.js';

/**
 * Words for the report's decision sections — "since the last meeting" and "revisions in force" —
 * shared by the text, Markdown, HTML and Word renderers (they differ only in markup).
 */

/** The heading of the "since" section: "Since SOM-28 (2025-09-23)" or "Since 2026-06-30". */
export function sinceHeading(data: ReportData): string {
  const s = data.since;
  if (!s) return '';
  return s.meeting ? `Since ${s.meeting} (${s.date})` : `Since ${s.date}`;
}

/** One labelled line of the "since" section. */
export interface SinceItem {
  label: string;
  text: string;
}

/** The "since" section as labelled lines; [] when the report compares with nothing. */
export function sinceItems(data: ReportData): SinceItem[] {
  const s = data.since;
  if (!s) return [];
  const digits = data.budget.byProgramme.digits;
  const cur = data.plan.currency;
  const byId = new Map(data.status.indicators.map((i) => [i.id, i]));
  const value = (id: string, v: number | null) => {
    const ind = byId.get(id);
    if (v === null) return 'withdrawn';
    if (ind?.measure === 'milestone' && ind.levels) return ind.levels[v] ?? formatNumber(v);
    return ind?.measure === 'percent' ? `${formatNumber(v)}%` : formatNumber(v);
  };
  const arrow = (from: Status, to: Status) =>
    `${statusLabel(from).toLowerCase()} → ${statusLabel(to).toLowerCase()}`;
  return [
    {
      label: 'Status changes',
      text: s.statusChanges.length === 0 ? 'none.' : `${groupedChanges(s.statusChanges, arrow).join('; ')}.`,
    },
    {
      label: 'Restated',
      text:
        s.restated.length === 0
          ? 'no figure already reported has changed.'
          : `${s.restated.map((r) => `${r.id} ${r.period} ${value(r.id, r.from)} → ${value(r.id, r.to)}`).join('; ')}.`,
    },
    { label: 'New results', text: `${plural(s.newResults, 'result entry', 'result entries')}.` },
    { label: 'Spent', text: `${cur} ${formatMoney(s.spent, digits)}.` },
    { label: 'Received', text: `${cur} ${formatMoney(s.received, digits)} in contributions.` },
    {
      label: 'Revisions',
      text: s.revisions.length === 0 ? 'none taken.' : `${s.revisions.join(', ')}.`,
    },
  ];
}

/** Status changes grouped by transition, in order of first appearance: "no data → on track: A, B". */
function groupedChanges(
  list: readonly { id: string; from: Status; to: Status }[],
  arrow: (from: Status, to: Status) => string,
): string[] {
  const groups = new Map<string, string[]>();
  for (const c of list) {
    const k = arrow(c.from, c.to);
    const ids = groups.get(k) ?? [];
    ids.push(c.id);
    groups.set(k, ids);
  }
  return [...groups].map(([k, ids]) => `${k}: ${ids.join(', ')}`);
}

/** One change of a revision: "AP.O1.2-b target 2027: 3 → 4", "B-AP-1 planned 2027: 60,000.00 → 70,000.00". */
export function changeText(c: RevisionChange, data: ReportData): string {
  if (c.kind === 'planned') {
    const digits = data.budget.byProgramme.digits;
    const from = c.from === null ? 'none' : formatMoney(c.from, digits);
    return `${c.id} planned ${c.year}: ${data.plan.currency} ${from} → ${formatMoney(c.to, digits)}`;
  }
  const v = (x: number | null) =>
    x === null ? 'none' : c.levels ? (c.levels[x] ?? formatNumber(x)) : formatNumber(x);
  return `${c.id} target ${c.year}: ${v(c.from)} → ${v(c.to)}`;
}

/** "SOM-29-D3 (2026-10-21, SOM-29): NEACAP targets and budget revised — reason". */
export function revisionHead(r: ReportRevision): string {
  const when = r.meeting ? `${r.date}, ${r.meeting}` : r.date;
  return `${r.id} (${when}): ${r.title}${r.reason ? ` — ${r.reason}` : ''}`;
}

/** The mark beside a revised indicator or budget figure: "revised (SOM-29-D3)"; '' when not revised. */
export function revisedMark(ids: readonly string[]): string {
  return ids.length === 0 ? '' : `revised (${ids.join(', ')})`;
}

/** The summary line on missing periods: "3 periods without a figure, in 2 indicators". */
export function missingText(data: ReportData): string {
  const s = data.summary;
  return s.missingPeriods === 0
    ? 'none: every period ended so far has a figure.'
    : `${plural(s.missingPeriods, 'period')} ended without a figure, in ${plural(s.missingIndicators, 'indicator')}.`;
}
