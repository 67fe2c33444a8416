import { maxOf } from '../core/arrays.js';
import { escapeXml, piecesOf } from './report-svg.js';

/**
 * Inline SVG for the report's Resources section: per funding source, three bars on one money
 * scale — planned (the need), pledged (promised) and received (paid, cash and in kind). Only
 * geometry is worked out here; the figures come from the report data. Minor units are compared
 * as numbers only to place bars: a pixel needs no exactness.
 */

export interface FundingBar {
  label: string;
  planned: bigint;
  pledged: bigint;
  received: bigint;
  /** The figure written beside the bars, e.g. "27,900.00 of 35,000.00". */
  text: string;
}

const INK = '#1b2a41';
const TRACK = '#eef1f5';
const FILL = { planned: '#cfe3f3', pledged: '#7fa7cc', received: '#1f5f99' } as const;

function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Sources of the chart per printed piece: 5 (254 px at most), so that pieces fill a page with little left over. */
export const FUNDING_ROWS_PER_PIECE = 5;

/**
 * Grouped horizontal bars with a legend; negative figures (refunds beyond receipts) draw as zero.
 * As pieces of at most `perPiece` sources, one SVG each, on one scale and stacked without a seam
 * (the legend in the first): printed, a chart taller than a page breaks between pieces, and the
 * first piece can be kept on one page with its heading (see executionBars).
 */
export function fundingBars(
  rows: readonly FundingBar[],
  width = 720,
  perPiece = FUNDING_ROWS_PER_PIECE,
): string[] {
  const labelW = 210;
  const textW = 190;
  const barW = width - labelW - textW;
  const groupH = 46;
  const max = maxOf(
    rows.flatMap((r) => [r.planned, r.pledged, r.received].map(Number)),
    1,
  );
  const w = (v: bigint) => (Math.max(0, Number(v)) / max) * barW;
  const legend = (['planned', 'pledged', 'received'] as const)
    .map(
      (k, i) =>
        `<g transform="translate(${labelW + i * 110},0)"><rect x="0" y="4" width="14" height="10" fill="${FILL[k]}"/><text x="20" y="13" font-size="11" fill="${INK}">${k}</text></g>`,
    )
    .join('');
  const name = 'Planned, pledged and received by funding source';
  return piecesOf(rows, perPiece).map((piece, p) => {
    // The first piece opens with the legend; the others start with a bar group, and the 8 px
    // between groups is the end of the piece above.
    const top = p === 0 ? 24 : 0;
    const parts: string[] = p === 0 ? [legend] : [];
    piece.forEach((r, i) => {
      const y = top + i * groupH;
      parts.push(
        `<text x="${labelW - 8}" y="${y + 22}" font-size="12" text-anchor="end" fill="${INK}">${escapeXml(r.label)}</text>`,
        `<rect x="${labelW}" y="${y}" width="${n(barW)}" height="38" fill="${TRACK}"/>`,
      );
      (['planned', 'pledged', 'received'] as const).forEach((k, j) => {
        const v = r[k];
        parts.push(
          `<rect class="${k}" x="${labelW}" y="${y + 2 + j * 12}" width="${n(w(v))}" height="10" fill="${FILL[k]}"><title>${escapeXml(`${r.label}: ${k}`)}</title></rect>`,
        );
      });
      parts.push(
        `<text x="${n(labelW + barW + 8)}" y="${y + 22}" font-size="12" fill="${INK}" font-weight="600">${escapeXml(r.text)}</text>`,
      );
    });
    const height = top + piece.length * groupH;
    const label = p === 0 ? name : `${name} (continued)`;
    return `<svg class="funding-bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${parts.join('')}</svg>`;
  });
}
