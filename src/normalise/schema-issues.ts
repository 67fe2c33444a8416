import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { type Diagnostic, error } from '../model/diagnostics.js';
import { child, type PathSeg, type Src } from '../model/source.js';

/** Parse options for every schema check: zod 4 leaves the offending input out of issues unless asked. */
export const PARSE = { reportInput: true } as const;

/** Turns zod issues into diagnostics: unknown keys name the nearest valid key. */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  at: Src,
  knownKeys: (path: PathSeg[]) => string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((s): s is PathSeg => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(unknownKey(key, knownKeys(path), child(at, ...path, key)));
      }
      continue;
    }
    const src = child(at, ...path);
    const where = path.length > 0 ? `"${String(path[path.length - 1])}"` : 'the value';
    // With reportInput an issue carries `input` when a value was there; a missing key has none.
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      out.push(
        error(
          'missing-key',
          `${where} is required (${issue.expected})`,
          child(at, ...path.slice(0, -1)),
          false,
        ),
      );
    } else if (issue.code === 'invalid_type') {
      out.push(
        error('wrong-type', `${where} must be ${article(issue.expected)}, not ${describe(issue.input)}`, src),
      );
    } else if (issue.code === 'invalid_value') {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      out.push(
        error(
          'invalid-value',
          `${where} must be one of ${options}${suggest(issue.input, issue.values.map(String))}`,
          src,
        ),
      );
    } else if (issue.code === 'invalid_union') {
      out.push(error('wrong-type', `${where} has the wrong type (${describe(issue.input)})`, src));
    } else {
      out.push(error('invalid-value', `${where}: ${issue.message}`, src));
    }
  }
  return out;
}

/** An unknown-key diagnostic with the nearest valid key suggested. */
export function unknownKey(key: string, known: string[], src: Src): Diagnostic {
  if (key === '<<') {
    return error('unknown-key', 'merge keys (<<) are not supported; write the keys out', src, true);
  }
  return error('unknown-key', `unknown key "${key}"${suggest(key, known)}`, src, true);
}

/** ` (did you mean "x"?)` when a candidate is close enough, else ''. */
export function suggest(input: unknown, candidates: readonly string[]): string {
  if (typeof input !== 'string' || candidates.length === 0) return '';
  const best = closest(input, candidates as string[]);
  const limit = Math.max(2, Math.floor(input.length / 3));
  const d = distance(input.toLowerCase(), best.toLowerCase());
  // A suggestion must share something with the input: "<<" is not a misspelt "id".
  return d <= limit && d < input.length ? ` (did you mean "${best}"?)` : '';
}

// zod names JSON types; YAML users write mappings and lists.
const YAML_NAMES: Record<string, string> = { object: 'mapping', array: 'list', record: 'mapping' };

function article(expected: string): string {
  const name = YAML_NAMES[expected] ?? expected;
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** A short description of a value for messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (value instanceof Uint8Array) return 'binary data';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
