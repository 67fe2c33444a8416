import { describe, expect, it } from 'vitest';
import { fundingBars } from '../../src/render/funding-svg.js';
import { executionBars } from '../../src/render/report-svg.js';

/** The execution chart of the HTML report: labels are never clipped (issue 13.6). */
describe('executionBars', () => {
  const long = 'DLD — Desertification and land degradation, including dust and sandstorms in Zamyn-Uud';
  const svg = executionBars(
    [
      { label: 'AP — Air pollution (NEACAP)', execution: 0.574, text: '57.4%' },
      { label: long, execution: null, text: '—' },
    ],
    640,
  ).join('');

  it('starts every label at the left edge, inside the chart, on its own line above the bar', () => {
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="12" fill="[^"]+"><title>/g)];
    expect(labels).toHaveLength(2);
    for (const m of labels) expect(Number(m[1])).toBe(4);
    // No text is anchored at its end (a right-aligned label could run off the left edge).
    expect(svg).not.toMatch(/font-size="12" text-anchor="end"/);
  });

  it('shows a short label whole, and cuts one wider than the chart with an ellipsis, keeping it whole as the tooltip', () => {
    expect(svg).toContain('>AP — Air pollution (NEACAP)</text>');
    // 640 − 4 = 636 px at 7 px a character: 90 characters; the 86-character title fits whole.
    expect(long.length).toBe(86);
    expect(svg).toContain(`<title>${long}</title>${long}</text>`);
    const longer = `${long} and more words`;
    const cut = executionBars([{ label: longer, execution: 1, text: '100.0%' }], 640).join('');
    expect(cut).toContain(`<title>${longer}</title>${longer.slice(0, 89)}…</text>`);
  });
});

/** Tall charts come as pieces of a few rows, so printed they break between pieces (issue 13.6). */
describe('charts in pieces', () => {
  const heights = (pieces: string[]) => pieces.map((p) => Number(/ height="(\d+)"/.exec(p)?.[1]));

  it('execution: 17 rows are pieces of 8, 8 and 1 rows, 40 px a row, the 100% caption in the last only', () => {
    const rows = Array.from({ length: 17 }, (_, i) => ({ label: `P${i}`, execution: 0.5, text: '50.0%' }));
    const pieces = executionBars(rows, 640);
    expect(pieces).toHaveLength(3);
    // 8 × 40 = 320 with no margin below (the next piece's first row starts 4 px down);
    // the last: 1 × 40 + 4 = 44 down to the end of the reference line, + 18 for its caption.
    expect(heights(pieces)).toEqual([320, 320, 62]);
    expect(pieces.map((p) => p.includes('100% of planned to date'))).toEqual([false, false, true]);
    // The reference line at 100%: x = 4 + (1 / 1) × (640 − 4 − 70) = 570, from below the first
    // label to the end of each piece.
    expect(pieces[0]).toContain('<line x1="570" y1="18" x2="570" y2="320"');
    expect(pieces[1]).toContain('<line x1="570" y1="0" x2="570" y2="320"');
    expect(pieces[2]).toContain('<line x1="570" y1="0" x2="570" y2="44"');
    expect(pieces[0]).toContain('aria-label="Budget execution by programme area"');
    expect(pieces[2]).toContain('aria-label="Budget execution by programme area (continued)"');
    // Row 9 is the first of the second piece, at the top of it.
    expect(pieces[1]).toContain('<title>P8</title>P8</text>');
    expect(pieces[1]).toContain('<text x="4" y="16" font-size="12"');
  });

  it('funding: 12 sources are pieces of 5, 5 and 2, on one scale, the legend in the first only', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      label: `S${i}`,
      planned: BigInt((i + 1) * 100),
      pledged: 0n,
      received: 0n,
      text: 'nothing pledged',
    }));
    const pieces = fundingBars(rows, 720);
    expect(pieces).toHaveLength(3);
    // 24 (legend) + 5 × 46 = 254, then 5 × 46 = 230 and 2 × 46 = 92.
    expect(heights(pieces)).toEqual([254, 230, 92]);
    expect(pieces.map((p) => p.includes('>received</text>'))).toEqual([true, false, false]);
    // One scale: the largest planned (1,200) is 720 − 210 − 190 = 320 px; S5 (600) is 160 px,
    // drawn 2 px below the top of the second piece.
    expect(pieces[1]).toContain('class="planned" x="210" y="2" width="160"');
    expect(pieces[2]).toContain('class="planned" x="210" y="48" width="320"');
  });

  it('a chart with no rows is one empty piece', () => {
    expect(executionBars([], 640)).toHaveLength(1);
    expect(fundingBars([], 720)).toHaveLength(1);
  });
});
