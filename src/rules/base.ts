import { formatMinor } from '../core/money.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Framework, Indicator } from '../model/framework.js';
import type { LedgerFileItems, LedgerItem } from '../model/ledger-items.js';
import { child, type SourceFile, type Src } from '../model/source.js';

/**
 * The record kept against a git revision (`validate --base REV`): every ledger entry present at
 * REV is still in its file, unchanged and in order — REV's entries of a file are a subsequence of
 * the file's entries now, compared by their fields as read — and no target or planned amount of a
 * year that has ended was changed in place. Pure: both sides arrive loaded.
 */

/** One side of the comparison: its ledger files' items and its framework (when it normalised). */
export interface Side {
  ledgers: readonly LedgerFileItems[];
  framework: Framework | undefined;
}

/** What the comparison found, and which of the current entries are new since REV. */
export interface BaseComparison {
  diagnostics: Diagnostic[];
  /**
   * The current entries not present at REV (appended since), in file order: what a check that
   * treats "appended since REV" as "recorded today" (closing a year) reads. Keyed by `itemKey`.
   */
  appended: LedgerItem[];
}

/** `file\0index`: one ledger item's identity, to match it with a normalised entry's `src`. */
export function itemKey(src: Src): string {
  return `${src.file.name}\u0000${String(src.path.at(-1))}`;
}

/** Compares the ledgers and the ended years' targets and planned amounts of REV (`base`) with now (`head`). */
export function compareWithBase(rev: string, base: Side, head: Side, endedBefore: number): BaseComparison {
  const ledger = compareLedgers(rev, base.ledgers, head.ledgers);
  const diagnostics = ledger.diagnostics;
  if (base.framework && head.framework) {
    for (const d of rewrittenYears(rev, base.framework, head.framework, endedBefore)) diagnostics.push(d);
  }
  return { diagnostics, appended: ledger.appended };
}

// ---------------------------------------------------------------------------------------------
// Ledger entries

/** A canonical text of a value as read: mappings with their keys sorted, so key order and layout do not count. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? 'null';
}

interface Placed {
  file: LedgerFileItems;
  index: number;
}

/** The line of a ledger item in its file. */
function lineOf(item: LedgerItem): number {
  return item.src.file.locate(item.src.path).line;
}

/** Matches each file's REV entries into its current entries; reports what was edited, removed or moved. */
export function compareLedgers(
  rev: string,
  base: readonly LedgerFileItems[],
  head: readonly LedgerFileItems[],
): BaseComparison {
  const headByName = new Map(head.map((f) => [f.name, f]));
  const ids = new Map<string, number>();
  const idOf = (item: LedgerItem): number => {
    const text = canonical(item.fields);
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  };
  interface Unmatched {
    base: LedgerFileItems;
    i: number;
    id: number;
    /** The current file and the gap (current indices lo..hi) it fell in; undefined when the file is gone. */
    head: LedgerFileItems | undefined;
    lo: number;
    hi: number;
  }
  const lost: Unmatched[] = [];
  /** Per current file: which items matched a REV entry. */
  const matchedOf = new Map<string, Uint8Array>();
  const headIds = new Map<string, Int32Array>();
  const idsOfHead = (f: LedgerFileItems): Int32Array => {
    let a = headIds.get(f.name);
    if (!a) {
      a = Int32Array.from(f.items, idOf);
      headIds.set(f.name, a);
    }
    return a;
  };
  for (const f of head) matchedOf.set(f.name, new Uint8Array(f.items.length));
  for (const b of base) {
    if (b.items.length === 0) continue;
    const h = headByName.get(b.name);
    if (h && h.text === b.text) {
      (matchedOf.get(h.name) as Uint8Array).fill(1);
      continue;
    }
    const bIds = Int32Array.from(b.items, idOf);
    if (!h) {
      for (let i = 0; i < bIds.length; i++)
        lost.push({ base: b, i, id: bIds[i] as number, head: undefined, lo: 0, hi: 0 });
      continue;
    }
    const cIds = idsOfHead(h);
    const matched = matchedOf.get(h.name) as Uint8Array;
    const pairs = align(bIds, cIds);
    for (const [, j] of pairs) if (j >= 0) matched[j] = 1;
    // The gap an unmatched entry fell in: between the current positions of its matched neighbours.
    let lo = 0;
    for (let k = 0; k < pairs.length; k++) {
      const [i, j] = pairs[k] as [number, number];
      if (j >= 0) {
        lo = j + 1;
        continue;
      }
      let hi = cIds.length;
      for (let n = k + 1; n < pairs.length; n++) {
        const next = (pairs[n] as [number, number])[1];
        if (next >= 0) {
          hi = next;
          break;
        }
      }
      lost.push({ base: b, i, id: bIds[i] as number, head: h, lo, hi });
    }
  }
  const diagnostics: Diagnostic[] = [];
  const appendedOf = (): LedgerItem[] => {
    const out: LedgerItem[] = [];
    for (const f of head) {
      const m = matchedOf.get(f.name) as Uint8Array;
      f.items.forEach((item, j) => {
        if (m[j] === 0) out.push(item);
      });
    }
    return out;
  };
  if (lost.length === 0) return { diagnostics, appended: appendedOf() };

  // Where each content stands among the current entries that match nothing at REV.
  const spare = new Map<number, Placed[]>();
  for (const f of head) {
    const m = matchedOf.get(f.name) as Uint8Array;
    const cIds = idsOfHead(f);
    for (let j = 0; j < f.items.length; j++) {
      if (m[j] === 1) continue;
      const id = cIds[j] as number;
      const list = spare.get(id);
      if (list) list.push({ file: f, index: j });
      else spare.set(id, [{ file: f, index: j }]);
    }
  }
  const claimed = new Set<string>();
  const claim = (p: Placed) => claimed.add(`${p.file.name}\u0000${p.index}`);
  const isClaimed = (f: LedgerFileItems, j: number) => claimed.has(`${f.name}\u0000${j}`);
  const where = (u: Unmatched) => `${rev}:${u.base.name}:${lineOf(u.base.items[u.i] as LedgerItem)}`;
  const rest: Unmatched[] = [];
  // First: entries found again, unchanged, elsewhere (another file, or out of order).
  for (const u of lost) {
    const found = spare.get(u.id)?.find((p) => !isClaimed(p.file, p.index));
    if (!found) {
      rest.push(u);
      continue;
    }
    claim(found);
    const to = found.file.items[found.index] as LedgerItem;
    const how =
      found.file.name === u.base.name ? `out of its order in ${u.base.name}` : `out of ${u.base.name}`;
    diagnostics.push(
      error(
        'entry-moved',
        `the entry at ${where(u)} was moved here, ${how}; the ledger is append-only: an entry stays where it was recorded (restore it there; new entries go after it)`,
        to.src,
      ),
    );
  }
  // Then: an entry whose place now holds a changed one was edited; else it was removed.
  for (const u of rest) {
    const was = u.base.items[u.i] as LedgerItem;
    const h = u.head;
    let best = -1;
    let bestScore = 0;
    if (h) {
      const m = matchedOf.get(h.name) as Uint8Array;
      for (let j = u.lo; j < u.hi; j++) {
        if (m[j] === 1 || isClaimed(h, j)) continue;
        const score = likeness(was.fields, (h.items[j] as LedgerItem).fields);
        if (score > bestScore) {
          best = j;
          bestScore = score;
        }
      }
    }
    if (h && best >= 0) {
      claim({ file: h, index: best });
      const now = h.items[best] as LedgerItem;
      diagnostics.push(
        error(
          'entry-edited',
          `the entry at ${where(u)} was changed here (${changes(was.fields, now.fields)}); the ledger is append-only: restore it and append a correction (corrects: true), a withdrawal or an offsetting entry`,
          now.src,
        ),
      );
      continue;
    }
    const at = removedAt(u.base.name, h, u.lo, u.hi);
    diagnostics.push(
      error(
        'entry-removed',
        `the entry at ${where(u)} (${brief(was.fields)}) was removed${at.how}; the ledger is append-only: restore it, and withdraw or offset it with a new entry`,
        at.src,
      ),
    );
  }
  return { diagnostics, appended: appendedOf() };
}

/**
 * Pairs REV's entries of a file with the current ones: `[i, j]` for each REV entry in order, j the
 * current index it matched, or -1. REV being a subsequence is checked first (one pass: every
 * accepted change is that). Otherwise entries unique on both sides anchor the alignment (their
 * longest run in order, as patience diff does), and the stretches between anchors match in order.
 */
function align(b: Int32Array, c: Int32Array): [number, number][] {
  const greedy: [number, number][] = [];
  let j = 0;
  for (let i = 0; i < b.length; i++) {
    while (j < c.length && c[j] !== b[i]) j++;
    if (j === c.length) break;
    greedy.push([i, j++]);
  }
  if (greedy.length === b.length) return greedy;

  const count = (a: Int32Array) => {
    const m = new Map<number, number>();
    for (const x of a) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const nb = count(b);
  const nc = count(c);
  const cAt = new Map<number, number>();
  c.forEach((x, k) => {
    if (nc.get(x) === 1) cAt.set(x, k);
  });
  const uniques: [number, number][] = [];
  b.forEach((x, i) => {
    if (nb.get(x) === 1 && cAt.has(x)) uniques.push([i, cAt.get(x) as number]);
  });
  const anchors = longestIncreasing(uniques);
  // Positions of each content in the current file, ascending, for the stretches between anchors.
  const positions = new Map<number, number[]>();
  c.forEach((x, k) => {
    const p = positions.get(x);
    if (p) p.push(k);
    else positions.set(x, [k]);
  });
  const out: [number, number][] = [];
  let bi = 0;
  let cj = 0;
  const stretch = (bEnd: number, cEnd: number) => {
    for (; bi < bEnd; bi++) {
      const p = positions.get(b[bi] as number);
      const k = p ? firstAtLeast(p, cj) : -1;
      if (k >= 0 && ((p as number[])[k] as number) < cEnd) {
        const at = (p as number[])[k] as number;
        out.push([bi, at]);
        cj = at + 1;
      } else out.push([bi, -1]);
    }
  };
  for (const [ai, aj] of anchors) {
    stretch(ai, aj);
    out.push([ai, aj]);
    bi = ai + 1;
    cj = aj + 1;
  }
  stretch(b.length, c.length);
  return out;
}

/** Index of the first element ≥ x in an ascending list, or -1. */
function firstAtLeast(list: number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? lo : -1;
}

/** The longest run of pairs (ordered by their first) whose seconds increase. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = (pairs[k] as [number, number])[1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (((pairs[tails[mid] as number] as [number, number])[1] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1] as number;
    tails[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tails.length > 0 ? (tails.at(-1) as number) : -1; k >= 0; k = prev[k] as number) {
    out.push(pairs[k] as [number, number]);
  }
  return out.reverse();
}

/** The fields of an entry that name what it is about (one of them is always there in a valid entry). */
const KIND_KEYS = ['indicator', 'spend', 'pledge', 'contribution', 'close'];

/**
 * How alike two entries are, to tell an entry edited in place from one removed beside an append:
 * the count of equal fields when they are of one kind and more fields are equal than differ (an
 * edit changes a figure or two, not the entry), else 0.
 */
function likeness(a: unknown, b: unknown): number {
  if (!isMapping(a) || !isMapping(b)) return 0;
  const kind = (o: Record<string, unknown>) => KIND_KEYS.find((k) => Object.hasOwn(o, k));
  if (kind(a) !== kind(b)) return 0;
  let same = 0;
  let differ = 0;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (Object.hasOwn(a, k) && Object.hasOwn(b, k) && canonical(a[k]) === canonical(b[k])) same++;
    else differ++;
  }
  return same > differ ? same : 0;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value as it reads in a message. */
function shown(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '(none)';
  return canonical(v);
}

/** What changed between two versions of an entry: `amount 12500 → 12000; note added`. */
function changes(a: unknown, b: unknown): string {
  if (!isMapping(a) || !isMapping(b)) return `${brief(a)} → ${brief(b)}`;
  const out: string[] = [];
  for (const k of Object.keys(a)) {
    if (!Object.hasOwn(b, k)) out.push(`${k} ${shown(a[k])} removed`);
    else if (canonical(a[k]) !== canonical(b[k])) out.push(`${k} ${shown(a[k])} → ${shown(b[k])}`);
  }
  for (const k of Object.keys(b)) if (!Object.hasOwn(a, k)) out.push(`${k}: ${shown(b[k])} added`);
  return out.length > 0 ? out.join('; ') : 'its fields reordered';
}

/** An entry in a few words: its fields as written, in their order. */
function brief(v: unknown): string {
  if (!isMapping(v)) return shown(v);
  const text = Object.entries(v)
    .map(([k, x]) => `${k}: ${shown(x)}`)
    .join(', ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** Where a removed entry is reported: before the entry that now follows it, or at the end of its file. */
function removedAt(
  name: string,
  h: LedgerFileItems | undefined,
  lo: number,
  hi: number,
): { src: Src; how: string } {
  if (!h) {
    const file: SourceFile = { name, text: '', locate: () => ({ line: 1, col: 1 }) };
    return { src: { file, path: [] }, how: `: ${name} is no longer in the framework` };
  }
  const next = h.items[hi];
  if (next && hi < h.items.length) return { src: next.src, how: ' from before this entry' };
  const last = h.items[Math.max(lo, h.items.length) - 1];
  if (last) return { src: last.src, how: ` from after this entry, the last of ${name}` };
  return { src: { file: h.file, path: [] }, how: `: ${name} has no entries now` };
}

// ---------------------------------------------------------------------------------------------
// Targets and planned amounts of ended years

/** Targets and planned amounts of years before `endedBefore` that differ between REV and now. */
export function rewrittenYears(
  rev: string,
  base: Framework,
  head: Framework,
  endedBefore: number,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const hint =
    'that year has ended: change it with a revision (`revisions:`, dated when it was decided), so the record keeps what was planned';
  const baseIndicators = new Map(base.indicators.map((i) => [i.id, i]));
  for (const ind of head.indicators) {
    const was = baseIndicators.get(ind.id);
    if (!was) continue;
    const before = new Map(was.originalTargets.map((t) => [t.year, t.value]));
    const now = new Map(ind.originalTargets.map((t) => [t.year, t.value]));
    for (const year of yearsOf(before, now, endedBefore)) {
      const a = before.get(year);
      const b = now.get(year);
      if (a === b) continue;
      const at = b === undefined ? child(ind.src, 'targets') : child(ind.src, 'targets', String(year));
      out.push(
        error(
          'rewrites-history',
          `the ${year} target of ${ind.id} ${describeChange(target(was, a), target(ind, b), `${rev}:${posOf(child(was.src, 'targets', String(year)))}`)}; ${hint}`,
          at,
        ),
      );
    }
  }
  const baseLines = new Map(base.lines.map((l) => [l.id, l]));
  const money = (m: bigint | undefined, fw: Framework) =>
    m === undefined ? undefined : `${formatMinor(m, fw.plan.digits)} ${fw.plan.currency}`;
  for (const line of head.lines) {
    const was = baseLines.get(line.id);
    if (!was) continue;
    for (const year of yearsOf(was.originalPlanned, line.originalPlanned, endedBefore)) {
      const a = was.originalPlanned.get(year);
      const b = line.originalPlanned.get(year);
      if (a === b && base.plan.currency === head.plan.currency) continue;
      const at = b === undefined ? child(line.src, 'planned') : child(line.src, 'planned', String(year));
      out.push(
        error(
          'rewrites-history',
          `the ${year} planned amount of ${line.id} ${describeChange(money(a, base), money(b, head), `${rev}:${posOf(child(was.src, 'planned', String(year)))}`)}; ${hint}`,
          at,
        ),
      );
    }
  }
  return out;
}

/** The years of either map before `endedBefore`, ascending. */
function yearsOf(a: Map<number, unknown>, b: Map<number, unknown>, endedBefore: number): number[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((y) => y < endedBefore).sort((x, y) => x - y);
}

/** A target as written: the number, or the level name of a milestone. */
function target(ind: Indicator, v: number | undefined): string | undefined {
  if (v === undefined) return undefined;
  return ind.levels ? (ind.levels[v] ?? String(v)) : String(v);
}

function describeChange(a: string | undefined, b: string | undefined, at: string): string {
  if (a === undefined) return `was added (${b}; there was none at ${at})`;
  if (b === undefined) return `was removed (${a} at ${at})`;
  return `was ${a} at ${at} and is ${b} here`;
}

/** `file:line` of a value (or, when it is gone, of the nearest value around it). */
function posOf(src: Src): string {
  return `${src.file.name}:${src.file.locate(src.path).line}`;
}
