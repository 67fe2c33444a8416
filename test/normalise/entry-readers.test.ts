import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseDate } from '../../src/core/dates.js';
import { BatchRefusal, recordBatch } from '../../src/ledger/batch.js';
import { sheetEntries } from '../../src/ledger/sheet-entries.js';
import { parseCsvFile } from '../../src/load/csv-file.js';
import { checkParsed } from '../../src/load/index.js';
import { readSheet } from '../../src/load/sheet.js';
import { parseYamlFile } from '../../src/load/yaml-file.js';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { runCli } from '../helpers/cli.js';
import { makeFramework } from '../ledger/fixture.js';

/**
 * One rule, one place: every entry is read by every reader — a ledger line read in place, a YAML
 * object (block style, through the `yaml` package), a CSV ledger row, an `import` sheet row and
 * `record`'s arguments — and each reports the same findings, code and field. The expected
 * findings are worked out from the rules (docs/diagnostics.md) and the fixture framework
 * (test/ledger/fixture.ts: N-a annual by country, Q-a quarterly, PCT a percent, MS a milestone,
 * budget line B-1, source CORE; the plan runs 2026–2028 in USD with a KRW rate for 2026 only).
 */

type Fields = Record<string, string | number>;
interface Case {
  name: string;
  entry: Fields;
  /** `code field` of each finding, in order (field '-' for the entry as a whole). */
  findings: string[];
}

const CASES: Case[] = [
  {
    name: 'a valid result',
    entry: { indicator: 'N-a', period: 2026, value: 1, country: 'MN', date: '2026-11-02' },
    findings: [],
  },
  {
    name: 'an unknown indicator',
    entry: { indicator: 'N-b', period: 2026, value: 1, date: '2026-11-02' },
    findings: ['unknown-indicator indicator'],
  },
  {
    name: 'a quarterly indicator given a year',
    entry: { indicator: 'Q-a', period: 2026, value: 1, date: '2026-11-02' },
    findings: ['period-frequency period'],
  },
  {
    name: 'a period after the plan',
    entry: { indicator: 'N-a', period: 2029, value: 1, country: 'CN', date: '2026-11-02' },
    findings: ['period-outside-plan period', 'date-before-period date'],
  },
  {
    name: 'dated before its period',
    entry: { indicator: 'Q-a', period: '2026-Q4', value: 1, date: '2026-09-30' },
    findings: ['date-before-period date'],
  },
  {
    name: 'a percent over 100',
    entry: { indicator: 'PCT', period: 2026, value: 140, date: '2026-11-02' },
    findings: ['percent-range value'],
  },
  {
    name: 'a numerator over its denominator',
    entry: { indicator: 'PCT', period: 2026, numerator: 5, denominator: 4, date: '2026-11-02' },
    findings: ['percent-range numerator'],
  },
  {
    name: 'a ratio for a number indicator',
    entry: { indicator: 'Q-a', period: '2026-Q1', numerator: 1, denominator: 4, date: '2026-11-02' },
    findings: ['ratio-not-percent numerator'],
  },
  {
    name: 'a milestone that is not a level',
    entry: { indicator: 'MS', period: 2026, value: 'adopted', date: '2026-11-02' },
    findings: ['milestone-level value'],
  },
  {
    name: 'a country not in the plan',
    entry: { indicator: 'N-a', period: 2026, value: 1, country: 'JP', date: '2026-11-02' },
    findings: ['dimension-value country'],
  },
  {
    name: 'a dimension the indicator is not disaggregated by',
    entry: { indicator: 'Q-a', period: '2026-Q1', value: 1, country: 'MN', date: '2026-11-02' },
    findings: ['not-disaggregated country'],
  },
  { name: 'a valid spend', entry: { spend: 'B-1', amount: 12.5, date: '2026-05-12' }, findings: [] },
  {
    name: 'an unknown budget line',
    entry: { spend: 'B-2', amount: 12.5, date: '2026-05-12' },
    findings: ['unknown-line spend'],
  },
  {
    name: 'cents the dollar does not have',
    entry: { spend: 'B-1', amount: 12.345, date: '2026-05-12' },
    findings: ['decimal-places amount'],
  },
  {
    name: 'yen, which has no rate',
    entry: { spend: 'B-1', amount: 9000, currency: 'JPY', date: '2026-05-12' },
    findings: ['rate-missing currency'],
  },
  {
    name: 'an unknown funding source',
    entry: { pledge: 'TRUST', from: 'KR', year: 2026, amount: 100, date: '2026-03-01' },
    findings: ['unknown-source pledge'],
  },
  {
    name: 'a pledge for a year after the plan',
    entry: { pledge: 'CORE', from: 'KR', year: 2030, amount: 100, date: '2026-03-01' },
    findings: ['year-outside-plan year'],
  },
  {
    name: 'a contribution from an unknown contributor',
    entry: { contribution: 'CORE', from: 'JP', amount: 100, date: '2026-03-01' },
    findings: ['unknown-contributor from'],
  },
];

const CONTRIBUTORS = `    - {id: CORE, title: Core fund}
  contributors:
    - {id: KR, title: Korea}
`;

const show = (d: Diagnostic) => `${d.code} ${d.src?.path[2] ?? '-'}`;
const ofEntry = (ds: readonly Diagnostic[]) => ds.filter((d) => d.src?.path[0] === 'progress').map(show);

/** A plain scalar as YAML and CSV write it. */
const text = (v: string | number) => String(v);

const fw = makeFramework();
afterAll(() => fw.cleanup());
const budget = path.join(fw.dir, 'budget.yaml');
writeFileSync(
  budget,
  readFileSync(budget, 'utf8').replace('    - {id: CORE, title: Core fund}\n', CONTRIBUTORS),
);
const TODAY = parseDate('2026-11-28') as number;

/** The framework's files but its ledger. */
function framework() {
  return ['plan.yaml', 'budget.yaml'].map((n) =>
    parseYamlFile(n, readFileSync(path.join(fw.dir, n), 'utf8')),
  );
}

/** The findings of the entry as the framework's ledger, read as `file`. */
function checked(file: ReturnType<typeof parseYamlFile>) {
  return ofEntry(checkParsed(fw.dir, [...framework(), file]).diagnostics);
}

const READERS: Record<string, (e: Fields) => Promise<string[]>> = {
  'a ledger line': async (e) => {
    const line = Object.entries(e)
      .map(([k, v]) => `${k}: ${text(v)}`)
      .join(', ');
    return checked(parseYamlFile('progress/2026.yaml', `progress:\n  - {${line}}\n`));
  },
  'a YAML object': async (e) => {
    const block = Object.entries(e).map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${text(v)}`);
    return checked(parseYamlFile('progress/2026.yaml', `progress:\n${block.join('\n')}\n`, { fast: false }));
  },
  'a CSV ledger row': async (e) => {
    const csv = `${Object.keys(e).join(',')}\n${Object.values(e).map(text).join(',')}\n`;
    return checked(parseCsvFile('progress/2026.csv', csv) as ReturnType<typeof parseYamlFile>);
  },
  'an import sheet row': async (e) => {
    const keys = Object.keys(e).map((k) => (k === 'spend' ? 'budget line' : k));
    const csv = `${keys.join(',')}\n${Object.values(e).map(text).join(',')}\n`;
    const sheet = await readSheet(new TextEncoder().encode(csv));
    try {
      await recordBatch({ root: fw.dir, cwd: fw.dir, dryRun: true }, (f) => sheetEntries(sheet, f, TODAY));
      return [];
    } catch (err) {
      if (!(err instanceof BatchRefusal)) throw err;
      return err.rows.flatMap((r) => r.diagnostics.map(show));
    }
  },
  "record's arguments": async (e) => {
    const { indicator, spend, pledge, contribution, value, amount, from, date, ...rest } = e;
    const args =
      indicator !== undefined
        ? ['result', String(indicator), ...(value === undefined ? [] : [String(value)])]
        : spend !== undefined
          ? ['spend', String(spend), String(amount)]
          : pledge !== undefined
            ? ['pledge', String(pledge), String(from), String(amount)]
            : ['contribution', String(contribution), String(from), String(amount)];
    const options = Object.entries({ ...rest, date }).flatMap(([k, v]) =>
      k === 'country' ? ['--country', String(v)] : [`--${k}`, String(v)],
    );
    const r = await runCli(['--framework', fw.dir, 'record', ...args, ...options], { cwd: fw.dir });
    // record prints each finding with its code (and its position in the new line, not its field).
    return [...r.stderr.matchAll(/: error ([a-z-]+) /g)].map((m) => m[1] as string);
  },
};

describe('every reader reports the same findings for every entry', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      for (const [reader, read] of Object.entries(READERS)) {
        const got = await read(c.entry);
        const want = reader === "record's arguments" ? c.findings.map((f) => f.split(' ')[0]) : c.findings;
        expect(got, `${reader}: ${c.name}`).toEqual(want);
      }
    });
  }
});
