import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { readXlsx, table } from '../export/read-xlsx.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

// Data rounds on test/import/fixture (today 2026-11-28): template → fill (with openpyxl, an
// independent writer, or as CSV text) → import --dry-run → import. Figures worked by hand:
// P1.O1-n (cumulative, per country): Q1 MN 3 + KR 2 = 5 before the round.

const FIXTURE = path.join(ROOT, 'test/import/fixture');

/** Output without each entry's provenance (`imported: <digest> <row> <day>`), which test/rounds checks. */
const strip = (s: string) => s.replace(/, imported: [0-9a-f]{12} [^}]*\}/g, '}');
const TODAY = '2026-11-28';

/** Every file of a directory, by relative path, with its bytes (to prove nothing changed). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Fills cells of a workbook with openpyxl: {sheet: {"row,header": value}}; values 'date:YYYY-MM-DD' become dates. */
function fillXlsx(src: string, dst: string, fills: Record<string, Record<string, string | number>>): void {
  const script = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for sheet, cells in json.loads(sys.argv[3]).items():
    ws = wb[sheet]
    cols = {c.value: c.column for c in ws[4]}
    for key, v in cells.items():
        row, header = key.split(',', 1)
        if isinstance(v, str) and v.startswith('date:'):
            v = datetime.date.fromisoformat(v[5:])
        ws.cell(int(row), cols[header]).value = v
wb.save(sys.argv[2])
`;
  execFileSync('/usr/bin/python3', ['-c', script, src, dst, JSON.stringify(fills)]);
}

describe('template and import', () => {
  const tmp = tempDir('neaspec-import-');
  const fw = path.join(tmp.dir, 'fw');
  const run = (args: string[]) => runCli(['--framework', fw, ...args], { cwd: tmp.dir, today: TODAY });
  beforeEach(() => {
    cpSync(FIXTURE, fw, { recursive: true, force: true });
    writeFileSync(
      path.join(fw, 'progress/2026.yaml'),
      readFileSync(path.join(FIXTURE, 'progress/2026.yaml')),
    );
  });
  afterAll(() => tmp.cleanup());

  it('template --out .csv: one row per indicator due in the round, and per country; the fill columns empty', async () => {
    const r = await run(['template', '--period', '2026-Q4', '--out', 'q4.csv']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(tmp.dir, 'q4.csv'), 'utf8')).toBe(
      [
        'Indicator,Title,Unit,Period,country,Baseline,Last value (2026-11-28),Target for the year,Value,Numerator,Denominator,Date,Source,Note',
        'P1.O1-n,Officers trained,people,2026-Q4,,0,5,40,,,,,,',
        'P1.O1-n,Officers trained,people,2026-Q4,MN,,3,40,,,,,,',
        'P1.O1-n,Officers trained,people,2026-Q4,KR,,2,40,,,,,,',
        'P1.O1-p,Share of stations reporting,"percent (0–100), or numerator and denominator",2026-Q4,,20,,40,,,,,,',
        // Annual: 2026 ends on 31 December, within Q4 (not in a Q3 round).
        'P1.O1-m,Joint strategy,level: not started / drafted / endorsed,2026,,not started,,drafted,,,,,,',
        '',
      ].join('\n'),
    );
    const q3 = await run(['template', '--period', '2026-Q3', '--out', 'q3.csv']);
    expect(q3.code).toBe(0);
    expect(readFileSync(path.join(tmp.dir, 'q3.csv'), 'utf8')).not.toContain('P1.O1-m');
  });

  it('template .xlsx: ids locked, fill cells unlocked, the as-of date and currency on each sheet', async () => {
    const r = await run(['template', '--period', '2026-Q4']);
    expect(r.stderr).toBe('wrote import-fixture-template-2026-Q4.xlsx\n');
    const sheets = readXlsx(path.join(tmp.dir, 'import-fixture-template-2026-Q4.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Indicators', 'Spending', 'Contributions']);
    const ind = sheets[0] as (typeof sheets)[number];
    expect(ind.protected).toBe(true);
    expect(ind.freeze).toBe('B5');
    const rows = table(ind);
    expect(rows.map((x) => [x.Indicator?.v, x.Period?.v, x.country?.v ?? null])).toEqual([
      ['P1.O1-n', '2026-Q4', null],
      ['P1.O1-n', '2026-Q4', 'MN'],
      ['P1.O1-n', '2026-Q4', 'KR'],
      ['P1.O1-p', '2026-Q4', null],
      ['P1.O1-m', '2026', null],
    ]);
    // A (Indicator) locked; the first fill column (Value, I) unlocked, on data rows 5 and 6.
    expect(ind.locked).toMatchObject({ A5: true, D5: true, I5: false, L5: false, N6: false });
    for (const s of sheets) {
      expect(s.rows.find((x) => x.row === 2)?.cells.map((c) => c.v)).toEqual([
        'As of',
        TODAY,
        'Currency',
        'USD',
        'Plan',
        'import-fixture',
      ]);
    }
    const spending = table(sheets[1] as (typeof sheets)[number]);
    expect(spending[0]?.['Budget line']?.v).toBe('B-1');
    expect(spending[0]?.['Planned 2026']).toEqual({ v: 36500, t: 'n', f: '#,##0.00' });
    expect(spending[0]?.['Spent by 2026-11-28']).toEqual({ v: 1000, t: 'n', f: '#,##0.00' });
  });

  it('a filled workbook: --dry-run writes nothing, then import records every row (all kinds)', async () => {
    await run(['template', '--period', '2026-Q4', '--out', 't.xlsx']);
    fillXlsx(path.join(tmp.dir, 't.xlsx'), path.join(tmp.dir, 'filled.xlsx'), {
      Indicators: {
        '6,Value': 4, // MN
        '6,Date': 'date:2026-11-20',
        '7,Value': 1, // KR
        '7,Date': 'date:2026-11-20',
        '7,Source': 'KR focal point',
        '8,Numerator': 45,
        '8,Denominator': 90,
        '8,Date': 'date:2026-11-21',
        '9,Value': 'drafted',
        '9,Note': 'circulated for comment',
      },
      Spending: { '5,Amount': 1200.5, '5,Date': 'date:2026-11-02', '5,Note': 'course 2' },
    });
    const before = snapshot(fw);
    const dry = await run(['import', 'filled.xlsx', '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(snapshot(fw)).toEqual(before);
    const lines = [
      'Indicators row 6: {VERB} fw/progress/2026.yaml:5: {indicator: P1.O1-n, period: 2026-Q4, value: 4, country: MN, date: 2026-11-20}',
      'Indicators row 7: {VERB} fw/progress/2026.yaml:6: {indicator: P1.O1-n, period: 2026-Q4, value: 1, country: KR, date: 2026-11-20, source: KR focal point}',
      'Indicators row 8: {VERB} fw/progress/2026.yaml:7: {indicator: P1.O1-p, period: 2026-Q4, numerator: 45, denominator: 90, date: 2026-11-21}',
      `Indicators row 9: {VERB} fw/progress/2026.yaml:8: {indicator: P1.O1-m, period: 2026, value: drafted, date: ${TODAY}, note: circulated for comment}`,
      'Spending row 5: {VERB} fw/progress/2026.yaml:9: {spend: B-1, date: 2026-11-02, amount: 1200.5, note: course 2}',
    ];
    // The standing figure of each indicator, as of today: P1.O1-n 5 → 5 + 4 + 1 = 10, expected 40 at
    // the end of 2026 (t = end of Q4): progress 10/40 = 0.25, off-track; P1.O1-p (45/90 = 50 − 20) /
    // (40 − 20) = 1.5, on-track; P1.O1-m drafted against drafted: 1, on-track.
    const standing = [
      'P1.O1-n: 5 → 10 of 80 by 2027 — off-track',
      'P1.O1-p: – → 50 of 60 by 2027 — on-track',
      'P1.O1-m: – → drafted of endorsed by 2027 — on-track',
      '',
    ].join('\n');
    expect(strip(dry.stdout)).toBe(
      `${lines.map((l) => l.replace('{VERB}', 'would record')).join('\n')}\n${standing}5 entries would be recorded (dry run: nothing was written)\n`,
    );

    const r = await run(['import', 'filled.xlsx']);
    expect(r.code).toBe(0);
    expect(strip(r.stdout)).toBe(
      `${lines.map((l) => l.replace('{VERB}', 'recorded')).join('\n')}\n${standing}5 entries recorded\n`,
    );
    // Status as of today: P1.O1-n 5 + (4 + 1) = 10 (Q4 sums its per-country values);
    // P1.O1-p 45 / 90 × 100 = 50; P1.O1-m drafted (index 1).
    const status = JSON.parse((await run(['status', '--as-of', TODAY, '--format', 'json'])).stdout);
    const byId = Object.fromEntries(status.indicators.map((i: { id: string }) => [i.id, i]));
    expect(byId['P1.O1-n']).toMatchObject({ period: '2026-Q4', actual: 10 });
    expect(byId['P1.O1-p']).toMatchObject({ period: '2026-Q4', actual: 50 });
    expect(byId['P1.O1-m']).toMatchObject({ period: '2026', actual: 1 });
    const v = JSON.parse((await run(['variance', '--as-of', TODAY, '--format', 'json'])).stdout);
    expect(v.total.actual).toBe(2200.5);
  });

  it('one bad row refuses them all: every refused row with its sheet row, every file byte for byte as it was', async () => {
    await run(['template', '--period', '2026-Q4', '--out', 't.xlsx']);
    fillXlsx(path.join(tmp.dir, 't.xlsx'), path.join(tmp.dir, 'bad.xlsx'), {
      Indicators: {
        '5,Value': 2, // fine on its own
        '6,Value': 'three', // not a number
        '8,Value': 120, // a percent above 100: the ledger's own check
        '9,Value': 'adopted', // not a level
      },
    });
    const before = snapshot(fw);
    const r = await run(['import', 'bad.xlsx']);
    expect(r.code).toBe(1);
    expect(strip(r.stdout)).toBe('');
    const stderr = r.stderr.split('\n');
    expect(stderr[0]).toBe(
      'Indicators row 6: refused: value "three" is not a plain decimal number such as 12, -3.5 or 12500.00',
    );
    expect(stderr.some((l) => /^Indicators row 8: refused: .*percent/.test(l))).toBe(true);
    expect(stderr.some((l) => /^Indicators row 9: refused: .*adopted/.test(l))).toBe(true);
    expect(stderr.some((l) => l.startsWith('Indicators row 5'))).toBe(false);
    expect(r.stderr).toContain('neaspec-track: refused: 3 rows cannot be recorded; nothing was recorded');
    expect(snapshot(fw)).toEqual(before);
  });

  it('CSV with ";" separators in Windows-1252: detected, said, and read correctly', async () => {
    const text =
      'Indicator;Period;country;Value;Date;Note\r\nP1.O1-n;2026-Q4;MN;2,5;2026-11-20;R\xe9union \xe0 Gen\xe8ve\r\n';
    writeFileSync(path.join(tmp.dir, 'semi.csv'), Buffer.from(text, 'latin1'));
    const r = await run(['import', 'semi.csv']);
    expect(r.stderr).toBe(
      [
        'note: semi.csv: not UTF-8: Windows-1252 text (as Excel saves "CSV (Comma delimited)"), read as Windows-1252',
        'note: semi.csv: fields separated by ";" (read as such; decimal commas read as decimal points)',
        '',
      ].join('\n'),
    );
    expect(strip(r.stdout)).toBe(
      'row 2: recorded fw/progress/2026.yaml:5: {indicator: P1.O1-n, period: 2026-Q4, value: 2.5, country: MN, date: 2026-11-20, note: Réunion à Genève}\n' +
        // 5 + 2.5 = 7.5 against 40 at the end of 2026: progress 0.1875, off-track.
        'P1.O1-n: 5 → 7.5 of 80 by 2027 — off-track\n1 entry recorded\n',
    );
    expect(readFileSync(path.join(fw, 'progress/2026.yaml'), 'utf8')).toContain('note: Réunion à Genève');
  });

  it('Windows-1252 punctuation and the euro sign come in as such, not as C1 control characters', async () => {
    // 0x92 ’ (U+2019), 0x93 “ (U+201C), 0x94 ” (U+201D), 0x96 – (U+2013), 0x80 € (U+20AC), 0xE9 é.
    const bytes = Buffer.concat([
      Buffer.from('Indicator,Period,country,Value,Date,Note\nP1.O1-n,2026-Q4,MN,1,2026-11-20,'),
      Buffer.from([0x92, 0x71, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0xe9]),
      Buffer.from('\n'),
    ]);
    writeFileSync(path.join(tmp.dir, 'cp1252.csv'), bytes);
    const r = await run(['import', 'cp1252.csv']);
    expect(r.code).toBe(0);
    const ledger = readFileSync(path.join(fw, 'progress/2026.yaml'), 'utf8');
    expect(ledger).toContain('note: \u2019q \u201cq\u201d \u2013 \u20ac5 \u00e9');
    expect(ledger).not.toMatch(/[\u0080-\u009f]/);
  });

  it('text in neither UTF-8 nor Windows-1252 (Shift-JIS) is refused, not read as garbage', async () => {
    // 会議 in Shift-JIS: 0x89 0xEF 0x8B 0x63.
    const bytes = Buffer.concat([
      Buffer.from('Indicator,Period,country,Value,Date,Note\nP1.O1-n,2026-Q4,MN,1,2026-11-20,'),
      Buffer.from([0x89, 0xef, 0x8b, 0x63]),
      Buffer.from('\n'),
    ]);
    writeFileSync(path.join(tmp.dir, 'sjis.csv'), bytes);
    const before = snapshot(fw);
    const r = await run(['import', 'sjis.csv']);
    expect(r.stderr).toBe(
      'neaspec-track: sjis.csv: line 2: the file is neither UTF-8 nor Windows-1252 text (a double-byte encoding?): save it as "CSV UTF-8 (Comma delimited)" and import that; nothing was recorded\n',
    );
    expect(r.code).toBe(1);
    expect(snapshot(fw)).toEqual(before);
  });

  it('pledges, contributions (in kind too) and withdrawals come in through the same checks', async () => {
    const csv = [
      'Pledge,Contribution,From,Year,Amount,Kind,Date,Note',
      'CORE,,KR,2027,5000,,2026-11-01,announced',
      ',CORE,KR,,1200,in-kind,2026-11-02,venue',
      '',
      'Indicator,Period,country,Withdrawn,Note',
    ].join('\n');
    writeFileSync(path.join(tmp.dir, 'money.csv'), `${csv.split('\n\n')[0]}\n`);
    const r = await run(['import', 'money.csv']);
    expect(r.stderr).toBe('');
    expect(strip(r.stdout)).toBe(
      [
        'row 2: recorded fw/progress/2026.yaml:5: {pledge: CORE, from: KR, year: 2027, amount: 5000, date: 2026-11-01, note: announced}',
        'row 3: recorded fw/progress/2026.yaml:6: {contribution: CORE, from: KR, amount: 1200, kind: in-kind, date: 2026-11-02, note: venue}',
        '2 entries recorded',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(tmp.dir, 'withdraw.csv'),
      'Indicator,Period,country,Withdrawn,Note\nP1.O1-n,2026-Q1,MN,yes,counted twice\n',
    );
    const w = await run(['import', 'withdraw.csv']);
    expect(w.stderr).toBe('');
    expect(strip(w.stdout)).toContain(
      '{indicator: P1.O1-n, period: 2026-Q1, withdrawn: true, country: MN, date: 2026-11-28, note: counted twice}',
    );
    // Funding as of today: pledged 5,000.00; received 1,200.00, all in kind. P1.O1-n: Q1 is KR's 2 alone.
    const funding = JSON.parse((await run(['funding', '--as-of', TODAY, '--format', 'json'])).stdout);
    expect(funding.total).toMatchObject({ pledged: 5000, received: 1200, inKind: 1200 });
    const status = JSON.parse((await run(['status', '--as-of', TODAY, '--format', 'json'])).stdout);
    const n = status.indicators.find((i: { id: string }) => i.id === 'P1.O1-n');
    expect(n.actual).toBe(2);
    expect(n.breakdown).toEqual([
      { dimension: 'country', value: 'MN', actual: null },
      { dimension: 'country', value: 'KR', actual: 2 },
    ]);
  });

  it('the Contributions sheet of the template: a contribution received, in kind', async () => {
    await run(['template', '--period', '2026-Q4', '--out', 't.xlsx']);
    fillXlsx(path.join(tmp.dir, 't.xlsx'), path.join(tmp.dir, 'c.xlsx'), {
      Contributions: { '5,Amount': 800, '5,Kind': 'in-kind', '5,Date': 'date:2026-11-03', '5,Note': 'venue' },
    });
    const r = await run(['import', 'c.xlsx']);
    expect(strip(r.stdout)).toBe(
      'Contributions row 5: recorded fw/progress/2026.yaml:5: {contribution: CORE, from: KR, amount: 800, kind: in-kind, date: 2026-11-03, note: venue}\n1 entry recorded\n',
    );
    const funding = JSON.parse((await run(['funding', '--as-of', TODAY, '--format', 'json'])).stdout);
    expect(funding.total).toMatchObject({ pledged: 0, received: 800, inKind: 800 });
  });

  it('usage: a missing file is exit 2; a sheet with no known columns is refused', async () => {
    const missing = await run(['import', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^neaspec-track: cannot read nope\.csv: /);
    writeFileSync(path.join(tmp.dir, 'other.csv'), 'a,b\n1,2\n');
    const other = await run(['import', 'other.csv']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no table with an "Indicator" or "Budget line" column');
    const badPeriod = await run(['template', '--period', '2026-Q5']);
    expect(badPeriod.code).toBe(2);
    // A CSV inside the framework would be read as a ledger: refused, nothing written.
    const inside = await run(['template', '--period', '2026-Q4', '--out', 'fw/round.csv']);
    expect(inside.stderr).toBe(
      'neaspec-track: --out fw/round.csv lies inside the framework, where every CSV file is read as a ledger: write the sheet elsewhere\n',
    );
    expect(inside.code).toBe(2);
    expect(existsSync(path.join(fw, 'round.csv'))).toBe(false);
  });
});
