import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { readXlsx, table, type XSheet } from './read-xlsx.js';

// The report fixture as of 2026-07-01, read back with openpyxl and compared with the JSON outputs
// of status, variance and report (the figures are worked by hand in test/report/report-md.test.ts).

const FIXTURE = 'test/report/fixture';
const AS_OF = '2026-07-01';

async function json(args: string[]) {
  const r = await runCli(['--framework', FIXTURE, ...args, '--as-of', AS_OF, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('export --format xlsx', () => {
  const tmp = tempDir('neaspec-xlsx-');
  const file = path.join(tmp.dir, 'w.xlsx');
  let sheets: XSheet[] = [];
  const sheet = (name: string) => sheets.find((s) => s.name === name) as XSheet;
  beforeAll(async () => {
    const r = await runCli(['--framework', FIXTURE, 'export', '--as-of', AS_OF, '--out', file]);
    expect(r.stderr).toBe(`wrote ${file}\n`);
    expect(r.code).toBe(0);
    sheets = readXlsx(file);
  });
  afterAll(() => tmp.cleanup());

  it('has the sheets, each with the as-of date, the currency and a frozen header row', () => {
    expect(sheets.map((s) => s.name)).toEqual([
      'Summary',
      'Results',
      'Indicators',
      'Periods',
      'Budget',
      'Funding',
      'Decisions',
      'Narratives',
      'Ledger',
    ]);
    for (const s of sheets) {
      const row2 = s.rows.find((r) => r.row === 2)?.cells ?? [];
      expect(row2.map((c) => c.v)).toEqual(['As of', AS_OF, 'Currency', 'USD', 'Plan', 'report-fixture']);
      expect(row2[1]).toMatchObject({ t: 'd', f: 'yyyy-mm-dd' });
      // Rows 1–4 (title, as-of, blank, headers) stay in view; id columns too.
      expect(s.freeze).toMatch(/^[A-C]5$/);
    }
    expect(sheet('Indicators').freeze).toBe('B5');
    expect(sheet('Periods').freeze).toBe('C5');
  });

  it('Indicators: the status figures of status --format json, milestones as level names', async () => {
    const status = await json(['status']);
    const rows = table(sheet('Indicators'));
    expect(rows.map((r) => r.Id?.v)).toEqual(status.indicators.map((i: { id: string }) => i.id));
    for (const ind of status.indicators) {
      const row = rows.find((r) => r.Id?.v === ind.id) as Record<
        string,
        { v: unknown; t: string; f: string }
      >;
      const name = (x: number | null) => (x === null ? null : ind.levels ? ind.levels[x] : x);
      expect(row.Actual?.v ?? null).toEqual(name(ind.actual));
      expect(row['Final target']?.v).toEqual(name(ind.final));
      expect(row.Baseline?.v).toEqual(name(ind.baseline));
      expect(row.Progress?.v ?? null).toEqual(ind.progress);
      if (ind.progress !== null) expect(row.Progress).toMatchObject({ t: 'n', f: '0.0%' });
      expect(row['Latest period']?.v ?? null).toEqual(ind.period);
      const label = {
        'on-track': 'On track',
        'at-risk': 'At risk',
        'off-track': 'Off track',
        'no-data': 'No data',
      };
      expect(row.Status?.v).toBe(label[ind.status as keyof typeof label]);
      if (ind.measure !== 'milestone' && ind.expected !== null) {
        expect(row.Expected).toMatchObject({ v: ind.expected, t: 'n' });
      }
    }
    // Hand-worked: NC.O1-a is drafted (1) against endorsed (2) expected; NC.O1-b 99 against 90.08.
    const nc = rows.find((r) => r.Id?.v === 'NC.O1-a');
    expect([nc?.Actual?.v, nc?.Expected?.v, nc?.['Target 2026']?.v]).toEqual([
      'drafted',
      'endorsed',
      'endorsed',
    ]);
    expect(nc?.Levels?.v).toBe('not started | drafted | endorsed | implemented');
    const b = rows.find((r) => r.Id?.v === 'NC.O1-b');
    expect(b?.Expected?.v).toBeCloseTo(100 - 20 * (181 / 365), 10);
  });

  it('Budget: lines as variance --by line, roll-ups as report JSON, money as formatted numbers', async () => {
    const byLine = await json(['variance', '--by', 'line']);
    const budget = sheet('Budget');
    const rows = table(budget);
    const lines = rows.slice(0, -1);
    expect(lines.map((r) => r.Line?.v)).toEqual(byLine.rows.map((r: { key: string }) => r.key));
    const fields = [
      ['Planned total', 'plannedTotal'],
      ['Planned to date', 'plannedToDate'],
      ['Actual', 'actual'],
      ['Variance', 'variance'],
      ['Remaining', 'remaining'],
    ] as const;
    for (const [i, r] of byLine.rows.entries()) {
      for (const [col, key] of fields) {
        expect(lines[i]?.[col]).toEqual({ v: r[key], t: 'n', f: '#,##0.00' });
      }
      expect(lines[i]?.Execution).toEqual({ v: r.execution, t: 'n', f: '0.0%' });
    }
    // The total row: 147,600.00 planned; 36,798.90 to date; 23,500.50 actual (hand-worked).
    const total = rows.at(-1);
    expect(total?.Line?.v).toBe('Total');
    expect([total?.['Planned total']?.v, total?.['Planned to date']?.v, total?.Actual?.v]).toEqual([
      147600, 36798.9, 23500.5,
    ]);
    expect(lines.find((r) => r.Line?.v === 'B-AP-1')?.['Planned 2026']).toEqual({
      v: 36500,
      t: 'n',
      f: '#,##0.00',
    });

    // Roll-ups below: By programme area and by funding source equal the report's JSON.
    const report = await json(['report']);
    const titleRow = (text: string) =>
      budget.rows.find((r) => String(r.cells[0]?.v).startsWith(text))?.row as number;
    for (const [title, v] of [
      ['By programme area', report.budget.byProgramme],
      ['By funding source', report.budget.bySource],
    ] as const) {
      const part = table(budget, titleRow(title) + 1);
      expect(part.map((r) => r[Object.keys(r)[0] as string]?.v)).toEqual([
        ...v.rows.map((r: { key: string }) => r.key),
        'Total',
      ]);
      for (const [i, r] of [...v.rows, v.total].entries()) {
        for (const [col, key] of fields) expect(part[i]?.[col]?.v).toBe(r[key]);
      }
    }
  });

  it('Summary, Periods and Ledger carry the figures and every entry with its file and line', async () => {
    const summary = Object.fromEntries(table(sheet('Summary')).map((r) => [r.Item?.v, r.Value]));
    expect(summary['Plan id']?.v).toBe('report-fixture');
    expect(summary.Execution).toMatchObject({ t: 'n', f: '0.0%' });
    expect(summary.Execution?.v).toBeCloseTo(23500.5 / 36798.9, 12);
    expect(summary['Planned to date']).toEqual({ v: 36798.9, t: 'n', f: '#,##0.00' });
    expect(summary['Off track']?.v).toBe(1);

    const periods = table(sheet('Periods'));
    // AP.O1.1-a: Q1 1 and Q2 1, actual so far 1 then 2 (cumulative from baseline 0).
    const ap = periods.filter((r) => r.Indicator?.v === 'AP.O1.1-a');
    expect(ap.map((r) => [r.Period?.v, r['Period end']?.v, r.Value?.v, r['Actual so far']?.v])).toEqual([
      ['2026-Q1', '2026-03-31', 1, 1],
      ['2026-Q2', '2026-06-30', 1, 2],
    ]);

    const ledger = table(sheet('Ledger'));
    expect(ledger).toHaveLength(12);
    expect(ledger.map((r) => r.Line?.v)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(new Set(ledger.map((r) => r.File?.v))).toEqual(new Set(['progress/2026.yaml']));
    const spend = ledger.find((r) => r.Kind?.v === 'spend' && r.Amount?.v === 3000.5);
    expect(spend?.['Amount (USD)']).toEqual({ v: 3000.5, t: 'n', f: '#,##0.00' });
    expect(spend?.Date).toMatchObject({ v: '2026-06-20', t: 'd' });
    expect(ledger.find((r) => r['Indicator or budget line']?.v === 'NC.O1-a')?.Value?.v).toBe('drafted');
  });
});

describe('export: the Funding sheet', () => {
  // The import fixture with resources: an opening balance, pledges and contributions (one in
  // KRW at 0.00072 USD: 1,000,000 KRW = 720.00 USD; one in kind), compared with funding JSON.
  const tmp = tempDir('neaspec-xlsx-funding-');
  afterAll(() => tmp.cleanup());
  it('by source with the total row, by contributor and by year: the figures of funding --format json', async () => {
    const fw = path.join(tmp.dir, 'fw');
    cpSync(path.join(ROOT, 'test/import/fixture'), fw, { recursive: true });
    const budget = path.join(fw, 'plan.yaml');
    writeFileSync(
      budget,
      readFileSync(budget, 'utf8').replace(
        '{ id: CORE, title: Core Fund }',
        '{ id: CORE, title: Core Fund, opening_balance: 2500 }',
      ),
    );
    const ledger = path.join(fw, 'progress/2026.yaml');
    writeFileSync(
      ledger,
      `${readFileSync(ledger, 'utf8')}  - { pledge: CORE, from: KR, year: 2026, amount: 3000, date: 2026-02-01 }
  - { contribution: CORE, from: KR, amount: 1000000, currency: KRW, date: 2026-03-10 }
  - { contribution: CORE, from: KR, amount: 500, kind: in-kind, date: 2026-05-10 }
`,
    );
    const file = path.join(tmp.dir, 'f.xlsx');
    const r = await runCli(['--framework', fw, 'export', '--as-of', '2026-11-28', '--out', file]);
    expect(r.code).toBe(0);
    const f = JSON.parse(
      (await runCli(['--framework', fw, 'funding', '--as-of', '2026-11-28', '--format', 'json'])).stdout,
    );
    // Hand-worked: received 720.00 + 500.00 = 1,220.00, in kind 500.00; outstanding 3,000 − 1,220 = 1,780.00;
    // spent 1,000.00; balance 2,500 + 1,220 − 500 − 1,000 = 2,220.00.
    expect(f.total).toMatchObject({
      pledged: 3000,
      received: 1220,
      inKind: 500,
      outstanding: 1780,
      balance: 2220,
    });
    const sheet = readXlsx(file).find((s) => s.name === 'Funding') as XSheet;
    const rows = table(sheet);
    const keys = [
      'planned',
      'pledged',
      'received',
      'inKind',
      'outstanding',
      'secured',
      'gap',
      'opening',
      'spent',
      'balance',
    ];
    const header = [
      'Planned',
      'Pledged',
      'Received',
      'In kind',
      'Outstanding',
      'Secured',
      'Gap',
      'Opening',
      'Spent',
      'Balance',
    ];
    for (const [i, src] of [...f.sources, { key: 'Total', ...f.total }].entries()) {
      expect(rows[i]?.Source?.v).toBe(src.key);
      for (const [k, h] of header.entries()) {
        expect(rows[i]?.[h]).toEqual({ v: src[keys[k] as string], t: 'n', f: '#,##0.00' });
      }
      expect(rows[i]?.Collection?.v ?? null).toBe(src.collection);
    }
    const byTitle = (t: string) => sheet.rows.find((x) => String(x.cells[0]?.v).startsWith(t))?.row as number;
    const contributors = table(sheet, byTitle('By contributor') + 1);
    expect(contributors.map((c) => [c.Contributor?.v, c.Pledged?.v, c.Received?.v])).toEqual(
      f.contributors.map((c: { key: string; pledged: number; received: number }) => [
        c.key,
        c.pledged,
        c.received,
      ]),
    );
    const years = table(sheet, byTitle('By year') + 1);
    expect(years.map((y) => [y.Year?.v, y.Planned?.v, y.Gap?.v])).toEqual(
      f.years.map((y: { key: string; planned: number; gap: number }) => [y.key, y.planned, y.gap]),
    );
  });
});

describe('export: where the workbook goes', () => {
  it('a full disk is one clear line and exit 1; --out "" is a usage error', async () => {
    const full = await runCli(['--framework', FIXTURE, 'export', '--as-of', AS_OF, '--out', '/dev/full']);
    expect(full.stderr).toBe('neaspec-track: cannot write /dev/full: no space left on the device (ENOSPC)\n');
    expect(full.code).toBe(1);
    const empty = await runCli(['--framework', FIXTURE, 'export', '--out', '']);
    expect(empty.stderr).toBe('neaspec-track: --out needs a file name\n');
    expect(empty.code).toBe(2);
  });
});
