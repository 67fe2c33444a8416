import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, runBin } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, read } from './fixture.js';

// These spawn the built binary (`npm test` builds first), as real concurrent users would.

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

beforeAll(() => {
  if (runBin(['--version']).code !== 0) throw new Error('build the binary first: npm run build');
});

function fw(): string {
  const f = makeFramework();
  cleanups.push(f.cleanup);
  return f.dir;
}

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [BIN, '--framework', dir, 'record', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Done>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

describe('concurrent writers are serialised by the lock', () => {
  it('20 processes recording at once leave 20 entries and a valid file', async () => {
    const dir = fw();
    // Twenty writers take turns: on a loaded machine the last may wait longer than the default 10 s.
    const runs = Array.from({ length: 20 }, (_, i) =>
      start(dir, ['spend', 'B-1', String(i + 1), '--date', '2026-06-01', '--note', `writer ${i + 1}`], {
        NEASPEC_TRACK_LOCK_TIMEOUT_MS: '60000',
      }),
    );
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.stderr).filter(Boolean)).toEqual([]);
    expect(results.every((r) => r.code === 0)).toBe(true);
    const text = read(dir, 'progress/2026.yaml');
    expect(text.startsWith(LEDGER_2026)).toBe(true);
    const added = text.slice(LEDGER_2026.length).split('\n').filter(Boolean);
    expect(added).toHaveLength(20);
    const amounts = (parse(text).progress as { amount?: number; note?: string }[])
      .filter((e) => e.note?.startsWith('writer'))
      .map((e) => e.amount)
      .sort((a, b) => (a as number) - (b as number));
    expect(amounts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(runBin(['validate', dir]).code).toBe(0);
  });

  it('of 8 processes recording the same key at once, exactly one succeeds and 7 are refused as duplicates', async () => {
    const dir = fw();
    const runs = Array.from({ length: 8 }, () =>
      start(dir, ['result', 'Q-a', '4', '--period', '2026-Q3', '--date', '2026-10-01']),
    );
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    const refused = results.filter((r) => r.code === 1);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.stderr).toMatch(/duplicate-entry/);
    expect(read(dir, 'progress/2026.yaml').match(/indicator: Q-a, period: 2026-Q3/g)).toHaveLength(1);
  });
});

describe('a writer killed with SIGKILL leaves the old file or the new one', () => {
  it('killed between writing the temporary file and the rename: the old file, and the framework stays valid', async () => {
    const dir = fw();
    const progress = path.join(dir, 'progress');
    const run = start(dir, ['spend', 'B-1', '7', '--date', '2026-06-01'], {
      NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '5000',
    });
    // Wait until the temporary file exists: the writer is now inside its pause.
    while (!readdirSync(progress).some((n) => n.endsWith('.tmp'))) await sleep(10);
    run.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.signal).toBe('SIGKILL');
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026);
    // The left-over temporary file is hidden, so the framework still reads as before.
    expect(runBin(['validate', dir]).code).toBe(0);
  });

  it('killed at every stage of a write: the old text or exactly the new one, never a stale lock in the way', async () => {
    const dir = fw();
    const progress = path.join(dir, 'progress');
    const lock = path.join(dir, '.neaspec-track.lock');
    const file = path.join(progress, '2026.yaml');
    // Each writer pauses PAUSE ms between writing its temporary file and the rename (the test hook),
    // so the write window is wide and every kill point below lands where it is meant to.
    const PAUSE = 2000;
    type Stage = 'spawned' | 'locked' | 'tmp+0' | 'tmp+300' | 'tmp+600' | 'tmp+900' | 'renamed';
    const stages: Stage[] = ['spawned', 'locked', 'tmp+0', 'tmp+300', 'tmp+600', 'tmp+900', 'renamed'];
    const outcomes: Record<'old' | 'new', Stage[]> = { old: [], new: [] };
    const leftovers = new Set<string>(); // temporary files of writers killed earlier
    let current = LEDGER_2026;
    for (const [i, stage] of stages.entries()) {
      const amount = String(i + 1);
      const entry = `  - {spend: B-1, date: 2026-06-01, amount: ${amount}}\n`;
      const run = start(dir, ['spend', 'B-1', amount, '--date', '2026-06-01'], {
        NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: String(PAUSE),
      });
      // A lock taken by this writer (not an earlier one's, aged below).
      if (stage === 'locked')
        await until(() => existsSync(lock) && statSync(lock).mtimeMs > Date.now() - 30_000);
      if (stage.startsWith('tmp+')) {
        await until(() => readdirSync(progress).some((n) => n.endsWith('.tmp') && !leftovers.has(n)));
        await sleep(Number(stage.slice(4)));
      }
      if (stage === 'renamed') await until(() => readFileSync(file, 'utf8') !== current);
      run.child.kill('SIGKILL');
      await run.done;
      for (const n of readdirSync(progress)) if (n.endsWith('.tmp')) leftovers.add(n);

      const text = read(dir, 'progress/2026.yaml');
      expect([current, current + entry], stage).toContain(text);
      expect(() => parse(text)).not.toThrow();
      // Up to the rename (PAUSE ms after the temporary file, at least 1.1 s after the last kill point
      // before it) the file is the old one; once the rename is seen, it is the new one.
      expect(text === current ? 'old' : 'new', stage).toBe(stage === 'renamed' ? 'new' : 'old');
      outcomes[text === current ? 'old' : 'new'].push(stage);
      current = text;

      if (existsSync(lock)) {
        // The killed writer's lock is honoured while it could still be alive…
        const blocked = runBin(['--framework', dir, 'record', 'spend', 'B-1', '99', '--date', '2026-06-01'], {
          env: { NEASPEC_TRACK_LOCK_TIMEOUT_MS: '300' },
        });
        expect(blocked.code, stage).toBe(1);
        expect(blocked.stderr, stage).toMatch(/another record is writing to/);
        // …and taken over once it is older than the stale period (10 s): age it rather than wait.
        const old = new Date(Date.now() - 60_000);
        utimesSync(lock, old, old);
      }
    }
    expect(outcomes.old.length).toBeGreaterThan(0);
    expect(outcomes.new).toEqual(['renamed']);
    // Left-over temporary files are hidden; the next writer takes over any stale lock and appends.
    const last = runBin(['--framework', dir, 'record', 'spend', 'B-1', '8', '--date', '2026-06-01'], {
      env: { NEASPEC_TRACK_LOCK_TIMEOUT_MS: '2000' },
    });
    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(`${current}  - {spend: B-1, date: 2026-06-01, amount: 8}\n`);
    expect(existsSync(lock)).toBe(false);
    expect(runBin(['validate', dir]).code).toBe(0);
  });
});

/** Polls `cond` every 2 ms (a kill point is a state of the writer, not a time). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await sleep(2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
