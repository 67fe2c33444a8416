import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Headless Chromium for the HTML report tests: found on PATH as `chromium` (Debian) or a few usual names. */

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The first Chromium on PATH that answers --version, else null. */
export function findChromium(): string | null {
  for (const name of NAMES) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0 && /chrom/i.test(r.stdout)) return name;
  }
  return null;
}

/** Runs headless Chromium with a fresh profile and no network chatter; returns stdout. */
export function runChromium(
  browser: string,
  args: string[],
): { code: number | null; stdout: string; stderr: string } {
  const profile = mkdtempSync(path.join(tmpdir(), 'neaspec-chromium-'));
  try {
    const r = spawnSync(
      browser,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
    );
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(sig) || bytes.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
