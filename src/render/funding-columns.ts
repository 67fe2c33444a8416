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

/**
 * Source columns in groups that read together: what was promised and paid, the funding against
 * the plan, and the cash. The terminal lays each group out as a table of its own when the width
 * asks for it (Markdown and CSV show every column in one table, in this order).
 */
export const SOURCE_GROUPS: readonly (readonly FundingColumn<SourceField>[])[] = [
  [
    col('pledged', 'Pledged'),
    col('received', 'Received'),
    col('inKind', 'In kind'),
    col('outstanding', 'Outstanding'),
    col('collection', 'Collection'),
  ],
  [col('planned', 'Planned'), col('secured', 'Secured'), col('gap', 'Gap')],
  [col('opening', 'Opening'), col('spent', 'Spent'), col('balance', 'Cash balance')],
];

export const CONTRIBUTOR_GROUPS: readonly (readonly FundingColumn<ContributorField>[])[] = [
  [
    col('pledged', 'Pledged'),
    col('received', 'Received'),
    col('inKind', 'In kind'),
    col('outstanding', 'Outstanding'),
    col('collection', 'Collection'),
  ],
  [col('secured', 'Secured')],
];

export const YEAR_GROUPS: readonly (readonly FundingColumn<YearField>[])[] = [
  [
    col('pledged', 'Pledged'),
    col('received', 'Received'),
    col('inKind', 'In kind'),
    col('outstanding', 'Outstanding'),
  ],
  [col('planned', 'Planned'), col('secured', 'Secured'), col('gap', 'Gap')],
];

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
