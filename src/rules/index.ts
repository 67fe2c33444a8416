import { pushAll } from '../core/arrays.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type { Framework, Indicator } from '../model/framework.js';
import { child, type Src } from '../model/source.js';
import { suggest } from '../normalise/schema-issues.js';
import { breakdownTotal } from './breakdown-total.js';
import { unexpectedValues } from './expected-values.js';
import { possibleDuplicates } from './possible-duplicate.js';
import { suspectRunningTotals } from './suspect-running-total.js';

/** What rules may know beyond the framework, so that one mistake is reported once, not as a cascade. */
export interface RuleContext {
  /** Ids whose item failed its own checks: references to them are not "unknown". */
  invalidIds: ReadonlySet<string>;
  /** Results named by indicators that failed their own checks. */
  invalidRefs: ReadonlySet<string>;
  /** The diagnostics found before the rules ran. */
  prior: readonly Diagnostic[];
}

/** A cross-reference rule: a small named function from the framework to diagnostics. */
export interface Rule {
  name: string;
  check(fw: Framework, ctx: RuleContext): Diagnostic[];
}

const uniqueIds: Rule = {
  name: 'unique-ids',
  check(fw) {
    const seen = new Map<string, Src>();
    const out: Diagnostic[] = [];
    const all = [
      { id: fw.plan.id, src: fw.plan.src },
      ...fw.programmes,
      ...fw.results,
      ...fw.indicators,
      ...fw.sources,
      ...fw.contributors,
      ...fw.lines,
      ...fw.meetings,
      ...[...fw.revisions].sort((a, b) => a.seq - b.seq),
    ];
    for (const item of all) {
      const first = seen.get(item.id);
      if (first) {
        const at = first.file.locate(child(first, 'id').path);
        out.push(
          error(
            'duplicate-id',
            `id "${item.id}" is already used at ${first.file.name}:${at.line}:${at.col}; ids are unique across the framework`,
            child(item.src, 'id'),
          ),
        );
      } else seen.set(item.id, item.src);
    }
    return out;
  },
};

const resultChain: Rule = {
  name: 'result-chain',
  check(fw, { invalidIds }) {
    const out: Diagnostic[] = [];
    const programmes = fw.programmes.map((p) => p.id);
    const results = new Map(fw.results.map((r) => [r.id, r]));
    const expectedParent = { impact: undefined, outcome: 'impact', output: 'outcome' } as const;
    for (const r of fw.results) {
      if (r.level === 'outcome') {
        const raw = r.programme;
        if (raw === undefined && r.parent === undefined) {
          out.push(error('missing-key', `outcome ${r.id} needs a "programme"`, r.src));
        } else if (raw !== undefined && !programmes.includes(raw) && !invalidIds.has(raw)) {
          out.push(
            error(
              'unknown-programme',
              `unknown programme "${raw}"${suggest(raw, programmes)}`,
              child(r.src, 'programme'),
            ),
          );
        }
      }
      if (r.level === 'output' && r.parent === undefined) {
        out.push(error('missing-key', `output ${r.id} needs a "parent" (its outcome)`, r.src));
      }
      if (r.parent !== undefined) {
        const parent = results.get(r.parent);
        const want = expectedParent[r.level];
        if (!parent) {
          if (invalidIds.has(r.parent)) continue;
          out.push(
            error(
              'unknown-parent',
              `unknown parent "${r.parent}"${suggest(r.parent, [...results.keys()])}`,
              child(r.src, 'parent'),
            ),
          );
        } else if (parent.level !== want) {
          out.push(
            error(
              'parent-level',
              `the parent of ${r.level} ${r.id} must be ${want ? `an ${want}` : 'absent'}, but ${parent.id} is an ${parent.level}`,
              child(r.src, 'parent'),
            ),
          );
        }
      }
    }
    return out;
  },
};

const indicatorRefs: Rule = {
  name: 'indicator-refs',
  check(fw, { invalidIds }) {
    const out: Diagnostic[] = [];
    const results = fw.results.map((r) => r.id);
    for (const ind of fw.indicators) {
      if (!results.includes(ind.result) && !invalidIds.has(ind.result)) {
        out.push(
          error(
            'unknown-result',
            `unknown result "${ind.result}"${suggest(ind.result, results)}`,
            child(ind.src, 'result'),
          ),
        );
      }
      ind.disaggregate.forEach((dim, i) => {
        const at =
          ind.expectedWritten !== undefined
            ? child(ind.src, 'disaggregate', dim)
            : child(ind.src, 'disaggregate', i);
        if (!Object.hasOwn(fw.plan.dimensions, dim)) {
          const known = Object.keys(fw.plan.dimensions);
          out.push(
            error(
              'unknown-dimension',
              `"${dim}" is not a dimension of the plan${known.length ? ` (${known.join(', ')})` : ' (plan.dimensions is empty)'}${suggest(dim, known)}`,
              at,
            ),
          );
        } else if (ind.expectedWritten !== undefined) pushAll(out, expectedValueErrors(fw, ind, dim));
      });
    }
    return out;
  },
};

/** The expected values written for one dimension (`disaggregate: {country: [...]}`) must be the plan's. */
function expectedValueErrors(fw: Framework, ind: Indicator, dim: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = fw.plan.dimensions[dim] ?? [];
  const list = ind.expectedWritten?.[dim] ?? [];
  list.forEach((value, j) => {
    if (!known.includes(value)) {
      out.push(
        error(
          'dimension-value',
          `"${value}" is not a ${dim} of the plan (${known.join(', ')})${suggest(value, known)}`,
          child(ind.src, 'disaggregate', dim, j),
        ),
      );
    }
  });
  if (list.length === 0) {
    out.push(
      error(
        'no-expected-values',
        `${ind.id} expects no ${dim} value; name at least one of ${known.join(', ')}, or leave ${dim} out`,
        child(ind.src, 'disaggregate', dim),
      ),
    );
  }
  return out;
}

const budgetRefs: Rule = {
  name: 'budget-refs',
  check(fw, { invalidIds }) {
    const out: Diagnostic[] = [];
    const results = fw.results.map((r) => r.id);
    const sources = fw.sources.map((s) => s.id);
    for (const line of fw.lines) {
      if (line.result !== undefined && !results.includes(line.result) && !invalidIds.has(line.result)) {
        out.push(
          error(
            'unknown-result',
            `unknown result "${line.result}"${suggest(line.result, results)}`,
            child(line.src, 'result'),
          ),
        );
      }
      if (line.source !== undefined && !sources.includes(line.source) && !invalidIds.has(line.source)) {
        out.push(
          error(
            'unknown-source',
            `unknown funding source "${line.source}"${suggest(line.source, sources)}`,
            child(line.src, 'source'),
          ),
        );
      }
    }
    return out;
  },
};

const outcomeIndicators: Rule = {
  name: 'outcome-indicators',
  check(fw, { invalidRefs }) {
    // An outcome counts as measured when an indicator sits on it or on one of its outputs
    // (an indicator that failed its own checks still counts: that error is the one to fix).
    const measured = new Set<string>();
    const parentOf = new Map(fw.results.map((r) => [r.id, r.parent]));
    for (const result of [...fw.indicators.map((i) => i.result), ...invalidRefs]) {
      measured.add(result);
      const parent = parentOf.get(result);
      if (parent) measured.add(parent);
    }
    return fw.results
      .filter((r) => r.level === 'outcome' && !measured.has(r.id))
      .map((r) =>
        warning('outcome-no-indicator', `outcome ${r.id} has no indicator (on itself or its outputs)`, r.src),
      );
  },
};

const lineLinks: Rule = {
  name: 'line-links',
  check(fw) {
    return fw.lines
      .filter((l) => l.result === undefined)
      .map((l) => warning('line-no-result', `budget line ${l.id} is linked to no result`, l.src));
  },
};

const yearsFunded: Rule = {
  name: 'years-funded',
  check(fw, { prior }) {
    if (fw.lines.length === 0) return [];
    const out: Diagnostic[] = [];
    // A year whose planned amount was rejected (e.g. too many decimals) is not "unfunded".
    const rejected = new Set(
      prior
        .filter((d) => d.severity === 'error' && d.src?.path.at(-2) === 'planned')
        .map((d) => String(d.src?.path.at(-1))),
    );
    for (let y = fw.plan.start; y <= fw.plan.end; y++) {
      const any = fw.lines.some((l) => (l.planned.get(y) ?? 0n) !== 0n);
      if (!any && !rejected.has(String(y)))
        out.push(
          warning('year-no-money', `no budget line plans money for ${y}`, child(fw.plan.src, 'start')),
        );
    }
    return out;
  },
};

const targetDirection: Rule = {
  name: 'target-direction',
  check(fw) {
    const out: Diagnostic[] = [];
    for (const ind of fw.indicators) {
      pushAll(
        out,
        againstDirection(ind, ind.targets, (year) => child(ind.src, 'targets', String(year))),
      );
    }
    // The curve as each revision leaves it: a revised target that moves against the direction is
    // reported at the revision that set it (years it did not set were reported above or earlier).
    const curves = new Map(
      fw.indicators.map((i) => [i.id, new Map(i.targets.map((t) => [t.year, t.value]))]),
    );
    const byId = new Map(fw.indicators.map((i) => [i.id, i]));
    for (const rev of fw.revisions) {
      for (const [id, years] of rev.targets) {
        const ind = byId.get(id);
        const curve = curves.get(id);
        if (!ind || !curve) continue;
        for (const [year, value] of years) curve.set(year, value);
        const list = [...curve].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year);
        const found = againstDirection(ind, list, (year) => child(rev.src, 'targets', id, String(year)));
        pushAll(
          out,
          found.filter((d) => years.has(Number(d.src?.path.at(-1)))),
        );
      }
    }
    return out;
  },
};

/** Warnings for each target in `list` that moves against the indicator's direction from the one before. */
function againstDirection(
  ind: Indicator,
  list: readonly { year: number; value: number }[],
  at: (year: number) => Src,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let prev = ind.baseline;
  for (const t of list) {
    const against = ind.direction === 'increase' ? t.value < prev.value : t.value > prev.value;
    if (against) {
      out.push(
        warning(
          'target-direction',
          `the ${t.year} target (${t.value}) moves against the indicator's direction (${ind.direction}) from ${prev.value} in ${prev.year}`,
          at(t.year),
        ),
      );
    }
    prev = t;
  }
  return out;
}

const narrativeRefs: Rule = {
  name: 'narrative-refs',
  check(fw, { invalidIds }) {
    const known = new Set<string>([
      'plan',
      ...fw.programmes.map((p) => p.id),
      ...fw.results.map((r) => r.id),
      ...fw.indicators.map((i) => i.id),
    ]);
    return fw.narratives
      .filter((n) => !known.has(n.about) && !invalidIds.has(n.about))
      .map((n) =>
        error(
          'unknown-about',
          `a narrative is about \`plan\` or a programme, result or indicator id, not "${n.about}"${suggest(n.about, [...known])}`,
          child(n.src, 'about'),
        ),
      );
  },
};

/** `plan.contributes_to` maps this framework's own indicators: each OWN-ID must be one (the parent's are checked by `portfolio`). */
const contributesTo: Rule = {
  name: 'contributes-to',
  check(fw, { invalidIds }) {
    const own = fw.indicators.map((i) => i.id);
    const known = new Set(own);
    const out: Diagnostic[] = [];
    for (const link of fw.plan.contributesTo) {
      for (const m of link.indicators) {
        if (known.has(m.own) || invalidIds.has(m.own)) continue;
        out.push(
          error(
            'unknown-indicator',
            `contributes_to maps "${m.own}", which is not an indicator of this framework${suggest(m.own, own)}`,
            m.src,
            true,
          ),
        );
      }
    }
    return out;
  },
};

/** Every cross-reference rule, in the order their findings are reported. */
export const RULES: readonly Rule[] = [
  uniqueIds,
  resultChain,
  indicatorRefs,
  budgetRefs,
  outcomeIndicators,
  lineLinks,
  yearsFunded,
  targetDirection,
  narrativeRefs,
  contributesTo,
  { name: 'breakdown-total', check: breakdownTotal },
  { name: 'unexpected-value', check: unexpectedValues },
  { name: 'possible-duplicate', check: possibleDuplicates },
  { name: 'suspect-running-total', check: suspectRunningTotals },
];

/** Runs every rule; `ctx` (from normalising) keeps one mistake from being reported as a cascade. */
export function runRules(fw: Framework, ctx: Partial<RuleContext> = {}): Diagnostic[] {
  const full: RuleContext = {
    invalidIds: ctx.invalidIds ?? new Set(),
    invalidRefs: ctx.invalidRefs ?? new Set(),
    prior: ctx.prior ?? [],
  };
  return RULES.flatMap((r) => r.check(fw, full));
}
