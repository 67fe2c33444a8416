import { describe, expect, test } from 'vitest';
import { checkFiles } from '../../src/load/index.js';
import { atText, found, fw, PLAN } from './helpers.js';

/**
 * SDG targets on results and indicators (`sdg:`) and the plan's OECD DAC policy markers
 * (`markers:`): each bad value is an error at the value, file:line:col.
 */

const P = 'plan.yaml';

function load(files: Record<string, string>) {
  return checkFiles(
    'fw',
    Object.entries(files).map(([name, text]) => ({ name, path: name, text })),
  ).framework;
}

describe('sdg:', () => {
  test('targets as text or bare numbers, normalised in the official order; 8.10 stays 8.10', () => {
    const text = PLAN.replace(
      'title: Cleaner air}',
      'title: Cleaner air, sdg: ["15.a", 11.6, 8.10, "3.9"]}',
    ).replace('    frequency: annual\n', '    frequency: annual\n    sdg:\n      - 16.10\n      - "11.6"\n');
    const files = fw({ [P]: text });
    expect(found(files)).toEqual([]);
    const f = load(files);
    expect(f?.results.find((r) => r.id === 'AP.O1')?.sdg).toEqual(['3.9', '8.10', '11.6', '15.a']);
    expect(f?.indicators.find((i) => i.id === 'AP.O1.1-a')?.sdg).toEqual(['11.6', '16.10']);
    expect(f?.results.find((r) => r.id === 'AP.O1.1')?.sdg).toEqual([]);
  });

  test('an unknown target is an error pointing at the value; a target named twice is a warning', () => {
    const text = PLAN.replace(
      'title: Cleaner air}',
      'title: Cleaner air, sdg: ["18.1", 15.d, 17.20, "11.6", "11.6", 7]}',
    ).replace('    frequency: annual\n', '    frequency: annual\n    sdg: ["3.e"]\n');
    const files = fw({ [P]: text });
    expect(found(files)).toEqual([
      atText('sdg-target', P, text, '"18.1"'),
      atText('sdg-target', P, text, '15.d'),
      atText('sdg-target', P, text, '17.20'),
      atText('sdg-target', P, text, '7]'),
      atText('sdg-target', P, text, '"3.e"'),
      // Warnings come after the errors.
      atText('sdg-duplicate', P, text, '"11.6"', 'warning', 1),
    ]);
  });

  test('the message says which targets the goal has', async () => {
    const text = PLAN.replace('title: Cleaner air}', 'title: Cleaner air, sdg: ["15.d", "18.1"]}');
    const d = checkFiles('fw', [{ name: P, path: P, text }]).diagnostics.filter(
      (x) => x.code === 'sdg-target',
    );
    expect(d.map((x) => x.message)).toEqual([
      '"15.d" is not an SDG target: goal 15 (Life on land) has targets 15.1–15.9 and 15.a–15.c',
      '"18.1" is not an SDG target: a target is written GOAL.TARGET, goal 1–17, such as "11.6" or "15.a"',
    ]);
  });
});

describe('markers:', () => {
  const withMarkers = (m: string) => PLAN.replace('  currency: USD\n', `  currency: USD\n  markers: ${m}\n`);

  test('names of the OECD DAC markers with significance 0–2, in code order; 3 for desertification, 4 for RMNCH', () => {
    const files = fw({ [P]: withMarkers('{environment: 2, gender: 0, desertification: 3, rmnch: 4}') });
    expect(found(files)).toEqual([]);
    expect(load(files)?.plan.markers).toEqual([
      { code: '1', name: 'Gender Equality', significance: '0' },
      { code: '2', name: 'Aid to Environment', significance: '2' },
      {
        code: '8',
        name: 'Aid Targeting the Objectives of the Convention to Combat Desertification',
        significance: '3',
      },
      { code: '9', name: 'Reproductive, Maternal, Newborn and Child Health (RMNCH)', significance: '4' },
    ]);
  });

  test('an unknown marker (at its key), a significance outside the codelist, 3 or 4 on another marker (at the value)', () => {
    const text = withMarkers('{environmnet: 2, gender: 5, environment: 3, drr: 4}');
    expect(found(fw({ [P]: text }))).toEqual([
      atText('unknown-marker', P, text, 'environmnet'),
      atText('marker-significance', P, text, '5,'),
      atText('marker-significance', P, text, '3,'),
      atText('marker-significance', P, text, '4}'),
    ]);
  });

  test('a significance that is not a whole number is a schema error', () => {
    const text = withMarkers('{environment: high}');
    expect(found(fw({ [P]: text })).map((f) => f.code)).toEqual(['wrong-type']);
  });
});
