import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** `status` end to end on test/status/fixtures/basic (figures worked out by hand in the comments). */

const FW = ['--framework', 'test/status/fixtures/basic'];
const status = (...args: string[]) => runCli([...FW, 'status', ...args]);

const CONTRACT_KEYS = [
  'id',
  'result',
  'programme',
  'title',
  'unit',
  'measure',
  'direction',
  'aggregation',
  'baseline',
  'period',
  'actual',
  'expected',
  'final',
  'progress',
  'status',
  'achieved',
  'forecast',
  'overdue',
  'missing',
  'revisions',
  'originalFinal',
  'incomplete',
];

describe('status --format json', () => {
  it('gives the contract shape and the hand-worked figures', async () => {
    const r = await status('--as-of', '2027-02-01', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['asOf', 'plan', 'indicators', 'summary']);
    expect(j.asOf).toBe('2027-02-01');
    expect(j.plan).toEqual({
      id: 'fixture-2026-2030',
      title: 'Fixture Plan 2026–2030',
      start: 2026,
      end: 2030,
      currency: 'USD',
    });
    const by = Object.fromEntries(j.indicators.map((i: { id: string }) => [i.id, i]));
    // AP.O1.1-a, cumulative: the correction of 2027-01-10 (2) stands over the 2026-11-02 entry (1).
    // actual = 2 + 2 = 4; t = 2026-12-31, the 2026 target 4: progress = (4 − 2)/(4 − 2) = 1. One point: no forecast.
    expect(by['AP.O1.1-a']).toMatchObject({
      period: '2026',
      actual: 4,
      expected: 4,
      progress: 1,
      status: 'on-track',
    });
    expect(by['AP.O1.1-a'].forecast).toBeNull();
    // AP.O1-b, decrease, level: 2026-H2 = 37 at t = 2026-12-31, expected 36: progress = (37 − 40)/(36 − 40) = 0.75.
    // Forecast through (2026-06-30, 39) and (2026-12-31, 37), 184 days apart; 2030-12-31 is 1645 days after
    // 2026-06-30: 39 − 2 × 1645/184 = 39 − 17.8804… = 21.1195652…
    expect(by['AP.O1-b']).toMatchObject({
      period: '2026-H2',
      actual: 37,
      expected: 36,
      progress: 0.75,
      status: 'at-risk',
    });
    expect(by['AP.O1-b'].forecast).toBeCloseTo(39 - (2 * 1645) / 184, 9);
    // AP.O1-c, milestone: drafted = 1; expected at 2026-12-31 = 2 × 365/730 = 1; progress 1. Indices in JSON.
    expect(by['AP.O1-c']).toMatchObject({ baseline: 0, actual: 1, expected: 1, final: 3, progress: 1 });
    expect(by['AP.O1-c'].levels).toEqual(['not started', 'drafted', 'endorsed', 'implemented']);
    // NC.O1-a: per-country percents without numerators, no total: 2026 is missing → no data; 2026 ended → overdue.
    expect(by['NC.O1-a']).toMatchObject({
      period: null,
      actual: null,
      progress: null,
      status: 'no-data',
      overdue: true,
    });
    expect(by['NC.O1-a'].breakdown).toEqual([
      { dimension: 'country', value: 'JP', actual: 25 },
      { dimension: 'country', value: 'MN', actual: 40 },
    ]);
    // NC.O1-b: no entry; the plan's first period 2026 ended before D → overdue.
    expect(by['NC.O1-b']).toMatchObject({ status: 'no-data', overdue: true, achieved: false });
    expect(j.summary).toEqual({ 'on-track': 2, 'at-risk': 1, 'off-track': 0, 'no-data': 2 });
    // Missing as of 2027-02-01: the periods that ended before it are 2026 (annual) and 2026-H1, 2026-H2
    // (semiannual). Only NC.O1-a (2026 counts as missing: percents without numerators) and NC.O1-b (no
    // entry) lack a total. No revisions in this fixture: originalFinal is the final target.
    expect(
      Object.fromEntries(j.indicators.map((i: { id: string; missing: string[] }) => [i.id, i.missing])),
    ).toEqual({
      'AP.O1.1-a': [],
      'AP.O1-b': [],
      'AP.O1-c': [],
      'NC.O1-a': ['2026'],
      'NC.O1-b': ['2026'],
    });
    for (const i of j.indicators) {
      expect(i.revisions).toEqual([]);
      expect(i.originalFinal).toBe(i.final);
    }
    // Exactly the contract's fields: `levels` only for milestones, `breakdown` only when disaggregated.
    for (const i of j.indicators) {
      const extra = [...(i.levels ? ['levels'] : []), ...(i.breakdown ? ['breakdown'] : [])];
      expect(Object.keys(i)).toEqual([...CONTRACT_KEYS, ...extra]);
    }
    expect(r.stderr).toMatch(/^warning: NC\.O1-a 2026: .*counts as missing\n$/);
  });

  it('entries dated after --as-of do not exist', async () => {
    // As of 2026-11-28 the correction and the 2026-H2 entry lie in the future: AP.O1.1-a actual = 2 + 1 = 3,
    // progress (3 − 2)/(4 − 2) = 0.5; AP.O1-b is at 2026-H1.
    const j = JSON.parse((await status('--format', 'json')).stdout);
    expect(j.asOf).toBe('2026-11-28');
    expect(j.indicators[0]).toMatchObject({ id: 'AP.O1.1-a', actual: 3, progress: 0.5, status: 'at-risk' });
    expect(j.indicators[1]).toMatchObject({ id: 'AP.O1-b', period: '2026-H1' });
  });
});

describe('filters', () => {
  const ids = async (...args: string[]) =>
    JSON.parse((await status('--as-of', '2027-02-01', '--format', 'json', ...args)).stdout).indicators.map(
      (i: { id: string }) => i.id,
    );
  it('by programme, by result (and the results below it), by status', async () => {
    expect(await ids('--programme', 'NC')).toEqual(['NC.O1-a', 'NC.O1-b']);
    expect(await ids('--result', 'AP.O1')).toEqual(['AP.O1.1-a', 'AP.O1-b', 'AP.O1-c']);
    expect(await ids('--result', 'AP.O1.1')).toEqual(['AP.O1.1-a']);
    expect(await ids('--status', 'at-risk,no-data')).toEqual(['AP.O1-b', 'NC.O1-a', 'NC.O1-b']);
    expect(await ids('--status', 'at-risk', '--status', 'on-track', '--programme', 'AP')).toEqual([
      'AP.O1.1-a',
      'AP.O1-b',
      'AP.O1-c',
    ]);
  });
  it('an unknown id or a bad status is a usage error (exit 2), with the nearest id', async () => {
    const p = await status('--programme', 'NX');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('no programme "NX" (did you mean "NC"?)');
    const s = await status('--status', 'offtrack');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('did you mean "off-track"');
  });
});

describe('usage errors', () => {
  it('a malformed --as-of or --format exits 2', async () => {
    expect((await status('--as-of', '2027-02-30')).code).toBe(2);
    expect((await status('--as-of', 'yesterday')).code).toBe(2);
    expect((await status('--format', 'xml')).code).toBe(2);
  });
});

describe('csv, md and table', () => {
  it('csv: a header and one row per indicator', async () => {
    const r = await status('--as-of', '2027-02-01', '--format', 'csv');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(CONTRACT_KEYS.join(','));
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      'AP.O1.1-a,AP.O1.1,AP,Policy reports published,reports,number,increase,cumulative,2,2026,4,4,12,1,on-track,false,,false,,,12,',
    );
  });

  it('md: a GitHub-flavoured table and the counts', async () => {
    const r = await status('--as-of', '2027-02-01', '--format', 'md');
    const lines = r.stdout.split('\n');
    expect(lines).toContain(
      '| AP | AP.O1 | AP.O1-b PM2.5 annual mean in partner cities | 2026-H2 | 40 | 37 | 36 | 20 | 75% | 21.12 | at-risk |',
    );
    expect(lines).toContain('5 indicators: 2 on-track, 1 at-risk, 0 off-track, 2 no-data; 2 overdue');
  });

  it('table: grouped by programme and result, no colour unless allowed, ends with the counts', async () => {
    const plain = await status('--as-of', '2027-02-01');
    expect(plain.stdout).not.toContain('\x1b[');
    const lines = plain.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Fixture Plan 2026–2030 — indicator status as of 2027-02-01');
    expect(lines.at(-1)).toBe('5 indicators: 2 on-track, 1 at-risk, 0 off-track, 2 no-data; 2 overdue');
    const ap = lines.findIndex((l) => l.startsWith('AP  Air pollution'));
    const nc = lines.findIndex((l) => l.startsWith('NC  Nature conservation'));
    expect(ap).toBeGreaterThan(0);
    expect(nc).toBeGreaterThan(ap);
    expect(lines.find((l) => l.includes('AP.O1-b  PM2.5'))).toMatch(/████████░░\s+75%\s+█▁\s+at-risk$/);
    expect(lines.find((l) => l.includes('AP.O1-c'))).toContain('not started');
    const coloured = await runCli([...FW, 'status', '--as-of', '2027-02-01'], { color: true });
    expect(coloured.stdout).toContain('\x1b[33mat-risk');
  });

  it('--out writes the file', async () => {
    const t = tempDir();
    try {
      const out = path.join(t.dir, 's.json');
      const r = await status('--as-of', '2027-02-01', '--format', 'json', '--out', out);
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).summary['on-track']).toBe(2);
    } finally {
      t.cleanup();
    }
  });
});

describe('--explain', () => {
  it('shows every entry with file:line and why it was used or ignored, and each step', async () => {
    const r = await status('--explain', 'AP.O1.1-a', '--as-of', '2027-01-09');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('defined at test/status/fixtures/basic/plan.yaml:20');
    expect(out).toContain(
      'test/status/fixtures/basic/progress/2026.yaml:2  2026 total = 1, dated 2026-11-02 — used',
    );
    expect(out).toContain(
      'test/status/fixtures/basic/progress/2026.yaml:8  2026 total = 2, dated 2027-01-10, corrects — ignored: dated 2027-01-10, after 2027-01-09',
    );
    expect(out).toContain("cumulative: baseline + every period's total = 2 + 1 = 3");
    expect(out).toContain('t is the curve point 2026-12-31: expected = 4');
    expect(out).toContain('progress = (actual − baseline) / (expected − baseline) = (3 − 2) / (4 − 2) = 0.5');
    expect(out).toContain('status: 0.5 ≤ 0.5 < 0.85 → at-risk');
  });

  it('names the correction that supersedes an entry', async () => {
    const r = await status('--explain', 'AP.O1.1-a', '--as-of', '2027-02-01');
    expect(r.stdout).toContain(
      '2026.yaml:2  2026 total = 1, dated 2026-11-02 — ignored: superseded by the correction at test/status/fixtures/basic/progress/2026.yaml:8 (a later date)',
    );
  });

  it('shows the interpolation and the forecast arithmetic', async () => {
    const r = await status('--explain', 'AP.O1-b', '--as-of', '2026-09-01');
    // t = 2026-06-30: 181 of 365 days from (2025-12-31, 40) to (2026-12-31, 36): 40 − 4 × 181/365 = 38.016438…
    expect(r.stdout).toContain('expected = 40 + (36 − 40) × 181 / 365 = 38.016438');
    expect(r.stdout).toContain('1 point(s): needs two or more → none');
    const f = await status('--explain', 'AP.O1-b', '--as-of', '2027-02-01');
    expect(f.stdout).toContain('x̄ = 92, ȳ = 38; Σ(x − x̄)(y − ȳ) = -184, Σ(x − x̄)² = 16928');
  });

  it('an unknown id exits 2 (a usage error) with a suggestion', async () => {
    const r = await status('--explain', 'AP.O1-x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no indicator "AP.O1-x" (did you mean "AP.O1-b"?)');
  });
});
