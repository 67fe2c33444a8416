import { computePortfolio, type PortfolioMember, type PortfolioReport } from '../../src/compute/portfolio.js';
import { parseDate } from '../../src/core/dates.js';
import { checkFiles } from '../../src/load/index.js';
import type { Framework } from '../../src/model/framework.js';

/** A checked framework from YAML text under its own root; fails the test on a validation error. */
export function fw(name: string, text: string): Framework {
  const root = `/fixture/${name}`;
  const checked = checkFiles(root, [{ name: `${name}/plan.yaml`, path: `${root}/plan.yaml`, text }]);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (!checked.framework || errors.length)
    throw new Error(`fixture invalid:\n${errors.map((e) => `${e.code}: ${e.message}`).join('\n')}`);
  return checked.framework;
}

/** A plan section (2026–2028, USD) with one outcome, and `extra` lines inside the plan mapping. */
export function plan(id: string, extra = ''): string {
  return `plan:
  id: ${id}
  title: ${id}
  start: 2026
  end: 2028
  currency: USD
  dimensions: {country: [CN, JP, MN]}
${extra}programmes:
  - {id: P, title: P}
results:
  - {id: O1, level: outcome, programme: P, title: O1}
`;
}

/** An indicator line for `indicators:`; `spec` gives its own fields, e.g. `measure: percent`. */
export function indicator(id: string, spec: string): string {
  const base: Record<string, string> = {
    result: 'O1',
    title: id,
    unit: 'u',
    measure: 'number',
    direction: 'increase',
    aggregation: 'cumulative',
    baseline: '{year: 2025, value: 0}',
    targets: '{2026: 10, 2028: 30}',
    frequency: 'annual',
  };
  for (const part of spec.split(/;\s*/).filter(Boolean)) {
    const at = part.indexOf(':');
    base[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return `  - {id: ${id}, ${Object.entries(base)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}\n`;
}

/** A child linked to `../parent` with the mapping given as `OWN: PARENT` pairs. */
export function linked(map: Record<string, string>): string {
  return `  contributes_to:\n    - framework: ../parent\n      indicators: {${Object.entries(map)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}\n`;
}

/** The portfolio of `parent` with each child linked by its first contributes_to item (none: not linked). */
export function portfolio(parent: Framework, children: Framework[], asOf: string): PortfolioReport {
  const members: PortfolioMember[] = children.map((c) => ({
    framework: c,
    path: c.root,
    link: c.plan.contributesTo[0],
  }));
  const d = parseDate(asOf);
  if (d === null) throw new Error(`bad date ${asOf}`);
  return computePortfolio(parent, parent.root, members, d);
}
