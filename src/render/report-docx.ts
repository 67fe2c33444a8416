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
  type Table,
  TableOfContents,
  TableRow,
  TextRun,
} from 'docx';
import { ChartRun } from 'docx/charts';
import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { pushAll } from '../core/arrays.js';
import { minorToNumber } from '../core/money.js';
import { type NativeSection, reportSections } from '../document/report.js';
import type { ContributionStatus, FundingSourceFigures, IndicatorStatus, Status } from '../model/reports.js';
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
import {
  A4,
  bold,
  CHART_FONT,
  cell,
  chart,
  FONT,
  HEADER_SHADE,
  headerRow,
  heading,
  MARGIN,
  para,
  RESULT_SHADE,
  TEXT_WIDTH,
  table,
  text,
  writeDocxBlocks,
} from './writers/docx.js';

/**
 * The meeting report as a Word document, for circulation as a meeting document: the same
 * sections and figures as the HTML report, in Word's own heading styles (so the navigation pane
 * and the table of contents work), A4 portrait with page numbers, status as words on shaded
 * cells (never colour alone), and charts drawn as Word's own charts (vector, editable with
 * "Edit Data", no image renderer needed). Renders ReportData; computes nothing: ratios go to
 * the charts as they are and Word writes them as percentages.
 */

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

/** Renders the report as the bytes of a .docx file. */
export async function renderReportDocx(data: ReportData): Promise<Uint8Array> {
  const body: (Paragraph | Table | TableOfContents)[] = [];

  for (const section of reportSections(data)) {
    pushAll(body, section.kind === 'blocks' ? writeDocxBlocks(section.blocks) : NATIVE[section.id](data));
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

type Body = (Paragraph | Table | TableOfContents)[];

/** The sections not yet built as blocks, each as Word paragraphs and tables. */
const NATIVE: Record<NativeSection, (data: ReportData) => Body> = {
  title(data) {
    const cur = data.plan.currency;
    const body: Body = [];
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
    return body;
  },
  summary(data) {
    const cur = data.plan.currency;
    const v = data.budget.byProgramme;
    const money = (m: bigint | null) => formatMoney(m, v.digits);
    const sum = data.summary;
    const body: Body = [];
    // Executive summary
    body.push(heading(1, 'Executive summary'));
    body.push(
      para([
        bold('Indicators: '),
        text(
          `${sum.indicators} — ${summaryText(sum.byStatus)}; ${sum.achieved} achieved their final target.`,
        ),
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
    return body;
  },
  since(data) {
    const body: Body = [];
    // Since the last meeting (or the date given with --since)
    body.push(heading(1, sinceHeading(data)));
    for (const item of sinceItems(data)) {
      body.push(
        new Paragraph({ bullet: { level: 0 }, children: [bold(`${item.label}: `), text(item.text)] }),
      );
    }
    return body;
  },
  programmes(data) {
    const body: Body = [];
    // Programme areas
    body.push(heading(1, 'Programme areas: delivery and budget'));
    for (const p of data.programmes) pushAll(body, programmeBlock(p, data));
    return body;
  },
  revisions(data) {
    const body: Body = [];
    // Revisions in force
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
    return body;
  },
  resources(data) {
    const body: Body = [];
    // Resources
    pushAll(body, resourcesBlock(data));
    return body;
  },
  notes(data) {
    const body: Body = [];
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
    return body;
  },
};

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
