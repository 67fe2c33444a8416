import { pushAll } from '../core/arrays.js';
import { type Day, formatDate, parseDate, yearEnd, yearStart } from '../core/dates.js';
import { convertMinor, currencyDigits, isCurrencyCode, ratioFromDecimal } from '../core/money.js';
import { formatPeriod, parsePeriod, periodStart } from '../core/periods.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type {
  BudgetLine,
  ContributionEntry,
  Entry,
  Framework,
  Indicator,
  Plan,
  PledgeEntry,
  ResultEntry,
  SpendEntry,
} from '../model/framework.js';
import type { LedgerLines } from '../model/parsed.js';
import { child, ItemSrc, type Src } from '../model/source.js';
import {
  ContributionEntrySchema,
  PledgeEntrySchema,
  RESULT_ENTRY_KEYS,
  ResultEntrySchema,
  SpendEntrySchema,
  type WrittenContributionEntry,
  type WrittenPledgeEntry,
} from '../schema/written.js';
import { type FastContext, fastContext, fastEntry, lineEntry } from './fast-entries.js';
import { convertedProblem, moneyMinor } from './money.js';
import {
  describe,
  nearest,
  PARSE,
  schemaDiagnostics,
  suggest,
  suggester,
  unknownKey,
} from './schema-issues.js';
import { groupedValue, isGroupedNumber } from './thousands.js';
import { figureRange } from './values.js';

/** The ledger rules: each raw entry is checked and turned into a typed entry, or dropped with its errors. */

interface RawEntry {
  value: unknown;
  src: Src;
}

/** What the entry checks look ids up in (shared with the fast path, fast-entries.ts). */
export interface EntryLookup {
  indicators: Map<string, Indicator>;
  lines: Map<string, BudgetLine>;
  sources: Set<string>;
  contributors: Set<string>;
  fw: Framework;
  /** Ids of indicators and lines that exist but failed their own checks (reported there). */
  invalidIds: ReadonlySet<string>;
  /** Did-you-mean over each id list, shared by every entry (schema-issues.ts `suggester`). */
  didYouMean: Record<'indicator' | 'line' | 'source' | 'contributor', (input: unknown) => string>;
}

/** A ledger file whose items are read line by line (ParsedFile.ledger), and where its list is. */
export interface LedgerChunk {
  ledger: LedgerLines;
  at: Src;
}

/** Checks and converts every ledger entry, then applies the correction rule across the ledger. */
export function normaliseEntries(
  raw: readonly (RawEntry | LedgerChunk)[],
  fw: Framework,
  diagnostics: Diagnostic[],
  invalidIds: ReadonlySet<string> = new Set(),
  kinds?: ReadonlySet<Entry['kind']>,
): Entry[] {
  const lookup = entryLookup(fw, invalidIds);
  const entries: Entry[] = [];
  const fast = fastContext(lookup);
  const keyer = new ResultKeyer();
  const unbuilt = new Unbuilt(fast);
  let seq = 0;
  for (const item of raw) {
    if ('ledger' in item) {
      seq = readLedger(item, seq, fast, entries, diagnostics, kinds ? { kinds, keyer, unbuilt } : undefined);
      continue;
    }
    // The fast path answers for entries it is sure of; anything else (every entry with an error
    // among them) takes the slow path, whose diagnostics are the reference.
    const e =
      fastEntry(item.value, item.src, seq, fast) ??
      normaliseEntry(item.value, item.src, seq, lookup, diagnostics);
    if (e) entries.push(e);
    seq++;
  }
  checkCorrections(entries, diagnostics, keyer, unbuilt);
  return kinds ? entries.filter((e) => kinds.has(e.kind)) : entries;
}

/**
 * Result entries read line by line but not kept (CheckOptions.entryKinds): each one's key, and
 * where to read it again if the correction checks need it (a key met more than once, or an entry
 * that corrects or withdraws). Reading a line again builds the same entry.
 */
export class Unbuilt {
  readonly keys: number[] = [];
  /** entryKey's text where the key number is NaN. */
  readonly texts: (string | undefined)[] = [];
  readonly flagged: boolean[] = [];
  readonly #chunks: LedgerChunk[] = [];
  readonly #lines: number[] = [];
  readonly #seqs: number[] = [];
  readonly #cx: FastContext;

  constructor(cx: FastContext) {
    this.#cx = cx;
  }

  get length(): number {
    return this.keys.length;
  }

  add(e: ResultEntry, key: number, chunk: LedgerChunk, line: number): void {
    this.keys.push(key);
    this.texts.push(Number.isNaN(key) ? entryKey(e) : undefined);
    this.flagged.push(e.corrects || e.withdrawn);
    this.#chunks.push(chunk);
    this.#lines.push(line);
    this.#seqs.push(e.seq);
  }

  /** Forgets the entries from `length` on (a file sent to the full parser after all). */
  truncate(length: number): void {
    for (const a of [this.keys, this.texts, this.flagged, this.#chunks, this.#lines, this.#seqs])
      a.length = length;
  }

  /** Entry j, read again from its line. */
  rebuild(j: number): ResultEntry {
    const chunk = this.#chunks[j] as LedgerChunk;
    const i = this.#lines[j] as number;
    const e = lineEntry(
      chunk.ledger.cursor(),
      chunk.ledger.starts[i] as number,
      new ItemSrc(chunk.at, i),
      this.#seqs[j] as number,
      this.#cx,
    );
    if (e?.kind !== 'result') throw new Error(`internal: ledger line ${i} no longer reads as a result`);
    return e;
  }
}

/**
 * Reads a ledger file's lines straight into entries (lineEntry). A line it declines is read as an
 * object and checked like any item; a line outside the fast shape sends the whole file through
 * the full YAML parser, as if it had never been read line by line. Returns the next seq.
 */
function readLedger(
  chunk: LedgerChunk,
  seq0: number,
  cx: FastContext,
  entries: Entry[],
  diagnostics: Diagnostic[],
  keep?: { kinds: ReadonlySet<Entry['kind']>; keyer: ResultKeyer; unbuilt: Unbuilt },
): number {
  const { ledger, at } = chunk;
  const cursor = ledger.cursor();
  const entriesBefore = entries.length;
  const diagnosticsBefore = diagnostics.length;
  const unbuiltBefore = keep?.unbuilt.length ?? 0;
  const starts = ledger.starts;
  let seq = seq0;
  // Entries of kinds not kept are checked but not built (FastContext.keep).
  cx.keep = keep?.kinds;
  try {
    for (let i = 0; i < starts.length; i++, seq++) {
      // Built with the list's source for a moment; an entry kept gets its own below.
      let e = lineEntry(cursor, starts[i] as number, at, seq, cx);
      if (e !== undefined) {
        if (keep !== undefined && !keep.kinds.has(e.kind)) {
          // Checked, and not kept: a result leaves its key for the correction checks.
          if (e.kind === 'result') keep.unbuilt.add(e, keep.keyer.key(e), chunk, i);
          continue;
        }
        e.src = new ItemSrc(at, i);
        entries.push(e);
        continue;
      }
      cx.keep = undefined;
      const obj = ledger.item(i);
      if (obj === null) {
        keep?.unbuilt.truncate(unbuiltBefore);
        return readFull(chunk, seq0, cx, entries, entriesBefore, diagnostics, diagnosticsBefore);
      }
      const src = new ItemSrc(at, i);
      e = fastEntry(obj, src, seq, cx) ?? normaliseEntry(obj, src, seq, cx.lk, diagnostics);
      if (e) entries.push(e);
      cx.keep = keep?.kinds;
    }
  } finally {
    cx.keep = undefined;
  }
  return seq;
}

/** The ledger file through the full parser, its line-by-line entries and diagnostics undone. */
function readFull(
  chunk: LedgerChunk,
  seq0: number,
  cx: FastContext,
  entries: Entry[],
  entriesBefore: number,
  diagnostics: Diagnostic[],
  diagnosticsBefore: number,
): number {
  entries.length = entriesBefore;
  diagnostics.length = diagnosticsBefore;
  const parsed = chunk.ledger.full();
  pushAll(diagnostics, parsed.diagnostics);
  const value = parsed.value as { progress?: unknown } | undefined;
  // The file's shape was checked line by line: it is one `progress:` list, or it has syntax errors.
  const items = value && Array.isArray(value.progress) ? value.progress : [];
  const at: Src = { file: parsed.file, path: chunk.at.path };
  let seq = seq0;
  for (let i = 0; i < items.length; i++, seq++) {
    const src = new ItemSrc(at, i);
    const e = fastEntry(items[i], src, seq, cx) ?? normaliseEntry(items[i], src, seq, cx.lk, diagnostics);
    if (e) entries.push(e);
  }
  return seq;
}

/** The id lists an entry is checked against (shared by the fast and the slow path). */
export function entryLookup(fw: Framework, invalidIds: ReadonlySet<string> = new Set()): EntryLookup {
  return {
    indicators: new Map(fw.indicators.map((i) => [i.id, i])),
    lines: new Map(fw.lines.map((l) => [l.id, l])),
    sources: new Set(fw.sources.map((x) => x.id)),
    contributors: new Set(fw.contributors.map((c) => c.id)),
    fw,
    invalidIds,
    didYouMean: {
      indicator: suggester(() => fw.indicators.map((i) => i.id)),
      line: suggester(() => fw.lines.map((l) => l.id)),
      source: suggester(() => fw.sources.map((x) => x.id)),
      contributor: suggester(() => fw.contributors.map((c) => c.id)),
    },
  };
}

/** The slow path: the schema (zod), then each check; the reference for every diagnostic. Exported for tests. */
export function normaliseEntry(
  value: unknown,
  src: Src,
  seq: number,
  lk: EntryLookup,
  diagnostics: Diagnostic[],
): Entry | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(
      error(
        'wrong-type',
        'a ledger entry must be a mapping such as {indicator: ..., period: ..., value: ..., date: ...}',
        src,
      ),
    );
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  if (Object.hasOwn(obj, 'spend')) return spendEntry(obj, src, seq, lk, diagnostics);
  if (Object.hasOwn(obj, 'indicator')) return resultEntry(obj, src, seq, lk, diagnostics);
  if (Object.hasOwn(obj, 'pledge')) return resourceEntry('pledge', obj, src, seq, lk, diagnostics);
  if (Object.hasOwn(obj, 'contribution'))
    return resourceEntry('contribution', obj, src, seq, lk, diagnostics);
  diagnostics.push(
    error(
      'entry-kind',
      'a ledger entry needs `indicator` (a result), `spend` (money spent), `pledge` or `contribution` (money promised or received)',
      src,
    ),
  );
  return undefined;
}

function resultEntry(
  obj: Record<string, unknown>,
  src: Src,
  seq: number,
  lk: EntryLookup,
  diagnostics: Diagnostic[],
): ResultEntry | undefined {
  const res = ResultEntrySchema.safeParse(obj, PARSE);
  if (!res.success) {
    pushAll(
      diagnostics,
      schemaDiagnostics(res.error.issues, src, () => RESULT_ENTRY_KEYS, obj),
    );
    return undefined;
  }
  const v = res.data;
  const before = diagnostics.length;
  const ind = lk.indicators.get(v.indicator);
  if (!ind) {
    // An entry for an indicator that failed its own checks is dropped quietly: that error is the cause.
    if (lk.invalidIds.has(v.indicator)) return undefined;
    diagnostics.push(
      error(
        'unknown-indicator',
        `unknown indicator "${v.indicator}"${lk.didYouMean.indicator(v.indicator)}`,
        child(src, 'indicator'),
      ),
    );
    return undefined;
  }
  const plan = lk.fw.plan;
  // Keys beyond the schema's are disaggregation values. They are read from the entry as written:
  // zod's output object silently drops a `__proto__` key, which must be reported, not ignored.
  const dims: Record<string, string> = {};
  for (const key of Object.keys(obj)) {
    if (RESULT_ENTRY_KEYS.includes(key)) continue;
    const written = obj[key];
    const dimValue = typeof written === 'string' || typeof written === 'number' ? String(written) : undefined;
    const values = Object.hasOwn(plan.dimensions, key) ? plan.dimensions[key] : undefined;
    if (!values) {
      diagnostics.push(
        unknownKey(key, [...RESULT_ENTRY_KEYS, ...Object.keys(plan.dimensions)], child(src, key)),
      );
    } else if (dimValue === undefined) {
      diagnostics.push(
        error(
          'wrong-type',
          `"${key}" must be one of ${values.join(', ')}, not ${describe(written)}`,
          child(src, key),
        ),
      );
    } else if (!ind.disaggregate.includes(key)) {
      diagnostics.push(
        error(
          'not-disaggregated',
          `indicator ${ind.id} is not disaggregated by ${key}`,
          child(src, key),
          true,
        ),
      );
    } else if (!values.includes(dimValue)) {
      diagnostics.push(
        error(
          'dimension-value',
          `"${dimValue}" is not a ${key} of the plan (${values.join(', ')})${suggest(dimValue, values)}`,
          child(src, key),
        ),
      );
    } else {
      dims[key] = dimValue;
    }
  }
  const period = parsePeriod(v.period);
  if (!period) {
    diagnostics.push(
      error(
        'period-invalid',
        `"${v.period}" is not a period (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)`,
        child(src, 'period'),
      ),
    );
  } else if (period.frequency !== ind.frequency) {
    diagnostics.push(
      error(
        'period-frequency',
        `${formatPeriod(period)} is a ${period.frequency} period, but ${ind.id} is reported ${ind.frequency}`,
        child(src, 'period'),
      ),
    );
  } else if (yearsKnown(plan) && (period.year < plan.start || period.year > plan.end)) {
    diagnostics.push(
      error(
        'period-outside-plan',
        `${formatPeriod(period)} lies outside the plan (${plan.start}–${plan.end})`,
        child(src, 'period'),
      ),
    );
  }
  const date = parseDate(v.date);
  if (date === null) {
    diagnostics.push(
      error('date-invalid', `"${v.date}" is not a calendar date (YYYY-MM-DD)`, child(src, 'date')),
    );
  } else if (period && date < periodStart(period)) {
    diagnostics.push(
      error(
        'date-before-period',
        `the date ${v.date} is before period ${formatPeriod(period)} starts (${formatDate(periodStart(period))})`,
        child(src, 'date'),
      ),
    );
  }
  let value: number | undefined;
  const hasRatio = v.numerator !== undefined || v.denominator !== undefined;
  if (v.withdrawn === true) {
    // A withdrawal says "no standing value from this date"; it carries no figure of its own.
    for (const key of ['value', 'numerator', 'denominator'] as const) {
      if (v[key] !== undefined)
        diagnostics.push(
          error(
            'value-form',
            `a withdrawal (withdrawn: true) carries no ${key}; record the corrected figure as its own entry`,
            child(src, key),
            true,
          ),
        );
    }
  } else if (v.value !== undefined && hasRatio) {
    diagnostics.push(
      error(
        'value-form',
        'give either `value` or `numerator` and `denominator`, not both',
        child(src, 'value'),
        true,
      ),
    );
  } else if (hasRatio) {
    if (ind.measure !== 'percent') {
      diagnostics.push(
        error(
          'ratio-not-percent',
          `numerator and denominator are for percent indicators; ${ind.id} is a ${ind.measure}`,
          child(src, v.numerator !== undefined ? 'numerator' : 'denominator'),
          true,
        ),
      );
    } else if (v.numerator === undefined || v.denominator === undefined) {
      if (!misspelt(obj, plan, v.numerator === undefined ? 'numerator' : 'denominator'))
        diagnostics.push(
          error(
            'missing-key',
            `"${v.numerator === undefined ? 'numerator' : 'denominator'}" is required with the other`,
            src,
          ),
        );
    } else if (
      figureRange(v.numerator, child(src, 'numerator')) ||
      figureRange(v.denominator, child(src, 'denominator'))
    ) {
      for (const k of ['numerator', 'denominator'] as const) {
        const d = figureRange(v[k] as number, child(src, k));
        if (d) diagnostics.push(d);
      }
    } else if (v.numerator > v.denominator) {
      diagnostics.push(
        error(
          'percent-range',
          `numerator ${v.numerator} exceeds denominator ${v.denominator} (over 100%)`,
          child(src, 'numerator'),
        ),
      );
    }
  } else if (v.value === undefined) {
    if (!misspelt(obj, plan, 'value'))
      diagnostics.push(
        error('missing-key', '"value" is required (or `numerator` and `denominator` for a percent)', src),
      );
  } else if (ind.measure === 'milestone') {
    const idx = typeof v.value === 'string' ? (ind.levels ?? []).indexOf(v.value) : -1;
    if (idx === -1) {
      diagnostics.push(
        error(
          'milestone-level',
          `${JSON.stringify(v.value)} is not a level of ${ind.id}: ${(ind.levels ?? []).join(', ')}${suggest(String(v.value), ind.levels ?? [])}`,
          child(src, 'value'),
        ),
      );
    } else value = idx;
  } else if (typeof v.value !== 'number') {
    diagnostics.push(
      isGroupedNumber(v.value)
        ? groupedValue(v.value, child(src, 'value'))
        : error(
            'wrong-type',
            `"value" must be a number, not ${JSON.stringify(v.value)}`,
            child(src, 'value'),
          ),
    );
  } else if (ind.measure === 'percent' && (v.value < 0 || v.value > 100)) {
    diagnostics.push(error('percent-range', `a percent lies in 0–100, not ${v.value}`, child(src, 'value')));
  } else if (figureRange(v.value, child(src, 'value'))) {
    diagnostics.push(figureRange(v.value, child(src, 'value')) as Diagnostic);
  } else {
    value = v.value;
  }
  const given = Object.keys(dims);
  if (diagnostics.length === before && given.length > 0 && given.length < ind.disaggregate.length) {
    // Counted once as a per-value entry and again in no total: an entry names all or none.
    const missing = ind.disaggregate.filter((d) => !given.includes(d));
    diagnostics.push(
      error(
        'partial-disaggregation',
        `${ind.id} is disaggregated by ${ind.disaggregate.join(' and ')}: give ${missing.join(' and ')} too (or no dimension at all for the period's total)`,
        src,
      ),
    );
  }
  if (diagnostics.length > before || !period || date === null) return undefined;
  return {
    kind: 'result',
    seq,
    date,
    note: v.note,
    source: v.source,
    src,
    indicator: ind.id,
    period,
    value,
    numerator: v.numerator,
    denominator: v.denominator,
    dims,
    corrects: v.corrects === true,
    withdrawn: v.withdrawn === true,
  };
}

/** True when the entry has an unknown key that is a misspelling of `name` (reported as that unknown key). */
function misspelt(obj: Record<string, unknown>, plan: Plan, name: string): boolean {
  const keys = [...RESULT_ENTRY_KEYS, ...Object.keys(plan.dimensions)];
  return Object.keys(obj).some((k) => !keys.includes(k) && nearest(k, keys) === name);
}

function spendEntry(
  obj: Record<string, unknown>,
  src: Src,
  seq: number,
  lk: EntryLookup,
  diagnostics: Diagnostic[],
): SpendEntry | undefined {
  const res = SpendEntrySchema.safeParse(obj, PARSE);
  if (!res.success) {
    pushAll(
      diagnostics,
      schemaDiagnostics(res.error.issues, src, () => Object.keys(SpendEntrySchema.shape), obj),
    );
    return undefined;
  }
  const v = res.data;
  const plan = lk.fw.plan;
  const before = diagnostics.length;
  if (lk.invalidIds.has(v.spend) && !lk.lines.has(v.spend)) return undefined;
  if (!lk.lines.has(v.spend)) {
    diagnostics.push(
      error(
        'unknown-line',
        `unknown budget line "${v.spend}"${lk.didYouMean.line(v.spend)}`,
        child(src, 'spend'),
      ),
    );
  }
  const date = parseDate(v.date);
  if (date === null) {
    diagnostics.push(
      error('date-invalid', `"${v.date}" is not a calendar date (YYYY-MM-DD)`, child(src, 'date')),
    );
  } else if (yearsKnown(plan) && (date < yearStart(plan.start) || date > yearEnd(plan.end))) {
    diagnostics.push(
      error(
        'spend-outside-plan',
        `spending dated ${v.date} lies outside the plan years (${plan.start}–${plan.end})`,
        child(src, 'date'),
      ),
    );
  }
  const money = convertedAmount(v, date, src, lk, diagnostics);
  if (diagnostics.length > before || date === null || money === undefined) return undefined;
  return {
    kind: 'spend',
    seq,
    date,
    note: v.note,
    source: v.source,
    src,
    line: v.spend,
    ...money,
  };
}

interface Converted {
  amount: bigint;
  currency: string;
  planAmount: bigint;
}

/**
 * An entry's amount in minor units of its currency and of the plan currency: converted at the rate
 * for the entry's month, else its year, and rounded per entry (half away from zero). Undefined, with
 * the reason reported, when the amount or currency is unusable or no rate applies.
 */
function convertedAmount(
  v: { amount: number; currency?: string | undefined; date: string },
  date: Day | null,
  src: Src,
  lk: EntryLookup,
  diagnostics: Diagnostic[],
): Converted | undefined {
  const plan = lk.fw.plan;
  const currency = v.currency ?? plan.currency;
  // An invalid plan currency is reported once, at the plan, not again on every entry.
  if (v.currency === undefined && !isCurrencyCode(currency)) return undefined;
  if (!isCurrencyCode(currency)) {
    diagnostics.push(
      error('unknown-currency', `"${currency}" is not an ISO 4217 currency code`, child(src, 'currency')),
    );
    return undefined;
  }
  const digits = currencyDigits(currency);
  const amount = moneyMinor(v.amount, currency, digits, child(src, 'amount'), diagnostics);
  if (amount === undefined || date === null) return undefined;
  if (currency === plan.currency) return { amount, currency, planAmount: amount };
  const rate = findRate(lk.fw, currency, v.date);
  if (rate === undefined) {
    // A rate written for the month or year but refused is reported there, once.
    const month = `rate ${currency} ${v.date.slice(0, 7)}`;
    const year = `rate ${currency} ${v.date.slice(0, 4)}`;
    if (lk.invalidIds.has(month) || lk.invalidIds.has(year)) return undefined;
    diagnostics.push(
      error(
        'rate-missing',
        `no ${currency} rate for ${v.date.slice(0, 7)} or ${v.date.slice(0, 4)} in budget.rates`,
        child(src, 'currency'),
      ),
    );
    return undefined;
  }
  const planAmount = convertMinor(amount, digits, ratioFromDecimal(rate), plan.digits);
  const big = convertedProblem(planAmount, `${v.amount} ${currency}`, plan.currency, child(src, 'amount'));
  if (big) {
    diagnostics.push(big);
    return undefined;
  }
  return { amount, currency, planAmount };
}

/**
 * A pledge (`pledge: SOURCE, from: CONTRIBUTOR, year: Y`) or a contribution (`contribution: SOURCE,
 * from: CONTRIBUTOR`, its year defaulting to its date's year; `kind: cash|in-kind`). Either may be
 * dated before the plan starts (a pledge announced at the meeting that endorsed it); the year it is
 * for must be a plan year.
 */
function resourceEntry(
  kind: 'pledge' | 'contribution',
  obj: Record<string, unknown>,
  src: Src,
  seq: number,
  lk: EntryLookup,
  diagnostics: Diagnostic[],
): PledgeEntry | ContributionEntry | undefined {
  const schema = kind === 'pledge' ? PledgeEntrySchema : ContributionEntrySchema;
  const res = schema.safeParse(obj, PARSE);
  if (!res.success) {
    pushAll(
      diagnostics,
      schemaDiagnostics(res.error.issues, src, () => Object.keys(schema.shape), obj),
    );
    return undefined;
  }
  const v = res.data as WrittenPledgeEntry | WrittenContributionEntry;
  const fund = 'pledge' in v ? v.pledge : v.contribution;
  const plan = lk.fw.plan;
  const before = diagnostics.length;
  if (!lk.sources.has(fund) && !lk.invalidIds.has(fund)) {
    diagnostics.push(
      error(
        'unknown-source',
        `unknown funding source "${fund}"${lk.didYouMean.source(fund)}`,
        child(src, kind),
      ),
    );
  }
  if (!lk.contributors.has(v.from) && !lk.invalidIds.has(v.from)) {
    diagnostics.push(
      error(
        'unknown-contributor',
        `unknown contributor "${v.from}"${lk.didYouMean.contributor(v.from)}${lk.contributors.size === 0 ? ' (budget.contributors lists none)' : ''}`,
        child(src, 'from'),
      ),
    );
  }
  const date = parseDate(v.date);
  if (date === null) {
    diagnostics.push(
      error('date-invalid', `"${v.date}" is not a calendar date (YYYY-MM-DD)`, child(src, 'date')),
    );
  }
  let year: number | undefined;
  if (v.year !== undefined) {
    const text = String(v.year);
    if (!/^\d{4}$/.test(text)) {
      diagnostics.push(
        error('invalid-value', `"${text}" is not a year such as ${plan.start}`, child(src, 'year')),
      );
    } else year = Number(text);
  } else if (date !== null) {
    year = Number(v.date.slice(0, 4));
  }
  if (year !== undefined && yearsKnown(plan) && (year < plan.start || year > plan.end)) {
    diagnostics.push(
      error(
        'year-outside-plan',
        v.year === undefined
          ? `this contribution counts for ${year}, its date's year, which lies outside the plan (${plan.start}–${plan.end}); give \`year:\` the plan year it is for`
          : `year ${year} lies outside the plan (${plan.start}–${plan.end})`,
        child(src, v.year === undefined ? 'date' : 'year'),
      ),
    );
  }
  const money = convertedAmount(v, date, src, lk, diagnostics);
  if (diagnostics.length > before || date === null || year === undefined || money === undefined)
    return undefined;
  const base = { seq, date, note: v.note, source: v.source, src, fund, from: v.from, year, ...money };
  if (kind === 'pledge') return { kind: 'pledge', ...base };
  return { kind: 'contribution', ...base, inKind: 'kind' in v && v.kind === 'in-kind' };
}

/** False when the plan ends before it starts: that one error stands, and year checks against it are skipped. */
export function yearsKnown(plan: Plan): boolean {
  return plan.end >= plan.start;
}

/** The rate of a currency for a date: the month's, else the year's. */
export function findRate(fw: Framework, currency: string, date: string): string | undefined {
  const m = fw.rates.get(currency);
  return m?.get(date.slice(0, 7)) ?? m?.get(date.slice(0, 4));
}

/** The key that identifies what a result entry measures: indicator, period and disaggregation values. */
export function entryKey(e: ResultEntry): string {
  return `${e.indicator}|${periodText(e.period)}|${dimsText(e.dims)}`;
}

// Entries share their period and dims objects (fast-entries.ts): each one's text is made once.
const periodTexts = new WeakMap<object, string>();
const dimsTexts = new WeakMap<object, string>();

function periodText(p: ResultEntry['period']): string {
  let t = periodTexts.get(p);
  if (t === undefined) {
    t = formatPeriod(p);
    periodTexts.set(p, t);
  }
  return t;
}

function dimsText(dims: Record<string, string>): string {
  let t = dimsTexts.get(dims);
  if (t === undefined) {
    t = Object.keys(dims)
      .sort()
      .map((k) => `${k}=${dims[k]}`)
      .join(',');
    dimsTexts.set(dims, t);
  }
  return t;
}

/**
 * The result entries grouped by key (indicator, period and disaggregation: the entries whose
 * entryKey texts are equal), each group in ledger order; a group of one is the entry itself, and
 * is left out unless `keepSingle` says to keep it (the correction checks need only keys met more
 * than once, and single entries that correct or withdraw).
 *
 * A million entries make no key string: each key is one number — the indicator's place, the
 * period (year, frequency, index) and the disaggregation's place, exact below 2^53 — and repeats
 * are found in an open-addressing table of those numbers. Past 2^20 indicators or 8,192 distinct
 * disaggregations a key is entryKey's text instead.
 */
export function entryGroups(
  entries: readonly Entry[],
  keepSingle: (e: ResultEntry) => boolean = () => true,
  keyer: ResultKeyer = new ResultKeyer(),
  unbuilt?: Unbuilt,
): (ResultEntry | ResultEntry[])[] {
  const results: ResultEntry[] = [];
  for (const e of entries) if (e.kind === 'result') results.push(e);
  const n = results.length;
  const m = unbuilt?.length ?? 0;
  const total = n + m;
  const keys = new Float64Array(total);
  for (let i = 0; i < n; i++) keys[i] = keyer.key(results[i] as ResultEntry);
  for (let j = 0; j < m; j++) keys[n + j] = (unbuilt as Unbuilt).keys[j] as number;
  // Entry i: a kept one, or an unbuilt one read again (once).
  const rebuilt = new Map<number, ResultEntry>();
  const get = (i: number): ResultEntry => {
    if (i < n) return results[i] as ResultEntry;
    let e = rebuilt.get(i);
    if (e === undefined) {
      e = (unbuilt as Unbuilt).rebuild(i - n);
      rebuilt.set(i, e);
    }
    return e;
  };
  // The first entry of each key, by an open-addressing table of the key numbers.
  const first = new Int32Array(total).fill(-1);
  let size = 16;
  while (size < total * 2) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const byText = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const k = keys[i] as number;
    if (Number.isNaN(k)) {
      const text =
        i < n ? entryKey(results[i] as ResultEntry) : ((unbuilt as Unbuilt).texts[i - n] as string);
      const f = byText.get(text);
      if (f === undefined) byText.set(text, i);
      else first[i] = f;
      continue;
    }
    let h = hashKey(k) & mask;
    for (;;) {
      const j = table[h] as number;
      if (j === -1) {
        table[h] = i;
        break;
      }
      if (keys[j] === k) {
        first[i] = j;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  // Groups in the order their keys are first met; each in ledger order.
  const groups = new Map<number, ResultEntry[]>();
  for (let i = 0; i < total; i++) {
    const f = first[i] as number;
    if (f === -1) continue;
    const g = groups.get(f);
    if (g === undefined) groups.set(f, [get(f), get(i)]);
    else g.push(get(i));
  }
  const out: (ResultEntry | ResultEntry[])[] = [];
  for (let i = 0; i < total; i++) {
    if (first[i] !== -1) continue; // not the first of its key
    const g = groups.get(i);
    if (g !== undefined) out.push(g.sort((a, b) => a.seq - b.seq));
    else if (
      i < n
        ? keepSingle(results[i] as ResultEntry)
        : (unbuilt as Unbuilt).flagged[i - n] && keepSingle(get(i))
    )
      out.push(get(i));
  }
  return out;
}

/**
 * Numbers for result entries' keys (entryGroups): the indicator's place, the period (year,
 * frequency, index) and the disaggregation's place, exact below 2^53; NaN past 2^20 indicators or
 * 8,192 distinct disaggregations (then the key is entryKey's text). Places are handed out as keys
 * are met: use one keyer for one ledger.
 */
export class ResultKeyer {
  readonly #indicators = new Map<string, number>();
  readonly #dimsByText = new Map<string, number>();
  readonly #dimsIds = new Map<object, number>();

  key(e: ResultEntry): number {
    let ind = this.#indicators.get(e.indicator);
    if (ind === undefined) {
      ind = this.#indicators.size;
      this.#indicators.set(e.indicator, ind);
    }
    let dims = this.#dimsIds.get(e.dims);
    if (dims === undefined) {
      const text = dimsText(e.dims);
      dims = this.#dimsByText.get(text);
      if (dims === undefined) {
        dims = this.#dimsByText.size;
        this.#dimsByText.set(text, dims);
      }
      this.#dimsIds.set(e.dims, dims);
    }
    const p = e.period;
    if (ind >= 2 ** 20 || dims >= 2 ** 13 || p.year < 0 || p.year > 9999) return Number.NaN;
    // Each period of years 0–9999 in its own number below 2^20: (year, frequency, index).
    return (ind * 2 ** 20 + (p.year * 64 + FREQUENCY_CODE[p.frequency] * 16 + p.index)) * 2 ** 13 + dims;
  }
}

/** A hash of an integer below 2^53. */
function hashKey(k: number): number {
  const lo = k % 4294967296;
  const hi = (k - lo) / 4294967296;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0;
}

const FREQUENCY_CODE = { annual: 0, semiannual: 1, quarterly: 2, monthly: 3 } as const;

/** Same key twice is an error unless the later (by date, then position) says `corrects: true`. */
function checkCorrections(
  entries: Entry[],
  diagnostics: Diagnostic[],
  keyer: ResultKeyer,
  unbuilt: Unbuilt,
): void {
  // Ledger order decides which entry is the original: a correction is appended after what it
  // corrects, and is dated on or after it (the day the better figure became known). A withdrawal
  // leaves the key with no standing value; the next value for it is a new report, not a correction.
  // Most keys have one entry: a single value entry has nothing to check.
  for (const g of entryGroups(entries, (e) => e.corrects || e.withdrawn, keyer, unbuilt)) {
    const group = Array.isArray(g) ? g : [g];
    const first = group[0] as ResultEntry;
    if (first.corrects && !first.withdrawn) {
      diagnostics.push(
        warning(
          'corrects-nothing',
          `this entry says corrects: true, but no earlier entry has the same indicator, period and disaggregation`,
          child(first.src, 'corrects'),
          true,
        ),
      );
    }
    /** The entry whose value stands after the entries seen so far; null after a withdrawal. */
    let standing: ResultEntry | null = null;
    /** The latest entry seen, value or withdrawal: no later entry may be dated before it. */
    let latest: ResultEntry | null = null;
    for (const e of group) {
      if (e.withdrawn && standing === null) {
        diagnostics.push(
          error(
            'withdraw-nothing',
            `nothing to withdraw: ${e.indicator} ${formatPeriod(e.period)}${dimText(e)} has no standing value${latest ? ` (it was withdrawn at ${lineOf(latest)})` : ''}`,
            child(e.src, 'withdrawn'),
            true,
          ),
        );
      } else if (!e.withdrawn && standing !== null && !e.corrects) {
        diagnostics.push(
          error(
            'duplicate-entry',
            `a second entry for ${e.indicator} ${formatPeriod(e.period)}${dimText(e)} (the first is at ${lineOf(latest)}); add corrects: true to correct it`,
            e.src,
          ),
        );
      } else if (latest !== null && e.date < latest.date) {
        diagnostics.push(
          error(
            'correction-backdated',
            `this ${e.withdrawn ? 'withdrawal' : 'correction'} is dated ${formatDate(e.date)}, before the entry it follows (${formatDate(latest.date)}, at ${lineOf(latest)}); date it when the better figure became known`,
            child(e.src, 'date'),
          ),
        );
      }
      if (latest === null || e.date >= latest.date) {
        latest = e;
        standing = e.withdrawn ? null : e;
      }
    }
  }
}

/** `file:line` of an entry, located only when a message names it. */
function lineOf(e: ResultEntry | null): string {
  if (!e) return '';
  return `${e.src.file.name}:${e.src.file.locate(e.src.path).line}`;
}

function dimText(e: ResultEntry): string {
  const parts = Object.entries(e.dims).map(([k, v]) => `${k} ${v}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
