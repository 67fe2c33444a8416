/**
 * Headings kept with what follows them on paper. Printed by Chromium, `break-after: avoid` on a
 * heading does not hold before every kind of block (a grid, a chart that must move to the next
 * page whole), and a heading is then left alone at the foot of a page. So each heading is written
 * in one element with the first block under it, and print CSS forbids a page break inside that
 * element (`.keep`, in KEEP_CSS). The block must be shorter than a page: a chart's first piece, a
 * paragraph, a box of figures; a table follows its kept heading outside it, and breaks between rows.
 */

/** The heading and the first blocks under it, never parted by a page break in print. */
export function keepWithNext(heading: string, ...next: string[]): string {
  return `<div class="keep">${[heading, ...next].join('\n')}</div>`;
}

/** Print CSS of kept headings, added to the report's style sheet. */
export const KEEP_CSS = `
@media print {
  /* "avoid" after it too: what follows a kept heading (a programme area, a table) starts on its page. */
  .keep { break-inside: avoid; break-after: avoid; }
}
`;
