import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { append, edit, fixtureRepo } from './repo.js';

const TODAY = '2027-01-15';

let dir: string;
let git: (...args: string[]) => string;

/**
 * The change: a correction moves AP.O1-a from 6 to 9 against a 2026 target of 10 (progress 0.6,
 * at risk → 0.9, on track); B-AP-1's planned 2027 amount goes from 60,000 to 70,000; a new ledger
 * file records 1,500.50 spent on B-NC-1 and Korea's 40,000 contribution to its 2026 pledge.
 */
function change(): void {
  append(
    dir,
    'progress/2026.yaml',
    '  - { indicator: AP.O1-a, period: 2026, value: 9, corrects: true, date: 2027-01-10 }\n',
  );
  edit(dir, 'budget.yaml', '2027: 60000', '2027: 70000');
  writeFileSync(
    path.join(dir, 'fw/progress/2027.yaml'),
    'progress:\n  - { spend: B-NC-1, date: 2027-01-05, amount: 1500.50 }\n  - { contribution: CORE, from: KR, year: 2026, amount: 40000, date: 2027-01-12 }\n',
  );
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'neaspec-diff-'));
  git = fixtureRepo(dir);
  change();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const diff = (...args: string[]) =>
  runCli(['--framework', 'fw', 'diff', ...args, '--as-of', TODAY], { cwd: dir, today: TODAY });

async function json(...args: string[]) {
  const r = await diff(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('diff REV: the figures a change moves, worked by hand from the contract', () => {
  it('status: AP.O1-a at risk (6 of an expected 10: progress 0.6) → on track (9: 0.9); NC.O1-a does not move', async () => {
    const j = await json('main');
    expect(j.figures.statusChanges).toEqual([
      { id: 'AP.O1-a', title: 'Policy reports published', from: 'at-risk', to: 'on-track' },
    ]);
    expect(j.figures.indicators).toEqual([
      {
        id: 'AP.O1-a',
        title: 'Policy reports published',
        unit: 'reports',
        period: { from: '2026', to: '2026' },
        actual: { from: 6, to: 9 },
        expected: { from: 10, to: 10 },
        progress: { from: 0.6, to: 0.9 },
        status: { from: 'at-risk', to: 'on-track' },
      },
    ]);
  });

  it('budget by programme, pro rata (15 of 2027’s 365 days): AP planned 2027 60,000 → 70,000', async () => {
    const j = await json('main');
    // AP: planned to date 50,000 + 60,000×15/365 = 52,465.75 → 50,000 + 70,000×15/365 = 52,876.71; actual 30,000.
    // NC: planned to date 20,000 + 20,000×15/365 = 20,821.92; actual 0 → 1,500.50.
    expect(j.figures.programmes).toEqual([
      {
        key: 'AP',
        title: 'Air pollution',
        plannedTotal: { from: 170000, to: 180000, change: 10000 },
        plannedToDate: { from: 52465.75, to: 52876.71, change: 410.96 },
        actual: { from: 30000, to: 30000, change: 0 },
        variance: { from: 22465.75, to: 22876.71, change: 410.96 },
      },
      {
        key: 'NC',
        title: 'Nature conservation',
        plannedTotal: { from: 60000, to: 60000, change: 0 },
        plannedToDate: { from: 20821.92, to: 20821.92, change: 0 },
        actual: { from: 0, to: 1500.5, change: 1500.5 },
        variance: { from: 20821.92, to: 19321.42, change: -1500.5 },
      },
    ]);
    expect(j.figures.budget).toEqual({
      plannedTotal: { from: 230000, to: 240000, change: 10000 },
      plannedToDate: { from: 73287.67, to: 73698.63, change: 410.96 },
      actual: { from: 30000, to: 31500.5, change: 1500.5 },
      variance: { from: 43287.67, to: 42198.13, change: -1089.54 },
    });
  });

  it('funding: 40,000 received against the 100,000 pledged; the gap grows with the planned total', async () => {
    const j = await json('main');
    expect(j.figures.funding).toEqual({
      planned: { from: 230000, to: 240000, change: 10000 },
      pledged: { from: 100000, to: 100000, change: 0 },
      received: { from: 0, to: 40000, change: 40000 },
      outstanding: { from: 100000, to: 60000, change: -40000 },
      secured: { from: 100000, to: 100000, change: 0 },
      gap: { from: 130000, to: 140000, change: 10000 },
      spent: { from: 30000, to: 31500.5, change: 1500.5 },
      balance: { from: -30000, to: 8499.5, change: 38499.5 },
    });
  });

  it('the framework change and the entries appended, with their positions', async () => {
    const j = await json('main');
    expect(j.framework).toEqual({
      added: [],
      removed: [],
      changed: [],
      targets: [],
      planned: [{ line: 'B-AP-1', year: 2027, from: 60000, to: 70000, change: 10000 }],
    });
    expect(j.ledger).toEqual({
      appended: [
        {
          file: 'fw/progress/2026.yaml',
          line: 6,
          kind: 'result',
          fields: { indicator: 'AP.O1-a', period: 2026, value: 9, corrects: true, date: '2027-01-10' },
        },
        {
          file: 'fw/progress/2027.yaml',
          line: 2,
          kind: 'spend',
          fields: { spend: 'B-NC-1', date: '2027-01-05', amount: 1500.5 },
        },
        {
          file: 'fw/progress/2027.yaml',
          line: 3,
          kind: 'contribution',
          fields: { contribution: 'CORE', from: 'KR', year: 2026, amount: 40000, date: '2027-01-12' },
        },
      ],
      byKind: { result: 1, spend: 1, contribution: 1 },
      rewrites: [],
    });
    expect(j).toMatchObject({ base: 'main', head: null, asOf: TODAY, baseExists: true });
  });

  it('--format md: a pull-request comment, the summary first and the details folded', async () => {
    const r = await diff('main', '--format', 'md');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 10)).toEqual([
      '<!-- neaspec-track diff -->',
      '### Git Guard Fixture: what the change does, as of 2027-01-15',
      '',
      'From main to the working tree; money in USD.',
      '',
      '**1 status change** · **3 entries appended** · **1 framework change** · **planned total +10,000.00 USD** · **actual +1,500.50 USD** · **received +40,000.00 USD**',
      '',
      '| Indicator | Title | Status before | Status now | Actual before | Actual now |',
      '| --- | --- | --- | --- | ---: | ---: |',
      '| AP.O1-a | Policy reports published | At risk | On track | 6 | 9 |',
    ]);
    // Budget by programme: one row per figure that moved, the change being now − before.
    const budget = r.stdout.slice(r.stdout.indexOf('<summary>Budget by programme (USD)</summary>'));
    expect(budget.slice(0, budget.indexOf('</details>')).split('\n').slice(2, -2)).toEqual([
      '| Programme | Title | Figure | Before | Now | Change |',
      '| --- | --- | --- | ---: | ---: | ---: |',
      '| AP | Air pollution | planned total | 170,000.00 | 180,000.00 | 10,000.00 |',
      '|  |  | planned to date | 52,465.75 | 52,876.71 | 410.96 |',
      '|  |  | variance | 22,465.75 | 22,876.71 | 410.96 |',
      '| NC | Nature conservation | actual | 0.00 | 1,500.50 | 1,500.50 |',
      '|  |  | variance | 20,821.92 | 19,321.42 | -1,500.50 |',
      '| **Total** |  | **planned total** | **230,000.00** | **240,000.00** | **10,000.00** |',
      '|  |  | **planned to date** | **73,287.67** | **73,698.63** | **410.96** |',
      '|  |  | **actual** | **30,000.00** | **31,500.50** | **1,500.50** |',
      '|  |  | **variance** | **43,287.67** | **42,198.13** | **-1,089.54** |',
    ]);
    expect(r.stdout).toContain('| B-AP-1 | 2027 | 60,000.00 | 70,000.00 | 10,000.00 |');
    expect(r.stdout).toContain('| balance | -30,000.00 | 8,499.50 | 38,499.50 |');
    expect(r.stdout.match(/<details>/g)).toHaveLength(5);
    expect(r.stdout.match(/<\/details>/g)).toHaveLength(5);
  });

  it('REV REV2: two commits compare as the working tree did', async () => {
    const before = await json('main');
    git('checkout', '-qb', 'pr');
    git('add', '-A');
    git('commit', '-qm', 'the change');
    const after = await json('main', 'pr');
    expect(after).toEqual({ ...before, head: 'pr' });
    // The same revision on both sides: nothing moves.
    const same = await json('main', 'main');
    expect(same.figures).toMatchObject({ statusChanges: [], indicators: [], programmes: [] });
    expect(same.ledger.appended).toEqual([]);
    const text = await diff('main', 'main');
    expect(text.stdout).toMatch(
      /^Git Guard Fixture: what the change does, as of 2027-01-15\n[─\s]*From main to main; money in USD\.\n\s*No change to the framework, the ledger or the figures\.\n$/,
    );
  });

  it('a change that rewrites the record says so first (validate --base refuses it)', async () => {
    edit(dir, 'progress/2026.yaml', 'amount: 30000', 'amount: 3000');
    try {
      const j = await json('main');
      expect(j.ledger.rewrites).toEqual([
        {
          code: 'entry-edited',
          message:
            'the entry at main:fw/progress/2026.yaml:3 was changed here (amount 30000 → 3000); the ledger is append-only: restore it and append a correction (corrects: true), a withdrawal or an offsetting entry',
          file: 'fw/progress/2026.yaml',
          line: 3,
        },
      ]);
      const md = await diff('main', '--format', 'md');
      expect(md.stdout.split('\n')[5]).toMatch(/^1 rewrite of the record · \*\*1 status change\*\*/);
      expect(md.stdout).toContain(
        'This change rewrites the record kept at main; `validate --base` refuses it:',
      );
      expect(md.stdout).toContain(
        '| `fw/progress/2026.yaml:3` | entry-edited | the entry at main:fw/progress/2026.yaml:3 was changed here',
      );
    } finally {
      edit(dir, 'progress/2026.yaml', 'amount: 3000 }', 'amount: 30000 }');
    }
  });

  it('refuses an invalid side, and usage errors', async () => {
    expect((await diff('nope')).code).toBe(2);
    expect((await diff('main', '--format', 'html')).code).toBe(2);
    edit(dir, 'plan.yaml', 'unit: sites', 'unit: [sites');
    try {
      const r = await diff('main');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^fw\/plan\.yaml:31:5: error yaml-syntax /);
      expect(r.stderr).toMatch(
        /\nneaspec-track: The framework has 4 errors; diff compares two valid frameworks\n$/,
      );
    } finally {
      edit(dir, 'plan.yaml', 'unit: [sites', 'unit: sites');
    }
  });
});
