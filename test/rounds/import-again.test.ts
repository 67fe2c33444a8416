import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Issue 21, case 1: a sheet imported twice doubled the money. Each imported row now carries its
// provenance (`imported: <digest> <row> <day>`); importing it again is refused, row by row, and the
// ledger stays byte for byte as the first import left it. Fixture: test/import/fixture (P1.O1-n
// cumulative per country, MN 3 + KR 2 = 5 before; budget line B-1).

const FIXTURE = path.join(ROOT, 'test/import/fixture');
const TODAY = '2026-11-28';
const tmp = tempDir('neaspec-rounds-');
afterAll(() => tmp.cleanup());

let n = 0;
function fresh(): { fw: string; run: (args: string[]) => ReturnType<typeof runCli> } {
  const fw = path.join(tmp.dir, `fw${n++}`);
  cpSync(FIXTURE, fw, { recursive: true });
  return { fw, run: (args) => runCli(['--framework', fw, ...args], { cwd: tmp.dir, today: TODAY }) };
}
const ledger = (fw: string) => readFileSync(path.join(fw, 'progress/2026.yaml'), 'utf8');

const SHEET = [
  'Indicator,Period,country,Value,Date,Source,Budget line,Amount,Note',
  'P1.O1-n,2026-Q4,MN,4,2026-11-20,MN focal point,,,',
  ',,,,2026-11-02,,B-1,15000,peer review',
  ',,,,2026-11-03,,B-1,15000,peer review',
  '',
].join('\n');

describe('a sheet imported twice', () => {
  it('the second import is refused row by row, naming when each was recorded; the ledger is byte-identical', async () => {
    const { fw, run } = fresh();
    writeFileSync(path.join(tmp.dir, 'round.csv'), SHEET);
    const first = await run(['import', 'round.csv']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const once = ledger(fw);
    // Every new entry names its row and the day it was imported.
    expect(once.match(/imported: [0-9a-f]{12} row \d 2026-11-28\}/g)?.length).toBe(3);
    // 5 + 4 = 9 (KR has not reported Q4: the period is incomplete, its increment still counts).
    expect(first.stdout).toContain('P1.O1-n: 5 → 9 of 80 by 2027 — off-track\n');

    const dry = await run(['import', 'round.csv', '--dry-run']);
    const again = await run(['import', 'round.csv']);
    for (const r of [dry, again]) {
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').slice(0, 3)).toEqual([
        'row 2: refused: already imported on 2026-11-28 (fw0/progress/2026.yaml:5); leave the row out, or to change its figure write the new one in a row with yes in its Corrects column',
        'row 3: refused: already imported on 2026-11-28 (fw0/progress/2026.yaml:6); leave the row out, or to undo it import a row with the negative amount',
        'row 4: refused: already imported on 2026-11-28 (fw0/progress/2026.yaml:7); leave the row out, or to undo it import a row with the negative amount',
      ]);
    }
    expect(ledger(fw)).toBe(once);
    // The money once: 15,000 + 15,000 on B-1, not 60,000.
    const v = JSON.parse((await run(['variance', '--as-of', TODAY, '--format', 'json'])).stdout);
    const before = JSON.parse(
      (
        await runCli(['--framework', FIXTURE, 'variance', '--as-of', TODAY, '--format', 'json'], {
          today: TODAY,
        })
      ).stdout,
    );
    expect(v.total.actual - before.total.actual).toBe(30000);
  });

  it('the same row with its columns in another order is the same row: already imported', async () => {
    const { fw, run } = fresh();
    writeFileSync(path.join(tmp.dir, 'c.csv'), 'Budget line,Amount,Date\nB-1,700,2026-11-05\n');
    writeFileSync(path.join(tmp.dir, 'd.csv'), 'Date,Budget line,Amount\n2026-11-05,B-1,700\n');
    expect((await run(['import', 'c.csv'])).code).toBe(0);
    const once = ledger(fw);
    const r = await run(['import', 'd.csv']);
    expect(r.stderr).toMatch(
      /^row 2: refused: already imported on 2026-11-28 \(fw\d+\/progress\/2026\.yaml:5\)/,
    );
    expect(ledger(fw)).toBe(once);
  });

  it('the same money in another sheet is refused as a possible duplicate, with what to do', async () => {
    const { fw, run } = fresh();
    writeFileSync(
      path.join(tmp.dir, 'a.csv'),
      'Budget line,Amount,Date,Note\nB-1,15000,2026-11-02,peer review\n',
    );
    // Another sheet with a source written in: another row, so another digest, but the same money.
    writeFileSync(
      path.join(tmp.dir, 'b.csv'),
      'Budget line,Date,Amount,Note,Source\nB-1,2026-11-02,15000,peer review,bank export\n',
    );
    expect((await run(['import', 'a.csv'])).code).toBe(0);
    const once = ledger(fw);
    const r = await run(['import', 'b.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^row 2: refused: the same entry is already recorded at fw\d+\/progress\/2026\.yaml:5 \(possible-duplicate\): was the sheet imported before\?/,
    );
    expect(ledger(fw)).toBe(once);
  });

  it('messages a focal point can act on: a decimal comma, a row with a date but no value, sheet order', async () => {
    const { fw, run } = fresh();
    const before = ledger(fw);
    writeFileSync(
      path.join(tmp.dir, 'msgs.csv'),
      [
        'Indicator,Period,country,Value,Date,Source',
        'P1.O1-n,2026-Q4,MN,"12,5",2026-11-20,',
        'P1.O1-n,2026-Q4,KR,,2026-11-20,KR focal point',
        'P1.O1-n,2026-Q4,CN,1,2026-11-20,',
        'P1.O1-n,2026-Q4,MN,"1,500",2026-11-20,',
        '',
      ].join('\n'),
    );
    const r = await run(['import', 'msgs.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'row 3: skipped: a date and source but no value; give the value (or the amount), or clear the row',
      'row 2: refused: value "12,5": decimal comma? write 12.5',
      'row 4: refused: "CN" is not a country of the plan (MN, KR) (did you mean "MN"?) (dimension-value)',
      'row 5: refused: value "1,500": write 1500 without a thousands separator (or 1.500 if the comma is a decimal comma)',
    ]);
    expect(ledger(fw)).toBe(before);
  });
});

describe('property: re-running any import changes nothing', () => {
  const row = fc.oneof(
    fc.record({
      kind: fc.constant('result' as const),
      country: fc.constantFrom('MN', 'KR'),
      value: fc.integer({ min: 0, max: 9 }),
    }),
    fc.record({
      kind: fc.constant('spend' as const),
      amount: fc.integer({ min: 1, max: 99999 }),
      day: fc.integer({ min: 1, max: 28 }),
    }),
  );
  it('whatever rows a sheet holds, a second import is refused and leaves every byte', async () => {
    const cases = fc.sample(fc.array(row, { minLength: 1, maxLength: 6 }), { numRuns: 6, seed: 21 });
    for (const rows of cases) {
      const { fw, run } = fresh();
      // One result per country (a second for the same key would be a duplicate-entry error).
      const seen = new Set<string>();
      const lines = ['Indicator,Period,country,Value,Date,Budget line,Amount'];
      for (const r of rows) {
        if (r.kind === 'result') {
          if (seen.has(r.country)) continue;
          seen.add(r.country);
          lines.push(`P1.O1-n,2026-Q4,${r.country},${r.value},2026-11-20,,`);
        } else lines.push(`,,,,2026-11-${String(r.day).padStart(2, '0')},B-1,${r.amount}`);
      }
      const file = `p${n}.csv`;
      writeFileSync(path.join(tmp.dir, file), `${lines.join('\n')}\n`);
      const first = await run(['import', file]);
      // Two equal spending rows in one sheet are refused as a possible duplicate: then nothing changed.
      const once = ledger(fw);
      const second = await run(['import', file]);
      expect(second.code).toBe(first.code === 0 ? 1 : first.code);
      expect(ledger(fw)).toBe(once);
    }
  });
});
