import * as z from 'zod';
import {
  BudgetSchema,
  ContributionEntrySchema,
  IndicatorSchema,
  MeetingSchema,
  NarrativeSchema,
  PlanSchema,
  PledgeEntrySchema,
  ProgrammeSchema,
  ResultEntrySchema,
  ResultSchema,
  RevisionSchema,
  SpendEntrySchema,
} from './written.js';

/** The JSON Schema (draft 2020-12) of one framework file, generated from the same zod schemas validate uses. */
export function frameworkJsonSchema(): Record<string, unknown> {
  const file = z
    .strictObject({
      // Meetings are checked one by one (a bad meeting does not hide the plan); the editor sees their shape.
      plan: PlanSchema.extend({ meetings: z.array(MeetingSchema).optional() }).optional(),
      programmes: z.array(ProgrammeSchema).optional(),
      results: z.array(ResultSchema).optional(),
      indicators: z.array(IndicatorSchema).optional(),
      budget: BudgetSchema.optional(),
      revisions: z.array(RevisionSchema).optional(),
      narratives: z.array(NarrativeSchema).optional(),
      progress: z
        .array(z.union([ResultEntrySchema, SpendEntrySchema, PledgeEntrySchema, ContributionEntrySchema]))
        .optional(),
    })
    .describe(
      'A neaspec-track framework file: any of the sections plan, programmes, results, indicators, budget, revisions, narratives, progress.',
    );
  const schema = z.toJSONSchema(file, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'neaspec-track framework file',
    ...untypedKeys(schema),
  };
}

/**
 * Drops `"type": "string"` from every `propertyNames`, keeping its pattern. In JSON a key is always
 * a string, so the type says nothing there; but YAML reads `2026:` in `targets`, `planned` and
 * `rates` as an integer key, and an editor checking YAML against the schema (yaml-language-server)
 * flags each such key "Incorrect type. Expected string". A pattern applies to string keys only,
 * so `2026` passes and a key such as `20x6` is still flagged.
 */
function untypedKeys<T>(node: T): T {
  if (Array.isArray(node)) return node.map(untypedKeys) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'propertyNames' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const { type, ...rest } = v as Record<string, unknown>;
      out[k] = untypedKeys(type === 'string' ? rest : v);
    } else out[k] = untypedKeys(v);
  }
  return out as T;
}
