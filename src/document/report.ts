import type { ReportData } from '../compute/report.js';
import type { Block } from './blocks.js';
import { portfolioBlocks } from './portfolio.js';
import { sdgBlocks } from './sdg.js';
import { varianceTable } from './variance.js';

/**
 * The meeting report as one list of sections, in reading order, which every format walks (text,
 * Markdown, HTML, Word). A section is either blocks — built here once, shown by each format's
 * block writer (src/render/writers/) — or, for the sections not yet moved to blocks, the name of
 * the section each format still draws itself (`native`). A new section is a function here that
 * returns blocks, added to `reportSections` where it should stand.
 */

/** The sections each format still draws in its own code, by name. */
export type NativeSection =
  | 'title'
  | 'summary'
  | 'since'
  | 'programmes'
  | 'revisions'
  | 'resources'
  | 'notes';

export type ReportSection =
  | { kind: 'native'; id: NativeSection }
  | { kind: 'blocks'; id: string; blocks: Block[] };

/** The meeting report's sections, in reading order. */
export function reportSections(data: ReportData): ReportSection[] {
  const native = (id: NativeSection): ReportSection => ({ kind: 'native', id });
  const blocks = (id: string, b: Block[]): ReportSection[] =>
    b.length === 0 ? [] : [{ kind: 'blocks', id, blocks: b }];
  return [
    native('title'),
    native('summary'),
    ...(data.since ? [native('since')] : []),
    native('programmes'),
    ...blocks('sdg', sdgBlocks(data)),
    ...(data.portfolio ? blocks('portfolio', portfolioBlocks(data.portfolio)) : []),
    ...(data.revisions.length > 0 ? [native('revisions')] : []),
    ...blocks('budget', budgetBlocks(data)),
    native('resources'),
    native('notes'),
  ];
}

/**
 * Budget versus actual: execution by programme area as a chart, then the variance tables by
 * programme area and by funding source — the same table, with the same columns, as `variance`.
 */
export function budgetBlocks(data: ReportData): Block[] {
  const cur = data.plan.currency;
  const v = data.budget.byProgramme;
  return [
    { kind: 'heading', level: 2, text: 'Budget versus actual' },
    {
      kind: 'chart',
      chart: 'bars',
      title: 'Execution by programme area',
      name: 'Budget execution by programme area',
      series: 'Execution (actual / planned to date)',
      reference: '100% of planned to date',
      subtitle: `actual / planned to date, pro rata to ${data.asOf}`,
      points: v.rows.map((r) => ({
        label: r.key === '-' ? r.title : `${r.key} ${r.title}`,
        value: r.execution,
      })),
    },
    { kind: 'heading', level: 3, text: `By programme area (${cur})` },
    varianceTable(v, { key: 'Programme area', joined: true }),
    { kind: 'heading', level: 3, text: `By funding source (${cur})` },
    varianceTable(data.budget.bySource, { key: 'Funding source', joined: true }),
  ];
}
