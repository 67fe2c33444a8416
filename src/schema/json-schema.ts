import { z } from 'zod';
import {
  BudgetSchema,
  IndicatorSchema,
  PlanSchema,
  ProgrammeSchema,
  ResultEntrySchema,
  ResultSchema,
  SpendEntrySchema,
} from './written.js';

/** The JSON Schema (draft 2020-12) of one framework file, generated from the same zod schemas validate uses. */
export function frameworkJsonSchema(): Record<string, unknown> {
  const file = z
    .strictObject({
      plan: PlanSchema.optional(),
      programmes: z.array(ProgrammeSchema).optional(),
      results: z.array(ResultSchema).optional(),
      indicators: z.array(IndicatorSchema).optional(),
      budget: BudgetSchema.optional(),
      progress: z.array(z.union([ResultEntrySchema, SpendEntrySchema])).optional(),
    })
    .describe(
      'A neaspec-track framework file: any of the sections plan, programmes, results, indicators, budget, progress.',
    );
  const schema = z.toJSONSchema(file, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'neaspec-track framework file',
    ...schema,
  };
}
