import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { schemaText } from '../../src/cli/commands/schema.js';
import { ROOT, runCli } from '../helpers/cli.js';

/** The JSON Schema for editors: pinned to the committed copy, draft 2020-12, sensible, and used by the shipped files. */

const COMMITTED = path.join(ROOT, 'schema', 'framework.schema.json');
const SHIPPED = path.join(ROOT, 'frameworks', 'neaspec-2026-2030');

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(COMMITTED, 'utf8')) as Schema;
const props = schema.properties as Record<string, Schema>;
const item = (section: string) => (props[section] as { items: Schema }).items;
const budget = props.budget as { properties: Record<string, Schema> };
const entries = (item('progress') as { anyOf: Schema[] }).anyOf;

test('the committed schema/framework.schema.json is exactly what `schema` prints', async () => {
  const r = await runCli(['schema']);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(readFileSync(COMMITTED, 'utf8'));
  expect(schemaText()).toBe(r.stdout);
});

describe('the schema is sensible', () => {
  test('draft 2020-12, an object with the eight sections and nothing else', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(Object.keys(props).sort()).toEqual(
      ['budget', 'indicators', 'narratives', 'plan', 'programmes', 'progress', 'results', 'revisions'].sort(),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  test('required fields follow DESIGN.md', () => {
    const req = (s: Schema) => [...((s.required as string[]) ?? [])].sort();
    expect(req(props.plan as Schema)).toEqual(['currency', 'end', 'id', 'start', 'title']);
    expect(req(item('programmes'))).toEqual(['id', 'title']);
    expect(req(item('results'))).toEqual(['id', 'level', 'title']);
    expect(req(item('indicators'))).toEqual(
      [
        'aggregation',
        'baseline',
        'direction',
        'frequency',
        'id',
        'measure',
        'result',
        'targets',
        'title',
        'unit',
      ].sort(),
    );
    const sources = budget.properties.sources as { items: Schema };
    const lines = budget.properties.lines as { items: Schema };
    expect(req(sources.items)).toEqual(['id', 'title']);
    expect(req(lines.items)).toEqual(['id', 'planned', 'title']);
    // value may be replaced by numerator and denominator, so it is not required by the schema
    expect(req(entries[0] as Schema)).toEqual(['date', 'indicator', 'period']);
    expect(req(entries[1] as Schema)).toEqual(['amount', 'date', 'spend']);
  });

  test('strict objects reject unknown keys; a result entry allows dimension keys', () => {
    const strict = [
      props.plan,
      item('programmes'),
      item('results'),
      item('indicators'),
      (item('indicators').properties as Record<string, Schema>).baseline,
      props.budget,
      (budget.properties.sources as { items: Schema }).items,
      (budget.properties.lines as { items: Schema }).items,
      entries[1],
    ];
    for (const s of strict) expect((s as Schema).additionalProperties).toBe(false);
    expect(entries[0]?.additionalProperties).toEqual({ type: ['string', 'number'] });
  });

  test('enums and year keys', () => {
    const ind = item('indicators').properties as Record<string, Schema>;
    expect(ind.measure?.enum).toEqual(['number', 'percent', 'milestone']);
    expect(ind.frequency?.enum).toEqual(['annual', 'semiannual', 'quarterly', 'monthly']);
    expect((ind.targets as { propertyNames: Schema }).propertyNames.pattern).toBe('^\\d{4}$');
  });
});

/** A small validator for the keywords this schema uses; it throws on any keyword it does not know. */
function errorsOf(s: Schema, v: unknown, at = '$'): string[] {
  const known = new Set([
    '$schema',
    'title',
    'description',
    'type',
    'properties',
    'required',
    'additionalProperties',
    'items',
    'anyOf',
    'enum',
    'pattern',
    'minLength',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'propertyNames',
    'minItems',
    'default',
  ]);
  for (const k of Object.keys(s)) if (!known.has(k)) throw new Error(`unsupported keyword ${k} at ${at}`);
  const out: string[] = [];
  if (s.anyOf) {
    const ok = (s.anyOf as Schema[]).some((alt) => errorsOf(alt, v, at).length === 0);
    return ok ? [] : [`${at}: matches no alternative`];
  }
  if (s.type) {
    const types = ([] as string[]).concat(s.type as string);
    const actual = Array.isArray(v)
      ? 'array'
      : v === null
        ? 'null'
        : typeof v === 'number'
          ? Number.isInteger(v)
            ? 'integer'
            : 'number'
          : typeof v;
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [`${at}: expected ${types.join('|')}, got ${actual}`];
  }
  if (s.enum && !(s.enum as unknown[]).includes(v)) out.push(`${at}: not in enum`);
  if (typeof v === 'string') {
    if (s.pattern && !new RegExp(s.pattern as string, 'u').test(v)) out.push(`${at}: pattern`);
    if (s.minLength !== undefined && v.length < (s.minLength as number)) out.push(`${at}: minLength`);
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < (s.minimum as number)) out.push(`${at}: minimum`);
    if (s.maximum !== undefined && v > (s.maximum as number)) out.push(`${at}: maximum`);
    if (s.exclusiveMinimum !== undefined && v <= (s.exclusiveMinimum as number))
      out.push(`${at}: exclusiveMinimum`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < (s.minItems as number)) out.push(`${at}: minItems`);
    if (s.items) {
      for (let i = 0; i < v.length; i++) out.push(...errorsOf(s.items as Schema, v[i], `${at}[${i}]`));
    }
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required as string[]) ?? []) if (!(r in o)) out.push(`${at}: missing ${r}`);
    for (const [k, x] of Object.entries(o)) {
      if (s.propertyNames) out.push(...errorsOf(s.propertyNames as Schema, k, `${at}.${k} (name)`));
      if (properties[k]) out.push(...errorsOf(properties[k], x, `${at}.${k}`));
      else if (s.additionalProperties === false) out.push(`${at}: unknown key ${k}`);
      else if (typeof s.additionalProperties === 'object')
        out.push(...errorsOf(s.additionalProperties as Schema, x, `${at}.${k}`));
    }
  }
  return out;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(d.name) ? [p] : [];
  });
}

describe('the schema against real files', () => {
  test('accepts the test fixtures that validate cleanly and rejects an unknown key', () => {
    const clean = parse(readFileSync(path.join(ROOT, 'test/validate/fixtures/clean/plan.yaml'), 'utf8'));
    expect(errorsOf(schema, clean)).toEqual([]);
    const ledger = parse(
      'progress:\n  - {indicator: A, period: 2026-Q1, value: 1, country: MN, date: 2026-04-01}\n  - {spend: B, date: 2026-05-01, amount: 5, currency: KRW}\n',
    );
    expect(errorsOf(schema, ledger)).toEqual([]);
    expect(errorsOf(schema, parse('programmes:\n  - {id: A, title: B, colour: red}\n'))).toEqual([
      '$.programmes[0]: unknown key colour',
    ]);
    expect(
      errorsOf(schema, parse('progress:\n  - {spend: B, date: 2026-05-01, amount: 5, country: MN}\n')),
    ).toEqual(['$.progress[0]: matches no alternative']);
  });

  const shippedFiles = existsSync(SHIPPED) ? yamlFiles(SHIPPED) : [];

  test.runIf(shippedFiles.length > 0)('the shipped framework files satisfy the schema', () => {
    for (const f of shippedFiles) {
      expect({ file: f, errors: errorsOf(schema, parse(readFileSync(f, 'utf8')) ?? {}) }).toEqual({
        file: f,
        errors: [],
      });
    }
  });

  test.runIf(shippedFiles.length > 0)(
    'each shipped framework file begins with a yaml-language-server line pointing at the schema',
    () => {
      for (const f of shippedFiles) {
        const first = readFileSync(f, 'utf8').split('\n', 1)[0] ?? '';
        const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
        expect({ file: f, first, ok: m !== null }).toEqual({ file: f, first, ok: true });
        expect(path.resolve(path.dirname(f), m?.[1] ?? '')).toBe(COMMITTED);
      }
    },
  );
});
