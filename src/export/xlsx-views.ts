/**
 * The sheets of the `export` workbook (src/export/xlsx.ts), and how `import` knows them. Every
 * sheet of an export is a read-only view — figures worked out from the framework and its ledger,
 * and a copy of ledger entries already recorded — never entries to record. `import` would still
 * take some of them for tables of entries (the Periods sheet has an "Indicator" column; a Ledger
 * row naming a pledge looks like a header), so it skips every sheet of a workbook it recognises as
 * an export's: one with the export's Periods sheet, known by a column only that sheet has (a
 * sheet of `template`, whose "Indicators" shares a name with the export's, is never skipped).
 */

/** The sheet names of the export, in order (the layout `init --from` reads back). */
export const SHEETS = [
  'Summary',
  'Results',
  'Indicators',
  'Periods',
  'Budget',
  'Funding',
  'Decisions',
  'Narratives',
  'Ledger',
] as const;

/** The header of the Periods sheet's column saying how each total is formed. */
export const PERIODS_RULE_HEADER = 'How the total is formed';

/** What each sheet of the export holds, for the note that says it was skipped. */
const HOLDS: Record<(typeof SHEETS)[number], string> = {
  Summary: 'the plan and its totals',
  Results: 'the results chain',
  Indicators: 'the indicators and their status',
  Periods: 'period totals worked out from the ledger',
  Budget: 'budget versus actual',
  Funding: 'resources by source',
  Decisions: 'revisions and meetings',
  Narratives: 'the narratives',
  Ledger: 'a copy of the ledger entries, already recorded',
};

interface Table {
  sheet: string | null;
  /** Lower-cased, as `import` reads them. */
  headers: readonly string[];
}

/** True when the tables were read from a workbook written by `export`: it has the export's Periods sheet. */
export function isExportWorkbook(tables: readonly Table[]): boolean {
  return tables.some((t) => t.sheet === 'Periods' && t.headers.includes(PERIODS_RULE_HEADER.toLowerCase()));
}

/** What the export's sheet `name` holds; undefined for a name the export does not write. */
export function exportSheetHolds(name: string | null): string | undefined {
  return (SHEETS as readonly (string | null)[]).includes(name)
    ? HOLDS[name as (typeof SHEETS)[number]]
    : undefined;
}
