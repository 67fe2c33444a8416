import type { Block, Column, Document, Part, Table } from '../../document/blocks.js';
import { formatMoney, formatRatio, plainMoney } from '../money.js';

/** What a part says, for the human formats: grouped money, a ratio as a percentage, an em dash for no figure. */
export function partText(p: Part): string {
  switch (p.kind) {
    case 'text':
      return p.text;
    case 'money':
      return formatMoney(p.minor, p.digits);
    case 'ratio':
      return formatRatio(p.value);
    case 'status':
      return p.text;
    case 'date':
      return p.date;
  }
}

/** What a part says, for CSV: plain decimals, ratios unrounded, empty for no figure. */
export function partData(p: Part): string {
  switch (p.kind) {
    case 'text':
      return p.data ?? p.text;
    case 'money':
      return p.minor === null ? '' : plainMoney(p.minor, p.digits);
    case 'ratio':
      return p.value === null ? '' : String(p.value);
    case 'status':
      return p.status;
    case 'date':
      return p.date;
  }
}

/** The plain text of a run of parts. */
export function partsText(parts: readonly Part[]): string {
  return parts.map(partText).join('');
}

/** The indices of a table's columns a human format shows (the terminal also leaves out `wide` ones). */
export function humanColumns(t: Table, terminal = false): number[] {
  return t.columns
    .map((c, i) => [c, i] as const)
    .filter(([c]) => !c.dataOnly && !(terminal && c.wide))
    .map(([, i]) => i);
}

/** The alignment of a column: as declared, else right for figures. */
export function alignOf(c: Column): 'left' | 'right' {
  return c.align ?? (c.kind === 'money' || c.kind === 'ratio' ? 'right' : 'left');
}

/** The blocks a human format shows: not the machine table, and only in the terminal a terminal-only legend. */
export function humanBlocks(doc: Document, terminal = false): Block[] {
  return doc.blocks.filter(
    (b) => !(b.kind === 'table' && b.view === 'data') && !(b.kind === 'facts' && b.terminalOnly && !terminal),
  );
}
