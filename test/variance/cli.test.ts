import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runCli, tempDir } from '../helpers/cli.js';
import { FIXTURES } from './helpers.js';

// Figures for the `basic` fixture as of 2028-03-31 are worked by hand in compute.test.ts; they are
// repeated here in the units each format writes.
const FW = ['--framework', path.join(FIXTURES, 'basic')];
const AS_OF = ['--as-of', '2028-03-31'];

describe('variance --format json', () => {
  it('writes the contract’s shape, money rounded to cents, ratios unrounded', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      asOf: '2028-03-31',
      currency: 'USD',
      by: 'line',
      basis: 'pro-rata',
      rows: [
        {
          key: 'L1',
          title: 'Science committee',
          plannedTotal: 4660,
          plannedToDate: 1910,
          actual: 1640,
          variance: 270,
          execution: 1640 / 1910,
          remaining: 3020,
          projected: 2629.04,
          // no revision: the planned total as written
          originalPlannedTotal: 4660,
        },
        {
          key: 'L2',
          title: 'Habitat survey',
          plannedTotal: 600.01,
          plannedToDate: 524.87,
          actual: 600,
          variance: -75.13,
          execution: 60000 / 52487,
          remaining: 0.01,
          projected: 961.84,
          // no revision: the planned total as written
          originalPlannedTotal: 600.01,
        },
        {
          key: 'L3',
          title: 'Secretariat support',
          plannedTotal: 200,
          plannedToDate: 200,
          actual: 150,
          variance: 50,
          execution: 0.75,
          remaining: 50,
          // 15000 × 731 / 456 = 24046.05 → 240.46
          projected: 240.46,
          // no revision: the planned total as written
          originalPlannedTotal: 200,
        },
        {
          key: 'L4',
          title: 'Outreach',
          plannedTotal: 10,
          plannedToDate: 2.49,
          actual: 0,
          variance: 2.49,
          execution: 0,
          remaining: 10,
          projected: 0,
          // no revision: the planned total as written
          originalPlannedTotal: 10,
        },
      ],
      total: {
        plannedTotal: 5470.01,
        plannedToDate: 2637.36,
        actual: 2390,
        variance: 247.36,
        execution: 239000 / 263736,
        remaining: 3080.01,
        projected: 3831.34,
        // no revision: the planned total as written
        originalPlannedTotal: 5470.01,
      },
    });
  });

  it('writes null for execution and projection before the plan', async () => {
    const r = await runCli([...FW, 'variance', '--as-of', '2026-06-01', '--format', 'json', '--by', 'year']);
    const json = JSON.parse(r.stdout);
    expect(json.total.execution).toBeNull();
    expect(json.total.projected).toBeNull();
    expect(json.rows.map((x: { key: string }) => x.key)).toEqual(['2027', '2028']);
  });
});

describe('variance --format table', () => {
  it('right-aligns grouped money, shows execution in percent and ends with the total', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF, '--by', 'year']);
    expect(r.code).toBe(0);
    // 2027: 1700.00 planned, all to date, 1550.00 spent, 155000/170000 = 91.18 %; 2028: see compute.test.ts.
    // Projected on the plan's 456 of 731 days: 155000 × 731 / 456 = 248475.88 → 2,484.76;
    // 84000 × 731 / 456 = 134657.89 → 1,346.58; total 239000 × 731 / 456 = 383133.77 → 3,831.34.
    expect(r.stdout).toBe(
      [
        'Budget versus actual as of 2028-03-31 (USD; by year; planned to date pro rata by days)',
        '',
        'Year   Planned total  Planned to date    Actual  Variance  Execution  Remaining  Projected',
        '─'.repeat(90),
        '2027        1,700.00         1,700.00  1,550.00    150.00      91.2%     150.00   2,484.76',
        '2028        3,770.01           937.36    840.00     97.36      89.6%   2,930.01   1,346.58',
        '─'.repeat(90),
        'Total       5,470.01         2,637.36  2,390.00    247.36      90.6%   3,080.01   3,831.34',
        '',
      ].join('\n'),
    );
  });

  it('colours over-spending red', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF], { color: true });
    const l2 = r.stdout.split('\n').find((l) => l.startsWith('L2'));
    // L2 variance −75.13, execution 60000 / 52487 = 114.3 %.
    // The figure is coloured, its padding is not.
    expect(l2).toContain('  \u001b[31m-75.13\u001b[39m');
    expect(l2).toContain(' \u001b[31m114.3%\u001b[39m');
    const l1 = r.stdout.split('\n').find((l) => l.startsWith('L1'));
    expect(l1).not.toContain('\u001b[31m');
  });

  it('shows an em dash where there is no figure', async () => {
    const r = await runCli([...FW, 'variance', '--as-of', '2026-06-01', '--by', 'year']);
    expect(r.stdout.split('\n').find((l) => l.startsWith('Total'))).toMatch(/—\s+5,470\.01\s+—$/);
  });
});

describe('variance --format csv and md', () => {
  it('csv: the JSON field names, plain decimals, quoted titles, a total row', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF, '--by', 'source', '--format', 'csv']);
    // CORE = L1 + L4: 4670.00 / 1912.49 / 1640.00, execution 164000 / 191249. Nothing is revised:
    // the planned total as written (last column) is the planned total.
    expect(r.stdout.split('\n')).toEqual([
      'key,title,plannedTotal,plannedToDate,actual,variance,execution,remaining,projected,originalPlannedTotal',
      `CORE,Core Fund,4670.00,1912.49,1640.00,272.49,${164000 / 191249},3030.00,2629.04,4670.00`,
      `ROK,Korea contribution,600.01,524.87,600.00,-75.13,${60000 / 52487},0.01,961.84,600.01`,
      '-,(no source),200.00,200.00,150.00,50.00,0.75,50.00,240.46,200.00',
      `total,Total,5470.01,2637.36,2390.00,247.36,${239000 / 263736},3080.01,3831.34,5470.01`,
      '',
    ]);
  });

  it('md: a pipe table with right-aligned figures and a bold total', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF, '--by', 'programme', '--format', 'md']);
    const lines = r.stdout.split('\n');
    expect(lines[2]).toBe(
      '| Programme | Title | Planned total | Planned to date | Actual | Variance | Execution | Remaining | Projected |',
    );
    expect(lines[3]).toBe('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    // "-" = L3 + L4: 210.00, 202.49, 150.00, 52.49, 15000 / 20249 = 74.1 %, 60.00, 240.46.
    expect(lines[6]).toBe(
      '| - | (no programme) | 210.00 | 202.49 | 150.00 | 52.49 | 74.1% | 60.00 | 240.46 |',
    );
    expect(lines[7]).toBe(
      '| **Total** |  | **5,470.01** | **2,637.36** | **2,390.00** | **247.36** | **90.6%** | **3,080.01** | **3,831.34** |',
    );
  });
});

describe('variance options', () => {
  it('--basis year takes D’s whole year', async () => {
    const r = await runCli([...FW, 'variance', ...AS_OF, '--basis', 'year', '--format', 'json']);
    expect(JSON.parse(r.stdout).total.plannedToDate).toBe(5470.01);
  });

  it('--out writes the file, without colour', async () => {
    const t = tempDir();
    try {
      const out = path.join(t.dir, 'v.md');
      const r = await runCli([...FW, 'variance', ...AS_OF, '--out', out], { color: true });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('Total  ');
      expect(text).not.toContain('\u001b[');
    } finally {
      t.cleanup();
    }
  });

  it('defaults --as-of to today', async () => {
    const r = await runCli([...FW, 'variance', '--format', 'json'], { today: '2028-03-31' });
    expect(JSON.parse(r.stdout).asOf).toBe('2028-03-31');
  });

  it.each([
    [['--by', 'country'], /--by must be one of line, result, programme, source, category, year/],
    [['--basis', 'month'], /--basis must be one of pro-rata, year/],
    [['--format', 'html'], /--format must be one of table, json, csv, md/],
    [['--as-of', '2028-02-30'], /not a calendar date/],
    [['--bogus'], /unknown option/],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const r = await runCli([...FW, 'variance', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('an invalid framework exits 1', async () => {
    const t = tempDir();
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        path.join(t.dir, 'plan.yaml'),
        'plan: {id: p, title: P, start: 2028, end: 2028, currency: USD}\nbudget:\n  lines:\n    - {id: L, title: L, planned: {2028: 1}}\nprogress:\n  - {spend: L, date: 2028-01-01, amount: 5, currency: KRW}\n',
      );
      const r = await runCli(['--framework', t.dir, 'variance']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no KRW rate/);
    } finally {
      t.cleanup();
    }
  });
});

describe('the built binary', () => {
  it('prints the csv by category and exits 2 on a bad --by', () => {
    // By category as of 2028-03-31 (figures from compute.test.ts): meetings = L1, staff = L3,
    // studies = L2, "-" = L4 (no category), alphabetical with "-" last.
    const r = runBin([...FW, 'variance', ...AS_OF, '--by', 'category', '--format', 'csv']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'key,title,plannedTotal,plannedToDate,actual,variance,execution,remaining,projected,originalPlannedTotal',
        `meetings,meetings,4660.00,1910.00,1640.00,270.00,${164000 / 191000},3020.00,2629.04,4660.00`,
        'staff,staff,200.00,200.00,150.00,50.00,0.75,50.00,240.46,200.00',
        `studies,studies,600.01,524.87,600.00,-75.13,${60000 / 52487},0.01,961.84,600.01`,
        '-,(no category),10.00,2.49,0.00,2.49,0,10.00,0.00,10.00',
        `total,Total,5470.01,2637.36,2390.00,247.36,${239000 / 263736},3080.01,3831.34,5470.01`,
        '',
      ].join('\n'),
    );
    const bad = runBin([...FW, 'variance', '--by', 'donor']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'neaspec-track: --by must be one of line, result, programme, source, category, year, not "donor"\n',
    );
  });
});
