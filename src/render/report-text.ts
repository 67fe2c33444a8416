import type { ChalkInstance } from 'chalk';
import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { maxOf, pushAll } from '../core/arrays.js';
import { type NativeSection, reportSections } from '../document/report.js';
import type { IndicatorStatus, Status } from '../model/reports.js';
import { type Column, layoutTable, MIN_WIDTH, type Row, wrap, wrapLines } from './layout.js';
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
import { writeTextBlocks } from './writers/text.js';

/**
 * The meeting report for the terminal: a title block, the summary, a section per programme, the
 * budget, the notes. It lays out to the terminal's width, up to 100 columns (its design width):
 * prose and labelled lines wrap, tables narrow and drop columns (layout.ts), and a last pass
 * wraps any line still too long, so a section added later fits too.
 */

/** The report's own widest layout: wider lines are harder to read, not easier. */
const DESIGN_WIDTH = 100;

/** The label column of the title block and the summaries. */
const LABEL = 16;

export function renderReportText(data: ReportData, c: ChalkInstance, width = MIN_WIDTH): string {
  const WIDTH = Math.min(width, DESIGN_WIDTH);
  const out: string[] = [];
  for (const section of reportSections(data)) {
    if (section.kind === 'blocks') pushAll(out, [...writeTextBlocks(section.blocks, c, WIDTH), '']);
    else pushAll(out, NATIVE[section.id](data, c, WIDTH));
  }
  pushAll(out, wrap(c.dim(methodText(data)), WIDTH, ''));
  // The last guard: any line still too long wraps, continuing at its own indentation.
  return `${wrapLines(out.join('\n'), WIDTH).join('\n')}\n`;
}

/** The sections not yet built as blocks, each laid out to the width. */
const NATIVE: Record<NativeSection, (data: ReportData, c: ChalkInstance, WIDTH: number) => string[]> = {
  title(data, c, WIDTH) {
    const out: string[] = [];
    const cur = data.plan.currency;
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
    for (const [k, v] of facts) pushAll(out, labelled(c, k, v, WIDTH));
    out.push('');
    return out;
  },
  summary(data, c, WIDTH) {
    const out: string[] = [];
    const cur = data.plan.currency;
    const digits = data.budget.byProgramme.digits;
    const money = (m: bigint | null) => formatMoney(m, digits);
    const colour = statusColour(c);
    pushAll(out, heading(c, 'EXECUTIVE SUMMARY', WIDTH));
    const sum = data.summary;
    const counts = STATUS_ORDER.map((s) => colour(s, `● ${sum.byStatus[s]} ${statusLabel(s).toLowerCase()}`));
    pushAll(
      out,
      labelled(
        c,
        'Indicators',
        `${sum.indicators}:  ${counts.join('   ')}   (${sum.achieved} achieved)`,
        WIDTH,
      ),
    );
    out.push(`${' '.repeat(LABEL)}${statusBar(c, sum.byStatus, Math.min(48, WIDTH - LABEL))}`);
    pushAll(
      out,
      labelled(
        c,
        'Overdue',
        `${sum.overdue > 0 ? c.yellow(plural(sum.overdue, 'indicator')) : '0 indicators'} with a reporting period ended and no entry`,
        WIDTH,
      ),
    );
    const total = data.budget.byProgramme.total;
    pushAll(
      out,
      labelled(
        c,
        'Budget',
        `planned to date ${cur} ${money(total.plannedToDate)} · actual ${cur} ${money(total.actual)} · planned total ${cur} ${money(total.plannedTotal)}`,
        WIDTH,
      ),
    );
    pushAll(
      out,
      labelled(
        c,
        'Execution',
        `${c.cyan(bar(total.execution, 40))} ${c.bold(formatRatio(total.execution))}`,
        WIDTH,
      ),
    );
    pushAll(
      out,
      nameList(c, 'Off track', sum.offTrack, (s) => c.red(s), WIDTH),
    );
    pushAll(
      out,
      nameList(c, 'At risk', sum.atRisk, (s) => c.yellow(s), WIDTH),
    );
    pushAll(out, labelled(c, 'Missing', missingText(data), WIDTH));
    out.push('');
    if (data.planNarrative) pushAll(out, narrativeText(c, data.planNarrative, '', WIDTH));
    return out;
  },
  since(data, c, WIDTH) {
    const out: string[] = [];
    pushAll(out, heading(c, sinceHeading(data).toUpperCase(), WIDTH));
    for (const item of sinceItems(data)) pushAll(out, labelled(c, item.label, item.text, WIDTH));
    out.push('');
    return out;
  },
  programmes(data, c, WIDTH) {
    const out: string[] = [];
    data.programmes.forEach((p, i) => {
      pushAll(out, programmeText(c, p, data, i + 1, WIDTH));
    });
    return out;
  },
  revisions(data, c, WIDTH) {
    const out: string[] = [];
    pushAll(out, heading(c, 'REVISIONS IN FORCE', WIDTH));
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
    return out;
  },
  resources: (data, c, WIDTH) => resourcesText(data, c, WIDTH),
  notes(data, c, WIDTH) {
    const out: string[] = [];
    pushAll(out, heading(c, 'DATA-QUALITY NOTES', WIDTH));
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
    return out;
  },
};

/** A heading and its rule, wrapped to the width. */
function heading(c: ChalkInstance, text: string, width: number): string[] {
  const lines = wrap(text, width);
  return [
    ...lines.map((l) => c.bold(l)),
    c.dim('─'.repeat(Math.min(width, maxOf(lines.map((l) => l.length))))),
  ];
}

function label(c: ChalkInstance, text: string): string {
  return c.dim(text.padEnd(LABEL));
}

/** A labelled line (`Budget          planned …`), its text wrapped under itself. */
function labelled(c: ChalkInstance, name: string, text: string, width: number): string[] {
  return wrap(`${label(c, name)}${text}`, width, ' '.repeat(LABEL));
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
  width: number,
): string[] {
  if (list.length === 0) return [`${label(c, title)}none`];
  return list.flatMap((s, i) =>
    wrap(
      `${i === 0 ? label(c, title) : ' '.repeat(LABEL)}${paint(s.id.padEnd(12))} ${s.title}`,
      width,
      ' '.repeat(LABEL + 13),
    ),
  );
}

/**
 * A programme area's indicator table. Its columns, and the order they go in when the width is
 * short: the indicator (id, title, unit, latest period and breakdown) wraps, keeping at least 30
 * columns; then Trend goes, then Baseline.
 */
function programmeColumns(finalHead: string): Column[] {
  return [
    { head: 'Indicator', min: 30, wrap: true },
    { head: 'Baseline', align: 'right', drop: 2 },
    { head: 'Expected', align: 'right' },
    { head: 'Actual', align: 'right' },
    { head: finalHead, align: 'right' },
    { head: 'Status', min: 9, wrap: true },
    { head: 'Trend', drop: 1 },
  ];
}

function programmeText(
  c: ChalkInstance,
  p: ReportProgramme,
  data: ReportData,
  n: number,
  width: number,
): string[] {
  const out: string[] = [];
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const name = p.id === '-' ? p.title : `${p.id} — ${p.title}`;
  pushAll(out, heading(c, `${n}. ${name}`, width));
  if (p.budget) {
    const b = p.budget;
    pushAll(
      out,
      labelled(
        c,
        `Budget (${cur})`,
        `planned ${formatMoney(b.plannedTotal, digits)} · to date ${formatMoney(b.plannedToDate, digits)} · actual ${formatMoney(b.actual, digits)}`,
        width,
      ),
    );
    out.push(`${label(c, 'Execution')}${c.cyan(bar(b.execution, 30))} ${c.bold(formatRatio(b.execution))}`);
    if (p.budgetRevisions.length > 0)
      pushAll(
        out,
        wrap(
          `${' '.repeat(LABEL)}${c.magenta(revisedMark(p.budgetRevisions))}: planned total as written ${formatMoney(b.originalPlannedTotal, digits)}`,
          width,
          ' '.repeat(LABEL),
        ),
      );
  } else {
    pushAll(out, labelled(c, `Budget (${cur})`, 'no budget line linked to this programme area', width));
  }
  const colour = statusColour(c);
  const nInd = indicatorsOf(p).length;
  const counts = STATUS_ORDER.filter((s) => p.summary[s] > 0).map((s) =>
    colour(s, `${p.summary[s]} ${statusLabel(s).toLowerCase()}`),
  );
  if (p.id !== '-' || nInd > 0) {
    pushAll(
      out,
      labelled(
        c,
        'Delivery',
        `${plural(nInd, 'indicator')}${counts.length ? `: ${counts.join(', ')}` : ''}`,
        width,
      ),
    );
  } else {
    pushAll(out, labelled(c, 'Delivery', 'budget lines linked to no result; no indicators', width));
  }
  if (p.narrative) pushAll(out, narrativeText(c, p.narrative, '', width));
  if (p.results.length === 0) return [...out, ''];

  const rows: Row[] = [];
  for (const r of p.results) {
    rows.push({ span: `${r.id} ${r.level}: ${r.title}`, paint: (t: string) => c.bold(t), hang: '  ' });
    if (lacksIndicator(p, r)) rows.push({ span: '  no indicator', paint: (t: string) => c.dim(t) });
    for (const { status: s, trend } of r.indicators) {
      const bd = breakdownText(s);
      const period = s.period ? ` (${s.period})` : '';
      const mark = s.revisions.length ? `\n  ${revisedMark(s.revisions)}` : '';
      rows.push({
        cells: [
          `  ${s.id} ${s.title} [${unitText(s)}]${period}${bd ? `\n  ${bd}` : ''}${mark}`,
          formatValue(s.baseline, s),
          formatValue(s.expected, s),
          formatValue(s.actual, s),
          formatValue(s.final, s),
          statusText(s),
          `${trendText(trend)}${trend ? `\n${sparkline(trend)}` : ''}`,
        ],
        paint: (t: string, col: number) => (col === 3 ? c.bold(t) : col === 5 ? colour(s.status, t) : t),
      });
    }
  }
  const laid = layoutTable(programmeColumns(`Final ${data.plan.end}`), rows, width, {
    head: (t) => c.bold(t),
  });
  const [head, ...body] = laid.lines;
  out.push(head as string, c.dim('─'.repeat(laid.total)));
  pushAll(out, body);
  out.push('');
  for (const r of p.results) {
    if (r.narrative) pushAll(out, narrativeText(c, r.narrative, r.id, width));
    for (const i of r.indicators) {
      if (i.narrative) pushAll(out, narrativeText(c, i.narrative, i.status.id, width));
    }
  }
  return out;
}

/** A narrative wrapped to the report width, under a dim line naming what it is about and its date. */
function narrativeText(c: ChalkInstance, n: ReportNarrative, about: string, width: number): string[] {
  const out = [c.dim(`${about ? `${about} — ` : ''}narrative of ${n.date}`)];
  for (const para of narrativeParagraphs(n.text)) {
    pushAll(out, wrap(para, width, para.startsWith('• ') ? '  ' : ''));
  }
  out.push('');
  return out;
}
