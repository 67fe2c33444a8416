/**
 * README.md runs as written: its console sessions run, in order, on a fresh copy of the
 * repository, and print what the README shows.
 *
 * The convention (docs/CONTRIBUTING.md says the same, for people writing README sections):
 *
 * - A fenced block opened with ```` ```console test ```` is run. Each line starting `$ ` is a
 *   command (bash); the lines after it, up to the next `$ `, are what it prints — stdout and
 *   stderr together, exactly, after trailing spaces are dropped. A plain ```` ```console ```` or
 *   ```` ```sh ```` block is shown, not run.
 * - A command must exit 0, unless it ends with a comment `# exit N` (a refused record: `# exit 1`).
 * - A line holding only `…` stands for any number of lines: elide long output with it.
 * - Options after `test`, space-separated (GitHub shows none of them):
 *   `today=YYYY-MM-DD` — the day the shown output was taken; today's date in the output of the
 *   run is shown as that day (for `history`'s "as of", a report's "generated"). Dates that decide
 *   a figure must be given (`--as-of`, `--date`): the shipped ledger's figures depend on them.
 *   `cwd=PATH` — the block starts in PATH (relative to the repository root, e.g. a copy an earlier
 *   block made); by default every block starts at the root.
 *   `columns=N` — the terminal width the commands see (default 80, the narrowest supported).
 * - `<!-- test: COMMAND -->` alone on a line runs COMMAND there, unseen by readers: for a step the
 *   reader does by hand (an edit). It runs at the repository root and must exit 0.
 * - All blocks share one sandbox: a copy of the repository's files (tracked, and untracked ones
 *   not ignored) with the built dist/, so the shipped framework and the examples are there, and a
 *   block sees what earlier blocks recorded. `npx neaspec-track` runs the sandbox's CLI, as after
 *   `npm install`; a bare `neaspec-track` is not on PATH, as in a clone. NO_COLOR is set. The sandbox's absolute path is shown as
 *   `~/neaspec-track`.
 * - `README_UPDATE=1 npx vitest run test/readme` rewrites the shown output of every command that
 *   no longer matches with what it printed: review the diff before committing it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { ELLIPSIS, matches, outputLines, parseSessions, type Step } from './sessions.js';

const README = path.join(ROOT, 'README.md');
const readme = readFileSync(README, 'utf8');
const sessions = parseSessions(readme);
const UPDATE = process.env.README_UPDATE === '1';

/** A fresh copy of the repository, as a clone plus `npm install` would give (dist/ built). */
function makeSandbox(dir: string): string {
  const repo = path.join(dir, 'neaspec-track');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout.split('\0').filter(Boolean);
  const dist = [
    'dist/cli.cjs',
    'dist/cli.cache',
    'dist/vendor-docx.cjs',
    'dist/vendor-exceljs.cjs',
    'dist/vendor-parquet.cjs',
  ];
  for (const f of [...files, ...dist]) {
    const from = path.join(ROOT, f);
    try {
      mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
      copyFileSync(from, path.join(repo, f));
    } catch (e) {
      // A file deleted in the working tree but still tracked is not in a fresh clone's future.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  // `npx neaspec-track …` runs this copy's CLI; nothing else goes to npx. A bare `neaspec-track`
  // is not on PATH, as in a reader's clone: a README command that uses it fails here too.
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const cli = `exec "${process.execPath}" "${path.join(repo, 'bin', 'neaspec-track.js')}" "$@"`;
  writeFileSync(
    path.join(bin, 'npx'),
    `#!/bin/sh\nif [ "$1" = neaspec-track ]; then shift; ${cli}; fi\necho "README test: only npx neaspec-track runs here" >&2\nexit 127\n`,
  );
  chmodSync(path.join(bin, 'npx'), 0o755);
  return repo;
}

/** Today as YYYY-MM-DD in local time, as the CLI sees it. */
function isoToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

describe('README.md console sessions', () => {
  const tmp = tempDir('neaspec-readme-');
  const repo = makeSandbox(tmp.dir);
  const state = path.join(tmp.dir, 'state');
  mkdirSync(state);
  const updates = new Map<number, string[]>();

  /** Runs one command in bash from `cwd`; returns its merged output and the directory it ended in. */
  const run = (step: Step, cwd: string, columns: number) => {
    const script = `cd "$1" || exit 99\n${step.command}\nrc=$?\npwd > "$2/cwd"\nexit $rc\n`;
    const r = spawnSync('bash', ['-c', `exec 2>&1\n${script}`, 'readme-step', cwd, state], {
      encoding: 'utf8',
      env: {
        PATH: `${path.join(tmp.dir, 'bin')}:${process.env.PATH}`,
        HOME: tmp.dir,
        NO_COLOR: '1',
        COLUMNS: String(columns),
        LANG: 'C.UTF-8',
      },
    });
    let after = cwd;
    try {
      after = readFileSync(path.join(state, 'cwd'), 'utf8').trim();
    } catch {}
    return { code: r.status ?? -1, output: r.stdout ?? '', after };
  };

  it('has console test blocks to run', () => {
    expect(sessions.filter((s) => !s.hidden).length).toBeGreaterThan(0);
  });

  it('calls the CLI as a clone can run it: `npx neaspec-track`, in every block and inline command', () => {
    // A clone has no `neaspec-track` on PATH; a reader who copies a bare one gets "command not found".
    let fenced = false;
    const bare: { line: number; text: string }[] = [];
    for (const [i, text] of readme.split('\n').entries()) {
      if (/^(`{3,}|~{3,})/.test(text)) fenced = !fenced;
      else if (
        (fenced && /(^(\$ )?|\| |&& |; )neaspec-track( |$)/.test(text.replaceAll('npx neaspec-track', ''))) ||
        /`neaspec-track /.test(text)
      ) {
        bare.push({ line: i + 1, text });
      }
    }
    expect(bare).toEqual([]);
  });

  for (const session of sessions) {
    let cwd = '';
    for (const [k, step] of session.steps.entries()) {
      const name = `README.md:${step.line}: $ ${step.command}`;
      it(name, () => {
        if (k === 0) cwd = path.resolve(repo, session.cwd);
        const r = run(step, cwd, session.columns);
        cwd = r.after;
        let out = r.output.split(repo).join('~/neaspec-track');
        if (session.today) out = out.split(isoToday()).join(session.today);
        const actual = outputLines(out);
        // A crash is never documentation, whatever the README shows.
        expect(out).not.toMatch(/unexpected failure|\n\s+at .+:\d+:\d+\)?\n/);
        if (step.expected === null) {
          expect(r.code, `hidden step printed:\n${out}`).toBe(0);
          return;
        }
        if (!matches(step.expected, actual)) {
          if (UPDATE) updates.set(step.line, actual);
          else expect(actual.join('\n')).toBe(step.expected.join('\n'));
        }
        expect(r.code, `exit code (mark an expected failure with "# exit N")\n${out}`).toBe(step.exit);
      });
    }
  }

  afterAll(() => {
    tmp.cleanup();
    if (!UPDATE || updates.size === 0) return;
    const lines = readFileSync(README, 'utf8').split('\n');
    // From the bottom up, so earlier line numbers stay right.
    for (const [line, actual] of [...updates].sort((a, b) => b[0] - a[0])) {
      let end = line; // index of the first line after the command's shown output
      while (end < lines.length && !/^(\$ |`{3,}|~{3,})/.test(lines[end] as string)) end++;
      lines.splice(line, end - line, ...actual);
    }
    writeFileSync(README, lines.join('\n'));
  });
});

describe('the README session reader', () => {
  it('reads commands, their shown output, exit marks and options; skips blocks not marked test', () => {
    const md = [
      'text',
      '```console test today=2026-11-28 cwd=examples columns=120',
      '$ neaspec-track validate x   # exit 1',
      'x: 1 error, 0 warnings',
      '$ cd y',
      '```',
      '<!-- test: sed -i s/a/b/ f -->',
      '```console',
      '$ not run',
      '```',
      '```sh',
      'npx neaspec-track report',
      '```',
    ].join('\n');
    const s = parseSessions(md);
    expect(s).toEqual([
      {
        line: 2,
        today: '2026-11-28',
        cwd: 'examples',
        columns: 120,
        hidden: false,
        steps: [
          { command: 'neaspec-track validate x', line: 3, expected: ['x: 1 error, 0 warnings'], exit: 1 },
          { command: 'cd y', line: 5, expected: [], exit: 0 },
        ],
      },
      {
        line: 7,
        today: null,
        cwd: '.',
        columns: 80,
        hidden: true,
        steps: [{ command: 'sed -i s/a/b/ f', line: 7, expected: null, exit: 0 }],
      },
    ]);
  });

  it('refuses an unknown option and output before any command', () => {
    expect(() => parseSessions('```console test colums=80\n$ x\n```')).toThrow('unknown console test option');
    expect(() => parseSessions('```console test\nout\n```')).toThrow('must begin with a "$ " command');
  });

  it('matches exactly, with … standing for any number of lines', () => {
    expect(matches(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(matches(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(matches(['a', ELLIPSIS, 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', ELLIPSIS, 'd'], ['a', 'd'])).toBe(true);
    expect(matches(['a', ELLIPSIS, 'd'], ['a', 'b', 'c'])).toBe(false);
    expect(matches([ELLIPSIS], [])).toBe(true);
    expect(outputLines('x  \ny\n\n')).toEqual(['x', 'y']);
  });
});
