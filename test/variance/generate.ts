import fc from 'fast-check';
import { type Day, formatDate, yearEnd, yearStart } from '../../src/core/dates.js';
import { formatMinor } from '../../src/core/money.js';

/** Random budgets for property tests: plan currency USD, amounts in cents. */

export interface GenLine {
  planned: Map<number, bigint>;
  result: number | undefined;
  source: number | undefined;
  category: string | undefined;
}

export interface GenSpend {
  line: number;
  date: Day;
  cents: bigint;
}

export interface GenBudget {
  start: number;
  end: number;
  lines: GenLine[];
  spends: GenSpend[];
  asOf: Day;
}

const RESULTS = ['A.O1', 'A.O1.1', 'B.O1', 'C.I1'] as const; // C.I1 is an impact: no programme
const CATEGORIES = ['meetings', 'Travel', 'staff', 'studies'] as const;

const cents = (max: number) => fc.bigInt({ min: BigInt(-max), max: BigInt(max) });

/** A plan of 1–4 years starting 2026–2030 (leap years included), 1–6 lines, up to 30 spend entries. */
export const budgetArb: fc.Arbitrary<GenBudget> = fc
  .record({ start: fc.integer({ min: 2026, max: 2030 }), years: fc.integer({ min: 1, max: 4 }) })
  .chain(({ start, years }) => {
    const end = start + years - 1;
    const from = yearStart(start);
    const to = yearEnd(end);
    const line = fc.record({
      planned: fc
        .array(fc.tuple(fc.integer({ min: start, max: end }), fc.bigInt({ min: 0n, max: 10_000_000_00n })), {
          maxLength: years,
        })
        .map((pairs) => new Map(pairs)),
      result: fc.option(fc.integer({ min: 0, max: RESULTS.length - 1 }), { nil: undefined }),
      source: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
      category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
    });
    return fc.array(line, { minLength: 1, maxLength: 6 }).chain((lines) =>
      fc.record({
        start: fc.constant(start),
        end: fc.constant(end),
        lines: fc.constant(lines),
        spends: fc.array(
          fc.record({
            line: fc.integer({ min: 0, max: lines.length - 1 }),
            date: fc.integer({ min: from, max: to }),
            cents: fc.oneof(cents(1_000_000_00), cents(100)),
          }),
          { maxLength: 30 },
        ),
        asOf: fc.integer({ min: from - 400, max: to + 400 }),
      }),
    );
  });

export const lineId = (i: number) => `B-${i + 1}`;
const usd = (c: bigint) => formatMinor(c, 2, { grouping: false });

/** The budget as one framework YAML file. */
export function budgetYaml(b: GenBudget): string {
  const out = [
    `plan: {id: gen, title: Generated, start: ${b.start}, end: ${b.end}, currency: USD}`,
    'programmes:',
    '  - {id: A, title: Programme A}',
    '  - {id: B, title: Programme B}',
    'results:',
    '  - {id: C.I1, level: impact, title: Impact}',
    '  - {id: A.O1, level: outcome, programme: A, title: Outcome A}',
    '  - {id: A.O1.1, level: output, parent: A.O1, title: Output A}',
    '  - {id: B.O1, level: outcome, programme: B, title: Outcome B}',
    'budget:',
    '  sources: [{id: S1, title: Source 1}, {id: S2, title: Source 2}]',
    '  lines:',
  ];
  b.lines.forEach((l, i) => {
    const planned = [...l.planned].map(([y, c]) => `${y}: ${usd(c)}`).join(', ');
    const links = [
      l.result === undefined ? '' : `, result: ${RESULTS[l.result]}`,
      l.source === undefined ? '' : `, source: S${l.source + 1}`,
      l.category === undefined ? '' : `, category: ${l.category}`,
    ].join('');
    out.push(`    - {id: ${lineId(i)}, title: Line ${i + 1}${links}, planned: {${planned}}}`);
  });
  out.push('progress:');
  for (const s of b.spends) {
    out.push(`  - {spend: ${lineId(s.line)}, date: ${formatDate(s.date)}, amount: ${usd(s.cents)}}`);
  }
  if (b.spends.length === 0) out.push('  []');
  return `${out.join('\n')}\n`;
}

/**
 * The same budget as an hledger journal: one yearly periodic transaction per plan year with every
 * line's planned money as its budget goal, and every spend entry dated on or before `asOf` as an
 * unbalanced posting to expenses:<line>.
 */
export function budgetJournal(b: GenBudget): string {
  const out = ['decimal-mark .', ''];
  for (let y = b.start; y <= b.end; y++) {
    // Every line gets a goal every year (0.00 where nothing is planned): hledger reports spending on
    // an account without a goal under its budgeted parent or "<unbudgeted>", not under its own name.
    out.push(`~ yearly from ${y}-01-01 to ${y + 1}-01-01`);
    b.lines.forEach((l, i) => {
      out.push(`    (expenses:${lineId(i)})  ${usd(l.planned.get(y) ?? 0n)}`);
    });
    out.push('');
  }
  for (const s of b.spends) {
    if (s.date > b.asOf) continue;
    out.push(`${formatDate(s.date)} spend`, `    (expenses:${lineId(s.line)})  ${usd(s.cents)}`, '');
  }
  return `${out.join('\n')}\n`;
}
