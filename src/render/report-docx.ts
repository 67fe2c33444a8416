import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { pushAll } from '../core/arrays.js';
import { minorToNumber } from '../core/money.js';
import type {
  ContributionStatus,
  FundingSourceFigures,
  IndicatorStatus,
  Status,
  VarianceFigures,
  VarianceReport,
} from '../model/reports.js';
import { narrativeDocx } from './narrative-docx.js';
import {
  breakdownText,
  entriesText,
  formatMoney,
  formatRatio,
  formatValue,
  indicatorsOf,
  lacksIndicator,
  methodText,
  noteItems,
  plural,
  STATUS_ORDER,
  statusLabel,
  statusText,
  summaryText,
  trendText,
  unitText,
} from './report-common.js';
import {
  changeText,
  missingText,
  revisedMark,
  revisionHead,
  sinceHeading,
  sinceItems,
} from './report-decisions.js';
import {
  contributionStatusLabel,
  resourcesSummary,
  SOURCE_COLUMNS,
  STATUS_COLUMNS,
  sourceName,
} from './report-resources.js';

/**
 * The meeting report as a Word document, for circulation as a meeting document: the same
 * sections and figures as the HTML report, in Word's own heading styles (so the navigation pane
 * and the table of contents work), A4 portrait with page numbers, status as words on shaded
 * cells (never colour alone), and charts drawn as Word's own charts (vector, editable with
 * "Edit Data", no image renderer needed). Renders ReportData; computes nothing: ratios go to
 * the charts as they are and Word writes them as percentages.
 */

/** A4 in twentieths of a point, and 2 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
/** The text width between the margins, in twips. */
const TEXT_WIDTH = A4.width - 2 * MARGIN;

/** Light fills behind the status words: readable in black, and the word says it anyway. */
const STATUS_SHADE: Record<Status, string> = {
  'on-track': 'D5ECD6',
  'at-risk': 'FBE5BF',
  'off-track': 'F6CCCC',
  'no-data': 'E3E5E8',
};

/** The status colours of the HTML report's charts (report-svg.ts), for the chart bars. */
const STATUS_FILL: Record<Status, string> = {
  'on-track': '2E7D32',
  'at-risk': 'B7791F',
  'off-track': 'C62828',
  'no-data': '8A8F98',
};
const BAR = '1F5F99';
const OVER = 'B7791F';

const HEADER_SHADE = 'DCE7F2';
const RESULT_SHADE = 'F1F4F8';
const FONT = 'Calibri';

/** Renders the report as the bytes of a .docx file. */
export async function renderReportDocx(data: ReportData): Promise<Uint8Array> {
  const cur = data.plan.currency;
  const v = data.budget.byProgramme;
  const money = (m: bigint | null) => formatMoney(m, v.digits);
  const sum = data.summary;
  const body: (Paragraph | Table | TableOfContents)[] = [];

  body.push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(data.plan.title)] }),
    new Paragraph({
      children: [
        new TextRun({ text: 'Meeting report · results and budget · status as of ', color: '5B6575' }),
        new TextRun({ text: data.asOf, bold: true }),
      ],
      spacing: { after: 200 },
    }),
    factsTable([
      ['Plan', `${data.plan.id} (${data.plan.start}–${data.plan.end}, ${cur})`],
      ['As of', data.asOf],
      ['Generated', data.generated],
      ['Framework', data.framework],
      ['Ledger entries used', entriesText(data.entries)],
    ]),
    new Paragraph({
      spacing: { before: 240 },
      children: [new TextRun({ text: 'Contents', bold: true, size: 28 })],
    }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  );

  // Executive summary
  body.push(heading(1, 'Executive summary'));
  body.push(
    para([
      bold('Indicators: '),
      text(`${sum.indicators} — ${summaryText(sum.byStatus)}; ${sum.achieved} achieved their final target.`),
    ]),
    statusCountTable(sum.byStatus),
    statusChart(sum.byStatus),
    para([
      bold('Overdue: '),
      text(`${plural(sum.overdue, 'indicator')} with a reporting period ended and no entry.`),
    ]),
    para([
      bold('Budget: '),
      text(
        `planned to date ${cur} ${money(v.total.plannedToDate)} against actual ${cur} ${money(v.total.actual)} — execution ${formatRatio(v.total.execution)} (planned total ${cur} ${money(v.total.plannedTotal)}).`,
      ),
    ]),
    para([bold(`${statusLabel('off-track')}: `), text(namesOf(sum.offTrack))]),
    para([bold(`${statusLabel('at-risk')}: `), text(namesOf(sum.atRisk))]),
    para([bold('Missing: '), text(missingText(data))]),
  );
  if (data.planNarrative) pushAll(body, narrativeBlock(data.planNarrative, ''));

  // Since the last meeting (or the date given with --since)
  if (data.since) {
    body.push(heading(1, sinceHeading(data)));
    for (const item of sinceItems(data)) {
      body.push(
        new Paragraph({ bullet: { level: 0 }, children: [bold(`${item.label}: `), text(item.text)] }),
      );
    }
  }

  // Programme areas
  body.push(heading(1, 'Programme areas: delivery and budget'));
  for (const p of data.programmes) pushAll(body, programmeBlock(p, data));

  // Revisions in force
  if (data.revisions.length > 0) {
    body.push(heading(1, 'Revisions in force'));
    for (const r of data.revisions) {
      body.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [bold(r.id), text(revisionHead(r).slice(r.id.length))],
        }),
      );
      for (const ch of r.changes) {
        body.push(new Paragraph({ bullet: { level: 1 }, children: [text(changeText(ch, data))] }));
      }
    }
  }

  // Budget
  body.push(
    heading(1, 'Budget versus actual'),
    heading(2, 'Execution by programme area'),
    para([
      text(`Actual / planned to date, pro rata to ${data.asOf}; the line marks 100% of planned to date.`),
    ]),
    executionChart(v),
    heading(2, `By programme area (${cur})`),
    varianceTable(v, 'Programme area'),
    heading(2, `By funding source (${cur})`),
    varianceTable(data.budget.bySource, 'Funding source'),
  );

  // Resources
  pushAll(body, resourcesBlock(data));

  // Data-quality notes
  body.push(heading(1, 'Data-quality notes'));
  const notes = noteItems(data);
  if (notes.length === 0)
    body.push(para([text('None: no validation warnings, overdue indicators or illustrative entries.')]));
  const kindLabel = {
    warning: 'Warning',
    overdue: 'Overdue',
    missing: 'Missing',
    indicator: 'Data',
    illustrative: 'Illustrative',
  };
  for (const n of notes) {
    body.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          bold(`${kindLabel[n.kind]}: `),
          ...(n.where ? [new TextRun({ text: `${n.where} `, font: 'Consolas' })] : []),
          text(n.text),
          ...(n.code ? [new TextRun({ text: ` (${n.code})`, color: '5B6575' })] : []),
        ],
      }),
    );
  }
  body.push(
    new Paragraph({
      spacing: { before: 240 },
      border: { top: { style: BorderStyle.SINGLE, size: 4, color: 'D5DBE3', space: 6 } },
      children: [new TextRun({ text: methodText(data), italics: true, size: 18 })],
    }),
  );

  const doc = new Document({
    creator: 'neaspec-track',
    title: `${data.plan.title} — meeting report, ${data.asOf}`,
    description: `Meeting report as of ${data.asOf}`,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        title: { run: { font: FONT, size: 40, bold: true, color: '0B3C68' } },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: '0B3C68' },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: 24, bold: true, color: '1B2A41' },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 16,
                    color: '5B6575',
                    children: [
                      `${data.plan.title} — meeting report as of ${data.asOf} · Page `,
                      PageNumber.CURRENT,
                      ' of ',
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function text(s: string): TextRun {
  return new TextRun(s);
}

function bold(s: string): TextRun {
  return new TextRun({ text: s, bold: true });
}

function para(children: TextRun[]): Paragraph {
  return new Paragraph({ children, spacing: { after: 80 } });
}

function heading(level: 1 | 2, s: string): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new TextRun(s)],
  });
}

/** A Word chart on its own line. */
function chart(run: ChartRun): Paragraph {
  return new Paragraph({ children: [run], spacing: { before: 120, after: 160 } });
}

const CHART_FONT = { name: FONT };

/** Indicators by status: one column per status in its colour, the count on it. */
function statusChart(counts: Record<Status, number>): Paragraph {
  return chart(
    new ChartRun({
      type: 'column',
      title: 'Indicators by status',
      legend: false,
      font: CHART_FONT,
      categories: STATUS_ORDER.map(statusLabel),
      series: [
        {
          name: 'Indicators',
          values: STATUS_ORDER.map((s) => counts[s]),
          colors: STATUS_ORDER.map((s) => STATUS_FILL[s]),
        },
      ],
      dataLabels: { value: true, numberFormat: '0' },
      valueAxis: { minimum: 0, numberFormat: '0' },
      transformation: { width: 480, height: 220 },
    }),
  );
}

/** Execution (actual / planned to date) by programme area, with a line at 100% of planned to date. */
function executionChart(v: VarianceReport): Paragraph {
  const rows = v.rows;
  return chart(
    new ChartRun({
      type: 'column',
      title: 'Budget execution by programme area',
      font: CHART_FONT,
      legend: { position: 'bottom' },
      categories: rows.map((r) => (r.key === '-' ? r.title : `${r.key} ${r.title}`)),
      series: [
        {
          name: 'Execution (actual / planned to date)',
          values: rows.map((r) => r.execution),
          color: BAR,
          // Over-spending shows in amber, as in the HTML report.
          colors: rows.map((r) => (r.execution !== null && r.execution > 1 ? OVER : undefined)),
          dataLabels: { value: true, numberFormat: '0.0%' },
        },
        {
          name: '100% of planned to date',
          type: 'line',
          values: rows.map(() => 1),
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

/**
 * Each indicator's progress ((actual − baseline) / (expected − baseline), as computed) in its
 * status colour, with a line at 100% (on the target curve); no column for an indicator without data.
 */
function progressChart(p: ReportProgramme): Paragraph | null {
  const list = indicatorsOf(p).map((i) => i.status);
  if (!list.some((s) => s.progress !== null)) return null;
  return chart(
    new ChartRun({
      type: 'column',
      title: `${p.id === '-' ? p.title : p.id}: progress against the expected value`,
      font: CHART_FONT,
      legend: { position: 'bottom' },
      categories: list.map((s) => s.id),
      series: [
        {
          name: 'Progress',
          values: list.map((s) => s.progress),
          colors: list.map((s) => STATUS_FILL[s.status]),
          dataLabels: { value: true, numberFormat: '0%' },
        },
        {
          name: 'Expected now (100%)',
          type: 'line',
          values: list.map(() => 1),
          color: '1B2A41',
          markers: false,
          dataLabels: false,
        },
      ],
      valueAxis: { minimum: 0, numberFormat: '0%' },
      transformation: { width: 620, height: 240 },
    }),
  );
}

/** Shades of the status-of-contributions words: paid in full green, in part amber, not yet red. */
const CONTRIBUTION_SHADE: Record<ContributionStatus, string> = {
  'paid-in-full': STATUS_SHADE['on-track'],
  'paid-in-part': STATUS_SHADE['at-risk'],
  'not-yet': STATUS_SHADE['off-track'],
  'not-yet-due': STATUS_SHADE['no-data'],
  unpledged: STATUS_SHADE['no-data'],
  'nothing-due': STATUS_SHADE['no-data'],
};

/** Resources: the summary sentences, a chart by source, the source table and the status of contributions. */
function resourcesBlock(data: ReportData): (Paragraph | Table)[] {
  const f = data.funding;
  const m = (x: bigint) => formatMoney(x, f.digits);
  const out: (Paragraph | Table)[] = [
    heading(1, 'Resources'),
    para([text(resourcesSummary(f))]),
    heading(2, `By funding source (${f.currency})`),
  ];
  if (f.sources.some((r) => r.planned !== 0n || r.pledged !== 0n || r.received !== 0n)) {
    out.push(
      chart(
        new ChartRun({
          type: 'column',
          title: `Planned, pledged and received by funding source (${f.currency})`,
          font: CHART_FONT,
          legend: { position: 'bottom' },
          categories: f.sources.map((r) => r.key),
          series: [
            {
              name: 'Planned',
              values: f.sources.map((r) => minorToNumber(r.planned, f.digits)),
              color: 'B8C7D9',
            },
            {
              name: 'Pledged',
              values: f.sources.map((r) => minorToNumber(r.pledged, f.digits)),
              color: '1F5F99',
            },
            {
              name: 'Received',
              values: f.sources.map((r) => minorToNumber(r.received, f.digits)),
              color: '2E7D32',
            },
          ],
          valueAxis: { minimum: 0, numberFormat: '#,##0' },
          transformation: { width: 620, height: 260 },
        }),
      ),
    );
  }
  const widths = [1838, ...SOURCE_COLUMNS.map(() => 975)];
  const small = (s: string, strong = false) => new TextRun({ text: s, size: 16, bold: strong });
  const sourceRow = (name: string, v: FundingSourceFigures, strong: boolean) =>
    new TableRow({
      children: [
        cell({
          width: widths[0] as number,
          shade: strong ? RESULT_SHADE : undefined,
          children: [small(name, strong)],
        }),
        ...SOURCE_COLUMNS.map((c, i) =>
          cell({
            width: widths[i + 1] as number,
            right: true,
            children: [small(m(v[c.field] as bigint), strong)],
          }),
        ),
      ],
    });
  out.push(
    table(widths, [
      new TableRow({
        tableHeader: true,
        children: ['Source', ...SOURCE_COLUMNS.map((c) => c.label)].map((l, i) =>
          cell({ width: widths[i] as number, shade: HEADER_SHADE, right: i > 0, children: [small(l, true)] }),
        ),
      }),
      ...f.sources.map((r) => sourceRow(sourceName(r), r, false)),
      sourceRow('Total', f.total, true),
    ]),
  );
  out.push(heading(2, `Status of contributions (${f.currency})`));
  if (f.status.length === 0) {
    out.push(para([text('No pledge or contribution recorded.')]));
    return out;
  }
  const sw = [3238, 800, 1400, 1400, 1400, 1400];
  out.push(
    table(sw, [
      headerRow(sw, ['Contributor', 'Year', ...STATUS_COLUMNS.map((c) => c.label), 'Status'], 2),
      ...f.status.map(
        (r) =>
          new TableRow({
            children: [
              cell({ width: sw[0] as number, children: [bold(r.contributor), text(` ${r.title}`)] }),
              cell({ width: sw[1] as number, children: [text(String(r.year))] }),
              ...STATUS_COLUMNS.map((c, i) =>
                cell({ width: sw[i + 2] as number, right: true, children: [text(m(r[c.field]))] }),
              ),
              cell({
                width: sw[5] as number,
                shade: CONTRIBUTION_SHADE[r.status],
                children: [bold(contributionStatusLabel(r.status))],
              }),
            ],
          }),
      ),
    ]),
  );
  return out;
}

/** A narrative: a small italic line naming what it is about and its date, then its paragraphs. */
function narrativeBlock(n: ReportNarrative, about: string): Paragraph[] {
  return [
    new Paragraph({
      spacing: { before: 120, after: 40 },
      keepNext: true,
      children: [
        new TextRun({
          text: `${about ? `${about} — ` : ''}narrative of ${n.date}`,
          italics: true,
          color: '5B6575',
        }),
      ],
    }),
    ...narrativeDocx(n.text),
  ];
}

function namesOf(list: readonly IndicatorStatus[]): string {
  return list.length === 0 ? 'none.' : list.map((s) => `${s.id} ${s.title}`).join('; ');
}

interface CellSpec {
  children: TextRun[] | Paragraph[];
  width: number;
  shade?: string;
  right?: boolean;
  span?: number;
}

function cell(spec: CellSpec): TableCell {
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

function table(widths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows,
  });
}

function headerRow(widths: number[], labels: string[], rightFrom: number): TableRow {
  return new TableRow({
    tableHeader: true,
    children: labels.map((l, i) =>
      cell({ width: widths[i] as number, shade: HEADER_SHADE, right: i >= rightFrom, children: [bold(l)] }),
    ),
  });
}

function factsTable(rows: [string, string][]): Table {
  const widths = [2600, TEXT_WIDTH - 2600];
  return table(
    widths,
    rows.map(
      ([k, v]) =>
        new TableRow({
          children: [
            cell({ width: widths[0] as number, shade: RESULT_SHADE, children: [bold(k)] }),
            cell({ width: widths[1] as number, children: [text(v)] }),
          ],
        }),
    ),
  );
}

/** The four status counts, each on its status's shade, in words. */
function statusCountTable(counts: Record<Status, number>): Table {
  const w = Math.floor(TEXT_WIDTH / 4);
  const widths = STATUS_ORDER.map(() => w);
  return table(widths, [
    new TableRow({
      children: STATUS_ORDER.map((s) =>
        cell({
          width: w,
          shade: STATUS_SHADE[s],
          children: [bold(`${statusLabel(s)}: `), text(String(counts[s]))],
        }),
      ),
    }),
  ]);
}

function programmeBlock(p: ReportProgramme, data: ReportData): (Paragraph | Table)[] {
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const m = (x: bigint | null) => formatMoney(x, digits);
  const out: (Paragraph | Table)[] = [];
  out.push(heading(2, p.id === '-' ? p.title : `${p.id} — ${p.title}`));
  const n = indicatorsOf(p).length;
  out.push(
    para([
      bold('Delivery: '),
      text(
        p.id === '-' && n === 0
          ? 'budget lines linked to no result; no indicators.'
          : `${plural(n, 'indicator')} — ${summaryText(p.summary)}.`,
      ),
    ]),
  );
  if (p.budget) {
    const b = p.budget;
    out.push(
      para([
        bold(`Budget (${cur}): `),
        text(
          `planned total ${m(b.plannedTotal)} · planned to date ${m(b.plannedToDate)} · actual ${m(b.actual)} · variance ${m(b.variance)} · execution `,
        ),
        bold(formatRatio(b.execution)),
      ]),
    );
    if (p.budgetRevisions.length > 0) {
      out.push(
        para([
          new TextRun({
            text: `${revisedMark(p.budgetRevisions)}: planned total as written ${m(b.originalPlannedTotal)}`,
            italics: true,
          }),
        ]),
      );
    }
  } else {
    out.push(para([bold(`Budget (${cur}): `), text('no budget line is linked to this programme area.')]));
  }
  if (p.narrative) pushAll(out, narrativeBlock(p.narrative, ''));
  if (n === 0 && p.results.length === 0) return out;

  const widths = [3538, 1000, 1000, 1000, 1100, 1200, 800];
  const rows: TableRow[] = [
    headerRow(
      widths,
      [
        'Result / indicator',
        'Baseline',
        'Expected',
        'Actual',
        `Final target (${data.plan.end})`,
        'Status',
        'Trend',
      ],
      1,
    ),
  ];
  for (const r of p.results) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell({
            width: TEXT_WIDTH,
            span: 7,
            shade: RESULT_SHADE,
            children: [bold(r.id), new TextRun({ text: ` ${r.level}: `, italics: true }), text(r.title)],
          }),
        ],
      }),
    );
    if (lacksIndicator(p, r)) {
      rows.push(
        new TableRow({
          children: [
            cell({
              width: TEXT_WIDTH,
              span: 7,
              children: [new TextRun({ text: 'No indicator measures this result.', italics: true })],
            }),
          ],
        }),
      );
    }
    for (const { status: s, trend } of r.indicators) {
      const bd = breakdownText(s);
      const first: Paragraph[] = [
        new Paragraph({
          children: [
            bold(s.id),
            text(` ${s.title} `),
            new TextRun({
              text: `(${unitText(s)}${s.period ? `; latest ${s.period}` : ''})`,
              color: '5B6575',
            }),
          ],
        }),
      ];
      if (bd) first.push(new Paragraph({ children: [new TextRun({ text: bd, size: 16, color: '5B6575' })] }));
      if (s.revisions.length > 0) {
        first.push(
          new Paragraph({
            children: [new TextRun({ text: revisedMark(s.revisions), italics: true, size: 16 })],
          }),
        );
      }
      const v = (x: number | null) => [text(formatValue(x, s))];
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell({ width: widths[0] as number, children: first }),
            cell({ width: widths[1] as number, right: true, children: v(s.baseline) }),
            cell({ width: widths[2] as number, right: true, children: v(s.expected) }),
            cell({ width: widths[3] as number, right: true, children: [bold(formatValue(s.actual, s))] }),
            cell({ width: widths[4] as number, right: true, children: v(s.final) }),
            cell({
              width: widths[5] as number,
              shade: STATUS_SHADE[s.status],
              children: [bold(statusText(s))],
            }),
            cell({ width: widths[6] as number, children: [text(trendText(trend))] }),
          ],
        }),
      );
    }
  }
  out.push(table(widths, rows));
  const progress = progressChart(p);
  if (progress) out.push(progress);
  // Narratives beside what they are about: each result's, then its indicators'.
  for (const r of p.results) {
    if (r.narrative) pushAll(out, narrativeBlock(r.narrative, r.id));
    for (const i of r.indicators) if (i.narrative) pushAll(out, narrativeBlock(i.narrative, i.status.id));
  }
  return out;
}

function varianceTable(v: VarianceReport, keyLabel: string): Table {
  const m = (x: bigint | null) => formatMoney(x, v.digits);
  const widths = [2638, 1200, 1200, 1150, 1150, 1050, 1250];
  const figures = (f: VarianceFigures, strong: boolean) =>
    [
      m(f.plannedTotal),
      m(f.plannedToDate),
      m(f.actual),
      m(f.variance),
      formatRatio(f.execution),
      m(f.remaining),
    ].map((x, i) =>
      cell({ width: widths[i + 1] as number, right: true, children: [strong ? bold(x) : text(x)] }),
    );
  const rows = [
    headerRow(
      widths,
      [keyLabel, 'Planned total', 'Planned to date', 'Actual', 'Variance', 'Execution', 'Remaining'],
      1,
    ),
    ...v.rows.map(
      (r) =>
        new TableRow({
          children: [
            cell({
              width: widths[0] as number,
              children: r.key === '-' ? [text(r.title || 'not linked')] : [bold(r.key), text(` ${r.title}`)],
            }),
            ...figures(r, false),
          ],
        }),
    ),
    new TableRow({
      children: [
        cell({ width: widths[0] as number, shade: RESULT_SHADE, children: [bold('Total')] }),
        ...figures(v.total, true),
      ],
    }),
  ];
  return table(widths, rows);
}
