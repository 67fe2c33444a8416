import { type Diagnostic, error } from '../model/diagnostics.js';
import type { SourceFile, Src } from '../model/source.js';

/**
 * Numbers written with a thousands separator. In a flow mapping YAML reads `{2026: 1,500}` as
 * `2026: 1` and a second key `500` with no value, and in block style or CSV `1,500` is text; in
 * both cases the honest message is "no thousands separators", at the number, once.
 */

const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** True when text is a number written with comma thousands separators (`1,500`, `-12,000.50`). */
export function isGroupedNumber(value: unknown): value is string {
  return typeof value === 'string' && GROUPED.test(value.trim());
}

/** The message for a number written with separators. */
export function thousandsMessage(written: string): string {
  return `${written} has a thousands separator; write numbers without one (${written.replace(/,/g, '')})`;
}

/** A diagnostic for a value that should be a number but is text like `1,500`. */
export function groupedValue(value: string, at: Src): Diagnostic {
  return error('thousands-separator', thousandsMessage(value.trim()), at);
}

/**
 * When a key is the tail of a number split at a comma (`500` in `{2026: 1,500}`), the whole number
 * as written and where it starts; otherwise null. Read from the source text, as the parsed data
 * no longer says which key followed which.
 */
export function splitNumberAt(
  file: SourceFile,
  keyPath: readonly (string | number)[],
  key: string,
): { written: string; line: number; col: number } | null {
  if (!/^\d+(?:\.\d+)?$/.test(key)) return null;
  const pos = file.locate(keyPath, true);
  const line = lineText(file, pos.line);
  if (line === undefined) return null;
  const i = pos.col - 1;
  if (!/\d/.test(line[i] ?? '')) return null;
  // Walk back over `digits,` groups and forward over `,digits` groups and a decimal part.
  let s = i;
  while (s > 0 && line[s - 1] === ',' && /\d/.test(line[s - 2] ?? '')) {
    s -= 1;
    while (s > 0 && /\d/.test(line[s - 1] as string)) s--;
  }
  if (s === i) return null;
  if (line[s - 1] === '-' || line[s - 1] === '+') s--;
  const m = /^[-+]?\d+(?:,\d+)*(?:\.\d+)?/.exec(line.slice(s));
  if (!m) return null;
  return { written: m[0], line: pos.line, col: s + 1 };
}

const LINES = new WeakMap<SourceFile, string[]>();

/** The text of a 1-based line, split once per file. */
function lineText(file: SourceFile, line: number): string | undefined {
  let lines = LINES.get(file);
  if (!lines) {
    lines = file.text.split(/\r?\n/);
    LINES.set(file, lines);
  }
  return lines[line - 1];
}
