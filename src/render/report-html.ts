import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { type NativeSection, reportSections } from '../document/report.js';
import type { IndicatorStatus, Status } from '../model/reports.js';
import { KEEP_CSS, keepWithNext } from './html-keep.js';
import { narrativeHtml } from './narrative.js';
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
import { RESOURCES_CSS, resourcesHtml } from './report-resources.js';
import { bulletChart, bulletLegend, escapeXml as esc, statusStrip } from './report-svg.js';
import { writeHtmlBlocks } from './writers/html.js';

/**
 * The meeting report as one self-contained HTML file: inline CSS and SVG, no script, no external
 * reference of any kind, laid out for the screen and for A4 paper.
 */
export function renderReportHtml(data: ReportData): string {
  const body: string[] = [];
  for (const section of reportSections(data)) {
    body.push(
      section.kind === 'blocks'
        ? `<section class="${section.id}">\n${writeHtmlBlocks(section.blocks)}\n</section>`
        : NATIVE[section.id](data),
    );
  }
  body.push(`<footer><p>${esc(methodText(data))}</p></footer>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(data.plan.title)} — meeting report, ${data.asOf}</title>
<style>${CSS}${RESOURCES_CSS}${KEEP_CSS}</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

/** The sections not yet built as blocks, each in its HTML. */
const NATIVE: Record<NativeSection, (data: ReportData) => string> = {
  title(data) {
    const cur = data.plan.currency;
    const body: string[] = [];
    body.push(`<header class="masthead">
  <div class="kicker">Meeting report · results and budget</div>
  <h1>${esc(data.plan.title)}</h1>
  <div class="asof">Status as of <strong>${data.asOf}</strong></div>
</header>
<section class="titleblock">
  <dl>
    <div><dt>Plan</dt><dd>${esc(data.plan.id)} (${data.plan.start}–${data.plan.end}, ${esc(cur)})</dd></div>
    <div><dt>As of</dt><dd data-fact="asOf">${data.asOf}</dd></div>
    <div><dt>Generated</dt><dd data-fact="generated">${data.generated}</dd></div>
    <div><dt>Framework</dt><dd><code>${esc(data.framework)}</code></dd></div>
    <div><dt>Ledger entries used</dt><dd data-fact="entries">${entriesText(data.entries)}</dd></div>
  </dl>
</section>`);
    return body.join('\n');
  },
  summary(data) {
    const cur = data.plan.currency;
    const v = data.budget.byProgramme;
    const money = (m: bigint | null) => formatMoney(m, v.digits);
    const sum = data.summary;
    const body: string[] = [];
    // Executive summary
    const chips = STATUS_ORDER.map(
      (s) => `<li>${chip(s)} <strong data-status-count="${s}">${sum.byStatus[s]}</strong></li>`,
    ).join('');
    body.push(`<section class="summary">
  ${keepWithNext(
    '<h2>Executive summary</h2>',
    `<div class="cards">
    <div class="card">
      <div class="card-label">Indicators</div>
      <div class="card-figure" data-fact="indicators">${sum.indicators}</div>
      ${statusStrip(sum.byStatus, STATUS_ORDER, 260)}
      <ul class="counts">${chips}</ul>
      <div class="card-note">${plural(sum.achieved, 'indicator')} achieved the final target</div>
    </div>
    <div class="card">
      <div class="card-label">Overdue</div>
      <div class="card-figure" data-fact="overdue">${sum.overdue}</div>
      <div class="card-note">${sum.overdue === 1 ? 'indicator has' : 'indicators have'} a reporting period ended with no entry</div>
    </div>
    <div class="card">
      <div class="card-label">Budget execution</div>
      <div class="card-figure" data-fact="execution">${formatRatio(v.total.execution)}</div>
      <table class="mini">
        <tr><th>Planned to date</th><td class="num" data-fact="plannedToDate">${esc(cur)} ${money(v.total.plannedToDate)}</td></tr>
        <tr><th>Actual</th><td class="num" data-fact="actual">${esc(cur)} ${money(v.total.actual)}</td></tr>
        <tr><th>Planned total</th><td class="num">${esc(cur)} ${money(v.total.plannedTotal)}</td></tr>
      </table>
    </div>
  </div>`,
  )}
  <div class="watch">
    <div>${keepWithNext(`<h3>${chip('off-track')} indicators</h3>`, nameList(sum.offTrack))}</div>
    <div>${keepWithNext(`<h3>${chip('at-risk')} indicators</h3>`, nameList(sum.atRisk))}</div>
  </div>
  <p class="missing" data-fact="missing"><strong>Missing periods:</strong> ${esc(missingText(data))}</p>
  ${data.planNarrative ? narrativeHtmlBlock(data.planNarrative) : ''}
</section>`);
    return body.join('\n');
  },
  since(data) {
    const body: string[] = [];
    body.push(`<section class="since">
  ${keepWithNext(
    `<h2>${esc(sinceHeading(data))}</h2>`,
    `<dl class="since-items">${sinceItems(data)
      .map((i) => `<div><dt>${esc(i.label)}</dt><dd>${esc(i.text)}</dd></div>`)
      .join('')}</dl>`,
  )}
</section>`);
    return body.join('\n');
  },
  programmes(data) {
    const body: string[] = [];
    // Programme areas
    body.push(`<section class="programmes">
  ${keepWithNext('<h2>Programme areas: delivery and budget</h2>', `<div class="legend-row">${bulletLegend()}</div>`)}`);
    for (const p of data.programmes) body.push(programmeHtml(p, data));
    body.push('</section>');
    return body.join('\n');
  },
  revisions(data) {
    const body: string[] = [];
    const items = data.revisions.map(
      (r) =>
        `<li data-revision="${esc(r.id)}"><strong>${esc(r.id)}</strong>${esc(revisionHead(r).slice(r.id.length))}<ul>${r.changes.map((ch) => `<li>${esc(changeText(ch, data))}</li>`).join('')}</ul></li>`,
    );
    body.push(`<section class="revisions">
  ${keptList('<h2>Revisions in force</h2>', items)}
</section>`);
    return body.join('\n');
  },
  resources(data) {
    const body: string[] = [];
    // Resources
    body.push(resourcesHtml(data));
    return body.join('\n');
  },
  notes(data) {
    const body: string[] = [];
    // Notes
    const notes = noteItems(data);
    const kindLabel = {
      warning: 'Warning',
      overdue: 'Overdue',
      missing: 'Missing',
      indicator: 'Data',
      illustrative: 'Illustrative',
    };
    const noteHead = '<h2>Data-quality notes</h2>';
    body.push(`<section class="notes">
  ${
    notes.length === 0
      ? keepWithNext(
          noteHead,
          '<p>None: no validation warnings, overdue indicators or illustrative entries.</p>',
        )
      : keptList(
          noteHead,
          notes.map(
            (n) =>
              `<li class="note note-${n.kind}"><span class="tag">${kindLabel[n.kind]}</span> ${n.where ? `<code>${esc(n.where)}</code> ` : ''}${esc(n.text)}${n.code ? ` <span class="code">(${esc(n.code)})</span>` : ''}</li>`,
          ),
        )
  }
</section>`);
    return body.join('\n');
  },
};

const GLYPH: Record<Status, string> = { 'on-track': '✓', 'at-risk': '!', 'off-track': '✕', 'no-data': '–' };

/** A status chip: colour, a glyph and the words, so it reads in greyscale too. */
function chip(s: Status, extra = ''): string {
  return `<span class="chip chip-${s}"><span aria-hidden="true">${GLYPH[s]}</span> ${statusLabel(s)}${extra}</span>`;
}

function nameList(list: readonly IndicatorStatus[]): string {
  if (list.length === 0) return '<p class="none">None.</p>';
  return `<ul class="names">${list.map((s) => `<li><strong>${esc(s.id)}</strong> ${esc(s.title)}</li>`).join('')}</ul>`;
}

function programmeHtml(p: ReportProgramme, data: ReportData): string {
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const m = (x: bigint | null) => formatMoney(x, digits);
  const nInd = indicatorsOf(p).length;
  const title = p.id === '-' ? esc(p.title) : `<span class="pid">${esc(p.id)}</span> ${esc(p.title)}`;
  const budget = p.budget
    ? `<table class="mini">
        <tr><th>Planned total</th><td class="num">${m(p.budget.plannedTotal)}</td></tr>
        <tr><th>Planned to date</th><td class="num">${m(p.budget.plannedToDate)}</td></tr>
        <tr><th>Actual</th><td class="num">${m(p.budget.actual)}</td></tr>
        <tr><th>Variance</th><td class="num">${m(p.budget.variance)}</td></tr>
      </table>
      <div class="exec"><span class="exec-label">Execution</span> <strong>${formatRatio(p.budget.execution)}</strong></div>
      ${execMeter(p.budget.execution)}${p.budgetRevisions.length ? `<p class="revised">${esc(revisedMark(p.budgetRevisions))}: planned total as written ${m(p.budget.originalPlannedTotal)}</p>` : ''}`
    : '<p class="none">No budget line is linked to this programme area.</p>';
  const counts = STATUS_ORDER.filter((s) => p.summary[s] > 0)
    .map((s) => `${chip(s)} ${p.summary[s]}`)
    .join(' ');
  const rows: string[] = [];
  for (const r of p.results) {
    rows.push(
      `<tr class="result"><th colspan="7" scope="colgroup"><span class="rid">${esc(r.id)}</span> <span class="level">${r.level}</span> ${esc(r.title)}</th></tr>`,
    );
    if (lacksIndicator(p, r))
      rows.push('<tr><td colspan="7" class="none">No indicator measures this result.</td></tr>');
    for (const { status: s, trend } of r.indicators) {
      const label = `${s.id}: baseline ${formatValue(s.baseline, s)}, expected ${formatValue(s.expected, s)}, actual ${formatValue(s.actual, s)}, final target ${formatValue(s.final, s)}`;
      const bd = breakdownText(s);
      const flags = [
        s.achieved ? 'achieved' : '',
        s.overdue ? 'overdue' : '',
        revisedMark(s.revisions),
      ].filter(Boolean);
      rows.push(`<tr class="indicator" data-indicator="${esc(s.id)}">
  <td class="ind"><div><strong>${esc(s.id)}</strong> ${esc(s.title)} <span class="unit">(${esc(unitText(s))}${s.period ? `; latest ${esc(s.period)}` : ''})</span></div>${bd ? `<div class="bd">${esc(bd)}</div>` : ''}${bulletChart(s, label)}</td>
  <td class="num" data-col="baseline">${esc(formatValue(s.baseline, s))}</td>
  <td class="num" data-col="expected">${esc(formatValue(s.expected, s))}</td>
  <td class="num actual" data-col="actual">${esc(formatValue(s.actual, s))}</td>
  <td class="num" data-col="final">${esc(formatValue(s.final, s))}</td>
  <td data-col="status">${chip(s.status)}${flags.length ? `<div class="flags">${flags.join(', ')}</div>` : ''}</td>
  <td data-col="trend">${esc(trendText(trend))}</td>
</tr>`);
    }
  }
  const narratives = [
    ...(p.narrative ? [narrativeHtmlBlock(p.narrative)] : []),
    ...p.results.flatMap((r) => [
      ...(r.narrative ? [narrativeHtmlBlock(r.narrative, r.id)] : []),
      ...r.indicators.flatMap((i) => (i.narrative ? [narrativeHtmlBlock(i.narrative, i.status.id)] : [])),
    ]),
  ];
  // The budget box and the line of counts are kept with the heading (printed, the budget comes
  // first); on screen the grid puts the budget on the right, beside the indicators.
  return `<article class="programme" data-programme="${esc(p.id)}">
  ${keepWithNext(
    `<h3>${title}</h3>`,
    `<aside class="burn">
      <h4>Budget (${esc(cur)})</h4>
      ${budget}
    </aside>`,
    `<div class="delivery-head">${p.id === '-' && nInd === 0 ? 'Budget lines linked to no result; no indicators.' : `${plural(nInd, 'indicator')} ${counts}`}</div>`,
  )}
  ${
    rows.length
      ? `<table class="indicators">
    <thead><tr><th>Indicator</th><th class="num">Baseline</th><th class="num">Expected</th><th class="num">Actual</th><th class="num">Final (${data.plan.end})</th><th>Status</th><th>Trend</th></tr></thead>
    <tbody>${rows.join('\n')}</tbody>
  </table>`
      : ''
  }
  ${narratives.join('\n')}
</article>`;
}

/**
 * A heading over a list, kept with the list's first item (a list may run over pages, so the
 * whole of it cannot be kept with the heading): two lists that read as one.
 */
function keptList(heading: string, items: readonly string[]): string {
  const [first, ...rest] = items;
  return `${keepWithNext(heading, `<ul class="kept-first">${first ?? ''}</ul>`)}${rest.length > 0 ? `\n<ul class="kept-rest">${rest.join('\n')}</ul>` : ''}`;
}

/** A narrative: its Markdown as HTML (raw HTML escaped, only web and mail links), under a line naming its date. */
function narrativeHtmlBlock(n: ReportNarrative, about = ''): string {
  return `<div class="narrative" data-about="${esc(n.about)}"><div class="narrative-head">${about ? `${esc(about)} — ` : ''}narrative of ${esc(n.date)}</div>${narrativeHtml(n.text)}</div>`;
}

/** A small inline meter of execution against 100% of planned to date. */
function execMeter(execution: number | null): string {
  if (execution === null) return '';
  const max = Math.max(1, execution);
  const w = 180;
  const fill = execution > 1 ? '#b7791f' : '#1f5f99';
  const ref = (1 / max) * w;
  return `<svg class="meter" viewBox="0 0 ${w} 12" width="${w}" height="12" role="img" aria-label="Execution ${formatRatio(execution)}"><rect x="0" y="0" width="${w}" height="12" fill="#eef1f5"/><rect x="0" y="0" width="${Math.round(Math.max(0, execution / max) * w * 10) / 10}" height="12" fill="${fill}"/><rect x="${Math.round(ref * 10) / 10 - 1}" y="0" width="2" height="12" fill="#1b2a41"/></svg>`;
}

const CSS = `
.narrative { margin: .6em 0 1em; padding: .4em .9em; border-left: 3px solid #9fb3c8; background: #f7f9fb; }
.narrative-head { font-size: .8em; color: #5a6b7d; text-transform: uppercase; letter-spacing: .04em; }
.narrative p { margin: .4em 0; }
.since dl.since-items div { display: flex; gap: 1em; margin: .2em 0; }
.since dt { min-width: 9em; font-weight: 600; }
.since dd { margin: 0; }
.revised { color: #6b3fa0; font-size: .85em; }
.revisions li { margin: .2em 0; }
:root { --ink: #1b2a41; --muted: #5b6575; --rule: #d5dbe3; --un: #1f5f99; --un-light: #e8f1f9; --paper: #fff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #f4f6f9; color: var(--ink); font: 14px/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; background: var(--paper); padding: 0 32px 32px; }
.masthead { background: var(--un); color: #fff; margin: 0 -32px; padding: 22px 32px 18px; border-bottom: 4px solid #0b3c68; }
.masthead h1 { margin: 4px 0 2px; font-size: 26px; font-weight: 600; letter-spacing: .2px; }
.kicker { text-transform: uppercase; letter-spacing: 1.5px; font-size: 11px; opacity: .9; }
.asof { font-size: 14px; opacity: .95; }
h2 { font-size: 19px; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--un); color: #0b3c68; }
h3 { font-size: 15px; margin: 16px 0 8px; }
h4 { font-size: 13px; margin: 0 0 6px; text-transform: uppercase; letter-spacing: .8px; color: var(--muted); }
.sub { font-weight: 400; color: var(--muted); font-size: 13px; }
.titleblock dl { display: grid; grid-template-columns: repeat(5, auto); gap: 4px 24px; margin: 14px 0 0; }
.titleblock dt { font-size: 11px; text-transform: uppercase; letter-spacing: .8px; color: var(--muted); }
.titleblock dd { margin: 0; font-weight: 600; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 12px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.card { border: 1px solid var(--rule); border-top: 4px solid var(--un); padding: 12px 14px; background: #fbfcfe; }
.card-label { font-size: 11px; text-transform: uppercase; letter-spacing: .8px; color: var(--muted); }
.card-figure { font-size: 30px; font-weight: 700; margin: 2px 0 6px; }
.card-note { color: var(--muted); font-size: 12px; margin-top: 6px; }
.counts { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 12px; }
.watch { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-top: 10px; }
.watch h3 { margin: 8px 0 4px; font-size: 14px; }
.names { margin: 0; padding-left: 18px; }
.none { color: var(--muted); font-style: italic; margin: 4px 0; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid; }
.chip-on-track { color: #1e5b22; background: #e3f1e4; border-color: #2e7d32; }
.chip-at-risk { color: #6d4708; background: #fbf0d9; border-color: #b7791f; }
.chip-off-track { color: #8e1b1b; background: #fbe4e4; border-color: #c62828; }
.chip-no-data { color: #3f4651; background: #eef0f3; border-color: #8a8f98; }
.legend-row { margin: 4px 0 6px; }
.programme { border: 1px solid var(--rule); margin: 14px 0; padding: 10px 14px 12px; break-inside: avoid-page; display: grid; grid-template-columns: minmax(0, 1fr) 230px; column-gap: 16px; align-items: start; }
.programme > .keep { display: contents; }
.programme h3 { margin: 2px 0 8px; font-size: 16px; color: #0b3c68; grid-column: 1 / -1; grid-row: 1; }
.programme > .keep > .burn { grid-column: 2; grid-row: 2 / span 2; }
.programme > .keep > .delivery-head { grid-column: 1; grid-row: 2; }
.programme > table.indicators { grid-column: 1; grid-row: 3; }
.programme > .narrative { grid-column: 1 / -1; }
.pid, .rid { font-weight: 700; color: var(--un); }
ul.kept-first { margin-bottom: 0; }
ul.kept-rest { margin-top: 0; }
svg.exec-bars, svg.funding-bars { display: block; }
.delivery-head { margin-bottom: 6px; color: var(--muted); }
.burn { border-left: 3px solid var(--un); background: var(--un-light); padding: 8px 10px 10px; }
.exec { margin: 6px 0 4px; }
.exec-label { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.indicators thead th, table.variance thead th { font-size: 11px; text-transform: uppercase; letter-spacing: .5px; color: var(--muted); border-bottom: 2px solid var(--ink); }
table.indicators td { border-bottom: 1px solid var(--rule); }
tr.result th { background: #f1f4f8; font-weight: 600; font-size: 13px; border-bottom: 1px solid var(--rule); }
.level { font-size: 10px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); border: 1px solid var(--rule); padding: 0 4px; border-radius: 3px; background: #fff; }
td.ind { min-width: 220px; }
svg.bullet { width: 100%; max-width: 240px; height: auto; }
.unit, .bd, .flags, .code { color: var(--muted); font-size: 12px; }
.actual { font-weight: 700; }
svg.bullet { display: block; margin-top: 3px; }
table.mini th { font-weight: 400; color: var(--muted); padding: 1px 0; }
table.mini td { padding: 1px 0 1px 8px; }
table.variance tbody tr:nth-child(even) { background: #f7f9fb; }
table.variance td, table.variance tbody th { border-bottom: 1px solid var(--rule); font-weight: 400; }
table.variance tfoot th, table.variance tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
.notes ul { padding-left: 0; list-style: none; }
.note { padding: 5px 8px; border-left: 3px solid var(--rule); margin: 4px 0; }
.note .tag { font-size: 11px; text-transform: uppercase; letter-spacing: .6px; font-weight: 700; margin-right: 4px; }
.note-warning, .note-overdue, .note-indicator { border-left-color: #b7791f; }
.note-illustrative { border-left-color: #6b46c1; }
footer { margin-top: 24px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
svg text { font-family: inherit; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { background: #fff; font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  .masthead { margin: 0 0 8px; padding: 10px 12px; }
  .titleblock dl { grid-template-columns: repeat(3, auto); }
  .programme, .programme > .keep { display: block; }
  .burn { padding: 4px 8px; margin-bottom: 6px; }
  .burn h4 { display: inline; margin-right: 10px; }
  .burn table.mini, .burn table.mini tbody { display: inline; width: auto; }
  .burn table.mini tr { display: inline; margin-right: 12px; }
  .burn table.mini th, .burn table.mini td { display: inline; padding: 0 2px; }
  .burn .exec { display: inline-block; margin: 0 8px 0 0; }
  td.ind { min-width: 0; }
  .cards { grid-template-columns: repeat(3, 1fr); }
  h2 { break-after: avoid-page; }
  h3, h4 { break-after: avoid-page; }
  tr, .card, .note, svg { break-inside: avoid; }
  /* A result's row names what the rows under it measure. */
  tr.result { break-after: avoid; }
  thead { display: table-header-group; }
  /* A footer group repeats on every page a table spans: its total would stand under rows not its own. */
  tfoot { display: table-row-group; }
  .programme { break-inside: auto; }
  svg.exec-bars { max-width: 100%; height: auto; }
  svg.legend { max-width: 100%; height: auto; }
}
`;
