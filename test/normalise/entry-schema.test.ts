import { expect, test } from 'vitest';
import { KINDS } from '../../src/normalise/entry-decoders.js';
import { frameworkJsonSchema } from '../../src/schema/json-schema.js';

/**
 * The entry decoders (src/normalise/entry-decoders.ts) state each kind's keys and the form of each
 * value; the JSON Schema editors check a ledger with is generated from the zod schemas. The two
 * must say the same: the same keys in the same order, the same required keys, and for each value
 * the same form (an id's pattern, a number's bound, a union, a constant or an enumeration).
 */

type Json = Record<string, unknown>;

/** The decoder's form of a value, as the JSON Schema writes it. */
const FORMS: Record<string, Json> = {
  id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
  text: { type: 'string' },
  period: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
  year: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
  scalar: { type: ['number', 'string'] },
  count: { type: 'number', minimum: 0 },
  base: { type: 'number', exclusiveMinimum: 0 },
  boolean: { type: 'boolean' },
  true: { type: 'boolean', const: true },
  number: { type: 'number' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  kind: { type: 'string', enum: ['cash', 'in-kind'] },
};

/** A property's schema without its description and the integer bounds zod writes for int. */
function form(p: Json): Json {
  const { description: _d, minimum, maximum, ...rest } = p;
  if (Array.isArray(rest.anyOf)) rest.anyOf = (rest.anyOf as Json[]).map(form);
  const bounded = minimum !== undefined && minimum !== -9007199254740991;
  return bounded ? { ...rest, minimum } : maximum === undefined || maximum === 9007199254740991 ? rest : p;
}

test("each entry kind's keys, required keys and value forms are the JSON Schema's", () => {
  const progress = (frameworkJsonSchema().properties as Json).progress as Json;
  const kinds = ((progress.items as Json).anyOf as Json[]).map((k) => ({
    keys: Object.keys(k.properties as Json),
    required: k.required as string[],
    properties: k.properties as Record<string, Json>,
    open: k.additionalProperties !== false,
  }));
  // The schema lists the kinds as result, spend, pledge, contribution.
  const byKey = new Map(kinds.map((k) => [k.keys[0], k]));
  expect(KINDS.map((k) => k.key).sort()).toEqual([...byKey.keys()].sort());
  for (const spec of KINDS) {
    const schema = byKey.get(spec.key);
    expect(schema, spec.kind).toBeDefined();
    if (!schema) continue;
    expect(spec.keys, spec.kind).toEqual(schema.keys);
    expect(
      spec.fields.filter((f) => f.required).map((f) => f.key),
      spec.kind,
    ).toEqual(schema.required);
    expect(spec.open, spec.kind).toBe(schema.open);
    for (const f of spec.fields) {
      expect(form(schema.properties[f.key] as Json), `${spec.kind}.${f.key}`).toEqual(FORMS[f.shape]);
    }
  }
});
