/**
 * Strings looked up by a span of a longer text, without making the span's string: the ledger's
 * line reader finds an entry's indicator, period and budget line this way, so a million entries do
 * not make a million short-lived strings just to look them up. An open-addressing hash table over
 * the strings' UTF-16 code units; `set` grows it as needed.
 */
export class SpanTable<V> {
  #keys: (string | undefined)[];
  #values: (V | undefined)[];
  #mask: number;
  #size = 0;

  constructor(entries: Iterable<readonly [string, V]> = []) {
    this.#keys = new Array(16);
    this.#values = new Array(16);
    this.#mask = 15;
    for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return this.#size;
  }

  /** The value of the key written over [s, e) of `text`, if any. */
  get(text: string, s: number, e: number): V | undefined {
    const len = e - s;
    let h = hashSpan(text, s, e) & this.#mask;
    for (;;) {
      const k = this.#keys[h];
      if (k === undefined) return undefined;
      if (k.length === len && sameAt(text, s, k)) return this.#values[h];
      h = (h + 1) & this.#mask;
    }
  }

  /** The value of a key given as a string. */
  getKey(key: string): V | undefined {
    return this.get(key, 0, key.length);
  }

  /** Adds or replaces a key's value. */
  set(key: string, value: V): void {
    if ((this.#size + 1) * 2 > this.#keys.length) this.#grow();
    let h = hashSpan(key, 0, key.length) & this.#mask;
    for (;;) {
      const k = this.#keys[h];
      if (k === undefined) {
        this.#keys[h] = key;
        this.#values[h] = value;
        this.#size++;
        return;
      }
      if (k === key) {
        this.#values[h] = value;
        return;
      }
      h = (h + 1) & this.#mask;
    }
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Array(keys.length * 2);
    this.#values = new Array(keys.length * 2);
    this.#mask = keys.length * 2 - 1;
    this.#size = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined) this.set(k, values[i] as V);
    }
  }
}

/** Whether `key` is written at offset s of text (a loop the compiler inlines, unlike startsWith). */
function sameAt(text: string, s: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) if (text.charCodeAt(s + i) !== key.charCodeAt(i)) return false;
  return true;
}

/** FNV-1a over the code units of [s, e). */
function hashSpan(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
