import { checkFiles } from '../../src/load/index.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { locate } from '../../src/render/diagnostics.js';

/** A diagnostic reduced to what the tests assert: code, severity and position. */
export interface Found {
  code: string;
  severity: 'error' | 'warning';
  file: string | null;
  line: number | null;
  col: number | null;
}

/** Checks in-memory files (name → text) through the pure pipeline. */
export function checkTexts(files: Record<string, string>): Diagnostic[] {
  const raw = Object.keys(files)
    .sort()
    .map((name) => ({ name, path: name, text: files[name] as string }));
  return checkFiles('fw', raw).diagnostics;
}

/** Code, severity and position of each diagnostic, in report order. */
export function found(files: Record<string, string>): Found[] {
  return checkTexts(files).map((d) => {
    const l = locate(d);
    return { code: l.code, severity: l.severity, file: l.file, line: l.line, col: l.col };
  });
}

/** Shorthand for an expected diagnostic. */
export function at(
  code: string,
  file: string,
  line: number,
  col: number,
  severity: Found['severity'] = 'error',
): Found {
  return { code, severity, file, line, col };
}

/** A plan that produces no diagnostics with BUDGET and PROGRESS below. */
export const PLAN = `plan:
  id: demo
  title: Demo plan
  start: 2026
  end: 2028
  currency: USD
  dimensions:
    country: [CN, MN]
programmes:
  - {id: AP, title: Air pollution}
results:
  - {id: AP.O1, level: outcome, programme: AP, title: Cleaner air}
  - {id: AP.O1.1, level: output, parent: AP.O1, title: Reports}
indicators:
  - id: AP.O1.1-a
    result: AP.O1.1
    title: Reports published
    unit: reports
    measure: number
    direction: increase
    aggregation: cumulative
    baseline: {year: 2025, value: 0}
    targets: {2026: 1, 2028: 3}
    frequency: annual
    disaggregate: [country]
  - id: AP.O1-b
    result: AP.O1
    title: Share of stations reporting
    unit: '%'
    measure: percent
    direction: increase
    aggregation: level
    baseline: {year: 2025, value: 10}
    targets: {2028: 50}
    frequency: quarterly
`;

export const BUDGET = `budget:
  sources: [{id: CORE, title: Core fund}]
  rates: {KRW: {2026: 0.00072}}
  lines:
    - {id: B1, title: Meetings, result: AP.O1, source: CORE, planned: {2026: 100, 2027: 100, 2028: 100}}
`;

export const PROGRESS = `progress:
  - {indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}
  - {indicator: AP.O1-b, period: 2026-Q2, numerator: 4, denominator: 10, date: 2026-07-10}
  - {spend: B1, date: 2026-05-12, amount: 12.5}
`;

/** The clean framework, with any files replaced or added. */
export function fw(overrides: Record<string, string> = {}): Record<string, string> {
  return { 'plan.yaml': PLAN, 'budget.yaml': BUDGET, 'progress/2026.yaml': PROGRESS, ...overrides };
}

/** 1-based line and column of the n-th (0-based) occurrence of `needle` in `text`. */
export function pos(text: string, needle: string, nth = 0): { line: number; col: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i === -1) throw new Error(`"${needle}" not in fixture`);
  }
  const before = text.slice(0, i);
  const line = before.split('\n').length;
  return { line, col: i - before.lastIndexOf('\n') };
}

/** Expected diagnostic at the n-th occurrence of `needle` in a fixture file. */
export function atText(
  code: string,
  file: string,
  text: string,
  needle: string,
  severity: Found['severity'] = 'error',
  nth = 0,
): Found {
  const p = pos(text, needle, nth);
  return { code, severity, file, line: p.line, col: p.col };
}
