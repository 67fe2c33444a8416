import { maxOf, minOf } from '../core/arrays.js';
import type { IndicatorStatus, Status } from '../model/reports.js';

/**
 * Inline SVG for the HTML report: bullet charts per indicator, execution bars per programme and
 * a status strip. Only geometry is worked out here (where a figure sits on a scale); every figure
 * drawn comes from the report data. No xmlns attribute: inline SVG in HTML needs none, and the
 * report must not mention any URL.
 */

const STATUS_FILL: Record<Status, string> = {
  'on-track': '#2e7d32',
  'at-risk': '#b7791f',
  'off-track': '#c62828',
  'no-data': '#8a8f98',
};

const INK = '#1b2a41';
const BAND = '#cfe3f3';
const TRACK = '#eef1f5';
const BASE = '#6b7280';

/** Coordinates with at most one decimal. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Escapes text for SVG/HTML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The scale of an indicator's bullet chart: levels for milestones, 0–100 for percentages, else the figures with zero. */
function bulletDomain(s: IndicatorStatus): [number, number] {
  if (s.measure === 'milestone') return [0, Math.max(1, (s.levels?.length ?? 2) - 1)];
  if (s.measure === 'percent') return [0, 100];
  const xs = [s.baseline, s.final, s.expected, s.actual].filter((x): x is number => x !== null);
  let lo = minOf(xs, 0);
  let hi = maxOf(xs);
  if (hi === lo) hi = lo + 1;
  // A little headroom so that a marker at the top end stays visible.
  const pad = (hi - lo) * 0.05;
  if (lo < 0) lo -= pad;
  hi += pad;
  return [lo, hi];
}

/**
 * A bullet chart: the band from baseline to final target, the actual as a bar from the baseline
 * (in its status colour), a thin line at the expected value and a heavy tick at the final target.
 */
export function bulletChart(s: IndicatorStatus, label: string, width = 240, height = 30): string {
  const [lo, hi] = bulletDomain(s);
  const pad = 4;
  const x = (v: number) => pad + ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (width - 2 * pad);
  const parts: string[] = [];
  parts.push(`<rect x="${pad}" y="9" width="${n(width - 2 * pad)}" height="12" fill="${TRACK}"/>`);
  const b0 = Math.min(x(s.baseline), x(s.final));
  const b1 = Math.max(x(s.baseline), x(s.final));
  parts.push(
    `<rect class="band" x="${n(b0)}" y="9" width="${n(Math.max(1, b1 - b0))}" height="12" fill="${BAND}"/>`,
  );
  if (s.actual !== null) {
    const a0 = Math.min(x(s.baseline), x(s.actual));
    const a1 = Math.max(x(s.baseline), x(s.actual));
    parts.push(
      `<rect class="actual" x="${n(a0)}" y="12" width="${n(Math.max(2, a1 - a0))}" height="6" fill="${STATUS_FILL[s.status]}"/>`,
    );
  }
  parts.push(
    `<rect class="baseline" x="${n(x(s.baseline) - 1)}" y="7" width="2" height="16" fill="${BASE}"/>`,
  );
  if (s.expected !== null) {
    parts.push(
      `<rect class="expected" x="${n(x(s.expected) - 0.75)}" y="4" width="1.5" height="22" fill="${INK}"/>`,
    );
  }
  parts.push(`<rect class="final" x="${n(x(s.final) - 2)}" y="3" width="4" height="24" fill="${INK}"/>`);
  return (
    `<svg class="bullet" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}">` +
    `<title>${escapeXml(label)}</title>${parts.join('')}</svg>`
  );
}

/** The legend of the bullet charts. */
export function bulletLegend(): string {
  const item = (x: number, glyph: string, text: string) =>
    `<g transform="translate(${x},0)">${glyph}<text x="22" y="19" font-size="11" fill="${INK}">${escapeXml(text)}</text></g>`;
  const items = [
    item(0, `<rect x="0" y="9" width="18" height="12" fill="${BAND}"/>`, 'baseline → final target'),
    item(
      170,
      `<rect x="0" y="12" width="18" height="6" fill="${STATUS_FILL['on-track']}"/>`,
      'actual (status colour)',
    ),
    item(320, `<rect x="8" y="7" width="2" height="16" fill="${BASE}"/>`, 'baseline'),
    item(400, `<rect x="8.25" y="4" width="1.5" height="22" fill="${INK}"/>`, 'expected now'),
    item(505, `<rect x="7" y="3" width="4" height="24" fill="${INK}"/>`, 'final target'),
  ];
  return `<svg class="legend" viewBox="0 0 600 30" width="600" height="30" role="img" aria-label="Chart legend"><title>Chart legend</title>${items.join('')}</svg>`;
}

export interface ExecutionBar {
  label: string;
  /** actual / planned to date; null when nothing was planned to date. */
  execution: number | null;
  /** The figure written beside the bar, e.g. "86.3%". */
  text: string;
}

/** Rows of a chart per printed piece: 8 (342 px at most), so that pieces fill a page with little left over. */
export const EXECUTION_ROWS_PER_PIECE = 8;

/**
 * Horizontal bars of budget execution, with a reference line at 100% of planned to date. Each label
 * sits on its own line above its bar, left-aligned from the chart's edge, so a long programme title
 * is never clipped (a label beside the bar, right-aligned into a fixed column, ran off the left
 * edge); one longer than the chart is cut with an ellipsis, the full title kept as the tooltip.
 *
 * The chart comes as pieces of at most `perPiece` rows, one SVG each, on one scale and stacked
 * without a seam: printed, a chart taller than a page breaks between pieces (an SVG is never split
 * by Chromium except at the top of a page, so a tall one would leave its heading behind), and its
 * first piece can be kept on one page with the heading above it.
 */
export function executionBars(
  rows: readonly ExecutionBar[],
  width = 640,
  perPiece = EXECUTION_ROWS_PER_PIECE,
): string[] {
  const rowH = 40;
  const left = 4;
  const textW = 70;
  const barW = width - left - textW;
  // 12 px text averages under 7 px a character in the report's sans-serif fonts.
  const maxChars = Math.floor((width - left) / 7);
  const max = maxOf(
    rows.map((r) => r.execution ?? 0),
    1,
  );
  const x = (v: number) => left + (Math.max(0, v) / max) * barW;
  const ref = x(1);
  const name = 'Budget execution by programme area';
  const pieces = piecesOf(rows, perPiece);
  return pieces.map((piece, p) => {
    const first = p === 0;
    const last = p === pieces.length - 1;
    const parts: string[] = [];
    piece.forEach((r, i) => {
      const y = i * rowH + 4;
      const fill = r.execution === null ? '#d1d5db' : r.execution > 1 ? '#b7791f' : '#1f5f99';
      const label = r.label.length > maxChars ? `${r.label.slice(0, maxChars - 1)}…` : r.label;
      parts.push(
        `<text x="${left}" y="${y + 12}" font-size="12" fill="${INK}"><title>${escapeXml(r.label)}</title>${escapeXml(label)}</text>`,
        `<rect x="${left}" y="${y + 18}" width="${n(barW)}" height="16" fill="${TRACK}"/>`,
      );
      if (r.execution !== null) {
        parts.push(
          `<rect class="exec" x="${left}" y="${y + 18}" width="${n(Math.max(1, x(r.execution) - left))}" height="16" fill="${fill}"/>`,
        );
      }
      parts.push(
        `<text x="${n(left + barW + 6)}" y="${y + 30}" font-size="12" fill="${INK}" font-weight="600">${escapeXml(r.text)}</text>`,
      );
    });
    // A piece that is not the last ends where the next one's first row begins, so the rows keep
    // their 40 px pitch across the seam, and the reference line runs on unbroken.
    const bottom = piece.length * rowH + (last ? 4 : 0);
    parts.push(
      `<line x1="${n(ref)}" y1="${first ? 18 : 0}" x2="${n(ref)}" y2="${bottom}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    );
    if (last) {
      parts.push(
        `<text x="${n(Math.min(ref, width - 80))}" y="${bottom + 14}" font-size="11" text-anchor="middle" fill="${INK}">100% of planned to date</text>`,
      );
    }
    const height = last ? bottom + 18 : bottom;
    const label = first ? name : `${name} (continued)`;
    return `<svg class="exec-bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${parts.join('')}</svg>`;
  });
}

/** `list` cut into runs of at most `size` (at least one run, empty when the list is). */
export function piecesOf<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out.length > 0 ? out : [[]];
}

/** One strip split by status counts (each part labelled in the HTML beside it). */
export function statusStrip(counts: Record<Status, number>, order: readonly Status[], width = 300): string {
  const total = order.reduce((a, s) => a + counts[s], 0);
  let x = 0;
  const parts = order.map((s) => {
    const w = total === 0 ? 0 : (counts[s] / total) * width;
    const r = `<rect x="${n(x)}" y="0" width="${n(w)}" height="14" fill="${STATUS_FILL[s]}"><title>${escapeXml(`${s}: ${counts[s]}`)}</title></rect>`;
    x += w;
    return r;
  });
  return `<svg class="strip" viewBox="0 0 ${width} 14" width="${width}" height="14" role="img" aria-label="Indicators by status">${parts.join('')}</svg>`;
}
