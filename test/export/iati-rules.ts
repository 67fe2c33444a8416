import { kids, type XElement } from './iati-xml.js';

/**
 * A checker of the IATI Validator's Error-severity rules for an activity file, written from the
 * rules' text in IATI's Standard Ruleset (IATI/IATI-Rulesets, branch version-2.03,
 * rulesets/standard.json; the rule kinds as its SPEC.rst defines them: date_order passes on equal
 * dates and is skipped when a date is missing, time_limit allows at most one year, one_or_all
 * needs `one` or else `all` on every element, strict_sum adds decimals exactly). Written here, not
 * taken from the Validator's code, so that it is an independent reading of the rules.
 *
 * Each rule is the Ruleset's id and message; `check` lists every breach in a file. Rules about
 * organisation files (4.5.1, 7.8.2, 11.3.1, 11.4.1) and the warnings are not checked.
 * `now` is the Validator's "current date": the day the file is published, its as-of day.
 */

export interface Breach {
  rule: string;
  message: string;
  where: string;
}

/** The Error-severity rules checked, by id: the Ruleset's message. */
export const RULES: Record<string, string> = {
  '1.1.3':
    'The activity identifier must be different to the organisation identifier of the reporting organisation.',
  '2.1.1':
    'When multiple sectors, within a vocabulary (e.g. 1 - OECD DAC) are declared, each must have a percentage.',
  '2.1.2': 'Percentage values for sectors, within a vocabulary (e.g. 1 - OECD DAC), must add up to 100%.',
  '2.1.4': 'When a single sector is declared, the percentage must either be omitted, or set to 100.',
  '2.2.1':
    'When using a reporting organisation sector code (vocabulary 98 or 99), it must include a narrative.',
  '3.1.1': 'When multiple recipient countries are declared, each must have a percentage.',
  '3.1.2': 'Percentage values for recipient countries, must add up to 100%.',
  '3.1.4':
    'When a single recipient country is declared, the percentage must either be omitted, or set to 100.',
  '3.4.1': 'When multiple recipient countries or regions are declared, each must have a percentage.',
  '3.4.2': 'Percentage values for recipient countries or regions, must add up to 100%.',
  '3.4.4':
    'When a single recipient region in a vocabulary is declared, the percentage must either be omitted, or set to 100.',
  '3.6.2': 'Recipient countries or regions must only be declared at activity level OR for all transactions.',
  '3.7.1':
    'Recipient country or recipient region should be declared for either the activity or for all transactions.',
  '4.1.1':
    'The activity should specify a default language OR the language must be specified for each narrative element.',
  '4.3.1': 'The title must contain narrative content.',
  '4.4.1': 'The description must contain narrative content.',
  '6.2.2': 'Each activity must have a specified sector, either at activity level OR for all transactions.',
  '6.6.2': 'Sectors must only be declared at activity level OR for all transactions.',
  '6.7.2': 'If sector is declared at transaction level, a sector must be declared for all transactions.',
  '6.8.1': 'The owner organisation must have an identifier or a narrative.',
  '6.9.1': 'The provider organisation must have an organisation identifier or a narrative.',
  '6.9.2': 'The receiver organisation must have an organisation identifier or a narrative.',
  '6.10.1': 'The participating organisation must have an identifier or a narrative.',
  '6.11.1': 'The activity must have a planned start date or an actual start date.',
  '6.13.1':
    'When using a reporting organisation policy marker code (vocabulary 99), it must include a narrative.',
  '6.14.1': 'When using a policy marker code for vocabulary 1, it must include a significance.',
  '7.5.3': 'Budget Period must not be longer than one year.',
  '7.8.1':
    'The activity should specify a default currency OR the currency must be specified for each monetary value.',
  '8.6.1': 'The start date of the indicator period must be before the end date of the indicator period.',
  '8.6.3': 'The start of the period must be before the end of the period.',
  '8.8.1':
    'The baseline must have a value when the indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).',
  '8.9.1':
    'The target must have a value when indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).',
  '8.10.1':
    'The actual must have a value when the indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal).',
  '8.11.1': 'A reference code must only be declared at result OR result indicator level.',
  '11.1.1': 'The last updated datetime of the activity must not be in the future.',
  '11.1.2': 'The planned start date of the activity must be before the planned end date.',
  '11.1.3': 'The actual start date of the activity must be before the actual end date.',
  '11.1.4': 'The actual start date of the activity must not be in the future.',
  '11.1.5': 'The actual end date of the activity must not be in the future.',
  '11.2.1': 'The transaction date must not be in the future.',
  '11.2.2': 'The transaction value date must not be in the future.',
  '12.1.1': 'The country/region percentage value must be between 0.0 and 100.0 (inclusive).',
  '12.2.1': 'The percentage value must be between 0.0 and 100.0 (inclusive).',
  '12.3.1': 'The sector percentage value must be between 0.0 and 100.0 (inclusive).',
};

const elements = (el: XElement): XElement[] => Array.from(el.childNodes).filter((n) => n.nodeType === 1);
/** Children by path of names ("transaction/value"). */
function at(el: XElement, p: string): XElement[] {
  let level = [el];
  for (const name of p.split('/')) level = level.flatMap((e) => kids(e, name));
  return level;
}
const attr = (el: XElement, name: string): string | undefined => el.getAttribute(name) ?? undefined;
/** The IATI vocabulary of a sector or region: '1' when absent or empty (the Ruleset's `@vocabulary='' or not(@vocabulary)`). */
const vocabularyOf = (el: XElement) => attr(el, 'vocabulary') || '1';
const hasNarrativeText = (el: XElement) => kids(el, 'narrative').some((n) => (n.textContent ?? '') !== '');
const dateOf = (el: XElement | undefined, name = 'iso-date') => (el ? attr(el, name) : undefined);

/** Decimal text → hundred-thousandths, exactly (strict_sum adds decimals, not floats). */
function decimal(text: string): bigint | undefined {
  const m = /^\s*(-?)(\d*)(?:\.(\d{0,5})\d*)?\s*$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const v = BigInt(m[2] || '0') * 100000n + BigInt((m[3] ?? '').padEnd(5, '0'));
  return m[1] ? -v : v;
}
const HUNDRED = 100n * 100000n;

/** One year after an ISO date (a 29 February goes to 1 March). */
function yearAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every breach of the rules above in an activity (an `iati-activity` element), as of `now` (YYYY-MM-DD). */
export function checkActivity(a: XElement, now: string): Breach[] {
  const out: Breach[] = [];
  const id = at(a, 'iati-identifier')[0]?.textContent ?? '';
  const breach = (rule: string, where: string) => {
    out.push({ rule, message: RULES[rule] as string, where: `${id}: ${where}` });
  };
  /** date_order: `less` not after `more`; ignored when either is missing. */
  const order = (rule: string, less: string | undefined, more: string | undefined, where: string) => {
    if (less !== undefined && more !== undefined && less > more)
      breach(rule, `${where} (${less} after ${more})`);
  };

  // 1.1.3 unique: the activity identifier differs from the reporting organisation's.
  const orgRef = dateOf(at(a, 'reporting-org')[0], 'ref');
  if (orgRef !== undefined && orgRef === id) breach('1.1.3', 'iati-identifier');

  // 4.1.1 one_or_all: a default language, else xml:lang on every narrative.
  if (!attr(a, 'xml:lang')) {
    const all: XElement[] = [];
    const walk = (e: XElement) => {
      for (const c of elements(e)) {
        if (c.nodeName === 'narrative') all.push(c);
        walk(c);
      }
    };
    walk(a);
    if (all.some((n) => !attr(n, 'xml:lang'))) breach('4.1.1', 'narrative without xml:lang');
  }

  // 4.3.1, 4.4.1: every title and description, anywhere, has narrative content.
  const walkAll = (e: XElement, path: string) => {
    for (const c of elements(e)) {
      const p = `${path}/${c.nodeName}`;
      if (c.nodeName === 'title' && !hasNarrativeText(c)) breach('4.3.1', p);
      if (c.nodeName === 'description' && !hasNarrativeText(c)) breach('4.4.1', p);
      walkAll(c, p);
    }
  };
  walkAll(a, 'iati-activity');

  // 7.8.1 one_or_all: a default currency, else @currency on every monetary value.
  if (!attr(a, 'default-currency')) {
    const values = [
      ...at(a, 'budget/value'),
      ...at(a, 'planned-disbursement/value'),
      ...at(a, 'transaction/value'),
      ...at(a, 'crs-add/loan-status'),
      ...at(a, 'fss/forecast'),
    ];
    values.forEach((v, i) => {
      if (!attr(v, 'currency')) breach('7.8.1', `${v.nodeName} ${i + 1} without currency`);
    });
  }

  // Dates: 6.11.1 and 11.1.x.
  const activityDate = (type: string) =>
    dateOf(kids(a, 'activity-date').find((d) => attr(d, 'type') === type));
  if (activityDate('1') === undefined && activityDate('2') === undefined) breach('6.11.1', 'activity-date');
  order('11.1.2', activityDate('1'), activityDate('3'), 'planned start and end');
  order('11.1.3', activityDate('2'), activityDate('4'), 'actual start and end');
  order('11.1.4', activityDate('2'), now, 'actual start');
  order('11.1.5', activityDate('4'), now, 'actual end');
  const updated = attr(a, 'last-updated-datetime');
  if (updated !== undefined && updated.slice(0, 10) > now) breach('11.1.1', '@last-updated-datetime');

  const transactions = kids(a, 'transaction');
  transactions.forEach((t, i) => {
    const where = `transaction ${i + 1}`;
    order('11.2.1', dateOf(kids(t, 'transaction-date')[0]), now, `${where} transaction-date`);
    order('11.2.2', dateOf(kids(t, 'value')[0], 'value-date'), now, `${where} value-date`);
    // 6.9.1, 6.9.2 atleast_one: provider and receiver have @ref or a narrative.
    for (const [name, rule] of [
      ['provider-org', '6.9.1'],
      ['receiver-org', '6.9.2'],
    ] as const)
      for (const o of kids(t, name))
        if (!attr(o, 'ref') && kids(o, 'narrative').length === 0) breach(rule, `${where} ${name}`);
  });
  kids(a, 'planned-disbursement').forEach((p, i) => {
    for (const [name, rule] of [
      ['provider-org', '6.9.1'],
      ['receiver-org', '6.9.2'],
    ] as const)
      for (const o of kids(p, name))
        if (!attr(o, 'ref') && kids(o, 'narrative').length === 0)
          breach(rule, `planned-disbursement ${i + 1} ${name}`);
    order(
      '8.6.3',
      dateOf(kids(p, 'period-start')[0]),
      dateOf(kids(p, 'period-end')[0]),
      `planned-disbursement ${i + 1}`,
    );
  });
  // 6.10.1, 6.8.1.
  kids(a, 'participating-org').forEach((o, i) => {
    if (!attr(o, 'ref') && kids(o, 'narrative').length === 0) breach('6.10.1', `participating-org ${i + 1}`);
  });
  at(a, 'other-identifier/owner-org').forEach((o, i) => {
    if (!attr(o, 'ref') && kids(o, 'narrative').length === 0) breach('6.8.1', `owner-org ${i + 1}`);
  });

  // Sectors: 6.2.2, 6.6.2, 6.7.2, 2.1.x, 2.2.1, 12.3.1.
  const sectors = kids(a, 'sector');
  const withSector = transactions.filter((t) => kids(t, 'sector').length > 0);
  if (sectors.length === 0 && withSector.length === 0) breach('6.2.2', 'sector');
  if (sectors.length > 0 && withSector.length > 0) breach('6.6.2', 'sector and transaction/sector');
  if (sectors.length === 0 && withSector.length > 0 && withSector.length < transactions.length)
    breach('6.7.2', 'transaction/sector');
  shares(sectors, vocabularyOf, { each: '2.1.1', sum: '2.1.2', single: '2.1.4' }, 'sector', breach);
  for (const s of sectors) {
    const v = vocabularyOf(s);
    if ((v === '98' || v === '99') && kids(s, 'narrative').length === 0)
      breach('2.2.1', `sector ${attr(s, 'code')}`);
  }
  range(sectors, '12.3.1', 'sector', breach);

  // Recipients: 3.1.x, 3.4.x, 3.6.2, 3.7.1, 12.1.1.
  const countries = kids(a, 'recipient-country');
  const regions = kids(a, 'recipient-region');
  if (regions.length === 0) {
    if (countries.length > 1) {
      if (countries.some((c) => attr(c, 'percentage') === undefined)) breach('3.1.1', 'recipient-country');
      if (sumOf(countries) !== HUNDRED) breach('3.1.2', 'recipient-country');
    }
    if (countries.length === 1 && !singleOk(countries[0] as XElement)) breach('3.1.4', 'recipient-country');
  }
  for (const v of new Set(regions.map(vocabularyOf))) {
    const inV = regions.filter((r) => vocabularyOf(r) === v);
    if (inV.length > 1 && inV.some((r) => attr(r, 'percentage') === undefined))
      breach('3.4.1', `recipient-region vocabulary ${v}`);
    if (inV.length === 1 && countries.length === 0 && !singleOk(inV[0] as XElement))
      breach('3.4.4', `recipient-region vocabulary ${v}`);
    if (inV.length + countries.length > 1 && sumOf([...inV, ...countries]) !== HUNDRED)
      breach('3.4.2', `recipient-region vocabulary ${v} and recipient-country`);
  }
  const txRecipient = (t: XElement) =>
    kids(t, 'recipient-country').length + kids(t, 'recipient-region').length > 0;
  if (countries.length + regions.length > 0 && transactions.some(txRecipient))
    breach('3.6.2', 'transaction recipient');
  if (countries.length + regions.length === 0 && !transactions.every(txRecipient))
    breach('3.7.1', 'recipient');
  range([...countries, ...regions], '12.1.1', 'recipient', breach);
  range(
    [...at(a, 'capital-spend'), ...at(a, 'country-budget-items/budget-item')],
    '12.2.1',
    'percentage',
    breach,
  );

  // Policy markers: 6.14.1, 6.13.1.
  for (const m of kids(a, 'policy-marker')) {
    const v = attr(m, 'vocabulary') || '1';
    if (v === '1' && attr(m, 'significance') === undefined)
      breach('6.14.1', `policy-marker ${attr(m, 'code')}`);
    if (v === '99' && kids(m, 'narrative').length === 0) breach('6.13.1', `policy-marker ${attr(m, 'code')}`);
  }

  // Budgets: 8.6.3, 7.5.3.
  kids(a, 'budget').forEach((b, i) => {
    const start = dateOf(kids(b, 'period-start')[0]);
    const end = dateOf(kids(b, 'period-end')[0]);
    order('8.6.3', start, end, `budget ${i + 1}`);
    if (start !== undefined && end !== undefined && end > yearAfter(start))
      breach('7.5.3', `budget ${i + 1} ${start}..${end}`);
  });

  // Results: 8.11.1, 8.6.1, 8.8.1, 8.9.1, 8.10.1.
  for (const r of kids(a, 'result')) {
    const atResult = kids(r, 'reference').length > 0;
    for (const ind of kids(r, 'indicator')) {
      const code = kids(ind, 'reference')[0]
        ? attr(kids(ind, 'reference')[0] as XElement, 'code')
        : undefined;
      const where = `indicator ${code ?? kids(r, 'indicator').indexOf(ind) + 1}`;
      if (atResult && kids(ind, 'reference').length > 0) breach('8.11.1', where);
      const quantitative = ['1', '2', '3', '4'].includes(attr(ind, 'measure') ?? '');
      if (quantitative)
        for (const b of kids(ind, 'baseline'))
          if (attr(b, 'value') === undefined) breach('8.8.1', `${where} baseline`);
      for (const p of kids(ind, 'period')) {
        const start = dateOf(kids(p, 'period-start')[0]);
        order('8.6.1', start, dateOf(kids(p, 'period-end')[0]), `${where} period ${start}`);
        if (!quantitative) continue;
        for (const t of kids(p, 'target'))
          if (attr(t, 'value') === undefined) breach('8.9.1', `${where} target ${start}`);
        for (const t of kids(p, 'actual'))
          if (attr(t, 'value') === undefined) breach('8.10.1', `${where} actual ${start}`);
      }
    }
  }
  return out;
}

function sumOf(items: XElement[]): bigint | undefined {
  let s = 0n;
  for (const i of items) {
    const v = decimal(i.getAttribute('percentage') ?? '');
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

/** A single item: no percentage, or 100. */
function singleOk(el: XElement): boolean {
  const p = el.getAttribute('percentage');
  return p === null || decimal(p) === HUNDRED;
}

/** Per vocabulary: several need a percentage each (each), adding up to 100 (sum); a single one none or 100 (single). */
function shares(
  items: XElement[],
  vocabulary: (e: XElement) => string,
  rules: { each: string; sum: string; single: string },
  name: string,
  breach: (rule: string, where: string) => void,
): void {
  for (const v of new Set(items.map(vocabulary))) {
    const inV = items.filter((i) => vocabulary(i) === v);
    if (inV.length > 1) {
      if (inV.some((i) => i.getAttribute('percentage') === null))
        breach(rules.each, `${name} vocabulary ${v}`);
      if (sumOf(inV) !== HUNDRED) breach(rules.sum, `${name} vocabulary ${v}`);
    } else if (!singleOk(inV[0] as XElement)) breach(rules.single, `${name} vocabulary ${v}`);
  }
}

function range(
  items: XElement[],
  rule: string,
  name: string,
  breach: (rule: string, where: string) => void,
): void {
  for (const i of items) {
    const p = i.getAttribute('percentage');
    if (p === null) continue;
    const v = decimal(p);
    if (v === undefined || v < 0n || v > HUNDRED)
      breach(rule, `${name} ${i.getAttribute('code')} percentage ${p}`);
  }
}

/** Every breach in a file of activities. */
export function checkIatiFile(doc: XElement, now: string): Breach[] {
  const root = kids(doc, 'iati-activities')[0];
  if (!root) return [{ rule: 'file', message: 'no iati-activities', where: '' }];
  return kids(root, 'iati-activity').flatMap((a) => checkActivity(a, now));
}
