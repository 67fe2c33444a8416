import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 28: a directory holding a framework file the tool cannot read is an error, never a silent
// fallback to the shipped example (a UTF-16 framework.yaml passed CI as "ok …/neaspec-2026-2030").

const tmp = tempDir('neaspec-unreadable-cwd-');
afterAll(() => tmp.cleanup());
const plan = readFileSync(path.join(ROOT, 'frameworks/neaspec-2026-2030/plan.yaml'), 'utf8');

function dirWith(name: string, bytes: Buffer): string {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'framework.yaml'), bytes);
  return dir;
}

describe('plain validate in a directory whose YAML file is not UTF-8 text', () => {
  it('UTF-16 with a byte-order mark: the file is reported with its position, exit 1', async () => {
    const dir = dirWith('utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan, 'utf16le')]));
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'framework.yaml:1:1: error not-text the file is UTF-16 text, not UTF-8: save it as UTF-8',
    );
    expect(r.stdout).not.toContain('neaspec-2026-2030');
    expect(r.stderr).not.toContain('using the shipped example');
  });

  it('UTF-16 without a byte-order mark', async () => {
    const dir = dirWith('utf16-nobom', Buffer.from(plan, 'utf16le'));
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('framework.yaml:1:1: error not-text the file is UTF-16 text, not UTF-8');
  });

  it('a file it may not read', async () => {
    const dir = dirWith('unreadable', Buffer.from(plan));
    chmodSync(path.join(dir, 'framework.yaml'), 0o000);
    const r = await runCli(['validate'], { cwd: dir });
    // Root reads any file whatever its mode: then the plan simply validates as this directory's.
    if (process.getuid?.() === 0) expect(r.stdout).not.toContain('neaspec-2026-2030');
    else expect(r.stdout).toContain('framework.yaml');
    expect(r.stderr).not.toContain('using the shipped example');
  });

  it('a directory with no YAML file at all still falls back to the shipped example, and says so', async () => {
    const dir = path.join(tmp.dir, 'empty');
    mkdirSync(dir);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('using the shipped example');
  });
});
