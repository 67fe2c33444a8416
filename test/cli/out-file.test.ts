import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, writeOutFile } from '../../src/cli/output.js';
import { ROOT, runBin, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: `--out` is written to a temporary file beside the target and renamed over it, so a
// failure leaves the old file whole; it never writes a file the framework reads; `-` is stdout.

const tmp = tempDir('neaspec-out-');
afterAll(() => tmp.cleanup());
const SHIPPED = path.join(ROOT, 'frameworks/neaspec-2026-2030');

/** A write that fails with ENOSPC once `limit` bytes are written, as a full disk does. */
function fullAfter(limit: number) {
  let written = 0;
  return (fd: number, buf: Uint8Array, off: number, len: number): number => {
    if (written >= limit) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    const n = Math.min(len, limit - written);
    written += n;
    return writeSync(fd, buf, off, n);
  };
}

describe('writeOutFile', () => {
  it('a failed write leaves the old file whole and no temporary file beside it', () => {
    const dir = path.join(tmp.dir, 'unit');
    mkdirSync(dir);
    const target = path.join(dir, 'keep.html');
    writeFileSync(target, 'the old report\n', { mode: 0o640 });
    expect(() => writeOutFile(target, 'x'.repeat(100_000), 'keep.html', fullAfter(32_768))).toThrow(
      new OutputError('keep.html', 'ENOSPC'),
    );
    expect(readFileSync(target, 'utf8')).toBe('the old report\n');
    expect(readdirSync(dir)).toEqual(['keep.html']);
  });

  it('a failed new file leaves nothing', () => {
    const dir = path.join(tmp.dir, 'unit-new');
    mkdirSync(dir);
    expect(() =>
      writeOutFile(path.join(dir, 'new.docx'), new Uint8Array(50_000), 'new.docx', fullAfter(10)),
    ).toThrow(OutputError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a replaced file keeps its mode; a symbolic link stays a link to the new content', () => {
    const dir = path.join(tmp.dir, 'unit-link');
    mkdirSync(dir);
    const real = path.join(dir, 'real.md');
    writeFileSync(real, 'old', { mode: 0o600 });
    symlinkSync('real.md', path.join(dir, 'link.md'));
    writeOutFile(path.join(dir, 'link.md'), 'new', 'link.md');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
  });
});

describe('--out on the command line', () => {
  const fw = path.join(tmp.dir, 'fw');
  cpSync(SHIPPED, fw, { recursive: true });
  const run = (args: string[]) => runCli(['--framework', fw, ...args], { cwd: tmp.dir });

  it.each([
    ['report --format md', ['report', '--format', 'md', '--out', 'fw/plan.yaml'], 'fw/plan.yaml'],
    ['status --format csv', ['status', '--format', 'csv', '--out', 'fw/status.csv'], 'fw/status.csv'],
    [
      'variance to a new YAML file below',
      ['variance', '--out', 'fw/progress/notes.yml'],
      'fw/progress/notes.yml',
    ],
    ['export iati', ['export', '--format', 'iati', '--out', 'fw/budget.yaml'], 'fw/budget.yaml'],
  ])(
    '%s into a file the framework reads is refused (exit 2), the file untouched',
    async (_what, args, out) => {
      const target = path.join(tmp.dir, out);
      let before: string | null = null;
      try {
        before = readFileSync(target, 'utf8');
      } catch {
        // a new file
      }
      const r = await run(args);
      expect(r.stderr).toBe(
        `neaspec-track: --out ${out} is a file of the framework (fw reads every .yaml, .yml and .csv file in it): write it elsewhere\n`,
      );
      expect(r.code).toBe(2);
      if (before === null) expect(() => statSync(target)).toThrow();
      else expect(readFileSync(target, 'utf8')).toBe(before);
    },
  );

  it('a report beside the framework files (not YAML or CSV) is written', async () => {
    const r = await run(['report', '--as-of', '2026-11-28', '--format', 'md', '--out', 'fw/som-report.md']);
    expect(r.stderr).toBe('wrote fw/som-report.md\n');
    expect(readFileSync(path.join(fw, 'som-report.md'), 'utf8')).toMatch(/^# /);
  });

  it('--out - writes to standard output, not a file named "-"', async () => {
    const r = await run(['status', '--as-of', '2026-11-28', '--format', 'csv', '--out', '-']);
    const plain = await run(['status', '--as-of', '2026-11-28', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toBe('');
    expect(readdirSync(tmp.dir)).not.toContain('-');
  });

  it('--out - of a workbook writes the zip to standard output (the binary)', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/neaspec-track.js'),
        '--framework',
        fw,
        'export',
        '--as-of',
        '2026-11-28',
        '--out',
        '-',
      ],
      {
        cwd: tmp.dir,
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      },
    );
    expect(r.status).toBe(0);
    expect([...r.stdout.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(readdirSync(tmp.dir)).not.toContain('-');
  });
});

/** A 1 MB tmpfs where the test may mount one (root on Linux); elsewhere the unit tests above stand. */
const mountable = (() => {
  const p = path.join(tmp.dir, 'probe');
  mkdirSync(p);
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', p]).status === 0;
  if (ok) spawnSync('umount', [p]);
  return ok;
})();

describe.skipIf(!mountable)('a real full disk (a 1 MB tmpfs)', () => {
  it('report --out over an existing report: ENOSPC, exit 1, the old report whole, no debris', () => {
    const disk = path.join(tmp.dir, 'disk');
    mkdirSync(disk);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status).toBe(0);
    try {
      const first = runBin(
        ['--framework', SHIPPED, 'report', '--as-of', '2026-11-28', '--format', 'html', '--out', 'keep.html'],
        { cwd: disk },
      );
      expect(first.code).toBe(0);
      const old = readFileSync(path.join(disk, 'keep.html'));
      // The report is about 68 KB: leave less than that free.
      writeFileSync(path.join(disk, 'fill'), Buffer.alloc(1_048_576 - old.length - 40_000));
      const r = runBin(
        ['--framework', SHIPPED, 'report', '--as-of', '2026-11-29', '--format', 'html', '--out', 'keep.html'],
        { cwd: disk },
      );
      expect(r.stderr).toBe('neaspec-track: cannot write keep.html: no space left on the device (ENOSPC)\n');
      expect(r.code).toBe(1);
      expect(readFileSync(path.join(disk, 'keep.html')).equals(old)).toBe(true);
      expect(readdirSync(disk).sort()).toEqual(['fill', 'keep.html']);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});
