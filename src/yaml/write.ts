import { yamlString } from './scalar.js';

/**
 * The one YAML writer: `init`'s and `import`'s files, and `record`'s ledger lines (flowPairs).
 * YAML text in the style of the shipped framework: sections as block sequences of one-line flow
 * mappings, indicators as blocks, every string quoted exactly when a YAML 1.2 or 1.1 reader would
 * take it for something else (scalar.ts yamlString, decided by the readers' own typing). Numbers
 * are written as given: callers pass exact decimal text wrapped in `Num`.
 */

/** A number's exact text (never re-formatted). */
export class Num {
  constructor(readonly text: string) {}
}

export type YamlValue = string | Num | boolean | YamlValue[] | { [key: string]: YamlValue | undefined };

/** A value on one line: a scalar, `[a, b]` or `{k: v, ...}` (undefined fields left out). */
export function flow(v: YamlValue): string {
  if (v instanceof Num) return v.text;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return yamlString(v);
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  const pairs: [string, string][] = [];
  for (const [k, x] of Object.entries(v))
    if (x !== undefined) pairs.push([/^\d{4}(-\d{2})?$/.test(k) ? k : yamlString(k), flow(x)]);
  return flowPairs(pairs);
}

/** `{k: v, ...}` of keys and values already written as YAML text. */
export function flowPairs(pairs: readonly (readonly [key: string, yamlText: string])[]): string {
  return `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

/** A mapping as block lines at `indent`, each field on its own line in flow form. */
export function block(v: { [key: string]: YamlValue | undefined }, indent: string): string[] {
  return Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${indent}${yamlString(k)}: ${flow(x as YamlValue)}`);
}

/** `name:` followed by `  - {…}` lines (or `name: []` when empty). */
export function flowList(name: string, items: YamlValue[], indent = ''): string[] {
  if (items.length === 0) return [`${indent}${name}: []`];
  return [`${indent}${name}:`, ...items.map((i) => `${indent}  - ${flow(i)}`)];
}

/** `name:` followed by one block mapping per item (`  - id: …` then its fields). */
export function blockList(name: string, items: { [key: string]: YamlValue | undefined }[]): string[] {
  if (items.length === 0) return [`${name}: []`];
  const out = [`${name}:`];
  for (const item of items) {
    const lines = block(item, '    ');
    if (lines.length > 0) lines[0] = `  - ${(lines[0] as string).trimStart()}`;
    for (const line of lines) out.push(line);
  }
  return out;
}
