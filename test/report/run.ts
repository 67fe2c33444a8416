import { expect } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** The report fixture framework. */
export const FIXTURE = 'test/report/fixture';

/** `report --as-of 2026-07-01 --format FORMAT` on the fixture; it must succeed silently. */
export async function reportOf(format: string): Promise<string> {
  const r = await runCli(['--framework', FIXTURE, 'report', '--as-of', '2026-07-01', '--format', format]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}
