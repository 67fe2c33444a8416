import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { computeVariance, varianceCells } from '../../src/compute/variance.js';
import { civil, formatDate, yearEnd } from '../../src/core/dates.js';
import { toMinor } from '../../src/core/money.js';
import { tempDir } from '../helpers/cli.js';
import { budgetArb, budgetJournal, budgetYaml, type GenBudget, lineId } from './generate.js';
import { frameworkFrom } from './helpers.js';

// Cross-check against hledger, an independent double-entry tool: the same generated budget is written
// as a journal with yearly periodic transactions (budget goals) and the spending dated on or before D,
// and `hledger bal --budget -Y -O csv` must agree with us on planned and actual per line and year.
// Skipped only when hledger is absent outside CI; in CI (process.env.CI set) it must run.

const HAVE_HLEDGER = spawnSync('hledger', ['--version'], { encoding: 'utf8' }).status === 0;
const RUN = HAVE_HLEDGER || Boolean(process.env.CI);
const REASON = HAVE_HLEDGER
  ? ''
  : ' — SKIPPED: the hledger binary is not installed (apt-get install -y hledger); it runs in CI';
if (!RUN) console.warn(`hledger cross-check${REASON}`);
const requireHledger = () =>
  expect(HAVE_HLEDGER, 'hledger must be installed in CI (apt-get install -y hledger)').toBe(true);

interface Cell {
  actual: bigint;
  budget: bigint;
}

/** hledger's budget report as cells keyed "line|year" and "line|Total", "Total|year". */
function hledgerBudget(journal: string, b: GenBudget): Map<string, Cell> {
  const r = spawnSync(
    'hledger',
    [
      '-f',
      journal,
      'bal',
      '--budget',
      '-Y',
      '-O',
      'csv',
      '--row-total',
      '-b',
      `${b.start}-01-01`,
      '-e',
      `${b.end + 1}-01-01`,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`hledger failed: ${r.stderr}`);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  const head = rows[0] ?? [];
  const cells = new Map<string, Cell>();
  const minor = (text: string) => {
    const m = toMinor(text === '' ? '0' : text, 2);
    if (m === null) throw new Error(`hledger amount "${text}"`);
    return m;
  };
  for (const row of rows.slice(1)) {
    const account = row[0] ?? '';
    const name = account === 'Total:' ? 'Total' : account.replace(/^expenses:?/, '');
    if (name === '') continue; // the parent account "expenses" repeats the total
    for (let i = 1; i + 1 < head.length; i += 2) {
      cells.set(`${name}|${head[i]}`, { actual: minor(row[i] ?? ''), budget: minor(row[i + 1] ?? '') });
    }
  }
  return cells;
}

describe('cross-check with hledger bal --budget', () => {
  const t = tempDir('neaspec-hledger-');
  afterAll(() => t.cleanup());

  it.runIf(RUN)(`planned and actual agree per line and year, per line and per year${REASON}`, () => {
    requireHledger();
    let n = 0;
    fc.assert(
      fc.property(budgetArb, (b) => {
        const fw = frameworkFrom({ 'gen.yaml': budgetYaml(b) });
        const journal = path.join(t.dir, `budget-${n++}.journal`);
        writeFileSync(journal, budgetJournal(b));
        const hl = hledgerBudget(journal, b);
        const get = (key: string): Cell => hl.get(key) ?? { actual: 0n, budget: 0n };
        const asOfYear = civil(b.asOf).y;

        // Per line and year: planned for the year and spending dated in it (through D).
        const ours = new Map(varianceCells(fw, b.asOf, 'year').map((c) => [`${c.line.id}|${c.year}`, c]));
        b.lines.forEach((_l, i) => {
          for (let y = b.start; y <= b.end; y++) {
            const c = ours.get(`${lineId(i)}|${y}`);
            const h = get(`${lineId(i)}|${y}`);
            expect(c?.plannedTotal ?? 0n, `planned ${lineId(i)} ${y}`).toBe(h.budget);
            expect(c?.actual ?? 0n, `actual ${lineId(i)} ${y}`).toBe(h.actual);
            // On basis year, planned to date is hledger's goal for every year up to D's.
            expect(c?.plannedToDate ?? 0n).toBe(y <= asOfYear ? h.budget : 0n);
          }
        });

        // Per line (hledger's row totals) against our rows by line.
        for (const row of computeVariance(fw, b.asOf, 'line', 'pro-rata').rows) {
          const h = get(`${row.key}|Total`);
          expect(row.plannedTotal, `planned total ${row.key}`).toBe(h.budget);
          expect(row.actual, `actual ${row.key}`).toBe(h.actual);
        }

        // Per year (hledger's column totals) against our rows by year, and the grand total.
        const byYear = computeVariance(fw, b.asOf, 'year', 'pro-rata');
        for (const row of byYear.rows) {
          const h = get(`Total|${row.key}`);
          expect(row.plannedTotal, `planned ${row.key}`).toBe(h.budget);
          expect(row.actual, `actual ${row.key}`).toBe(h.actual);
        }
        expect(byYear.total.plannedTotal).toBe(get('Total|Total').budget);
        expect(byYear.total.actual).toBe(get('Total|Total').actual);
      }),
      // Each run starts hledger once (~50 ms).
      { numRuns: 40 },
    );
  });

  it.runIf(RUN)(`a fixed example agrees${REASON}`, () => {
    // Plan 2027–2028; B-1 plans 1000.00 in 2027 and 3660.00 in 2028, B-2 plans 0.01 in 2028.
    // As of 2028-03-31: B-1 spent 800.00 (2027) and 1000.00 − 200.00 (2028); B-2 is refunded 0.01
    // in 2028 and spends 5.00 after D (not counted).
    const b: GenBudget = {
      start: 2027,
      end: 2028,
      lines: [
        {
          planned: new Map([
            [2027, 100000n],
            [2028, 366000n],
          ]),
          result: 0,
          source: 0,
          category: 'meetings',
        },
        { planned: new Map([[2028, 1n]]), result: undefined, source: undefined, category: undefined },
      ],
      spends: [
        { line: 0, date: yearEnd(2027) - 184, cents: 80000n },
        { line: 0, date: yearEnd(2027) + 60, cents: 100000n },
        { line: 0, date: yearEnd(2027) + 80, cents: -20000n },
        { line: 1, date: yearEnd(2027) + 81, cents: -1n },
        { line: 1, date: yearEnd(2027) + 100, cents: 500n },
      ],
      asOf: yearEnd(2027) + 91,
    };
    requireHledger();
    expect(formatDate(b.asOf)).toBe('2028-03-31');
    const journal = path.join(t.dir, 'fixed.journal');
    writeFileSync(journal, budgetJournal(b));
    const hl = hledgerBudget(journal, b);
    // Worked by hand: B-1 2027 80000 of 100000; 2028 80000 of 366000; B-2 2028 −1 of 1.
    expect(hl.get('B-1|2027')).toEqual({ actual: 80000n, budget: 100000n });
    expect(hl.get('B-1|2028')).toEqual({ actual: 80000n, budget: 366000n });
    expect(hl.get('B-2|2028')).toEqual({ actual: -1n, budget: 1n });
    const r = computeVariance(frameworkFrom({ 'gen.yaml': budgetYaml(b) }), b.asOf, 'line', 'pro-rata');
    expect(r.rows.map((x) => [x.key, x.plannedTotal, x.actual])).toEqual([
      ['B-1', 466000n, 160000n],
      ['B-2', 1n, -1n],
    ]);
  });
});
