import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type {
  IatiActivity,
  IatiBudget,
  IatiIndicator,
  IatiOrg,
  IatiResult,
  IatiTransaction,
  IatiValue,
} from '../compute/iati.js';
import {
  ACTIVITY_DATE_TYPE,
  ACTIVITY_STATUS,
  BUDGET_TYPE,
  type Codelist,
  INDICATOR_MEASURE,
  ORGANISATION_ROLE,
  ORGANISATION_TYPE,
  RESULT_TYPE,
  SECTOR_VOCABULARY,
  TRANSACTION_TYPE,
} from '../core/iati-codelists.js';
import { isCurrencyCode } from '../core/money.js';
import type { IatiClass } from '../model/framework.js';

/**
 * The IATI activity file (IATI Standard 2.03): what computeIati worked out, as XML. Every element
 * is written in the order the schema's sequences require (docs/iati.md lists them), and every code
 * is checked against its codelist before anything is written. Pure: data in, text out.
 *
 * xmlbuilder2 writes the XML: it escapes text and attributes in every context (`&`, `<`, `>`,
 * quotes, `]]>`), declares the extension namespace, and replaces characters XML 1.0 cannot carry
 * (a control character typed into a title) instead of writing a file no parser reads.
 */

/** neaspec-track's extension namespace: elements IATI lets a publisher add (`xsd:any ##other`), documented in docs/iati.md. */
export const EXTENSION_NS = 'https://github.com/neaspec-track/neaspec-track/blob/main/docs/iati.md';

/** A code the exporter would write that is not in its IATI codelist: the file is not written. */
export class IatiCodelistError extends Error {
  constructor(readonly problems: string[]) {
    super(`the IATI file would carry codes outside IATI's codelists: ${problems.join('; ')}`);
  }
}

/** Every codelist value of the activity that is not in its codelist (empty when all are). */
export function codelistProblems(a: IatiActivity): string[] {
  const problems: string[] = [];
  const check = (code: string, list: Codelist, name: string, where: string) => {
    if (!list.has(code)) problems.push(`${name} "${code}" (${where})`);
  };
  const currency = (code: string, where: string) => {
    if (!isCurrencyCode(code)) problems.push(`Currency "${code}" (${where})`);
  };
  currency(a.currency, 'default-currency');
  check(a.reportingOrg.type, ORGANISATION_TYPE, 'OrganisationType', 'reporting-org');
  check(a.status, ACTIVITY_STATUS, 'ActivityStatus', 'activity-status');
  for (const o of a.participating) {
    check(o.role, ORGANISATION_ROLE, 'OrganisationRole', `participating-org ${o.name}`);
    if (o.type !== undefined)
      check(o.type, ORGANISATION_TYPE, 'OrganisationType', `participating-org ${o.name}`);
  }
  for (const d of a.dates) check(d.type, ACTIVITY_DATE_TYPE, 'ActivityDateType', 'activity-date');
  for (const s of a.sectors) check(s.vocabulary, SECTOR_VOCABULARY, 'SectorVocabulary', `sector ${s.code}`);
  for (const b of a.budgets) check(b.type, BUDGET_TYPE, 'BudgetType', `budget ${b.year}`);
  for (const t of a.transactions) {
    check(t.type, TRANSACTION_TYPE, 'TransactionType', `transaction ${t.ref}`);
    currency(t.currency, `transaction ${t.ref}`);
  }
  for (const r of a.results) {
    check(r.type, RESULT_TYPE, 'ResultType', `result ${r.id}`);
    for (const i of r.indicators)
      check(i.measure, INDICATOR_MEASURE, 'IndicatorMeasure', `indicator ${i.id}`);
  }
  return problems;
}

/** The activity file's text; throws IatiCodelistError when a code is outside its codelist. */
export function exportIati(a: IatiActivity): string {
  const problems = codelistProblems(a);
  if (problems.length > 0) throw new IatiCodelistError(problems);
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  doc.com(
    ` IATI Standard 2.03 activity file written by neaspec-track, as of ${a.asOf}. nt: elements are neaspec-track's extension (see the namespace URI). `,
  );
  const root = doc.ele('iati-activities', { version: '2.03', 'xmlns:nt': EXTENSION_NS });
  const act = root.ele('iati-activity', { 'xml:lang': a.language, 'default-currency': a.currency });
  act.ele('iati-identifier').txt(a.identifier);
  narrative(
    act.ele('reporting-org', { ref: a.reportingOrg.ref, type: a.reportingOrg.type }),
    a.reportingOrg.name,
  );
  narrative(act.ele('title'), a.title);
  narrative(act.ele('description', { type: '1' }), a.description);
  for (const o of a.participating) {
    narrative(act.ele('participating-org', attrs({ ref: o.ref, type: o.type, role: o.role })), o.name);
  }
  act.ele('activity-status', { code: a.status });
  for (const d of a.dates) act.ele('activity-date', { type: d.type, 'iso-date': d.date });
  for (const c of a.countries) classElement(act, 'recipient-country', c, false);
  for (const r of a.regions) classElement(act, 'recipient-region', r, true);
  for (const s of a.sectors) classElement(act, 'sector', s, true);
  for (const b of a.budgets) budget(act, b);
  for (const t of a.transactions) transaction(act, t, a.currency);
  for (const r of a.results) result(act, r);
  return `${doc.end({ prettyPrint: true, indent: '  ' })}\n`;
}

/** Attributes without the undefined ones. */
function attrs(all: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (v !== undefined) out[k] = v;
  return out;
}

function narrative(parent: XMLBuilder, text: string): XMLBuilder {
  parent.ele('narrative').txt(text);
  return parent;
}

/** recipient-country, recipient-region or sector: code, vocabulary (left out when it is the default 1), percentage, name. */
function classElement(parent: XMLBuilder, name: string, c: IatiClass, vocabulary: boolean): void {
  const el = parent.ele(
    name,
    attrs({
      code: c.code,
      vocabulary: vocabulary && c.vocabulary !== '1' ? c.vocabulary : undefined,
      percentage: c.percentage === undefined ? undefined : String(c.percentage),
    }),
  );
  if (c.name !== undefined) narrative(el, c.name);
}

function budget(parent: XMLBuilder, b: IatiBudget): void {
  const el = parent.ele('budget', { type: b.type });
  el.ele('period-start', { 'iso-date': b.start });
  el.ele('period-end', { 'iso-date': b.end });
  el.ele('value', { 'value-date': b.valueDate }).txt(b.value);
  for (const l of b.lines) el.ele(EXTENSION_NS, 'nt:line', { ref: l.id, value: l.value });
  for (const r of b.revisions) el.ele(EXTENSION_NS, 'nt:revision', { ref: r });
}

function org(parent: XMLBuilder, name: string, o: IatiOrg | undefined, idAttr: string): void {
  if (!o) return;
  narrative(parent.ele(name, attrs({ ref: o.ref, [idAttr]: o.activityId, type: o.type })), o.name);
}

function transaction(parent: XMLBuilder, t: IatiTransaction, defaultCurrency: string): void {
  const el = parent.ele('transaction', { ref: t.ref });
  el.ele('transaction-type', { code: t.type });
  el.ele('transaction-date', { 'iso-date': t.date });
  el.ele(
    'value',
    attrs({ currency: t.currency === defaultCurrency ? undefined : t.currency, 'value-date': t.date }),
  ).txt(t.value);
  narrative(el.ele('description'), t.description);
  org(el, 'provider-org', t.provider, 'provider-activity-id');
  org(el, 'receiver-org', t.receiver, 'receiver-activity-id');
  el.ele(EXTENSION_NS, 'nt:entry', t.ext);
}

function result(parent: XMLBuilder, r: IatiResult): void {
  const el = parent.ele('result', { type: r.type });
  narrative(el.ele('title'), r.title);
  el.ele('reference', { vocabulary: '99', code: r.id, 'vocabulary-uri': `${EXTENSION_NS}#result-id` });
  if (r.programme !== undefined)
    el.ele('reference', {
      vocabulary: '99',
      code: r.programme,
      'vocabulary-uri': `${EXTENSION_NS}#programme-id`,
    });
  for (const i of r.indicators) indicator(el, i);
}

function indicator(parent: XMLBuilder, i: IatiIndicator): void {
  const el = parent.ele('indicator', { measure: i.measure, ascending: i.ascending ? '1' : '0' });
  narrative(el.ele('title'), i.title);
  narrative(el.ele('description'), i.description);
  el.ele('reference', { vocabulary: '99', code: i.id });
  const base = el.ele('baseline', { year: String(i.baseline.year), value: i.baseline.value.value });
  comment(base, i.baseline.value);
  for (const p of i.periods) {
    const pe = el.ele('period');
    pe.ele('period-start', { 'iso-date': p.start });
    pe.ele('period-end', { 'iso-date': p.end });
    if (p.target) value(pe, 'target', p.target);
    for (const a of p.actuals) value(pe, 'actual', a);
  }
}

/** target or actual: location*, dimension*, comment?, document-link* — in that order. */
function value(parent: XMLBuilder, name: string, v: IatiValue): void {
  const el = parent.ele(name, { value: v.value });
  if (v.dimension) el.ele('dimension', { name: v.dimension.name, value: v.dimension.value });
  comment(el, v);
}

function comment(parent: XMLBuilder, v: IatiValue): void {
  if (v.comment !== undefined) narrative(parent.ele('comment'), v.comment);
}
