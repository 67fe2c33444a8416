import { type Day, formatDate } from '../core/dates.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { BudgetLine, Framework, Indicator } from '../model/framework.js';
import type { LedgerItem } from '../model/ledger-items.js';
import type { FundingSourceFigures, Status, VarianceFigures } from '../model/reports.js';
import { computeFunding } from './funding.js';
import { computeStatus } from './status.js';
import { computeVariance } from './variance.js';

/**
 * What a change does (`diff REV [REV2]`): the framework's items, targets and planned amounts as
 * written on both sides, the ledger entries appended, and the figures as of D that move — status,
 * actuals, planned and actual money by programme, funding totals — each computed on both sides by
 * the same functions the reports use. Pure: both sides arrive loaded and checked.
 */

/** A figure on both sides; `from` is null where the base had none (or no framework). */
export interface Change<T> {
  from: T | null;
  to: T | null;
}

/** A money figure on both sides and how far it moved (to − from; null when either side has none). */
export interface MoneyChange extends Change<bigint> {
  change: bigint | null;
}

export type ItemKind =
  | 'programme'
  | 'result'
  | 'indicator'
  | 'source'
  | 'contributor'
  | 'line'
  | 'meeting'
  | 'revision';

export interface ItemRef {
  kind: ItemKind;
  id: string;
  title: string;
}

/** A field of an item that changed, both values as text (`unit`, `title`, `baseline`…). */
export interface FieldChange {
  kind: ItemKind;
  id: string;
  field: string;
  from: string;
  to: string;
}

export interface TargetChange {
  indicator: string;
  year: number;
  /** As written: a number, or a level name for a milestone; null where the year has none. */
  from: number | string | null;
  to: number | string | null;
}

export interface PlannedChange extends MoneyChange {
  line: string;
  year: number;
}

export interface AppendedEntry {
  file: string;
  line: number;
  /** `result`, `spend`, `pledge`, `contribution`, or the first key of an entry of another kind. */
  kind: string;
  /** The entry's fields as written. */
  fields: Record<string, unknown>;
}

/** A finding of `validate --base` (an entry edited, removed or moved; an ended year rewritten). */
export interface DiffFinding {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
}

export interface IndicatorMove {
  id: string;
  title: string;
  unit: string;
  period: Change<string>;
  actual: Change<number>;
  expected: Change<number>;
  progress: Change<number>;
  status: Change<Status>;
}

export interface MoneyMove {
  plannedTotal: MoneyChange;
  plannedToDate: MoneyChange;
  actual: MoneyChange;
  variance: MoneyChange;
}

export interface ProgrammeMove extends MoneyMove {
  key: string;
  title: string;
}

export interface FundingMove {
  planned: MoneyChange;
  pledged: MoneyChange;
  received: MoneyChange;
  outstanding: MoneyChange;
  secured: MoneyChange;
  gap: MoneyChange;
  spent: MoneyChange;
  balance: MoneyChange;
}

export interface DiffReport {
  /** The two sides as named: the base revision, and the other revision or `null` for the working tree. */
  base: string;
  head: string | null;
  asOf: string;
  plan: { id: string; title: string; currency: string };
  /** Minor-unit digits of the plan currency, for rendering. */
  digits: number;
  /** False when the framework did not exist at the base: everything is new. */
  baseExists: boolean;
  framework: {
    added: ItemRef[];
    removed: ItemRef[];
    changed: FieldChange[];
    targets: TargetChange[];
    planned: PlannedChange[];
  };
  ledger: {
    appended: AppendedEntry[];
    /** Appended entries by kind. */
    byKind: Record<string, number>;
    /** What `validate --base` refuses in this change (an empty list when the record is kept). */
    rewrites: DiffFinding[];
  };
  figures: {
    /** Indicators whose status differs (from null: new, to null: removed). */
    statusChanges: { id: string; title: string; from: Status | null; to: Status | null }[];
    /** Indicators any of whose figures moved. */
    indicators: IndicatorMove[];
    /** Budget by programme: the rows whose money moved. */
    programmes: ProgrammeMove[];
    /** The budget's total row (all lines). */
    budget: MoneyMove;
    /** The funding total row (all sources). */
    funding: FundingMove;
  };
}

export interface DiffInput {
  base: string;
  head: string | null;
  /** The base side's framework; undefined when it did not exist. */
  before: Framework | undefined;
  after: Framework;
  /** The current entries not present at the base (from compareLedgers). */
  appended: readonly LedgerItem[];
  /** What the comparison with the base refuses. */
  rewrites: readonly Diagnostic[];
}

/** The diff of two checked frameworks as of `asOf`. */
export function computeDiff(input: DiffInput, asOf: Day): DiffReport {
  const { before, after } = input;
  const appended = input.appended.map(appendedEntry);
  const byKind: Record<string, number> = {};
  for (const e of appended) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return {
    base: input.base,
    head: input.head,
    asOf: formatDate(asOf),
    plan: { id: after.plan.id, title: after.plan.title, currency: after.plan.currency },
    digits: after.plan.digits,
    baseExists: before !== undefined,
    framework: frameworkChanges(before, after),
    ledger: { appended, byKind, rewrites: input.rewrites.map(finding) },
    figures: figureMoves(before, after, asOf),
  };
}

// ---------------------------------------------------------------------------------------------
// The framework as written

interface Titled {
  id: string;
  title: string;
}

/** The items of a framework by kind, in file order. */
function itemsOf(fw: Framework | undefined): [ItemKind, Titled[]][] {
  return [
    ['programme', fw?.programmes ?? []],
    ['result', fw?.results ?? []],
    ['indicator', fw?.indicators ?? []],
    ['source', fw?.sources ?? []],
    ['contributor', fw?.contributors ?? []],
    ['line', fw?.lines ?? []],
    ['meeting', (fw?.meetings ?? []).map((m) => ({ ...m, title: m.title ?? '' }))],
    ['revision', fw ? [...fw.revisions].sort((a, b) => a.seq - b.seq) : []],
  ];
}

/** The fields of an item compared as text, by kind (targets and planned amounts apart). */
function fieldsOf(kind: ItemKind, item: Titled): Record<string, string> {
  const o = item as unknown as Record<string, unknown>;
  const text = (v: unknown) =>
    v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v);
  const pick = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, text(o[k])]));
  switch (kind) {
    case 'indicator': {
      const ind = item as unknown as Indicator;
      return {
        ...pick(
          'title',
          'result',
          'unit',
          'measure',
          'direction',
          'aggregation',
          'frequency',
          'disaggregate',
          'levels',
        ),
        baseline: `${ind.baseline.year}: ${targetText(ind, ind.baseline.value)}`,
      };
    }
    case 'result':
      return pick('title', 'level', 'programme', 'parent');
    case 'line':
      return pick('title', 'result', 'source', 'category');
    case 'meeting': {
      const m = o as { date: Day; title: string };
      return { title: m.title, date: formatDate(m.date) };
    }
    case 'revision': {
      const r = o as { date: Day; title: string; meeting?: string };
      return { title: r.title, date: formatDate(r.date), meeting: text(r.meeting) };
    }
    default:
      return pick('title');
  }
}

function frameworkChanges(before: Framework | undefined, after: Framework): DiffReport['framework'] {
  const added: ItemRef[] = [];
  const removed: ItemRef[] = [];
  const changed: FieldChange[] = [];
  const was = new Map(itemsOf(before));
  for (const [kind, items] of itemsOf(after)) {
    const old = new Map((was.get(kind) ?? []).map((i) => [i.id, i]));
    const now = new Set(items.map((i) => i.id));
    for (const item of items) {
      const prev = old.get(item.id);
      if (!prev) {
        added.push({ kind, id: item.id, title: item.title });
        continue;
      }
      const a = fieldsOf(kind, prev);
      const b = fieldsOf(kind, item);
      for (const field of Object.keys(b)) {
        if (a[field] !== b[field])
          changed.push({ kind, id: item.id, field, from: a[field] ?? '', to: b[field] ?? '' });
      }
    }
    for (const item of was.get(kind) ?? []) {
      if (!now.has(item.id)) removed.push({ kind, id: item.id, title: item.title });
    }
  }
  return {
    added,
    removed,
    changed,
    targets: targetChanges(before, after),
    planned: plannedChanges(before, after),
  };
}

/** A target as written: the number, or a milestone's level name. */
function targetText(ind: Indicator, v: number): string {
  return ind.levels ? (ind.levels[v] ?? String(v)) : String(v);
}

function targetChanges(before: Framework | undefined, after: Framework): TargetChange[] {
  const out: TargetChange[] = [];
  const old = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  const asWritten = (ind: Indicator, v: number | undefined) =>
    v === undefined ? null : ind.levels ? (ind.levels[v] ?? v) : v;
  for (const ind of after.indicators) {
    const prev = old.get(ind.id);
    if (!prev) continue;
    const a = new Map(prev.originalTargets.map((t) => [t.year, t.value]));
    const b = new Map(ind.originalTargets.map((t) => [t.year, t.value]));
    for (const year of unionYears(a, b)) {
      const from = asWritten(prev, a.get(year));
      const to = asWritten(ind, b.get(year));
      if (from !== to) out.push({ indicator: ind.id, year, from, to });
    }
  }
  return out;
}

function plannedChanges(before: Framework | undefined, after: Framework): PlannedChange[] {
  const out: PlannedChange[] = [];
  const old = new Map((before?.lines ?? []).map((l) => [l.id, l]));
  for (const line of after.lines) {
    const prev: BudgetLine | undefined = old.get(line.id);
    if (!prev) continue;
    for (const year of unionYears(prev.originalPlanned, line.originalPlanned)) {
      const c = moneyChange(prev.originalPlanned.get(year), line.originalPlanned.get(year));
      if (c.from !== c.to) out.push({ line: line.id, year, ...c });
    }
  }
  return out;
}

function unionYears(a: Map<number, unknown>, b: Map<number, unknown>): number[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
}

// ---------------------------------------------------------------------------------------------
// The ledger

const KINDS: [string, string][] = [
  ['indicator', 'result'],
  ['spend', 'spend'],
  ['pledge', 'pledge'],
  ['contribution', 'contribution'],
];

function appendedEntry(item: LedgerItem): AppendedEntry {
  const fields =
    item.fields !== null && typeof item.fields === 'object' && !Array.isArray(item.fields)
      ? { ...(item.fields as Record<string, unknown>) }
      : { value: item.fields };
  const kind = KINDS.find(([k]) => Object.hasOwn(fields, k))?.[1] ?? Object.keys(fields)[0] ?? 'entry';
  return { file: item.src.file.name, line: item.src.file.locate(item.src.path).line, kind, fields };
}

function finding(d: Diagnostic): DiffFinding {
  const pos = d.src ? d.src.file.locate(d.src.path, d.atKey) : undefined;
  return { code: d.code, message: d.message, file: d.src?.file.name ?? null, line: pos?.line ?? null };
}

// ---------------------------------------------------------------------------------------------
// The figures

function change<T>(from: T | null | undefined, to: T | null | undefined): Change<T> {
  return { from: from ?? null, to: to ?? null };
}

/** Both sides of a money figure and the move between them. */
function moneyChange(from: bigint | null | undefined, to: bigint | null | undefined): MoneyChange {
  const a = from ?? null;
  const b = to ?? null;
  return { from: a, to: b, change: a === null || b === null ? null : b - a };
}

const moved = (c: Change<unknown>) => c.from !== c.to;

function figureMoves(before: Framework | undefined, after: Framework, asOf: Day): DiffReport['figures'] {
  const sa = before ? computeStatus(before, asOf).indicators : [];
  const sb = computeStatus(after, asOf).indicators;
  const old = new Map(sa.map((s) => [s.id, s]));
  const statusChanges: DiffReport['figures']['statusChanges'] = [];
  const indicators: IndicatorMove[] = [];
  for (const s of sb) {
    const p = old.get(s.id);
    const m: IndicatorMove = {
      id: s.id,
      title: s.title,
      unit: s.unit,
      period: change(p?.period, s.period),
      actual: change(p?.actual, s.actual),
      expected: change(p?.expected, s.expected),
      progress: change(p?.progress, s.progress),
      status: change(p?.status, s.status),
    };
    if (moved(m.status))
      statusChanges.push({ id: s.id, title: s.title, from: m.status.from, to: m.status.to });
    if ([m.period, m.actual, m.expected, m.progress, m.status].some(moved)) indicators.push(m);
  }
  const now = new Set(sb.map((s) => s.id));
  for (const s of sa)
    if (!now.has(s.id)) statusChanges.push({ id: s.id, title: s.title, from: s.status, to: null });

  const va = before ? computeVariance(before, asOf, 'programme', 'pro-rata') : undefined;
  const vb = computeVariance(after, asOf, 'programme', 'pro-rata');
  const oldRows = new Map((va?.rows ?? []).map((r) => [r.key, r]));
  const programmes: ProgrammeMove[] = [];
  const seen = new Set<string>();
  for (const r of vb.rows) {
    seen.add(r.key);
    const m = { key: r.key, title: r.title, ...moneyMove(oldRows.get(r.key), r) };
    if (Object.values(moneyMove(oldRows.get(r.key), r)).some(moved)) programmes.push(m);
  }
  for (const r of va?.rows ?? []) {
    if (!seen.has(r.key)) programmes.push({ key: r.key, title: r.title, ...moneyMove(r, undefined) });
  }
  const fa = before ? computeFunding(before, asOf).total : undefined;
  const fb = computeFunding(after, asOf).total;
  return {
    statusChanges,
    indicators,
    programmes,
    budget: moneyMove(va?.total, vb.total),
    funding: fundingMove(fa, fb),
  };
}

function moneyMove(a: VarianceFigures | undefined, b: VarianceFigures | undefined): MoneyMove {
  return {
    plannedTotal: moneyChange(a?.plannedTotal, b?.plannedTotal),
    plannedToDate: moneyChange(a?.plannedToDate, b?.plannedToDate),
    actual: moneyChange(a?.actual, b?.actual),
    variance: moneyChange(a?.variance, b?.variance),
  };
}

function fundingMove(a: FundingSourceFigures | undefined, b: FundingSourceFigures): FundingMove {
  return {
    planned: moneyChange(a?.planned, b.planned),
    pledged: moneyChange(a?.pledged, b.pledged),
    received: moneyChange(a?.received, b.received),
    outstanding: moneyChange(a?.outstanding, b.outstanding),
    secured: moneyChange(a?.secured, b.secured),
    gap: moneyChange(a?.gap, b.gap),
    spent: moneyChange(a?.spent, b.spent),
    balance: moneyChange(a?.balance, b.balance),
  };
}
