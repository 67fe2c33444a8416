import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { computeTables, type TableSource } from '../../compute/tables.js';
import type { Day } from '../../core/dates.js';
import { ParquetRangeError, parquetBytes } from '../../export/parquet.js';
import { realPath } from '../../load/portfolio.js';
import { writeBinary } from '../binary-out.js';
import { CliError, type GlobalOptions, type Io, loadValid } from '../context.js';

/**
 * `export --format parquet --out DIR [PATH...]`: entries.parquet, status.parquet, variance.parquet
 * (by line) and funding.parquet (by source) in DIR, for the selected framework — or, with PATHs,
 * for every framework given (a portfolio), each row naming its framework.
 */
export async function runParquet(
  io: Io,
  global: GlobalOptions,
  paths: string[],
  asOf: Day,
  out: string | undefined,
): Promise<number> {
  if (out === undefined || out.trim() === '')
    throw new CliError('export --format parquet needs --out DIR, the folder to write its files to', 2);
  const seen = new Map<string, string>();
  for (const p of paths) {
    const real = realPath(path.resolve(io.cwd, p));
    const first = seen.get(real);
    if (first !== undefined)
      throw new CliError(
        `export: ${p} is the same framework as ${first}; each is given once (its rows would be counted twice)`,
        2,
      );
    seen.set(real, p);
  }
  const loaded = paths.length
    ? paths.map((p) => loadValid(io, { ...global, framework: p }))
    : [loadValid(io, global)];
  const sources: TableSource[] = loaded.map(({ framework, root }) => ({
    framework,
    fileOf: (name: string) =>
      path.relative(root, path.resolve(io.cwd, name)).split(path.sep).join('/') || path.basename(name),
  }));
  const ids = new Map<string, string>();
  for (const { framework } of sources) {
    const other = ids.get(framework.plan.id);
    if (other !== undefined)
      throw new CliError(
        `export: two frameworks have the plan id ${framework.plan.id} (${other}, ${framework.root}): their rows could not be told apart`,
        1,
      );
    ids.set(framework.plan.id, framework.root);
  }
  const tables = computeTables(sources, asOf);
  const dir = path.resolve(io.cwd, out);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create the folder ${out}: ${(e as Error).message}`, 1);
  }
  for (const t of tables) {
    let bytes: Uint8Array;
    try {
      bytes = parquetBytes(t);
    } catch (e) {
      if (e instanceof ParquetRangeError) throw new CliError(e.message, 1);
      throw e;
    }
    writeBinary(io, bytes, path.join(out, `${t.name}.parquet`));
  }
  return 0;
}
