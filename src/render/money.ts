import { formatMinor } from '../core/money.js';

/** Money and ratio text for the human formats (table, Markdown, HTML, Word); JSON and CSV write plain numbers. */

/** Minor units as grouped decimal text: "1,234,567.80", "-12.50", "9,000,000"; an em dash for no figure. */
export function formatMoney(minor: bigint | null, digits: number): string {
  return minor === null ? '—' : formatMinor(minor, digits);
}

/** Minor units as a plain decimal without grouping, for CSV: "1234567.80". */
export function plainMoney(minor: bigint, digits: number): string {
  return formatMinor(minor, digits, { grouping: false });
}

/** A ratio as a percentage with one decimal (0.5454 → "54.5%"); an em dash for no figure. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}
