import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportSheetHolds, isExportWorkbook, SHEETS } from '../../src/export/xlsx-views.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/** Every file of a directory, by relative path, with its bytes (to prove nothing changed). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const p = path.join(e.parentPath, e.name);
      out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  }
  return out;
}

describe('import of the workbook `export` wrote', () => {
  const tmp = tempDir('neaspec-export-import-');
  afterAll(() => tmp.cleanup());
  const fw = path.join(tmp.dir, 'fw');
  cpSync(path.join(ROOT, 'frameworks/neaspec-2026-2030'), fw, { recursive: true });
  const run = (args: string[]) => runCli(['--framework', fw, ...args], { cwd: tmp.dir, today: '2026-11-28' });

  it('skips its sheets, says which, records nothing and leaves every file as it was', async () => {
    const exported = await run(['export', '--as-of', '2026-11-28', '--out', 'x.xlsx']);
    expect(exported.code).toBe(0);
    const before = snapshot(fw);
    for (const dry of [['--dry-run'], []]) {
      const r = await run(['import', 'x.xlsx', ...dry]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        'nothing to record: x.xlsx is a workbook written by `export`, whose sheets are views, not entries (`init --from` makes a framework of it; a sheet made by `template` records figures)\n',
      );
      // The Periods sheet (an "Indicator" column of period totals) was what import refused, row by
      // row, as duplicates; every line on stderr is such a note, naming a sheet of the export.
      const notes = r.stderr.split('\n').filter(Boolean);
      expect(notes).toContain(
        'note: x.xlsx: sheet "Periods" skipped: a read-only view written by `export` (period totals worked out from the ledger), not entries to record',
      );
      for (const n of notes) {
        const sheet = /^note: x\.xlsx: sheet "(\w+)" skipped: a read-only view written by `export` \(/.exec(
          n,
        )?.[1];
        expect(SHEETS as readonly (string | undefined)[], n).toContain(sheet);
      }
      expect(snapshot(fw)).toEqual(before);
    }
  });

  it('knows an export by its Periods sheet, so a template sheet named like an export sheet is read', () => {
    const periods = { sheet: 'Periods', headers: ['indicator', 'period', 'how the total is formed'] };
    const template = { sheet: 'Indicators', headers: ['indicator', 'period', 'value', 'date'] };
    expect(isExportWorkbook([periods, template])).toBe(true);
    expect(isExportWorkbook([template])).toBe(false);
    // A sheet called Periods without the export's column is someone's own table of entries.
    expect(isExportWorkbook([{ sheet: 'Periods', headers: ['indicator', 'period', 'value'] }])).toBe(false);
    expect(exportSheetHolds('Ledger')).toBe('a copy of the ledger entries, already recorded');
    expect(exportSheetHolds('Spending')).toBeUndefined();
  });
});
