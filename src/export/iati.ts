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
  POLICY_MARKER,
  POLICY_SIGNIFICANCE,
  RESULT_TYPE,
  SECTOR_VOCABULARY,
  TAG_VOCABULARY,
  TRANSACTION_TYPE,
} from '../core/iati-codelists.js';
import { isCurrencyCode } from '../core/money.js';
import { isSdgTarget } from '../core/sdg.js';
import type { IatiClass } from '../model/framework.js';
import { type Attrs, XmlWriter } from './xml-writer.js';

/**
 * The IATI activity file (IATI Standard 2.03): what computeIati worked out, as XML. Every element
 * is written in the order the schema's sequences require (docs/iati.md lists them), and every code
 * is checked against its codelist before anything is written. Pure: data in, text out.
 *
 * The XML is written by xml-writer.ts (escaping, balanced tags, indentation; why not a library: there).
 */

/** TagVocabulary 3: the UN Sustainable Development Goals' targets. */
const SDG_TARGET_VOCABULARY = '3';

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
  for (const t of a.sdgTargets) {
    check(SDG_TARGET_VOCABULARY, TAG_VOCABULARY, 'TagVocabulary', `tag ${t}`);
    if (!isSdgTarget(t)) problems.push(`SDG target "${t}" (tag)`);
  }
  for (const m of a.policyMarkers) {
    check(m.code, POLICY_MARKER, 'PolicyMarker', `policy-marker ${m.code}`);
    check(m.significance, POLICY_SIGNIFICANCE, 'PolicySignificance', `policy-marker ${m.code}`);
  }
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
  const w = new XmlWriter();
  w.comment(
    ` IATI Standard 2.03 activity file written by neaspec-track, as of ${a.asOf}. nt: elements and attributes are neaspec-track's extension (docs/iati.md of neaspec-track). `,
  );
  w.open('iati-activities', { version: '2.03', 'xmlns:nt': a.extensionNamespace });
  w.open('iati-activity', { 'xml:lang': a.language, 'default-currency': a.currency });
  w.text('iati-identifier', {}, a.identifier);
  withNarrative(
    w,
    'reporting-org',
    { ref: a.reportingOrg.ref, type: a.reportingOrg.type },
    a.reportingOrg.name,
  );
  withNarrative(w, 'title', {}, a.title);
  withNarrative(w, 'description', { type: '1' }, a.description);
  for (const o of a.participating)
    withNarrative(w, 'participating-org', { ref: o.ref, type: o.type, role: o.role }, o.name);
  w.empty('activity-status', { code: a.status });
  for (const d of a.dates) w.empty('activity-date', { type: d.type, 'iso-date': d.date });
  for (const c of a.countries) classElement(w, 'recipient-country', c, false);
  for (const r of a.regions) classElement(w, 'recipient-region', r, true);
  for (const s of a.sectors) classElement(w, 'sector', s, true);
  for (const t of a.sdgTargets) w.empty('tag', { vocabulary: SDG_TARGET_VOCABULARY, code: t });
  // Vocabulary 1 (OECD DAC CRS) is the default; rule 6.14.1 wants its significance, always written.
  for (const m of a.policyMarkers)
    w.empty('policy-marker', { vocabulary: '1', code: m.code, significance: m.significance });
  for (const b of a.budgets) budget(w, b);
  for (const t of a.transactions) transaction(w, t, a.currency);
  for (const r of a.results) result(w, r, a.indicatorVocabularyUri);
  w.close();
  w.close();
  return w.end();
}

/** An element holding one narrative. */
function withNarrative(w: XmlWriter, name: string, at: Attrs, content: string): void {
  w.open(name, at);
  w.text('narrative', {}, content);
  w.close();
}

/** recipient-country, recipient-region or sector: code, vocabulary (left out when it is the default 1), percentage, name. */
function classElement(w: XmlWriter, name: string, c: IatiClass, vocabulary: boolean): void {
  const at = {
    code: c.code,
    vocabulary: vocabulary && c.vocabulary !== '1' ? c.vocabulary : undefined,
    percentage: c.percentage === undefined ? undefined : String(c.percentage),
  };
  if (c.name === undefined) w.empty(name, at);
  else withNarrative(w, name, at, c.name);
}

function budget(w: XmlWriter, b: IatiBudget): void {
  w.open('budget', { type: b.type });
  w.empty('period-start', { 'iso-date': b.start });
  w.empty('period-end', { 'iso-date': b.end });
  w.text('value', { 'value-date': b.valueDate }, b.value);
  for (const l of b.lines) w.empty('nt:line', { ref: l.id, value: l.value });
  for (const r of b.revisions) w.empty('nt:revision', { ref: r });
  w.close();
}

function org(w: XmlWriter, name: string, o: IatiOrg | undefined, idAttr: string): void {
  if (o) withNarrative(w, name, { ref: o.ref, [idAttr]: o.activityId, type: o.type }, o.name);
}

function transaction(w: XmlWriter, t: IatiTransaction, defaultCurrency: string): void {
  w.open('transaction', { ref: t.ref });
  w.empty('transaction-type', { code: t.type });
  w.empty('transaction-date', { 'iso-date': t.date });
  const currency = t.currency === defaultCurrency ? undefined : t.currency;
  w.text('value', { currency, 'value-date': t.date }, t.value);
  withNarrative(w, 'description', {}, t.description);
  org(w, 'provider-org', t.provider, 'provider-activity-id');
  org(w, 'receiver-org', t.receiver, 'receiver-activity-id');
  w.empty('nt:entry', t.ext);
  w.close();
}

/**
 * A result. IATI's rule 8.11.1 allows a reference at the result OR at its indicators, never both:
 * the indicators carry theirs (the indicator id, the code a reader matches on), and the result's
 * own id and programme area go in neaspec-track's attributes (`nt:id`, `nt:programme`).
 */
function result(w: XmlWriter, r: IatiResult, vocabularyUri: string | undefined): void {
  w.open('result', { type: r.type, 'nt:id': r.id, 'nt:programme': r.programme });
  withNarrative(w, 'title', {}, r.title);
  for (const i of r.indicators) indicator(w, i, vocabularyUri);
  w.close();
}

function indicator(w: XmlWriter, i: IatiIndicator, vocabularyUri: string | undefined): void {
  w.open('indicator', { measure: i.measure, ascending: i.ascending ? '1' : '0' });
  withNarrative(w, 'title', {}, i.title);
  withNarrative(w, 'description', {}, i.description);
  w.empty('reference', { vocabulary: '99', code: i.id, 'indicator-uri': vocabularyUri });
  valueElement(w, 'baseline', { year: String(i.baseline.year) }, i.baseline.value);
  for (const p of i.periods) {
    w.open('period');
    w.empty('period-start', { 'iso-date': p.start });
    w.empty('period-end', { 'iso-date': p.end });
    if (p.target) valueElement(w, 'target', {}, p.target);
    for (const a of p.actuals) valueElement(w, 'actual', {}, a);
    w.close();
  }
  w.close();
}

/** baseline, target or actual: @value, then its dimension and comment — the schema's order (location*, dimension*, comment?). */
function valueElement(w: XmlWriter, name: string, at: Attrs, v: IatiValue): void {
  const own = { ...at, value: v.value };
  if (!v.dimension && v.comment === undefined) {
    w.empty(name, own);
    return;
  }
  w.open(name, own);
  if (v.dimension) w.empty('dimension', { name: v.dimension.name, value: v.dimension.value });
  if (v.comment !== undefined) withNarrative(w, 'comment', {}, v.comment);
  w.close();
}
