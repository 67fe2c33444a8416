import {
  AlignmentType,
  Document as DocxDocument,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { Block, Document, Part, Row, Table as TableBlock } from '../../document/blocks.js';
import { narrativeDocx } from '../narrative-docx.js';
import { alignOf, humanBlocks, humanColumns, partText } from './parts.js';

/**
 * The Word writer of blocks, and the small Word pieces the meeting report's Word sections share:
 * headings in Word's own styles, paragraphs, tables with a shaded header row and a shaded bold
 * total, bar charts as Word's own charts. Loaded only with the Word report (the docx vendor bundle).
 */

/** A4 in twentieths of a point, and 2 cm margins. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1134;
/** The text width between the margins, in twips. */
export const TEXT_WIDTH = A4.width - 2 * MARGIN;

export const BAR = '1F5F99';
export const OVER = 'B7791F';
export const HEADER_SHADE = 'DCE7F2';
export const RESULT_SHADE = 'F1F4F8';
export const FONT = 'Calibri';

export function text(s: string): TextRun {
  return new TextRun(s);
}

export function bold(s: string): TextRun {
  return new TextRun({ text: s, bold: true });
}

export function para(children: TextRun[]): Paragraph {
  return new Paragraph({ children, spacing: { after: 80 } });
}

export function heading(level: 1 | 2, s: string): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new TextRun(s)],
  });
}

/** A Word chart on its own line. */
export function chart(run: ChartRun): Paragraph {
  return new Paragraph({ children: [run], spacing: { before: 120, after: 160 } });
}

export const CHART_FONT = { name: FONT };

export interface CellSpec {
  children: TextRun[] | Paragraph[];
  width: number;
  shade?: string;
  right?: boolean;
  span?: number;
}

export function cell(spec: CellSpec): TableCell {
  const first = spec.children[0];
  const paragraphs =
    first instanceof Paragraph
      ? (spec.children as Paragraph[])
      : [
          new Paragraph({
            alignment: spec.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: spec.children as TextRun[],
          }),
        ];
  return new TableCell({
    width: { size: spec.width, type: WidthType.DXA },
    columnSpan: spec.span,
    shading: spec.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: spec.shade } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: paragraphs,
  });
}

export function table(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows,
  });
}

export function headerRow(widths: number[], labels: string[], rightFrom: number): TableRow {
  return new TableRow({
    tableHeader: true,
    children: labels.map((l, i) =>
      cell({ width: widths[i] as number, shade: HEADER_SHADE, right: i >= rightFrom, children: [bold(l)] }),
    ),
  });
}

/** The width of a figure column, in twips; the first column takes what is left of the text width. */
const FIGURE_WIDTH = 1050;

/** The blocks as Word paragraphs and tables. Word's heading levels start at the document's sections (level 2 → Heading 1). */
export function writeDocxBlocks(blocks: readonly Block[]): (Paragraph | Table)[] {
  return blocks.flatMap(docxBlock);
}

function docxBlock(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [heading(b.level <= 2 ? 1 : 2, b.text)];
    case 'paragraph':
      return [para(runs(b.parts))];
    case 'table':
      return b.view === 'data' ? [] : [docxTable(b)];
    case 'facts':
      return b.terminalOnly ? [] : b.items.map((x) => para([bold(`${x.label}: `), ...runs(x.parts)]));
    case 'narrative':
      return [
        new Paragraph({
          spacing: { before: 120, after: 40 },
          keepNext: true,
          children: [new TextRun({ text: b.head, italics: true, color: '5B6575' })],
        }),
        ...narrativeDocx(b.markdown),
      ];
    case 'list':
      return [
        ...(b.title ? [para(runs(b.title))] : []),
        ...b.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) })),
      ];
    case 'details':
      // Nothing folds on paper: the summary heads its blocks.
      return [heading(2, b.summary), ...b.blocks.flatMap(docxBlock)];
    case 'chart':
      return [
        heading(2, b.title),
        ...(b.subtitle
          ? [
              para([
                text(
                  `${b.subtitle.charAt(0).toUpperCase()}${b.subtitle.slice(1)}; the line marks ${b.reference}.`,
                ),
              ]),
            ]
          : []),
        barChart(b),
      ];
  }
}

/** Parts as runs: strong in bold, muted in grey italics, alarms in red. */
function runs(parts: readonly Part[]): TextRun[] {
  return parts.map((p) => {
    const s = partText(p);
    switch (p.tone) {
      case 'strong':
        return bold(s);
      case 'muted':
        return new TextRun({ text: s, italics: true, color: '5B6575' });
      case 'alarm':
        return new TextRun({ text: s, color: 'C62828' });
      default:
        return text(s);
    }
  });
}

function docxTable(t: TableBlock): Table {
  const shown = humanColumns(t);
  const figures = shown.length - 1;
  const widths = [TEXT_WIDTH - figures * FIGURE_WIDTH, ...shown.slice(1).map(() => FIGURE_WIDTH)];
  const right = (i: number) => alignOf(t.columns[i] as TableBlock['columns'][number]) === 'right';
  const row = (r: Row) =>
    new TableRow({
      children: shown.map((i, j) => {
        const c = r.cells[i];
        const s = c ? partText(c) : '';
        const strong = r.kind === 'total';
        return cell({
          width: widths[j] as number,
          right: right(i),
          ...(r.kind === 'total' && j === 0 ? { shade: RESULT_SHADE } : {}),
          children: [strong ? bold(s) : text(s)],
        });
      }),
    });
  const head = new TableRow({
    tableHeader: true,
    children: shown.map((i, j) =>
      cell({
        width: widths[j] as number,
        shade: HEADER_SHADE,
        right: right(i),
        children: [bold(t.columns[i]?.head ?? '')],
      }),
    ),
  });
  return table(widths, [head, ...t.rows.map(row)]);
}

/** A bar per point (a ratio each), in amber above 1, with a line at 1 (the reference). */
function barChart(b: Extract<Block, { kind: 'chart' }>): Paragraph {
  const points = b.points;
  // Word refuses a chart with no category (a plan without budget lines): a sentence instead.
  if (points.length === 0) return para([text(`${b.name}: nothing to chart.`)]);
  return chart(
    new ChartRun({
      type: 'column',
      title: b.name,
      font: CHART_FONT,
      legend: { position: 'bottom' },
      categories: points.map((p) => p.label),
      series: [
        {
          name: b.series,
          values: points.map((p) => p.value),
          color: BAR,
          colors: points.map((p) => (p.value !== null && p.value > 1 ? OVER : undefined)),
          dataLabels: { value: true, numberFormat: '0.0%' },
        },
        {
          name: b.reference,
          type: 'line',
          values: points.map(() => 1),
          color: '1B2A41',
          markers: false,
          dataLabels: false,
        },
      ],
      valueAxis: { minimum: 0, numberFormat: '0%' },
      transformation: { width: 620, height: 260 },
    }),
  );
}

/** A document as the bytes of a .docx file: its title, then its blocks, A4 portrait. */
export async function writeDocx(doc: Document): Promise<Uint8Array> {
  const file = new DocxDocument({
    creator: 'neaspec-track',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
          ...writeDocxBlocks(humanBlocks(doc)),
        ],
      },
    ],
  });
  return Packer.toBuffer(file);
}
