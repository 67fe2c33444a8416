import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SpanTable } from '../../src/core/span-table.js';

describe('SpanTable', () => {
  test('answers as a Map of the same strings, for any span of any text', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 60 }),
        fc.string({ maxLength: 30 }),
        (keys, text) => {
          const map = new Map(keys.map((k, i) => [k, i]));
          const table = new SpanTable(map);
          expect(table.size).toBe(map.size);
          for (const k of keys) expect(table.getKey(k)).toBe(map.get(k));
          // Every span of a text made of keys and other characters.
          const written = `${text}${keys.join('|')}`;
          for (let s = 0; s <= written.length; s++)
            for (let e = s; e <= Math.min(written.length, s + 7); e++)
              expect(table.get(written, s, e)).toBe(map.get(written.slice(s, e)));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('set replaces a value and grows past its first capacity', () => {
    const table = new SpanTable<number>();
    for (let i = 0; i < 1000; i++) table.set(`I${i}`, i);
    table.set('I7', -7);
    expect(table.size).toBe(1000);
    expect(table.get('x I7 y', 2, 4)).toBe(-7);
    expect(table.get('I999', 0, 4)).toBe(999);
    expect(table.get('I1000', 0, 5)).toBeUndefined();
    expect(table.get('I99', 0, 2)).toBe(9); // the span "I9" of "I99"
    expect(table.get('I99x', 0, 4)).toBeUndefined();
  });
});
