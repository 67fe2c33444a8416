import fc from 'fast-check';
import { type Day, formatDate, yearEnd, yearStart } from '../../src/core/dates.js';
import { formatMinor } from '../../src/core/money.js';

/** Random frameworks with resources for property tests and the hledger cross-check: USD, amounts in cents. */

export interface GenFundLine {
  /** Index of its source, or undefined for a line without one. */
  source: number | undefined;
  planned: Map<number, bigint>;
}

export interface GenMoney {
  kind: 'pledge' | 'cash' | 'in-kind';
  source: number;
  contributor: number;
  year: number;
  date: Day;
  cents: bigint;
}

export interface GenSpendEntry {
  line: number;
  date: Day;
  cents: bigint;
}

export interface GenFunding {
  start: number;
  end: number;
  /** Opening balances of the sources, in cents (undefined: not given). */
  openings: (bigint | undefined)[];
  contributors: number;
  lines: GenFundLine[];
  money: GenMoney[];
  spends: GenSpendEntry[];
  asOf: Day;
}

export const sourceId = (i: number) => `S${i + 1}`;
export const contributorId = (i: number) => `C${i + 1}`;
export const fundLineId = (i: number) => `L${i + 1}`;
const usd = (c: bigint) => formatMinor(c, 2, { grouping: false });
const cents = (max: number) => fc.bigInt({ min: BigInt(-max), max: BigInt(max) });

/**
 * 1–3 plan years from 2026–2029; 1–3 sources (some with an opening balance), 1–4 contributors,
 * 0–4 lines (some without a source), up to 25 pledges and contributions (cash or in kind, negative
 * ones included, dated from a year before the plan to a year after) and up to 15 spending entries.
 */
export const fundingArb: fc.Arbitrary<GenFunding> = fc
  .record({
    start: fc.integer({ min: 2026, max: 2029 }),
    years: fc.integer({ min: 1, max: 3 }),
    sources: fc.integer({ min: 1, max: 3 }),
    contributors: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ start, years, sources, contributors }) => {
    const end = start + years - 1;
    const year = fc.integer({ min: start, max: end });
    const line = fc.record({
      source: fc.option(fc.integer({ min: 0, max: sources - 1 }), { nil: undefined, freq: 4 }),
      planned: fc
        .array(fc.tuple(year, fc.bigInt({ min: 0n, max: 50_000_000n })), { maxLength: years })
        .map((pairs) => new Map(pairs)),
    });
    return fc.array(line, { maxLength: 4 }).chain((lines) =>
      fc.record({
        start: fc.constant(start),
        end: fc.constant(end),
        openings: fc.array(fc.option(fc.bigInt({ min: 0n, max: 100_000_000n }), { nil: undefined }), {
          minLength: sources,
          maxLength: sources,
        }),
        contributors: fc.constant(contributors),
        lines: fc.constant(lines),
        money: fc.array(
          fc.record({
            kind: fc.constantFrom('pledge' as const, 'cash' as const, 'in-kind' as const),
            source: fc.integer({ min: 0, max: sources - 1 }),
            contributor: fc.integer({ min: 0, max: contributors - 1 }),
            year,
            date: fc.integer({ min: yearStart(start - 1), max: yearEnd(end + 1) }),
            cents: fc.oneof(cents(10_000_000), fc.bigInt({ min: 0n, max: 50_000_000n })),
          }),
          { maxLength: 25 },
        ),
        spends:
          lines.length === 0
            ? fc.constant([])
            : fc.array(
                fc.record({
                  line: fc.integer({ min: 0, max: lines.length - 1 }),
                  date: fc.integer({ min: yearStart(start), max: yearEnd(end) }),
                  cents: cents(5_000_000),
                }),
                { maxLength: 15 },
              ),
        asOf: fc.integer({ min: yearStart(start - 1), max: yearEnd(end + 1) }),
      }),
    );
  });

/** The framework as one YAML file. */
export function fundingYaml(g: GenFunding): string {
  const out = [
    `plan: {id: gen, title: Generated, start: ${g.start}, end: ${g.end}, currency: USD}`,
    'programmes: [{id: P, title: Programme}]',
    'results: [{id: P.O1, level: outcome, programme: P, title: Outcome}]',
    'budget:',
    '  sources:',
  ];
  g.openings.forEach((o, i) => {
    out.push(
      `    - {id: ${sourceId(i)}, title: Source ${i + 1}${o === undefined ? '' : `, opening_balance: ${usd(o)}`}}`,
    );
  });
  out.push('  contributors:');
  for (let i = 0; i < g.contributors; i++)
    out.push(`    - {id: ${contributorId(i)}, title: Contributor ${i + 1}}`);
  if (g.lines.length === 0) out.push('  lines: []');
  else out.push('  lines:');
  g.lines.forEach((l, i) => {
    const planned = [...l.planned].map(([y, c]) => `${y}: ${usd(c)}`).join(', ');
    const source = l.source === undefined ? '' : `, source: ${sourceId(l.source)}`;
    out.push(
      `    - {id: ${fundLineId(i)}, title: Line ${i + 1}, result: P.O1${source}, planned: {${planned}}}`,
    );
  });
  out.push('progress:');
  for (const m of g.money) {
    const head = m.kind === 'pledge' ? 'pledge' : 'contribution';
    const kind = m.kind === 'in-kind' ? ', kind: in-kind' : '';
    out.push(
      `  - {${head}: ${sourceId(m.source)}, from: ${contributorId(m.contributor)}, year: ${m.year}, amount: ${usd(m.cents)}${kind}, date: ${formatDate(m.date)}}`,
    );
  }
  for (const s of g.spends) {
    out.push(`  - {spend: ${fundLineId(s.line)}, date: ${formatDate(s.date)}, amount: ${usd(s.cents)}}`);
  }
  if (g.money.length === 0 && g.spends.length === 0) out.push('  []');
  return `${out.join('\n')}\n`;
}

/** The account of a source's cash, spending and contributions in the journal; `nosource` for lines without one. */
const acct = (source: number | undefined) => (source === undefined ? 'nosource' : sourceId(source));

/**
 * The same money as an hledger journal, double-entry: opening balances from equity into
 * assets:cash:<source>; a cash contribution from income:contributions:<source>:<contributor> into
 * assets:cash:<source>; an in-kind contribution from the same income account straight to
 * expenses:inkind:<source> (received, never cash); spending from assets:cash:<source> to
 * expenses:spend:<source>. Pledges promise money and move none, so they are not in it.
 */
export function fundingJournal(g: GenFunding): string {
  const out = ['decimal-mark .', ''];
  g.openings.forEach((o, i) => {
    if (o === undefined) return;
    out.push(
      '2000-01-01 opening balance',
      `    assets:cash:${sourceId(i)}  ${usd(o)}`,
      '    equity:opening',
      '',
    );
  });
  for (const m of g.money) {
    if (m.kind === 'pledge') continue;
    const to =
      m.kind === 'cash' ? `assets:cash:${sourceId(m.source)}` : `expenses:inkind:${sourceId(m.source)}`;
    out.push(
      `${formatDate(m.date)} contribution`,
      `    ${to}  ${usd(m.cents)}`,
      `    income:contributions:${sourceId(m.source)}:${contributorId(m.contributor)}`,
      '',
    );
  }
  for (const s of g.spends) {
    const src = acct(g.lines[s.line]?.source);
    out.push(
      `${formatDate(s.date)} spend`,
      `    expenses:spend:${src}  ${usd(s.cents)}`,
      `    assets:cash:${src}`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
