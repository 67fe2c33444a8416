import type { ReportData } from '../compute/report.js';
import type { Status } from '../model/reports.js';
import { type Block, type Part, paragraph, type Row, text } from './blocks.js';

/**
 * The meeting report's section "Results by SDG goal" (compute/sdg-goals.ts): per goal that a
 * result or one of its indicators names a target of, a table of the results that serve it, one
 * row per indicator with its status as of the report date. No section when nothing names a target.
 */

const STATUS_WORD: Record<Status, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
};

export function sdgBlocks(data: ReportData): Block[] {
  if (data.sdg.length === 0) return [];
  const out: Block[] = [
    { kind: 'heading', level: 2, text: 'Results by SDG goal' },
    paragraph(
      [
        text(
          `The results that name an SDG target, or whose indicators do, under each goal those targets belong to (a result may serve more than one goal), with their indicators' status as of ${data.asOf}.`,
        ),
      ],
      'note',
    ),
  ];
  for (const g of data.sdg) {
    out.push({ kind: 'heading', level: 3, text: `Goal ${g.goal}: ${g.title}` });
    const rows: Row[] = [];
    for (const r of g.results) {
      const first: Part[] = [text(`${r.id} ${r.title}`), text(r.targets.join(', '))];
      if (r.indicators.length === 0) {
        rows.push({
          kind: 'item',
          key: r.id,
          cells: [...first, text('no indicator', 'muted'), text('—', 'muted')],
        });
        continue;
      }
      r.indicators.forEach((i, k) => {
        rows.push({
          kind: 'item',
          key: `${r.id} ${i.id}`,
          cells: [
            ...(k === 0 ? first : [text(''), text('')]),
            text(i.id, 'code'),
            { kind: 'status', status: i.status, text: STATUS_WORD[i.status] },
          ],
        });
      });
    }
    out.push({
      kind: 'table',
      name: 'sdg',
      columns: [
        { head: 'Result', kind: 'text', wrap: true, min: 16 },
        { head: 'Targets', kind: 'text', min: 6 },
        { head: 'Indicator', kind: 'text' },
        { head: 'Status', kind: 'status' },
      ],
      rows,
    });
  }
  return out;
}
