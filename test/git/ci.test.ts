import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DIFF_COMMENT_MARK } from '../../src/document/diff.js';
import { BIN, runCli, tempDir } from '../helpers/cli.js';

/**
 * The CI files `init` writes, run as CI would run them: their shell steps in bash, in a real git
 * repository with a pull-request branch, `npx neaspec-track` being the built CLI; the GitHub
 * comment script with a stand-in for the GitHub API; GitLab's note with a stand-in for curl.
 */

const tmp = tempDir('neaspec-ci-');
const dir = path.join(tmp.dir, 'plan');
const bin = path.join(tmp.dir, 'bin');
let mainSha = '';

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp.dir } });

/** Runs a shell step in the framework's directory, as a CI runner would. */
function sh(script: string, env: Record<string, string>) {
  const r = spawnSync('bash', ['-e', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: tmp.dir, NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  const init = await runCli(['init', 'plan', '--start', '2026', '--end', '2030'], { cwd: tmp.dir });
  expect(init.code).toBe(0);
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'npx'),
    `#!/bin/sh\nif [ "$1" = neaspec-track ]; then shift; exec "${process.execPath}" "${BIN}" "$@"; fi\nexit 127\n`,
  );
  writeFileSync(path.join(bin, 'curl'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${tmp.dir}/curl-args"\n`);
  chmodSync(path.join(bin, 'npx'), 0o755);
  chmodSync(path.join(bin, 'curl'), 0o755);
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test Officer');
  git('config', 'user.email', 'officer@example.org');
  git('add', '-A');
  git('commit', '-qm', 'init');
  git('remote', 'add', 'origin', dir);
  git('fetch', '-q', 'origin');
  mainSha = git('rev-parse', 'main').trim();
  git('checkout', '-qb', 'pr');
  const rec = await runCli(
    ['--framework', dir, 'record', 'result', 'P1.O1.1-a', '1', '--period', '2026-Q1', '--date', '2026-04-02'],
    { cwd: dir },
  );
  expect(rec.code).toBe(0);
  git('add', '-A');
  git('commit', '-qm', 'a figure');
});
afterAll(() => tmp.cleanup());

/** With origin/main holding the recorded figure, the working tree changes it; runs `body`, then puts both back. */
async function withRewrite(body: (base: string) => void | Promise<void>) {
  const p = path.join(dir, 'progress/2026.yaml');
  const text = readFileSync(p, 'utf8');
  const base = git('rev-parse', 'pr').trim();
  git('update-ref', 'refs/remotes/origin/main', base);
  writeFileSync(p, text.replace('value: 1', 'value: 2'));
  try {
    await body(base);
  } finally {
    writeFileSync(p, text);
    git('update-ref', 'refs/remotes/origin/main', mainSha);
  }
}

describe('the GitHub workflow', () => {
  const wf = () => YAML.parse(readFileSync(path.join(dir, '.github/workflows/neaspec-track.yml'), 'utf8'));
  const steps = () =>
    wf().jobs.validate.steps as {
      name?: string;
      run?: string;
      if?: string;
      uses?: string;
      with?: Record<string, unknown>;
      env?: Record<string, string>;
    }[];
  const prRuns = () =>
    steps().filter((s) => s.run?.includes('neaspec-track') && s.if?.includes("== 'pull_request'"));

  it('checks out the whole history and runs validate --base and diff on pull requests', () => {
    expect(wf().on).toEqual(['push', 'pull_request']);
    expect(steps()[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(prRuns().map((s) => s.run)).toEqual([
      'npx neaspec-track validate --format github --strict --base "origin/$BASE" .',
      'npx neaspec-track --framework . diff "origin/$BASE" --format md --out neaspec-track-diff.md',
    ]);
    // GitHub's expression syntax, not a template string.
    const baseRef = ['$', '{{ github.base_ref }}'].join('');
    expect(prRuns().map((s) => s.env)).toEqual([{ BASE: baseRef }, { BASE: baseRef }]);
  });

  it('its steps pass on an append and write the comment', () => {
    for (const s of prRuns()) expect(sh(s.run as string, { BASE: 'main' })).toMatchObject({ code: 0 });
    const md = readFileSync(path.join(dir, 'neaspec-track-diff.md'), 'utf8');
    expect(md.split('\n')[0]).toBe(DIFF_COMMENT_MARK);
    expect(md).toContain('**1 entry appended**');
  });

  it('its validate step fails on a rewrite, annotating the line with both positions', async () => {
    await withRewrite(() => {
      const r = sh((prRuns()[0] as { run: string }).run, { BASE: 'main' });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /^::error file=progress\/2026\.yaml,line=\d+,col=\d+,title=entry-edited::the entry at origin\/main:progress\/2026\.yaml:\d+ was changed here \(value 1 → 2\)/,
      );
    });
  });

  it('its comment script creates one comment, then updates it', async () => {
    const script = steps().find((s) => s.uses === 'actions/github-script@v7')?.with?.script as string;
    const calls: [string, Record<string, unknown>][] = [];
    let existing: { id: number; user: { type: string }; body: string }[] = [];
    const github = {
      paginate: async (fn: unknown, args: Record<string, unknown>) => {
        calls.push(['list', args]);
        expect(fn).toBe(github.rest.issues.listComments);
        return existing;
      },
      rest: {
        issues: {
          listComments: () => undefined,
          createComment: async (a: Record<string, unknown>) => calls.push(['create', a]),
          updateComment: async (a: Record<string, unknown>) => calls.push(['update', a]),
        },
      },
    };
    const context = { repo: { owner: 'unescap', repo: 'neaspec-plan' }, issue: { number: 7 } };
    const AsyncFunction = (async () => undefined).constructor as new (
      ...a: string[]
    ) => (...v: unknown[]) => Promise<void>;
    const req = (m: string) =>
      m === 'fs'
        ? { readFileSync: (f: string, e: string) => readFileSync(path.join(dir, f), e as 'utf8') }
        : undefined;
    const run = new AsyncFunction('require', 'github', 'context', script);
    await run(req, github, context);
    const body = readFileSync(path.join(dir, 'neaspec-track-diff.md'), 'utf8');
    expect(calls).toEqual([
      ['list', { owner: 'unescap', repo: 'neaspec-plan', issue_number: 7 }],
      ['create', { owner: 'unescap', repo: 'neaspec-plan', issue_number: 7, body }],
    ]);
    calls.length = 0;
    existing = [
      { id: 1, user: { type: 'User' }, body: `${DIFF_COMMENT_MARK} quoted by a person` },
      { id: 2, user: { type: 'Bot' }, body: `${DIFF_COMMENT_MARK}\nan older diff` },
    ];
    await run(req, github, context);
    expect(calls.at(-1)).toEqual(['update', { owner: 'unescap', repo: 'neaspec-plan', comment_id: 2, body }]);
  });
});

describe('the GitLab CI file', () => {
  const job = () => YAML.parse(readFileSync(path.join(dir, '.gitlab-ci.yml'), 'utf8'))['neaspec-track'];
  const script = () => (job().script as string[]).slice(1).join('\n');
  const mr = { CI_PIPELINE_SOURCE: 'merge_request_event' };

  it('takes the whole history and runs on merge requests and branches', () => {
    expect(job().variables).toEqual({ GIT_DEPTH: 0 });
    expect(job().script[0]).toBe('npm install');
  });

  it('a merge request that appends passes; without a token no note is posted', () => {
    const r = sh(script(), { ...mr, CI_MERGE_REQUEST_DIFF_BASE_SHA: mainSha });
    expect(r).toEqual({ code: 0, out: 'ok .\nwrote neaspec-track-diff.md\n' });
    expect(existsSync(path.join(tmp.dir, 'curl-args'))).toBe(false);
  });

  it('with a token the note goes to the merge request', () => {
    const r = sh(script(), {
      ...mr,
      CI_MERGE_REQUEST_DIFF_BASE_SHA: mainSha,
      NEASPEC_TRACK_TOKEN: 'glpat-x',
      CI_API_V4_URL: 'https://gitlab.example.org/api/v4',
      CI_PROJECT_ID: '42',
      CI_MERGE_REQUEST_IID: '7',
    });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(tmp.dir, 'curl-args'), 'utf8').split('\n')).toEqual([
      '--fail',
      '--silent',
      '--show-error',
      '--header',
      'PRIVATE-TOKEN: glpat-x',
      '--data-urlencode',
      'body@neaspec-track-diff.md',
      'https://gitlab.example.org/api/v4/projects/42/merge_requests/7/notes',
      '',
    ]);
  });

  it('a merge request that rewrites the record fails, and a branch push validates', async () => {
    await withRewrite((base) => {
      const r = sh(script(), { ...mr, CI_MERGE_REQUEST_DIFF_BASE_SHA: base, COLUMNS: '300' });
      expect(r.code).toBe(1);
      expect(r.out).toMatch(
        /error entry-edited the entry at [0-9a-f]{40}:progress\/2026\.yaml:\d+ was changed here/,
      );
    });
    expect(sh(script(), {})).toEqual({ code: 0, out: 'ok .\n' });
  });
});
