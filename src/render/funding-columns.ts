import type {
  FundingContributorRow,
  FundingReport,
  FundingSourceFigures,
  FundingYearRow,
} from '../model/reports.js';
import { formatMoney, formatPercent } from './money.js';

/** The figure columns of the three funding tables, their human labels, and how the terminal groups them. */

type SourceField = keyof FundingSourceFigures;
type ContributorField = keyof Omit<FundingContributorRow, 'key' | 'title'>;
type YearField = keyof Omit<FundingYearRow, 'key'>;

export interface FundingColumn<F extends string> {
  /** The JSON / CSV field name. */
  field: F;
  label: string;
}

const col = <F extends string>(field: F, label: string): FundingColumn<F> => ({ field, label });

/** Columns that read together, with a name for the table they make when the terminal splits a wide one. */
export interface FundingGroup<F extends string> {
  name: string;
  columns: readonly FundingColumn<F>[];
}

/**
 * Source columns in groups that read together: what was promised and paid, the funding against
 * the plan, and the cash. The terminal lays a group out as a table of its own when the width asks
 * for it (Markdown and CSV show every column in one table, in this order).
 */
export const SOURCE_GROUPS: readonly FundingGroup<SourceField>[] = [
  {
    name: 'pledged and received',
    columns: [
      col('pledged', 'Pledged'),
      col('received', 'Received'),
      col('inKind', 'In kind'),
      col('outstanding', 'Outstanding'),
      col('collection', 'Collection'),
    ],
  },
  {
    name: 'funding against the plan',
    columns: [col('planned', 'Planned'), col('secured', 'Secured'), col('gap', 'Gap')],
  },
  {
    name: 'cash',
    columns: [col('opening', 'Opening'), col('spent', 'Spent'), col('balance', 'Cash balance')],
  },
];

export const CONTRIBUTOR_GROUPS: readonly FundingGroup<ContributorField>[] = [
  {
    name: 'pledged and received',
    columns: [
      col('pledged', 'Pledged'),
      col('received', 'Received'),
      col('outstanding', 'Outstanding'),
      col('collection', 'Collection'),
    ],
  },
  { name: 'in kind and secured', columns: [col('inKind', 'In kind'), col('secured', 'Secured')] },
];

export const YEAR_GROUPS: readonly FundingGroup<YearField>[] = [
  {
    name: 'pledged and received',
    columns: [
      col('pledged', 'Pledged'),
      col('received', 'Received'),
      col('inKind', 'In kind'),
      col('outstanding', 'Outstanding'),
    ],
  },
  {
    name: 'funding against the plan',
    columns: [col('planned', 'Planned'), col('secured', 'Secured'), col('gap', 'Gap')],
  },
];

/** Every column of the groups, in order: the one-table formats. */
export function allColumns<F extends string>(groups: readonly FundingGroup<F>[]): FundingColumn<F>[] {
  return groups.flatMap((g) => g.columns);
}

/** Human text of a figure: grouped money, a percentage for collection, an em dash for null. */
export function fundingText(v: bigint | number | null | string, digits: number): string {
  if (v === null) return '—';
  if (typeof v === 'bigint') return formatMoney(v, digits);
  if (typeof v === 'number') return formatPercent(v);
  return v;
}

/** The one-line caption of the funding report. */
export function fundingCaption(r: FundingReport): string {
  return `Resources as of ${r.asOf} (${r.currency}; entries dated on or before it count)`;
}
