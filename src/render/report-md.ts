import type { ReportData, ReportNarrative, ReportProgramme } from '../compute/report.js';
import { pushAll } from '../core/arrays.js';
import { type NativeSection, reportSections } from '../document/report.js';
import { mdText } from './markdown.js';
import { narrativeMd } from './narrative.js';
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
import { resourcesMd } from './report-resources.js';
import { writeMdBlocks } from './writers/md.js';

/** The meeting report as GitHub-flavoured Markdown, ready to paste into a meeting document. */
export function renderReportMd(data: ReportData): string {
  const out: string[] = [];
  for (const section of reportSections(data)) {
    if (section.kind === 'blocks') for (const b of writeMdBlocks(section.blocks)) out.push(b, '');
    else pushAll(out, NATIVE[section.id](data));
  }
  out.push('---', '', `_${esc(methodText(data))}_`, '');
  return out.join('\n');
}

/** The sections not yet built as blocks, each in its Markdown. */
const NATIVE: Record<NativeSection, (data: ReportData) => string[]> = {
  title(data) {
    const out: string[] = [];
    out.push(`# ${esc(data.plan.title)} — meeting report`, '');
    out.push('| | |', '|---|---|');
    out.push(`| Plan | ${esc(data.plan.id)} (${data.plan.start}–${data.plan.end}, ${data.plan.currency}) |`);
    out.push(`| As of | ${data.asOf} |`);
    out.push(`| Generated | ${data.generated} |`);
    out.push(`| Framework | \`${data.framework}\` |`);
    out.push(`| Ledger entries used | ${entriesText(data.entries)} |`);
    out.push('');
    return out;
  },
  summary(data) {
    const out: string[] = [];
    const cur = data.plan.currency;
    const total = data.budget.byProgramme.total;
    const money = (m: bigint | null) => formatMoney(m, data.budget.byProgramme.digits);
    const sum = data.summary;
    out.push('## Executive summary', '');
    out.push(
      `- **Indicators:** ${sum.indicators} — ${summaryText(sum.byStatus)}; ${sum.achieved} achieved their final target.`,
    );
    out.push(
      `- **Overdue:** ${plural(sum.overdue, 'indicator')} with a reporting period ended and no entry.`,
    );
    out.push(
      `- **Budget:** planned to date ${cur} ${money(total.plannedToDate)} against actual ${cur} ${money(total.actual)} — execution ${formatRatio(total.execution)} (planned total ${cur} ${money(total.plannedTotal)}).`,
    );
    out.push(`- **Off track:** ${namesOf(sum.offTrack)}`);
    out.push(`- **At risk:** ${namesOf(sum.atRisk)}`);
    out.push(`- **Missing:** ${esc(missingText(data))}`);
    out.push('');
    if (data.planNarrative) pushAll(out, narrativeBlock(data.planNarrative));
    return out;
  },
  since(data) {
    const out = [`## ${esc(sinceHeading(data))}`, ''];
    for (const item of sinceItems(data)) out.push(`- **${item.label}:** ${esc(item.text)}`);
    out.push('');
    return out;
  },
  programmes(data) {
    const out = ['## Programme areas', ''];
    for (const p of data.programmes) pushAll(out, programmeMd(p, data));
    return out;
  },
  revisions(data) {
    const out = ['## Revisions in force', ''];
    for (const r of data.revisions) {
      out.push(`- **${esc(r.id)}**${esc(revisionHead(r).slice(r.id.length))}`);
      for (const ch of r.changes) out.push(`  - ${esc(changeText(ch, data))}`);
    }
    out.push('');
    return out;
  },
  resources: (data) => resourcesMd(data),
  notes(data) {
    const out = ['## Data-quality notes', ''];
    const notes = noteItems(data);
    if (notes.length === 0)
      out.push('None: no validation warnings, overdue indicators or illustrative entries.');
    for (const n of notes) {
      const where = n.where ? `\`${n.where}\` ` : '';
      const code = n.code ? ` (\`${n.code}\`)` : '';
      const label = {
        warning: 'Warning',
        overdue: 'Overdue',
        missing: 'Missing',
        indicator: 'Data',
        illustrative: 'Illustrative',
      }[n.kind];
      out.push(`- **${label}:** ${where}${esc(n.text)}${code}`);
    }
    out.push('');
    return out;
  },
};

function namesOf(list: ReportData['summary']['offTrack']): string {
  return list.length === 0 ? 'none.' : list.map((s) => `${esc(s.id)} ${esc(s.title)}`).join('; ');
}

function programmeMd(p: ReportProgramme, data: ReportData): string[] {
  const cur = data.plan.currency;
  const digits = data.budget.byProgramme.digits;
  const out: string[] = [];
  out.push(`### ${p.id === '-' ? '' : `${esc(p.id)} — `}${esc(p.title)}`, '');
  const n = indicatorsOf(p).length;
  out.push(
    p.id === '-' && n === 0
      ? '**Delivery:** budget lines linked to no result; no indicators.'
      : `**Delivery:** ${plural(n, 'indicator')} — ${summaryText(p.summary)}.`,
    '',
  );
  if (p.budget) {
    const b = p.budget;
    out.push(
      `**Budget (${cur}):** planned total ${formatMoney(b.plannedTotal, digits)} · planned to date ${formatMoney(b.plannedToDate, digits)} · actual ${formatMoney(b.actual, digits)} · execution **${formatRatio(b.execution)}**`,
      '',
    );
    if (p.budgetRevisions.length > 0)
      out.push(
        `_${esc(revisedMark(p.budgetRevisions))}: planned total as written ${formatMoney(b.originalPlannedTotal, digits)}_`,
        '',
      );
  } else {
    out.push(`**Budget (${cur}):** no budget line is linked to this programme area.`, '');
  }
  if (p.narrative) pushAll(out, narrativeBlock(p.narrative));
  if (n === 0 && p.results.length === 0) return out;
  out.push(
    `| Result / indicator | Period | Baseline | Expected | Actual | Final target (${data.plan.end}) | Status | Trend |`,
  );
  out.push('|---|---|--:|--:|--:|--:|---|---|');
  for (const r of p.results) {
    out.push(`| **${esc(r.id)}** ${r.level}: ${esc(r.title)} | | | | | | | |`);
    if (lacksIndicator(p, r)) out.push('| _no indicator_ | | | | | | | |');
    for (const { status: s, trend } of r.indicators) {
      const bd = breakdownText(s);
      const mark = s.revisions.length ? ` — _${esc(revisedMark(s.revisions))}_` : '';
      const title = `${esc(s.id)} ${esc(s.title)} (${esc(unitText(s))})${bd ? ` — _${esc(bd)}_` : ''}${mark}`;
      out.push(
        `| ${title} | ${s.period ?? '—'} | ${esc(formatValue(s.baseline, s))} | ${esc(formatValue(s.expected, s))} | ${esc(formatValue(s.actual, s))} | ${esc(formatValue(s.final, s))} | ${statusText(s)} | ${trendText(trend)} |`,
      );
    }
  }
  out.push('');
  for (const r of p.results) {
    if (r.narrative) pushAll(out, narrativeBlock(r.narrative, r.id));
    for (const i of r.indicators) if (i.narrative) pushAll(out, narrativeBlock(i.narrative, i.status.id));
  }
  return out;
}

/** A narrative: a small heading line naming what it is about and its date, then its Markdown (raw HTML escaped). */
function narrativeBlock(n: ReportNarrative, about = ''): string[] {
  return [`_${about ? `${esc(about)} — ` : ''}narrative of ${n.date}_`, '', narrativeMd(n.text)];
}

/** Escapes what would break a table cell or start Markdown emphasis. */
const esc = mdText;
