import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import { parseDate } from '../../src/core/dates.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(ROOT, 'bin', 'neaspec-track.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Today's date as YYYY-MM-DD (default 2026-11-28). */
  today?: string;
  color?: boolean;
  /**
   * The terminal's width (default 200: a wide terminal, so tests of content see every column;
   * the width tests give 80 and 120).
   */
  columns?: number;
}

/** Runs the CLI in-process with a captured Io (fast; for most command tests). */
export async function runCli(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const today = parseDate(opts.today ?? '2026-11-28');
  if (today === null) throw new Error('bad today');
  const io: Io = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
    color: opts.color ?? false,
    columns: opts.columns ?? 200,
    // Stderr is a terminal of the same width when a test gives one.
    errColumns: opts.columns,
    today: () => today,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the built binary (dist/ must exist: `npm test` builds first) with NO_COLOR and COLUMNS=200. */
export function runBin(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    // A wide terminal, as runCli has: tests of content see every column; width tests set COLUMNS.
    env: { PATH: process.env.PATH, NO_COLOR: '1', COLUMNS: '200', ...opts.env },
    encoding: 'utf8',
    input: opts.input,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'neaspec-track-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
