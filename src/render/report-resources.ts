import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ReportData } from '../compute/report.js';
import { pushAll } from '../core/arrays.js';
import type {
  ContributionStatus,
  ContributionStatusRow,
  FundingReport,
  FundingSourceFigures,
} from '../model/reports.js';
import { fundingBars } from './funding-svg.js';
import { keepWithNext } from './html-keep.js';
import { mdText } from './markdown.js';
import { formatMoney, formatRatio } from './report-common.js';
import { escapeXml as esc } from './report-svg.js';

/**
 * The meeting report's Resources section in text, Markdown and HTML: by funding source (planned,
 * pledged, received, outstanding, gap, opening, spent, cash balance) and the status of
 * contributions by contributor and year. Every figure comes from `data.funding` (computeFunding).
 */

const STATUS_LABEL: Record<ContributionStatus, string> = {
  'paid-in-full': 'paid in full',
  'paid-in-part': 'paid in part',
  'not-yet': 'not yet paid',
  'not-yet-due': 'not yet due',
  unpledged: 'received, no pledge',
  'nothing-due': 'nothing due',
};

/** "paid in full", "paid in part", "not yet paid", "not yet due", "received, no pledge", "nothing due". */
export function contributionStatusLabel(s: ContributionStatus): string {
  return STATUS_LABEL[s];
}

/** The source columns of the report, in reading order: what was promised and paid, then the cash. */
export const SOURCE_COLUMNS: readonly { field: keyof FundingSourceFigures; label: string }[] = [
  { field: 'planned', label: 'Planned' },
  { field: 'pledged', label: 'Pledged' },
  { field: 'received', label: 'Received' },
  { field: 'outstanding', label: 'Outstanding' },
  { field: 'gap', label: 'Gap' },
  { field: 'opening', label: 'Opening' },
  { field: 'spent', label: 'Spent' },
  { field: 'balance', label: 'Cash balance' },
];

export const STATUS_COLUMNS: readonly { field: 'pledged' | 'received' | 'outstanding'; label: string }[] = [
  { field: 'pledged', label: 'Pledged' },
  { field: 'received', label: 'Received' },
  { field: 'outstanding', label: 'Outstanding' },
];

export function sourceName(r: { key: string; title: string }): string {
  return r.key === '-' ? '- lines without a source' : `${r.key} ${r.title}`;
}

/** Two sentences on the resources: what was pledged and received, then the gap and the cash. */
export function resourcesSummary(f: FundingReport): string {
  const m = (x: bigint) => formatMoney(x, f.digits);
  const t = f.total;
  const cur = f.currency;
  const notes = [
    t.collection === null ? '' : `${formatRatio(t.collection)} of pledges`,
    t.inKind === 0n ? '' : `${m(t.inKind)} in kind`,
  ].filter(Boolean);
  const flows =
    t.pledged === 0n && t.received === 0n
      ? 'No pledge or contribution recorded.'
      : `Pledged ${cur} ${m(t.pledged)}, received ${cur} ${m(t.received)}${notes.length ? ` (${notes.join('; ')})` : ''}, outstanding ${cur} ${m(t.outstanding - t.notYetDue)}${t.notYetDue === 0n ? '' : ` (and ${cur} ${m(t.notYetDue)} pledged for later years, not yet due)`}.`;
  return `${flows} Funding gap ${cur} ${m(t.gap)} against ${cur} ${m(t.planned)} planned; cash balance ${cur} ${m(t.balance)} (opening ${m(t.opening)}, spent ${m(t.spent)}).`;
}

function statusNote(f: FundingReport): string {
  return f.status.length === 0 ? 'No pledge or contribution recorded.' : '';
}

// ---------------------------------------------------------------------------------------- text

/** The Resources section for the terminal (report --format text), `width` columns wide. */
export function resourcesText(data: ReportData, c: ChalkInstance, width: number): string[] {
  const f = data.funding;
  const m = (x: bigint) => formatMoney(x, f.digits);
  const heading = (text: string) => [c.bold(text), c.dim('─'.repeat(Math.min(width, text.length)))];
  const out: string[] = [];
  pushAll(out, heading(`RESOURCES BY FUNDING SOURCE (${f.currency}, as of ${f.asOf})`));
  // Two tables of four figure columns each fit the report's width with the source names.
  const halves = [SOURCE_COLUMNS.slice(0, 4), SOURCE_COLUMNS.slice(4)];
  for (const cols of halves) {
    // cli-table3 widths include the padding; a table of k columns has k + 1 borders.
    const keyW = width - (cols.length + 2) - cols.length * 15;
    const t = new Table({
      head: ['Source', ...cols.map((x) => x.label)].map((h) => c.bold(h)),
      colWidths: [keyW, ...cols.map(() => 15)],
      colAligns: ['left', ...cols.map(() => 'right' as const)],
      wordWrap: true,
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    const row = (name: string, v: FundingSourceFigures, bold: boolean) => {
      const b = (s: string) => (bold ? c.bold(s) : s);
      return [
        b(name),
        ...cols.map((x) => {
          const text = m(v[x.field] as bigint);
          return b(
            (x.field === 'gap' || x.field === 'balance') && (v[x.field] as bigint) < 0n ? c.red(text) : text,
          );
        }),
      ];
    };
    for (const r of f.sources) t.push(row(sourceName(r), r, false));
    t.push(row('Total', f.total, true));
    out.push(t.toString());
  }
  pushAll(out, wrapWords(resourcesSummary(f), width));
  out.push('');
  pushAll(out, heading(`STATUS OF CONTRIBUTIONS (${f.currency})`));
  if (f.status.length === 0) out.push(statusNote(f));
  else {
    const t = new Table({
      head: ['Contributor', 'Year', ...STATUS_COLUMNS.map((x) => x.label), 'Status'].map((h) => c.bold(h)),
      colWidths: [width - 7 - 6 - 3 * 14 - 22, 6, 14, 14, 14, 22],
      colAligns: ['left', 'left', 'right', 'right', 'right', 'left'],
      wordWrap: true,
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    });
    const paint = (r: ContributionStatusRow, s: string) =>
      r.status === 'paid-in-full'
        ? c.green(s)
        : r.status === 'not-yet'
          ? c.red(s)
          : r.status === 'paid-in-part'
            ? c.yellow(s)
            : s;
    for (const r of f.status) {
      t.push([
        `${r.contributor} ${r.title}`,
        String(r.year),
        ...STATUS_COLUMNS.map((x) => m(r[x.field])),
        paint(r, contributionStatusLabel(r.status)),
      ]);
    }
    out.push(t.toString());
  }
  out.push('');
  return out;
}

/** Plain prose wrapped at spaces to `width` columns. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

// ------------------------------------------------------------------------------------ Markdown

/** The Resources section in Markdown. */
export function resourcesMd(data: ReportData): string[] {
  const f = data.funding;
  const m = (x: bigint) => formatMoney(x, f.digits);
  const out: string[] = ['## Resources', '', mdText(resourcesSummary(f)), ''];
  out.push(`### By funding source (${f.currency})`, '');
  out.push(`| Source | ${SOURCE_COLUMNS.map((x) => x.label).join(' | ')} |`);
  out.push(`| --- | ${SOURCE_COLUMNS.map(() => '---:').join(' | ')} |`);
  for (const r of f.sources) {
    out.push(
      `| ${mdText(sourceName(r))} | ${SOURCE_COLUMNS.map((x) => m(r[x.field] as bigint)).join(' | ')} |`,
    );
  }
  out.push(
    `| **Total** | ${SOURCE_COLUMNS.map((x) => `**${m(f.total[x.field] as bigint)}**`).join(' | ')} |`,
    '',
  );
  out.push(`### Status of contributions (${f.currency})`, '');
  if (f.status.length === 0) out.push(statusNote(f), '');
  else {
    out.push(`| Contributor | Year | ${STATUS_COLUMNS.map((x) => x.label).join(' | ')} | Status |`);
    out.push(`| --- | --- | ${STATUS_COLUMNS.map(() => '---:').join(' | ')} | --- |`);
    for (const r of f.status) {
      out.push(
        `| ${mdText(`${r.contributor} ${r.title}`)} | ${r.year} | ${STATUS_COLUMNS.map((x) => m(r[x.field])).join(' | ')} | ${contributionStatusLabel(r.status)} |`,
      );
    }
    out.push('');
  }
  return out;
}

// ---------------------------------------------------------------------------------------- HTML

/** The Resources section in HTML: a chart of planned, pledged and received per source, and the two tables. */
export function resourcesHtml(data: ReportData): string {
  const f = data.funding;
  const m = (x: bigint) => formatMoney(x, f.digits);
  const cur = esc(f.currency);
  const neg = (field: string, v: bigint) =>
    (field === 'gap' || field === 'balance') && v < 0n ? ' neg' : '';
  const cells = (v: FundingSourceFigures) =>
    SOURCE_COLUMNS.map(
      (x) => `<td class="num${neg(x.field, v[x.field] as bigint)}">${m(v[x.field] as bigint)}</td>`,
    ).join('');
  const rows = f.sources
    .map(
      (r) =>
        `<tr data-key="${esc(r.key)}"><th scope="row">${r.key === '-' ? 'Lines without a source' : `<span class="pid">${esc(r.key)}</span> ${esc(r.title)}`}</th>${cells(r)}</tr>`,
    )
    .join('\n');
  const chart = fundingBars(
    f.sources.map((r) => ({
      label: r.key === '-' ? 'No source' : `${r.key} ${r.title}`,
      planned: r.planned,
      pledged: r.pledged,
      received: r.received,
      text: r.collection === null ? 'nothing pledged' : `${formatRatio(r.collection)} of pledges received`,
    })),
  );
  const statusHead = `<h3>Status of contributions <span class="sub">(${cur})</span></h3>`;
  const status =
    f.status.length === 0
      ? keepWithNext(statusHead, `<p class="none">${statusNote(f)}</p>`)
      : `${statusHead}
  <table class="contributions">
  <thead><tr><th>Contributor</th><th>Year</th>${STATUS_COLUMNS.map((x) => `<th class="num">${x.label}</th>`).join('')}<th>Status</th></tr></thead>
  <tbody>${f.status
    .map(
      (r) =>
        `<tr data-key="${esc(r.contributor)}-${r.year}"><th scope="row"><span class="pid">${esc(r.contributor)}</span> ${esc(r.title)}</th><td>${r.year}</td>${STATUS_COLUMNS.map((x) => `<td class="num">${m(r[x.field])}</td>`).join('')}<td class="cs cs-${r.status}">${contributionStatusLabel(r.status)}</td></tr>`,
    )
    .join('\n')}</tbody>
</table>`;
  return `<section class="resources">
  ${keepWithNext('<h2>Resources</h2>', `<p>${esc(resourcesSummary(f))}</p>`)}
  ${keepWithNext(
    `<h3>Planned, pledged and received by funding source <span class="sub">(${cur})</span></h3>`,
    chart[0] as string,
  )}
  ${chart.slice(1).join('\n')}
  <h3>By funding source <span class="sub">(${cur}; cash balance = opening + received − in kind − spent)</span></h3>
  <table class="funding">
  <thead><tr><th>Funding source</th>${SOURCE_COLUMNS.map((x) => `<th class="num">${x.label}</th>`).join('')}</tr></thead>
  <tbody>${rows}</tbody>
  <tfoot><tr data-key="total"><th scope="row">Total</th>${cells(f.total)}</tr></tfoot>
</table>
  ${status}
</section>`;
}

/** CSS for the section, added to the report's style sheet. */
export const RESOURCES_CSS = `
.resources td.neg { color: #c62828; }
.resources td.cs-paid-in-full { color: #2e7d32; font-weight: 600; }
.resources td.cs-paid-in-part { color: #b7791f; font-weight: 600; }
.resources td.cs-not-yet { color: #c62828; font-weight: 600; }
svg.funding-bars { max-width: 100%; height: auto; }
`;
