import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applySteps, corpus, stepArb } from './mutate.js';
import { exercise, type Views } from './oracle.js';

/**
 * The fuzz campaign (issue 13, item 14), in process: mutated shipped frameworks through the pure
 * pipeline of validate, status, variance and report (see oracle.ts for what counts as a finding,
 * mutate.ts for the mutations).
 *
 * CI runs a fixed seed and a size that fits in well under a minute on two cores. A nightly-sized
 * run sets the number of cases and, to explore, another seed:
 *
 *     FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npx vitest run test/fuzz
 *
 * A failure prints the seed, the path to replay it and the shrunk case (framework and steps);
 * replay with FUZZ_SEED=<seed> FUZZ_PATH=<path>. Each case also has a time limit (FUZZ_CASE_MS,
 * default 10 s), a guard against blow-ups, not a benchmark: cases take milliseconds.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const PATH = process.env.FUZZ_PATH;
const CASE_MS = Number(process.env.FUZZ_CASE_MS ?? 10_000);
// Deep nesting within what a campaign case can afford; 20,000 levels have their own tests below.
const MAX_DEPTH = Number(process.env.FUZZ_MAX_DEPTH ?? 100);
const AS_OF = [
  '2025-06-30',
  '2026-01-01',
  '2026-07-01',
  '2026-11-28',
  '2027-12-31',
  '2030-12-31',
  '2032-01-01',
];

const CORPUS = corpus();

const viewsArb: fc.Arbitrary<Views> = fc.record({
  asOf: fc.constantFrom(...AS_OF),
  by: fc.constantFrom(
    'line' as const,
    'result' as const,
    'programme' as const,
    'source' as const,
    'category' as const,
    'year' as const,
  ),
  basis: fc.constantFrom('pro-rata' as const, 'year' as const),
  explain: fc.nat(100),
  since: fc.constantFrom(undefined, null, '2025-09-23', '2026-06-30', '2026-10-21'),
  color: fc.boolean(),
  // The Word report and the workbook take about a second each: every case only in a heavy run.
  docx: fc.constant(process.env.FUZZ_HEAVY === '1'),
});

function caseArb() {
  return fc.record({
    framework: fc.nat(CORPUS.length - 1),
    steps: fc.array(stepArb(MAX_DEPTH, true), { minLength: 1, maxLength: 4 }),
    views: viewsArb,
  });
}

async function timed<T>(f: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const r = await f();
  const ms = performance.now() - start;
  if (ms > CASE_MS) throw new Error(`took ${Math.round(ms)} ms (limit ${CASE_MS} ms): a blow-up`);
  return r;
}

describe('the shipped frameworks, unmutated', () => {
  test.each(CORPUS.map((c) => [c.name, c.files] as const))('%s passes every view', async (_name, files) => {
    for (const asOf of AS_OF) {
      const r = await exercise(files, {
        asOf,
        by: 'programme',
        basis: 'pro-rata',
        explain: 0,
        since: undefined,
        color: true,
        docx: false,
      });
      expect(r).toEqual({ accepted: true, errors: 0 });
    }
  });

  test('and the Word report and the workbook too', async () => {
    for (const c of CORPUS) {
      const r = await exercise(c.files, {
        asOf: '2026-11-28',
        by: 'line',
        basis: 'year',
        explain: 1,
        since: '2026-06-30',
        color: false,
        docx: true,
      });
      expect(r.accepted).toBe(true);
    }
  });
});

/** Runs the campaign; both sides (refused and accepted frameworks) must be reached. */
async function campaign(): Promise<void> {
  let accepted = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(caseArb(), async (c) => {
      const files = applySteps((CORPUS[c.framework] as (typeof CORPUS)[number]).files, c.steps);
      const r = await timed(() => exercise(files, c.views));
      if (r.accepted) accepted++;
      else refused++;
    }),
    { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: true },
  );
  // Refused files test the messages, accepted ones the reports: the campaign must reach both.
  expect(accepted).toBeGreaterThan(RUNS / 10);
  expect(refused).toBeGreaterThan(RUNS / 10);
}

const TIMEOUT = Math.max(60_000, RUNS * 250);

describe('mutated frameworks', () => {
  test(
    `${RUNS} cases: no crash, no leak, and what validate accepts every report shows`,
    () => campaign(),
    TIMEOUT,
  );
  // Tiny and huge targets, baselines and values (1e308, 1e-321, past 2^53) are in every run: they
  // gave "Infinity%" and exponent figures in status and report until issue 16.4 was fixed.
});
