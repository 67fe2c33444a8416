import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Plan } from '../model/framework.js';
import type { Src } from '../model/source.js';
import { yearsKnown } from './entry-context.js';

/**
 * Whether `year` lies outside the plan's years, reporting it if so (`what` names the year: "target
 * year", "planned year", "year"). A plan whose years are themselves wrong reports nothing here.
 */
export function outsidePlan(
  year: number,
  plan: Plan,
  what: string,
  at: Src,
  diagnostics: Diagnostic[],
): boolean {
  if (!yearsKnown(plan) || (year >= plan.start && year <= plan.end)) return false;
  diagnostics.push(
    error('year-outside-plan', `${what} ${year} lies outside the plan (${plan.start}–${plan.end})`, at, true),
  );
  return true;
}
