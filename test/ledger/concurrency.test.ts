import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
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
    const runs = Array.from({ length: 20 }, (_, i) =>
      start(dir, ['spend', 'B-1', String(i + 1), '--date', '2026-06-01', '--note', `writer ${i + 1}`]),
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
  const line = '  - {spend: B-1, date: 2026-06-01, amount: 7}\n';

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

  it('killed at random moments: every time the file parses and is the old text or the old text plus the entry', async () => {
    const dir = fw();
    let current = LEDGER_2026;
    const outcomes = { old: 0, new: 0 };
    for (let i = 0; i < 12; i++) {
      const run = start(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
      await sleep(Math.random() * 250);
      run.child.kill('SIGKILL');
      await run.done;
      const text = read(dir, 'progress/2026.yaml');
      expect([current, current + line]).toContain(text);
      expect(() => parse(text)).not.toThrow();
      if (text === current) outcomes.old++;
      else outcomes.new++;
      current = text;
      // A writer killed while holding the lock leaves it behind; a user would remove it (or wait for it to go stale).
      rmSync(path.join(dir, '.neaspec-track.lock'), { recursive: true, force: true });
    }
    expect(outcomes.old + outcomes.new).toBe(12);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
