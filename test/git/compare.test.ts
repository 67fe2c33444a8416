import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerFileItems } from '../../src/model/ledger-items.js';
import type { SourceFile } from '../../src/model/source.js';
import { compareLedgers } from '../../src/rules/base.js';

/**
 * The ledger comparison of `validate --base`, as a pure function on ledgers made here: entry i of
 * a file stands on line i + 2 (after `progress:`).
 */

type Entry = Record<string, unknown>;

function ledger(name: string, entries: Entry[], text = JSON.stringify(entries)): LedgerFileItems {
  const file: SourceFile = {
    name,
    text,
    locate: (p) => ({ line: typeof p[1] === 'number' ? p[1] + 2 : 1, col: 5 }),
  };
  return {
    name,
    text,
    file,
    items: entries.map((fields, i) => ({ fields, src: { file, path: ['progress', i] } })),
  };
}

/** Distinct spending entries (a seq in the note keeps them apart). */
const entries = (n: number): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ spend: 'B-1', date: '2026-03-01', amount: 100 + i, note: `e${i}` }));

/** Inserts `added` into `base` at random places, keeping both orders. */
const interleaved = (base: Entry[], added: Entry[], picks: boolean[]): Entry[] => {
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  for (const takeBase of picks) {
    if (takeBase && i < base.length) out.push(base[i++] as Entry);
    else if (j < added.length) out.push(added[j++] as Entry);
  }
  return [...out, ...base.slice(i), ...added.slice(j)];
};

const codes = (r: ReturnType<typeof compareLedgers>) => r.diagnostics.map((d) => d.code);

describe('compareLedgers', () => {
  it('accepts any interleaving of appends (a union merge), and names exactly the appended entries', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.nat(30), fc.array(fc.boolean(), { maxLength: 60 }), (m, n, picks) => {
        const base = entries(m);
        const added = entries(m + n).slice(m);
        const now = interleaved(base, added, picks);
        const r = compareLedgers('REV', [ledger('a.yaml', base)], [ledger('a.yaml', now, 'changed')]);
        expect(r.diagnostics).toEqual([]);
        expect(r.appended.map((x) => x.fields)).toEqual(added);
      }),
    );
  });

  it('an edit, a removal or a swap anywhere is one finding of its kind, whatever was appended around it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.nat(10),
        fc.nat(),
        fc.constantFrom('edit', 'remove', 'swap'),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (m, n, at, how, picks) => {
          const base = entries(m);
          const k = at % (m - 1);
          const changed = base.map((e) => ({ ...e }));
          if (how === 'edit') (changed[k] as Entry).amount = -1;
          else if (how === 'remove') changed.splice(k, 1);
          else [changed[k], changed[k + 1]] = [changed[k + 1] as Entry, changed[k] as Entry];
          const added = entries(m + n).slice(m);
          const r = compareLedgers(
            'REV',
            [ledger('a.yaml', base)],
            [ledger('a.yaml', interleaved(changed, added, picks), 'x')],
          );
          expect(codes(r)).toEqual([
            { edit: 'entry-edited', remove: 'entry-removed', swap: 'entry-moved' }[how],
          ]);
          expect(r.diagnostics[0]?.message).toMatch(
            new RegExp(`^the entry at REV:a\\.yaml:${how === 'swap' ? `(${k + 2}|${k + 3})` : k + 2} `),
          );
        },
      ),
    );
  });

  it('an entry moved to another file is found there; identical entries are matched in order', () => {
    const [a, b, c] = entries(3) as [Entry, Entry, Entry];
    const moved = compareLedgers(
      'REV',
      [ledger('a.yaml', [a, b, c])],
      [ledger('a.yaml', [a, c], 'x'), ledger('b.yaml', [b])],
    );
    expect(codes(moved)).toEqual(['entry-moved']);
    expect(moved.diagnostics[0]?.src?.file.name).toBe('b.yaml');
    // Two equal monthly fees: the second recorded again later is an append, not a move.
    const twice = compareLedgers('REV', [ledger('a.yaml', [a, a, b])], [ledger('a.yaml', [a, a, b, a], 'x')]);
    expect(twice.diagnostics).toEqual([]);
    expect(twice.appended.map((x) => x.src.path[1])).toEqual([3]);
  });
});
