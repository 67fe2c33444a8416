import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { checkIatiFile, RULES } from './iati-rules.js';
import { activityOf, kids, parseXml } from './iati-xml.js';

/**
 * The IATI Validator's Error-severity rules (test/export/iati-rules.ts, written from IATI's
 * Standard Ruleset): the export of the shipped framework, both examples and the fixture breaks
 * none of them, as of days inside, before and after the plan; and each rule the checker knows
 * does fire on a file that breaks it (a checker that cannot fail proves nothing).
 */

const FRAMEWORKS = [
  'frameworks/neaspec-2026-2030',
  'examples/minimal',
  'examples/donor-project',
  'test/export/fixtures/iati',
];

async function exportXml(framework: string, asOf: string): Promise<string> {
  const r = await runCli(['--framework', framework, 'export', '--format', 'iati', '--as-of', asOf]);
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('the export breaks no Error rule of the IATI Validator', () => {
  for (const fw of FRAMEWORKS) {
    test(fw, async () => {
      for (const asOf of ['2025-06-30', '2026-11-28', '2027-01-31', '2031-03-01']) {
        expect(checkIatiFile(parseXml(await exportXml(fw, asOf)), asOf)).toEqual([]);
      }
    });
  }

  test('rule 8.11.1: references only at indicator level; no period without a target or an actual', async () => {
    for (const fw of FRAMEWORKS) {
      const a = activityOf(await exportXml(fw, '2026-11-28'));
      for (const r of kids(a, 'result')) {
        expect(kids(r, 'reference')).toEqual([]);
        for (const ind of kids(r, 'indicator')) {
          expect(kids(ind, 'reference')).toHaveLength(1);
          for (const p of kids(ind, 'period'))
            expect(kids(p, 'target').length + kids(p, 'actual').length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('each rule fires on a file that breaks it', () => {
  /** A small activity that passes every rule; each case below breaks one. */
  const GOOD = `<?xml version="1.0"?>
<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="USD">
  <iati-identifier>XM-DAC-1-a</iati-identifier>
  <reporting-org ref="XM-DAC-1" type="40"><narrative>Org</narrative></reporting-org>
  <title><narrative>T</narrative></title>
  <description type="1"><narrative>D</narrative></description>
  <participating-org role="4" ref="XM-DAC-1"/>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2026-01-01"/>
  <activity-date type="3" iso-date="2028-12-31"/>
  <recipient-region code="789"/>
  <sector code="41010"/>
  <policy-marker code="2" significance="2"/>
  <budget type="1"><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><value value-date="2026-01-01">10</value></budget>
  <transaction><transaction-type code="4"/><transaction-date iso-date="2026-03-01"/><value value-date="2026-03-01">5</value><provider-org><narrative>Org</narrative></provider-org></transaction>
  <result type="1"><title><narrative>R</narrative></title>
    <indicator measure="1" ascending="1"><title><narrative>I</narrative></title><reference vocabulary="99" code="I-1"/>
      <baseline year="2025" value="0"/>
      <period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><target value="3"/><actual value="2"/></period>
    </indicator>
  </result>
</iati-activity></iati-activities>`;
  const NOW = '2026-11-28';
  const rulesOf = (xml: string) => [...new Set(checkIatiFile(parseXml(xml), NOW).map((b) => b.rule))].sort();
  const broken = (from: string, to: string) => {
    expect(GOOD).toContain(from);
    return GOOD.replace(from, to);
  };

  test('the good file breaks none', () => {
    expect(rulesOf(GOOD)).toEqual([]);
  });

  const cases: [string, string, string][] = [
    ['1.1.3', '<iati-identifier>XM-DAC-1-a<', '<iati-identifier>XM-DAC-1<'],
    ['4.1.1', '<iati-activity xml:lang="en" ', '<iati-activity '],
    ['4.3.1', '<title><narrative>T</narrative></title>', '<title><narrative></narrative></title>'],
    ['4.4.1', '<description type="1"><narrative>D</narrative>', '<description type="1">'],
    ['7.8.1', 'default-currency="USD"', ''],
    ['6.11.1', '<activity-date type="1" iso-date="2026-01-01"/>', ''],
    [
      '11.1.2',
      '<activity-date type="3" iso-date="2028-12-31"/>',
      '<activity-date type="3" iso-date="2025-12-31"/>',
    ],
    ['11.1.1', '<iati-activity ', '<iati-activity last-updated-datetime="2026-11-29T00:00:00Z" '],
    [
      '11.1.4',
      '<activity-status code="2"/>',
      '<activity-status code="2"/><activity-date type="2" iso-date="2026-12-01"/>',
    ],
    ['11.2.1', '<transaction-date iso-date="2026-03-01"/>', '<transaction-date iso-date="2026-11-29"/>'],
    ['11.2.2', '<value value-date="2026-03-01">5', '<value value-date="2026-12-01">5'],
    ['6.2.2', '<sector code="41010"/>', ''],
    ['6.6.2', '<provider-org>', '<sector code="41010"/><provider-org>'],
    ['2.1.1', '<sector code="41010"/>', '<sector code="41010"/><sector code="41020" percentage="100"/>'],
    ['2.1.4', '<sector code="41010"/>', '<sector code="41010" percentage="60"/>'],
    ['2.2.1', '<sector code="41010"/>', '<sector code="41010"/><sector vocabulary="99" code="X"/>'],
    [
      '12.3.1',
      '<sector code="41010"/>',
      '<sector code="41010" percentage="100"/><sector vocabulary="2" code="410" percentage="120"/>',
    ],
    ['3.4.4', '<recipient-region code="789"/>', '<recipient-region code="789" percentage="50"/>'],
    [
      '3.1.2',
      '<recipient-region code="789"/>',
      '<recipient-country code="MN" percentage="50"/><recipient-country code="CN" percentage="40"/>',
    ],
    ['3.7.1', '<recipient-region code="789"/>', ''],
    ['6.9.1', '<provider-org><narrative>Org</narrative></provider-org>', '<provider-org/>'],
    ['6.9.2', '</provider-org>', '</provider-org><receiver-org type="40"/>'],
    ['6.10.1', '<participating-org role="4" ref="XM-DAC-1"/>', '<participating-org role="4"/>'],
    ['6.14.1', '<policy-marker code="2" significance="2"/>', '<policy-marker code="2"/>'],
    ['6.13.1', '<policy-marker code="2" significance="2"/>', '<policy-marker vocabulary="99" code="X"/>'],
    [
      '7.5.3',
      '<period-end iso-date="2026-12-31"/><value value-date="2026-01-01">',
      '<period-end iso-date="2027-01-02"/><value value-date="2026-01-01">',
    ],
    [
      '8.6.3',
      '<period-end iso-date="2026-12-31"/><value value-date="2026-01-01">',
      '<period-end iso-date="2025-12-31"/><value value-date="2026-01-01">',
    ],
    [
      '8.11.1',
      '<title><narrative>R</narrative></title>',
      '<title><narrative>R</narrative></title><reference vocabulary="99" code="R-1"/>',
    ],
    ['8.6.1', '<period-end iso-date="2026-12-31"/><target', '<period-end iso-date="2025-12-31"/><target'],
    ['8.8.1', '<baseline year="2025" value="0"/>', '<baseline year="2025"/>'],
    ['8.9.1', '<target value="3"/>', '<target/>'],
    ['8.10.1', '<actual value="2"/>', '<actual/>'],
  ];
  for (const [rule, from, to] of cases) {
    test(`${rule}: ${RULES[rule]}`, () => {
      expect(rulesOf(broken(from, to))).toContain(rule);
    });
  }

  test('a budget of exactly one year passes 7.5.3; one a day longer fails', () => {
    const leap = broken(
      '<period-end iso-date="2026-12-31"/><value',
      '<period-end iso-date="2027-01-01"/><value',
    );
    expect(rulesOf(leap)).toEqual([]);
  });

  test('a qualitative indicator (measure 5) may leave its values out', () => {
    expect(rulesOf(broken('measure="1"', 'measure="5"').replace('<target value="3"/>', '<target/>'))).toEqual(
      [],
    );
  });
});
