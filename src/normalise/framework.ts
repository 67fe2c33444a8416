import * as z from 'zod';
import { pushAll } from '../core/arrays.js';
import { currencyDigits, decimalText, isCurrencyCode } from '../core/money.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type {
  BudgetLine,
  BudgetSource,
  Contributor,
  Entry,
  Framework,
  Indicator,
  Plan,
  Programme,
  Rates,
  Result,
} from '../model/framework.js';
import type { ParsedFile } from '../model/parsed.js';
import { child, ItemSrc, type PathSeg, type Src } from '../model/source.js';
import {
  BudgetLineSchema,
  BudgetSchema,
  BudgetSourceSchema,
  ContributorSchema,
  FileSchema,
  IatiSchema,
  IndicatorSchema,
  MeetingSchema,
  NarrativeSchema,
  PlanSchema,
  ProgrammeSchema,
  RESULT_ENTRY_KEYS,
  ResultSchema,
  RevisionSchema,
} from '../schema/written.js';
import { buildMeetings, buildNarratives, buildRevisions } from './decisions.js';
import { type LedgerChunk, normaliseEntries, yearsKnown } from './entries.js';
import { buildIati } from './iati.js';
import { moneyMinor, rateProblem } from './money.js';
import { salvagePlan } from './plan-salvage.js';
import { outsidePlan } from './plan-years.js';
import { describe, PARSE_FEW, schemaDiagnostics } from './schema-issues.js';
import { buildMarkers, buildSdgTargets } from './sdg.js';
import { targetNumber } from './values.js';

/** What normalising produced: the framework (absent when there is no usable plan) and every diagnostic. */
export interface Normalised {
  framework: Framework | undefined;
  diagnostics: Diagnostic[];
  /**
   * Ids written in the files whose item failed its own checks (and so is not in the framework).
   * References to them are not reported again as unknown: the id exists, it is just invalid.
   */
  invalidIds: Set<string>;
  /** The results that invalid indicators name, so an outcome they measure is not called unmeasured. */
  invalidRefs: Set<string>;
}

const DEFAULT_RATING = { on_track: 0.85, at_risk: 0.5 };

/** Checks each file against the schema and builds the normalised framework from what passes. */
export function normalise(
  root: string,
  parsed: ParsedFile[],
  entryKinds?: ReadonlySet<Entry['kind']>,
): Normalised {
  const diagnostics: Diagnostic[] = [];
  const plans: { plan: z.infer<typeof PlanSchema>; src: Src }[] = [];
  const raw = {
    programmes: [] as Item[],
    results: [] as Item[],
    indicators: [] as Item[],
    sources: [] as Item[],
    lines: [] as Item[],
    rates: [] as Item[],
    contributors: [] as Item[],
    meetings: [] as Item[],
    revisions: [] as Item[],
    narratives: [] as Item[],
    entries: [] as (Item | LedgerChunk)[],
  };

  let planSeen = false;
  // Plan sections that failed their schema, read as far as they go (see plan-salvage.ts).
  const salvaged: Plan[] = [];
  const shape = FileSchema.unwrap().shape;
  const sectionNames = Object.keys(shape);
  for (const p of parsed) {
    pushAll(diagnostics, p.diagnostics);
    // undefined: unparseable (already reported; if it seems to hold the plan, "missing" would be
    // wrong); null: an empty file, which holds nothing.
    if (p.value === undefined && /^plan[ \t]*:/m.test(p.file.text)) planSeen = true;
    if (p.value === undefined || p.value === null) continue;
    const top: Src = { file: p.file, path: [] };
    if (typeof p.value !== 'object' || Array.isArray(p.value)) {
      diagnostics.push(
        error(
          'wrong-type',
          `a framework file holds one mapping with sections (${sectionNames.join(', ')}), not ${describe(p.value)}`,
          top,
        ),
      );
      continue;
    }
    const written = p.value as Record<string, unknown>;
    if (Object.hasOwn(written, 'plan')) planSeen = true;
    const res = FileSchema.safeParse(written, PARSE_FEW);
    if (!res.success) {
      pushAll(
        diagnostics,
        schemaDiagnostics(
          res.error.issues,
          top,
          (path) => (path.length === 0 ? sectionNames : keysAt(path)),
          written,
        ),
      );
    }
    // Every section that passes on its own is still used, so one bad section does not hide the
    // rest of the file (and cascade into "unknown id" errors elsewhere).
    const section = <K extends keyof typeof shape>(k: K): z.infer<(typeof shape)[K]> | undefined => {
      if (res.success) return res.data?.[k] as z.infer<(typeof shape)[K]> | undefined;
      const one = shape[k].safeParse(written[k]);
      return one.success ? (one.data as z.infer<(typeof shape)[K]>) : undefined;
    };
    const plan = section('plan');
    if (plan) {
      plans.push({ plan, src: child(top, 'plan') });
      pushItems(raw.meetings, plan.meetings, child(top, 'plan', 'meetings'));
    } else if (isMapping(written.plan)) {
      salvaged.push(salvagePlan(written.plan, child(top, 'plan')));
      const meetings = written.plan.meetings;
      if (Array.isArray(meetings)) pushItems(raw.meetings, meetings, child(top, 'plan', 'meetings'));
    }
    for (const name of ['programmes', 'results', 'indicators', 'revisions', 'narratives'] as const) {
      pushItems(raw[name], section(name), child(top, name));
    }
    pushItems(raw.entries, section('progress'), child(top, 'progress'));
    if (p.ledger) raw.entries.push({ ledger: p.ledger, at: child(top, 'progress') });
    const budget = section('budget');
    if (budget !== undefined) {
      const bsrc = child(top, 'budget');
      const shallow = BudgetShallow.safeParse(budget, PARSE_FEW);
      if (!shallow.success) {
        pushAll(
          diagnostics,
          schemaDiagnostics(shallow.error.issues, bsrc, () => Object.keys(BudgetSchema.shape)),
        );
        continue;
      }
      pushItems(raw.sources, shallow.data?.sources, child(bsrc, 'sources'));
      pushItems(raw.contributors, shallow.data?.contributors, child(bsrc, 'contributors'));
      pushItems(raw.lines, shallow.data?.lines, child(bsrc, 'lines'));
      if (shallow.data?.rates !== undefined)
        raw.rates.push({ value: shallow.data.rates, src: child(bsrc, 'rates') });
    }
  }

  if (plans.length === 0 && salvaged.length === 0) {
    // A plan section that failed its schema has been reported already; "missing" would be wrong.
    if (!planSeen) diagnostics.push(error('plan-missing', 'no file in the framework has a `plan:` section'));
    return { framework: undefined, diagnostics, invalidIds: new Set(), invalidRefs: new Set() };
  }
  for (const extra of plans.slice(1)) {
    diagnostics.push(
      error(
        'plan-duplicate',
        `a second \`plan:\` section; the plan appears exactly once (first in ${(plans[0] as { src: Src }).src.file.name})`,
        extra.src,
        true,
      ),
    );
  }
  const first = plans[0];
  const plan = first ? buildPlan(first.plan, first.src, diagnostics) : (salvaged[0] as Plan);

  const invalidIds = new Set<string>();
  const invalidRefs = new Set<string>();
  const programmes = parseAll(raw.programmes, ProgrammeSchema, diagnostics, invalidIds).map(
    ({ v, src }): Programme => ({ id: v.id, title: v.title, src }),
  );
  const writtenResults = parseAll(raw.results, ResultSchema, diagnostics, invalidIds);
  const results = writtenResults.map(
    ({ v, src }): Result => ({
      id: v.id,
      level: v.level,
      title: v.title,
      programme: v.programme,
      parent: v.parent,
      sdg: buildSdgTargets(v.sdg, child(src, 'sdg'), diagnostics),
      src,
    }),
  );
  const indicators = parseAll(raw.indicators, IndicatorSchema, diagnostics, invalidIds, invalidRefs)
    .map(({ v, src }) => {
      const ind = buildIndicator(v, src, plan, diagnostics);
      if (!ind) {
        invalidIds.add(v.id);
        invalidRefs.add(v.result);
      }
      return ind;
    })
    .filter((x): x is Indicator => x !== undefined);
  const sources = parseAll(raw.sources, BudgetSourceSchema, diagnostics, invalidIds).map(
    ({ v, src }): BudgetSource => ({
      id: v.id,
      title: v.title,
      openingBalance:
        v.opening_balance === undefined
          ? 0n
          : (moneyMinor(
              v.opening_balance,
              plan.currency,
              plan.digits,
              child(src, 'opening_balance'),
              diagnostics,
            ) ?? 0n),
      src,
    }),
  );
  const contributors = parseAll(raw.contributors, ContributorSchema, diagnostics, invalidIds).map(
    ({ v, src }): Contributor => ({ id: v.id, title: v.title, src }),
  );
  const lines = parseAll(raw.lines, BudgetLineSchema, diagnostics, invalidIds).map(({ v, src }) =>
    buildLine(v, src, plan, diagnostics),
  );
  const rates = buildRates(raw.rates, diagnostics, invalidIds);
  const meetings = buildMeetings(parseAll(raw.meetings, MeetingSchema, diagnostics, invalidIds), diagnostics);
  const narratives = buildNarratives(
    parseAll(raw.narratives, NarrativeSchema, diagnostics, invalidIds),
    diagnostics,
  );

  const framework: Framework = {
    root,
    files: parsed.map((p) => p.file),
    plan,
    programmes,
    results,
    indicators,
    sources,
    contributors,
    rates,
    lines,
    meetings,
    revisions: [],
    narratives,
    entries: [],
  };
  framework.revisions = buildRevisions(
    parseAll(raw.revisions, RevisionSchema, diagnostics, invalidIds),
    framework,
    diagnostics,
    invalidIds,
  );
  framework.entries = normaliseEntries(raw.entries, framework, diagnostics, invalidIds, entryKinds);
  return { framework, diagnostics, invalidIds, invalidRefs };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

interface Item {
  value: unknown;
  src: Src;
}

/** Appends each element of a list section with its source position. */
function pushItems(into: { push(item: Item): number }, list: readonly unknown[] | undefined, at: Src): void {
  if (!list) return;
  for (let i = 0; i < list.length; i++) into.push({ value: list[i], src: new ItemSrc(at, i) });
}

const BudgetShallow = z
  .strictObject({
    sources: z.array(z.unknown()).optional(),
    contributors: z.array(z.unknown()).optional(),
    rates: z.unknown().optional(),
    lines: z.array(z.unknown()).optional(),
  })
  .nullable();

/** Valid keys at a path inside a file, for "did you mean" suggestions. */
function keysAt(path: PathSeg[]): string[] {
  const section = path[0];
  if (section === 'plan') {
    if (path[1] === 'rating') return ['on_track', 'at_risk'];
    if (path[1] === 'iati') {
      if (path.length === 2) return Object.keys(IatiSchema.shape);
      if (path[2] === 'reporting_org') return ['ref', 'type', 'name'];
      if (path.length === 4) return ['code', 'vocabulary', 'percentage', 'name'];
    }
    return Object.keys(PlanSchema.shape);
  }
  return [];
}

function parseAll<S extends z.ZodType>(
  items: Item[],
  schema: S,
  diagnostics: Diagnostic[],
  invalidIds: Set<string>,
  invalidRefs?: Set<string>,
): { v: z.infer<S>; src: Src }[] {
  const keys = 'shape' in schema ? Object.keys((schema as unknown as { shape: object }).shape) : [];
  const out: { v: z.infer<S>; src: Src }[] = [];
  for (const item of items) {
    const res = schema.safeParse(item.value, PARSE_FEW);
    if (res.success) {
      out.push({ v: res.data, src: item.src });
      continue;
    }
    const written = item.value as { id?: unknown; result?: unknown } | null;
    if (typeof written?.id === 'string') invalidIds.add(written.id);
    if (typeof written?.result === 'string') invalidRefs?.add(written.result);
    pushAll(
      diagnostics,
      schemaDiagnostics(
        res.error.issues,
        item.src,
        (path) => (path.length === 0 ? keys : nestedKeys(path)),
        item.value,
      ),
    );
  }
  return out;
}

function nestedKeys(path: PathSeg[]): string[] {
  if (path[0] === 'baseline') return ['year', 'value'];
  return [];
}

function buildPlan(v: z.infer<typeof PlanSchema>, src: Src, diagnostics: Diagnostic[]): Plan {
  if (v.end < v.start)
    diagnostics.push(
      error('plan-years', `the plan ends (${v.end}) before it starts (${v.start})`, child(src, 'end')),
    );
  let digits = 2;
  if (isCurrencyCode(v.currency)) digits = currencyDigits(v.currency);
  else
    diagnostics.push(
      error('unknown-currency', `"${v.currency}" is not an ISO 4217 currency code`, child(src, 'currency')),
    );
  // Each threshold falls back to its own default: `rating: {on_track: 0.9}` keeps at_risk at 0.5.
  for (const name of Object.keys(v.dimensions ?? {})) {
    // A ledger entry names its dimension values by key, so a dimension can't share a field's name.
    if (RESULT_ENTRY_KEYS.includes(name)) {
      diagnostics.push(
        error(
          'dimension-name',
          `"${name}" is a field of a ledger entry and cannot name a dimension`,
          child(src, 'dimensions', name),
          true,
        ),
      );
    }
  }
  const rating = { ...DEFAULT_RATING, ...v.rating };
  if (rating.at_risk > rating.on_track) {
    diagnostics.push(
      error(
        'rating-order',
        `rating.at_risk (${rating.at_risk}) must not exceed rating.on_track (${rating.on_track})`,
        child(src, 'rating'),
      ),
    );
  }
  return {
    id: v.id,
    title: v.title,
    start: v.start,
    end: v.end,
    currency: v.currency,
    digits,
    dimensions: v.dimensions ?? {},
    rating,
    description: v.description,
    iati: v.iati ? buildIati(v.iati, child(src, 'iati'), v.id, diagnostics) : undefined,
    markers: buildMarkers(v.markers, child(src, 'markers'), diagnostics),
    contributesTo: (v.contributes_to ?? []).map((c, i) => {
      const at = child(src, 'contributes_to', i);
      return {
        framework: c.framework,
        indicators: Object.entries(c.indicators).map(([own, parent]) => ({
          own,
          parent,
          src: child(at, 'indicators', own),
        })),
        src: at,
      };
    }),
    src,
  };
}

function buildIndicator(
  v: z.infer<typeof IndicatorSchema>,
  src: Src,
  plan: Plan,
  diagnostics: Diagnostic[],
): Indicator | undefined {
  let ok = true;
  const levels = v.levels;
  const toNumber = (value: number | string, at: Src): number | undefined =>
    targetNumber(v.measure, levels, value, at, diagnostics);
  if (v.measure === 'milestone' && !levels) {
    diagnostics.push(
      error('milestone-levels', 'a milestone indicator needs `levels:` (its ordered level names)', src, true),
    );
    ok = false;
  }
  if (v.measure !== 'milestone' && levels) {
    diagnostics.push(
      error('levels-not-milestone', '`levels` is only for milestone indicators', child(src, 'levels'), true),
    );
  }
  if (v.measure !== 'number' && v.aggregation === 'cumulative') {
    diagnostics.push(
      error(
        'cumulative-measure',
        `a ${v.measure} indicator cannot be cumulative; use aggregation: level`,
        child(src, 'aggregation'),
      ),
    );
  }
  const baseValue = toNumber(v.baseline.value, child(src, 'baseline', 'value'));
  if (baseValue === undefined) ok = false;
  const targets: { year: number; value: number }[] = [];
  for (const [key, value] of Object.entries(v.targets)) {
    const year = Number(key);
    const at = child(src, 'targets', key);
    outsidePlan(year, plan, 'target year', at, diagnostics);
    if (year <= v.baseline.year) {
      diagnostics.push(
        error(
          'target-before-baseline',
          `target year ${year} is not after the baseline year ${v.baseline.year}`,
          at,
          true,
        ),
      );
    }
    const n = toNumber(value, at);
    if (n === undefined) ok = false;
    else targets.push({ year, value: n });
  }
  targets.sort((a, b) => a.year - b.year);
  if (yearsKnown(plan) && !(String(plan.end) in v.targets)) {
    diagnostics.push(
      error('final-target-missing', `no target for the plan's final year ${plan.end}`, child(src, 'targets')),
    );
    ok = false;
  }
  const sdg = buildSdgTargets(v.sdg, child(src, 'sdg'), diagnostics);
  if (!ok || baseValue === undefined) return undefined;
  return {
    id: v.id,
    result: v.result,
    title: v.title,
    unit: v.unit,
    measure: v.measure,
    direction: v.direction,
    aggregation: v.aggregation,
    frequency: v.frequency,
    levels,
    baseline: { year: v.baseline.year, value: baseValue },
    targets,
    originalTargets: targets,
    revisedBy: [],
    ...expectedOf(v.disaggregate, plan),
    means_of_verification: v.means_of_verification,
    sdg,
    src,
  };
}

function buildLine(
  v: z.infer<typeof BudgetLineSchema>,
  src: Src,
  plan: Plan,
  diagnostics: Diagnostic[],
): BudgetLine {
  const planned = new Map<number, bigint>();
  for (const [key, amount] of Object.entries(v.planned)) {
    const year = Number(key);
    const at = child(src, 'planned', key);
    if (outsidePlan(year, plan, 'planned year', at, diagnostics)) continue;
    const minor = moneyMinor(amount, plan.currency, plan.digits, at, diagnostics);
    if (minor !== undefined) planned.set(year, minor);
  }
  return {
    id: v.id,
    title: v.title,
    result: v.result,
    source: v.source,
    category: v.category,
    planned,
    originalPlanned: planned,
    revisedBy: [],
    src,
  };
}

/**
 * The exchange rates that pass their checks. A rate written but refused (not a month, out of range)
 * goes into `invalidIds` as `rate CUR PERIOD`, so the entries it would convert are not also told
 * that their rate is missing: the rate itself is reported.
 */
function buildRates(items: Item[], diagnostics: Diagnostic[], invalidIds: Set<string>): Rates {
  const rates: Rates = new Map();
  for (const item of items) {
    const res = BudgetSchema.shape.rates.safeParse(item.value, PARSE_FEW);
    if (!res.success) {
      pushAll(
        diagnostics,
        schemaDiagnostics(res.error.issues, item.src, () => []),
      );
      continue;
    }
    for (const [currency, byPeriod] of Object.entries(res.data ?? {})) {
      if (!isCurrencyCode(currency)) {
        diagnostics.push(
          error(
            'unknown-currency',
            `"${currency}" is not an ISO 4217 currency code`,
            child(item.src, currency),
            true,
          ),
        );
        continue;
      }
      const m = rates.get(currency) ?? new Map<string, string>();
      for (const [period, rate] of Object.entries(byPeriod)) {
        if (/-(\d{2})$/.test(period) && !/-(0[1-9]|1[0-2])$/.test(period)) {
          diagnostics.push(
            error(
              'invalid-value',
              `"${period}" is not a month (YYYY-MM)`,
              child(item.src, currency, period),
              true,
            ),
          );
          invalidIds.add(`rate ${currency} ${period}`);
          continue;
        }
        const bad = rateProblem(rate, child(item.src, currency, period));
        if (bad) {
          diagnostics.push(bad);
          invalidIds.add(`rate ${currency} ${period}`);
        } else m.set(period, decimalText(rate));
      }
      rates.set(currency, m);
    }
  }
  return rates;
}

/**
 * The dimensions of an indicator and the values each expects: a list expects every value of the
 * plan's dimension; a mapping names them (kept in the plan's order, each once; a value the plan does
 * not know is reported by the indicator-refs rule and left out here).
 */
function expectedOf(
  written: string[] | Record<string, string[]> | undefined,
  plan: Plan,
): Pick<Indicator, 'disaggregate' | 'expectedValues' | 'expectedWritten'> {
  const expectedValues: Record<string, string[]> = {};
  if (written === undefined || Array.isArray(written)) {
    const dims = written ?? [];
    for (const d of dims)
      expectedValues[d] = Object.hasOwn(plan.dimensions, d) ? [...(plan.dimensions[d] ?? [])] : [];
    return { disaggregate: [...dims], expectedValues, expectedWritten: undefined };
  }
  const dims = Object.keys(written);
  for (const d of dims) {
    const named = new Set(written[d]);
    const all = Object.hasOwn(plan.dimensions, d) ? (plan.dimensions[d] ?? []) : [];
    expectedValues[d] = all.filter((x) => named.has(x));
  }
  return { disaggregate: dims, expectedValues, expectedWritten: written };
}
