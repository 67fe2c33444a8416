import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { computeIati } from '../../src/compute/iati.js';
import { parseDate } from '../../src/core/dates.js';
import { codelistProblems, exportIati, IatiCodelistError } from '../../src/export/iati.js';
import { checkFiles } from '../../src/load/index.js';
import type { Framework } from '../../src/model/framework.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { activityOf, ext, kid, kids, narrativeOf, requireXsd, type XElement, xmllint } from './iati-xml.js';

/**
 * export --format iati (docs/iati.md). The shipped framework and both examples must pass the
 * official IATI 2.03 schema (xmllint); the fixture's fragments are worked out by hand below.
 */

const FIXTURE = 'test/export/fixtures/iati';

async function exportXml(framework: string, asOf: string, extra: string[] = []) {
  const r = await runCli(['--framework', framework, 'export', '--format', 'iati', '--as-of', asOf, ...extra]);
  return r;
}

test('the official schema is carried in the repository, byte for byte as IATI published it', () => {
  const dir = path.dirname(requireXsd());
  const digest = (f: string) =>
    createHash('sha256')
      .update(readFileSync(path.join(dir, f)))
      .digest('hex');
  // The digests of IATI/IATI-Schemas version-2.03 at 4c9ba1e (test/vendor/iati-2.03/README.md).
  expect(digest('iati-activities-schema.xsd')).toBe(
    '62c91a66c82ee26864d5e6c3f4bd6358de14d3aec69bc649db85da9f9a0792bc',
  );
  expect(digest('iati-common.xsd')).toBe('322692e4ea1f4434b154855f381eb4bd972aaa2e1349dfaf9578b775ad6c9c6b');
  expect(digest('xml.xsd')).toBe('61960fb3131e38022caad5360e2f33a3382578ab3c80cd58bd74320ede61b20c');
});

describe('the shipped framework and the examples validate against the IATI 2.03 schema', () => {
  for (const fw of ['frameworks/neaspec-2026-2030', 'examples/minimal', 'examples/donor-project', FIXTURE]) {
    test(fw, async () => {
      const r = await exportXml(fw, '2026-11-28');
      expect(r.code).toBe(0);
      expect(xmllint(r.stdout)).toEqual({ code: 0, output: 'activity.xml validates\n' });
    });
  }

  test('the shipped framework as of a day before the plan starts, and after it ends', async () => {
    for (const asOf of ['2025-06-30', '2031-03-01']) {
      const r = await exportXml('frameworks/neaspec-2026-2030', asOf);
      expect(r.code).toBe(0);
      expect(xmllint(r.stdout).code).toBe(0);
    }
  });

  test('a file that breaks the schema is caught: the check can fail', async () => {
    const r = await exportXml(FIXTURE, '2027-01-31');
    // The budget's value before its period: the order the schema requires, swapped.
    const swapped = r.stdout.replace(
      /(<period-start iso-date="2026-01-01"\/>\s*<period-end iso-date="2026-12-31"\/>\s*)(<value value-date="2026-01-01">100000.00<\/value>)/,
      '$2\n      $1',
    );
    expect(swapped).not.toBe(r.stdout);
    const bad = xmllint(swapped);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toContain(
      "Element 'value': This element is not expected. Expected is ( period-start ).",
    );
  });
});

describe('the fixture, as of 2027-01-31: fragments worked out by hand', () => {
  let act: XElement;
  let stderr = '';
  const load = async () => {
    if (act) return act;
    const r = await exportXml(FIXTURE, '2027-01-31');
    expect(r.code).toBe(0);
    stderr = r.stderr;
    act = activityOf(r.stdout);
    return act;
  };
  const indicator = async (id: string) => {
    const a = await load();
    const all = kids(a, 'result').flatMap((r) => kids(r, 'indicator'));
    return all.find((i) => kid(i, 'reference').getAttribute('code') === id) as XElement;
  };
  const periodOf = (ind: XElement, year: number) =>
    kids(ind, 'period').find(
      (p) => kid(p, 'period-start').getAttribute('iso-date') === `${year}-01-01`,
    ) as XElement;
  const values = (p: XElement, name: 'target' | 'actual') =>
    kids(p, name).map((v) => ({
      value: v.getAttribute('value'),
      dimension: kids(v, 'dimension').map((d) => `${d.getAttribute('name')}=${d.getAttribute('value')}`),
      comment: kids(v, 'comment').map(narrativeOf),
    }));

  test('the activity: identifier, reporting organisation, texts escaped and read back intact, dates, recipients', async () => {
    const a = await load();
    expect(a.getAttribute('default-currency')).toBe('USD');
    expect(a.getAttribute('xml:lang')).toBe('en');
    expect(kid(a, 'iati-identifier').textContent).toBe('XM-DAC-99999-iati-fixture');
    expect(kid(a, 'reporting-org').getAttribute('ref')).toBe('XM-DAC-99999');
    expect(narrativeOf(kid(a, 'title'))).toBe('Clean air <plan> & "partners"');
    expect(narrativeOf(kid(a, 'description'))).toBe(
      'A plan for the hand-checked fragments of the IATI export.',
    );
    expect(kids(a, 'participating-org').map((o) => `${o.getAttribute('role')} ${narrativeOf(o)}`)).toEqual([
      '4 Example Commission',
      '1 Republic of Korea',
      '1 Mongolia',
    ]);
    expect(
      kids(a, 'activity-date').map((d) => `${d.getAttribute('type')} ${d.getAttribute('iso-date')}`),
    ).toEqual(['1 2026-01-01', '3 2028-12-31']);
    expect(
      kids(a, 'recipient-country').map((c) => `${c.getAttribute('code')} ${c.getAttribute('percentage')}`),
    ).toEqual(['MN 60', 'CN 40']);
  });

  test('results: the impact without an indicator is left out (and said so); types 2 and 1; the id and programme in nt: attributes, references only on indicators (rule 8.11.1)', async () => {
    const a = await load();
    expect(stderr).toBe(
      'note: 1 result without an indicator left out (IATI needs at least one per result): IMP\n',
    );
    expect(
      kids(a, 'result').map((r) => [
        r.getAttribute('type'),
        r.getAttribute('nt:id'),
        r.getAttribute('nt:programme'),
        kids(r, 'reference').length,
        ...kids(r, 'indicator').flatMap((i) =>
          kids(i, 'reference').map((x) => `${x.getAttribute('vocabulary')}:${x.getAttribute('code')}`),
        ),
      ]),
    ).toEqual([
      ['2', 'AP.O1', 'AP', 0, '99:AP.O1-p', '99:AP.O1-m'],
      ['1', 'AP.O1.1', 'AP', 0, '99:AP.O1.1-n'],
    ]);
    // Without plan.iati.indicator_vocabulary_uri, no indicator-uri; the nt: namespace is the project's URN.
    expect(
      kids(a, 'result')
        .flatMap((r) => kids(r, 'indicator'))
        .map((i) => kid(i, 'reference').getAttribute('indicator-uri')),
    ).toEqual([null, null, null]);
  });

  test('SDG targets: one tag (vocabulary 3) per target named by any result or indicator, once each, in the official order — the impact without an indicator counts too; policy markers of vocabulary 1, each with its significance (rule 6.14.1), in code order', async () => {
    const a = await load();
    // IMP 13.a; AP.O1 11.6 and 3.9; AP.O1.1-n 16.10 and 11.6 again.
    expect(kids(a, 'tag').map((t) => `${t.getAttribute('vocabulary')}:${t.getAttribute('code')}`)).toEqual([
      '3:3.9',
      '3:11.6',
      '3:13.a',
      '3:16.10',
    ]);
    // gender 0 (code 1), environment 2 (code 2), climate_mitigation 1 (code 6).
    expect(
      kids(a, 'policy-marker').map(
        (m) => `${m.getAttribute('vocabulary')}:${m.getAttribute('code')}:${m.getAttribute('significance')}`,
      ),
    ).toEqual(['1:1:0', '1:2:2', '1:6:1']);
  });

  test('a percent indicator with numerators: (3 + 9) / (10 + 20) = 40 %, F 3/10 = 30 %, M 9/20 = 45 %', async () => {
    const ind = await indicator('AP.O1-p');
    expect(ind.getAttribute('measure')).toBe('2');
    expect(ind.getAttribute('ascending')).toBe('1');
    expect(kid(ind, 'baseline').getAttribute('year')).toBe('2025');
    expect(kid(ind, 'baseline').getAttribute('value')).toBe('20');
    // 2027 has no target and no data: its period is left out (it would say nothing).
    expect(kids(ind, 'period').map((p) => kid(p, 'period-start').getAttribute('iso-date'))).toEqual([
      '2026-01-01',
      '2028-01-01',
    ]);
    const p2026 = periodOf(ind, 2026);
    expect(kid(p2026, 'period-end').getAttribute('iso-date')).toBe('2026-12-31');
    expect(values(p2026, 'target')).toEqual([{ value: '30', dimension: [], comment: [] }]);
    expect(values(p2026, 'actual')).toEqual([
      { value: '40', dimension: [], comment: ['12 of 30'] },
      { value: '30', dimension: ['sex=F'], comment: [] },
      { value: '45', dimension: ['sex=M'], comment: [] },
    ]);
    expect(values(periodOf(ind, 2028), 'target')).toEqual([{ value: '60', dimension: [], comment: [] }]);
  });

  test('a milestone: ordinal (measure 4), level indices from 0 with the level names as comments', async () => {
    const ind = await indicator('AP.O1-m');
    expect(ind.getAttribute('measure')).toBe('4');
    expect(kid(ind, 'baseline').getAttribute('value')).toBe('0');
    expect(kids(kid(ind, 'baseline'), 'comment').map(narrativeOf)).toEqual(['not started']);
    expect(values(periodOf(ind, 2026), 'target')).toEqual([]);
    expect(values(periodOf(ind, 2026), 'actual')).toEqual([
      { value: '1', dimension: [], comment: ['drafted'] },
    ]);
    expect(values(periodOf(ind, 2027), 'target')).toEqual([
      { value: '2', dimension: [], comment: ['endorsed'] },
    ]);
    expect(values(periodOf(ind, 2028), 'target')).toEqual([
      { value: '3', dimension: [], comment: ['implemented'] },
    ]);
    expect(narrativeOf(kid(ind, 'description'))).toContain(
      'Levels (ordinal, from 0): 0 not started, 1 drafted, 2 endorsed, 3 implemented.',
    );
  });

  test('a cumulative indicator: 2026 stands at 2 + 1 + 2 = 5 (H2 recorded 2027-01-10); the 2028 target revised from 6 to 8', async () => {
    const ind = await indicator('AP.O1.1-n');
    expect(values(periodOf(ind, 2026), 'actual')).toEqual([
      { value: '5', dimension: [], comment: ['as of 2026-H2'] },
    ]);
    expect(values(periodOf(ind, 2026), 'target')).toEqual([{ value: '3', dimension: [], comment: [] }]);
    expect(values(periodOf(ind, 2028), 'target')).toEqual([
      { value: '8', dimension: [], comment: ['revised (SOM-29-D1; originally 6)'] },
    ]);
  });

  test('budgets: one original per year; 2027 revised from 100,000.00 + 50,000.50 to 120,000.00 + 50,000.50 on 2026-10-21', async () => {
    const a = await load();
    const rows = kids(a, 'budget').map((b) => ({
      type: b.getAttribute('type'),
      start: kid(b, 'period-start').getAttribute('iso-date'),
      end: kid(b, 'period-end').getAttribute('iso-date'),
      value: kid(b, 'value').textContent,
      valueDate: kid(b, 'value').getAttribute('value-date'),
      lines: ext(b, 'line').map((l) => `${l.getAttribute('ref')} ${l.getAttribute('value')}`),
      revisions: ext(b, 'revision').map((r) => r.getAttribute('ref')),
    }));
    expect(rows).toEqual([
      {
        type: '1',
        start: '2026-01-01',
        end: '2026-12-31',
        value: '100000.00',
        valueDate: '2026-01-01',
        lines: ['B1 100000.00'],
        revisions: [],
      },
      {
        type: '1',
        start: '2027-01-01',
        end: '2027-12-31',
        value: '150000.50',
        valueDate: '2027-01-01',
        lines: ['B1 100000.00', 'B2 50000.50'],
        revisions: [],
      },
      {
        type: '2',
        start: '2027-01-01',
        end: '2027-12-31',
        value: '170000.50',
        valueDate: '2026-10-21',
        lines: ['B1 120000.00', 'B2 50000.50'],
        revisions: ['SOM-29-D1'],
      },
      {
        type: '1',
        start: '2028-01-01',
        end: '2028-12-31',
        value: '80000.00',
        valueDate: '2028-01-01',
        lines: ['B1 80000.00'],
        revisions: [],
      },
    ]);
  });

  test('transactions in date order: a KRW pledge (13) and contribution (1) with the contributor as provider, spending (4), an in-kind contribution; 2027-02-01 spending is after D', async () => {
    const a = await load();
    const rows = kids(a, 'transaction').map((t) => {
      const value = kid(t, 'value');
      const provider = kids(t, 'provider-org')[0];
      const receiver = kids(t, 'receiver-org')[0];
      const entry = ext(t, 'entry')[0] as XElement;
      return {
        ref: t.getAttribute('ref'),
        type: kid(t, 'transaction-type').getAttribute('code'),
        date: kid(t, 'transaction-date').getAttribute('iso-date'),
        value: `${value.getAttribute('currency') ?? 'default'} ${value.textContent} @${value.getAttribute('value-date')}`,
        description: narrativeOf(kid(t, 'description')),
        provider: provider ? `${provider.getAttribute('ref') ?? '-'} ${narrativeOf(provider)}` : null,
        receiver: receiver
          ? `${receiver.getAttribute('ref')} ${receiver.getAttribute('receiver-activity-id')} ${narrativeOf(receiver)}`
          : null,
        ext: Object.fromEntries(Array.from(entry.attributes).map((x) => [x.name, x.value])),
      };
    });
    const self = 'XM-DAC-99999 XM-DAC-99999-iati-fixture Example Commission';
    expect(rows).toEqual([
      {
        ref: 'framework.yaml:91',
        type: '13',
        date: '2025-09-23',
        // 300,000,000 KRW at the 2025 rate 0.0007 = 210,000.00 USD
        value: 'KRW 300000000 @2025-09-23',
        description: 'Pledge to Core Fund for 2026: announced at SOM-28',
        provider: '- Republic of Korea',
        receiver: self,
        ext: { source: 'CORE', contributor: 'KR', year: '2026', 'plan-value': '210000.00' },
      },
      {
        ref: 'framework.yaml:92',
        type: '1',
        date: '2026-03-10',
        // 300,000,000 KRW at the 2026 rate 0.00072 = 216,000.00 USD
        value: 'KRW 300000000 @2026-03-10',
        description: 'Contribution to Core Fund for 2026',
        provider: '- Republic of Korea',
        receiver: self,
        ext: { source: 'CORE', contributor: 'KR', year: '2026', kind: 'cash', 'plan-value': '216000.00' },
      },
      {
        ref: 'framework.yaml:94',
        type: '4',
        date: '2026-05-12',
        value: 'default 12500.00 @2026-05-12',
        description: 'B1 Meetings: SPC-7 meeting',
        provider: 'XM-DAC-99999 Example Commission',
        receiver: null,
        ext: { 'budget-line': 'B1' },
      },
      {
        ref: 'framework.yaml:93',
        type: '1',
        date: '2026-09-24',
        value: 'default 15000.00 @2026-09-24',
        description: 'In-kind contribution to Core Fund for 2026: venue',
        provider: '- Mongolia',
        receiver: self,
        ext: { source: 'CORE', contributor: 'MN', year: '2026', kind: 'in-kind' },
      },
    ]);
  });
});

describe('--as-of applies', () => {
  test('as of 2026-09-01, before the revision (2026-10-21): no revised budget, the 2028 target is 6; H2, the in-kind contribution and later spending are not there yet', async () => {
    const r = await exportXml(FIXTURE, '2026-09-01');
    expect(r.code).toBe(0);
    const a = activityOf(r.stdout);
    expect(kids(a, 'budget').map((b) => b.getAttribute('type'))).toEqual(['1', '1', '1']);
    expect(kids(a, 'transaction').map((t) => kid(t, 'transaction-date').getAttribute('iso-date'))).toEqual([
      '2025-09-23',
      '2026-03-10',
      '2026-05-12',
    ]);
    const ind = kids(a, 'result')
      .flatMap((x) => kids(x, 'indicator'))
      .find((i) => kid(i, 'reference').getAttribute('code') === 'AP.O1.1-n') as XElement;
    const p = (y: number) =>
      kids(ind, 'period').find(
        (x) => kid(x, 'period-start').getAttribute('iso-date') === `${y}-01-01`,
      ) as XElement;
    expect(kid(p(2028), 'target').getAttribute('value')).toBe('6');
    expect(kids(kid(p(2028), 'target'), 'comment')).toEqual([]);
    // Only H1 (dated 2026-07-05) stands: 2 + 1 = 3.
    expect(kid(p(2026), 'actual').getAttribute('value')).toBe('3');
    expect(narrativeOf(kid(kid(p(2026), 'actual'), 'comment'))).toBe('as of 2026-H1');
    expect(xmllint(r.stdout).code).toBe(0);
  });
});

describe('the extension namespace and the indicator vocabulary', () => {
  test('by default the nt: namespace is the project URN, and no URL is named anywhere in the file', async () => {
    const r = await exportXml(FIXTURE, '2027-01-31');
    expect(r.stdout).toContain(
      '<iati-activities version="2.03" xmlns:nt="urn:neaspec-track:iati-extension">',
    );
    expect(r.stdout).not.toMatch(/https?:/);
  });

  test("plan.iati names them: xmlns:nt and each indicator reference's indicator-uri; the file still validates", async () => {
    const tmp = tempDir('neaspec-iati-ns-');
    try {
      const text = readFileSync(path.join(FIXTURE, 'framework.yaml'), 'utf8').replace(
        '    sectors: [41010]\n',
        '    sectors: [41010]\n    extension_namespace: https://example.int/ns/track\n    indicator_vocabulary_uri: https://example.int/indicators\n',
      );
      expect(text).toContain('extension_namespace');
      writeFileSync(path.join(tmp.dir, 'framework.yaml'), text);
      const r = await exportXml(tmp.dir, '2027-01-31');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('xmlns:nt="https://example.int/ns/track"');
      const a = activityOf(r.stdout);
      const refs = kids(a, 'result')
        .flatMap((x) => kids(x, 'indicator'))
        .map((i) => kid(i, 'reference').getAttribute('indicator-uri'));
      expect(refs).toEqual([
        'https://example.int/indicators',
        'https://example.int/indicators',
        'https://example.int/indicators',
      ]);
      expect(xmllint(r.stdout)).toEqual({ code: 0, output: 'activity.xml validates\n' });
    } finally {
      tmp.cleanup();
    }
  });
});

describe('the command', () => {
  test('--out writes the file and says so; the same as-of gives the same bytes', async () => {
    const tmp = tempDir('neaspec-iati-out-');
    try {
      const file = path.join(tmp.dir, 'activity.xml');
      const r = await exportXml(FIXTURE, '2027-01-31', ['--out', file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toBe(`wrote ${file}`);
      const again = await exportXml(FIXTURE, '2027-01-31');
      expect(readFileSync(file, 'utf8')).toBe(again.stdout);
      expect(again.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });

  test('without plan.iati: exit 1, saying what to add', async () => {
    const r = await runCli([
      '--framework',
      'test/report/fixture',
      'export',
      '--format',
      'iati',
      '--as-of',
      '2026-07-01',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Add a `plan.iati` block to the plan (test/report/fixture/');
    for (const field of ['reporting_org:', 'activity_status:', 'recipient_countries:', 'sectors:'])
      expect(r.stderr).toContain(field);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(
      'neaspec-track: export --format iati: the plan has no `iati` block (reporting_org, activity_status, recipient_countries or recipient_regions, sectors)',
    );
  });

  test('an unknown format is a usage error', async () => {
    const r = await runCli(['--framework', FIXTURE, 'export', '--format', 'iati2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of xlsx, iati, parquet, not "iati2"');
  });
});

describe('the exporter itself', () => {
  const fixture = (): Framework => {
    const dir = path.resolve(FIXTURE);
    const text = readFileSync(path.join(dir, 'framework.yaml'), 'utf8');
    const fw = checkFiles(dir, [{ name: 'framework.yaml', path: 'framework.yaml', text }]).framework;
    if (!fw) throw new Error('fixture did not load');
    return fw;
  };

  test('checks every code it writes against its codelist, and writes nothing when one is outside', () => {
    const fw = fixture();
    const a = computeIati(
      fw,
      fw.plan.iati as NonNullable<typeof fw.plan.iati>,
      parseDate('2027-01-31') as number,
    );
    expect(codelistProblems(a)).toEqual([]);
    const bad = structuredClone(a);
    (bad.results[0]?.indicators[0] as { measure: string }).measure = '6';
    (bad.results[0] as { type: string }).type = '4';
    (bad.budgets[0] as { type: string }).type = '3';
    (bad.transactions[0] as { type: string }).type = '14';
    (bad.transactions[1] as { currency: string }).currency = 'XYZ';
    bad.currency = 'EURO';
    (bad.policyMarkers[0] as { significance: string }).significance = '5';
    (bad.policyMarkers[1] as { code: string }).code = '13';
    bad.sdgTargets[0] = '18.1';
    expect(codelistProblems(bad)).toEqual([
      'Currency "EURO" (default-currency)',
      'SDG target "18.1" (tag)',
      'PolicySignificance "5" (policy-marker 1)',
      'PolicyMarker "13" (policy-marker 13)',
      'BudgetType "3" (budget 2026)',
      'TransactionType "14" (transaction framework.yaml:91)',
      'Currency "XYZ" (transaction framework.yaml:92)',
      'ResultType "4" (result AP.O1)',
      'IndicatorMeasure "6" (indicator AP.O1-p)',
    ]);
    expect(() => exportIati(bad)).toThrow(IatiCodelistError);
  });

  test('characters XML cannot carry are replaced, markup characters escaped: the file stays valid', () => {
    const fw = fixture();
    const a = computeIati(
      fw,
      fw.plan.iati as NonNullable<typeof fw.plan.iati>,
      parseDate('2027-01-31') as number,
    );
    a.title = 'Bell\u0007 & <b>"quoted"</b> ]]> end';
    const xml = exportIati(a);
    expect(xml).toContain('<narrative>Bell\uFFFD &amp; &lt;b&gt;"quoted"&lt;/b&gt; ]]&gt; end</narrative>');
    expect(xmllint(xml).code).toBe(0);
    expect(narrativeOf(kid(activityOf(xml), 'title'))).toBe('Bell\uFFFD & <b>"quoted"</b> ]]> end');
  });
});
