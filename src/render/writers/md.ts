import type { Block, Document, Part, Row, Table } from '../../document/blocks.js';
import { mdText } from '../markdown.js';
import { narrativeMd } from '../narrative.js';
import { alignOf, humanBlocks, humanColumns, partText } from './parts.js';

/**
 * The Markdown writer (GitHub-flavoured): headings, paragraphs, pipe tables with figures
 * right-aligned and totals in bold, facts as a two-column table, narratives under an italic
 * line, folded sections as `<details>`; charts are left out. Nothing a reader wrote can become markup (markdown.ts).
 */

/** The document as Markdown. */
export function writeMd(doc: Document): string {
  return `${writeMdBlocks(humanBlocks(doc)).join('\n\n')}\n`;
}

/** Blocks as Markdown, one string each (charts are left out). */
export function writeMdBlocks(blocks: readonly Block[]): string[] {
  return blocks.map(block).filter((s) => s !== '');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${mdText(b.text)}`;
    case 'paragraph':
      return inline(b.parts);
    case 'table':
      return table(b);
    case 'facts':
      return [
        '| | |',
        '|---|---|',
        ...b.items.map((x) => `| ${mdText(x.label)} | ${inline(x.parts)} |`),
      ].join('\n');
    case 'narrative':
      return `_${mdText(b.head)}_\n\n${narrativeMd(b.markdown)}`;
    case 'list':
      return [...(b.title ? [inline(b.title), ''] : []), ...b.items.map((item) => `- ${inline(item)}`)].join(
        '\n',
      );
    case 'chart':
      return '';
    case 'details':
      return [
        `<details>\n<summary>${mdText(b.summary)}</summary>`,
        ...b.blocks.map(block),
        '</details>',
      ].join('\n\n');
  }
}

/** A run of parts: strong in bold, muted in italics, code in backticks, everything else escaped. */
export function inline(parts: readonly Part[]): string {
  // Neighbours of one tone are styled as one run: `**a****b**` is no bold in Markdown.
  const runs: { text: string; tone: Part['tone'] }[] = [];
  for (const p of parts) {
    const last = runs.at(-1);
    if (last && last.tone === p.tone) last.text += partText(p);
    else runs.push({ text: partText(p), tone: p.tone });
  }
  return runs.map((r) => styled(mdText(r.text), r.tone)).join('');
}

function styled(s: string, tone: Part['tone']): string {
  if (s === '') return s;
  switch (tone) {
    case 'strong':
      return `**${s}**`;
    case 'muted':
      return `_${s}_`;
    case 'code':
      return `\`${s}\``;
    default:
      return s;
  }
}

function table(t: Table): string {
  const shown = humanColumns(t);
  const head = shown.map((i) => mdText(t.columns[i]?.head ?? ''));
  const align = shown.map((i) =>
    alignOf(t.columns[i] as NonNullable<Table['columns'][number]>) === 'right' ? '---:' : '---',
  );
  const row = (r: Row) =>
    `| ${shown
      .map((i) => {
        const cell = r.cells[i];
        if (cell === undefined) return '';
        const s = mdText(partText(cell));
        return r.kind === 'total' ? styled(s, 'strong') : styled(s, cell.tone);
      })
      .join(' | ')} |`;
  const lines = [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...t.rows.map(row)];
  return `${t.title ? `**${mdText(t.title)}**\n\n` : ''}${lines.join('\n')}`;
}
