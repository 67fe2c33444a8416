import type { ChalkInstance } from 'chalk';
import type { PortfolioContributor, PortfolioIndicator, PortfolioReport } from '../compute/portfolio.js';
import { csvField } from './csv.js';
import { locate } from './diagnostics.js';
import { type Column, layoutTable, MIN_WIDTH, type Row, wrap } from './layout.js';
import { mdText } from './markdown.js';
import { colourStatus, num, progressText, valueText } from './status-common.js';

/** `portfolio`'s renderers: table, md, csv and json of one PortfolioReport; none computes. */

/** A contributor's figure in its indicator's terms (a level name for a milestone). */
function contributorValue(i: PortfolioIndicator, r: PortfolioContributor): string {
  if (i.measure === 'milestone') return r.level ?? valueText(i, r.actual);
  return valueText(i, r.actual);
}

function shareText(share: number | null): string {
  return share === null ? '' : `${num(share * 100, 1)}%`;
}

function statusText(i: PortfolioIndicator): string {
  if (i.status === null) return 'not combined';
  return i.achieved ? `${i.status}, achieved` : i.status;
}

/** The frameworks line under the title: who is in the portfolio, and who is given but not linked. */
function membersText(r: PortfolioReport): string {
  const linked = r.frameworks.filter((f) => f.linked).map((f) => f.framework);
  const unlinked = r.frameworks.filter((f) => !f.linked).map((f) => f.framework);
  let text = `Contributors: ${linked.length ? linked.join(', ') : 'none'}`;
  if (unlinked.length) text += `; not linked to ${r.framework} (not counted): ${unlinked.join(', ')}`;
  return text;
}

const COLUMNS: readonly Column[] = [
  { head: 'Indicator' },
  { head: 'Period', drop: 3 },
  { head: 'Baseline', align: 'right', drop: 1 },
  { head: 'Actual', align: 'right' },
  { head: 'Share', align: 'right' },
  { head: 'Expected', align: 'right' },
  { head: 'Final', align: 'right', drop: 2 },
  { head: 'Progress', align: 'right' },
  { head: 'Status' },
];

/**
 * The terminal table: per parent indicator a line with its id and title, a `portfolio` row with its
 * figures against the parent's targets, then a row per contributing indicator with its share.
 */
export function renderPortfolioTable(r: PortfolioReport, c: ChalkInstance, width = MIN_WIDTH): string {
  const title = wrap(`${r.title} — portfolio as of ${r.asOf}`, width).join('\n');
  const rows: Row[] = [];
  for (const i of r.indicators) {
    rows.push({ span: `${i.id}  ${i.title} (${i.unit})`, paint: (t: string) => c.bold(t), hang: '    ' });
    rows.push({
      cells: [
        '  portfolio',
        i.period ?? '–',
        i.measure === 'milestone' ? '' : valueText(i, i.baseline),
        i.measure === 'milestone' ? '' : valueText(i, i.actual),
        '',
        valueText(i, i.expected),
        valueText(i, i.final),
        progressText(i.progress),
        statusText(i),
      ],
      paint: (t, col) => (col === 8 && i.status ? colourStatus(c, i.status, t) : t),
    });
    if (i.contributors.length === 0)
      rows.push({ span: '  (no contributor)', paint: (t: string) => c.dim(t) });
    for (const k of i.contributors) {
      rows.push({
        cells: [
          `  ${k.framework} ${k.indicator}`,
          k.period ?? '–',
          '',
          contributorValue(i, k),
          shareText(k.share),
          '',
          '',
          '',
          '',
        ],
      });
    }
  }
  const laid = layoutTable(COLUMNS, rows, width, { head: (t) => c.bold(t) });
  const foot = wrap(membersText(r), width).join('\n');
  return `${title}\n${laid.lines.join('\n')}\n${foot}\n`;
}

/** `portfolio --format md`: one table, contributor rows under their indicator. */
export function renderPortfolioMd(r: PortfolioReport): string {
  const head = [
    'Indicator',
    'Contributor',
    'Period',
    'Baseline',
    'Actual',
    'Share',
    'Expected',
    'Final',
    'Progress',
    'Status',
  ];
  const lines = [
    `**${mdText(r.title)}** — portfolio as of ${r.asOf}`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_h, n) => (n >= 3 && n <= 8 ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const i of r.indicators) {
    const cells = [
      `${i.id} ${i.title}`,
      'portfolio',
      i.period ?? '–',
      i.measure === 'milestone' ? '' : valueText(i, i.baseline),
      i.measure === 'milestone' ? '' : valueText(i, i.actual),
      '',
      valueText(i, i.expected),
      valueText(i, i.final),
      progressText(i.progress),
      statusText(i),
    ];
    lines.push(`| ${cells.map(mdText).join(' | ')} |`);
    for (const k of i.contributors) {
      const row = [
        '',
        `${k.framework} ${k.indicator}`,
        k.period ?? '–',
        '',
        contributorValue(i, k),
        shareText(k.share),
        '',
        '',
        '',
        '',
      ];
      lines.push(`| ${row.map(mdText).join(' | ')} |`);
    }
  }
  lines.push('', mdText(membersText(r)), '');
  return lines.join('\n');
}

const CSV_FIELDS = [
  'indicator',
  'framework',
  'contributor',
  'unit',
  'measure',
  'aggregation',
  'period',
  'baseline',
  'actual',
  'share',
  'expected',
  'final',
  'progress',
  'status',
] as const;

/**
 * `portfolio --format csv`: a row per parent indicator (`framework` the parent, `contributor`
 * empty) and a row per contributing indicator (`framework` its framework, `contributor` its own
 * indicator id, `actual` what it contributes, `share` its part); empty for null.
 */
export function renderPortfolioCsv(r: PortfolioReport): string {
  const lines = [CSV_FIELDS.join(',')];
  const line = (values: (string | number | boolean | null)[]) =>
    lines.push(values.map((v) => (v === null ? '' : csvField(String(v)))).join(','));
  for (const i of r.indicators) {
    line([
      i.id,
      r.framework,
      null,
      i.unit,
      i.measure,
      i.aggregation,
      i.period,
      i.baseline,
      i.actual,
      null,
      i.expected,
      i.final,
      i.progress,
      i.status,
    ]);
    for (const k of i.contributors) {
      line([
        i.id,
        k.framework,
        k.indicator,
        i.unit,
        i.measure,
        i.aggregation,
        k.period,
        null,
        i.measure === 'milestone' ? (k.level ?? null) : k.actual,
        k.share,
        null,
        null,
        null,
        null,
      ]);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `portfolio --format json`: the contract's fields, in its order, then the fields it adds. */
export function renderPortfolioJson(r: PortfolioReport): string {
  return `${JSON.stringify(portfolioJson(r), null, 2)}\n`;
}

/** The JSON object of `portfolio --format json` (also the `portfolio` of `report --format json`). */
export function portfolioJson(r: PortfolioReport) {
  return {
    asOf: r.asOf,
    framework: r.framework,
    indicators: r.indicators.map((i) => {
      const o: Record<string, unknown> = {
        id: i.id,
        unit: i.unit,
        actual: i.actual,
        expected: i.expected,
        progress: i.progress,
        status: i.status,
        contributors: i.contributors.map((k) => {
          const c: Record<string, unknown> = {
            framework: k.framework,
            indicator: k.indicator,
            actual: k.actual,
            share: k.share,
            period: k.period,
            parentPeriod: k.parentPeriod,
          };
          if (k.numerator !== undefined) c.numerator = k.numerator;
          if (k.denominator !== undefined) c.denominator = k.denominator;
          if (k.level !== undefined) c.level = k.level;
          return c;
        }),
        title: i.title,
        measure: i.measure,
        aggregation: i.aggregation,
        baseline: i.baseline,
        period: i.period,
        final: i.final,
        achieved: i.achieved,
      };
      if (i.levels) o.levels = i.levels;
      return o;
    }),
    frameworks: r.frameworks,
    warnings: r.diagnostics
      .filter((d) => d.severity === 'warning')
      .map((d) => {
        const l = locate(d);
        return { code: d.code, message: d.message, file: l.file, line: l.line, col: l.col };
      }),
  };
}
