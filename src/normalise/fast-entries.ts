import { type Day, parseDate, yearEnd, yearStart } from '../core/dates.js';
import {
  convertMinor,
  currencyDigits,
  decimalText,
  isCurrencyCode,
  ratioFromDecimal,
  toMinor,
} from '../core/money.js';
import { type Period, parsePeriod, periodStart } from '../core/periods.js';
import type {
  ContributionEntry,
  Entry,
  Indicator,
  PledgeEntry,
  ResultEntry,
  SpendEntry,
} from '../model/framework.js';
import type { Src } from '../model/source.js';
import { type EntryLookup, findRate, yearsKnown } from './entries.js';
import { inFigureRange } from './values.js';

/**
 * The fast path for ledger entries: one pass over an entry as written that checks the same rules
 * as the schema (zod) and the entry checks in entries.ts, and builds the same typed entry, without
 * zod's copy of the object or a diagnostic's source objects. It answers only when it is sure: for
 * any entry it does not fully understand, or that has anything to report, it returns undefined and
 * the caller takes the exact slow path, so diagnostics never differ (test/validate/fast-path.test.ts
 * proves the two paths build equal entries for every line the fast path accepts).
 *
 * Entries share their period and disaggregation objects: a million monthly entries hold 60 periods
 * and a few dozen `{country: MN}` objects, not a million of each.
 */
export interface FastContext {
  lk: EntryLookup;
  periods: Map<string | number, Period | null>;
  /** Per dimension name, per value: the shared one-dimension `dims` object. */
  dims: Map<string, Map<string, Record<string, string>>>;
  planStart: Day;
  planEnd: Day;
  digits: Map<string, number>;
}

const NO_DIMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

export function fastContext(lk: EntryLookup): FastContext {
  const plan = lk.fw.plan;
  return {
    lk,
    periods: new Map(),
    dims: new Map(),
    planStart: yearsKnown(plan) ? yearStart(plan.start) : Number.NEGATIVE_INFINITY,
    planEnd: yearsKnown(plan) ? yearEnd(plan.end) : Number.POSITIVE_INFINITY,
    digits: new Map(),
  };
}

/** The typed entry when the entry is certainly valid, else undefined (take the slow path). */
export function fastEntry(obj: unknown, src: Src, seq: number, cx: FastContext): Entry | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  // The same precedence as the slow path: spend, indicator, pledge, contribution.
  if (Object.hasOwn(o, 'spend')) return fastSpend(o, src, seq, cx);
  if (Object.hasOwn(o, 'indicator')) return fastResult(o, src, seq, cx);
  if (Object.hasOwn(o, 'pledge')) return fastResource('pledge', o, src, seq, cx);
  if (Object.hasOwn(o, 'contribution')) return fastResource('contribution', o, src, seq, cx);
  return undefined;
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function period(cx: FastContext, written: string | number): Period | null {
  let p = cx.periods.get(written);
  if (p === undefined) {
    p = parsePeriod(written);
    cx.periods.set(written, p);
  }
  return p;
}

function fastResult(
  o: Record<string, unknown>,
  src: Src,
  seq: number,
  cx: FastContext,
): ResultEntry | undefined {
  let indicator: string | undefined;
  let periodText: string | number | undefined;
  let value: number | string | undefined;
  let numerator: number | undefined;
  let denominator: number | undefined;
  let dateText: string | undefined;
  let source: string | undefined;
  let note: string | undefined;
  let corrects = false;
  let withdrawn = false;
  let dimKey: string | undefined;
  let dimValue: string | undefined;
  let dims: Record<string, string> | undefined;
  let dimCount = 0;
  const plan = cx.lk.fw.plan;
  for (const key in o) {
    const v = o[key];
    switch (key) {
      case 'indicator':
        if (!isText(v)) return undefined;
        indicator = v;
        break;
      case 'period':
        if (isText(v)) periodText = v;
        else if (typeof v === 'number' && Number.isSafeInteger(v)) periodText = v;
        else return undefined;
        break;
      case 'value':
        if (isNum(v) || isText(v)) value = v;
        else return undefined;
        break;
      case 'numerator':
        if (!isNum(v) || v < 0) return undefined;
        numerator = v;
        break;
      case 'denominator':
        if (!isNum(v) || v <= 0) return undefined;
        denominator = v;
        break;
      case 'date':
        if (!isText(v)) return undefined;
        dateText = v;
        break;
      case 'source':
        if (!isText(v)) return undefined;
        source = v;
        break;
      case 'note':
        if (!isText(v)) return undefined;
        note = v;
        break;
      case 'corrects':
        if (typeof v !== 'boolean') return undefined;
        corrects = v;
        break;
      case 'withdrawn':
        if (v !== true) return undefined;
        withdrawn = true;
        break;
      default: {
        // A disaggregation value: a plan dimension, written as text or a number.
        if (!isText(v) && !isNum(v)) return undefined;
        if (!Object.hasOwn(plan.dimensions, key)) return undefined;
        const text = String(v);
        if (!(plan.dimensions[key] as string[]).includes(text)) return undefined;
        dimCount++;
        if (dimCount === 1) {
          dimKey = key;
          dimValue = text;
        } else {
          if (dims === undefined) dims = { [dimKey as string]: dimValue as string };
          dims[key] = text;
        }
      }
    }
  }
  if (indicator === undefined || periodText === undefined || dateText === undefined) return undefined;
  const ind = cx.lk.indicators.get(indicator);
  if (!ind) return undefined;
  // Every dimension given must be one the indicator is disaggregated by, and all or none of them.
  if (dimCount !== 0) {
    if (dimCount !== ind.disaggregate.length) return undefined;
    if (dims === undefined) {
      if (!ind.disaggregate.includes(dimKey as string)) return undefined;
      dims = sharedDims(cx, dimKey as string, dimValue as string);
    } else {
      for (const k in dims) if (!ind.disaggregate.includes(k)) return undefined;
    }
  }
  const p = period(cx, periodText);
  if (!p || p.frequency !== ind.frequency) return undefined;
  if (yearsKnown(plan) && (p.year < plan.start || p.year > plan.end)) return undefined;
  const date = parseDate(dateText);
  if (date === null || date < periodStart(p)) return undefined;
  const figure = resultValue(ind, value, numerator, denominator, withdrawn);
  if (figure === null) return undefined;
  return {
    kind: 'result',
    seq,
    date,
    note,
    source,
    src,
    indicator: ind.id,
    period: p,
    value: figure,
    numerator,
    denominator,
    dims: dims ?? NO_DIMS,
    corrects,
    withdrawn,
  };
}

/** The entry's figure as the slow path keeps it (undefined for a ratio or a withdrawal), or null when in doubt. */
function resultValue(
  ind: Indicator,
  value: number | string | undefined,
  numerator: number | undefined,
  denominator: number | undefined,
  withdrawn: boolean,
): number | undefined | null {
  const hasRatio = numerator !== undefined || denominator !== undefined;
  if (withdrawn) return value === undefined && !hasRatio ? undefined : null;
  if (hasRatio) {
    if (value !== undefined || ind.measure !== 'percent') return null;
    if (numerator === undefined || denominator === undefined || numerator > denominator) return null;
    if (!inFigureRange(numerator) || !inFigureRange(denominator)) return null; // figure-range
    return undefined;
  }
  if (value === undefined) return null;
  if (ind.measure === 'milestone') {
    const idx = typeof value === 'string' ? (ind.levels ?? []).indexOf(value) : -1;
    return idx === -1 ? null : idx;
  }
  if (typeof value !== 'number') return null;
  if (ind.measure === 'percent' && (value < 0 || value > 100)) return null;
  if (!inFigureRange(value)) return null; // figure-range
  return value;
}

function sharedDims(cx: FastContext, key: string, value: string): Record<string, string> {
  let byValue = cx.dims.get(key);
  if (!byValue) {
    byValue = new Map();
    cx.dims.set(key, byValue);
  }
  let dims = byValue.get(value);
  if (!dims) {
    dims = { [key]: value };
    byValue.set(value, dims);
  }
  return dims;
}

interface Money {
  amount: number | undefined;
  currency: string | undefined;
  dateText: string | undefined;
  note: string | undefined;
  source: string | undefined;
}

/** Reads a key shared by every money entry; false when the key is not one or its value is in doubt. */
function moneyKey(m: Money, key: string, v: unknown): boolean {
  switch (key) {
    case 'amount':
      if (!isNum(v)) return false;
      m.amount = v;
      return true;
    case 'currency':
      if (!isText(v) || !/^[A-Z]{3}$/.test(v)) return false;
      m.currency = v;
      return true;
    case 'date':
      if (!isText(v)) return false;
      m.dateText = v;
      return true;
    case 'note':
      if (!isText(v)) return false;
      m.note = v;
      return true;
    case 'source':
      if (!isText(v)) return false;
      m.source = v;
      return true;
    default:
      return false;
  }
}

function fastSpend(
  o: Record<string, unknown>,
  src: Src,
  seq: number,
  cx: FastContext,
): SpendEntry | undefined {
  const m: Money = {
    amount: undefined,
    currency: undefined,
    dateText: undefined,
    note: undefined,
    source: undefined,
  };
  let line: string | undefined;
  for (const key in o) {
    const v = o[key];
    if (key === 'spend') {
      if (!isText(v)) return undefined;
      line = v;
    } else if (!moneyKey(m, key, v)) return undefined;
  }
  if (line === undefined || m.amount === undefined || m.dateText === undefined) return undefined;
  if (!cx.lk.lines.has(line)) return undefined;
  const date = parseDate(m.dateText);
  if (date === null || date < cx.planStart || date > cx.planEnd) return undefined;
  const money = convert(cx, m.amount, m.currency, m.dateText);
  if (!money) return undefined;
  return {
    kind: 'spend',
    seq,
    date,
    note: m.note,
    source: m.source,
    src,
    line,
    amount: money.amount,
    currency: money.currency,
    planAmount: money.planAmount,
  };
}

function fastResource(
  kind: 'pledge' | 'contribution',
  o: Record<string, unknown>,
  src: Src,
  seq: number,
  cx: FastContext,
): PledgeEntry | ContributionEntry | undefined {
  const m: Money = {
    amount: undefined,
    currency: undefined,
    dateText: undefined,
    note: undefined,
    source: undefined,
  };
  let fund: string | undefined;
  let from: string | undefined;
  let yearWritten: number | string | undefined;
  let inKind = false;
  for (const key in o) {
    const v = o[key];
    if (key === kind) {
      if (!isText(v)) return undefined;
      fund = v;
    } else if (key === 'from') {
      if (!isText(v)) return undefined;
      from = v;
    } else if (key === 'year') {
      if (isText(v)) yearWritten = v;
      else if (typeof v === 'number' && Number.isSafeInteger(v)) yearWritten = v;
      else return undefined;
    } else if (key === 'kind' && kind === 'contribution') {
      if (v !== 'cash' && v !== 'in-kind') return undefined;
      inKind = v === 'in-kind';
    } else if (!moneyKey(m, key, v)) return undefined;
  }
  if (fund === undefined || from === undefined || m.amount === undefined || m.dateText === undefined)
    return undefined;
  if (kind === 'pledge' && yearWritten === undefined) return undefined;
  if (!cx.lk.sources.has(fund) || !cx.lk.contributors.has(from)) return undefined;
  const date = parseDate(m.dateText);
  if (date === null) return undefined;
  let year: number;
  if (yearWritten !== undefined) {
    const text = String(yearWritten);
    if (!/^\d{4}$/.test(text)) return undefined;
    year = Number(text);
  } else year = Number(m.dateText.slice(0, 4));
  const plan = cx.lk.fw.plan;
  if (yearsKnown(plan) && (year < plan.start || year > plan.end)) return undefined;
  const money = convert(cx, m.amount, m.currency, m.dateText);
  if (!money) return undefined;
  const base = {
    seq,
    date,
    note: m.note,
    source: m.source,
    src,
    fund,
    from,
    year,
    amount: money.amount,
    currency: money.currency,
    planAmount: money.planAmount,
  };
  if (kind === 'pledge') return { kind: 'pledge', ...base };
  return { kind: 'contribution', ...base, inKind };
}

/** The amount in minor units of its currency and of the plan's, as the slow path converts it; undefined when in doubt. */
function convert(
  cx: FastContext,
  amount: number,
  written: string | undefined,
  dateText: string,
): { amount: bigint; currency: string; planAmount: bigint } | undefined {
  const plan = cx.lk.fw.plan;
  const currency = written ?? plan.currency;
  let digits = cx.digits.get(currency);
  if (digits === undefined) {
    if (!isCurrencyCode(currency)) return undefined;
    digits = currencyDigits(currency);
    cx.digits.set(currency, digits);
  }
  if (Math.abs(amount) * 10 ** digits > Number.MAX_SAFE_INTEGER) return undefined;
  const minor = toMinor(decimalText(amount), digits);
  if (minor === null) return undefined;
  if (currency === plan.currency) return { amount: minor, currency, planAmount: minor };
  const rate = findRate(cx.lk.fw, currency, dateText);
  if (rate === undefined) return undefined;
  const planAmount = convertMinor(minor, digits, ratioFromDecimal(rate), plan.digits);
  const abs = planAmount < 0n ? -planAmount : planAmount;
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { amount: minor, currency, planAmount };
}
