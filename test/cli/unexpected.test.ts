import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: what ended in "unexpected failure" (or a raw stack trace) is answered with a line.

const tmp = tempDir('neaspec-unexpected-');
afterAll(() => tmp.cleanup());

describe('no unexpected failure', () => {
  it('report --format docx on a framework with no budget lines (validate says ok)', async () => {
    const fw = path.join(tmp.dir, 'nobudget');
    cpSync(path.join(ROOT, 'test/import/fixture'), fw, { recursive: true });
    const plan = path.join(fw, 'plan.yaml');
    const text = readFileSync(plan, 'utf8');
    const cut = text.replace(/\n {2}lines:\n(?: {4}- .*\n)+/, '\n  lines: []\n');
    expect(cut).not.toBe(text);
    writeFileSync(plan, cut);
    writeFileSync(
      path.join(fw, 'progress/2026.yaml'),
      readFileSync(path.join(fw, 'progress/2026.yaml'), 'utf8').replace(/^.*spend:.*\n/gm, ''),
    );
    expect((await runCli(['--framework', fw, 'validate'])).code).toBe(0);
    const r = await runCli([
      '--framework',
      fw,
      'report',
      '--as-of',
      '2026-11-28',
      '--format',
      'docx',
      '--out',
      path.join(tmp.dir, 'r.docx'),
    ]);
    expect(r.stderr).toBe(`wrote ${path.join(tmp.dir, 'r.docx')}\n`);
    expect(r.code).toBe(0);
    expect([...readFileSync(path.join(tmp.dir, 'r.docx')).subarray(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('a deleted working directory: one line, exit 1, no stack trace', () => {
    const gone = path.join(tmp.dir, 'gone');
    mkdirSync(gone);
    // The shell enters the directory, removes it, then starts the CLI in it.
    const r = spawnSync(
      '/bin/sh',
      ['-c', `cd '${gone}' && rmdir '${gone}' && exec '${process.execPath}' '${BIN}' validate`],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
      },
    );
    rmSync(gone, { recursive: true, force: true });
    expect(r.stderr).toBe(
      'neaspec-track: the current directory no longer exists (ENOENT): cd to one that does and run the command again\n',
    );
    expect(r.status).toBe(1);
  });
});
