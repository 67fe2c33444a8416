import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/cli.js';

/** A small framework directory for the ledger tests: four kinds of indicator, one budget line, a KRW rate for 2026. */

export const PLAN = `plan:
  id: test-plan
  title: Test plan
  start: 2026
  end: 2028
  currency: USD
  dimensions:
    country: [CN, MN]

programmes:
  - {id: P, title: Programme}

results:
  - {id: P.O1, level: outcome, programme: P, title: Outcome}

indicators:
  - id: N-a
    result: P.O1
    title: Workshops held
    unit: workshops
    measure: number
    direction: increase
    aggregation: cumulative
    baseline: {year: 2025, value: 0}
    targets: {2026: 2, 2028: 6}
    frequency: annual
    disaggregate: [country]
  - id: Q-a
    result: P.O1
    title: Visits
    unit: visits
    measure: number
    direction: increase
    aggregation: cumulative
    baseline: {year: 2025, value: 0}
    targets: {2028: 40}
    frequency: quarterly
  - id: PCT
    result: P.O1
    title: Share of sites reporting
    unit: percent
    measure: percent
    direction: increase
    aggregation: level
    baseline: {year: 2025, value: 10}
    targets: {2028: 80}
    frequency: annual
  - id: MS
    result: P.O1
    title: Strategy
    unit: stage
    measure: milestone
    levels: [not started, drafted, endorsed, implemented]
    direction: increase
    aggregation: level
    baseline: {year: 2025, value: not started}
    targets: {2028: implemented}
    frequency: annual
`;

export const BUDGET = `budget:
  sources:
    - {id: CORE, title: Core fund}
  rates: {KRW: {2026: 0.00072}}
  lines:
    - {id: B-1, title: Meetings, result: P.O1, source: CORE, category: meetings, planned: {2026: 1000, 2027: 1000, 2028: 1000}}
`;

/** A hand-kept ledger: comments, a blank line, both quote styles, a trailing comment, a comment last. */
export const LEDGER_2026 = `# Ledger 2026 — kept by hand
progress:
  # results
  - {indicator: N-a, period: 2026, value: 1, date: 2026-03-01, note: "quoted  note"}   # trailing comment
  - {indicator: Q-a, period: 2026-Q1, value: 5, date: 2026-04-02, source: 'single quoted'}

  # spending
  - {spend: B-1, date: 2026-02-01, amount: 100.50}
# end of file
`;

/** Writes the fixture framework into a fresh directory. */
export function makeFramework(files: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const t = tempDir('neaspec-ledger-');
  const all: Record<string, string> = {
    'plan.yaml': PLAN,
    'budget.yaml': BUDGET,
    'progress/2026.yaml': LEDGER_2026,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    const p = path.join(t.dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return t;
}

/** Every file below `dir` (hidden ones too) with its bytes, to prove a refused record wrote nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) {
        out[`${path.relative(dir, p)}/`] = '';
        walk(p);
      } else out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

export function read(dir: string, name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}
