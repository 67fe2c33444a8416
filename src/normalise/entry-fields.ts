import { type Day, dayFromCivil, isValidCivil, parseDate } from '../core/dates.js';
import { decimalText, toMinor } from '../core/money.js';
import { type Period, parsePeriod, periodStart } from '../core/periods.js';
import { SpanTable } from '../core/span-table.js';
import type { FlowPairs } from '../model/parsed.js';

/**
 * How an entry decoder (entry-decoders.ts) reads an entry's fields, whoever wrote them: one small
 * interface, two readers. `LineFields` reads a ledger line's pairs in place (a cursor over the
 * text: no object, no string for an indicator, period, budget line or date); `ObjectFields`
 * reads a plain object (the `yaml` package's, the quick reader's, an import row's, `record`'s
 * arguments). Each rule is written once, in the decoder, against this interface.
 */
export interface Fields {
  /** Moves to the next field; false at the end, or when the reader declines the entry (`declined`). */
  next(): boolean;
  /** The reader cannot be sure of this entry (a line outside the fast shape): read it as an object. */
  readonly declined: boolean;
  /** The current key's bit (KEY_BITS), 0 for any other key. */
  readonly bit: number;
  /** The current value's type: T_STRING, T_NUMBER (finite), T_TRUE, T_FALSE or T_OTHER. */
  readonly type: number;
  /** The value of a T_NUMBER. */
  readonly num: number;
  /** The current key as a string. */
  key(): string;
  /** The plan dimension the current key names, if any. */
  dimension(names: readonly string[], dimensions: Readonly<Record<string, unknown>>): string | undefined;
  /** A T_STRING's text. */
  string(): string;
  /** The value among `allowed` (a T_STRING, or a T_NUMBER's shortest text), if it is one. */
  textIn(allowed: readonly string[]): string | undefined;
  /** What a T_STRING names in `table`, if anything. */
  lookup<T>(table: SpanTable<T>): T | undefined;
  /** A T_STRING as a calendar day (YYYY-MM-DD), or null. */
  day(): Day | null;
  /** A T_NUMBER in minor units with `digits` decimals, or null when it has more decimal places. */
  minor(digits: number): bigint | null;
  /** The value as written (for messages). */
  raw(): unknown;
  /** A T_STRING, or a T_NUMBER that is a whole number, as a period (parsed once per text: `periods`). */
  period(periods: Periods): PeriodInfo | null;
}

export const T_STRING = 0;
export const T_NUMBER = 1;
export const T_TRUE = 2;
export const T_FALSE = 3;
export const T_OTHER = 4;

// The keys an entry can have, one bit each; any other key is a disaggregation value of a result.
export const K_INDICATOR = 1;
export const K_PERIOD = 2;
export const K_VALUE = 4;
export const K_NUMERATOR = 8;
export const K_DENOMINATOR = 16;
export const K_DATE = 32;
export const K_SOURCE = 64;
export const K_NOTE = 128;
export const K_CORRECTS = 256;
export const K_WITHDRAWN = 512;
export const K_SPEND = 1024;
export const K_AMOUNT = 2048;
export const K_CURRENCY = 4096;
export const K_PLEDGE = 8192;
export const K_CONTRIBUTION = 16384;
export const K_FROM = 32768;
export const K_YEAR = 65536;
export const K_KIND = 131072;
export const K_IMPORTED = 262144;
export const K_AGAIN = 524288;

/** The keys an entry can have, with their bits. */
export const KEY_BITS: readonly (readonly [string, number])[] = [
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
  ['imported', K_IMPORTED],
  ['again', K_AGAIN],
];

/** The keys an entry can have (for the test that each is told apart). */
export const ENTRY_KEYS: readonly string[] = KEY_BITS.map(([k]) => k);

/** The bit of each known key. */
export const BIT_OF: ReadonlyMap<string, number> = new Map(KEY_BITS);

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

/** The string of `names` written over [s, e) of t, if any. */
function spanIn(names: readonly string[], t: string, s: number, e: number): string | undefined {
  const len = e - s;
  for (const n of names) if (n.length === len && at(t, s, n)) return n;
  return undefined;
}

/** A period and its first day. */
export interface PeriodInfo {
  period: Period;
  start: Day;
}

/**
 * Periods as written, each parsed once and shared by every entry that names it (a million monthly
 * entries hold 60 period objects). The line reader finds a period by its span of the text: the
 * one of the line before first, as a ledger tends to repeat it.
 */
export class Periods {
  readonly #byWritten = new Map<string | number, PeriodInfo | null>();
  readonly spans = new SpanTable<PeriodInfo | null>();
  last: { text: string; info: PeriodInfo } | undefined;

  /** The period written as `written`, or null when it is not one. */
  of(written: string | number): PeriodInfo | null {
    let info = this.#byWritten.get(written);
    if (info === undefined) {
      const p = parsePeriod(written);
      info = p === null ? null : { period: p, start: periodStart(p) };
      this.#byWritten.set(written, info);
    }
    return info;
  }
}

// FlowPairs value types (yaml/flow-lines.ts).
const SQ = 39;

/**
 * The fields of a ledger line, read in place by the line's cursor (yaml/flow-lines.ts FlowCursor).
 * It declines a line outside the fast shape, a key given twice, and a number it cannot read
 * exactly: the caller then reads the line as an object.
 */
export class LineFields implements Fields {
  readonly #cur: FlowPairs;
  #start = 0;
  #seen = 0;
  #replay = false;
  declined = false;
  bit = 0;
  type = T_STRING;
  num = 0;

  constructor(cur: FlowPairs) {
    this.#cur = cur;
  }

  /** Starts on the line whose `{` is just before `start`; returns the bit of its first key (0 when none). */
  begin(start: number): number {
    this.#start = start;
    this.#cur.begin(start);
    this.#seen = 0;
    this.declined = false;
    this.#replay = false;
    if (!this.next()) return 0;
    this.#replay = true;
    return this.bit;
  }

  /** Every known key of the line, as bits (a second pass, for a line that does not start with its kind). */
  keys(): number {
    let bits = 0;
    while (this.next()) bits |= this.bit;
    const declined = this.declined;
    this.begin(this.#start);
    this.declined ||= declined;
    return bits;
  }

  next(): boolean {
    if (this.#replay) {
      this.#replay = false;
      return true;
    }
    if (this.declined) return false;
    const cur = this.#cur;
    if (!cur.next()) {
      if (cur.failed) this.declined = true;
      return false;
    }
    const bit = keyBit(cur.kh, cur.text, cur.ks, cur.ke - cur.ks);
    if (bit !== 0) {
      if ((this.#seen & bit) !== 0) return this.#decline(); // a duplicate key
      this.#seen |= bit;
    }
    if (cur.type === T_NUMBER && !Number.isFinite(cur.num)) return this.#decline();
    this.bit = bit;
    this.type = cur.type;
    this.num = cur.num;
    return true;
  }

  #decline(): boolean {
    this.declined = true;
    return false;
  }

  key(): string {
    return this.#cur.key();
  }

  dimension(names: readonly string[]): string | undefined {
    return spanIn(names, this.#cur.text, this.#cur.ks, this.#cur.ke);
  }

  string(): string {
    return this.#cur.string();
  }

  textIn(allowed: readonly string[]): string | undefined {
    const cur = this.#cur;
    // Found among the allowed values in place, or made as a string and looked for there.
    if (this.type === T_STRING && cur.quote !== SQ) return spanIn(allowed, cur.text, cur.vs, cur.ve);
    const text = this.type === T_NUMBER ? String(cur.num) : cur.string();
    return allowed.includes(text) ? text : undefined;
  }

  lookup<T>(table: SpanTable<T>): T | undefined {
    const cur = this.#cur;
    return cur.escaped ? table.getKey(cur.string()) : table.get(cur.text, cur.vs, cur.ve);
  }

  day(): Day | null {
    const cur = this.#cur;
    return cur.ve - cur.vs === 10 ? dayAt(cur.text, cur.vs) : parseDate(cur.string());
  }

  minor(digits: number): bigint | null {
    const cur = this.#cur;
    if (cur.mant < 0) return toMinor(decimalText(cur.num), digits);
    // 12.50 is 12.5: trailing zeros of the fraction do not count against the currency's digits.
    let m = cur.mant;
    let sc = cur.scale;
    while (sc > digits && m % 10 === 0) {
      m /= 10;
      sc--;
    }
    if (sc > digits) return null;
    const units = BigInt(m) * (POW10N[digits - sc] ?? 10n ** BigInt(digits - sc));
    return cur.neg ? -units : units;
  }

  period(periods: Periods): PeriodInfo | null {
    const cur = this.#cur;
    if (this.type !== T_STRING) return periods.of(cur.num);
    const t = cur.text;
    if (cur.escaped) return periods.of(cur.string());
    const last = periods.last;
    if (last !== undefined && last.text.length === cur.ve - cur.vs && at(t, cur.vs, last.text))
      return last.info;
    let info = periods.spans.get(t, cur.vs, cur.ve);
    if (info === undefined) {
      const text = cur.string();
      info = periods.of(text);
      periods.spans.set(text, info);
    }
    if (info !== null && last?.info !== info) periods.last = { text: t.slice(cur.vs, cur.ve), info };
    return info;
  }

  raw(): unknown {
    if (this.type === T_STRING) return this.#cur.string();
    if (this.type === T_NUMBER) return this.num;
    return this.type === T_TRUE;
  }
}

const POW10N = [1n, 10n, 100n, 1000n, 10000n];

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

/** The type code of a plain value. */
function typeOf(v: unknown): number {
  if (typeof v === 'string') return T_STRING;
  if (typeof v === 'number') return Number.isFinite(v) ? T_NUMBER : T_OTHER;
  if (v === true) return T_TRUE;
  if (v === false) return T_FALSE;
  return T_OTHER;
}

/** The fields of a plain object, in the order its keys were written. */
export class ObjectFields implements Fields {
  readonly #o: Record<string, unknown>;
  readonly #keys: string[];
  #i = -1;
  #value: unknown;
  readonly declined = false;
  bit = 0;
  type = T_OTHER;
  num = 0;

  constructor(o: Record<string, unknown>) {
    this.#o = o;
    this.#keys = Object.keys(o);
  }

  next(): boolean {
    const i = ++this.#i;
    if (i >= this.#keys.length) return false;
    const k = this.#keys[i] as string;
    const v = this.#o[k];
    this.#value = v;
    this.bit = BIT_OF.get(k) ?? 0;
    this.type = typeOf(v);
    this.num = typeof v === 'number' ? v : 0;
    return true;
  }

  /** Whether the object has `key` (a kind's key) of its own. */
  has(key: string): boolean {
    return Object.hasOwn(this.#o, key);
  }

  key(): string {
    return this.#keys[this.#i] as string;
  }

  dimension(_names: readonly string[], dimensions: Readonly<Record<string, unknown>>): string | undefined {
    const k = this.key();
    return Object.hasOwn(dimensions, k) ? k : undefined;
  }

  string(): string {
    return this.#value as string;
  }

  textIn(allowed: readonly string[]): string | undefined {
    const text = String(this.#value);
    return allowed.includes(text) ? text : undefined;
  }

  lookup<T>(table: SpanTable<T>): T | undefined {
    return table.getKey(this.#value as string);
  }

  day(): Day | null {
    return parseDate(this.#value as string);
  }

  period(periods: Periods): PeriodInfo | null {
    return periods.of(this.#value as string | number);
  }

  minor(digits: number): bigint | null {
    return toMinor(decimalText(this.#value as number), digits);
  }

  raw(): unknown {
    return this.#value;
  }
}
