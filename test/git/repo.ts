import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A small framework in a real git repository made by the test: plan 2026–2028 in USD, two
 * programmes, an at-risk cumulative indicator, two budget lines, a pledge; the ledger merges by
 * union, as `init` sets it up.
 */
export const PLAN = `plan:
  id: gitguard-fixture
  title: Git Guard Fixture
  start: 2026
  end: 2028
  currency: USD

programmes:
  - { id: AP, title: Air pollution }
  - { id: NC, title: Nature conservation }

results:
  - { id: AP.O1, level: outcome, programme: AP, title: Cleaner air }
  - { id: NC.O1, level: outcome, programme: NC, title: Protected areas }

indicators:
  - id: AP.O1-a
    result: AP.O1
    title: Policy reports published
    unit: reports
    measure: number
    direction: increase
    aggregation: cumulative
    frequency: annual
    baseline: { year: 2025, value: 0 }
    targets: { 2026: 10, 2028: 30 }
  - id: NC.O1-a
    result: NC.O1
    title: Sites with a management plan
    unit: sites
    measure: number
    direction: increase
    aggregation: level
    frequency: annual
    baseline: { year: 2025, value: 2 }
    targets: { 2026: 4, 2028: 8 }
`;

export const BUDGET = `budget:
  sources:
    - { id: CORE, title: Core Fund }
  contributors:
    - { id: KR, title: Republic of Korea }
  lines:
    - { id: B-AP-1, title: Science committee, result: AP.O1, source: CORE, planned: { 2026: 50000, 2027: 60000, 2028: 60000 } }
    - { id: B-NC-1, title: Site surveys, result: NC.O1, source: CORE, planned: { 2026: 20000, 2027: 20000, 2028: 20000 } }
`;

export const LEDGER_2026 = `progress:
  - { pledge: CORE, from: KR, year: 2026, amount: 100000, date: 2026-01-10 }
  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }
  - { indicator: AP.O1-a, period: 2026, value: 6, date: 2026-12-15 }
  - { indicator: NC.O1-a, period: 2026, value: 3, date: 2026-12-20 }
`;

/** A repository in `dir` with the fixture committed on `main`; returns a git runner. */
export function fixtureRepo(dir: string): (...args: string[]) => string {
  mkdirSync(path.join(dir, 'fw', 'progress'), { recursive: true });
  writeFileSync(path.join(dir, 'fw', 'plan.yaml'), PLAN);
  writeFileSync(path.join(dir, 'fw', 'budget.yaml'), BUDGET);
  writeFileSync(path.join(dir, 'fw', 'progress', '2026.yaml'), LEDGER_2026);
  writeFileSync(path.join(dir, '.gitattributes'), 'fw/progress/*.yaml merge=union\n');
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_DATE: '2027-01-01T00:00:00Z',
        GIT_COMMITTER_DATE: '2027-01-01T00:00:00Z',
      },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test Officer');
  git('config', 'user.email', 'officer@example.org');
  git('add', '-A');
  git('commit', '-qm', 'the framework');
  return git;
}

/** Appends lines to a file of the fixture. */
export function append(dir: string, file: string, text: string): void {
  const p = path.join(dir, 'fw', file);
  writeFileSync(p, readFileSync(p, 'utf8') + text);
}

/** Replaces text in a file of the fixture (the replaced text must be there). */
export function edit(dir: string, file: string, from: string, to: string): void {
  const p = path.join(dir, 'fw', file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(p, text.replace(from, to));
}
