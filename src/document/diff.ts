import type {
  AppendedEntry,
  Change,
  DiffReport,
  FundingMove,
  IndicatorMove,
  MoneyChange,
  MoneyMove,
} from '../compute/diff.js';
import { pushAll } from '../core/arrays.js';
import type { Status } from '../model/reports.js';
import {
  type Block,
  type Column,
  type Document,
  details,
  money,
  type Part,
  paragraph,
  type Row,
  type Table,
  text,
} from './blocks.js';

/**
 * `diff` as a document: a heading, the one-line summary, what `validate --base` would refuse, the
 * status changes, then the details — indicator figures, budget by programme, funding, framework
 * changes, entries appended — each a folded section (a pull-request comment stays short).
 */

/** The first line of the Markdown comment: a CI workflow finds its own earlier comment by it. */
export const DIFF_COMMENT_MARK = '<!-- neaspec-track diff -->';

/** How many appended entries the document lists (a pull-request comment has a size limit); JSON lists all. */
export const MAX_ENTRIES = 100;

const STATUS_WORD: Record<Status, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'no-data': 'No data',
};

const MONEY_FIGURES: [keyof MoneyMove, string][] = [
  ['plannedTotal', 'planned total'],
  ['plannedToDate', 'planned to date'],
  ['actual', 'actual'],
  ['variance', 'variance'],
];

const FUNDING_FIGURES: [keyof FundingMove, string][] = [
  ['planned', 'planned'],
  ['pledged', 'pledged'],
  ['received', 'received'],
  ['outstanding', 'outstanding'],
  ['secured', 'secured'],
  ['gap', 'gap'],
  ['spent', 'spent'],
  ['balance', 'balance'],
];

const moved = (c: Change<unknown>) => c.from !== c.to;

function statusPart(s: Status | null): Part {
  return s === null ? text('—') : { kind: 'status', status: s, text: STATUS_WORD[s] };
}

/** An indicator figure as text: at most two decimals, grouped; a dash for none. */
function numberText(n: number | null): string {
  if (n === null) return '—';
  const r = Math.round(n * 100) / 100;
  const [whole, frac] = Math.abs(r).toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const f = frac.replace(/0+$/, '');
  return `${r < 0 ? '-' : ''}${grouped}${f ? `.${f}` : ''}`;
}

function percentText(n: number | null): string {
  return n === null ? '—' : `${numberText(n * 100)}%`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The summary's parts: what moved, strong, apart by a middle dot. */
function summary(r: DiffReport): Part[] {
  const items: Part[][] = [];
  const f = r.figures;
  if (!r.baseExists) items.push([text(`a new framework (none at ${r.base})`, 'strong')]);
  if (r.ledger.rewrites.length > 0) {
    items.push([text(`${plural(r.ledger.rewrites.length, 'rewrite')} of the record`, 'alarm')]);
  }
  if (f.statusChanges.length > 0)
    items.push([text(plural(f.statusChanges.length, 'status change'), 'strong')]);
  const entries = r.ledger.appended.length;
  if (entries > 0) items.push([text(`${plural(entries, 'entry', 'entries')} appended`, 'strong')]);
  const fw = r.framework;
  const changes =
    fw.added.length + fw.removed.length + fw.changed.length + fw.targets.length + fw.planned.length;
  if (changes > 0) items.push([text(plural(changes, 'framework change'), 'strong')]);
  const moneyItem = (label: string, c: MoneyChange) => {
    if (c.change === null || c.change === 0n) return;
    const sign = c.change > 0n ? '+' : '';
    items.push([
      text(`${label} ${sign}`, 'strong'),
      money(c.change, r.digits, 'strong'),
      text(` ${r.plan.currency}`, 'strong'),
    ]);
  };
  moneyItem('planned total', f.budget.plannedTotal);
  moneyItem('actual', f.budget.actual);
  moneyItem('received', f.funding.received);
  moneyItem('pledged', f.funding.pledged);
  if (items.length === 0) return [text('No change to the framework, the ledger or the figures.')];
  return items.flatMap((parts, i) => (i === 0 ? parts : [text(' · '), ...parts]));
}

function table(columns: Column[], rows: Row[], title?: string): Table {
  return title === undefined ? { kind: 'table', columns, rows } : { kind: 'table', title, columns, rows };
}

const item = (cells: Part[]): Row => ({ kind: 'item', cells });

function rewrites(r: DiffReport): Block[] {
  if (r.ledger.rewrites.length === 0) return [];
  return [
    paragraph([
      text(`This change rewrites the record kept at ${r.base}; `, 'alarm'),
      text('validate --base', 'code'),
      text(' refuses it:', 'alarm'),
    ]),
    table(
      [
        { head: 'Where', kind: 'text' },
        { head: 'Code', kind: 'text' },
        { head: 'What', kind: 'text', wrap: true, min: 30 },
      ],
      r.ledger.rewrites.map((w) =>
        item([text(`${w.file ?? '-'}:${w.line ?? 1}`, 'code'), text(w.code), text(w.message)]),
      ),
    ),
  ];
}

function statusChanges(r: DiffReport): Block[] {
  const f = r.figures;
  if (f.statusChanges.length === 0) return [];
  const actual = new Map(f.indicators.map((m) => [m.id, m.actual]));
  return [
    table(
      [
        { head: 'Indicator', kind: 'text' },
        { head: 'Title', kind: 'text', min: 20 },
        { head: 'Status before', kind: 'status' },
        { head: 'Status now', kind: 'status' },
        { head: 'Actual before', kind: 'text', align: 'right' },
        { head: 'Actual now', kind: 'text', align: 'right' },
      ],
      f.statusChanges.map((s) => {
        const a = actual.get(s.id);
        return item([
          text(s.id),
          text(s.title),
          statusPart(s.from),
          statusPart(s.to),
          text(numberText(a?.from ?? null)),
          text(numberText(a?.to ?? null)),
        ]);
      }),
    ),
  ];
}

function indicatorFigures(r: DiffReport): Block[] {
  const rows: Row[] = [];
  const show = (m: IndicatorMove) => {
    const figures: [string, Part, Part][] = [];
    if (moved(m.period)) figures.push(['period', text(m.period.from ?? '—'), text(m.period.to ?? '—')]);
    if (moved(m.actual))
      figures.push(['actual', text(numberText(m.actual.from)), text(numberText(m.actual.to))]);
    if (moved(m.expected)) {
      figures.push(['expected', text(numberText(m.expected.from)), text(numberText(m.expected.to))]);
    }
    if (moved(m.progress)) {
      figures.push(['progress', text(percentText(m.progress.from)), text(percentText(m.progress.to))]);
    }
    if (moved(m.status)) figures.push(['status', statusPart(m.status.from), statusPart(m.status.to)]);
    figures.forEach(([label, from, to], i) => {
      rows.push(item([text(i === 0 ? m.id : ''), text(label), from, to]));
    });
  };
  for (const m of r.figures.indicators) show(m);
  return details(
    `Indicator figures (${r.figures.indicators.length})`,
    rows.length === 0
      ? []
      : [
          table(
            [
              { head: 'Indicator', kind: 'text' },
              { head: 'Figure', kind: 'text' },
              { head: 'Before', kind: 'text', align: 'right' },
              { head: 'Now', kind: 'text', align: 'right' },
            ],
            rows,
          ),
        ],
  );
}

/** Before, now and the move of money figures, one row per figure that moved. */
function moneyRows(
  key: Part[],
  figures: [string, MoneyChange][],
  digits: number,
  kind: Row['kind'] = 'item',
): Row[] {
  return figures
    .filter(([, c]) => moved(c))
    .map(([label, c], i) => ({
      kind,
      cells: [
        ...key.map((k) => (i === 0 ? k : text(''))),
        text(label),
        money(c.from, digits),
        money(c.to, digits),
        money(c.change, digits),
      ],
    }));
}

/** The columns of a money table: the key columns, then the figure, before, now and the change (now − before). */
function moneyColumns(first: Column[]): Column[] {
  return [
    ...first,
    { head: 'Figure', kind: 'text' },
    { head: 'Before', kind: 'money' },
    { head: 'Now', kind: 'money' },
    { head: 'Change', kind: 'money' },
  ];
}

function budget(r: DiffReport): Block[] {
  const f = r.figures;
  const rows: Row[] = [];
  for (const p of f.programmes) {
    pushAll(
      rows,
      moneyRows(
        [text(p.key), text(p.title)],
        MONEY_FIGURES.map(([k, label]) => [label, p[k]]),
        r.digits,
      ),
    );
  }
  pushAll(
    rows,
    moneyRows(
      [{ kind: 'text', text: 'Total', data: 'total' }, text('')],
      MONEY_FIGURES.map(([k, label]) => [label, f.budget[k]]),
      r.digits,
      'total',
    ),
  );
  return details(
    `Budget by programme (${r.plan.currency})`,
    rows.length === 0
      ? []
      : [
          table(
            moneyColumns([
              { head: 'Programme', kind: 'text' },
              { head: 'Title', kind: 'text', min: 20 },
            ]),
            rows,
          ),
        ],
  );
}

function funding(r: DiffReport): Block[] {
  const rows = moneyRows(
    [],
    FUNDING_FIGURES.map(([k, label]) => [label, r.figures.funding[k]]),
    r.digits,
  );
  return details(
    `Funding, all sources (${r.plan.currency})`,
    rows.length === 0 ? [] : [table(moneyColumns([]), rows)],
  );
}

function targetText(v: number | string | null): string {
  return v === null ? '—' : typeof v === 'number' ? numberText(v) : v;
}

function framework(r: DiffReport): Block[] {
  const fw = r.framework;
  const blocks: Block[] = [];
  const items: Row[] = [
    ...fw.added.map((i) => item([text(i.kind), text(i.id), text('added'), text(i.title)])),
    ...fw.removed.map((i) => item([text(i.kind), text(i.id), text('removed'), text(i.title)])),
    ...fw.changed.map((c) =>
      item([text(c.kind), text(c.id), text(c.field), text(`${c.from || '—'} → ${c.to || '—'}`)]),
    ),
  ];
  if (items.length > 0) {
    blocks.push(
      table(
        [
          { head: 'Kind', kind: 'text' },
          { head: 'Id', kind: 'text' },
          { head: 'Change', kind: 'text' },
          { head: 'What', kind: 'text', wrap: true, min: 20 },
        ],
        items,
      ),
    );
  }
  if (fw.targets.length > 0) {
    blocks.push(
      table(
        [
          { head: 'Target of', kind: 'text' },
          { head: 'Year', kind: 'text' },
          { head: 'Before', kind: 'text', align: 'right' },
          { head: 'Now', kind: 'text', align: 'right' },
        ],
        fw.targets.map((t) =>
          item([text(t.indicator), text(String(t.year)), text(targetText(t.from)), text(targetText(t.to))]),
        ),
      ),
    );
  }
  if (fw.planned.length > 0) {
    blocks.push(
      table(
        [
          { head: 'Planned for', kind: 'text' },
          { head: 'Year', kind: 'text' },
          { head: 'Before', kind: 'money' },
          { head: 'Now', kind: 'money' },
          { head: 'Change', kind: 'money' },
        ],
        fw.planned.map((p) =>
          item([
            text(p.line),
            text(String(p.year)),
            money(p.from, r.digits),
            money(p.to, r.digits),
            money(p.change, r.digits),
          ]),
        ),
      ),
    );
  }
  const count =
    fw.added.length + fw.removed.length + fw.changed.length + fw.targets.length + fw.planned.length;
  return details(`Framework changes (${count})`, blocks);
}

function entryText(e: AppendedEntry): string {
  return Object.entries(e.fields)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

function entries(r: DiffReport): Block[] {
  const list = r.ledger.appended;
  const blocks: Block[] =
    list.length === 0
      ? []
      : [
          table(
            [
              { head: 'Where', kind: 'text' },
              { head: 'Entry', kind: 'text', wrap: true, min: 30 },
            ],
            list
              .slice(0, MAX_ENTRIES)
              .map((e) => item([text(`${e.file}:${e.line}`, 'code'), text(entryText(e))])),
          ),
        ];
  if (list.length > MAX_ENTRIES) {
    blocks.push(
      paragraph([
        text(`… and ${list.length - MAX_ENTRIES} more (`),
        text('diff --format json', 'code'),
        text(' lists all).'),
      ]),
    );
  }
  return details(`Ledger entries appended (${list.length})`, blocks);
}

/** The diff as a document. */
export function diffDocument(r: DiffReport): Document {
  const title = `${r.plan.title}: what the change does, as of ${r.asOf}`;
  return {
    title,
    blocks: [
      { kind: 'heading', level: 3, text: title },
      paragraph(
        [text(`From ${r.base} to ${r.head ?? 'the working tree'}; money in ${r.plan.currency}.`)],
        'caption',
      ),
      paragraph(summary(r)),
      ...rewrites(r),
      ...statusChanges(r),
      ...indicatorFigures(r),
      ...budget(r),
      ...funding(r),
      ...framework(r),
      ...entries(r),
    ],
  };
}
