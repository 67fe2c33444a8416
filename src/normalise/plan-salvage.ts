import { currencyDigits, isCurrencyCode } from '../core/money.js';
import type { Plan } from '../model/framework.js';
import type { Src } from '../model/source.js';
import { PlanSchema } from '../schema/written.js';

/**
 * A plan section that failed its schema has been reported; the rest of the framework is still
 * checked against what can be read of it (DESIGN: an error in one section does not hide errors in
 * another). Each field that passes on its own is used; one that does not becomes a placeholder
 * that switches off the checks depending on it, so the one mistake is not reported again on every
 * entry: unknown years (end before start) skip year checks, an unknown currency skips money
 * checks of entries in the plan currency.
 */
export function salvagePlan(written: Record<string, unknown>, src: Src): Plan {
  const sh = PlanSchema.shape;
  const field = <T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, k: string) => {
    const r = schema.safeParse(written[k]);
    return r.success ? r.data : undefined;
  };
  const start = field(sh.start, 'start');
  const end = field(sh.end, 'end');
  const yearsOk = start !== undefined && end !== undefined;
  const currency = field(sh.currency, 'currency');
  const planCurrency = currency !== undefined && isCurrencyCode(currency) ? currency : '';
  const rating = field(sh.rating, 'rating');
  return {
    id: field(sh.id, 'id') ?? '',
    title: field(sh.title, 'title') ?? '',
    start: yearsOk ? start : 1,
    end: yearsOk ? end : 0,
    currency: planCurrency,
    digits: planCurrency ? currencyDigits(planCurrency) : 2,
    dimensions: field(sh.dimensions, 'dimensions') ?? salvageDimensions(written.dimensions),
    rating: { on_track: rating?.on_track ?? 0.85, at_risk: rating?.at_risk ?? 0.5 },
    description: field(sh.description, 'description'),
    // A plan that failed its schema has been reported; an IATI block of it would not be exported.
    iati: undefined,
    // Nor would a portfolio read its links.
    contributesTo: [],
    src,
  };
}

/** Dimension lists as far as they read as lists of values, so entries naming them are not all wrong. */
function salvageDimensions(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = Object.create(null);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [name, list] of Object.entries(value)) {
    if (Array.isArray(list)) out[name] = list.filter((v) => typeof v !== 'object').map(String);
  }
  return out;
}
