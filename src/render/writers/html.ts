import { pushAll } from '../../core/arrays.js';
import type { Block, Document, Part, Row, Table } from '../../document/blocks.js';
import { KEEP_CSS, keepWithNext } from '../html-keep.js';
import { narrativeHtml } from '../narrative.js';
import { escapeXml as esc, executionBars } from '../report-svg.js';
import { alignOf, humanBlocks, humanColumns, partText } from './parts.js';

/**
 * The HTML writer of blocks, for the self-contained HTML report: headings, paragraphs, tables
 * (figures right-aligned, totals in the table's foot, each row's key in `data-key`), facts as a
 * definition list, narratives, and bar charts as inline SVG. A heading is kept on paper with
 * the first piece of what follows it (html-keep.ts); no script and no external reference.
 */

/** The blocks as HTML, each on its own lines. */
export function writeHtmlBlocks(blocks: readonly Block[]): string {
  const out: string[] = [];
  let headings: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') {
      headings.push(`<h${b.level}>${esc(b.text)}</h${b.level}>`);
      continue;
    }
    const pieces = block(b);
    if (pieces.length === 0) continue;
    if (b.kind === 'table') {
      // A table breaks between rows on paper: its heading is not kept with it, but stays just above it.
      pushAll(out, headings);
      pushAll(out, pieces);
    } else if (headings.length > 0 || b.kind === 'chart') {
      out.push(keepWithNext([...headings, pieces[0] as string].join('\n')));
      pushAll(out, pieces.slice(1));
    } else pushAll(out, pieces);
    headings = [];
  }
  if (headings.length > 0) out.push(headings.join('\n'));
  return out.join('\n');
}

function block(b: Exclude<Block, { kind: 'heading' }>): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [`<p>${inline(b.parts)}</p>`];
    case 'table':
      return b.view === 'data' ? [] : [table(b)];
    case 'facts':
      return b.terminalOnly
        ? []
        : [
            `<dl>${b.items.map((x) => `<div><dt>${esc(x.label)}</dt><dd>${inline(x.parts)}</dd></div>`).join('')}</dl>`,
          ];
    case 'narrative':
      return [
        `<div class="narrative"><div class="narrative-head">${esc(b.head)}</div>${narrativeHtml(b.markdown)}</div>`,
      ];
    case 'list':
      return [
        `${b.title ? `<p>${inline(b.title)}</p>` : ''}<ul>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`,
      ];
    case 'details':
      // A folded section, as in Markdown: the summary opens it.
      return [
        `<details><summary>${esc(b.summary)}</summary>${b.blocks.flatMap((x) => (x.kind === 'heading' ? [`<h${x.level}>${esc(x.text)}</h${x.level}>`] : block(x))).join('\n')}</details>`,
      ];
    case 'chart': {
      const head = `<h3>${esc(b.title)}${b.subtitle ? ` <span class="sub">(${esc(b.subtitle)})</span>` : ''}</h3>`;
      const bars = executionBars(
        b.points.map((p) => ({
          label: p.label,
          execution: p.value,
          text: partText({ kind: 'ratio', value: p.value }),
        })),
      );
      return [`${head}\n${bars[0] as string}`, ...bars.slice(1)];
    }
  }
}

/** A run of parts: strong, code and muted parts marked up, alarms in a class of their own, text escaped. */
export function inline(parts: readonly Part[]): string {
  return parts.map((p) => styled(esc(partText(p)), p)).join('');
}

function styled(s: string, p: Part): string {
  if (s === '') return s;
  if (p.kind === 'status') return `<span class="status status-${p.status}">${s}</span>`;
  switch (p.tone) {
    case 'strong':
      return `<strong>${s}</strong>`;
    case 'code':
      return `<code>${s}</code>`;
    case 'muted':
      return `<span class="muted">${s}</span>`;
    case 'alarm':
      return `<span class="alarm">${s}</span>`;
    default:
      return s;
  }
}

function table(t: Table): string {
  const shown = humanColumns(t);
  const num = (i: number) =>
    alignOf(t.columns[i] as Table['columns'][number]) === 'right' ? ' class="num"' : '';
  const row = (r: Row) => {
    const cells = shown.map((i, j) => {
      const cell = r.cells[i];
      const s = cell ? styled(esc(partText(cell)), cell) : '';
      return j === 0 ? `<th scope="row">${s}</th>` : `<td${num(i)}>${s}</td>`;
    });
    return `<tr${r.key === undefined ? '' : ` data-key="${esc(r.key)}"`}>${cells.join('')}</tr>`;
  };
  const head = shown.map((i) => `<th${num(i)}>${esc(t.columns[i]?.head ?? '')}</th>`).join('');
  const items = t.rows.filter((r) => r.kind === 'item');
  const totals = t.rows.filter((r) => r.kind === 'total');
  return [
    `<table${t.name ? ` class="${esc(t.name)}"` : ''}>`,
    `  <thead><tr>${head}</tr></thead>`,
    `  <tbody>${items.map(row).join('\n')}</tbody>`,
    ...(totals.length > 0 ? [`  <tfoot>${totals.map(row).join('\n')}</tfoot>`] : []),
    '</table>',
  ].join('\n');
}

/** A document as one self-contained HTML page: its blocks under its title, a small inline style sheet. */
export function writeHtml(doc: Document): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${PAGE_CSS}${KEEP_CSS}</style>
</head>
<body>
<main>
${writeHtmlBlocks(humanBlocks(doc))}
</main>
</body>
</html>
`;
}

const PAGE_CSS = `
body { margin: 2em auto; max-width: 1100px; padding: 0 1em; font: 14px/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1b2a41; }
table { border-collapse: collapse; margin: .6em 0 1.2em; }
th, td { padding: 3px 8px; border-bottom: 1px solid #d5dbe3; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid #1b2a41; }
.alarm { color: #c62828; }
.muted { color: #5b6575; }
.sub { font-weight: normal; color: #5b6575; }
`;
