/**
 * The fast path for large ledgers. `record` writes one flow mapping per line
 * (`  - {indicator: X, period: 2026, value: 1, date: 2026-11-02}`), and a ledger of 100,000 such
 * lines costs ~8 s through a full YAML document parse. This scanner reads exactly that shape and
 * nothing more: whenever a line holds anything it does not fully understand (escapes, tags,
 * anchors, non-decimal numbers, booleans, nulls, duplicate keys…) it gives up and the caller
 * falls back to the `yaml` package for the whole file, so the two paths cannot disagree.
 */

/** The result of a fast scan: one plain object per list item and the 0-based line of each. */
export interface FastLedger {
  key: string;
  items: Record<string, unknown>[];
  lines: number[];
}

// Plain scalars that YAML 1.2's core schema resolves to something other than a string.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const SIMPLE_DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;
const ITEM = /^( +)- \{/;
const SECTION = /^([a-z_]+):[ \t]*(?:#.*)?$/;

/** Scans a whole ledger file; null when any line is outside the fast shape. */
export function scanFastLedger(text: string): FastLedger | null {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || text.includes('\r')) return null;
  const items: Record<string, unknown>[] = [];
  const lines: number[] = [];
  let key: string | null = null;
  let indent = -1;
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    const first = line.trimStart();
    if (first === '' || first.startsWith('#')) {
      // blank or comment
    } else if (key === null) {
      const m = SECTION.exec(line);
      if (!m) return null;
      key = m[1] as string;
    } else {
      const m = ITEM.exec(line);
      if (!m) return null;
      const width = (m[1] as string).length;
      if (indent === -1) indent = width;
      else if (width !== indent) return null;
      const item = parseFlowMapping(line, m[0].length);
      if (item === null) return null;
      items.push(item);
      lines.push(lineNo);
    }
    lineNo++;
    pos = end + 1;
  }
  if (key === null) return null;
  return { key, items, lines };
}

/** Parses `{k: v, ...}` starting just after the `{`; the rest of the line may hold only a comment. */
export function parseFlowMapping(line: string, start: number): Record<string, unknown> | null {
  // Tabs are separation whitespace in some places and content in others: not worth the risk.
  if (line.includes('\t')) return null;
  const obj: Record<string, unknown> = Object.create(null);
  let i = skipSpaces(line, start);
  if (line[i] === '}') return closing(line, i + 1, obj);
  for (;;) {
    KEY.lastIndex = i;
    const km = KEY.exec(line);
    if (!km) return null;
    const k = km[0];
    // `null:`, `true:`… are not string keys in YAML: leave them to the full parser.
    if (CORE_NON_STRING.test(k)) return null;
    i = KEY.lastIndex;
    if (line[i] !== ':' || line[i + 1] !== ' ') return null;
    if (Object.hasOwn(obj, k)) return null;
    i = skipSpaces(line, i + 2);
    const c = line[i];
    let value: unknown;
    if (c === '"') {
      const close = line.indexOf('"', i + 1);
      if (close === -1) return null;
      const s = line.slice(i + 1, close);
      if (s.includes('\\')) return null;
      value = s;
      i = close + 1;
    } else if (c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        const q = line.indexOf("'", j);
        if (q === -1) return null;
        s += line.slice(j, q);
        if (line[q + 1] === "'") {
          s += "'";
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = s;
    } else {
      let j = i;
      while (j < line.length && line[j] !== ',' && line[j] !== '}') j++;
      // Only spaces end a plain scalar: JS trimEnd() would also eat \v, NBSP, U+FEFF… which YAML keeps.
      let e = j;
      while (e > i && line[e - 1] === ' ') e--;
      const raw = line.slice(i, e);
      if (raw === '' || (/^[-?:[\]{}#&*!|>'"%@`]/.test(raw) && !/^-[0-9]/.test(raw))) return null;
      if (/[[\]{}]|: | #|:$/.test(raw)) return null;
      if (CORE_NON_STRING.test(raw)) {
        if (!SIMPLE_DECIMAL.test(raw)) return null;
        value = Number(raw);
      } else {
        value = raw;
      }
      i = j;
    }
    obj[k] = value;
    i = skipSpaces(line, i);
    if (line[i] === ',') {
      i = skipSpaces(line, i + 1);
      if (line[i] === '}') return null; // trailing comma: leave to the full parser
      continue;
    }
    if (line[i] === '}') return closing(line, i + 1, obj);
    return null;
  }
}

function closing(line: string, i: number, obj: Record<string, unknown>): Record<string, unknown> | null {
  const rest = line.slice(i);
  if (/^ *$/.test(rest) || /^ +#/.test(rest)) return obj;
  return null;
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === ' ') i++;
  return i;
}

/** Column (1-based) of `key` in a flow-mapping line, or of its value; 0 when absent. */
export function columnOfKey(line: string, key: string, value: boolean): number {
  const re = new RegExp(`[{,]\\s*(${key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')})\\s*:\\s*`, 'g');
  const m = re.exec(line);
  if (!m) return 0;
  const keyCol = m.index + m[0].indexOf(key) + 1;
  return value ? m.index + m[0].length + 1 : keyCol;
}
