import * as z from 'zod';

/** The framework files as written: one zod schema per section, strict (unknown keys are errors). */

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"');
const text = z.string().min(1);
const year = z.number().int().min(1900).max(2200);
const yearKey = z.string().regex(/^\d{4}$/, 'a year such as 2026');
const scalarValue = z.union([z.number(), z.string()]);
/** SDG targets: codes such as "11.6" or "15.a" (a bare 11.6 is read as written, not as a number). */
const sdgTargets = z
  .array(z.union([z.string(), z.number()]))
  .describe('SDG targets, such as ["11.6", "15.a"]: one of the 169 targets of the 2030 Agenda');

const iatiCode = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const percentage = z.number().min(0).max(100);
/** An absolute URI (a scheme, ":", no spaces): `https://…`, `urn:…`. */
const absoluteUri = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/, 'an absolute URI such as https://example.int/… or urn:…');

/** A recipient country or region, or a sector: a code, or a code with its vocabulary and share. */
const IatiClassSchema = z.union([
  iatiCode,
  z.strictObject({
    code: iatiCode,
    vocabulary: iatiCode.optional().describe('IATI vocabulary code; default 1 (OECD DAC)'),
    percentage: percentage.optional().describe('share in percent; needed when several are listed'),
    name: z.string().min(1).optional().describe('a name; needed for vocabularies 98 and 99'),
  }),
]);

export const IatiSchema = z
  .strictObject({
    reporting_org: z
      .strictObject({
        ref: z.string().min(1).describe("The organisation's IATI identifier, e.g. XM-DAC-41114"),
        type: iatiCode.describe('IATI OrganisationType code, e.g. 40 (Multilateral)'),
        name: text,
      })
      .describe('The organisation that publishes the activity.'),
    identifier: z
      .string()
      .min(1)
      .optional()
      .describe('The IATI activity identifier; default <reporting_org.ref>-<plan id>'),
    activity_status: iatiCode.describe('IATI ActivityStatus code: 1 pipeline … 2 implementation … 4 closed'),
    description: z.string().min(1).optional().describe("The activity's description; default the plan's"),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as en')
      .optional()
      .describe('Language of the texts (ISO 639-1); default en'),
    recipient_countries: z
      .array(IatiClassSchema)
      .optional()
      .describe('ISO 3166-1 alpha-2 codes, or {code, percentage}'),
    recipient_regions: z
      .array(IatiClassSchema)
      .optional()
      .describe('IATI Region codes (vocabulary 1, OECD DAC), or {code, vocabulary, percentage}'),
    sectors: z
      .array(IatiClassSchema)
      .min(1)
      .describe('OECD DAC 5-digit purpose codes, or {code, vocabulary, percentage, name}'),
    extension_namespace: absoluteUri
      .optional()
      .describe("Namespace URI of the export's nt: elements; default urn:neaspec-track:iati-extension"),
    indicator_vocabulary_uri: absoluteUri
      .optional()
      .describe(
        "Where the publisher documents its indicator codes (indicator-uri of the indicators' references)",
      ),
  })
  .describe('What `export --format iati` needs to publish the plan as an IATI activity (see docs/iati.md).');

/** One parent framework this framework contributes to, and which of its indicators feed which of the parent's. */
export const ContributesToSchema = z
  .strictObject({
    framework: z
      .string()
      .min(1)
      .describe(
        "The parent framework's path, relative to this framework's root (its directory, or a file's folder)",
      ),
    indicators: z
      .record(id, id)
      .describe(
        "OWN-ID: PARENT-ID — this framework's indicator and the parent's indicator it counts towards",
      ),
  })
  .describe('{framework: PATH, indicators: {OWN-ID: PARENT-ID}}');

export const PlanSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"'),
    title: text,
    description: z.string().optional(),
    start: year,
    end: year,
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    dimensions: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/),
        z.array(z.union([z.string(), z.number()]).transform(String)),
      )
      .optional(),
    rating: z
      .strictObject({
        on_track: z.number().min(0).max(10).optional().describe('default 0.85'),
        at_risk: z.number().min(0).max(10).optional().describe('default 0.5'),
      })
      .optional(),
    meetings: z.array(z.unknown()).optional().describe("The governing body's meetings, in any order."),
    iati: IatiSchema.optional(),
    markers: z
      .record(z.string(), z.number().int())
      .optional()
      .describe(
        'OECD DAC policy markers: {environment: 2, gender: 1, …}; 0 not targeted, 1 significant, 2 principal (3 desertification, 4 RMNCH only)',
      ),
    contributes_to: z
      .array(ContributesToSchema)
      .optional()
      .describe('The frameworks this one contributes to (a programme, a portfolio); read by `portfolio`.'),
  })
  .describe('The plan: exactly once across the framework.');

export const ProgrammeSchema = z.strictObject({ id, title: text, description: z.string().optional() });

export const ResultSchema = z.strictObject({
  id,
  level: z.enum(['impact', 'outcome', 'output']),
  title: text,
  description: z.string().optional(),
  programme: id.optional(),
  parent: id.optional(),
  sdg: sdgTargets.optional(),
});

export const IndicatorSchema = z.strictObject({
  id,
  result: id,
  title: text,
  description: z.string().optional(),
  unit: text,
  measure: z.enum(['number', 'percent', 'milestone']),
  direction: z.enum(['increase', 'decrease']),
  aggregation: z.enum(['cumulative', 'level']),
  baseline: z.strictObject({ year, value: scalarValue }),
  targets: z.record(yearKey, scalarValue),
  frequency: z.enum(['annual', 'semiannual', 'quarterly', 'monthly']),
  disaggregate: z
    .union([
      z.array(z.string()),
      z.record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String))),
    ])
    .optional()
    .describe(
      'The dimensions it is disaggregated by: [country] expects every value of the plan; {country: [CN, JP, KR, RU]} names the values expected to report.',
    ),
  means_of_verification: z.string().optional(),
  levels: z.array(text).min(2).optional(),
  sdg: sdgTargets.optional(),
});

export const MeetingSchema = z
  .strictObject({ id, date: z.string().describe('YYYY-MM-DD'), title: z.string().optional() })
  .describe('A meeting of the governing body, e.g. {id: SOM-29, date: 2026-10-21, title: ...}.');

export const BudgetSourceSchema = z.strictObject({
  id,
  title: text,
  description: z.string().optional(),
  opening_balance: z.number().optional().describe("Cash held at the plan's start, in the plan currency."),
});

export const ContributorSchema = z
  .strictObject({ id, title: text, description: z.string().optional() })
  .describe('Who pledges and pays: a member State, a donor.');

export const BudgetLineSchema = z.strictObject({
  id,
  title: text,
  description: z.string().optional(),
  result: id.optional(),
  source: id.optional(),
  category: z.string().optional(),
  planned: z.record(yearKey, z.number()),
});

export const BudgetSchema = z.strictObject({
  sources: z.array(BudgetSourceSchema).optional(),
  contributors: z.array(ContributorSchema).optional(),
  rates: z
    .record(
      z.string().regex(/^[A-Z]{3}$/),
      z.record(z.string().regex(/^\d{4}(?:-\d{2})?$/, 'YYYY or YYYY-MM'), z.number().positive()),
    )
    .optional(),
  lines: z.array(BudgetLineSchema).optional(),
});

const period = z.union([z.string(), z.number().int()]);
const date = z.string().describe('YYYY-MM-DD');
const optText = z.string().optional();

export const ResultEntrySchema = z
  .object({
    indicator: id,
    period,
    value: scalarValue.optional(),
    numerator: z.number().min(0).optional(),
    denominator: z.number().positive().optional(),
    date,
    source: optText,
    note: optText,
    corrects: z.boolean().optional(),
    withdrawn: z
      .literal(true)
      .optional()
      .describe('Withdraws the standing value of this key from `date` on.'),
    imported: optText.describe(
      'Where an imported row came from (written by `import`): its digest, sheet row and import day.',
    ),
  })
  .catchall(z.union([z.string(), z.number()]).transform(String))
  .describe('A result entry; any further key is a disaggregation dimension, e.g. country: MN.');

export const SpendEntrySchema = z.strictObject({
  spend: id,
  date,
  amount: z.number(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .optional(),
  note: optText,
  source: optText,
  imported: optText.describe(
    'Where an imported row came from (written by `import`): its digest, sheet row and import day.',
  ),
  again: z
    .literal(true)
    .optional()
    .describe('A second, real payment identical to an earlier entry (`record --again`).'),
});

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
  .optional();

export const PledgeEntrySchema = z
  .strictObject({
    pledge: id.describe('The budget source pledged to.'),
    from: id.describe('The contributor.'),
    year: z.union([z.number().int(), z.string()]).describe('The plan year the pledge is for.'),
    amount: z.number(),
    date,
    currency,
    note: optText,
    source: optText,
    imported: optText.describe(
      'Where an imported row came from (written by `import`): its digest, sheet row and import day.',
    ),
    again: z
      .literal(true)
      .optional()
      .describe('A second, real payment identical to an earlier entry (`record --again`).'),
  })
  .describe('A pledge: money promised to a source by a contributor for a plan year.');

export const ContributionEntrySchema = z
  .strictObject({
    contribution: id.describe('The budget source that received it.'),
    from: id.describe('The contributor.'),
    year: z
      .union([z.number().int(), z.string()])
      .optional()
      .describe("The plan year it counts for; default: its date's year."),
    amount: z.number(),
    kind: z.enum(['cash', 'in-kind']).optional().describe('default cash'),
    date,
    currency,
    note: optText,
    source: optText,
    imported: optText.describe(
      'Where an imported row came from (written by `import`): its digest, sheet row and import day.',
    ),
    again: z
      .literal(true)
      .optional()
      .describe('A second, real payment identical to an earlier entry (`record --again`).'),
  })
  .describe('A contribution received (cash, or in kind at its value).');

const targetValues = z.record(yearKey, scalarValue);
const plannedAmounts = z.record(yearKey, z.number());

export const RevisionSchema = z
  .strictObject({
    id,
    date: z.string().describe('YYYY-MM-DD: the day it takes effect'),
    meeting: id.optional().describe('The meeting that decided it.'),
    title: text,
    reason: z.string().optional(),
    targets: z
      .record(id, targetValues)
      .optional()
      .describe('Per indicator: the years whose target changes or is added.'),
    planned: z
      .record(id, plannedAmounts)
      .optional()
      .describe('Per budget line: the years whose amount changes or is added.'),
  })
  .describe('A decision that changes targets or planned money from a day on.');

export const NarrativeSchema = z
  .strictObject({
    about: id.describe('`plan`, or a programme, result or indicator id.'),
    date: z.string().describe('YYYY-MM-DD'),
    text: text.describe('Markdown: paragraphs, lists, emphasis, links.'),
  })
  .describe('Dated text for the report; per id, the latest dated on or before the report date stands.');

/** One framework file: any of the sections. */
export const FileSchema = z
  .strictObject({
    plan: PlanSchema.optional(),
    programmes: z.array(z.unknown()).optional(),
    results: z.array(z.unknown()).optional(),
    indicators: z.array(z.unknown()).optional(),
    budget: z.unknown().optional(),
    revisions: z.array(z.unknown()).optional(),
    narratives: z.array(z.unknown()).optional(),
    progress: z.array(z.unknown()).optional(),
  })
  .nullable();

/** The keys a result entry knows (besides dimensions), for suggestions. */
export const RESULT_ENTRY_KEYS = Object.keys(ResultEntrySchema.shape);

export type WrittenPlan = z.infer<typeof PlanSchema>;
export type WrittenIati = z.infer<typeof IatiSchema>;
export type WrittenProgramme = z.infer<typeof ProgrammeSchema>;
export type WrittenResult = z.infer<typeof ResultSchema>;
export type WrittenIndicator = z.infer<typeof IndicatorSchema>;
export type WrittenBudget = z.infer<typeof BudgetSchema>;
export type WrittenLine = z.infer<typeof BudgetLineSchema>;
export type WrittenResultEntry = z.infer<typeof ResultEntrySchema>;
export type WrittenSpendEntry = z.infer<typeof SpendEntrySchema>;
export type WrittenPledgeEntry = z.infer<typeof PledgeEntrySchema>;
export type WrittenContributionEntry = z.infer<typeof ContributionEntrySchema>;
export type WrittenRevision = z.infer<typeof RevisionSchema>;
