import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, runBin } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, read } from './fixture.js';

// These spawn the built binary (`npm test` builds first), as real concurrent users would.

/** The line a writer prints when its wait for the lock gets long. */
const WAITING = /^neaspec-track: waiting for another record \(pid \d+\) to finish writing to .+…$/;
/**
 * A stale period and a timeout of ten minutes: a writer that succeeds under these within the
 * test's timeout did not wait for a dead holder's lock to age.
 */
const LONG_STALE = { NEASPEC_TRACK_LOCK_STALE_MS: '600000', NEASPEC_TRACK_LOCK_TIMEOUT_MS: '600000' };

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
    // The only thing a writer may say on stderr is that it is waiting its turn.
    expect(results.flatMap((r) => r.stderr.split('\n')).filter((l) => l !== '' && !WAITING.test(l))).toEqual(
      [],
    );
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

  it('50 processes recording at once, with the default timeout: all 50 kept (writers queue while the lock changes hands)', {
    timeout: 240_000,
  }, async () => {
    const dir = fw();
    const runs = Array.from({ length: 50 }, (_, i) =>
      start(dir, ['spend', 'B-1', String(i + 1), '--date', '2026-06-01', '--note', `writer ${i + 1}`]),
    );
    const results = await Promise.all(runs.map((r) => r.done));
    // A refused writer's stderr in place of its exit code says why.
    expect(results.map((r) => (r.code === 0 ? 0 : r.stderr))).toEqual(Array.from({ length: 50 }, () => 0));
    expect(results.flatMap((r) => r.stderr.split('\n')).filter((l) => l !== '' && !WAITING.test(l))).toEqual(
      [],
    );
    const text = read(dir, 'progress/2026.yaml');
    expect(text.startsWith(LEDGER_2026)).toBe(true);
    const amounts = (parse(text).progress as { amount?: number; note?: string }[])
      .filter((e) => e.note?.startsWith('writer'))
      .map((e) => e.amount as number)
      .sort((a, b) => a - b);
    expect(amounts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(existsSync(path.join(dir, '.neaspec-track.lock'))).toBe(false);
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
      // A lock taken by this writer (not a killed one's left over).
      if (stage === 'locked') await until(() => lockPid(lock) === run.child.pid);
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

      // A lock left behind names the killed writer; the next writer takes it over at once.
      if (existsSync(lock)) expect(lockPid(lock), stage).toBe(run.child.pid);
    }
    expect(outcomes.old.length).toBeGreaterThan(0);
    expect(outcomes.new).toEqual(['renamed']);
    // Left-over temporary files are hidden; the next writer takes over a dead writer's lock and appends.
    const last = runBin(['--framework', dir, 'record', 'spend', 'B-1', '8', '--date', '2026-06-01'], {
      env: LONG_STALE,
    });
    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(`${current}  - {spend: B-1, date: 2026-06-01, amount: 8}\n`);
    expect(existsSync(lock)).toBe(false);
    expect(runBin(['validate', dir]).code).toBe(0);
  });
});

/** The pid a lock file names (null when there is none). */
function lockPid(lock: string): number | null {
  try {
    return (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
}

/** Polls `cond` every 2 ms (a kill point is a state of the writer, not a time). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await sleep(2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the lock names its holder, and a dead holder is taken over at once (issue 15.2)', () => {
  it('the lock file records the pid and host of the writer holding it', async () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    const run = start(dir, ['spend', 'B-1', '7', '--date', '2026-06-01'], {
      NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '1500',
    });
    await until(() => lockPid(lock) !== null);
    const holder = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; host: string; token: string };
    expect(holder.pid).toBe(run.child.pid);
    expect(holder.host).toBe(hostname());
    expect(holder.token).toMatch(/^[0-9a-f]{16}$/);
    expect((await run.done).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('kill -9 a writer holding the lock: the next record succeeds without waiting for the stale period (10 min here)', {
    timeout: 60_000,
  }, async () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    const run = start(dir, ['spend', 'B-1', '7', '--date', '2026-06-01'], {
      NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '30000',
    });
    await until(() => lockPid(lock) === run.child.pid);
    run.child.kill('SIGKILL');
    await run.done;
    expect(lockPid(lock)).toBe(run.child.pid);
    const next = runBin(['--framework', dir, 'record', 'spend', 'B-1', '8', '--date', '2026-06-01'], {
      env: LONG_STALE,
    });
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-06-01, amount: 8}\n`,
    );
    expect(existsSync(lock)).toBe(false);
  });

  it('a writer waiting for a live holder says so on stderr, then records', { timeout: 60_000 }, async () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    const first = start(dir, ['spend', 'B-1', '1', '--date', '2026-06-01'], {
      NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '2500',
    });
    await until(() => lockPid(lock) === first.child.pid);
    const second = start(dir, ['spend', 'B-1', '2', '--date', '2026-06-01']);
    const [a, b] = await Promise.all([first.done, second.done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stderr).toBe(
      `neaspec-track: waiting for another record (pid ${first.child.pid}) to finish writing to ${dir}…\n`,
    );
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-06-01, amount: 1}\n  - {spend: B-1, date: 2026-06-01, amount: 2}\n`,
    );
  });

  it('a holder on another host is waited for, and refused after the timeout with its host named', () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    writeFileSync(
      lock,
      `${JSON.stringify({ pid: 1, host: 'elsewhere.example', start: null, token: 'feed' })}\n`,
    );
    const r = runBin(['--framework', dir, 'record', 'spend', 'B-1', '8', '--date', '2026-06-01'], {
      env: { NEASPEC_TRACK_LOCK_TIMEOUT_MS: '400' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `neaspec-track: another record (pid 1 on host elsewhere.example) has been writing to ${dir} for 0 s; if no other neaspec-track is running, remove ${lock}\n`,
    );
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026);
    expect(existsSync(lock)).toBe(true);
  });

  it("another host's lock not refreshed for the stale period is taken over", () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    writeFileSync(
      lock,
      `${JSON.stringify({ pid: 1, host: 'elsewhere.example', start: null, token: 'feed' })}\n`,
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = runBin(['--framework', dir, 'record', 'spend', 'B-1', '8', '--date', '2026-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('a writer whose lock was taken over refuses cleanly and writes nothing (issue 13.11)', async () => {
    const dir = fw();
    const lock = path.join(dir, '.neaspec-track.lock');
    const run = start(dir, ['spend', 'B-1', '7', '--date', '2026-06-01'], {
      NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '1500',
    });
    await until(
      () =>
        lockPid(lock) === run.child.pid &&
        readdirSync(path.join(dir, 'progress')).some((n) => n.endsWith('.tmp')),
    );
    // Another writer (here: one on another host that judged this one gone) now holds the lock.
    writeFileSync(
      lock,
      `${JSON.stringify({ pid: 1, host: 'elsewhere.example', start: null, token: 'feed' })}\n`,
    );
    const r = await run.done;
    expect(r.stderr).toBe(
      `neaspec-track: lost the lock ${lock} while writing (another writer took it over); nothing was recorded\n`,
    );
    expect(r.code).toBe(1);
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026);
    expect(readdirSync(path.join(dir, 'progress')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The new holder's lock is left for it to remove.
    expect(lockPid(lock)).toBe(1);
  });
});
