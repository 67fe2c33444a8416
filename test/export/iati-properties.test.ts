import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIati } from '../../src/compute/iati.js';
import { frameworkAt } from '../../src/compute/in-force.js';
import { type Day, formatDate, yearEnd, yearStart } from '../../src/core/dates.js';
import { toMinor } from '../../src/core/money.js';
import { exportIati } from '../../src/export/iati.js';
import { checkFiles } from '../../src/load/index.js';
import type { Framework } from '../../src/model/framework.js';
import { checkIatiFile } from './iati-rules.js';
import { activityOf, ext, kid, kids, parseXml, xmllint } from './iati-xml.js';

/**
 * Over generated frameworks (results, indicators of every measure and frequency, budget lines,
 * revisions of targets and money, result and spending entries, any as-of day): the export is valid
 * against IATI's schema and breaks no Error rule of the IATI Validator (iati-rules.ts); every
 * indicator appears exactly once, with a period for each plan year holding a target or an actual;
 * every plan year of every line appears exactly once among the original budgets (and, in a
 * revised year, once among the revised), and each budget's value is the sum of its lines.
 */

interface Gen {
  start: number;
  years: number;
  currency: 'USD' | 'JPY';
  outcomes: number;
  outputs: number[];
  indicators: {
    result: number;
    measure: 'number' | 'percent' | 'milestone';
    cumulative: boolean;
    frequency: 'annual' | 'semiannual' | 'quarterly' | 'monthly';
    disaggregate: boolean;
    decrease: boolean;
    targets: (number | null)[];
    sdg: string[];
    entries: { year: number; index: number; lag: number; value: number; perValue: boolean; den: number }[];
  }[];
  lines: { planned: (number | null)[]; spends: { year: number; day: number; cents: number }[] }[];
  revisions: {
    year: number;
    day: number;
    targetOf: number;
    target: number;
    lineOf: number;
    amount: number;
  }[];
  asOf: number;
  markers: { name: string; significance: number }[];
}

const PER = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 } as const;

const genArb: fc.Arbitrary<Gen> = fc
  .record({ start: fc.integer({ min: 2026, max: 2029 }), years: fc.integer({ min: 1, max: 4 }) })
  .chain(({ start, years }) =>
    fc.record({
      start: fc.constant(start),
      years: fc.constant(years),
      currency: fc.constantFrom('USD' as const, 'JPY' as const),
      outcomes: fc.integer({ min: 1, max: 3 }),
      outputs: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
      indicators: fc.array(
        fc.record({
          result: fc.nat(20),
          measure: fc.constantFrom('number' as const, 'percent' as const, 'milestone' as const),
          cumulative: fc.boolean(),
          frequency: fc.constantFrom(
            'annual' as const,
            'semiannual' as const,
            'quarterly' as const,
            'monthly' as const,
          ),
          disaggregate: fc.boolean(),
          decrease: fc.boolean(),
          sdg: fc.subarray(['17.19', '3.9', '8.10', '11.6', '15.a']),
          // A year may have no target (the final year always has one).
          targets: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 3 }), {
            minLength: years,
            maxLength: years,
          }),
          entries: fc.array(
            fc.record({
              year: fc.integer({ min: 0, max: years - 1 }),
              index: fc.integer({ min: 1, max: 12 }),
              lag: fc.integer({ min: 0, max: 500 }),
              value: fc.integer({ min: 0, max: 100 }),
              perValue: fc.boolean(),
              den: fc.integer({ min: 100, max: 200 }),
            }),
            { maxLength: 8 },
          ),
        }),
        { maxLength: 6 },
      ),
      lines: fc.array(
        fc.record({
          planned: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }), {
            minLength: years,
            maxLength: years,
          }),
          spends: fc.array(
            fc.record({
              year: fc.integer({ min: 0, max: years - 1 }),
              day: fc.integer({ min: 0, max: 364 }),
              cents: fc.integer({ min: -50_000, max: 5_000_000 }),
            }),
            { maxLength: 4 },
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      revisions: fc.array(
        fc.record({
          year: fc.integer({ min: 0, max: years - 1 }),
          day: fc.integer({ min: 0, max: 364 }),
          targetOf: fc.nat(20),
          target: fc.integer({ min: 0, max: 100 }),
          lineOf: fc.nat(20),
          amount: fc.integer({ min: 0, max: 10_000_000 }),
        }),
        { maxLength: 2 },
      ),
      asOf: fc.integer({ min: yearStart(start) - 200, max: yearEnd(start + years - 1) + 500 }),
      markers: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom('gender', 'environment', 'drr', 'nutrition'),
          significance: fc.integer({ min: 0, max: 2 }),
        }),
        { selector: (m) => m.name, maxLength: 3 },
      ),
    }),
  );

const LEVELS = ['none', 'drafted', 'adopted', 'done'];

/** The generated framework as one YAML file, valid by construction. */
function yaml(g: Gen): string {
  const end = g.start + g.years - 1;
  const money = (units: number) => (g.currency === 'JPY' ? String(units) : (units / 100).toFixed(2));
  const out = [
    `plan: {id: gen, title: Generated, start: ${g.start}, end: ${end}, currency: ${g.currency}, dimensions: {sex: [F, M]},`,
    `  markers: {${g.markers.map((m) => `${m.name}: ${m.significance}`).join(', ')}},`,
    '  iati: {reporting_org: {ref: XM-TEST, type: 90, name: Tester}, activity_status: 2, recipient_regions: [998], sectors: [41010]}}',
    'programmes: [{id: P, title: Programme}]',
    'results:',
    '  - {id: I, level: impact, title: Impact}',
  ];
  const results = ['I'];
  for (let o = 0; o < g.outcomes; o++) {
    out.push(`  - {id: O${o}, level: outcome, programme: P, parent: I, title: Outcome ${o}}`);
    results.push(`O${o}`);
  }
  g.outputs.forEach((parent, k) => {
    const p = parent % g.outcomes;
    out.push(`  - {id: O${p}.${k}, level: output, parent: O${p}, title: Output ${k}}`);
    results.push(`O${p}.${k}`);
  });
  out.push('indicators:');
  if (g.indicators.length === 0) out.push('  []');
  const value = (measure: string, v: number) => (measure === 'milestone' ? LEVELS[v % 4] : String(v));
  g.indicators.forEach((ind, k) => {
    const cumulative = ind.measure === 'number' && ind.cumulative;
    const targets = ind.targets
      .map((t, y) => (t === null && y < g.years - 1 ? null : `${g.start + y}: ${value(ind.measure, t ?? 0)}`))
      .filter((t) => t !== null)
      .join(', ');
    out.push(
      `  - {id: IND-${k}, result: ${results[ind.result % results.length]}, title: Indicator ${k}, unit: u, measure: ${ind.measure},`,
      `     direction: ${ind.decrease ? 'decrease' : 'increase'}, aggregation: ${cumulative ? 'cumulative' : 'level'},`,
      `     baseline: {year: ${g.start - 1}, value: ${value(ind.measure, 0)}}, targets: {${targets}}, frequency: ${ind.frequency}`,
      `     ${ind.measure === 'milestone' ? `, levels: [${LEVELS.join(', ')}]` : ''}${ind.disaggregate ? ', disaggregate: [sex]' : ''}`,
      // Bare numbers as a user would write them: 8.10 must stay 8.10, not become 8.1.
      `     , sdg: [${ind.sdg.join(', ')}]}`,
    );
  });
  out.push('budget:', '  lines:');
  g.lines.forEach((l, k) => {
    const planned = l.planned
      .map((p, y) => (p === null ? null : `${g.start + y}: ${money(p)}`))
      .filter((x) => x !== null)
      .join(', ');
    out.push(`    - {id: L${k}, title: Line ${k}, planned: {${planned}}}`);
  });
  const revisions = g.revisions.map((r, k) => {
    const date = yearStart(g.start + r.year) + r.day;
    const year = g.start + r.year; // never retroactive: a year that has not ended at the revision's date
    const ind = g.indicators.length ? r.targetOf % g.indicators.length : -1;
    const target =
      ind >= 0
        ? `targets: {IND-${ind}: {${year}: ${value(g.indicators[ind]?.measure ?? 'number', r.target)}}}, `
        : '';
    return `  - {id: R${k}, date: ${formatDate(date)}, title: Revision ${k}, ${target}planned: {L${r.lineOf % g.lines.length}: {${year}: ${money(r.amount)}}}}`;
  });
  out.push('revisions:', ...(revisions.length ? revisions : ['  []']));
  out.push('progress:');
  const seen = new Set<string>();
  const entries: string[] = [];
  g.indicators.forEach((ind, k) => {
    for (const e of ind.entries) {
      const per = PER[ind.frequency];
      const index = ((e.index - 1) % per) + 1;
      const year = g.start + e.year;
      const period =
        ind.frequency === 'annual'
          ? `${year}`
          : ind.frequency === 'semiannual'
            ? `${year}-H${index}`
            : ind.frequency === 'quarterly'
              ? `${year}-Q${index}`
              : `${year}-${String(index).padStart(2, '0')}`;
      const startDay = yearStart(year) + Math.floor(((index - 1) * 365) / per);
      const date = formatDate(startDay + 31 + e.lag);
      const sexes = ind.disaggregate && e.perValue ? ['F', 'M'] : [null];
      for (const sex of sexes) {
        const key = `${k}|${period}|${sex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const dim = sex ? `, sex: ${sex}` : '';
        const v =
          ind.measure === 'percent' && sex
            ? `numerator: ${e.value}, denominator: ${e.den}`
            : `value: ${value(ind.measure, e.value)}`;
        entries.push(`  - {indicator: IND-${k}, period: ${period}, ${v}${dim}, date: ${date}}`);
      }
    }
  });
  g.lines.forEach((l, k) => {
    for (const s of l.spends) {
      const date = formatDate(yearStart(g.start + s.year) + s.day);
      entries.push(`  - {spend: L${k}, date: ${date}, amount: ${money(s.cents)}}`);
    }
  });
  out.push(...(entries.length ? entries : ['  []']));
  return `${out.join('\n')}\n`;
}

function load(text: string): Framework {
  const checked = checkFiles('gen', [{ name: 'gen.yaml', path: 'gen.yaml', text }]);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.framework || errors.length) {
    throw new Error(
      `generated framework invalid:\n${errors.map((e) => `${e.code} ${e.message}`).join('\n')}\n${text}`,
    );
  }
  return checked.framework;
}

describe('IATI export of generated frameworks', () => {
  let revisedRuns = 0;
  let noTargetPeriods = 0;
  let shortIndicators = 0;
  it('is valid, breaks no Validator rule, and carries every indicator once with a period per year that has a target or an actual, every line-year once per budget type', () => {
    fc.assert(
      fc.property(genArb, (g) => {
        const text = yaml(g);
        const fw = load(text);
        const asOf = g.asOf as Day;
        const iati = fw.plan.iati;
        if (!iati) throw new Error('no iati block');
        const xml = exportIati(computeIati(fw, iati, asOf));
        expect(xmllint(xml)).toEqual({ code: 0, output: 'activity.xml validates\n' });
        const act = activityOf(xml);

        // No Error rule of the IATI Validator is broken (test/export/iati-rules.ts), as of D.
        expect(checkIatiFile(parseXml(xml), formatDate(asOf))).toEqual([]);

        // Indicators: each exactly once; a period for every plan year with a target in force or
        // an actual, in year order, and none holding neither.
        const indicators = kids(act, 'result').flatMap((r) => kids(r, 'indicator'));
        expect(indicators.map((i) => kid(i, 'reference').getAttribute('code')).sort()).toEqual(
          fw.indicators.map((i) => i.id).sort(),
        );
        const atD = frameworkAt(fw, asOf);
        for (const ind of indicators) {
          const id = kid(ind, 'reference').getAttribute('code');
          const targeted = (atD.indicators.find((i) => i.id === id)?.targets ?? []).map(
            (t) => `${t.year}-01-01`,
          );
          const periods = kids(ind, 'period');
          const starts = periods.map((p) => kid(p, 'period-start').getAttribute('iso-date') as string);
          expect(starts).toEqual([...starts].sort());
          for (const t of targeted) expect(starts).toContain(t);
          for (const p of periods) {
            const has = kids(p, 'target').length + kids(p, 'actual').length;
            expect(has).toBeGreaterThan(0);
            if (kids(p, 'target').length === 0) noTargetPeriods++;
          }
          if (periods.length < g.years) shortIndicators++;
        }

        // Budgets: per type, each (line, year) exactly once, as written (type 1) and as in force (type 2).
        const inForce = frameworkAt(fw, asOf);
        const digits = fw.plan.digits;
        for (const [type, amounts] of [
          ['1', (id: string) => fw.lines.find((l) => l.id === id)?.originalPlanned],
          ['2', (id: string) => inForce.lines.find((l) => l.id === id)?.planned],
        ] as const) {
          const budgets = kids(act, 'budget').filter((b) => b.getAttribute('type') === type);
          const seen: string[] = [];
          for (const b of budgets) {
            const year = Number(kid(b, 'period-start').getAttribute('iso-date')?.slice(0, 4));
            expect(kid(b, 'period-end').getAttribute('iso-date')).toBe(`${year}-12-31`);
            let sum = 0n;
            for (const l of ext(b, 'line')) {
              const id = l.getAttribute('ref') as string;
              const minor = toMinor(l.getAttribute('value') as string, digits) as bigint;
              expect(minor).toBe(amounts(id)?.get(year));
              sum += minor;
              seen.push(`${id}|${year}`);
            }
            expect(toMinor(kid(b, 'value').textContent as string, digits)).toBe(sum);
          }
          expect(new Set(seen).size).toBe(seen.length);
          if (type === '1') {
            const expected = fw.lines.flatMap((l) =>
              [...l.originalPlanned.keys()].map((y) => `${l.id}|${y}`),
            );
            expect(seen.sort()).toEqual(expected.sort());
          } else {
            // A revised year lists every line planning money in it, as in force.
            const revisedYears = new Set(
              budgets.map((b) => Number(kid(b, 'period-start').getAttribute('iso-date')?.slice(0, 4))),
            );
            const expected = inForce.lines.flatMap((l) =>
              [...l.planned.keys()].filter((y) => revisedYears.has(y)).map((y) => `${l.id}|${y}`),
            );
            expect(seen.sort()).toEqual(expected.sort());
            // Revised exactly in the years where a revision in force changed a line's amount.
            const changed = new Set(
              inForce.lines.flatMap((l) =>
                [...l.planned.keys()].filter((y) => l.planned.get(y) !== l.originalPlanned.get(y)),
              ),
            );
            expect([...revisedYears].sort()).toEqual([...changed].sort());
            if (changed.size > 0) revisedRuns++;
          }
        }

        // Tags: each SDG target any indicator names, once, in the official order; one policy
        // marker per marker written, each with its significance.
        const ORDER = ['3.9', '8.10', '11.6', '15.a', '17.19'];
        const named = new Set(g.indicators.flatMap((i) => i.sdg));
        expect(kids(act, 'tag').map((t) => t.getAttribute('code'))).toEqual(
          ORDER.filter((t) => named.has(t)),
        );
        const CODE = { gender: '1', environment: '2', drr: '10', nutrition: '12' } as const;
        expect(
          kids(act, 'policy-marker').map(
            (m) => `${m.getAttribute('code')}:${m.getAttribute('significance')}`,
          ),
        ).toEqual(
          g.markers
            .map((m) => `${CODE[m.name as keyof typeof CODE]}:${m.significance}`)
            .sort((a, b) => Number(a.split(':')[0]) - Number(b.split(':')[0])),
        );

        // Transactions: one per spending entry dated on or before D.
        const spends = fw.entries.filter((e) => e.kind === 'spend' && e.date <= asOf);
        expect(kids(act, 'transaction')).toHaveLength(spends.length);
      }),
      { numRuns: 40 },
    );
    // The generator does reach revised budget years (else the type-2 half proves nothing), years
    // with an actual but no target, and years left out for holding neither.
    expect(revisedRuns).toBeGreaterThan(3);
    expect(noTargetPeriods).toBeGreaterThan(0);
    expect(shortIndicators).toBeGreaterThan(0);
  });
});
