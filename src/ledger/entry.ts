import { yamlString } from '../yaml/scalar.js';
import { flowPairs } from '../yaml/write.js';

/** A new ledger entry as ordered (key, YAML text) pairs, and its one-line flow-mapping form. */

/** What `record result` asks for; number texts are already checked by `decimalArgument`. */
export interface ResultRequest {
  kind: 'result';
  indicator: string;
  period: string;
  /** A number's text, or a milestone level name (`valueIsText`). */
  value?: string;
  valueIsText?: boolean;
  numerator?: string;
  denominator?: string;
  /** Disaggregation values in the order given, e.g. [['country', 'MN']]. */
  dims: [string, string][];
  date: string;
  source?: string;
  note?: string;
  corrects?: boolean;
  /** A withdrawal (`--withdraw`): written as `withdrawn: true` in place of a value. */
  withdrawn?: boolean;
  /** Where an imported row came from (`import`): digest, sheet row and day, written last. */
  imported?: string;
}

/** What `record spend` asks for; the amount's text is written exactly as given. */
export interface SpendRequest {
  kind: 'spend';
  line: string;
  amount: string;
  date: string;
  currency?: string;
  source?: string;
  note?: string;
  /** A second, real payment identical to an earlier entry (`--again`): written as `again: true`. */
  again?: boolean;
  imported?: string;
}

/** What `record pledge` and `record contribution` ask for; the amount's text is written exactly as given. */
export interface ResourceRequest {
  kind: 'pledge' | 'contribution';
  /** The budget source. */
  fund: string;
  /** The contributor. */
  from: string;
  /** The plan year, as typed (required for a pledge; a contribution defaults to its date's year). */
  year?: string;
  amount: string;
  currency?: string;
  /** `cash` or `in-kind` (contributions), written only when given. */
  contributionKind?: 'cash' | 'in-kind';
  date: string;
  source?: string;
  note?: string;
  again?: boolean;
  imported?: string;
}

export type EntryRequest = ResultRequest | SpendRequest | ResourceRequest;

export type Field = readonly [key: string, yamlText: string];

/** The fields of an entry in the order the contract's examples write them. */
export function entryFields(r: EntryRequest): Field[] {
  const f: Field[] = [];
  const str = (k: string, v: string | undefined) => {
    if (v !== undefined) f.push([k, yamlString(v)]);
  };
  // A checked YYYY-MM-DD, written plain as in the contract: a string to YAML 1.2, a date to YAML 1.1.
  const date = (d: string) => f.push(['date', /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : yamlString(d)]);
  if (r.kind === 'result') {
    str('indicator', r.indicator);
    // A year is written as the plain number, as in the contract's examples (`period: 2026`).
    f.push(['period', /^\d{4}$/.test(r.period) ? r.period : yamlString(r.period)]);
    if (r.withdrawn) f.push(['withdrawn', 'true']);
    if (r.value !== undefined) f.push(['value', r.valueIsText ? yamlString(r.value) : r.value]);
    if (r.numerator !== undefined) f.push(['numerator', r.numerator]);
    if (r.denominator !== undefined) f.push(['denominator', r.denominator]);
    for (const [k, v] of r.dims) str(k, v);
    date(r.date);
    str('source', r.source);
    str('note', r.note);
    if (r.corrects) f.push(['corrects', 'true']);
  } else if (r.kind === 'spend') {
    str('spend', r.line);
    date(r.date);
    f.push(['amount', r.amount]);
    str('currency', r.currency);
    str('source', r.source);
    str('note', r.note);
    if (r.again) f.push(['again', 'true']);
  } else {
    // As in the contract's examples: {pledge: CORE, from: KR, year: 2026, amount: 300000, date: …}.
    str(r.kind, r.fund);
    str('from', r.from);
    if (r.year !== undefined) f.push(['year', r.year]);
    f.push(['amount', r.amount]);
    str('currency', r.currency);
    str('kind', r.contributionKind);
    date(r.date);
    str('source', r.source);
    str('note', r.note);
    if (r.again) f.push(['again', 'true']);
  }
  str('imported', r.imported);
  return f;
}

/** `{indicator: AP.O1.1-a, period: 2026, value: 1, date: 2026-11-02}` */
export function flowMapping(fields: readonly Field[]): string {
  return flowPairs(fields);
}
