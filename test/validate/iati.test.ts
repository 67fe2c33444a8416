import { describe, expect, test } from 'vitest';
import { checkFiles } from '../../src/load/index.js';
import { atText, found, fw, PLAN } from './helpers.js';

/**
 * The `plan.iati` block (docs/iati.md): one fixture per check — codes against IATI's codelists,
 * IATI's identifier characters, percentages adding up to 100, a name for vocabulary 98/99 sectors.
 */

const P = 'plan.yaml';

function withIati(block: string): string {
  return PLAN.replace('  currency: USD\n', `  currency: USD\n  iati:\n${block}`);
}

const GOOD = `    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example Commission}
    activity_status: 2
    recipient_regions: [789]
    sectors: [41010]
`;

function plan(block: string) {
  const text = withIati(block);
  return { text, files: fw({ [P]: text }) };
}

describe('plan.iati', () => {
  test('a complete block is clean and normalised with its defaults', () => {
    const { files } = plan(GOOD);
    expect(found(files)).toEqual([]);
    const fwk = checkFiles(
      'fw',
      Object.entries(files).map(([name, text]) => ({ name, path: name, text })),
    ).framework;
    expect(fwk?.plan.iati).toMatchObject({
      reportingOrg: { ref: 'XM-DAC-99999', type: '40', name: 'Example Commission' },
      identifier: 'XM-DAC-99999-demo',
      activityStatus: '2',
      language: 'en',
      countries: [],
      regions: [{ code: '789', vocabulary: '1', percentage: undefined, name: undefined }],
      sectors: [{ code: '41010', vocabulary: '1', percentage: undefined, name: undefined }],
    });
  });

  test('the block is optional', () => {
    const fwk = checkFiles(
      'fw',
      Object.entries(fw()).map(([name, text]) => ({ name, path: name, text })),
    ).framework;
    expect(fwk?.plan.iati).toBeUndefined();
  });

  test('codes outside the codelists: organisation type, activity status, country, region, sector', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 41, name: Example}
    activity_status: 7
    recipient_countries: [{code: MN, percentage: 60}, {code: XX, percentage: 40}]
    sectors: [41011]
`);
    expect(found(files)).toEqual([
      atText('iati-code', P, text, '41,'),
      atText('iati-code', P, text, '7\n'),
      atText('iati-code', P, text, 'XX'),
      atText('iati-code', P, text, '41011'),
    ]);
  });

  test('region and sector vocabularies: unknown vocabulary, UN M49 format, SDG goals, own vocabulary needs a name', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    activity_status: 2
    recipient_regions: [{code: 142, vocabulary: 3, percentage: 50}, {code: '1420', vocabulary: 2, percentage: 50}]
    sectors:
      - {code: 18, vocabulary: 7}
      - {code: AIR, vocabulary: 99}
`);
    expect(found(files)).toEqual([
      atText('iati-code', P, text, '3,'),
      atText('iati-code', P, text, "'1420'"),
      atText('iati-code', P, text, '18'),
      atText('iati-sector-name', P, text, '{code: AIR'),
    ]);
  });

  test('several recipients or sectors need percentages adding up to 100', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    activity_status: 2
    recipient_countries: [MN, {code: CN, percentage: 50}]
    sectors: [{code: 41010, percentage: 60}, {code: 41020, percentage: 30}]
`);
    expect(found(files)).toEqual([
      atText('iati-percentages', P, text, 'MN'),
      atText('iati-percentages', P, text, '[{code: 41010'),
    ]);
  });

  test('a single recipient with a percentage other than 100; 33.33 + 33.33 + 33.34 adds up', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    activity_status: 2
    recipient_regions: [{code: 789, percentage: 90}]
    sectors: [{code: 41010, percentage: 33.33}, {code: 41020, percentage: 33.33}, {code: 41030, percentage: 33.34}]
`);
    expect(found(files)).toEqual([atText('iati-percentages', P, text, '{code: 789')]);
  });

  test('no recipient at all', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    activity_status: 2
    sectors: [41010]
`);
    expect(found(files)).toEqual([atText('iati-recipient', P, text, 'iati:')]);
  });

  test("identifiers: IATI's forbidden characters; an identifier not beginning with the organisation's is a warning", () => {
    const bad = plan(`    reporting_org: {ref: XM/DAC, type: 40, name: Example}
    identifier: A&B
    activity_status: 2
    recipient_regions: [789]
    sectors: [41010]
`);
    expect(found(bad.files)).toEqual([
      atText('iati-identifier', P, bad.text, 'XM/DAC'),
      atText('iati-identifier', P, bad.text, 'A&B'),
    ]);
    const other = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    identifier: NEASPEC-2026
    activity_status: 2
    recipient_regions: [789]
    sectors: [41010]
`);
    expect(found(other.files)).toEqual([
      atText('iati-identifier-prefix', P, other.text, 'NEASPEC-2026', 'warning'),
    ]);
  });

  test("an activity identifier equal to the organisation's is an error (IATI Validator rule 1.1.3)", () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    identifier: XM-DAC-99999
    activity_status: 2
    recipient_regions: [789]
    sectors: [41010]
`);
    expect(found(files)).toEqual([atText('iati-identifier-same', P, text, 'XM-DAC-99999', 'error', 1)]);
  });

  test('extension_namespace and indicator_vocabulary_uri: absolute URIs, normalised as written; anything else points at the value', () => {
    const good = plan(`${GOOD}    extension_namespace: urn:example:iati-extension
    indicator_vocabulary_uri: https://example.int/indicators
`);
    expect(found(good.files)).toEqual([]);
    const fwk = checkFiles(
      'fw',
      Object.entries(good.files).map(([name, text]) => ({ name, path: name, text })),
    ).framework;
    expect(fwk?.plan.iati).toMatchObject({
      extensionNamespace: 'urn:example:iati-extension',
      indicatorVocabularyUri: 'https://example.int/indicators',
    });
    const bad = plan(`${GOOD}    extension_namespace: neaspec extension
    indicator_vocabulary_uri: /indicators.html
`);
    expect(found(bad.files)).toEqual([
      atText('invalid-value', P, bad.text, 'neaspec extension'),
      atText('invalid-value', P, bad.text, '/indicators.html'),
    ]);
  });

  test('schema: a missing field and an unknown key name the key, with a suggestion', () => {
    const { text, files } = plan(`    reporting_org: {ref: XM-DAC-99999, type: 40, name: Example}
    recipient_regions: [789]
    sector: [41010]
`);
    const codes = found(files).map((f) => f.code);
    expect(codes).toContain('missing-key');
    expect(codes).toContain('unknown-key');
    expect(found(files)).toContainEqual(atText('unknown-key', P, text, 'sector:'));
  });
});
