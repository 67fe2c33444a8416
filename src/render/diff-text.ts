import type { ChalkInstance } from 'chalk';
import type { AppendedEntry, Change, DiffReport, FundingMove, MoneyMove } from '../compute/diff.js';
import { formatMinor } from '../core/money.js';
import type { Status } from '../model/reports.js';
import { mdText } from './markdown.js';
import { formatNumber, plural, statusLabel } from './report-common.js';

/**
 * `diff` as text (the terminal) and as Markdown (a pull-request comment: the summary first, the
 * details in `<details>` blocks). Both say the same things from the same DiffReport; nothing here
 * computes a figure — a change shown as `+10,000.00` is the difference of the two figures shown.
 */

/** The first line of the Markdown: a pull-request workflow finds its earlier comment by it. */
export const DIFF_COMMENT_MARK = '<!-- neaspec-track diff -->';

/** How many appended entries the Markdown lists (a comment has a size limit); JSON lists all. */
const MAX_ENTRIES = 100;

const FUNDING_LABELS: [keyof FundingMove, string][] = [
  ['planned', 'planned'],
  ['pledged', 'pledged'],
  ['received', 'received'],
  ['outstanding', 'outstanding'],
  ['secured', 'secured'],
  ['gap', 'gap'],
  ['spent', 'spent'],
  ['balance', 'balance'],
];

const MONEY_LABELS: [keyof MoneyMove, string][] = [
  ['plannedTotal', 'planned total'],
  ['plannedToDate', 'planned to date'],
  ['actual', 'actual'],
  ['variance', 'variance'],
];

function status(s: Status | null): string {
  return s === null ? '—' : statusLabel(s);
}

function num(n: number | null): string {
  return n === null ? '—' : formatNumber(n);
}

function pct(n: number | null): string {
  return n === null ? '—' : `${formatNumber(n * 100)}%`;
}

/** `110,000.00 → 120,000.00 (+10,000.00)`; an unmoved figure alone. */
function moneyChange(c: Change<bigint>, digits: number): string {
  const m = (v: bigint | null) => (v === null ? '—' : formatMinor(v, digits));
  if (c.from === c.to) return m(c.to);
  if (c.from === null || c.to === null) return `${m(c.from)} → ${m(c.to)}`;
  const d = c.to - c.from;
  return `${m(c.from)} → ${m(c.to)} (${d > 0n ? '+' : ''}${formatMinor(d, digits)})`;
}

function plainChange<T>(c: Change<T>, show: (v: T | null) => string): string {
  return c.from === c.to ? show(c.to) : `${show(c.from)} → ${show(c.to)}`;
}

const moved = (c: Change<unknown>) => c.from !== c.to;

function sideName(r: DiffReport): string {
  return r.head === null ? 'the working tree' : r.head;
}

/** The summary: what moved, in one line of parts. */
function summaryParts(r: DiffReport): string[] {
  const parts: string[] = [];
  const f = r.figures;
  if (!r.baseExists) parts.push(`a new framework (none at ${r.base})`);
  if (r.ledger.rewrites.length > 0)
    parts.push(`${plural(r.ledger.rewrites.length, 'rewrite')} of the record`);
  if (f.statusChanges.length > 0) parts.push(plural(f.statusChanges.length, 'status change'));
  const entries = r.ledger.appended.length;
  if (entries > 0) parts.push(`${plural(entries, 'entry', 'entries')} appended`);
  const fw = r.framework;
  const fwCount =
    fw.added.length + fw.removed.length + fw.changed.length + fw.targets.length + fw.planned.length;
  if (fwCount > 0) parts.push(plural(fwCount, 'framework change'));
  for (const [key, label] of [
    ['plannedTotal', 'planned total'],
    ['actual', 'actual'],
  ] as const) {
    const c = f.budget[key];
    if (moved(c) && c.from !== null && c.to !== null) {
      const d = c.to - c.from;
      parts.push(`${label} ${d > 0n ? '+' : ''}${formatMinor(d, r.digits)} ${r.plan.currency}`);
    }
  }
  for (const [key, label] of [
    ['received', 'received'],
    ['pledged', 'pledged'],
  ] as const) {
    const c = f.funding[key];
    if (moved(c) && c.from !== null && c.to !== null) {
      const d = c.to - c.from;
      parts.push(`${label} ${d > 0n ? '+' : ''}${formatMinor(d, r.digits)} ${r.plan.currency}`);
    }
  }
  return parts;
}

function entryText(e: AppendedEntry): string {
  return Object.entries(e.fields)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function frameworkLines(r: DiffReport): string[] {
  const out: string[] = [];
  const fw = r.framework;
  for (const i of fw.added) out.push(`${i.kind} ${i.id} added: ${i.title}`);
  for (const i of fw.removed) out.push(`${i.kind} ${i.id} removed: ${i.title}`);
  for (const c of fw.changed) out.push(`${c.kind} ${c.id}: ${c.field} ${c.from || '—'} → ${c.to || '—'}`);
  const t = (v: number | string | null) => (v === null ? '—' : typeof v === 'number' ? formatNumber(v) : v);
  for (const c of fw.targets) out.push(`target ${c.indicator} ${c.year}: ${t(c.from)} → ${t(c.to)}`);
  for (const c of fw.planned) {
    out.push(
      `planned ${c.line} ${c.year}: ${moneyChange({ from: c.from, to: c.to }, r.digits)} ${r.plan.currency}`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text

/** `diff` for the terminal. */
export function renderDiffText(r: DiffReport, c: ChalkInstance): string {
  const out: string[] = [];
  out.push(
    c.bold(`${r.plan.title}: ${r.base} → ${sideName(r)}, figures as of ${r.asOf} (${r.plan.currency})`),
  );
  const parts = summaryParts(r);
  out.push(parts.length > 0 ? parts.join(' · ') : 'No change to the framework, the ledger or the figures.');
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push('', c.bold(title), ...lines.map((l) => `  ${l}`));
  };
  section(
    'Rewrites of the record (validate --base refuses these)',
    r.ledger.rewrites.map((f) => `${f.file ?? '-'}:${f.line ?? 1}: ${f.code} ${f.message}`),
  );
  const f = r.figures;
  section(
    'Status changes',
    f.statusChanges.map((s) => `${s.id} ${s.title}: ${status(s.from)} → ${status(s.to)}`),
  );
  section(
    'Indicator figures',
    f.indicators.map(
      (m) =>
        `${m.id}: actual ${plainChange(m.actual, num)}, expected ${plainChange(m.expected, num)}, progress ${plainChange(m.progress, pct)}, period ${plainChange(m.period, (v) => v ?? '—')}`,
    ),
  );
  section(
    'Budget by programme',
    [
      ...f.programmes.map((p) => ({ key: p.key, title: p.title, m: p as MoneyMove })),
      ...(Object.values(f.budget).some(moved) ? [{ key: 'Total', title: '', m: f.budget }] : []),
    ].map(
      (p) =>
        `${p.key}${p.title ? ` ${p.title}` : ''}: ${MONEY_LABELS.filter(([k]) => moved(p.m[k]))
          .map(([k, label]) => `${label} ${moneyChange(p.m[k], r.digits)}`)
          .join(', ')}`,
    ),
  );
  section(
    'Funding (all sources)',
    FUNDING_LABELS.filter(([k]) => moved(f.funding[k])).map(
      ([k, label]) => `${label} ${moneyChange(f.funding[k], r.digits)}`,
    ),
  );
  section('Framework changes', frameworkLines(r));
  section(
    'Ledger entries appended',
    r.ledger.appended.map((e) => `${e.file}:${e.line}: ${entryText(e)}`),
  );
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown

function details(title: string, body: string[]): string[] {
  if (body.length === 0) return [];
  return ['', '<details>', `<summary>${mdText(title)}</summary>`, '', ...body, '', '</details>'];
}

/** `diff --format md`: a pull-request comment. */
export function renderDiffMd(r: DiffReport): string {
  const out: string[] = [DIFF_COMMENT_MARK];
  out.push(
    `### ${mdText(r.plan.title)}: what ${r.head === null ? 'this change' : mdText(r.head)} does, as of ${r.asOf}`,
    '',
  );
  const parts = summaryParts(r);
  out.push(
    parts.length > 0
      ? parts.map((p) => `**${mdText(p)}**`).join(' · ')
      : 'No change to the framework, the ledger or the figures.',
  );
  const f = r.figures;
  if (r.ledger.rewrites.length > 0) {
    out.push(
      '',
      `> [!WARNING]`,
      `> This change rewrites the record kept at \`${r.base.replace(/`/g, "'")}\`; \`neaspec-track validate --base\` refuses it:`,
      ...r.ledger.rewrites
        .slice(0, 20)
        .map((w) => `> - \`${w.file ?? '-'}:${w.line ?? 1}\` ${w.code}: ${mdText(w.message)}`),
      ...(r.ledger.rewrites.length > 20 ? [`> - … and ${r.ledger.rewrites.length - 20} more`] : []),
    );
  }
  if (f.statusChanges.length > 0) {
    out.push('', '| indicator | status | actual |', '| --- | --- | --- |');
    const actual = new Map(f.indicators.map((m) => [m.id, m.actual]));
    for (const s of f.statusChanges) {
      const a = actual.get(s.id);
      out.push(
        `| ${mdText(`${s.id} ${s.title}`)} | ${status(s.from)} → **${status(s.to)}** | ${a ? plainChange(a, num) : '—'} |`,
      );
    }
  }
  const cur = r.plan.currency;
  out.push(
    ...details(
      `Indicator figures (${f.indicators.length})`,
      f.indicators.length === 0
        ? []
        : [
            '| indicator | period | actual | expected | progress | status |',
            '| --- | --- | --- | --- | --- | --- |',
            ...f.indicators.map(
              (m) =>
                `| ${mdText(m.id)} | ${plainChange(m.period, (v) => v ?? '—')} | ${plainChange(m.actual, num)} | ${plainChange(m.expected, num)} | ${plainChange(m.progress, pct)} | ${plainChange(m.status, status)} |`,
            ),
          ],
    ),
  );
  const rows = [
    ...f.programmes.map((p) => ({ name: `${p.key} ${p.title}`, m: p as MoneyMove })),
    ...(Object.values(f.budget).some(moved) ? [{ name: '**Total**', m: f.budget }] : []),
  ];
  out.push(
    ...details(
      `Budget by programme (${cur})`,
      rows.length === 0
        ? []
        : [
            `| programme | ${MONEY_LABELS.map(([, l]) => l).join(' | ')} |`,
            `| --- |${' ---: |'.repeat(MONEY_LABELS.length)}`,
            ...rows.map(
              (p) =>
                `| ${p.name.startsWith('**') ? p.name : mdText(p.name)} | ${MONEY_LABELS.map(([k]) => moneyChange(p.m[k], r.digits)).join(' | ')} |`,
            ),
          ],
    ),
  );
  const fund = FUNDING_LABELS.filter(([k]) => moved(f.funding[k]));
  out.push(
    ...details(
      `Funding, all sources (${cur})`,
      fund.length === 0
        ? []
        : [
            '| figure | change |',
            '| --- | ---: |',
            ...fund.map(([k, label]) => `| ${label} | ${moneyChange(f.funding[k], r.digits)} |`),
          ],
    ),
  );
  const fw = frameworkLines(r);
  out.push(
    ...details(
      `Framework changes (${fw.length})`,
      fw.map((l) => `- ${mdText(l)}`),
    ),
  );
  const entries = r.ledger.appended;
  out.push(
    ...details(
      `Ledger entries appended (${entries.length})`,
      entries.length === 0
        ? []
        : [
            '| where | entry |',
            '| --- | --- |',
            ...entries
              .slice(0, MAX_ENTRIES)
              .map((e) => `| \`${e.file}:${e.line}\` | ${mdText(entryText(e))} |`),
            ...(entries.length > MAX_ENTRIES
              ? [
                  '',
                  `… and ${entries.length - MAX_ENTRIES} more (\`neaspec-track diff --format json\` lists all).`,
                ]
              : []),
          ],
    ),
  );
  return `${out.join('\n')}\n`;
}
