import type { z } from 'zod';
import { pushAll } from '../core/arrays.js';
import { type Day, formatDate } from '../core/dates.js';
import { decimalText } from '../core/money.js';
import { formatPeriod, type Period, periodStart } from '../core/periods.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Indicator } from '../model/framework.js';
import { child, type Src } from '../model/source.js';
import type { EntryLookup } from './entry-context.js';
import { convertedProblem } from './money.js';
import { describe, schemaDiagnostics, suggest, unknownKey } from './schema-issues.js';
import { groupedValue, isGroupedNumber } from './thousands.js';
import { figureRange } from './values.js';

/**
 * What an entry decoder finds wrong, as data (publint's `{code, args, path}`): the rule's code,
 * the field it is about (undefined: the entry as a whole) and what the message needs. The
 * decoders say only *what* is wrong; `entryDiagnostics` below is the one place that says it in
 * words. A fail-fast sink stops the decoder at the first finding and keeps nothing, so a million
 * valid lines make no message text; a line with a finding is decoded again into a `Collect`.
 */
export interface Finding {
  code: string;
  field: string | undefined;
  args: FindingArgs;
}

/** What a finding's message needs: a written value, the indicator, a period, figures. */
export interface FindingArgs {
  /** A value as written. */
  written?: unknown;
  ind?: Indicator;
  period?: Period;
  day?: Day;
  /** Numbers the message names (numerator and denominator; an amount). */
  a?: number;
  b?: number;
  /** A currency, an id, a dimension's values, ... */
  text?: string;
  list?: readonly string[];
  minor?: bigint;
  /** A shape finding (a key missing, or a value of the wrong type): the issue as zod would raise it. */
  issue?: ShapeIssue;
  /** Where a shape finding stands in the schema's order of keys (then extra keys as written). */
  order?: number;
  /** The entry's diagnostic points at the key, not the value. */
  atKey?: boolean;
}

/** A shape problem in the form schema-issues.ts turns into words, the same for every section. */
export type ShapeIssue = Record<string, unknown> & { code: string; path: (string | number)[] };

/** Where a decoder reports: `add` returns true when the decoder should stop. */
export interface Sink {
  /** True when every finding is kept (then the decoder goes on past the first). */
  readonly collecting: boolean;
  /** How many findings so far. */
  readonly count: number;
  add(code: string, field: string | undefined, args: FindingArgs): boolean;
}

/** The hot path's sink: stops at the first finding and keeps nothing of it. */
export class FailFast implements Sink {
  readonly collecting = false;
  count = 0;

  add(): boolean {
    this.count++;
    return true;
  }
}

/** Keeps every finding, for the message of each. */
export class Collect implements Sink {
  readonly collecting = true;
  readonly findings: Finding[] = [];

  get count(): number {
    return this.findings.length;
  }

  add(code: string, field: string | undefined, args: FindingArgs): boolean {
    this.findings.push({ code, field, args });
    return false;
  }
}

/** The forms a field's value may take, as the schema (src/schema/written.ts) states them. */
export type Shape =
  | 'id'
  | 'text'
  | 'period'
  | 'scalar'
  | 'count'
  | 'base'
  | 'boolean'
  | 'true'
  | 'number'
  | 'currency'
  | 'year'
  | 'kind'
  | 'dimension';

const ID_FORM = 'letters, digits, ".", "_" or "-"';
const CURRENCY_FORM = 'an ISO 4217 code such as USD';
const UNIONS: readonly Shape[] = ['period', 'scalar', 'year', 'dimension'];

/** The shape issue of a value that does not fit its field's form (or, `input` undefined, of a missing key). */
export function shapeIssue(shape: Shape, key: string, input: unknown): ShapeIssue {
  const path = [key];
  const missing = input === undefined;
  if (UNIONS.includes(shape))
    return missing ? { code: 'invalid_union', path } : { code: 'invalid_union', path, input };
  const type = (expected: string): ShapeIssue =>
    missing ? { code: 'invalid_type', expected, path } : { code: 'invalid_type', expected, path, input };
  switch (shape) {
    case 'id':
    case 'currency':
      return typeof input === 'string'
        ? { code: 'invalid_format', message: shape === 'id' ? ID_FORM : CURRENCY_FORM, path, input }
        : type('string');
    case 'count':
    case 'base':
      return typeof input === 'number' && Number.isFinite(input)
        ? { code: 'too_small', origin: 'number', minimum: 0, inclusive: shape === 'count', path, input }
        : type('number');
    case 'number':
      return type('number');
    case 'boolean':
      return type('boolean');
    case 'true':
      return { code: 'invalid_value', values: [true], path, input };
    case 'kind':
      return { code: 'invalid_value', values: ['cash', 'in-kind'], path, input };
    default:
      return type('string');
  }
}

/**
 * The diagnostics of one entry's findings: shape findings through the schema's wording
 * (schema-issues.ts, as for every section), rule findings in this module's own words.
 * `keys` are the kind's keys (for suggestions); `written` the entry as written, when there is one.
 */
export function entryDiagnostics(
  findings: readonly Finding[],
  src: Src,
  lk: EntryLookup,
  keys: readonly string[],
  written?: unknown,
): Diagnostic[] {
  const shape = findings.filter((f) => f.args.issue !== undefined);
  const out: Diagnostic[] = [];
  if (shape.length > 0) {
    const ordered = [...shape].sort((a, b) => (a.args.order ?? 0) - (b.args.order ?? 0));
    const issues: ShapeIssue[] = [];
    const unrecognized: string[] = [];
    for (const f of ordered) {
      const issue = f.args.issue as ShapeIssue;
      if (issue.code === 'unrecognized_keys') pushAll(unrecognized, issue.keys as string[]);
      else issues.push(issue);
    }
    if (unrecognized.length > 0) issues.push({ code: 'unrecognized_keys', keys: unrecognized, path: [] });
    pushAll(
      out,
      schemaDiagnostics(issues as unknown as z.core.$ZodIssue[], src, () => [...keys], written),
    );
  }
  for (const f of findings) if (f.args.issue === undefined) out.push(ruleDiagnostic(f, src, lk));
  return out;
}

/** The one statement of each ledger rule's message. */
function ruleDiagnostic(f: Finding, src: Src, lk: EntryLookup): Diagnostic {
  const at = f.field === undefined ? src : child(src, f.field);
  const a = f.args;
  const plan = lk.fw.plan;
  const ind = a.ind as Indicator;
  const text = a.text as string;
  const planYears = `(${plan.start}–${plan.end})`;
  const say = (message: string) => error(f.code, message, at, a.atKey === true);
  switch (f.code) {
    case 'wrong-type':
      if (f.field === undefined)
        return say(
          'a ledger entry must be a mapping such as {indicator: ..., period: ..., value: ..., date: ...}',
        );
      if (f.field === 'value')
        return isGroupedNumber(a.written)
          ? groupedValue(a.written, at)
          : say(`"value" must be a number, not ${JSON.stringify(a.written)}`);
      return say(`"${f.field}" must be one of ${(a.list ?? []).join(', ')}, not ${describe(a.written)}`);
    case 'entry-kind':
      return say(
        'a ledger entry needs `indicator` (a result), `spend` (money spent), `pledge` or `contribution` (money promised or received)',
      );
    case 'unknown-indicator':
      return say(`unknown indicator "${text}"${lk.didYouMean.indicator(text)}`);
    case 'unknown-line':
      return say(`unknown budget line "${text}"${lk.didYouMean.line(text)}`);
    case 'unknown-source':
      return say(`unknown funding source "${text}"${lk.didYouMean.source(text)}`);
    case 'unknown-contributor':
      return say(
        `unknown contributor "${text}"${lk.didYouMean.contributor(text)}${lk.contributors.size === 0 ? ' (budget.contributors lists none)' : ''}`,
      );
    case 'unknown-key':
      return unknownKey(f.field as string, [...(a.list ?? [])], at);
    case 'not-disaggregated':
      return say(`indicator ${ind.id} is not disaggregated by ${f.field}`);
    case 'dimension-value': {
      const values = a.list ?? [];
      return say(`"${text}" is not a ${f.field} of the plan (${values.join(', ')})${suggest(text, values)}`);
    }
    case 'partial-disaggregation':
      return say(
        `${ind.id} is disaggregated by ${ind.disaggregate.join(' and ')}: give ${(a.list ?? []).join(' and ')} too (or no dimension at all for the period's total)`,
      );
    case 'period-invalid':
      return say(`"${String(a.written)}" is not a period (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)`);
    case 'period-frequency': {
      const p = a.period as Period;
      return say(`${formatPeriod(p)} is a ${p.frequency} period, but ${ind.id} is reported ${ind.frequency}`);
    }
    case 'period-outside-plan':
      return say(`${formatPeriod(a.period as Period)} lies outside the plan ${planYears}`);
    case 'date-invalid':
      return say(`"${String(a.written)}" is not a calendar date (YYYY-MM-DD)`);
    case 'date-before-period': {
      const p = a.period as Period;
      return say(
        `the date ${formatDate(a.day as Day)} is before period ${formatPeriod(p)} starts (${formatDate(periodStart(p))})`,
      );
    }
    case 'spend-outside-plan':
      return say(`spending dated ${formatDate(a.day as Day)} lies outside the plan years ${planYears}`);
    case 'value-form':
      if (a.text === 'withdrawn')
        return say(
          `a withdrawal (withdrawn: true) carries no ${f.field}; record the corrected figure as its own entry`,
        );
      return say('give either `value` or `numerator` and `denominator`, not both');
    case 'ratio-not-percent':
      return say(`numerator and denominator are for percent indicators; ${ind.id} is a ${ind.measure}`);
    case 'missing-key':
      if (text === 'value')
        return say('"value" is required (or `numerator` and `denominator` for a percent)');
      return say(`"${text}" is required with the other`);
    case 'figure-range':
      return figureRange(a.a as number, at) as Diagnostic;
    case 'percent-range':
      if (f.field === 'numerator') return say(`numerator ${a.a} exceeds denominator ${a.b} (over 100%)`);
      return say(`a percent lies in 0–100, not ${a.a}`);
    case 'milestone-level': {
      const levels = ind.levels ?? [];
      return say(
        `${JSON.stringify(a.written)} is not a level of ${ind.id}: ${levels.join(', ')}${suggest(String(a.written), levels)}`,
      );
    }
    case 'unknown-currency':
      return say(`"${text}" is not an ISO 4217 currency code`);
    case 'amount-too-large':
      if (a.minor !== undefined)
        return convertedProblem(a.minor, `${a.a} ${text}`, plan.currency, at) as Diagnostic;
      return say(`${decimalText(a.a as number)} ${text} is too large to be read exactly`);
    case 'decimal-places':
      return say(`${decimalText(a.a as number)} has more decimal places than ${text} allows (${a.b})`);
    case 'rate-missing': {
      const date = formatDate(a.day as Day);
      return say(`no ${text} rate for ${date.slice(0, 7)} or ${date.slice(0, 4)} in budget.rates`);
    }
    case 'invalid-value':
      return say(`"${String(a.written)}" is not a year such as ${plan.start}`);
    case 'year-outside-plan':
      if (f.field === 'date')
        return say(
          `this contribution counts for ${a.a}, its date's year, which lies outside the plan ${planYears}; give \`year:\` the plan year it is for`,
        );
      return say(`year ${a.a} lies outside the plan ${planYears}`);
    default:
      throw new Error(`internal: no message for the ledger finding ${f.code}`);
  }
}
