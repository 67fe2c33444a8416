import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin, runCli } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, read, snapshot } from '../ledger/fixture.js';

/**
 * Issue 15.1 and 16.6: a write that fails (a full disk, a closed descriptor, a directory that
 * cannot be written) ends with one line naming what could not be written and why, exit 1, and
 * the ledger as it was. /dev/full stands for a full disk. Tests run as root, for whom a
 * directory's mode does not stop a write, so "cannot be written" is made three other ways: a
 * path through a regular file (ENOTDIR), /sys (EACCES even for root), and `chattr +i` where
 * the file system allows it.
 */

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

/** Runs the binary with standard output on /dev/full. */
function toFull(args: string[], cwd = ROOT) {
  const fd = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

/** Runs the binary from a shell with standard output closed (`>&-`); the shell reports the exit code. */
function closedStdout(args: string[], cwd = ROOT) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `${quoted} >&-; echo "exit $?" >&2`], {
    cwd,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return r.stderr;
}

const SHIPPED = path.join(ROOT, 'frameworks', 'neaspec-2026-2030');
const ENOSPC = 'neaspec-track: cannot write to standard output: no space left on the device (ENOSPC)\n';

describe('standard output on a full disk', () => {
  it.each([
    ['status', ['status']],
    ['report --format html', ['report', '--format', 'html']],
    ['variance --format csv', ['variance', '--format', 'csv']],
    ['validate', ['validate']],
    ['schema', ['schema']],
  ])('%s: one line naming standard output and ENOSPC, exit 1', (_name, args) => {
    const r = toFull(['--framework', SHIPPED, ...args]);
    expect(r.stderr).toBe(ENOSPC);
    expect(r.code).toBe(1);
  });

  it('record: the entry is in the ledger, and the line says where (exit 1: the confirmation was lost)', () => {
    // The fixture's 2026 ledger has 9 lines: the entry is line 10.
    const dir = fw();
    const r = toFull(['--framework', dir, 'record', 'spend', 'B-1', '7', '--date', '2026-06-01'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${ENOSPC.trimEnd()}; the entry was recorded at progress/2026.yaml:10: {spend: B-1, date: 2026-06-01, amount: 7}\n`,
    );
    expect(read(dir, 'progress/2026.yaml')).toBe(
      `${LEDGER_2026}  - {spend: B-1, date: 2026-06-01, amount: 7}\n`,
    );
  });
});

describe('standard output closed (>&-)', () => {
  it('status fails with one line instead of exiting 0 with the output lost', () => {
    expect(closedStdout(['--framework', SHIPPED, 'status'])).toBe(
      'neaspec-track: cannot write to standard output: it is closed (EBADF); nothing was done\nexit 1\n',
    );
  });

  it('record writes nothing whose confirmation nobody would see', () => {
    const dir = fw();
    const before = snapshot(dir);
    expect(
      closedStdout(['--framework', dir, 'record', 'spend', 'B-1', '7', '--date', '2026-06-01'], dir),
    ).toBe(
      'neaspec-track: cannot write to standard output: it is closed (EBADF); nothing was done\nexit 1\n',
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('a shell redirection to /dev/null is a choice, not a closed output: exit 0', () => {
    const r = spawnSync(
      '/bin/sh',
      ['-c', `'${process.execPath}' '${BIN}' --framework '${SHIPPED}' validate >/dev/null`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
  });
});

describe('--out', () => {
  it("--out '' is a usage error (exit 2), not an errno about the working directory", async () => {
    const r = await runCli(['--framework', SHIPPED, 'report', '--out', '']);
    expect(r.stderr).toBe('neaspec-track: --out needs a file name\n');
    expect(r.code).toBe(2);
  });

  it('a path through a regular file: ENOTDIR in words, exit 1, nothing written', async () => {
    const dir = fw();
    writeFileSync(path.join(dir, 'afile'), 'x');
    const r = await runCli(['report', '--out', 'afile/report.html', '--format', 'html'], { cwd: dir });
    expect(r.stderr).toBe(
      'neaspec-track: cannot write afile/report.html: a part of the path is not a directory (ENOTDIR)\n',
    );
    expect(r.code).toBe(1);
  });

  it('a directory even root may not write (/sys): EACCES in words, exit 1', async () => {
    const r = await runCli(['--framework', SHIPPED, 'report', '--out', '/sys/neaspec-report.html']);
    expect(r.stderr).toBe(
      'neaspec-track: cannot write /sys/neaspec-report.html: permission denied (EACCES)\n',
    );
    expect(r.code).toBe(1);
  });

  it('a full disk: ENOSPC in words, exit 1', async () => {
    const r = await runCli(['--framework', SHIPPED, 'report', '--out', '/dev/full']);
    expect(r.stderr).toBe('neaspec-track: cannot write /dev/full: no space left on the device (ENOSPC)\n');
    expect(r.code).toBe(1);
  });
});

/** True when `chattr +i` works here (it needs CAP_LINUX_IMMUTABLE and a file system that has it). */
function chattr(flag: '+i' | '-i', p: string): boolean {
  return spawnSync('chattr', [flag, p]).status === 0;
}
const probe = (() => {
  const f = makeFramework();
  const ok = chattr('+i', f.dir);
  if (ok) chattr('-i', f.dir);
  f.cleanup();
  return ok;
})();

describe.skipIf(!probe)('an immutable directory (chattr +i: read-only even for root)', () => {
  it('--out into it: EPERM in words, exit 1, no file', async () => {
    const dir = fw();
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chattr('+i', ro);
    cleanups.unshift(() => chattr('-i', ro));
    const r = await runCli(['report', '--out', 'ro/report.txt'], { cwd: dir });
    expect(r.stderr).toBe(
      'neaspec-track: cannot write ro/report.txt: the operation is not permitted (EPERM)\n',
    );
    expect(r.code).toBe(1);
    expect(existsSync(path.join(ro, 'report.txt'))).toBe(false);
  });

  it('a ledger append into it: one line, exit 1, every file as it was', async () => {
    const dir = fw();
    const progress = path.join(dir, 'progress');
    const before = snapshot(dir);
    chattr('+i', progress);
    cleanups.unshift(() => chattr('-i', progress));
    const r = await runCli(['--framework', dir, 'record', 'spend', 'B-1', '7', '--date', '2026-06-01'], {
      cwd: dir,
    });
    expect(r.stderr).toBe(
      'neaspec-track: cannot write progress: the operation is not permitted (EPERM); nothing was recorded\n',
    );
    expect(r.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('an empty framework path (issue 16.1)', () => {
  it.each([
    ['--framework ""', ['--framework', '', 'validate']],
    ['validate ""', ['validate', '']],
    ['status with --framework ""', ['--framework', '', 'status']],
    ['record with --framework ""', ['--framework', '', 'record', 'spend', 'B-1', '7']],
  ])('%s is a usage error, never the shipped framework', async (_name, args) => {
    const r = await runCli(args);
    expect(r.stderr).toBe(
      'neaspec-track: --framework is empty: give the path of a framework directory or file\n',
    );
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('a path that does not exist is a usage error', async () => {
    const r = await runCli(['--framework', '/nonexistent/fw', 'status']);
    expect(r.stderr).toMatch(/^neaspec-track: no framework at \/nonexistent\/fw /);
    expect(r.code).toBe(2);
  });
});
