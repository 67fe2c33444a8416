import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const FW = ['--framework', 'frameworks/neaspec-2026-2030'];

/** Every command that formats for the terminal: `--format text` and `--format table` are one format. */
const COMMANDS: string[][] = [
  ['validate'],
  ['status'],
  ['variance', '--by', 'programme'],
  ['funding'],
  ['history', 'B-AP-1'],
  ['report'],
];

describe('--format text and --format table are synonyms', () => {
  for (const cmd of COMMANDS) {
    it(`${cmd[0]}: text, table and the default print the same`, async () => {
      const plain = await runCli([...FW, ...cmd]);
      const text = await runCli([...FW, ...cmd, '--format', 'text']);
      const table = await runCli([...FW, ...cmd, '--format', 'table']);
      expect(plain.code).toBe(0);
      expect(plain.stdout.length).toBeGreaterThan(0);
      expect(text).toEqual(plain);
      expect(table).toEqual(plain);
    });
  }

  it('any other format is still a usage error naming the choices', async () => {
    const r = await runCli([...FW, 'status', '--format', 'txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of table, json, csv, md, not "txt"');
  });
});
