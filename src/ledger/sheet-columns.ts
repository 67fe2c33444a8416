import { distance } from 'fastest-levenshtein';
import type { ReadSheet } from '../load/sheet.js';
import type { Framework } from '../model/framework.js';
import { FIELD } from './sheet-entries.js';

/**
 * The columns a sheet to import may have: the fields `import` reads (sheet-entries.ts), the plan's
 * dimensions, and the columns `template` writes for the reader's eye (titles, units, the baseline,
 * the last value, the year's target and money). Any other column would be dropped without a word —
 * `Amout` for `Amount`, a dimension the plan does not have — so it is named, with the nearest
 * column import reads, and nothing is recorded.
 */

/** Headers `template` writes that `import` reads past on purpose. */
const SHOWN = new Set([
  'title',
  'unit',
  'baseline',
  'target for the year',
  'funding source',
  'funding source title',
]);
const SHOWN_PATTERNS = [/^last value \(/, /^planned \d{4}$/, /^spent by /];

/** One line per column no one reads, naming its sheet; empty when every column is known. */
export function unknownColumns(sheet: ReadSheet, fw: Framework): string[] {
  const fields = Object.values(FIELD).flat() as string[];
  const dims = Object.keys(fw.plan.dimensions).map((d) => d.toLowerCase());
  const known = new Set([...fields, ...dims]);
  const problems: string[] = [];
  for (const t of sheet.tables) {
    for (const h of t.headers) {
      if (known.has(h) || SHOWN.has(h) || SHOWN_PATTERNS.some((p) => p.test(h))) continue;
      const shown = h.length > 60 ? `${h.slice(0, 60)}… (${h.length} characters)` : h;
      const near = nearest(h.slice(0, 100), [...fields, ...dims]);
      const where = t.sheet === null ? 'the header row' : `sheet "${t.sheet}"`;
      problems.push(
        `${where}: no field is read from a column "${shown}"${near ? ` (did you mean "${near}"?)` : ''}; rename it to a column import reads, or delete it`,
      );
    }
  }
  return problems;
}

function nearest(word: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const n of names) {
    const d = distance(word, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}
