import { pushAll } from '../core/arrays.js';
import { formatDate } from '../core/dates.js';
import { formatPeriod } from '../core/periods.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type { Entry, Framework, ResultEntry } from '../model/framework.js';
import type { LedgerLines } from '../model/parsed.js';
import { child, ItemSrc, type Src } from '../model/source.js';
import { type DecodeContext, decodeContext, entryLookup } from './entry-context.js';
import { decodeEntry, decodeLine } from './entry-decoders.js';
import { LineFields } from './entry-fields.js';
import { FailFast } from './entry-findings.js';

/** The ledger read: each raw entry decoded (entry-decoders.ts) into a typed entry or its errors, then the correction rule across the ledger. */

interface RawEntry {
  value: unknown;
  src: Src;
}

export { type EntryLookup, entryLookup, findRate, yearsKnown } from './entry-context.js';

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
  const entries: Entry[] = [];
  const fast = decodeContext(entryLookup(fw, invalidIds));
  const keyer = new ResultKeyer();
  const unbuilt = new Unbuilt(fast);
  let seq = 0;
  for (const item of raw) {
    if ('ledger' in item) {
      seq = readLedger(item, seq, fast, entries, diagnostics, kinds ? { kinds, keyer, unbuilt } : undefined);
      continue;
    }
    const e = decodeEntry(item.value, item.src, seq, fast, diagnostics);
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
  readonly #cx: DecodeContext;

  constructor(cx: DecodeContext) {
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
    const e = decodeLine(
      new LineFields(chunk.ledger.cursor()),
      chunk.ledger.starts[i] as number,
      new ItemSrc(chunk.at, i),
      this.#seqs[j] as number,
      this.#cx,
      new FailFast(),
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
  cx: DecodeContext,
  entries: Entry[],
  diagnostics: Diagnostic[],
  keep?: { kinds: ReadonlySet<Entry['kind']>; keyer: ResultKeyer; unbuilt: Unbuilt },
): number {
  const { ledger, at } = chunk;
  const fields = new LineFields(ledger.cursor());
  const sink = new FailFast();
  const entriesBefore = entries.length;
  const diagnosticsBefore = diagnostics.length;
  const unbuiltBefore = keep?.unbuilt.length ?? 0;
  const starts = ledger.starts;
  let seq = seq0;
  // Entries of kinds not kept are checked but not built (DecodeContext.keep).
  cx.keep = keep?.kinds;
  try {
    for (let i = 0; i < starts.length; i++, seq++) {
      // Built with the list's source for a moment; an entry kept gets its own below.
      let e = decodeLine(fields, starts[i] as number, at, seq, cx, sink);
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
      e = decodeEntry(obj, src, seq, cx, diagnostics);
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
  cx: DecodeContext,
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
    const e = decodeEntry(items[i], src, seq, cx, diagnostics);
    if (e) entries.push(e);
  }
  return seq;
}

/** The key that identifies what a result entry measures: indicator, period and disaggregation values. */
export function entryKey(e: ResultEntry): string {
  return `${e.indicator}|${periodText(e.period)}|${dimsText(e.dims)}`;
}

// Entries share their period and dims objects (entry-context.ts): each one's text is made once.
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
