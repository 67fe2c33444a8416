import { maxOf } from '../core/arrays.js';
import type { FundingReport } from '../model/reports.js';
import {
  type Column,
  type Document,
  money,
  type Part,
  paragraph,
  type Row,
  ratio,
  type Table,
  text,
} from './blocks.js';

/** The funding report as a document: by source, by contributor, by year, and one machine table for CSV. */

type Value = bigint | number | null | undefined;
type Values = Record<string, Value>;

/** Figure columns in groups that read together (the terminal splits a wide table between groups). */
interface Group {
  name: string;
  columns: [field: string, label: string][];
}

const PLEDGED: Group = {
  name: 'pledged and received',
  columns: [
    ['pledged', 'Pledged'],
    ['received', 'Received'],
    ['inKind', 'In kind'],
    ['outstanding', 'Outstanding'],
    ['collection', 'Collection'],
  ],
};
const AGAINST_PLAN: Group = {
  name: 'funding against the plan',
  columns: [
    ['planned', 'Planned'],
    ['secured', 'Secured'],
    ['gap', 'Gap'],
  ],
};

/** Source columns: what was promised and paid, the funding against the plan, the cash. */
const SOURCE_GROUPS: readonly Group[] = [
  PLEDGED,
  AGAINST_PLAN,
  {
    name: 'cash',
    columns: [
      ['opening', 'Opening'],
      ['spent', 'Spent'],
      ['balance', 'Cash balance'],
    ],
  },
];
const CONTRIBUTOR_GROUPS: readonly Group[] = [
  { name: PLEDGED.name, columns: PLEDGED.columns.filter(([f]) => f !== 'inKind') },
  {
    name: 'in kind and secured',
    columns: [
      ['inKind', 'In kind'],
      ['secured', 'Secured'],
    ],
  },
];
const YEAR_GROUPS: readonly Group[] = [
  { name: PLEDGED.name, columns: PLEDGED.columns.filter(([f]) => f !== 'collection') },
  AGAINST_PLAN,
];

/** The machine table's figure fields, in the JSON order. */
const DATA_FIELDS = [
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
  'collection',
] as const;

/** The one-line caption of the funding report. */
export function fundingCaption(r: FundingReport): string {
  return `Resources as of ${r.asOf} (${r.currency}; entries dated on or before it count)`;
}

/** A figure as a part: money, or a ratio for collection; a negative gap or cash balance is an alarm. */
function figure(field: string, v: Value, digits: number): Part {
  if (typeof v === 'number' || field === 'collection') return ratio(typeof v === 'number' ? v : null);
  const alarm = (field === 'gap' || field === 'balance') && typeof v === 'bigint' && v < 0n;
  return money(v ?? null, digits, alarm ? 'alarm' : undefined);
}

/** A table of one roll-up: key, title (not in the terminal, whose legend gives it), figures by group. */
function fundingTable(
  title: string,
  keyLabel: string,
  groups: readonly Group[],
  rows: { key: string; title?: string; values: Values }[],
  digits: number,
  total?: Values,
): Table {
  const titled = keyLabel !== 'Year';
  const lead: Column[] = [
    { head: keyLabel, kind: 'text' },
    ...(titled ? [{ head: 'Title', kind: 'text', wide: true } as Column] : []),
  ];
  const figures = groups.flatMap((g) => g.columns);
  const spans: NonNullable<Table['groups']> = [];
  let at = lead.length;
  for (const g of groups) {
    spans.push({ name: g.name, from: at, to: at + g.columns.length - 1 });
    at += g.columns.length;
  }
  const cells = (v: Values) => figures.map(([f]) => figure(f, v[f], digits));
  const out: Row[] = rows.map((r) => ({
    kind: 'item',
    cells: [text(r.key), ...(titled ? [text(r.title ?? '')] : []), ...cells(r.values)],
  }));
  if (total)
    out.push({ kind: 'total', cells: [text('Total'), ...(titled ? [text('')] : []), ...cells(total)] });
  return {
    kind: 'table',
    title,
    columns: [
      ...lead,
      ...figures.map(([f, label]): Column => ({ head: label, kind: f === 'collection' ? 'ratio' : 'money' })),
    ],
    rows: out,
    groups: spans,
    view: 'human',
  };
}

/** The machine table: a row per source, the total, a row per contributor and per year, told apart by `section`. */
function dataTable(r: FundingReport): Table {
  const columns: Column[] = [
    { head: 'Section', kind: 'text', field: 'section' },
    { head: 'Key', kind: 'text', field: 'key' },
    { head: 'Title', kind: 'text', field: 'title' },
    ...DATA_FIELDS.map((f): Column => ({ head: f, kind: f === 'collection' ? 'ratio' : 'money', field: f })),
  ];
  const row = (section: string, key: string, title: string, v: Values): Row => ({
    kind: section === 'total' ? 'total' : 'item',
    cells: [
      text(section),
      text(key),
      text(title),
      ...DATA_FIELDS.map((f) =>
        // A figure that does not apply to the section is empty, as a null one is.
        v[f] === undefined ? text('') : figure(f, v[f], r.digits),
      ),
    ],
  });
  return {
    kind: 'table',
    view: 'data',
    columns,
    rows: [
      ...r.sources.map((s) => row('source', s.key, s.title, s as unknown as Values)),
      row('total', 'total', 'Total', r.total as unknown as Values),
      ...r.contributors.map((c) => row('contributor', c.key, c.title, c as unknown as Values)),
      ...r.years.map((y) => row('year', y.key, y.key, y as unknown as Values)),
    ],
  };
}

/** `funding`: the caption, three tables, the terminal's legend of titles, and the machine table. */
export function fundingDocument(r: FundingReport): Document {
  const named = [...r.sources, ...r.contributors];
  const w = maxOf(named.map((x) => x.key.length));
  return {
    title: fundingCaption(r),
    blocks: [
      paragraph([text(fundingCaption(r))], 'caption'),
      fundingTable(
        'By source',
        'Source',
        SOURCE_GROUPS,
        r.sources.map((s) => ({ key: s.key, title: s.title, values: s as unknown as Values })),
        r.digits,
        r.total as unknown as Values,
      ),
      fundingTable(
        'By contributor',
        'Contributor',
        CONTRIBUTOR_GROUPS,
        r.contributors.map((c) => ({ key: c.key, title: c.title, values: c as unknown as Values })),
        r.digits,
      ),
      fundingTable(
        'By year',
        'Year',
        YEAR_GROUPS,
        r.years.map((y) => ({ key: y.key, values: y as unknown as Values })),
        r.digits,
      ),
      {
        kind: 'facts',
        terminalOnly: true,
        items: named.map((x) => ({ label: x.key.padEnd(w), parts: [text(x.title)] })),
      },
      dataTable(r),
    ],
  };
}
