import { pushAll } from '../core/arrays.js';
import { civil, type Day, formatDate } from '../core/dates.js';
import { convertMinor, decimalText, ratioFromDecimal, toMinor } from '../core/money.js';
import type { SpanTable } from '../core/span-table.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type {
  BudgetLine,
  ContributionEntry,
  Entry,
  Indicator,
  PledgeEntry,
  ResultEntry,
  SpendEntry,
} from '../model/framework.js';
import type { Src } from '../model/source.js';
import { type DecodeContext, digitsOf, findRate, NO_DIMS, yearsKnown } from './entry-context.js';
import {
  BIT_OF,
  type Fields,
  K_AGAIN,
  K_AMOUNT,
  K_CONTRIBUTION,
  K_CORRECTS,
  K_CURRENCY,
  K_DATE,
  K_DENOMINATOR,
  K_FROM,
  K_IMPORTED,
  K_INDICATOR,
  K_KIND,
  K_NOTE,
  K_NUMERATOR,
  K_PERIOD,
  K_PLEDGE,
  K_SOURCE,
  K_SPEND,
  K_VALUE,
  K_WITHDRAWN,
  K_YEAR,
  type LineFields,
  ObjectFields,
  type PeriodInfo,
  T_FALSE,
  T_NUMBER,
  T_STRING,
  T_TRUE,
} from './entry-fields.js';
import { Collect, entryDiagnostics, type Shape, type Sink, shapeIssue } from './entry-findings.js';
import { nearest } from './schema-issues.js';
import { inFigureRange } from './values.js';

/**
 * One decoder per entry kind: the only statement of each ledger rule. A decoder reads an entry's
 * fields through `Fields` (a ledger line in place, or a plain object: entry-fields.ts), checks
 * them, reports what is wrong to a sink as findings (entry-findings.ts), and builds the typed
 * entry. On the hot path the sink is fail-fast: the decoder stops at the first finding and makes
 * no message; the caller reads that one entry again as an object into a `Collect`, which goes on
 * to every finding, in the order the messages have always come (the schema's, then each rule's).
 *
 * A new kind is one more `KindSpec` in `KINDS` with its decoder (and its type in
 * model/framework.ts); a new rule is a few lines in its kind's decoder and one message in
 * entry-findings.ts (docs/CONTRIBUTING.md).
 */

/** A field of a kind: its key, its bit, the form its value takes, and whether it must be given. */
export interface FieldSpec {
  key: string;
  shape: Shape;
  required: boolean;
}

/** An entry kind: the key that marks it, its fields in the schema's order, and its decoder. */
export interface KindSpec {
  kind: Entry['kind'];
  key: string;
  bit: number;
  fields: readonly FieldSpec[];
  /** The field keys, for suggestions. */
  keys: readonly string[];
  /** Extra keys are disaggregation values (results) rather than unknown keys. */
  open: boolean;
  decode(f: Fields, cx: DecodeContext, src: Src, seq: number, sink: Sink): Entry | undefined;
}

const field = (key: string, shape: Shape, required = false): FieldSpec => ({ key, shape, required });
const MONEY_TAIL = [
  field('currency', 'currency'),
  field('note', 'text'),
  field('source', 'text'),
  field('imported', 'text'),
  field('again', 'true'),
];

const RESULT_FIELDS = [
  field('indicator', 'id', true),
  field('period', 'period', true),
  field('value', 'scalar'),
  field('numerator', 'count'),
  field('denominator', 'base'),
  field('date', 'text', true),
  field('source', 'text'),
  field('note', 'text'),
  field('corrects', 'boolean'),
  field('withdrawn', 'true'),
  field('imported', 'text'),
];
const SPEND_FIELDS = [
  field('spend', 'id', true),
  field('date', 'text', true),
  field('amount', 'number', true),
  ...MONEY_TAIL,
];
const PLEDGE_FIELDS = [
  field('pledge', 'id', true),
  field('from', 'id', true),
  field('year', 'year', true),
  field('amount', 'number', true),
  field('date', 'text', true),
  ...MONEY_TAIL,
];
const CONTRIBUTION_FIELDS = [
  field('contribution', 'id', true),
  field('from', 'id', true),
  field('year', 'year'),
  field('amount', 'number', true),
  field('kind', 'kind'),
  field('date', 'text', true),
  ...MONEY_TAIL,
];

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CURRENCY_RE = /^[A-Z]{3}$/;

const STOP = 0;
const BAD = 1;
const NOT_FOUND = 2;
/** The text of the id idField did not find. */
let unknownId = '';

/**
 * An id field (an indicator, a budget line): what it names in `table`; else NOT_FOUND, its text in
 * `unknownId`; BAD when the value is no id (a shape finding), STOP when the sink says to stop.
 */
function idField<T extends object>(
  f: Fields,
  table: SpanTable<T>,
  sink: Sink,
  spec: KindSpec,
  key: string,
): T | number {
  if (f.type !== T_STRING) return shape(sink, spec, key, f.raw()) ? STOP : BAD;
  const found = f.lookup(table);
  if (found !== undefined) return found;
  unknownId = f.string();
  if (ID_RE.test(unknownId)) return NOT_FOUND;
  return shape(sink, spec, key, unknownId) ? STOP : BAD;
}

/** Reports a value that does not fit its field (or, `input` undefined, a missing key). */
function shape(sink: Sink, spec: KindSpec, key: string, input: unknown, extra = -1): boolean {
  const order = extra >= 0 ? 100 + extra : spec.keys.indexOf(key);
  const s = extra >= 0 ? 'dimension' : ((spec.fields[order] as FieldSpec).shape as Shape);
  const issue =
    extra >= 0 && !spec.open
      ? { code: 'unrecognized_keys', keys: [key], path: [] }
      : shapeIssue(s, key, input);
  return sink.add(issue.code, key, { issue, order });
}

/** Reports the first (fail-fast) or every (collecting) required field not given; true when any was missing. */
function missing(sink: Sink, spec: KindSpec, seen: number): boolean {
  let any = false;
  for (const fs of spec.fields) {
    if (!fs.required || (seen & (BIT_OF.get(fs.key) as number)) !== 0) continue;
    any = true;
    if (shape(sink, spec, fs.key, undefined)) return true;
  }
  return any;
}

/** The stand-ins for checked money entries that are not kept (DecodeContext.keep): only their kind is read. */
const UNKEPT = {
  spend: Object.freeze({ kind: 'spend' }),
  pledge: Object.freeze({ kind: 'pledge' }),
  contribution: Object.freeze({ kind: 'contribution' }),
} as const;

/** A disaggregation value as read (collecting only): what the rules after the indicator need. */
interface DimRead {
  key: string;
  /** The plan dimension it names, if any. */
  name: string | undefined;
  /** The value, when it is one of the dimension's. */
  text: string | undefined;
  written: string;
}

function decodeResult(
  f: Fields,
  cx: DecodeContext,
  src: Src,
  seq: number,
  sink: Sink,
): ResultEntry | undefined {
  const spec = RESULT;
  const lk = cx.lk;
  const plan = lk.fw.plan;
  let seen = 0;
  let bad = false;
  let ind: Indicator | undefined;
  let indText: string | undefined;
  let info: PeriodInfo | null = null;
  let periodWritten: unknown;
  let value: number | string | undefined;
  let numerator: number | undefined;
  let denominator: number | undefined;
  let date: Day | null = null;
  let dateWritten: unknown;
  let source: string | undefined;
  let note: string | undefined;
  let corrects = false;
  let withdrawn = false;
  let imported: string | undefined;
  let dimCount = 0;
  let dimKey: string | undefined;
  let dimValue: string | undefined;
  let dims: Record<string, string> | undefined;
  const read: DimRead[] | undefined = sink.collecting ? [] : undefined;
  let index = -1;
  while (f.next()) {
    index++;
    const type = f.type;
    let bit = f.bit;
    // A spend key makes the entry a spend: only a line read in place gets here with one.
    if (bit === K_SPEND) return undefined;
    if ((bit & RESULT_BITS) === 0) bit = 0;
    seen |= bit;
    switch (bit) {
      case K_INDICATOR: {
        const r = idField(f, cx.indicatorSpans, sink, spec, 'indicator');
        if (r === STOP) return undefined;
        if (r === BAD) bad = true;
        else if (r === NOT_FOUND) indText = unknownId;
        else ind = r as Indicator;
        break;
      }
      case K_PERIOD:
        if (type === T_STRING || (type === T_NUMBER && Number.isSafeInteger(f.num))) {
          info = f.period(cx.periods);
          if (info === null) periodWritten = f.raw();
        } else {
          if (shape(sink, spec, 'period', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_VALUE:
        if (type === T_NUMBER) value = f.num;
        else if (type === T_STRING) value = f.string();
        else {
          if (shape(sink, spec, 'value', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_NUMERATOR:
        if (type === T_NUMBER && f.num >= 0) numerator = f.num;
        else {
          if (shape(sink, spec, 'numerator', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_DENOMINATOR:
        if (type === T_NUMBER && f.num > 0) denominator = f.num;
        else {
          if (shape(sink, spec, 'denominator', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_DATE:
        if (type === T_STRING) {
          date = f.day();
          if (date === null) dateWritten = f.raw();
        } else {
          if (shape(sink, spec, 'date', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_SOURCE:
      case K_NOTE:
        if (type === T_STRING) {
          if (bit === K_SOURCE) source = f.string();
          else note = f.string();
        } else {
          if (shape(sink, spec, bit === K_SOURCE ? 'source' : 'note', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_CORRECTS:
        if (type === T_TRUE || type === T_FALSE) corrects = type === T_TRUE;
        else {
          if (shape(sink, spec, 'corrects', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_WITHDRAWN:
        if (type === T_TRUE) withdrawn = true;
        else {
          if (shape(sink, spec, 'withdrawn', f.raw())) return undefined;
          bad = true;
        }
        break;
      case K_IMPORTED:
        if (type === T_STRING) imported = f.string();
        else {
          if (shape(sink, spec, 'imported', f.raw())) return undefined;
          bad = true;
        }
        break;
      default: {
        // A disaggregation value: a plan dimension, written as text or a number. (The schema's
        // catch-all never sees a `__proto__` key: it is reported below as the unknown key it is.)
        if (type !== T_STRING && type !== T_NUMBER && (read === undefined || f.key() !== '__proto__')) {
          if (shape(sink, spec, f.key(), f.raw(), index)) return undefined;
          bad = true;
          break;
        }
        const name = f.dimension(cx.dimNames, plan.dimensions);
        const text = name === undefined ? undefined : f.textIn(plan.dimensions[name] as string[]);
        if (read !== undefined) {
          read.push({
            key: f.key(),
            name,
            text,
            written: type === T_STRING || type === T_NUMBER ? String(f.raw()) : '',
          });
          break;
        }
        // Fail-fast: the rules below need the indicator, which may come later on the line.
        if (name === undefined) return void sink.add('unknown-key', f.key(), {});
        if (text === undefined) return void sink.add('dimension-value', name, {});
        dimCount++;
        if (dimCount === 1) {
          dimKey = name;
          dimValue = text;
        } else {
          if (dims === undefined) dims = { [dimKey as string]: dimValue as string };
          if (Object.hasOwn(dims, name)) return undefined; // a key given twice: the object reader says so
          dims[name] = text;
        }
      }
    }
  }
  if (f.declined) return undefined;
  if (missing(sink, spec, seen) || bad) return undefined;
  const n0 = sink.count;
  if (ind === undefined) {
    // An entry for an indicator that failed its own checks is dropped quietly: that error is the cause.
    if (lk.invalidIds.has(indText as string)) return undefined;
    sink.add('unknown-indicator', 'indicator', { text: indText });
    return undefined;
  }
  if (read !== undefined) {
    for (const d of read) {
      if (d.name === undefined) {
        sink.add('unknown-key', d.key, { list: [...spec.keys, ...Object.keys(plan.dimensions)] });
      } else if (!ind.disaggregate.includes(d.name)) {
        sink.add('not-disaggregated', d.name, { ind, atKey: true });
      } else if (d.text === undefined) {
        sink.add('dimension-value', d.name, { text: d.written, list: plan.dimensions[d.name] });
      } else {
        dimCount++;
        if (dimCount === 1) {
          dimKey = d.name;
          dimValue = d.text;
        } else {
          dims ??= { [dimKey as string]: dimValue as string };
          dims[d.name] = d.text;
        }
      }
    }
  } else if (dimCount === 1) {
    if (!ind.disaggregate.includes(dimKey as string) && sink.add('not-disaggregated', dimKey, { ind }))
      return undefined;
  } else if (dims !== undefined) {
    for (const k in dims)
      if (!ind.disaggregate.includes(k) && sink.add('not-disaggregated', k, { ind })) return undefined;
  }
  const p = info?.period;
  if (info === null) {
    if (sink.add('period-invalid', 'period', { written: periodWritten })) return undefined;
  } else if (p !== undefined && p.frequency !== ind.frequency) {
    if (sink.add('period-frequency', 'period', { period: p, ind })) return undefined;
  } else if (p !== undefined && yearsKnown(plan) && (p.year < plan.start || p.year > plan.end)) {
    if (sink.add('period-outside-plan', 'period', { period: p })) return undefined;
  }
  if (date === null) {
    if (sink.add('date-invalid', 'date', { written: dateWritten })) return undefined;
  } else if (info !== null && date < info.start) {
    if (sink.add('date-before-period', 'date', { day: date, period: p })) return undefined;
  }
  // The figure: a value, or a numerator and denominator for a percent; none for a withdrawal.
  let figure: number | undefined;
  const hasRatio = numerator !== undefined || denominator !== undefined;
  const misspelt = (name: string) => read !== undefined && misspeltAs(read, spec, plan.dimensions, name);
  if (withdrawn) {
    // A withdrawal says "no standing value from this date"; it carries no figure of its own.
    if (value !== undefined && sink.add('value-form', 'value', { text: 'withdrawn', atKey: true }))
      return undefined;
    if (numerator !== undefined && sink.add('value-form', 'numerator', { text: 'withdrawn', atKey: true }))
      return undefined;
    if (
      denominator !== undefined &&
      sink.add('value-form', 'denominator', { text: 'withdrawn', atKey: true })
    )
      return undefined;
  } else if (value !== undefined && hasRatio) {
    if (sink.add('value-form', 'value', { atKey: true })) return undefined;
  } else if (hasRatio) {
    if (ind.measure !== 'percent') {
      const key = numerator !== undefined ? 'numerator' : 'denominator';
      if (sink.add('ratio-not-percent', key, { ind, atKey: true })) return undefined;
    } else if (numerator === undefined || denominator === undefined) {
      const which = numerator === undefined ? 'numerator' : 'denominator';
      if (!misspelt(which) && sink.add('missing-key', undefined, { text: which })) return undefined;
    } else if (!inFigureRange(numerator) || !inFigureRange(denominator)) {
      if (!inFigureRange(numerator) && sink.add('figure-range', 'numerator', { a: numerator }))
        return undefined;
      if (!inFigureRange(denominator) && sink.add('figure-range', 'denominator', { a: denominator }))
        return undefined;
    } else if (numerator > denominator) {
      if (sink.add('percent-range', 'numerator', { a: numerator, b: denominator })) return undefined;
    }
  } else if (value === undefined) {
    if (!misspelt('value') && sink.add('missing-key', undefined, { text: 'value' })) return undefined;
  } else if (ind.measure === 'milestone') {
    const idx = typeof value === 'string' ? (ind.levels ?? []).indexOf(value) : -1;
    if (idx === -1) {
      if (sink.add('milestone-level', 'value', { ind, written: value })) return undefined;
    } else figure = idx;
  } else if (typeof value !== 'number') {
    if (sink.add('wrong-type', 'value', { written: value })) return undefined;
  } else if (ind.measure === 'percent' && (value < 0 || value > 100)) {
    if (sink.add('percent-range', 'value', { a: value })) return undefined;
  } else if (!inFigureRange(value)) {
    if (sink.add('figure-range', 'value', { a: value })) return undefined;
  } else figure = value;
  // Counted once as a per-value entry and again in no total: an entry names all or none.
  if (sink.count === n0 && dimCount > 0 && dimCount < ind.disaggregate.length) {
    const given = dims === undefined ? [dimKey] : Object.keys(dims);
    sink.add('partial-disaggregation', undefined, {
      ind,
      list: ind.disaggregate.filter((d) => !given.includes(d)),
    });
  }
  if (sink.count > n0 || info === null || date === null) return undefined;
  const shared =
    dimCount === 0
      ? NO_DIMS
      : dims === undefined
        ? sharedDims(cx, dimKey as string, dimValue as string)
        : dims;
  if (cx.keep !== undefined && !cx.keep.has('result')) {
    // Checked, not kept: what the correction checks need, in the one scratch object.
    const r = cx.scratch;
    r.seq = seq;
    r.date = date;
    r.indicator = ind.id;
    r.period = info.period;
    r.dims = shared;
    r.corrects = corrects;
    r.withdrawn = withdrawn;
    return r;
  }
  const entry: ResultEntry = {
    kind: 'result',
    seq,
    date,
    note,
    source,
    src,
    indicator: ind.id,
    period: info.period,
    value: figure,
    numerator,
    denominator,
    dims: shared,
    corrects,
    withdrawn,
  };
  if (imported !== undefined) entry.imported = imported;
  return entry;
}

const RESULT_BITS =
  K_INDICATOR |
  K_PERIOD |
  K_VALUE |
  K_NUMERATOR |
  K_DENOMINATOR |
  K_DATE |
  K_SOURCE |
  K_NOTE |
  K_CORRECTS |
  K_WITHDRAWN |
  K_IMPORTED;

/** An unknown key of the entry is a misspelt `name` (reported as that key, not again as `name` missing). */
function misspeltAs(
  read: DimRead[],
  spec: KindSpec,
  dimensions: Record<string, unknown>,
  name: string,
): boolean {
  const keys = [...spec.keys, ...Object.keys(dimensions)];
  return read.some((d) => d.name === undefined && nearest(d.key, keys) === name);
}

function sharedDims(cx: DecodeContext, key: string, value: string): Record<string, string> {
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

/** The money fields every money entry has, as read. */
interface MoneyRead {
  date: Day | null;
  dateWritten: unknown;
  amount: number;
  /** The amount in minor units of the plan currency's digits (null: more decimals than those). */
  minor: bigint | null;
  currency: string | undefined;
  note: string | undefined;
  source: string | undefined;
  imported: string | undefined;
  again: boolean;
}

/** Reads a field every money entry has; false when `bit` is not one. Returns 'bad' on a shape finding to stop at. */
function moneyField(
  f: Fields,
  bit: number,
  m: MoneyRead,
  cx: DecodeContext,
  sink: Sink,
  spec: KindSpec,
): boolean | 'bad' | 'stop' {
  const type = f.type;
  const fail = (key: string) => (shape(sink, spec, key, f.raw()) ? 'stop' : 'bad');
  switch (bit) {
    case K_DATE:
      if (type !== T_STRING) return fail('date');
      m.date = f.day();
      if (m.date === null) m.dateWritten = f.raw();
      return true;
    case K_AMOUNT:
      if (type !== T_NUMBER) return fail('amount');
      m.amount = f.num;
      m.minor =
        Math.abs(f.num) * 10 ** cx.planDigits > Number.MAX_SAFE_INTEGER ? null : f.minor(cx.planDigits);
      return true;
    case K_CURRENCY: {
      if (type !== T_STRING) return fail('currency');
      const c = f.string();
      if (!CURRENCY_RE.test(c)) return fail('currency');
      m.currency = c;
      return true;
    }
    case K_NOTE:
      if (type !== T_STRING) return fail('note');
      m.note = f.string();
      return true;
    case K_SOURCE:
      if (type !== T_STRING) return fail('source');
      m.source = f.string();
      return true;
    case K_IMPORTED:
      if (type !== T_STRING) return fail('imported');
      m.imported = f.string();
      return true;
    case K_AGAIN:
      if (type !== T_TRUE) return fail('again');
      m.again = true;
      return true;
    default:
      return false;
  }
}

/** The money fields as read, one object for every entry (a decoder is never re-entered). */
const SCRATCH: MoneyRead = {
  date: null,
  dateWritten: undefined,
  amount: 0,
  minor: null,
  currency: undefined,
  note: undefined,
  source: undefined,
  imported: undefined,
  again: false,
};

function freshMoney(m: MoneyRead): MoneyRead {
  m.date = null;
  m.dateWritten = undefined;
  m.amount = 0;
  m.minor = null;
  m.currency = undefined;
  m.note = undefined;
  m.source = undefined;
  m.imported = undefined;
  m.again = false;
  return m;
}

interface Converted {
  amount: bigint;
  currency: string;
  planAmount: bigint;
}

/**
 * An entry's amount in minor units of its currency and of the plan currency: converted at the rate
 * for the entry's month, else its year, and rounded per entry (half away from zero). Undefined
 * when the amount or currency is unusable or no rate applies (reported, unless reported elsewhere).
 */
function convert(m: MoneyRead, cx: DecodeContext, sink: Sink): Converted | undefined {
  const lk = cx.lk;
  const plan = lk.fw.plan;
  const currency = m.currency ?? plan.currency;
  const digits = digitsOf(cx, currency);
  // An invalid plan currency is reported once, at the plan, not again on every entry.
  if (digits === null) {
    if (m.currency !== undefined) sink.add('unknown-currency', 'currency', { text: currency });
    return undefined;
  }
  if (Math.abs(m.amount) * 10 ** digits > Number.MAX_SAFE_INTEGER) {
    sink.add('amount-too-large', 'amount', { a: m.amount, text: currency });
    return undefined;
  }
  const amount = digits === cx.planDigits ? m.minor : toMinor(decimalText(m.amount), digits);
  if (amount === null) {
    sink.add('decimal-places', 'amount', { a: m.amount, text: currency, b: digits });
    return undefined;
  }
  if (m.date === null) return undefined;
  if (currency === plan.currency) return { amount, currency, planAmount: amount };
  const dateText = formatDate(m.date);
  const rate = findRate(lk.fw, currency, dateText);
  if (rate === undefined) {
    // A rate written for the month or year but refused is reported there, once.
    const month = `rate ${currency} ${dateText.slice(0, 7)}`;
    const year = `rate ${currency} ${dateText.slice(0, 4)}`;
    if (!lk.invalidIds.has(month) && !lk.invalidIds.has(year))
      sink.add('rate-missing', 'currency', { text: currency, day: m.date });
    return undefined;
  }
  const planAmount = convertMinor(amount, digits, ratioFromDecimal(rate), plan.digits);
  const abs = planAmount < 0n ? -planAmount : planAmount;
  if (abs > BigInt(Number.MAX_SAFE_INTEGER)) {
    sink.add('amount-too-large', 'amount', { a: m.amount, text: currency, minor: planAmount });
    return undefined;
  }
  return { amount, currency, planAmount };
}

function decodeSpend(
  f: Fields,
  cx: DecodeContext,
  src: Src,
  seq: number,
  sink: Sink,
): SpendEntry | undefined {
  const spec = SPEND;
  const lk = cx.lk;
  const m = freshMoney(SCRATCH);
  let seen = 0;
  let bad = false;
  let line: BudgetLine | undefined;
  let lineText: string | undefined;
  let index = -1;
  while (f.next()) {
    index++;
    const bit = f.bit & SPEND_BITS;
    seen |= bit;
    if (bit === K_SPEND) {
      const r = idField(f, cx.lineSpans, sink, spec, 'spend');
      if (r === STOP) return undefined;
      if (r === BAD) bad = true;
      else if (r === NOT_FOUND) lineText = unknownId;
      else line = r as BudgetLine;
      continue;
    }
    const r = moneyField(f, bit, m, cx, sink, spec);
    if (r === 'stop') return undefined;
    if (r === 'bad') bad = true;
    else if (!r) {
      if (shape(sink, spec, f.key(), f.raw(), index)) return undefined;
      bad = true;
    }
  }
  if (f.declined || missing(sink, spec, seen) || bad) return undefined;
  const n0 = sink.count;
  if (line === undefined) {
    if (lk.invalidIds.has(lineText as string)) return undefined;
    if (sink.add('unknown-line', 'spend', { text: lineText })) return undefined;
  }
  const date = m.date;
  if (date === null) {
    if (sink.add('date-invalid', 'date', { written: m.dateWritten })) return undefined;
  } else if (date < cx.planStart || date > cx.planEnd) {
    if (sink.add('spend-outside-plan', 'date', { day: date })) return undefined;
  }
  const money = convert(m, cx, sink);
  if (sink.count > n0 || date === null || money === undefined || line === undefined) return undefined;
  if (cx.keep !== undefined && !cx.keep.has('spend')) return UNKEPT.spend as SpendEntry;
  const entry: SpendEntry & { again?: boolean } = {
    kind: 'spend',
    seq,
    date,
    note: m.note,
    source: m.source,
    src,
    line: line.id,
    amount: money.amount,
    currency: money.currency,
    planAmount: money.planAmount,
  };
  return provenance(entry, m);
}

/** Sets `imported` and `again` on a money entry only when written (most entries have neither). */
function provenance<E extends { imported?: string | undefined; again?: boolean | undefined }>(
  e: E,
  m: MoneyRead,
): E {
  if (m.imported !== undefined) e.imported = m.imported;
  if (m.again) e.again = true;
  return e;
}

const MONEY_BITS = K_DATE | K_AMOUNT | K_CURRENCY | K_NOTE | K_SOURCE | K_IMPORTED | K_AGAIN;
const SPEND_BITS = MONEY_BITS | K_SPEND;

/**
 * A pledge (`pledge: SOURCE, from: CONTRIBUTOR, year: Y`) or a contribution (`contribution: SOURCE,
 * from: CONTRIBUTOR`, its year defaulting to its date's year; `kind: cash|in-kind`). Either may be
 * dated before the plan starts (a pledge announced at the meeting that endorsed it); the year it is
 * for must be a plan year.
 */
function decodeResource(
  spec: KindSpec,
  f: Fields,
  cx: DecodeContext,
  src: Src,
  seq: number,
  sink: Sink,
): PledgeEntry | ContributionEntry | undefined {
  const lk = cx.lk;
  const plan = lk.fw.plan;
  const isPledge = spec.kind === 'pledge';
  const own = isPledge ? PLEDGE_BITS : CONTRIBUTION_BITS;
  // Keys of kinds that come first (spend, indicator; pledge before contribution): only a line read in place gets here with one.
  const before = isPledge ? K_SPEND | K_INDICATOR : K_SPEND | K_INDICATOR | K_PLEDGE;
  const m = freshMoney(SCRATCH);
  let seen = 0;
  let bad = false;
  let fund: string | undefined;
  let from: string | undefined;
  let yearWritten: string | number | undefined;
  let inKind = false;
  let index = -1;
  while (f.next()) {
    index++;
    if ((f.bit & before) !== 0) return undefined;
    const bit = f.bit & own;
    seen |= bit;
    const type = f.type;
    let ok = true;
    if (bit === spec.bit || bit === K_FROM) {
      if (type !== T_STRING) ok = false;
      else {
        const text = f.string();
        if (!ID_RE.test(text)) ok = false;
        else if (bit === K_FROM) from = text;
        else fund = text;
      }
    } else if (bit === K_YEAR) {
      if (type === T_STRING) yearWritten = f.string();
      else if (type === T_NUMBER && Number.isSafeInteger(f.num)) yearWritten = f.num;
      else ok = false;
    } else if (bit === K_KIND) {
      const k = type === T_STRING ? f.string() : undefined;
      if (k !== 'cash' && k !== 'in-kind') ok = false;
      else inKind = k === 'in-kind';
    } else {
      const r = moneyField(f, bit, m, cx, sink, spec);
      if (r === 'stop') return undefined;
      if (r === 'bad') bad = true;
      else if (!r) {
        if (shape(sink, spec, f.key(), f.raw(), index)) return undefined;
        bad = true;
      }
      continue;
    }
    if (!ok) {
      if (shape(sink, spec, f.key(), f.raw())) return undefined;
      bad = true;
    }
  }
  if (f.declined || missing(sink, spec, seen) || bad) return undefined;
  const n0 = sink.count;
  const fundId = fund as string;
  const fromId = from as string;
  if (!lk.sources.has(fundId) && !lk.invalidIds.has(fundId)) {
    if (sink.add('unknown-source', spec.key, { text: fundId })) return undefined;
  }
  if (!lk.contributors.has(fromId) && !lk.invalidIds.has(fromId)) {
    if (sink.add('unknown-contributor', 'from', { text: fromId })) return undefined;
  }
  const date = m.date;
  if (date === null && sink.add('date-invalid', 'date', { written: m.dateWritten })) return undefined;
  let year: number | undefined;
  if (yearWritten !== undefined) {
    const text = String(yearWritten);
    if (!/^\d{4}$/.test(text)) {
      if (sink.add('invalid-value', 'year', { written: text })) return undefined;
    } else year = Number(text);
  } else if (date !== null) {
    year = civil(date).y;
  }
  if (year !== undefined && yearsKnown(plan) && (year < plan.start || year > plan.end)) {
    if (sink.add('year-outside-plan', yearWritten === undefined ? 'date' : 'year', { a: year }))
      return undefined;
  }
  const money = convert(m, cx, sink);
  if (sink.count > n0 || date === null || year === undefined || money === undefined) return undefined;
  if (cx.keep !== undefined && !cx.keep.has(spec.kind)) return UNKEPT[spec.kind as 'pledge'] as PledgeEntry;
  const base = {
    seq,
    date,
    note: m.note,
    source: m.source,
    src,
    fund: fundId,
    from: fromId,
    year,
    amount: money.amount,
    currency: money.currency,
    planAmount: money.planAmount,
  };
  if (isPledge) return provenance<PledgeEntry & { again?: boolean }>({ kind: 'pledge', ...base }, m);
  return provenance<ContributionEntry & { again?: boolean }>({ kind: 'contribution', ...base, inKind }, m);
}

const PLEDGE_BITS = MONEY_BITS | K_PLEDGE | K_FROM | K_YEAR;
const CONTRIBUTION_BITS = MONEY_BITS | K_CONTRIBUTION | K_FROM | K_YEAR | K_KIND;

const kindSpec = (
  kind: Entry['kind'],
  key: string,
  bit: number,
  fields: FieldSpec[],
  open: boolean,
  decode: KindSpec['decode'],
): KindSpec => ({ kind, key, bit, fields, keys: fields.map((x) => x.key), open, decode });

const RESULT: KindSpec = kindSpec('result', 'indicator', K_INDICATOR, RESULT_FIELDS, true, decodeResult);
const SPEND: KindSpec = kindSpec('spend', 'spend', K_SPEND, SPEND_FIELDS, false, decodeSpend);
const PLEDGE: KindSpec = kindSpec(
  'pledge',
  'pledge',
  K_PLEDGE,
  PLEDGE_FIELDS,
  false,
  (f, cx, src, seq, sink) => decodeResource(PLEDGE, f, cx, src, seq, sink),
);
const CONTRIBUTION: KindSpec = kindSpec(
  'contribution',
  'contribution',
  K_CONTRIBUTION,
  CONTRIBUTION_FIELDS,
  false,
  (f, cx, src, seq, sink) => decodeResource(CONTRIBUTION, f, cx, src, seq, sink),
);

/** Every entry kind, in the order an entry's kind is decided: the first whose key it has. */
export const KINDS: readonly KindSpec[] = [SPEND, RESULT, PLEDGE, CONTRIBUTION];

const KIND_BITS = KINDS.reduce((bits, k) => bits | k.bit, 0);

/** The result entry's keys besides its disaggregation values. */
export const RESULT_KEYS: readonly string[] = RESULT.keys;

/**
 * A ledger line read in place, on the hot path: the entry, or undefined when the line has any
 * finding or the reader declines it (the caller then reads it as an object: `decodeEntry`).
 */
export function decodeLine(
  f: LineFields,
  start: number,
  src: Src,
  seq: number,
  cx: DecodeContext,
  sink: Sink,
) {
  const first = f.begin(start);
  // The kind is the first key on every line `record` writes; any other line is looked over once more.
  const bits = (first & KIND_BITS) !== 0 ? first : f.keys();
  for (const spec of KINDS) if ((bits & spec.bit) !== 0) return spec.decode(f, cx, src, seq, sink);
  return undefined;
}

/**
 * An entry as a plain object (as YAML, an import row or `record`'s arguments give it): the entry,
 * or undefined with every finding in `diagnostics` (none when it is dropped for an error reported
 * elsewhere, such as its indicator's own).
 */
export function decodeEntry(
  value: unknown,
  src: Src,
  seq: number,
  cx: DecodeContext,
  diagnostics: Diagnostic[],
): Entry | undefined {
  const sink = new Collect();
  const e = decodeObject(value, src, seq, cx, sink);
  if (sink.findings.length > 0) {
    const keys = kindOf(value)?.keys ?? [];
    pushAll(diagnostics, entryDiagnostics(sink.findings, src, cx.lk, keys, value));
    return undefined;
  }
  return e;
}

/** The kind of an entry written as an object. */
function kindOf(value: unknown): KindSpec | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return KINDS.find((k) => Object.hasOwn(value, k.key));
}

/** Decodes an entry written as an object into `sink`. */
export function decodeObject(value: unknown, src: Src, seq: number, cx: DecodeContext, sink: Sink) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    sink.add('wrong-type', undefined, {});
    return undefined;
  }
  const spec = kindOf(value);
  if (spec === undefined) {
    sink.add('entry-kind', undefined, {});
    return undefined;
  }
  return spec.decode(new ObjectFields(value as Record<string, unknown>), cx, src, seq, sink);
}
