import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { maxOf, pushAll } from '../core/arrays.js';
import type { IndicatorStatus, Status, VarianceFigures, VarianceReport } from '../model/reports.js';
import { narrativeParagraphs } from './narrative.js';
import {
  bar,
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
  sparkline,
  statusLabel,
  statusText,
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
import { resourcesText } from './report-resources.js';

/** The meeting report for the terminal: a title block, the summary, a section per programme, the budget, the notes. */

const WIDTH = 100;

export function renderReportText(data: ReportData, c: ChalkInstance): string {
  const out: string[] = [];
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const money = (m: bigint | null) => formatMoney(m, digits);
  const colour = statusColour(c);

  // Title block
  out.push(c.bold(data.plan.title));
  out.push(`Meeting report — results and budget as of ${data.asOf}`);
  out.push(c.dim('═'.repeat(WIDTH)));
  const facts: [string, string][] = [
    ['Plan', `${data.plan.id} (${data.plan.start}–${data.plan.end}, ${cur})`],
    ['As of', data.asOf],
    ['Generated', data.generated],
    ['Framework', data.framework],
    ['Entries used', entriesText(data.entries)],
  ];
  for (const [k, v] of facts) out.push(`${c.dim(k.padEnd(16))}${v}`);
  out.push('');

  // Executive summary
  pushAll(out, heading(c, 'EXECUTIVE SUMMARY'));
  const sum = data.summary;
  const counts = STATUS_ORDER.map((s) => colour(s, `● ${sum.byStatus[s]} ${statusLabel(s).toLowerCase()}`));
  out.push(`${label(c, 'Indicators')}${sum.indicators}:  ${counts.join('   ')}   (${sum.achieved} achieved)`);
  out.push(`${' '.repeat(16)}${statusBar(c, sum.byStatus, 48)}`);
  out.push(
    `${label(c, 'Overdue')}${sum.overdue > 0 ? c.yellow(plural(sum.overdue, 'indicator')) : '0 indicators'} with a reporting period ended and no entry`,
  );
  const total = data.budget.byProgramme.total;
  out.push(
    `${label(c, 'Budget')}planned to date ${cur} ${money(total.plannedToDate)} · actual ${cur} ${money(total.actual)} · planned total ${cur} ${money(total.plannedTotal)}`,
  );
  out.push(
    `${label(c, 'Execution')}${c.cyan(bar(total.execution, 40))} ${c.bold(formatRatio(total.execution))}`,
  );
  pushAll(
    out,
    nameList(c, 'Off track', sum.offTrack, (s) => c.red(s)),
  );
  pushAll(
    out,
    nameList(c, 'At risk', sum.atRisk, (s) => c.yellow(s)),
  );
  out.push(`${label(c, 'Missing')}${missingText(data)}`);
  out.push('');
  if (data.planNarrative) pushAll(out, narrativeText(c, data.planNarrative, ''));

  // Since the last meeting
  if (data.since) {
    pushAll(out, heading(c, sinceHeading(data).toUpperCase()));
    for (const item of sinceItems(data))
      pushAll(out, wrap(`${label(c, item.label)}${item.text}`, WIDTH, ' '.repeat(16)));
    out.push('');
  }

  // Programme sections
  data.programmes.forEach((p, i) => {
    pushAll(out, programmeText(c, p, data, i + 1));
  });

  // Revisions in force
  if (data.revisions.length > 0) {
    pushAll(out, heading(c, 'REVISIONS IN FORCE'));
    for (const r of data.revisions) {
      pushAll(out, wrap(`${c.bold(r.id)}${revisionHead(r).slice(r.id.length)}`, WIDTH, '  '));
      for (const ch of r.changes) {
        pushAll(
          out,
          wrap(`• ${changeText(ch, data)}`, WIDTH - 2, '  ').map((l) => `  ${l}`),
        );
      }
    }
    out.push('');
  }

  // Budget
  pushAll(out, heading(c, `BUDGET BY PROGRAMME AREA (${cur}, pro rata to ${data.asOf})`));
  out.push(varianceTable(c, data.budget.byProgramme, 'Programme'), '');
  pushAll(out, heading(c, `BUDGET BY FUNDING SOURCE (${cur})`));
  out.push(varianceTable(c, data.budget.bySource, 'Source'), '');

  // Resources
  pushAll(out, resourcesText(data, c, WIDTH));

  // Notes
  pushAll(out, heading(c, 'DATA-QUALITY NOTES'));
  const notes = noteItems(data);
  if (notes.length === 0)
    out.push('None: no validation warnings, overdue indicators or illustrative entries.');
  for (const n of notes) {
    const tag = {
      warning: c.yellow('warning'),
      overdue: c.yellow('overdue'),
      missing: c.yellow('missing'),
      indicator: c.yellow('data'),
      illustrative: c.magenta('illustrative'),
    }[n.kind];
    const where = n.where ? `${c.bold(n.where)} ` : '';
    const code = n.code ? ` ${c.dim(`(${n.code})`)}` : '';
    pushAll(out, wrap(`• ${tag} ${where}${n.text}${code}`, WIDTH, '  '));
  }
  out.push('');
  pushAll(out, wrap(c.dim(methodText(data)), WIDTH, ''));
  return `${out.join('\n')}\n`;
}

function heading(c: ChalkInstance, text: string): string[] {
  return [c.bold(text), c.dim('─'.repeat(Math.min(WIDTH, text.length)))];
}

function label(c: ChalkInstance, text: string): string {
  return c.dim(text.padEnd(16));
}

function statusColour(c: ChalkInstance): (s: Status, text: string) => string {
  return (s, text) =>
    s === 'on-track'
      ? c.green(text)
      : s === 'at-risk'
        ? c.yellow(text)
        : s === 'off-track'
          ? c.red(text)
          : c.gray(text);
}

/** One bar split by status counts, each segment in its status colour and its own glyph (readable without colour). */
function statusBar(c: ChalkInstance, counts: Record<Status, number>, width: number): string {
  const total = STATUS_ORDER.reduce((a, s) => a + counts[s], 0);
  if (total === 0) return '';
  const glyph: Record<Status, string> = { 'on-track': '█', 'at-risk': '▓', 'off-track': '▒', 'no-data': '░' };
  const colour = statusColour(c);
  // Largest-remainder apportionment so the segments fill the bar exactly.
  const exact = STATUS_ORDER.map((s) => (counts[s] / total) * width);
  const cells = exact.map(Math.floor);
  let left = width - cells.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left === 0) break;
    if (counts[STATUS_ORDER[i] as Status] > 0) {
      cells[i] = (cells[i] as number) + 1;
      left -= 1;
    }
  }
  return STATUS_ORDER.map((s, i) => colour(s, glyph[s].repeat(cells[i] as number))).join('');
}

function nameList(
  c: ChalkInstance,
  title: string,
  list: readonly IndicatorStatus[],
  paint: (s: string) => string,
): string[] {
  if (list.length === 0) return [`${label(c, title)}none`];
  return list.map(
    (s, i) => `${i === 0 ? label(c, title) : ' '.repeat(16)}${paint(s.id.padEnd(12))} ${s.title}`,
  );
}

function programmeText(c: ChalkInstance, p: ReportProgramme, data: ReportData, n: number): string[] {
  const out: string[] = [];
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const name = p.id === '-' ? p.title : `${p.id} — ${p.title}`;
  pushAll(out, heading(c, `${n}. ${name}`));
  if (p.budget) {
    const b = p.budget;
    out.push(
      `${label(c, `Budget (${cur})`)}planned ${formatMoney(b.plannedTotal, digits)} · to date ${formatMoney(b.plannedToDate, digits)} · actual ${formatMoney(b.actual, digits)}`,
    );
    out.push(`${label(c, 'Execution')}${c.cyan(bar(b.execution, 30))} ${c.bold(formatRatio(b.execution))}`);
    if (p.budgetRevisions.length > 0)
      out.push(
        `${' '.repeat(16)}${c.magenta(revisedMark(p.budgetRevisions))}: planned total as written ${formatMoney(b.originalPlannedTotal, digits)}`,
      );
  } else {
    out.push(`${label(c, `Budget (${cur})`)}no budget line linked to this programme area`);
  }
  const colour = statusColour(c);
  const nInd = indicatorsOf(p).length;
  const counts = STATUS_ORDER.filter((s) => p.summary[s] > 0).map((s) =>
    colour(s, `${p.summary[s]} ${statusLabel(s).toLowerCase()}`),
  );
  if (p.id !== '-' || nInd > 0) {
    out.push(
      `${label(c, 'Delivery')}${plural(nInd, 'indicator')}${counts.length ? `: ${counts.join(', ')}` : ''}`,
    );
  } else {
    out.push(`${label(c, 'Delivery')}budget lines linked to no result; no indicators`);
  }
  if (p.narrative) pushAll(out, narrativeText(c, p.narrative, ''));
  if (p.results.length === 0) return [...out, ''];

  // Value columns as wide as their longest entry (milestone level names can be long), the title takes the rest.
  const cells = p.results.flatMap((r) =>
    r.indicators.flatMap(({ status: s }) =>
      [s.baseline, s.expected, s.actual, s.final].map((v) => formatValue(v, s)),
    ),
  );
  const valueW = Math.min(
    13,
    maxOf(
      cells.map((x) => x.length + 2),
      10,
    ),
  );
  const finalHead = `Final ${data.plan.end}`;
  const finalW = Math.max(valueW, finalHead.length + 2);
  const t = new Table({
    head: ['Indicator', 'Baseline', 'Expected', 'Actual', finalHead, 'Status', 'Trend'].map((h) => c.bold(h)),
    colWidths: [
      Math.max(28, WIDTH - 8 - 3 * valueW - finalW - 13 - 10),
      valueW,
      valueW,
      valueW,
      finalW,
      13,
      10,
    ],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
    wordWrap: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const r of p.results) {
    t.push([{ colSpan: 7, content: c.bold(`${r.id} ${r.level}: ${r.title}`) }]);
    if (lacksIndicator(p, r)) t.push([{ colSpan: 7, content: c.dim('  no indicator') }]);
    for (const { status: s, trend } of r.indicators) {
      const bd = breakdownText(s);
      const period = s.period ? c.dim(` (${s.period})`) : '';
      const mark = s.revisions.length ? `\n${c.magenta(revisedMark(s.revisions))}` : '';
      t.push([
        `${s.id} ${s.title} ${c.dim(`[${unitText(s)}]`)}${period}${bd ? `\n${c.dim(bd)}` : ''}${mark}`,
        formatValue(s.baseline, s),
        formatValue(s.expected, s),
        c.bold(formatValue(s.actual, s)),
        formatValue(s.final, s),
        colour(s.status, statusText(s)),
        `${trendText(trend)}${trend ? `\n${sparkline(trend)}` : ''}`,
      ]);
    }
  }
  out.push(t.toString(), '');
  for (const r of p.results) {
    if (r.narrative) pushAll(out, narrativeText(c, r.narrative, r.id));
    for (const i of r.indicators) if (i.narrative) pushAll(out, narrativeText(c, i.narrative, i.status.id));
  }
  return out;
}

/** A narrative wrapped to the report width, under a dim line naming what it is about and its date. */
function narrativeText(c: ChalkInstance, n: ReportNarrative, about: string): string[] {
  const out = [c.dim(`${about ? `${about} — ` : ''}narrative of ${n.date}`)];
  for (const para of narrativeParagraphs(n.text)) {
    pushAll(out, wrap(para, WIDTH, para.startsWith('• ') ? '  ' : ''));
  }
  out.push('');
  return out;
}

function varianceTable(c: ChalkInstance, v: VarianceReport, keyLabel: string): string {
  const t = new Table({
    head: [keyLabel, 'Planned total', 'To date', 'Actual', 'Variance', 'Execution'].map((h) => c.bold(h)),
    colWidths: [WIDTH - 7 - 4 * 15 - 11, 15, 15, 15, 15, 11],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    wordWrap: true,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  const row = (key: string, f: VarianceFigures, bold: boolean) => {
    const b = (s: string) => (bold ? c.bold(s) : s);
    return [
      b(key),
      b(formatMoney(f.plannedTotal, v.digits)),
      b(formatMoney(f.plannedToDate, v.digits)),
      b(formatMoney(f.actual, v.digits)),
      b(formatMoney(f.variance, v.digits)),
      b(formatRatio(f.execution)),
    ];
  };
  for (const r of v.rows) {
    t.push(row(r.key === '-' ? `- ${r.title || 'not linked'}` : `${r.key} ${r.title}`, r, false));
  }
  t.push(row('Total', v.total, true));
  return t.toString();
}

/** Wraps plain prose to `width`, continuing lines with `indent` (ANSI codes count as zero width). */
function wrap(text: string, width: number, indent: string): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes to measure width
  const visible = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').length;
  for (const w of words) {
    if (line !== '' && visible(line) + 1 + visible(w) > width) {
      lines.push(line);
      line = indent + w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
