import { parseDate } from '../../src/core/dates.js';
import { checkFiles } from '../../src/load/index.js';
import type { Framework } from '../../src/model/framework.js';

/** A calendar date as a day number (throws on a bad date: tests only). */
export function day(s: string): number {
  const d = parseDate(s);
  if (d === null) throw new Error(`bad date ${s}`);
  return d;
}

const plan = (planExtra: string) => `plan:
  id: test-plan
  title: Test plan
  start: 2026
  end: 2030
  currency: USD
${planExtra}  dimensions:
    country: [CN, JP, MN]
programmes:
  - {id: AP, title: Air}
  - {id: BD, title: Nature}
results:
  - {id: AP.O1, level: outcome, programme: AP, title: Cleaner air}
  - {id: AP.O1.1, level: output, parent: AP.O1, title: Reports}
  - {id: BD.O1, level: outcome, programme: BD, title: Habitats}
`;

/**
 * A checked framework from YAML text: the plan above (2026–2030, USD, country CN/JP/MN; programmes
 * AP and BD) plus `indicators:` and `progress:` sections. `planExtra` adds lines inside the plan
 * mapping (indented two spaces, each ending in a newline), e.g. a `rating`. Fails the test on any
 * validation error.
 */
export function framework(indicators: string, progress = '', extra = '', planExtra = ''): Framework {
  const text = `${plan(planExtra)}${extra}indicators:\n${indicators}\n${progress ? `progress:\n${progress}\n` : ''}`;
  const checked = checkFiles('/fixture', [{ name: 'fw.yaml', path: '/fixture/fw.yaml', text }]);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.framework || errors.length) {
    throw new Error(`fixture invalid:\n${errors.map((e) => `${e.code}: ${e.message}`).join('\n')}`);
  }
  return checked.framework;
}
