import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from '../../src/core/arrays.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Spreading an array into a call passes each element as an argument: `push(...xs)` or
 * `Math.max(...xs)` with some 130,000 elements overflows the stack ("Maximum call stack size
 * exceeded", issue 16.3). The source uses pushAll/maxOf/minOf instead; this keeps it so.
 */

/** The source with comments, strings and template texts blanked (positions kept). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** `file:line` of each `...` that spreads into a call's arguments (rest parameters are fine). */
function spreadCalls(file: string, text: string): string[] {
  const src = code(text);
  const found: string[] = [];
  const stack: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch === ')' || ch === ']' || ch === '}') stack.pop();
    else if (src.startsWith('...', i)) {
      const after = src.slice(i + 3, i + 200);
      const param = /^\s*[\w$]+\s*\??\s*:/.test(after) || /^\s*[\w$]+\s*\)\s*=>/.test(after);
      if (stack[stack.length - 1] === '(' && !param) {
        found.push(`${file}:${src.slice(0, i).split('\n').length}`);
      }
      i += 2;
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

describe('no array is spread into a call anywhere in src', () => {
  it('finds none', () => {
    const found = sourceFiles(path.join(ROOT, 'src')).flatMap((f) =>
      spreadCalls(path.relative(ROOT, f), readFileSync(f, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('the scan itself sees a spread argument, and not a rest parameter or an array literal', () => {
    expect(spreadCalls('a.ts', 'out.push(...xs);\nMath.max(1, ...ys.map((y) => y));\n')).toEqual([
      'a.ts:1',
      'a.ts:2',
    ]);
    expect(
      spreadCalls('b.ts', 'function f(a: A, ...rest: B[]) {}\nconst g = (...args) => [...args, ...more];\n'),
    ).toEqual([]);
    expect(spreadCalls('c.ts', "// out.push(...xs)\nconst s = 'push(...xs)';\n")).toEqual([]);
  });
});

describe('the helpers that replace the spreads', () => {
  const many = Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 200_003);

  it('pushAll appends 200,000 items in order', () => {
    const out = [1];
    pushAll(out, many);
    expect(out.length).toBe(200_001);
    expect(out[1]).toBe(many[0]);
    expect(out[200_000]).toBe(many[199_999]);
  });

  it('maxOf and minOf agree with Math.max and Math.min, also on 200,000 values', () => {
    expect(maxOf([3, -1, 2])).toBe(3);
    expect(minOf([3, -1, 2])).toBe(-1);
    expect(maxOf([], 1)).toBe(1);
    expect(minOf([4], 0)).toBe(0);
    expect(maxOf([])).toBe(Number.NEGATIVE_INFINITY);
    expect(maxOf([1, Number.NaN, 5])).toBeNaN();
    // 200,000 values: the largest multiple of 7919 mod 200,003 below 200,003 is found by a loop here.
    let hi = -1;
    let lo = Number.POSITIVE_INFINITY;
    for (const v of many) {
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
    expect(maxOf(many)).toBe(hi);
    expect(minOf(many)).toBe(lo);
    expect(lo).toBe(0);
  });
});
