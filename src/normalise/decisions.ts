import type { z } from 'zod';
import { type Day, formatDate, parseDate, yearEnd } from '../core/dates.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Framework, Meeting, Narrative, Revision } from '../model/framework.js';
import { child, type Src } from '../model/source.js';
import type { MeetingSchema, NarrativeSchema, WrittenRevision } from '../schema/written.js';
import { moneyMinor } from './money.js';
import { outsidePlan } from './plan-years.js';
import { suggest } from './schema-issues.js';
import { targetNumber } from './values.js';

/** Meetings, revisions and narratives: the governing body's decisions and the report's dated text. */

interface Parsed<T> {
  v: T;
  src: Src;
}

function dateOf(text: string, at: Src, diagnostics: Diagnostic[]): Day | null {
  const day = parseDate(text);
  if (day === null)
    diagnostics.push(error('date-invalid', `"${text}" is not a calendar date (YYYY-MM-DD)`, at));
  return day;
}

/** Each item whose `date:` is a calendar date, made by `make`, in file order; the others are reported. */
function dated<V extends { date: string }, T>(
  items: Parsed<V>[],
  diagnostics: Diagnostic[],
  make: (v: V, date: Day, src: Src) => T,
): T[] {
  const out: T[] = [];
  for (const { v, src } of items) {
    const date = dateOf(v.date, child(src, 'date'), diagnostics);
    if (date !== null) out.push(make(v, date, src));
  }
  return out;
}

/** Meetings with a valid date, in date order. */
export function buildMeetings(
  items: Parsed<z.infer<typeof MeetingSchema>>[],
  diagnostics: Diagnostic[],
): Meeting[] {
  const out = dated(items, diagnostics, (v, date, src): Meeting => ({ id: v.id, date, title: v.title, src }));
  return out.sort((a, b) => a.date - b.date);
}

/** Narratives with a valid date, in file order (what they are about is a cross-reference rule). */
export function buildNarratives(
  items: Parsed<z.infer<typeof NarrativeSchema>>[],
  diagnostics: Diagnostic[],
): Narrative[] {
  return dated(
    items,
    diagnostics,
    (v, date, src): Narrative => ({ about: v.about, date, text: v.text, src }),
  );
}

/**
 * Revisions in the order they apply (date, then file order). Each named indicator, line and year is
 * checked here, where its values are converted: the indicator must exist and the value be one of its
 * levels (milestones) or a number; the line must exist and the amount fit the plan currency; the year
 * must be a plan year whose end is not before the revision takes effect.
 */
export function buildRevisions(
  items: Parsed<WrittenRevision>[],
  fw: Framework,
  diagnostics: Diagnostic[],
  invalidIds: ReadonlySet<string>,
): Revision[] {
  const indicators = new Map(fw.indicators.map((i) => [i.id, i]));
  const lines = new Map(fw.lines.map((l) => [l.id, l]));
  const meetings = new Set(fw.meetings.map((m) => m.id));
  const { plan } = fw;
  const out: Revision[] = [];
  items.forEach(({ v, src }, seq) => {
    const date = dateOf(v.date, child(src, 'date'), diagnostics);
    if (v.targets === undefined && v.planned === undefined) {
      diagnostics.push(
        error('missing-key', `revision ${v.id} changes nothing: give \`targets\`, \`planned\` or both`, src),
      );
    }
    if (v.meeting !== undefined && !meetings.has(v.meeting) && !invalidIds.has(v.meeting)) {
      diagnostics.push(
        error(
          'unknown-meeting',
          `unknown meeting "${v.meeting}"${suggest(v.meeting, [...meetings])}${meetings.size === 0 ? ' (plan.meetings lists none)' : ''}`,
          child(src, 'meeting'),
        ),
      );
    }
    /** True when the year may be revised: a plan year that had not ended when the revision took effect. */
    const yearOk = (key: string, at: Src): boolean => {
      const year = Number(key);
      if (outsidePlan(year, plan, 'year', at, diagnostics)) return false;
      if (date !== null && yearEnd(year) < date) {
        diagnostics.push(
          error(
            'retroactive-revision',
            `${year} ended before this revision takes effect (${formatDate(date)}); a revision cannot change a year that has ended`,
            at,
            true,
          ),
        );
        return false;
      }
      return true;
    };
    const targets = new Map<string, Map<number, number>>();
    for (const [id, years] of Object.entries(v.targets ?? {})) {
      const at = child(src, 'targets', id);
      const ind = indicators.get(id);
      if (!ind) {
        if (!invalidIds.has(id))
          diagnostics.push(
            error(
              'unknown-indicator',
              `unknown indicator "${id}"${suggest(id, [...indicators.keys()])}`,
              at,
              true,
            ),
          );
        continue;
      }
      const m = new Map<number, number>();
      for (const [key, value] of Object.entries(years)) {
        const yat = child(at, key);
        if (!yearOk(key, yat)) continue;
        if (Number(key) <= ind.baseline.year) {
          diagnostics.push(
            error(
              'target-before-baseline',
              `target year ${key} is not after ${id}'s baseline year ${ind.baseline.year}`,
              yat,
              true,
            ),
          );
          continue;
        }
        const n = targetNumber(ind.measure, ind.levels, value, yat, diagnostics);
        if (n !== undefined) m.set(Number(key), n);
      }
      targets.set(id, m);
    }
    const planned = new Map<string, Map<number, bigint>>();
    for (const [id, years] of Object.entries(v.planned ?? {})) {
      const at = child(src, 'planned', id);
      if (!lines.has(id)) {
        if (!invalidIds.has(id))
          diagnostics.push(
            error('unknown-line', `unknown budget line "${id}"${suggest(id, [...lines.keys()])}`, at, true),
          );
        continue;
      }
      const m = new Map<number, bigint>();
      for (const [key, amount] of Object.entries(years)) {
        const yat = child(at, key);
        if (!yearOk(key, yat)) continue;
        const minor = moneyMinor(amount, plan.currency, plan.digits, yat, diagnostics);
        if (minor !== undefined) m.set(Number(key), minor);
      }
      planned.set(id, m);
    }
    if (date === null) return;
    out.push({
      id: v.id,
      date,
      meeting: v.meeting,
      title: v.title,
      reason: v.reason,
      targets,
      planned,
      seq,
      src,
    });
  });
  return out.sort((a, b) => a.date - b.date || a.seq - b.seq);
}
