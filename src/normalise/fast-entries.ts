import { type Day, dayFromCivil, isValidCivil, parseDate, yearEnd, yearStart } from '../core/dates.js';
import {
  convertMinor,
  currencyDigits,
  decimalText,
  isCurrencyCode,
  ratioFromDecimal,
  toMinor,
} from '../core/money.js';
import { type Period, parsePeriod, periodStart } from '../core/periods.js';
import { SpanTable } from '../core/span-table.js';
import type {
  BudgetLine,
  ContributionEntry,
  Entry,
  Indicator,
  PledgeEntry,
  ResultEntry,
  SpendEntry,
} from '../model/framework.js';
import type { FlowPairs } from '../model/parsed.js';
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
  /** Per period as written: the shared period object and its first day, or null when no period. */
  periods: Map<string | number, PeriodInfo | null>;
  /** Per dimension name, per value: the shared one-dimension `dims` object. */
  dims: Map<string, Map<string, Record<string, string>>>;
  planStart: Day;
  planEnd: Day;
  digits: Map<string, number>;
  /**
   * The plan's dimension names, less any Object.prototype has (`constructor`…: the object reader
   * leaves those to the full parser, and so does the line reader).
   */
  dimNames: string[];
  /** The plan's indicators and budget lines, and the periods met so far, found by a span of a line. */
  indicatorSpans: SpanTable<Indicator>;
  lineSpans: SpanTable<BudgetLine>;
  periodSpans: SpanTable<PeriodInfo | null>;
  /** The period of the line read last, as written. */
  lastPeriod: { text: string; info: PeriodInfo } | undefined;
  /**
   * While set, an entry of a kind not in it is checked in full but not built: a result comes back
   * as `scratch` (one object, refilled for each: its key, date, flags and seq), any other kind as
   * a shared stand-in of its kind. Set only around the line reader (normalise/entries.ts).
   */
  keep: ReadonlySet<Entry['kind']> | undefined;
  scratch: ResultEntry;
}

const NO_DIMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The stand-ins for checked money entries that are not kept (FastContext.keep): only their kind is read. */
const UNKEPT = {
  spend: Object.freeze({ kind: 'spend' }),
  pledge: Object.freeze({ kind: 'pledge' }),
  contribution: Object.freeze({ kind: 'contribution' }),
} as const;

export function fastContext(lk: EntryLookup): FastContext {
  const plan = lk.fw.plan;
  return {
    lk,
    periods: new Map(),
    dims: new Map(),
    planStart: yearsKnown(plan) ? yearStart(plan.start) : Number.NEGATIVE_INFINITY,
    planEnd: yearsKnown(plan) ? yearEnd(plan.end) : Number.POSITIVE_INFINITY,
    digits: new Map(),
    dimNames: Object.keys(plan.dimensions).filter((k) => !(k in {})),
    indicatorSpans: new SpanTable(lk.indicators),
    lineSpans: new SpanTable(lk.lines),
    periodSpans: new SpanTable(),
    lastPeriod: undefined,
    keep: undefined,
    scratch: {
      kind: 'result',
      seq: 0,
      date: 0,
      note: undefined,
      source: undefined,
      src: { file: plan.src.file, path: [] },
      indicator: '',
      period: { year: 0, frequency: 'annual', index: 1 },
      value: undefined,
      numerator: undefined,
      denominator: undefined,
      dims: NO_DIMS,
      corrects: false,
      withdrawn: false,
    },
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

interface PeriodInfo {
  period: Period;
  start: Day;
}

function period(cx: FastContext, written: string | number): PeriodInfo | null {
  let info = cx.periods.get(written);
  if (info === undefined) {
    const p = parsePeriod(written);
    info = p === null ? null : { period: p, start: periodStart(p) };
    cx.periods.set(written, info);
  }
  return info;
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
  if (dateText === undefined) return undefined;
  return buildResult(
    cx,
    src,
    seq,
    indicator === undefined ? undefined : cx.lk.indicators.get(indicator),
    periodText === undefined ? null : period(cx, periodText),
    parseDate(dateText),
    value,
    numerator,
    denominator,
    source,
    note,
    corrects,
    withdrawn,
    dimCount,
    dimKey,
    dimValue,
    dims,
  );
}

/** A result entry from its fields as read (by either reader), or undefined when in any doubt. */
function buildResult(
  cx: FastContext,
  src: Src,
  seq: number,
  ind: Indicator | undefined,
  info: PeriodInfo | null,
  date: Day | null,
  value: number | string | undefined,
  numerator: number | undefined,
  denominator: number | undefined,
  source: string | undefined,
  note: string | undefined,
  corrects: boolean,
  withdrawn: boolean,
  dimCount: number,
  dimKey: string | undefined,
  dimValue: string | undefined,
  dims: Record<string, string> | undefined,
): ResultEntry | undefined {
  if (ind === undefined || info === null || date === null) return undefined;
  const plan = cx.lk.fw.plan;
  // Every dimension given must be one the indicator is disaggregated by, and all or none of them.
  let shared = NO_DIMS;
  if (dimCount !== 0) {
    if (dimCount !== ind.disaggregate.length) return undefined;
    if (dims === undefined) {
      // One dimension given, and the indicator has one: it must be that one.
      if (ind.disaggregate[0] !== dimKey) return undefined;
      shared = sharedDims(cx, dimKey as string, dimValue as string);
    } else {
      for (const k in dims) if (!ind.disaggregate.includes(k)) return undefined;
      shared = dims;
    }
  }
  const p = info.period;
  if (p.frequency !== ind.frequency) return undefined;
  if (yearsKnown(plan) && (p.year < plan.start || p.year > plan.end)) return undefined;
  if (date < info.start) return undefined;
  const figure = resultValue(ind, value, numerator, denominator, withdrawn);
  if (figure === null) return undefined;
  if (cx.keep !== undefined && !cx.keep.has('result')) {
    // Checked, not kept: what the correction checks need, in the one scratch object.
    const r = cx.scratch;
    r.seq = seq;
    r.date = date;
    r.indicator = ind.id;
    r.period = p;
    r.dims = shared;
    r.corrects = corrects;
    r.withdrawn = withdrawn;
    return r;
  }
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
    dims: shared,
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
  if (m.amount === undefined || m.dateText === undefined) return undefined;
  const date = parseDate(m.dateText);
  const minor = minorOf(cx, m.amount, -1, 0, false, m.currency);
  return buildSpend(
    cx,
    src,
    seq,
    line,
    date,
    m.dateText,
    0,
    m.dateText.length,
    minor,
    m.currency,
    m.note,
    m.source,
  );
}

function buildSpend(
  cx: FastContext,
  src: Src,
  seq: number,
  line: string | undefined,
  date: Day | null,
  dateIn: string,
  ds: number,
  de: number,
  minor: bigint | null,
  written: string | undefined,
  note: string | undefined,
  source: string | undefined,
): SpendEntry | undefined {
  if (line === undefined || minor === null || date === null) return undefined;
  if (!cx.lk.lines.has(line)) return undefined;
  if (date < cx.planStart || date > cx.planEnd) return undefined;
  const money = convert(cx, minor, written, dateIn, ds, de);
  if (!money) return undefined;
  if (cx.keep !== undefined && !cx.keep.has('spend')) return UNKEPT.spend as SpendEntry;
  return {
    kind: 'spend',
    seq,
    date,
    note,
    source,
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
  if (m.amount === undefined || m.dateText === undefined) return undefined;
  const date = parseDate(m.dateText);
  const minor = minorOf(cx, m.amount, -1, 0, false, m.currency);
  return buildResource(
    kind,
    cx,
    src,
    seq,
    fund,
    from,
    yearWritten,
    inKind,
    date,
    m.dateText,
    0,
    m.dateText.length,
    minor,
    m.currency,
    m.note,
    m.source,
  );
}

function buildResource(
  kind: 'pledge' | 'contribution',
  cx: FastContext,
  src: Src,
  seq: number,
  fund: string | undefined,
  from: string | undefined,
  yearWritten: number | string | undefined,
  inKind: boolean,
  date: Day | null,
  dateIn: string,
  ds: number,
  de: number,
  minor: bigint | null,
  written: string | undefined,
  note: string | undefined,
  source: string | undefined,
): PledgeEntry | ContributionEntry | undefined {
  if (fund === undefined || from === undefined || minor === null || date === null) return undefined;
  if (kind === 'pledge' && yearWritten === undefined) return undefined;
  if (!cx.lk.sources.has(fund) || !cx.lk.contributors.has(from)) return undefined;
  let year: number;
  if (yearWritten !== undefined) {
    const text = String(yearWritten);
    if (!/^\d{4}$/.test(text)) return undefined;
    year = Number(text);
  } else year = Number(dateIn.slice(ds, ds + 4));
  const plan = cx.lk.fw.plan;
  if (yearsKnown(plan) && (year < plan.start || year > plan.end)) return undefined;
  const money = convert(cx, minor, written, dateIn, ds, de);
  if (!money) return undefined;
  if (cx.keep !== undefined && !cx.keep.has(kind)) return UNKEPT[kind] as PledgeEntry | ContributionEntry;
  const base = {
    seq,
    date,
    note,
    source,
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

/**
 * An amount in minor units of its currency (the written one, else the plan's), as the slow path
 * converts it; null when in doubt. `mant`/`scale`/`neg` give the written decimal exactly when
 * `mant` is not -1 (the line reader), else the number is written out as a decimal again.
 */
function minorOf(
  cx: FastContext,
  amount: number,
  mant: number,
  scale: number,
  neg: boolean,
  written: string | undefined,
): bigint | null {
  const currency = written ?? cx.lk.fw.plan.currency;
  let digits = cx.digits.get(currency);
  if (digits === undefined) {
    if (!isCurrencyCode(currency)) return null;
    digits = currencyDigits(currency);
    cx.digits.set(currency, digits);
  }
  if (Math.abs(amount) * 10 ** digits > Number.MAX_SAFE_INTEGER) return null;
  if (mant < 0) return toMinor(decimalText(amount), digits);
  // 12.50 is 12.5: trailing zeros of the fraction do not count against the currency's digits.
  let m = mant;
  let sc = scale;
  while (sc > digits && m % 10 === 0) {
    m /= 10;
    sc--;
  }
  if (sc > digits) return null;
  const units = BigInt(m) * (POW10N[digits - sc] ?? 10n ** BigInt(digits - sc));
  return neg ? -units : units;
}

const POW10N = [1n, 10n, 100n, 1000n, 10000n];

/** The amount in the plan's currency, as the slow path converts it; undefined when in doubt. */
function convert(
  cx: FastContext,
  minor: bigint,
  written: string | undefined,
  dateIn: string,
  ds: number,
  de: number,
): { amount: bigint; currency: string; planAmount: bigint } | undefined {
  const plan = cx.lk.fw.plan;
  const currency = written ?? plan.currency;
  if (currency === plan.currency) return { amount: minor, currency, planAmount: minor };
  const digits = cx.digits.get(currency) as number;
  const rate = findRate(cx.lk.fw, currency, dateIn.slice(ds, de));
  if (rate === undefined) return undefined;
  const planAmount = convertMinor(minor, digits, ratioFromDecimal(rate), plan.digits);
  const abs = planAmount < 0n ? -planAmount : planAmount;
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { amount: minor, currency, planAmount };
}

// The keys an entry can have, one bit each; any other key is a disaggregation value of a result.
const K_INDICATOR = 1;
const K_PERIOD = 2;
const K_VALUE = 4;
const K_NUMERATOR = 8;
const K_DENOMINATOR = 16;
const K_DATE = 32;
const K_SOURCE = 64;
const K_NOTE = 128;
const K_CORRECTS = 256;
const K_WITHDRAWN = 512;
const K_SPEND = 1024;
const K_AMOUNT = 2048;
const K_CURRENCY = 4096;
const K_PLEDGE = 8192;
const K_CONTRIBUTION = 16384;
const K_FROM = 32768;
const K_YEAR = 65536;
const K_KIND = 131072;
const RESULT_KEYS =
  K_INDICATOR |
  K_PERIOD |
  K_VALUE |
  K_NUMERATOR |
  K_DENOMINATOR |
  K_DATE |
  K_SOURCE |
  K_NOTE |
  K_CORRECTS |
  K_WITHDRAWN;
const MONEY_KEYS = K_AMOUNT | K_CURRENCY | K_DATE | K_NOTE | K_SOURCE;
const SPEND_KEYS = MONEY_KEYS | K_SPEND;
const PLEDGE_KEYS = MONEY_KEYS | K_PLEDGE | K_FROM | K_YEAR;
const CONTRIBUTION_KEYS = MONEY_KEYS | K_CONTRIBUTION | K_FROM | K_YEAR | K_KIND;

/** The keys an entry can have, with their bits. */
const KEY_BITS: readonly (readonly [string, number])[] = [
  ['indicator', K_INDICATOR],
  ['period', K_PERIOD],
  ['value', K_VALUE],
  ['numerator', K_NUMERATOR],
  ['denominator', K_DENOMINATOR],
  ['date', K_DATE],
  ['source', K_SOURCE],
  ['note', K_NOTE],
  ['corrects', K_CORRECTS],
  ['withdrawn', K_WITHDRAWN],
  ['spend', K_SPEND],
  ['amount', K_AMOUNT],
  ['currency', K_CURRENCY],
  ['pledge', K_PLEDGE],
  ['contribution', K_CONTRIBUTION],
  ['from', K_FROM],
  ['year', K_YEAR],
  ['kind', K_KIND],
];

/** The keys an entry can have (for the test that each is told apart). */
export const ENTRY_KEYS: readonly string[] = KEY_BITS.map(([k]) => k);

/** Java's String.hashCode, as FlowPairs.kh is made. */
export function keyHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** The known keys by hash (no two of them share one: test/validate/fast-path.test.ts). */
const BY_HASH = new Map(KEY_BITS.map(([key, bit]) => [keyHash(key), { key, bit }]));

/**
 * The bit of the key written over [s, s + len) with hash `h` (FlowPairs.kh), or 0 for any other
 * key: one lookup, then one comparison to confirm.
 */
function keyBit(h: number, t: string, s: number, len: number): number {
  const k = BY_HASH.get(h);
  return k !== undefined && k.key.length === len && at(t, s, k.key) ? k.bit : 0;
}

/** The bit of a known key given as a string, or 0 (for that test). */
export function keyBitOf(key: string): number {
  return keyBit(keyHash(key), key, 0, key.length);
}

/** Whether `word` is written at offset s of t (a loop the compiler inlines, unlike startsWith). */
function at(t: string, s: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (t.charCodeAt(s + i) !== word.charCodeAt(i)) return false;
  return true;
}

// FlowPairs value types (load/flow-lines.ts).
const T_STRING = 0;
const T_NUMBER = 1;
const T_TRUE = 2;
const T_FALSE = 3;
const SQ = 39;

/** The allowed value equal to `text`, if any. */
function allowedText(allowed: readonly string[], text: string): string | undefined {
  return allowed.includes(text) ? text : undefined;
}

/** The string of `names` written over [s, e) of t, if any. */
function spanIn(names: readonly string[], t: string, s: number, e: number): string | undefined {
  const len = e - s;
  for (const n of names) if (n.length === len && at(t, s, n)) return n;
  return undefined;
}

/**
 * The typed entry of one ledger line read in place, without an object between the text and the
 * entry; undefined when the line is outside the fast shape or the entry is in any doubt (the caller
 * then reads the line as an object and takes fastEntry, then the slow path). It accepts only what
 * fastEntry accepts for the object `parseFlowMapping` makes of the line, and builds the same entry
 * (test/validate/fast-path.test.ts).
 */
export function lineEntry(
  cur: FlowPairs,
  start: number,
  src: Src,
  seq: number,
  cx: FastContext,
): Entry | undefined {
  cur.begin(start);
  const t = cur.text;
  const plan = cx.lk.fw.plan;
  let seen = 0;
  let ind: Indicator | undefined;
  let info: PeriodInfo | null = null;
  let value: number | string | undefined;
  let numerator: number | undefined;
  let denominator: number | undefined;
  let date: Day | null = null;
  let fs = 0;
  let fe = 0;
  let fundEscaped = false;
  let ds = 0;
  let de = 0;
  let source: string | undefined;
  let note: string | undefined;
  let corrects = false;
  let withdrawn = false;
  let amount = 0;
  let mant = -1;
  let scale = 0;
  let neg = false;
  let currency: string | undefined;
  let from: string | undefined;
  let yearWritten: number | string | undefined;
  let inKind = false;
  let dimKey: string | undefined;
  let dimValue: string | undefined;
  let dims: Record<string, string> | undefined;
  let dimCount = 0;
  while (cur.next()) {
    const ks = cur.ks;
    const bit = keyBit(cur.kh, t, ks, cur.ke - ks);
    const type = cur.type;
    if (type === T_NUMBER && !Number.isFinite(cur.num)) return undefined;
    if (bit === 0) {
      // A disaggregation value: a plan dimension, written as text or a number. Names and values
      // are found among the plan's by comparing in place: no string is made for them.
      if (type !== T_STRING && type !== T_NUMBER) return undefined;
      const key = spanIn(cx.dimNames, t, ks, cur.ke);
      if (key === undefined) return undefined;
      const allowed = plan.dimensions[key] as string[];
      // Found among the allowed values in place, or made as a string and looked for there.
      const text =
        type === T_STRING && cur.quote !== SQ
          ? spanIn(allowed, t, cur.vs, cur.ve)
          : allowedText(allowed, type === T_NUMBER ? String(cur.num) : cur.string());
      if (text === undefined) return undefined;
      dimCount++;
      if (dimCount === 1) {
        dimKey = key;
        dimValue = text;
      } else {
        if (dims === undefined) dims = { [dimKey as string]: dimValue as string };
        if (Object.hasOwn(dims, key)) return undefined; // a duplicate key
        dims[key] = text;
      }
      continue;
    }
    if ((seen & bit) !== 0) return undefined; // a duplicate key
    seen |= bit;
    switch (bit) {
      case K_INDICATOR:
        if (type !== T_STRING) return undefined;
        ind = cur.escaped ? cx.lk.indicators.get(cur.string()) : cx.indicatorSpans.get(t, cur.vs, cur.ve);
        if (ind === undefined) return undefined;
        break;
      case K_PERIOD:
        if (type === T_STRING) {
          // A ledger tends to repeat the period of the line before: that one is tried first.
          const last = cx.lastPeriod;
          const known = cur.escaped
            ? undefined
            : last !== undefined && last.text.length === cur.ve - cur.vs && at(t, cur.vs, last.text)
              ? last.info
              : cx.periodSpans.get(t, cur.vs, cur.ve);
          if (known !== undefined) info = known;
          else {
            const text = cur.string();
            info = period(cx, text);
            if (!cur.escaped) cx.periodSpans.set(text, info);
          }
          if (!cur.escaped && info !== null && cx.lastPeriod?.info !== info)
            cx.lastPeriod = { text: t.slice(cur.vs, cur.ve), info };
        } else if (type === T_NUMBER && Number.isSafeInteger(cur.num)) info = period(cx, cur.num);
        else return undefined;
        break;
      case K_VALUE:
        if (type === T_NUMBER) value = cur.num;
        else if (type === T_STRING) value = cur.string();
        else return undefined;
        break;
      case K_NUMERATOR:
        if (type !== T_NUMBER || cur.num < 0) return undefined;
        numerator = cur.num;
        break;
      case K_DENOMINATOR:
        if (type !== T_NUMBER || cur.num <= 0) return undefined;
        denominator = cur.num;
        break;
      case K_DATE:
        if (type !== T_STRING) return undefined;
        ds = cur.vs;
        de = cur.ve;
        date = de - ds === 10 ? dayAt(t, ds) : parseDate(cur.string());
        break;
      case K_SOURCE:
        if (type !== T_STRING) return undefined;
        source = cur.string();
        break;
      case K_NOTE:
        if (type !== T_STRING) return undefined;
        note = cur.string();
        break;
      case K_CORRECTS:
        if (type !== T_TRUE && type !== T_FALSE) return undefined;
        corrects = type === T_TRUE;
        break;
      case K_WITHDRAWN:
        if (type !== T_TRUE) return undefined;
        withdrawn = true;
        break;
      case K_SPEND:
      case K_PLEDGE:
      case K_CONTRIBUTION:
        // Read once the kind is known: a budget line is found in place, a source made a string.
        if (type !== T_STRING) return undefined;
        fs = cur.vs;
        fe = cur.ve;
        fundEscaped = cur.escaped;
        break;
      case K_AMOUNT:
        if (type !== T_NUMBER) return undefined;
        amount = cur.num;
        mant = cur.mant;
        scale = cur.scale;
        neg = cur.neg;
        break;
      case K_CURRENCY:
        if (type !== T_STRING || !isCurrencyShape(t, cur.vs, cur.ve)) return undefined;
        currency = cur.string();
        break;
      case K_FROM:
        if (type !== T_STRING) return undefined;
        from = cur.string();
        break;
      case K_YEAR:
        if (type === T_STRING) yearWritten = cur.string();
        else if (type === T_NUMBER && Number.isSafeInteger(cur.num)) yearWritten = cur.num;
        else return undefined;
        break;
      case K_KIND: {
        if (type !== T_STRING) return undefined;
        const k = cur.string();
        if (k !== 'cash' && k !== 'in-kind') return undefined;
        inKind = k === 'in-kind';
        break;
      }
    }
  }
  if (cur.failed || (seen & K_DATE) === 0) return undefined;
  // The same precedence as the slow path: spend, indicator, pledge, contribution.
  if ((seen & K_SPEND) !== 0) {
    if ((seen & ~SPEND_KEYS) !== 0 || dimCount !== 0 || (seen & K_AMOUNT) === 0) return undefined;
    const line = fundEscaped ? undefined : cx.lineSpans.get(t, fs, fe);
    if (line === undefined) return undefined;
    const minor = minorOf(cx, amount, mant, scale, neg, currency);
    return buildSpend(cx, src, seq, line.id, date, t, ds, de, minor, currency, note, source);
  }
  if ((seen & K_INDICATOR) !== 0) {
    if ((seen & ~RESULT_KEYS) !== 0) return undefined;
    return buildResult(
      cx,
      src,
      seq,
      ind,
      info,
      date,
      value,
      numerator,
      denominator,
      source,
      note,
      corrects,
      withdrawn,
      dimCount,
      dimKey,
      dimValue,
      dims,
    );
  }
  const kind = (seen & K_PLEDGE) !== 0 ? 'pledge' : (seen & K_CONTRIBUTION) !== 0 ? 'contribution' : null;
  if (kind === null || dimCount !== 0 || (seen & K_AMOUNT) === 0) return undefined;
  if ((seen & ~(kind === 'pledge' ? PLEDGE_KEYS : CONTRIBUTION_KEYS)) !== 0) return undefined;
  const fund = fundEscaped ? undefined : t.slice(fs, fe);
  const minor = minorOf(cx, amount, mant, scale, neg, currency);
  return buildResource(
    kind,
    cx,
    src,
    seq,
    fund,
    from,
    yearWritten,
    inKind,
    date,
    t,
    ds,
    de,
    minor,
    currency,
    note,
    source,
  );
}

/** The day written as `YYYY-MM-DD` at offset s (ten characters), as parseDate reads it; null otherwise. */
function dayAt(t: string, s: number): Day | null {
  if (t.charCodeAt(s + 4) !== 45 || t.charCodeAt(s + 7) !== 45) return null;
  const y = digitsAt(t, s, 4);
  const m = digitsAt(t, s + 5, 2);
  const d = digitsAt(t, s + 8, 2);
  if (y < 0 || m < 0 || d < 0) return null;
  return isValidCivil(y, m, d) ? dayFromCivil(y, m, d) : null;
}

function digitsAt(t: string, s: number, n: number): number {
  let v = 0;
  for (let i = s; i < s + n; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Three capital letters, as /^[A-Z]{3}$/ checks a written currency. */
function isCurrencyShape(t: string, s: number, e: number): boolean {
  if (e - s !== 3) return false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}
