import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { HAND } from '../funding/fixture.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The fuzz campaign's inputs: the shipped frameworks, each as file name → text, and mutations of
 * them. A case is a framework and a list of 1–4 mutation steps; fast-check generates the steps
 * and, on a failure, shrinks them to the fewest and smallest that still fail.
 *
 * Byte-level steps (flips, inserted characters, deleted, duplicated and swapped lines, CRLF, a BOM,
 * tabs, unicode, deep nesting) mostly make files that validate refuses: they test the loader's
 * messages. Value-level steps (numbers from tiny to huge, dates, periods, enum swaps, new ledger
 * entries) mostly keep the framework valid: they test that what validate accepts, every report
 * can show.
 */

/** A framework: file name (relative) → text. */
export type Files = Record<string, string>;

/** Every framework file below a directory of the repository, as the loader would find them. */
function read(dir: string): Files {
  const out: Files = {};
  const walk = (rel: string) => {
    for (const d of readdirSync(path.join(ROOT, dir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(name);
      else if (/\.(ya?ml|csv)$/.test(d.name)) out[name] = readFileSync(path.join(ROOT, dir, name), 'utf8');
    }
  };
  walk('');
  return out;
}

/** The shipped frameworks (a CSV ledger added to NEASPEC's so the CSV reader is mutated too). */
export function corpus(): { name: string; files: Files }[] {
  const neaspec = read('frameworks/neaspec-2026-2030');
  neaspec['progress/export.csv'] =
    'spend,date,amount,currency,note\nB-AP-1,2026-03-02,1500.00,,bank export\nB-BD-1,2026-04-15,2000000,KRW,"transfer, KRW"\n';
  return [
    { name: 'neaspec-2026-2030', files: neaspec },
    {
      name: 'donor-project',
      files: read('examples/donor-project'),
    },
    { name: 'minimal', files: read('examples/minimal') },
    { name: 'decisions-and-resources', files: decisions() },
  ];
}

/**
 * Meetings, revisions, narratives, contributors, pledges and contributions (the shipped frameworks
 * have none yet): the resources fixture with meetings and narratives added.
 */
function decisions(): Files {
  const files: Files = { ...HAND };
  files['plan.yaml'] = (HAND['plan.yaml'] as string).replace(
    'plan: {id: hand, title: Hand-worked, start: 2026, end: 2027, currency: USD}',
    `plan:
  id: hand
  title: Hand-worked
  start: 2026
  end: 2027
  currency: USD
  meetings:
    - {id: SOM-28, date: 2025-09-23, title: 28th Senior Officials Meeting}
    - {id: SOM-29, date: 2026-10-21, title: 29th Senior Officials Meeting}`,
  );
  files['narratives.yaml'] = `narratives:
  - {about: plan, date: 2026-06-01, text: "Work *began* on time; see [the plan](https://example.org)."}
  - about: P
    date: 2026-10-01
    text: |
      Two points:

      - the first, with **emphasis**
      - the second, with \`code\` and <b>raw HTML</b>
revisions:
  - {id: R2, date: 2026-10-21, meeting: SOM-29, title: Target raised, reason: Faster than foreseen, targets: {P.O1-a: {2027: 3}}}
`;
  return files;
}

/** Numbers of odd forms and ordinary sizes. */
export const ODD_NUMBERS = [
  '0',
  '-0',
  '-1',
  '0.5',
  '1e15',
  '0.000000001',
  '1000000000',
  '0.1',
  '3.14159265358979',
  '.5',
  '1_000',
  '0x1F',
  '0o17',
  '.inf',
  '-.inf',
  '.nan',
  '1,500',
  '99999999999999.99',
  '100',
  '2',
  '1e999',
  '-1e999',
];

/** Tiny and huge numbers: overflow and underflow in arithmetic, past 2^53, denormals. */
export const EXTREME_NUMBERS = [
  '1e308',
  '-1e308',
  '1e-300',
  '1e-321',
  '5e-324',
  '1e21',
  '9007199254740993',
  '123456789012345678901234567890',
];

const SPECIAL_CHARS = [
  ':',
  '-',
  '{',
  '}',
  '[',
  ']',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ',',
  '?',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u00a0',
  '\ufeff',
  '\u0000',
  '\u2028',
  '\\',
  'é',
  '😀',
  '\u202e',
];

const DATES = [
  '2025-12-31',
  '2026-01-01',
  '2026-02-29',
  '2026-06-30',
  '2026-11-28',
  '2027-03-15',
  '2028-02-29',
  '2030-12-31',
  '2031-01-01',
  '1999-01-01',
  '2026-13-01',
  '2026-1-5',
];
const PERIODS = [
  '2026',
  '2027',
  '2030',
  '2031',
  '2026-H2',
  '2026-Q3',
  '2026-Q5',
  '2026-06',
  '2026-13',
  '2025',
  'x',
];
const ENUMS: Record<string, string[]> = {
  measure: ['number', 'percent', 'milestone'],
  direction: ['increase', 'decrease'],
  aggregation: ['cumulative', 'level'],
  frequency: ['annual', 'semiannual', 'quarterly', 'monthly'],
  level: ['impact', 'outcome', 'output'],
  currency: ['USD', 'KRW', 'JPY', 'EUR', 'XXX', 'usd'],
  kind: ['cash', 'in-kind', 'loan'],
  about: ['plan', 'P', 'P.O1', 'P.O1-a', 'AP', 'nothing'],
  meeting: ['SOM-28', 'SOM-29', 'SOM-30'],
};

/** One mutation step, as data (so fast-check can print and shrink it). */
export type Step =
  | { kind: 'flip'; file: number; at: number; bit: number }
  | { kind: 'insert'; file: number; at: number; text: string }
  | { kind: 'deleteLines'; file: number; line: number; count: number }
  | { kind: 'duplicateLine'; file: number; line: number; times: number }
  | { kind: 'swapLines'; file: number; a: number; b: number }
  | { kind: 'crlf'; file: number }
  | { kind: 'bom'; file: number }
  | { kind: 'tab'; file: number; line: number }
  | { kind: 'number'; file: number; nth: number; value: string }
  | { kind: 'date'; file: number; nth: number; value: string }
  | { kind: 'period'; file: number; nth: number; value: string }
  | { kind: 'enum'; file: number; key: string; nth: number; pick: number }
  | { kind: 'deep'; file: number; at: number; depth: number; open: '[' | '{' | '- ' }
  | { kind: 'entry'; file: number; entry: EntryShape };

/** A ledger entry to append, in terms of the framework's own ids (picked by index). */
export interface EntryShape {
  type: 'result' | 'spend' | 'withdraw' | 'pledge' | 'contribution';
  id: number;
  period: string;
  value: string;
  date: string;
  corrects: boolean;
  country: string | null;
  currency: string | null;
}

const file = fc.nat(7);
const where = fc.nat(100_000);

/** Mutation steps; `maxDepth` bounds the deep-nesting step. */
export function stepArb(maxDepth: number, extremes: boolean): fc.Arbitrary<Step> {
  const numbers = extremes ? [...ODD_NUMBERS, ...EXTREME_NUMBERS] : ODD_NUMBERS;
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), file, at: where, bit: fc.nat(7) }),
    fc.record({
      kind: fc.constant('insert' as const),
      file,
      at: where,
      text: fc.oneof(
        fc.constantFrom(...SPECIAL_CHARS),
        fc.string({ unit: 'grapheme', maxLength: 6 }),
        fc.string({ unit: 'binary', maxLength: 4 }),
        fc.constantFrom(
          'undefined',
          'NaN',
          'null',
          '~',
          'true',
          '&a',
          '*a',
          '<<: *a',
          '!!binary',
          '---',
          '...',
        ),
      ),
    }),
    fc.record({
      kind: fc.constant('deleteLines' as const),
      file,
      line: where,
      count: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({
      kind: fc.constant('duplicateLine' as const),
      file,
      line: where,
      times: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({ kind: fc.constant('swapLines' as const), file, a: where, b: where }),
    fc.record({ kind: fc.constant('crlf' as const), file }),
    fc.record({ kind: fc.constant('bom' as const), file }),
    fc.record({ kind: fc.constant('tab' as const), file, line: where }),
    fc.record({
      kind: fc.constant('number' as const),
      file,
      nth: where,
      value: fc.constantFrom(...numbers),
    }),
    fc.record({ kind: fc.constant('date' as const), file, nth: where, value: fc.constantFrom(...DATES) }),
    fc.record({ kind: fc.constant('period' as const), file, nth: where, value: fc.constantFrom(...PERIODS) }),
    fc.record({
      kind: fc.constant('enum' as const),
      file,
      key: fc.constantFrom(...Object.keys(ENUMS)),
      nth: where,
      pick: fc.nat(5),
    }),
    fc.record({
      kind: fc.constant('deep' as const),
      file,
      at: where,
      depth: fc.integer({ min: 1, max: maxDepth }),
      open: fc.constantFrom('[' as const, '{' as const, '- ' as const),
    }),
    fc.record({
      kind: fc.constant('entry' as const),
      file,
      entry: fc.record({
        type: fc.constantFrom(
          'result' as const,
          'result' as const,
          'spend' as const,
          'withdraw' as const,
          'pledge' as const,
          'contribution' as const,
        ),
        id: fc.nat(200),
        period: fc.constantFrom(...PERIODS),
        value: fc.constantFrom(...numbers),
        date: fc.constantFrom(...DATES),
        corrects: fc.boolean(),
        country: fc.constantFrom(null, null, 'MN', 'KR', 'XX'),
        currency: fc.constantFrom(null, null, 'KRW', 'RUB', 'EUR'),
      }),
    }),
  );
}

/** Applies steps to a copy of the files. */
export function applySteps(files: Files, steps: readonly Step[]): Files {
  const out = { ...files };
  const names = Object.keys(out).sort();
  for (const s of steps) {
    const name = names[s.file % names.length] as string;
    out[name] = applyStep(name, out[name] as string, s, files);
  }
  return out;
}

function applyStep(name: string, text: string, s: Step, all: Files): string {
  const lines = () => text.split('\n');
  const pos = (at: number) => (text.length === 0 ? 0 : at % (text.length + 1));
  switch (s.kind) {
    case 'flip': {
      const bytes = Buffer.from(text, 'utf8');
      if (bytes.length === 0) return text;
      const i = s.at % bytes.length;
      bytes[i] = (bytes[i] as number) ^ (1 << s.bit);
      return bytes.toString('utf8'); // as the loader decodes a file
    }
    case 'insert':
      return text.slice(0, pos(s.at)) + s.text + text.slice(pos(s.at));
    case 'deleteLines': {
      const l = lines();
      l.splice(s.line % l.length, s.count);
      return l.join('\n');
    }
    case 'duplicateLine': {
      const l = lines();
      const i = s.line % l.length;
      l.splice(i, 0, ...Array(s.times).fill(l[i]));
      return l.join('\n');
    }
    case 'swapLines': {
      const l = lines();
      const a = s.a % l.length;
      const b = s.b % l.length;
      [l[a], l[b]] = [l[b] as string, l[a] as string];
      return l.join('\n');
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return `\ufeff${text}`;
    case 'tab': {
      const l = lines();
      const i = s.line % l.length;
      l[i] = (l[i] as string).replace(/^ {1,4}/, '\t');
      return l.join('\n');
    }
    case 'number':
      return replaceNth(text, /(?<=[:{,[]\s*)-?\d+(?:\.\d+)?(?=\s*[,}\]\n#]|\s*$)/g, s.nth, s.value);
    case 'date':
      return replaceNth(text, /\b\d{4}-\d{2}-\d{2}\b/g, s.nth, s.value);
    case 'period':
      return replaceNth(text, /(?<=period: )[^,}\n]+/g, s.nth, s.value);
    case 'enum': {
      const values = ENUMS[s.key] as string[];
      const re = new RegExp(`(?<=\\b${s.key}: )[^,}\\n]+`, 'g');
      return replaceNth(text, re, s.nth, values[s.pick % values.length] as string);
    }
    case 'deep': {
      const open = s.open.repeat(s.depth);
      const close = s.open === '[' ? ']'.repeat(s.depth) : s.open === '{' ? '}'.repeat(s.depth) : '';
      const inner = s.open === '{' ? 'a: 1' : 'x';
      return text.slice(0, pos(s.at)) + open + inner + close + text.slice(pos(s.at));
    }
    case 'entry':
      // Appended only to a YAML ledger; other files are left as they are.
      return /\.ya?ml$/.test(name) && /^progress:/m.test(text) ? appendEntry(text, s.entry, all) : text;
  }
}

function replaceNth(text: string, re: RegExp, nth: number, value: string): string {
  const matches = [...text.matchAll(re)];
  if (matches.length === 0) return text;
  const m = matches[nth % matches.length] as RegExpMatchArray;
  const i = m.index as number;
  return text.slice(0, i) + value + text.slice(i + m[0].length);
}

/** Ids of a kind across the framework's files (indicators: `- id: X` under indicators; lines: `B-…`). */
function ids(all: Files, kind: 'indicator' | 'line'): string[] {
  const text = Object.values(all).join('\n');
  if (kind === 'line') {
    const fromList = [...text.matchAll(/^\s*- (?:\{)?id: ([A-Za-z0-9._-]+)(?=[\s\S]{0,400}?planned:)/gm)].map(
      (m) => m[1] as string,
    );
    return fromList.length > 0 ? fromList : ['B1'];
  }
  const found = [...text.matchAll(/\{?indicator: ([A-Za-z0-9._-]+)/g)].map((m) => m[1] as string);
  return found.length > 0 ? [...new Set(found)] : ['X'];
}

function appendEntry(text: string, e: EntryShape, all: Files): string {
  let entry: string;
  if (e.type === 'pledge' || e.type === 'contribution') {
    const text = Object.values(all).join('\n');
    const pick = (re: RegExp, fallback: string) => {
      const found = [...new Set([...text.matchAll(re)].map((m) => m[1] as string))];
      return found.length > 0 ? (found[e.id % found.length] as string) : fallback;
    };
    const source = pick(/(?:pledge|contribution|source): ([A-Za-z0-9._-]+)/g, 'CORE');
    const from = pick(/from: ([A-Za-z0-9._-]+)/g, e.country ?? 'KR');
    const year = e.period.slice(0, 4);
    const kind = e.corrects && e.type === 'contribution' ? ', kind: in-kind' : '';
    entry = `{${e.type}: ${source}, from: ${from}, year: ${year}, amount: ${e.value}, date: ${e.date}${e.currency ? `, currency: ${e.currency}` : ''}${kind}}`;
  } else if (e.type === 'spend') {
    const lines = ids(all, 'line');
    const line = lines[e.id % lines.length] as string;
    entry = `{spend: ${line}, date: ${e.date}, amount: ${e.value}${e.currency ? `, currency: ${e.currency}` : ''}}`;
  } else {
    const inds = ids(all, 'indicator');
    const ind = inds[e.id % inds.length] as string;
    const value = e.type === 'withdraw' ? 'withdrawn: true' : `value: ${e.value}`;
    entry = `{indicator: ${ind}, period: ${e.period}, ${value}, date: ${e.date}${e.country ? `, country: ${e.country}` : ''}${e.corrects ? ', corrects: true' : ''}}`;
  }
  return `${text.replace(/\n*$/, '\n')}  - ${entry}\n`;
}
