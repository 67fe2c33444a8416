import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const TODAY = '2026-11-28';

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The import fixture with what the other fixtures lack: an opening balance, a pledge, a contribution
 * in KRW and one in kind, a withdrawal, a correction, a meeting, a revision and a narrative.
 */
function resources(dir: string): string {
  const fw = path.join(dir, 'resources');
  cpSync(path.join(ROOT, 'test/import/fixture'), fw, { recursive: true });
  const plan = path.join(fw, 'plan.yaml');
  const text = readFileSync(plan, 'utf8')
    .replace('{ id: CORE, title: Core Fund }', '{ id: CORE, title: Core Fund, opening_balance: 2500 }')
    .replace(
      '  currency: USD\n',
      '  currency: USD\n  meetings:\n    - {id: M1, date: 2026-06-30, title: Mid-year meeting}\n',
    );
  writeFileSync(
    plan,
    `${text}
revisions:
  - {id: R1, date: 2026-07-01, meeting: M1, title: Revised, reason: "A reason: with a colon", targets: {P1.O1-n: {2027: 90}, P1.O1-m: {2027: drafted}}, planned: {B-1: {2027: 40000.5}}}
narratives:
  - about: P1
    date: 2026-07-02
    text: |
      First paragraph with **emphasis**.

      - a list item
`,
  );
  const ledger = path.join(fw, 'progress/2026.yaml');
  writeFileSync(
    ledger,
    `${readFileSync(ledger, 'utf8')}  - { pledge: CORE, from: KR, year: 2026, amount: 3000, date: 2026-02-01 }
  - { contribution: CORE, from: KR, amount: 1000000, currency: KRW, date: 2026-03-10 }
  - { contribution: CORE, from: KR, amount: 500, kind: in-kind, date: 2026-05-10, note: venue }
  - { indicator: P1.O1-n, period: 2026-Q1, country: MN, withdrawn: true, date: 2026-05-01, note: counted twice }
  - { indicator: P1.O1-n, period: 2026-Q1, country: KR, value: 4, corrects: true, date: 2026-05-02 }
  - { indicator: P1.O1-p, period: 2026-Q2, numerator: 45, denominator: 90, date: 2026-07-05 }
`,
  );
  return fw;
}

describe('init', () => {
  const tmp = tempDir('neaspec-init-');
  const run = (args: string[]) => runCli(args, { cwd: tmp.dir, today: TODAY });
  afterAll(() => tmp.cleanup());

  it('scaffolds a framework that validates --strict, with the schema line, union merges and a CI workflow', async () => {
    const r = await run([
      'init',
      'plan',
      '--start',
      '2026',
      '--end',
      '2030',
      '--title',
      'Our Plan 2026–2030',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = path.join(tmp.dir, 'plan');
    expect(files(dir)).toEqual([
      '.gitattributes',
      '.github/workflows/neaspec-track.yml',
      '.gitlab-ci.yml',
      'README.md',
      'budget.yaml',
      'package.json',
      'plan.yaml',
      'progress/.gitkeep',
    ]);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['wrote plan/plan.yaml', 'wrote plan/budget.yaml']);
    const plan = readFileSync(path.join(dir, 'plan.yaml'), 'utf8');
    expect(plan.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=node_modules/neaspec-track/schema/framework.schema.json',
    );
    expect(YAML.parse(plan).plan).toEqual({
      id: 'plan',
      title: 'Our Plan 2026–2030',
      start: 2026,
      end: 2030,
      currency: 'USD',
    });
    expect(readFileSync(path.join(dir, '.gitattributes'), 'utf8')).toMatch(
      /^progress\/\*\.yaml merge=union$/m,
    );
    // The workflow's push step is the command CI runs; run it here: silent, exit 0.
    const wf = YAML.parse(readFileSync(path.join(dir, '.github/workflows/neaspec-track.yml'), 'utf8'));
    const steps = wf.jobs.validate.steps as { run?: string; if?: string }[];
    expect(steps.find((s) => s.if === "github.event_name != 'pull_request'")?.run).toBe(
      'npx neaspec-track validate --format github --strict .',
    );
    const v = await runCli(['validate', '--format', 'github', '--strict', '.'], { cwd: dir, today: TODAY });
    expect(v).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies).toHaveProperty(
      'neaspec-track',
    );
  });

  it('never overwrites: a second init in the same place is refused and changes nothing', async () => {
    const dir = path.join(tmp.dir, 'twice');
    expect((await run(['init', 'twice', '--start', '2026'])).code).toBe(0);
    writeFileSync(
      path.join(dir, 'plan.yaml'),
      'plan: {id: mine, title: Mine, start: 2026, end: 2027, currency: USD}\n',
    );
    const again = await run(['init', 'twice', '--start', '2026']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^neaspec-track: twice already has plan\.yaml, budget\.yaml, /);
    expect(readFileSync(path.join(dir, 'plan.yaml'), 'utf8')).toContain('id: mine');
  });

  it('two officers appending on two branches merge without a conflict (merge=union); validate catches a true duplicate', async () => {
    const dir = path.join(tmp.dir, 'git');
    expect((await run(['init', 'git', '--start', '2026'])).code).toBe(0);
    const git = (...a: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], {
        cwd: dir,
        encoding: 'utf8',
      });
    const record = async (args: string[]) => {
      const r = await runCli(['--framework', dir, 'record', ...args], { cwd: dir, today: TODAY });
      expect(r.code).toBe(0);
    };
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'init');
    git('checkout', '-qb', 'a');
    await record(['result', 'P1.O1.1-a', '1', '--period', '2026-Q1', '--date', '2026-04-02']);
    git('add', '-A');
    git('commit', '-qm', 'a');
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'b');
    await record(['result', 'P1.O1.1-a', '2', '--period', '2026-Q2', '--date', '2026-07-02']);
    git('add', '-A');
    git('commit', '-qm', 'b');
    git('merge', '-q', 'a', '-m', 'merge');
    const ledger = readFileSync(path.join(dir, 'progress/2026.yaml'), 'utf8');
    expect(ledger).toContain('period: 2026-Q1');
    expect(ledger).toContain('period: 2026-Q2');
    expect(ledger).not.toContain('<<<<<<<');
    expect((await runCli(['validate', dir], { today: TODAY })).code).toBe(0);
    // The same figure appended on both branches is a true duplicate: the merge keeps both lines, validate refuses.
    git('checkout', '-qb', 'c');
    await record(['result', 'P1.O1.1-a', '1', '--period', '2026-Q3', '--date', '2026-10-02']);
    git('add', '-A');
    git('commit', '-qm', 'c');
    git('checkout', '-q', 'b');
    await record(['result', 'P1.O1.1-a', '1', '--period', '2026-Q3', '--date', '2026-10-03']);
    git('add', '-A');
    git('commit', '-qm', 'd');
    git('merge', '-q', 'c', '-m', 'merge 2');
    const v = await runCli(['validate', '--format', 'json', dir], { today: TODAY });
    expect(v.code).toBe(1);
    expect(JSON.parse(v.stdout).errors.map((e: { code: string }) => e.code)).toContain('duplicate-entry');
  });

  describe('--from: export → init --from gives the same figures', () => {
    const frameworks = [
      ['resources', 'RESOURCES'],
      ['shipped', 'frameworks/neaspec-2026-2030'],
      ['report', 'test/report/fixture'],
      ['import', 'test/import/fixture'],
      ['donor', 'examples/donor-project'],
    ] as const;
    for (const [name, fw] of frameworks) {
      it(`${fw}`, async () => {
        const source = fw === 'RESOURCES' ? resources(tmp.dir) : path.join(ROOT, fw);
        const book = path.join(tmp.dir, `${name}.xlsx`);
        const ex = await run(['--framework', source, 'export', '--as-of', TODAY, '--out', book]);
        expect(ex.code).toBe(0);
        const init = await run(['init', `rt-${name}`, '--from', book]);
        expect(init.stderr).toBe('');
        expect(init.code).toBe(0);
        const copy = path.join(tmp.dir, `rt-${name}`);
        const json = async (root: string, args: string[]) => {
          const r = await runCli(['--framework', root, ...args, '--as-of', TODAY, '--format', 'json'], {
            today: TODAY,
          });
          expect(r.code).toBe(0);
          return JSON.parse(r.stdout);
        };
        expect(await json(copy, ['status'])).toEqual(await json(source, ['status']));
        expect(await json(copy, ['funding'])).toEqual(await json(source, ['funding']));
        for (const by of ['line', 'result', 'programme', 'source', 'category', 'year']) {
          expect(await json(copy, ['variance', '--by', by])).toEqual(
            await json(source, ['variance', '--by', by]),
          );
        }
        // The report: the same, but for where the framework and its warnings are.
        const strip = (j: Record<string, unknown>) => ({
          ...j,
          framework: null,
          notes: (j.notes as Record<string, unknown>[]).map(({ file, line, col, ...n }) => n),
        });
        expect(strip(await json(copy, ['report']))).toEqual(strip(await json(source, ['report'])));
        expect(existsSync(path.join(copy, '.gitattributes'))).toBe(true);
      });
    }
  });

  it('--from a workbook that is not in the layout is refused, naming what is missing', async () => {
    const r = await run(['init', 'bad', '--from', path.join(ROOT, 'package.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^neaspec-track: .*package\.json: not a readable Excel workbook/);
    expect(existsSync(path.join(tmp.dir, 'bad'))).toBe(false);
  });
});
