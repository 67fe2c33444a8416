import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runBin, tempDir } from '../helpers/cli.js';
import { LEDGER_2026, makeFramework, read, snapshot } from './fixture.js';

// What `record` does to files it did not expect: links, read-only files, files that appear while
// it writes, directories it may not write. These run the built binary, as a user would.

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

beforeAll(() => {
  if (runBin(['--version']).code !== 0) throw new Error('build the binary first: npm run build');
});

function fw(files: Record<string, string> = {}): string {
  const f = makeFramework(files);
  cleanups.push(f.cleanup);
  return f.dir;
}

function tmp(): string {
  const t = tempDir('neaspec-ledger-out-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const record = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runBin(['--framework', dir, 'record', ...args], { cwd: dir, env });

const SPEND = '  - {spend: B-1, date: 2026-06-01, amount: 7}\n';

describe('record never replaces a file it did not read', () => {
  it('refuses when progress/ is a link to a directory (the reader does not follow it), and the linked file keeps its entries', () => {
    // The reviewer's repro: the shipped framework with progress/ moved away and linked back.
    const base = tmp();
    const dir = path.join(base, 'fw');
    cpSync(path.join(ROOT, 'frameworks', 'neaspec-2026-2030'), dir, { recursive: true });
    const ext = path.join(base, 'ext');
    cpSync(path.join(dir, 'progress'), ext, { recursive: true });
    rmSync(path.join(dir, 'progress'), { recursive: true });
    symlinkSync(ext, path.join(dir, 'progress'));
    const before = readFileSync(path.join(ext, '2026.yaml'), 'utf8');
    const r = record(dir, ['spend', 'B-AP-1', '10.00', '--date', '2026-11-01']);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^neaspec-track: progress\/2026\.yaml exists but is not part of the framework as read .*; nothing was recorded\n$/,
    );
    expect(readFileSync(path.join(ext, '2026.yaml'), 'utf8')).toBe(before);
    // Nothing was added beside the shipped ledger files (the 2025 pledges and the 2026 entries).
    expect(readdirSync(ext).sort()).toEqual(
      readdirSync(path.join(ROOT, 'frameworks', 'neaspec-2026-2030', 'progress')).sort(),
    );
    expect(existsSync(path.join(dir, '.neaspec-track.lock'))).toBe(false);
  });

  it('refuses to create a new file through a link to a directory (the reader would never see it)', () => {
    const dir = fw();
    rmSync(path.join(dir, 'progress'), { recursive: true });
    const ext = tmp();
    symlinkSync(ext, path.join(dir, 'progress'));
    const r = record(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/progress is a link to a directory, which the framework reader does not follow/);
    expect(readdirSync(ext)).toEqual([]);
  });

  it('never replaces a file that appears while a new one is being created', async () => {
    const dir = fw();
    rmSync(path.join(dir, 'progress', '2026.yaml'));
    const target = path.join(dir, 'progress', '2026.yaml');
    const child = spawn(
      process.execPath,
      [BIN, '--framework', dir, 'record', 'spend', 'B-1', '7', '--date', '2026-06-01'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH, NO_COLOR: '1', NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME: '600' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // The writer is inside its pause once its temporary file exists: an editor saves the file now.
    const progress = path.join(dir, 'progress');
    while (!(existsSync(progress) && readdirSync(progress).some((n) => n.endsWith('.tmp')))) await sleep(5);
    writeFileSync(target, LEDGER_2026);
    expect(await done).toBe(1);
    expect(stderr).toMatch(
      /progress\/2026\.yaml appeared while recording; nothing was recorded, run the command again/,
    );
    expect(read(dir, 'progress/2026.yaml')).toBe(LEDGER_2026);
    expect(readdirSync(progress)).toEqual(['2026.yaml']);
  });
});

describe('record writes through symbolic links', () => {
  it('appends to the file a linked ledger file points to, and keeps the link', () => {
    const dir = fw();
    const elsewhere = path.join(tmp(), 'ledger-2026.yaml');
    writeFileSync(elsewhere, LEDGER_2026);
    const link = path.join(dir, 'progress', '2026.yaml');
    rmSync(link);
    symlinkSync(elsewhere, link);
    const r = record(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(elsewhere, 'utf8')).toBe(LEDGER_2026 + SPEND);
    // Nothing was left beside the link or beside the real file.
    expect(readdirSync(path.dirname(link))).toEqual(['2026.yaml']);
    expect(readdirSync(path.dirname(elsewhere))).toEqual(['ledger-2026.yaml']);
  });

  it('appends to a single-file framework given as a link, and keeps the link', () => {
    const dir = fw();
    const real = path.join(tmp(), 'single.yaml');
    const text = `${read(dir, 'plan.yaml')}\n${read(dir, 'budget.yaml')}\nprogress:\n  - {spend: B-1, date: 2026-02-01, amount: 1}\n`;
    writeFileSync(real, text);
    const link = path.join(tmp(), 'framework.yaml');
    symlinkSync(real, link);
    const r = runBin(['--framework', link, 'record', 'spend', 'B-1', '7', '--date', '2026-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(text + SPEND);
    expect(readdirSync(path.dirname(real))).toEqual(['single.yaml']);
  });
});

describe('files and directories record may not write', () => {
  it('refuses a read-only ledger file (no write bit for anyone), even as root', () => {
    const dir = fw();
    const file = path.join(dir, 'progress', '2026.yaml');
    chmodSync(file, 0o444);
    const before = snapshot(dir);
    const r = record(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('neaspec-track: progress/2026.yaml is read-only; nothing was recorded\n');
    expect(snapshot(dir)).toEqual(before);
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('a path through a regular file is "cannot write … (ENOTDIR)", not an unexpected failure', () => {
    const dir = fw();
    rmSync(path.join(dir, 'progress'), { recursive: true });
    writeFileSync(path.join(dir, 'progress'), 'not a directory\n');
    const before = snapshot(dir);
    const r = record(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `neaspec-track: cannot write ${path.join('progress', '2026.yaml')}: a part of the path is not a directory (ENOTDIR); nothing was recorded\n`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  // Permission errors need a user that permissions apply to: run the binary as `nobody` when we can.
  const nobody = canRunAsNobody();
  describe.skipIf(!nobody)('as an unprivileged user', () => {
    const asNobody = (dir: string, args: string[]) => {
      const r = spawnSync(
        'setpriv',
        [
          '--reuid',
          '65534',
          '--regid',
          '65534',
          '--clear-groups',
          process.execPath,
          BIN,
          '--framework',
          dir,
          'record',
          ...args,
        ],
        { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' }, encoding: 'utf8' },
      );
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const worldReadable = (dir: string) => {
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, 'progress'), 0o755);
      for (const f of ['plan.yaml', 'budget.yaml', 'progress/2026.yaml']) chmodSync(path.join(dir, f), 0o644);
    };

    it('a framework directory it may not write: the lock cannot be made, one clear line, nothing left', () => {
      const dir = fw();
      worldReadable(dir);
      const before = snapshot(dir);
      const r = asNobody(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'neaspec-track: cannot write .neaspec-track.lock: permission denied (EACCES); nothing was recorded\n',
      );
      expect(snapshot(dir)).toEqual(before);
    });

    it('a ledger directory it may not write: no temporary file, no lock left behind', () => {
      const dir = fw();
      worldReadable(dir);
      chmodSync(dir, 0o777); // the lock can be taken, progress/ stays root's
      chmodSync(path.join(dir, 'progress', '2026.yaml'), 0o666);
      const before = snapshot(dir);
      const r = asNobody(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'neaspec-track: cannot write progress: permission denied (EACCES); nothing was recorded\n',
      );
      expect(snapshot(dir)).toEqual(before);
    });

    it('a ledger file without write access for this user is read-only', () => {
      const dir = fw();
      worldReadable(dir);
      chmodSync(dir, 0o777);
      chmodSync(path.join(dir, 'progress'), 0o777);
      const before = snapshot(dir);
      const r = asNobody(dir, ['spend', 'B-1', '7', '--date', '2026-06-01']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('neaspec-track: progress/2026.yaml is read-only; nothing was recorded\n');
      expect(snapshot(dir)).toEqual(before);
    });
  });
});

describe('arguments that are not valid UTF-8', () => {
  it('refuses --note with an invalid byte as a usage error naming the option', () => {
    const dir = fw();
    const before = snapshot(dir);
    // The shell passes the single byte 0xC3 (a truncated two-byte sequence) as the note.
    const r = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${BIN}" --framework . record spend B-1 10.00 --date 2026-06-01 --note "$(printf '\\303')"`,
      ],
      { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('neaspec-track: --note is not valid UTF-8 text; nothing was recorded\n');
    expect(snapshot(dir)).toEqual(before);
  });
});

/** Root can drop to `nobody` with setpriv, and `nobody` can then run the binary. */
function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync(
    'setpriv',
    ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, BIN, '--version'],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
