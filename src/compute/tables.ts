import type { Day } from '../core/dates.js';
import { currencyDigits } from '../core/money.js';
import { formatPeriod } from '../core/periods.js';
import type { Entry, Framework } from '../model/framework.js';
import { computeFunding } from './funding.js';
import { computeStatus } from './status.js';
import { computeVariance } from './variance.js';

/**
 * The framework's entries and figures as typed tables, for columnar formats (Parquet): one row per
 * ledger entry, status indicator, budget line and funding source, with the JSON shapes' field
 * names as columns. Pure; an exporter (src/export/parquet.ts) writes them.
 */

/** A column's type: money is an exact decimal (bigint minor units at the column's `scale`), dates calendar days. */
export type ColumnType = 'string' | 'double' | 'int' | 'boolean' | 'date' | 'money';
export type TableValue = string | number | boolean | bigint | null;

export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Money: the decimal places of its values. */
  scale?: number;
  values: TableValue[];
}

export interface Table {
  name: 'entries' | 'status' | 'variance' | 'funding';
  columns: TableColumn[];
}

/** One framework of the export, and how its entries' files are named (relative to its root). */
export interface TableSource {
  framework: Framework;
  fileOf: (name: string) => string;
}

type Getter<R> = (row: R, fw: Framework) => TableValue;
interface Spec<R> {
  name: string;
  type: ColumnType;
  get: Getter<R>;
  /** Money: the decimal places of the value for this framework (it is rescaled to the column's). */
  digits?: (row: R, fw: Framework) => number;
}

/** Builds a table from per-framework rows: a `framework` column first, money rescaled to one scale per column. */
function table<R>(
  name: Table['name'],
  parts: { fw: Framework; rows: readonly R[] }[],
  specs: Spec<R>[],
): Table {
  const all: Spec<R>[] = [{ name: 'framework', type: 'string', get: (_r, fw) => fw.plan.id }, ...specs];
  const columns: TableColumn[] = all.map((s) => {
    const col: TableColumn = { name: s.name, type: s.type, values: [] };
    if (s.type === 'money') {
      let scale = 0;
      for (const { fw, rows } of parts)
        for (const r of rows) scale = Math.max(scale, (s.digits as NonNullable<Spec<R>['digits']>)(r, fw));
      col.scale = scale;
    }
    return col;
  });
  for (const { fw, rows } of parts) {
    for (const r of rows) {
      for (let c = 0; c < all.length; c++) {
        const s = all[c] as Spec<R>;
        const col = columns[c] as TableColumn;
        let v = s.get(r, fw);
        if (s.type === 'money' && typeof v === 'bigint') {
          const d = (s.digits as NonNullable<Spec<R>['digits']>)(r, fw);
          if (d < (col.scale as number)) v *= 10n ** BigInt((col.scale as number) - d);
        }
        col.values.push(v);
      }
    }
  }
  return { name, columns };
}

const planDigits = (_r: unknown, fw: Framework) => fw.plan.digits;
const text = (name: string, get: Getter<Entry>): Spec<Entry> => ({ name, type: 'string', get });

/** Column names the ledger table uses itself: a dimension of that name gets a `dimension.` prefix. */
const ENTRY_COLUMNS = new Set([
  'framework',
  'kind',
  'date',
  'indicator',
  'period',
  'value',
  'level',
  'numerator',
  'denominator',
  'corrects',
  'withdrawn',
  'spend',
  'pledge',
  'contribution',
  'from',
  'year',
  'amount',
  'currency',
  'inKind',
  'source',
  'note',
  'file',
  'line',
  'planAmount',
]);

/** The four tables of the given frameworks as of `asOf` (variance by line, pro rata; funding by source). */
export function computeTables(sources: readonly TableSource[], asOf: Day): Table[] {
  const dims: string[] = [];
  for (const { framework } of sources)
    for (const d of Object.keys(framework.plan.dimensions)) if (!dims.includes(d)) dims.push(d);
  const files = new Map<Framework, TableSource['fileOf']>(sources.map((s) => [s.framework, s.fileOf]));
  const result = (e: Entry) => (e.kind === 'result' ? e : undefined);
  const money = (e: Entry) => (e.kind === 'result' ? undefined : e);
  const ind = new Map<Framework, Map<string, Framework['indicators'][number]>>(
    sources.map((s) => [s.framework, new Map(s.framework.indicators.map((i) => [i.id, i]))]),
  );
  const entrySpecs: Spec<Entry>[] = [
    text('kind', (e: Entry) => e.kind),
    { name: 'date', type: 'date', get: (e) => e.date },
    text('indicator', (e: Entry) => result(e)?.indicator ?? null),
    text('period', (e: Entry) => {
      const r = result(e);
      return r ? formatPeriod(r.period) : null;
    }),
    // A milestone's value is its level index here, and its level's name in `level`.
    { name: 'value', type: 'double', get: (e) => result(e)?.value ?? null },
    text('level', (e: Entry, fw: Framework) => {
      const r = result(e);
      if (!r || r.value === undefined) return null;
      return ind.get(fw)?.get(r.indicator)?.levels?.[r.value] ?? null;
    }),
    { name: 'numerator', type: 'double', get: (e) => result(e)?.numerator ?? null },
    { name: 'denominator', type: 'double', get: (e) => result(e)?.denominator ?? null },
    ...dims.map(
      (d): Spec<Entry> =>
        text(ENTRY_COLUMNS.has(d) ? `dimension.${d}` : d, (e: Entry) => result(e)?.dims[d] ?? null),
    ),
    { name: 'corrects', type: 'boolean', get: (e) => (e.kind === 'result' ? e.corrects : null) },
    { name: 'withdrawn', type: 'boolean', get: (e) => (e.kind === 'result' ? e.withdrawn : null) },
    text('spend', (e: Entry) => (e.kind === 'spend' ? e.line : null)),
    text('pledge', (e: Entry) => (e.kind === 'pledge' ? e.fund : null)),
    text('contribution', (e: Entry) => (e.kind === 'contribution' ? e.fund : null)),
    text('from', (e: Entry) => (e.kind === 'pledge' || e.kind === 'contribution' ? e.from : null)),
    {
      name: 'year',
      type: 'int',
      get: (e) => (e.kind === 'pledge' || e.kind === 'contribution' ? e.year : null),
    },
    {
      name: 'amount',
      type: 'money',
      get: (e) => money(e)?.amount ?? null,
      digits: (e) => {
        const m = money(e);
        return m ? currencyDigits(m.currency) : 0;
      },
    },
    text('currency', (e: Entry) => money(e)?.currency ?? null),
    { name: 'inKind', type: 'boolean', get: (e) => (e.kind === 'contribution' ? e.inKind : null) },
    text('source', (e: Entry) => e.source ?? null),
    text('note', (e: Entry) => e.note ?? null),
    text('file', (e: Entry, fw: Framework) => (files.get(fw) as TableSource['fileOf'])(e.src.file.name)),
    { name: 'line', type: 'int', get: (e) => e.src.file.locate(e.src.path).line },
    { name: 'planAmount', type: 'money', get: (e) => money(e)?.planAmount ?? null, digits: planDigits },
  ];

  const status = sources.map(({ framework: fw }) => ({ fw, rows: computeStatus(fw, asOf).indicators }));
  type S = (typeof status)[number]['rows'][number];
  const num = (name: keyof S): Spec<S> => ({ name, type: 'double', get: (s) => s[name] as number | null });
  const str = (name: keyof S): Spec<S> => ({ name, type: 'string', get: (s) => s[name] as string | null });
  const statusSpecs: Spec<S>[] = [
    { name: 'asOf', type: 'date', get: () => asOf },
    str('id'),
    str('result'),
    str('programme'),
    str('title'),
    str('unit'),
    str('measure'),
    str('direction'),
    str('aggregation'),
    num('baseline'),
    str('period'),
    num('actual'),
    num('expected'),
    num('final'),
    num('progress'),
    str('status'),
    { name: 'achieved', type: 'boolean', get: (s) => s.achieved },
    num('forecast'),
    { name: 'overdue', type: 'boolean', get: (s) => s.overdue },
    // Lists as one text, space-separated (neither periods nor ids hold a space), as in CSV.
    { name: 'missing', type: 'string', get: (s) => s.missing.join(' ') },
    { name: 'revisions', type: 'string', get: (s) => s.revisions.join(' ') },
    num('originalFinal'),
  ];

  const variance = sources.map(({ framework: fw }) => ({
    fw,
    rows: computeVariance(fw, asOf, 'line', 'pro-rata').rows,
  }));
  type V = (typeof variance)[number]['rows'][number];
  const vMoney = (name: keyof V): Spec<V> => ({
    name,
    type: 'money',
    get: (r) => r[name] as bigint | null,
    digits: planDigits,
  });
  const varianceSpecs: Spec<V>[] = [
    { name: 'asOf', type: 'date', get: () => asOf },
    { name: 'currency', type: 'string', get: (_r, fw) => fw.plan.currency },
    { name: 'key', type: 'string', get: (r) => r.key },
    { name: 'title', type: 'string', get: (r) => r.title },
    vMoney('plannedTotal'),
    vMoney('plannedToDate'),
    vMoney('actual'),
    vMoney('variance'),
    { name: 'execution', type: 'double', get: (r) => r.execution },
    vMoney('remaining'),
    vMoney('projected'),
    vMoney('originalPlannedTotal'),
  ];

  const funding = sources.map(({ framework: fw }) => ({ fw, rows: computeFunding(fw, asOf).sources }));
  type F = (typeof funding)[number]['rows'][number];
  const fMoney = (name: keyof F): Spec<F> => ({
    name,
    type: 'money',
    get: (r) => r[name] as bigint,
    digits: planDigits,
  });
  const fundingSpecs: Spec<F>[] = [
    { name: 'asOf', type: 'date', get: () => asOf },
    { name: 'currency', type: 'string', get: (_r, fw) => fw.plan.currency },
    { name: 'key', type: 'string', get: (r) => r.key },
    { name: 'title', type: 'string', get: (r) => r.title },
    fMoney('planned'),
    fMoney('pledged'),
    fMoney('received'),
    fMoney('inKind'),
    fMoney('outstanding'),
    fMoney('secured'),
    fMoney('gap'),
    fMoney('opening'),
    fMoney('spent'),
    fMoney('balance'),
    { name: 'collection', type: 'double', get: (r) => r.collection },
  ];

  return [
    table(
      'entries',
      sources.map(({ framework: fw }) => ({ fw, rows: fw.entries })),
      entrySpecs,
    ),
    table('status', status, statusSpecs),
    table('variance', variance, varianceSpecs),
    table('funding', funding, fundingSpecs),
  ];
}
