import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * export --format parquet, read by an independent engine (DuckDB): typed columns, and totals that
 * are the JSON outputs' totals.
 */

const AS_OF = '2026-11-28';
const tmp = tempDir('neaspec-parquet-');
afterAll(() => tmp.cleanup());

let db: Awaited<ReturnType<typeof DuckDBInstance.create>>;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
});
async function query(sql: string): Promise<unknown[][]> {
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowsJson() as unknown[][];
  } finally {
    c.closeSync();
  }
}
async function json(fw: string, args: string[]) {
  const r = await runCli(['--framework', fw, ...args, '--as-of', AS_OF, '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe.each(['frameworks/neaspec-2026-2030', 'examples/donor-project'])('%s', (fw) => {
  const dir = path.join(tmp.dir, fw.replace(/\//g, '_'));
  const file = (t: string) => `'${path.join(dir, `${t}.parquet`)}'`;
  beforeAll(async () => {
    const r = await runCli([
      '--framework',
      fw,
      'export',
      '--format',
      'parquet',
      '--as-of',
      AS_OF,
      '--out',
      dir,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(
      ['entries', 'status', 'variance', 'funding'].map((t) => `wrote ${path.join(dir, `${t}.parquet`)}`),
    );
  });

  it('types its columns: dates as DATE, money as DECIMAL of the currency scale', async () => {
    const types = new Map(
      (await query(`DESCRIBE SELECT * FROM ${file('entries')}`)).map((r) => [r[0], r[1]]),
    );
    expect(types.get('date')).toBe('DATE');
    expect(types.get('planAmount')).toBe('DECIMAL(18,2)');
    expect(types.get('line')).toBe('INTEGER');
    expect(types.get('value')).toBe('DOUBLE');
    expect(types.get('corrects')).toBe('BOOLEAN');
    const v = new Map((await query(`DESCRIBE SELECT * FROM ${file('variance')}`)).map((r) => [r[0], r[1]]));
    expect([v.get('asOf'), v.get('actual'), v.get('execution')]).toEqual(['DATE', 'DECIMAL(18,2)', 'DOUBLE']);
  });

  it('variance: the sums of the line rows are the JSON total', async () => {
    const j = await json(fw, ['variance', '--by', 'line']);
    const [row] = await query(
      `SELECT sum(plannedTotal), sum(plannedToDate), sum(actual), sum(variance), sum(remaining), count(*) FROM ${file('variance')}`,
    );
    const t = j.total;
    expect(row?.map(Number)).toEqual([
      t.plannedTotal,
      t.plannedToDate,
      t.actual,
      t.variance,
      t.remaining,
      j.rows.length,
    ]);
    // Spending in the ledger, converted to the plan currency, adds up to the same actual.
    const [spent] = await query(
      `SELECT sum(planAmount) FROM ${file('entries')} WHERE kind = 'spend' AND date <= DATE '${AS_OF}'`,
    );
    expect(Number(spent?.[0])).toBe(t.actual);
  });

  it('funding: the sums of the source rows are the JSON total', async () => {
    const j = await json(fw, ['funding']);
    const [row] = await query(
      `SELECT sum(planned), sum(pledged), sum(received), sum(inKind), sum(outstanding), sum(gap), sum(balance) FROM ${file('funding')}`,
    );
    const t = j.total;
    expect(row?.map(Number)).toEqual([
      t.planned,
      t.pledged,
      t.received,
      t.inKind,
      t.outstanding,
      t.gap,
      t.balance,
    ]);
  });

  it('status: the rows and the counts of status --format json', async () => {
    const j = await json(fw, ['status']);
    const rows = await query(`SELECT id, actual, progress, status FROM ${file('status')}`);
    expect(rows).toEqual(
      j.indicators.map(
        (i: { id: string; actual: number | null; progress: number | null; status: string }) => [
          i.id,
          i.actual,
          i.progress,
          i.status,
        ],
      ),
    );
    const counts = Object.fromEntries(
      (await query(`SELECT status, count(*) FROM ${file('status')} GROUP BY status`)).map((r) => [
        r[0],
        Number(r[1]),
      ]),
    );
    for (const [k, n] of Object.entries(j.summary)) expect(counts[k] ?? 0).toBe(n);
  });
});

describe('a portfolio', () => {
  const dir = path.join(tmp.dir, 'portfolio');
  const file = (t: string) => `'${path.join(dir, `${t}.parquet`)}'`;
  it("has every framework's rows, each naming its framework", async () => {
    const ex = 'examples/portfolio';
    const r = await runCli([
      'export',
      '--format',
      'parquet',
      '--as-of',
      '2026-12-31',
      '--out',
      dir,
      `${ex}/programme`,
      `${ex}/project-a`,
      `${ex}/project-b`,
    ]);
    expect(r.code).toBe(0);
    // Entries: the programme has none; A 7, B 4 (examples/portfolio/*/plan.yaml).
    expect(
      await query(`SELECT framework, count(*) FROM ${file('entries')} GROUP BY framework ORDER BY framework`),
    ).toEqual([
      ['project-a', '7'],
      ['project-b', '4'],
    ]);
    expect(
      await query(`SELECT framework, count(*) FROM ${file('status')} GROUP BY framework ORDER BY framework`),
    ).toEqual([
      ['project-a', '5'],
      ['project-b', '4'],
      ['water-programme', '4'],
    ]);
    // Planned money by framework: the programme 60,000, A 130,000, B 80,000.
    expect(
      await query(
        `SELECT framework, sum(plannedTotal) FROM ${file('variance')} GROUP BY framework ORDER BY framework`,
      ),
    ).toEqual([
      ['project-a', '130000.00'],
      ['project-b', '80000.00'],
      ['water-programme', '60000.00'],
    ]);
  });

  it('refuses framework paths for another format, and parquet without --out', async () => {
    expect((await runCli(['export', '--format', 'xlsx', 'examples/minimal'])).code).toBe(2);
    const r = await runCli(['--framework', 'examples/minimal', 'export', '--format', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs --out DIR');
  });
});
