import type { Document, Table } from '../../document/blocks.js';
import { csvField } from '../csv.js';
import { partData } from './parts.js';

/**
 * The CSV writer (RFC 4180 quoting, LF line ends): the document's machine table — a table whose
 * view is `data`, else its first table — with the columns' field names as the header, plain
 * decimals, ratios unrounded, empty for no figure.
 */

/** The document as CSV. */
export function writeCsv(doc: Document): string {
  const tables = doc.blocks.filter((b): b is Table => b.kind === 'table' && b.view !== 'human');
  const t = tables.find((x) => x.view === 'data') ?? tables[0];
  if (t === undefined) return '';
  const cols = t.columns
    .map((c, i) => [c, i] as const)
    .filter(([c]) => c.field !== undefined && !c.humanOnly);
  const lines = [cols.map(([c]) => c.field).join(',')];
  for (const r of t.rows)
    lines.push(cols.map(([, i]) => (r.cells[i] ? csvField(partData(r.cells[i])) : '')).join(','));
  return `${lines.join('\n')}\n`;
}
