import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { decimalText } from '../core/money.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import { descendant, type PathSeg, type Src } from '../model/source.js';
import { groupedValue, isGroupedNumber, splitNumberAt, thousandsMessage } from './thousands.js';

/** Parse options for every schema check: zod 4 leaves the offending input out of issues unless asked. */
export const PARSE = { reportInput: true } as const;

/**
 * The same for schemas that check a handful of values per run (the plan, the budget, the files'
 * sections, their items): without zod's JIT. zod compiles a parser for each object schema with
 * `new Function` on its first use — worth it over a million ledger entries, but for a handful it
 * is about half of the check's time in a cold `validate`, and code made that way is
 * not in the CLI's code cache. Both ways give the same result and the same issues.
 */
export const PARSE_FEW = { reportInput: true, jitless: true } as const;

/**
 * Turns zod issues into diagnostics: unknown keys name the nearest valid key. Given the value as
 * written, a required key that is missing because it was misspelt (`titel:` for `title:`) is
 * reported once, as the unknown key with its suggestion, not also as "title is required".
 */
export function schemaDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  at: Src,
  knownKeys: (path: PathSeg[]) => string[],
  written?: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = issues.map((issue) => issue.path.filter((s): s is PathSeg => typeof s !== 'symbol'));
  // Pass 1: missing keys explained by a misspelt key beside them.
  const explained = new Set<string>(); // `${objPath}\u0000${misspelt key}`
  const skipIssue = new Set<number>();
  issues.forEach((issue, n) => {
    if (!isMissing(issue)) return;
    const path = paths[n] as PathSeg[];
    const missing = path[path.length - 1];
    const objPath = path.slice(0, -1);
    const obj = valueAt(written, objPath);
    if (typeof missing !== 'string' || obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
    const known = knownKeys(objPath);
    const typo = Object.keys(obj).find(
      (k) =>
        !known.includes(k) &&
        !explained.has(`${objPath.join('.')}\u0000${k}`) &&
        nearest(k, known) === missing,
    );
    if (typo === undefined) return;
    explained.add(`${objPath.join('.')}\u0000${typo}`);
    skipIssue.add(n);
    out.push(unknownKey(typo, known, descendant(at, [...objPath, typo])));
  });
  // `{2026: 1,500}` reads as `2026: 1` and a key `500`: one thousands-separator error per number.
  const splitSeen = new Set<string>();
  const splitNumber = (path: PathSeg[], key: PathSeg | undefined): boolean => {
    if (typeof key !== 'string') return false;
    const hit = splitNumberAt(at.file, [...at.path, ...path, key], key);
    if (!hit) return false;
    const where = `${hit.line}:${hit.col}`;
    if (!splitSeen.has(where)) {
      splitSeen.add(where);
      const pos = { line: hit.line, col: hit.col };
      const file = { name: at.file.name, text: at.file.text, locate: () => pos };
      out.push(
        error('thousands-separator', thousandsMessage(hit.written), { file, path: [...at.path, ...path] }),
      );
    }
    return true;
  };
  issues.forEach((issue, n) => {
    if (skipIssue.has(n)) return;
    const path = paths[n] as PathSeg[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        if (explained.has(`${path.join('.')}\u0000${key}`)) continue;
        if (splitNumber(path, key)) continue;
        out.push(unknownKey(key, knownKeys(path), descendant(at, [...path, key])));
      }
      return;
    }
    if (splitNumber(path.slice(0, -1), path[path.length - 1])) return;
    const src = descendant(at, path);
    const where = path.length > 0 ? `"${String(path[path.length - 1])}"` : 'the value';
    // With reportInput an issue carries `input` when a value was there; a missing key has none.
    if (isMissing(issue)) {
      out.push(
        error(
          'missing-key',
          issue.code === 'invalid_type' ? `${where} is required (${issue.expected})` : `${where} is required`,
          descendant(at, path.slice(0, -1)),
          false,
        ),
      );
    } else if (issue.code === 'invalid_type' && isGroupedNumber(issue.input)) {
      out.push(groupedValue(issue.input, src));
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
      // A bad key is reported at the key itself, not at its value.
      out.push(error('invalid-value', issueText(issue, where), src, issue.code === 'invalid_key'));
    }
  });
  return out;
}

/** Plain words for the remaining zod issues (ranges, patterns, record keys), never zod's own text. */
function issueText(issue: z.core.$ZodIssue, where: string): string {
  const was = issue.input === undefined ? '' : `, not ${describe(issue.input)}`;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return `${where} must not be empty`;
      if (issue.origin === 'array') return `${where} needs at least ${issue.minimum} items`;
      return `${where} must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}${was}`;
    case 'too_big':
      if (issue.origin === 'string' || issue.origin === 'array')
        return `${where} may hold at most ${issue.maximum}`;
      return `${where} must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${was}`;
    case 'invalid_format':
      // Our patterns carry a readable description as their message; zod's default names the regex.
      return /^Invalid/.test(issue.message)
        ? `${where} has the wrong form${was}`
        : `${where} must be ${issue.message}${was}`;
    case 'invalid_key': {
      const inner = issue.issues[0];
      const what = inner && !/^Invalid/.test(inner.message) ? inner.message : 'a valid key here';
      // YAML reads a key such as 1e309 as a number too large for a float: it arrives as "Infinity".
      const huge = /^-?Infinity$|^NaN$/.test(String(issue.input))
        ? ' (a number too large or not a number, such as 1e309, which YAML reads as infinity)'
        : '';
      return `the key ${describe(issue.input)}${huge} is not ${what}`;
    }
    case 'not_multiple_of':
      return `${where} must be a whole number${was}`;
    default:
      return `${where} is not valid here${was}`;
  }
}

/** A required key that is absent: with reportInput, only a present value carries `input`. */
function isMissing(issue: z.core.$ZodIssue): boolean {
  return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined;
}

/** The value at a path inside written data, or undefined. */
function valueAt(value: unknown, path: readonly PathSeg[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
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
  const best = nearest(input, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/**
 * How many different misspellings one did-you-mean list searches in a run. Each search compares
 * the input with every candidate; a ledger of 250,000 entries naming unknown ids among 2,000 would
 * otherwise make 500 million comparisons. Repeats of a misspelling reuse its answer; past the cap
 * a new one is reported without a suggestion (docs/readings.md).
 */
export const MAX_SUGGESTION_SEARCHES = 1000;

/** `suggest` over one list for a whole run: the list is built once, each input searched once, searches capped. */
export function suggester(candidates: () => readonly string[]): (input: unknown) => string {
  let list: readonly string[] | undefined;
  const memo = new Map<string, string>();
  return (input) => {
    if (typeof input !== 'string') return '';
    const known = memo.get(input);
    if (known !== undefined) return known;
    if (memo.size >= MAX_SUGGESTION_SEARCHES) return '';
    list ??= candidates();
    const found = suggest(input, list);
    memo.set(input, found);
    return found;
  };
}

/** The candidate closest to the input when it is close enough to be a likely misspelling. */
export function nearest(input: unknown, candidates: readonly string[]): string | undefined {
  if (typeof input !== 'string' || candidates.length === 0) return undefined;
  const best = closest(input, candidates as string[]);
  const limit = Math.max(2, Math.floor(input.length / 3));
  const d = distance(input.toLowerCase(), best.toLowerCase());
  // A suggestion must share something with the input: "<<" is not a misspelt "id".
  return d <= limit && d < input.length ? best : undefined;
}

// zod names JSON types; YAML users write mappings and lists.
const YAML_NAMES: Record<string, string> = {
  object: 'mapping',
  array: 'list',
  record: 'mapping',
  int: 'whole number',
};

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
  if (typeof value === 'number') return numberText(value);
  return String(value);
}

/** "must be a number" for a value that is not one, naming a thousands separator when that is why. */
export function notANumber(value: unknown, at: Src): Diagnostic {
  if (isGroupedNumber(value)) return groupedValue(value, at);
  if (typeof value === 'number')
    return error('wrong-type', 'must be a finite number; this one overflows', at);
  return error('wrong-type', `must be a number, not ${JSON.stringify(value)}`, at);
}

/** A number as written in plain digits (0.000000001, not 1e-9) unless that is unreasonably long. */
export function numberText(n: number): string {
  if (!Number.isFinite(n))
    return n > 0 ? 'a number too large to read' : n < 0 ? 'a number too small to read' : 'not a number';
  const plain = decimalText(n);
  return plain.length <= 24 ? plain : String(n);
}
