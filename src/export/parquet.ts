import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnType, Table, TableColumn } from '../compute/tables.js';

/**
 * Parquet files of the typed tables (src/compute/tables.ts), written by hyparquet-writer: texts as
 * UTF-8 strings, dates as DATE (days since 1970-01-01), money as DECIMAL(18, scale) held in INT64
 * (the exact minor units, never a float), ratios and figures as DOUBLE, counts and years as INT32.
 * Every column is optional (null where a row has no such field).
 */

/** DECIMAL(18, s) fits INT64; an amount of a zero-decimal currency rescaled to three decimals could pass it (checked). */
const PRECISION = 18;
const LIMIT = 10n ** BigInt(PRECISION);

/** A money value past DECIMAL(18)'s range: the file would not hold it exactly. */
export class ParquetRangeError extends Error {}

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

function element(c: TableColumn): SchemaElement {
  const base = { name: c.name, repetition_type: 'OPTIONAL' as const };
  const kinds: Record<ColumnType, () => SchemaElement> = {
    string: () => ({ ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }),
    double: () => ({ ...base, type: 'DOUBLE' }),
    int: () => ({ ...base, type: 'INT32' }),
    boolean: () => ({ ...base, type: 'BOOLEAN' }),
    date: () => ({ ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } }),
    money: () => ({
      ...base,
      type: 'INT64',
      converted_type: 'DECIMAL',
      scale: c.scale ?? 0,
      precision: PRECISION,
      logical_type: { type: 'DECIMAL', scale: c.scale ?? 0, precision: PRECISION },
    }),
  };
  return kinds[c.type]();
}

/** One table as the bytes of a Parquet file. */
export function parquetBytes(table: Table): Uint8Array {
  for (const c of table.columns) {
    if (c.type !== 'money') continue;
    for (const v of c.values) {
      if (typeof v === 'bigint' && (v >= LIMIT || v <= -LIMIT))
        throw new ParquetRangeError(
          `${table.name}.${c.name}: ${v} (at ${c.scale} decimals) has more than ${PRECISION} digits, more than a Parquet DECIMAL(${PRECISION}) holds`,
        );
    }
  }
  const schema: SchemaElement[] = [
    { name: 'root', num_children: table.columns.length },
    ...table.columns.map(element),
  ];
  const buffer = parquetWriteBuffer({
    columnData: table.columns.map((c) => ({ name: c.name, data: c.values as never[] })),
    schema,
    createdBy: 'neaspec-track',
  });
  return new Uint8Array(buffer);
}
