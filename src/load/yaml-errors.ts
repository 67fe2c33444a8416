/**
 * The YAML parser's errors, turned into what a person editing a framework needs to read. The
 * parser reports the symptom where it noticed it; the two commonest slips by hand have a known
 * cause and are named as such, once:
 * - a tab in the indentation (one tab makes the parser report every following line of the block);
 * - ": " inside an unquoted value (`title: Plan: 2026–2030`), which YAML reads as a nested key.
 * Other syntax errors are kept, at most one per line (the parser often reports one slip twice).
 */

import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Src } from '../model/source.js';

/** One parser error: its code, message and offset range in the text. */
export interface RawYamlError {
  code: string;
  message: string;
  pos: [number, number];
}

/** Explains the parser's errors for one file; `at` gives the source reference for an offset. */
export function explainYamlErrors(
  text: string,
  errors: readonly RawYamlError[],
  starts: readonly number[],
  at: (offset: number) => Src,
): Diagnostic[] {
  const lineOf = (offset: number): number => lineIndex(starts, offset);
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  // The first error on a line whose indentation holds a tab: from there on, everything else the
  // parser says is the tab's doing, so only tab lines that the parser tripped on are reported.
  let tabFrom = -1;
  for (const e of sorted) {
    if (e.code === 'DUPLICATE_KEY') continue;
    if (tabColumn(text, starts, lineOf(e.pos[0])) >= 0) {
      tabFrom = lineOf(e.pos[0]);
      break;
    }
  }
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  for (const e of sorted) {
    const line = lineOf(e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') {
      out.push(error('duplicate-key', duplicateKeyMessage(text, e.pos[0]), at(e.pos[0])));
      continue;
    }
    if (seenLines.has(line)) continue;
    if (tabFrom >= 0 && line >= tabFrom) {
      const col = tabColumn(text, starts, line);
      if (col < 0) continue;
      seenLines.add(line);
      out.push(
        error(
          'yaml-tab',
          'a tab in the indentation: YAML indents with spaces only; replace the tab with spaces',
          at((starts[line] as number) + col),
        ),
      );
      continue;
    }
    seenLines.add(line);
    const colon = colonValue(text, starts, e);
    if (colon !== null) {
      out.push(
        error(
          'yaml-colon',
          `": " inside an unquoted value starts a nested key; put the whole value in quotes${colon.quoted ? `: ${colon.quoted}` : ''}`,
          at(colon.offset),
        ),
      );
      continue;
    }
    out.push(error('yaml-syntax', firstLine(e.message), at(e.pos[0])));
  }
  return out;
}

/** The 0-based column of a tab in a line's indentation, or -1 (blank and comment lines count as none). */
function tabColumn(text: string, starts: readonly number[], line: number): number {
  const s = starts[line] as number;
  let i = s;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i >= text.length || text[i] === '\n' || text[i] === '\r' || text[i] === '#') return -1;
  // Only the indentation is searched: searching the whole line made a long line with many errors quadratic.
  for (let j = s; j < i; j++) if (text[j] === '\t') return j - s;
  return -1;
}

/**
 * When an error is a plain value holding ": " (a title with a colon), the value's offset and the
 * value quoted as it should be written; otherwise null.
 */
function colonValue(
  text: string,
  starts: readonly number[],
  e: RawYamlError,
): { offset: number; quoted: string | null } | null {
  let value: string;
  if (e.code === 'BLOCK_IN_FLOW') {
    value = text.slice(e.pos[0], e.pos[1]);
  } else if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /^Nested mappings/.test(e.message)) {
    const line = lineIndex(starts, e.pos[0]);
    const end = starts[line + 1] === undefined ? text.length : (starts[line + 1] as number) - 1;
    value = text
      .slice(e.pos[0], end)
      .replace(/\r$/, '')
      .replace(/\s+#.*$/, '');
  } else {
    return null;
  }
  value = value.trim();
  if (!/:(?:[ \t]|$)/.test(value) || /^[-?[{|>]/.test(value)) return null;
  // A value that already starts with a quote needs rewriting by hand; say so without a guess.
  if (/^["']/.test(value)) return { offset: e.pos[0], quoted: null };
  const quoted = /["\\]/.test(value) ? `'${value.replace(/'/g, "''")}'` : `"${value}"`;
  return { offset: e.pos[0], quoted };
}

function duplicateKeyMessage(text: string, offset: number): string {
  const m = /^["']?([^"':\n]+)/.exec(text.slice(offset, offset + 80));
  return m ? `duplicate key "${m[1]?.trim()}" in the same mapping` : 'duplicate key in the same mapping';
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** The 0-based line holding an offset (binary search over line starts). */
export function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
