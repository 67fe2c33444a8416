import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { append, edit, fixtureRepo, LEDGER_2026 } from './repo.js';

// Today: 2027-01-15, so 2026 has ended and 2027 has not.
const TODAY = '2027-01-15';
const LEDGER = 'fw/progress/2026.yaml';

let dir: string;
let git: (...args: string[]) => string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'neaspec-base-'));
  git = fixtureRepo(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const validate = (...args: string[]) => runCli(['validate', ...args, 'fw'], { cwd: dir, today: TODAY });

interface JsonDiag {
  code: string;
  message: string;
  file: string;
  line: number;
}
async function errors(base = 'main'): Promise<JsonDiag[]> {
  const r = await validate('--base', base, '--format', 'json');
  const j = JSON.parse(r.stdout) as { ok: boolean; errors: JsonDiag[] };
  expect(r.code).toBe(j.ok ? 0 : 1);
  return j.errors;
}
const lines = (d: JsonDiag[]) => d.map((e) => `${e.file}:${e.line} ${e.code}`);

describe('validate --base REV accepts what keeps the record', () => {
  it('appends, a correction, a withdrawal and a new ledger file', async () => {
    append(
      dir,
      'progress/2026.yaml',
      [
        '  - { indicator: AP.O1-a, period: 2026, value: 9, corrects: true, date: 2027-01-10 }',
        '  - { indicator: NC.O1-a, period: 2026, withdrawn: true, date: 2027-01-11, note: counted twice }',
        '  - { spend: B-AP-1, date: 2026-07-01, amount: -500, note: refund }',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(dir, 'fw/progress/2027.yaml'),
      'progress:\n  - { spend: B-NC-1, date: 2027-01-05, amount: 1500.50 }\n',
    );
    expect(await validate('--base', 'main')).toEqual({ code: 0, stdout: 'ok fw\n', stderr: '' });
    git('add', '-A');
    git('commit', '-qm', 'appended');
    expect((await validate('--base', 'HEAD~1')).code).toBe(0);
  });

  it('entries written another way (block style, keys reordered, 30000.00 for 30000) are the same entries', async () => {
    edit(
      dir,
      'progress/2026.yaml',
      '  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n',
      '  - amount: 30000.00\n    date: 2026-06-01\n    spend: B-AP-1\n',
    );
    expect(await errors()).toEqual([]);
  });

  it('a union merge of two branches appending to the same ledger file', async () => {
    git('checkout', '-qb', 'officer-a');
    append(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-09-01, amount: 1000 }\n');
    git('commit', '-qam', 'a');
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'officer-b');
    append(dir, 'progress/2026.yaml', '  - { spend: B-NC-1, date: 2026-10-01, amount: 2000 }\n');
    git('commit', '-qam', 'b');
    git('merge', '-q', 'officer-a', '-m', 'merge');
    const text = readFileSync(path.join(dir, LEDGER), 'utf8');
    expect(text).toBe(
      `${LEDGER_2026}  - { spend: B-NC-1, date: 2026-10-01, amount: 2000 }\n  - { spend: B-AP-1, date: 2026-09-01, amount: 1000 }\n`,
    );
    expect(await errors('main')).toEqual([]);
    expect(await errors('officer-a')).toEqual([]);
    expect(await errors('officer-b')).toEqual([]);
  });

  it('a change to a target or planned amount of a year not yet ended, and a revision of an ended year', async () => {
    edit(dir, 'budget.yaml', '2027: 60000', '2027: 70000');
    edit(dir, 'plan.yaml', '2028: 30', '2028: 32');
    append(
      dir,
      'plan.yaml',
      'revisions:\n  - { id: R1, date: 2027-01-12, title: Revised, targets: { NC.O1-a: { 2027: 6 } } }\n',
    );
    expect(await errors()).toEqual([]);
  });

  it('a repository reached through a symbolic link names its files alike on both sides', async () => {
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    try {
      append(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-09-01, amount: 1000 }\n');
      const r = await runCli(['validate', '--base', 'main', 'fw'], { cwd: link, today: TODAY });
      expect(r).toEqual({ code: 0, stdout: 'ok fw\n', stderr: '' });
    } finally {
      rmSync(link);
    }
  });

  it('a framework that did not exist at REV: nothing to keep', async () => {
    git('mv', 'fw', 'old');
    git('commit', '-qm', 'moved away');
    git('mv', 'old', 'fw');
    expect((await validate('--base', 'HEAD')).code).toBe(0);
  });
});

describe('validate --base REV refuses every rewrite of history, naming both positions', () => {
  it('an edited entry', async () => {
    edit(dir, 'progress/2026.yaml', 'amount: 30000', 'amount: 3000');
    const r = await validate('--base', 'main');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        // Wrapped at the terminal's 200 columns.
        'fw/progress/2026.yaml:3:5: error entry-edited the entry at main:fw/progress/2026.yaml:3 was changed here (amount 30000 → 3000); the ledger is append-only: restore it and append a correction (corrects:',
        '    true), a withdrawal or an offsetting entry',
        '    3 |   - { spend: B-AP-1, date: 2026-06-01, amount: 3000 }',
        '      |     ^',
        'fw: 1 error, 0 warnings',
        '',
      ].join('\n'),
    );
  });

  it('an edited entry among appended ones (a union merge next to it): the edit is named, the appends are not', async () => {
    edit(dir, 'progress/2026.yaml', 'value: 6, date: 2026-12-15', 'value: 7, date: 2026-12-15');
    append(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-09-01, amount: 1000 }\n');
    const e = await errors();
    expect(lines(e)).toEqual(['fw/progress/2026.yaml:4 entry-edited']);
    expect(e[0]?.message).toMatch(
      /^the entry at main:fw\/progress\/2026\.yaml:4 was changed here \(value 6 → 7\)/,
    );
  });

  it('a removed entry', async () => {
    edit(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n', '');
    const e = await errors();
    expect(lines(e)).toEqual(['fw/progress/2026.yaml:3 entry-removed']);
    expect(e[0]?.message).toBe(
      'the entry at main:fw/progress/2026.yaml:3 (spend: B-AP-1, date: 2026-06-01, amount: 30000) was removed from before this entry; the ledger is append-only: restore it, and withdraw or offset it with a new entry',
    );
  });

  it('the last entry removed, and a whole ledger file removed', async () => {
    edit(
      dir,
      'progress/2026.yaml',
      '  - { indicator: NC.O1-a, period: 2026, value: 3, date: 2026-12-20 }\n',
      '',
    );
    let e = await errors();
    expect(lines(e)).toEqual(['fw/progress/2026.yaml:4 entry-removed']);
    expect(e[0]?.message).toMatch(
      /^the entry at main:fw\/progress\/2026\.yaml:5 \(indicator: NC\.O1-a, .*\) was removed from after this entry, the last of fw\/progress\/2026\.yaml;/,
    );
    rmSync(path.join(dir, LEDGER));
    e = await errors();
    expect(lines(e)).toEqual([2, 3, 4, 5].map(() => 'fw/progress/2026.yaml:1 entry-removed'));
    expect(e.map((d) => d.message.slice(0, 43))).toEqual(
      [2, 3, 4, 5].map((n) => `the entry at main:fw/progress/2026.yaml:${n} (`),
    );
    expect(e[0]?.message).toContain(': fw/progress/2026.yaml is no longer in the framework;');
  });

  it('an entry moved to another file', async () => {
    edit(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n', '');
    writeFileSync(
      path.join(dir, 'fw/progress/spend.yaml'),
      'progress:\n  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n',
    );
    const e = await errors();
    expect(lines(e)).toEqual(['fw/progress/spend.yaml:2 entry-moved']);
    expect(e[0]?.message).toBe(
      'the entry at main:fw/progress/2026.yaml:3 was moved here, out of fw/progress/2026.yaml; the ledger is append-only: an entry stays where it was recorded (restore it there; new entries go after it)',
    );
  });

  it('a ledger file renamed: every entry moved', async () => {
    renameSync(path.join(dir, LEDGER), path.join(dir, 'fw/progress/y2026.yaml'));
    expect(lines(await errors())).toEqual([2, 3, 4, 5].map((n) => `fw/progress/y2026.yaml:${n} entry-moved`));
  });

  it('two entries swapped', async () => {
    edit(
      dir,
      'progress/2026.yaml',
      '  - { pledge: CORE, from: KR, year: 2026, amount: 100000, date: 2026-01-10 }\n  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n',
      '  - { spend: B-AP-1, date: 2026-06-01, amount: 30000 }\n  - { pledge: CORE, from: KR, year: 2026, amount: 100000, date: 2026-01-10 }\n',
    );
    const e = await errors();
    expect(e).toHaveLength(1);
    expect(e[0]?.code).toBe('entry-moved');
    expect(e[0]?.message).toMatch(
      /^the entry at main:fw\/progress\/2026\.yaml:[23] was moved here, out of its order in fw\/progress\/2026\.yaml;/,
    );
  });

  it('an ended year’s target and planned amount changed, added or removed in place', async () => {
    edit(dir, 'plan.yaml', 'targets: { 2026: 10, 2028: 30 }', 'targets: { 2026: 12, 2028: 30 }');
    edit(dir, 'plan.yaml', 'targets: { 2026: 4, 2028: 8 }', 'targets: { 2028: 8 }');
    edit(dir, 'budget.yaml', 'planned: { 2026: 20000,', 'planned: { 2026: 25000.5,');
    const e = await errors();
    expect(lines(e)).toEqual([
      'fw/budget.yaml:8 rewrites-history',
      'fw/plan.yaml:26 rewrites-history',
      'fw/plan.yaml:36 rewrites-history',
    ]);
    expect(e.map((d) => d.message.split(';')[0])).toEqual([
      'the 2026 planned amount of B-NC-1 was 20,000.00 USD at main:fw/budget.yaml:8 and is 25,000.50 USD here',
      'the 2026 target of AP.O1-a was 10 at main:fw/plan.yaml:26 and is 12 here',
      'the 2026 target of NC.O1-a was removed (4 at main:fw/plan.yaml:36)',
    ]);
    expect(e[0]?.message).toContain('that year has ended: change it with a revision');
  });

  it('--as-of D: the years ended before D are kept (2027 is open today, closed as of 2028-01-01)', async () => {
    edit(dir, 'budget.yaml', '2027: 60000', '2027: 70000');
    expect(await errors()).toEqual([]);
    const r = await validate('--base', 'main', '--as-of', '2028-01-01', '--format', 'json');
    expect(r.code).toBe(1);
    expect(lines(JSON.parse(r.stdout).errors)).toEqual(['fw/budget.yaml:7 rewrites-history']);
    const alone = await validate('--as-of', '2028-01-01');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe(
      'neaspec-track: --as-of goes with --base: it is the day whose ended years --base keeps closed\n',
    );
  });

  it('--format github: annotations on the current lines', async () => {
    edit(dir, 'progress/2026.yaml', 'amount: 30000', 'amount: 3000');
    const r = await validate('--base', 'main', '--format', 'github');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error file=fw\/progress\/2026\.yaml,line=3,col=5,title=entry-edited::the entry at main:fw\/progress\/2026\.yaml:3 was changed here/,
    );
  });

  it('committed history counts too: REV against a later commit', async () => {
    edit(dir, 'progress/2026.yaml', 'amount: 30000', 'amount: 3000');
    git('commit', '-qam', 'rewrite');
    expect(lines(await errors('HEAD~1'))).toEqual(['fw/progress/2026.yaml:3 entry-edited']);
    expect(await errors('HEAD')).toEqual([]);
  });
});

describe('validate --base REV: where REV cannot be read', () => {
  it('an unknown revision is a usage error', async () => {
    const r = await validate('--base', 'origin/main');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `neaspec-track: no revision "origin/main" in ${dir}; fetch it first (\`git fetch origin\`; in CI check out with \`fetch-depth: 0\`)\n`,
    });
  });

  it('a shallow clone without REV says so, with the fetch-depth hint', async () => {
    append(dir, 'progress/2026.yaml', '  - { spend: B-AP-1, date: 2026-09-01, amount: 1000 }\n');
    git('commit', '-qam', 'second');
    const first = git('rev-parse', 'HEAD~1').trim();
    const clone = `${dir}-clone`;
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
    try {
      const r = await runCli(['validate', '--base', first, 'fw'], { cwd: clone, today: TODAY });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^neaspec-track: no revision "[0-9a-f]{40}" in .*; this clone is shallow: fetch the history \(`git fetch --unshallow`, or `fetch-depth: 0` for actions\/checkout\)\n$/,
      );
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('outside a git repository', async () => {
    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    const r = await validate('--base', 'main');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^neaspec-track: .*fw is not in a git repository\n$/);
  });

  it('a revision that looks like an option is refused', async () => {
    const r = await validate('--base=--output=x');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('neaspec-track: "--output=x" is not a git revision\n');
  });
});
