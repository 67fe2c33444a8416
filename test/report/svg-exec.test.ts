import { describe, expect, it } from 'vitest';
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
  );

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
    const cut = executionBars([{ label: longer, execution: 1, text: '100.0%' }], 640);
    expect(cut).toContain(`<title>${longer}</title>${longer.slice(0, 89)}…</text>`);
  });
});
