import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { HAND } from './fixture.js';

// The figures are those worked by hand in figures.test.ts, in the units each format writes.
const t = tempDir('neaspec-funding-');
afterAll(() => t.cleanup());
for (const [name, text] of Object.entries(HAND)) {
  mkdirSync(path.dirname(path.join(t.dir, name)), { recursive: true });
  writeFileSync(path.join(t.dir, name), text);
}
const FW = ['--framework', t.dir];
const AS_OF = ['--as-of', '2026-12-31'];

describe('funding --format json', () => {
  it('writes the contract’s shape, money in dollars rounded to cents, ratios unrounded', async () => {
    const r = await runCli([...FW, 'funding', ...AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['asOf', 'currency', 'sources', 'contributors', 'years', 'total']);
    expect(j.asOf).toBe('2026-12-31');
    expect(j.currency).toBe('USD');
    expect(j.sources[1]).toEqual({
      key: 'PRJ',
      title: 'Project fund',
      planned: 20000,
      pledged: 13000,
      received: 3000,
      inKind: 3000,
      outstanding: 10000,
      secured: 13000,
      notYetDue: 10000,
      gap: 7000,
      opening: 0,
      spent: 2000,
      balance: -2000,
      collection: 3000 / 13000,
    });
    expect(j.contributors[2]).toEqual({
      key: 'JP',
      title: 'Japan',
      pledged: 0,
      received: 8000,
      inKind: 0,
      outstanding: 0,
      secured: 8000,
      notYetDue: 0,
      collection: null,
    });
    expect(j.years[1]).toEqual({
      key: '2027',
      planned: 60000,
      pledged: 10000,
      received: 0,
      inKind: 0,
      outstanding: 10000,
      secured: 10000,
      notYetDue: 10000,
      gap: 50000,
    });
    expect(j.total).toEqual({
      planned: 135000,
      pledged: 48000,
      received: 30900,
      inKind: 3000,
      outstanding: 25600,
      secured: 56500,
      notYetDue: 10000,
      gap: 78500,
      opening: 10000,
      spent: 15000,
      balance: 22900,
      collection: 30900 / 48000,
    });
  });
});

describe('funding --format csv and md', () => {
  it('csv: one table, sections told apart, plain decimals', async () => {
    const r = await runCli([...FW, 'funding', ...AS_OF, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'section,key,title,planned,pledged,received,inKind,outstanding,secured,gap,opening,spent,balance,collection',
    );
    expect(lines[1]).toBe(
      `source,CORE,Core Fund,110000.00,35000.00,27900.00,0.00,15600.00,43500.00,66500.00,10000.00,12500.00,25400.00,${27900 / 35000}`,
    );
    expect(lines[4]).toBe(
      `total,total,Total,135000.00,48000.00,30900.00,3000.00,25600.00,56500.00,78500.00,10000.00,15000.00,22900.00,${30900 / 48000}`,
    );
    expect(lines[7]).toBe('contributor,JP,Japan,,0.00,8000.00,0.00,0.00,8000.00,,,,,');
    expect(lines[9]).toBe('year,2026,2026,75000.00,38000.00,30900.00,3000.00,15600.00,46500.00,28500.00,,,,');
    expect(lines.length).toBe(12); // header, 3 sources, total, 4 contributors, 2 years, final newline
  });

  it('md: three pipe tables with every column', async () => {
    const r = await runCli([...FW, 'funding', ...AS_OF, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '| Source | Title | Pledged | Received | In kind | Outstanding | Collection | Planned | Secured | Gap | Opening | Spent | Cash balance |',
    );
    expect(r.stdout).toContain(
      '| PRJ | Project fund | 13,000.00 | 3,000.00 | 3,000.00 | 10,000.00 | 23.1% | 20,000.00 | 13,000.00 | 7,000.00 | 0.00 | 2,000.00 | -2,000.00 |',
    );
    expect(r.stdout).toContain(
      '| MN | Mongolia | 8,000.00 | 8,500.00 | 0.00 | 106.3% | 3,000.00 | 8,500.00 |',
    );
  });
});

describe('funding --format table', () => {
  it('fits 80 columns, splitting a table into blocks that repeat the key, named for their columns', async () => {
    const r = await runCli([...FW, 'funding', ...AS_OF]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain(`By source: pledged and received
Source    Pledged   Received   In kind  Outstanding  Collection
───────────────────────────────────────────────────────────────
CORE    35,000.00  27,900.00      0.00    15,600.00       79.7%
PRJ     13,000.00   3,000.00  3,000.00    10,000.00       23.1%
-            0.00       0.00      0.00         0.00           —
───────────────────────────────────────────────────────────────
Total   48,000.00  30,900.00  3,000.00    25,600.00       64.4%
`);
    expect(r.stdout).toContain(`By source: funding against the plan; cash
Source     Planned    Secured        Gap    Opening      Spent  Cash balance
────────────────────────────────────────────────────────────────────────────
CORE    110,000.00  43,500.00  66,500.00  10,000.00  12,500.00     25,400.00
PRJ      20,000.00  13,000.00   7,000.00       0.00   2,000.00     -2,000.00
-         5,000.00       0.00   5,000.00       0.00     500.00       -500.00
────────────────────────────────────────────────────────────────────────────
Total   135,000.00  56,500.00  78,500.00  10,000.00  15,000.00     22,900.00
`);
  });

  it('text is the same format as table', async () => {
    const a = await runCli([...FW, 'funding', ...AS_OF, '--format', 'text']);
    const b = await runCli([...FW, 'funding', ...AS_OF, '--format', 'table']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('funding usage errors', () => {
  it('a bad --format or --as-of is exit 2 with one line', async () => {
    const f = await runCli([...FW, 'funding', '--format', 'html']);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe('neaspec-track: --format must be one of table, json, csv, md, not "html"\n');
    const d = await runCli([...FW, 'funding', '--as-of', '2026-02-30']);
    expect(d.code).toBe(2);
    expect(d.stderr).toBe('neaspec-track: --as-of "2026-02-30" is not a calendar date (YYYY-MM-DD)\n');
  });
});
