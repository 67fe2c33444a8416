import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { describe, expect, test } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The floors of src/ (docs/CONTRIBUTING.md, "The floors"), lowest first. A folder may import its
 * own files and any folder on a lower floor; nothing on its own floor and nothing above. This list
 * is the one statement of them: the rules below are made from it.
 */
const FLOORS: readonly (readonly string[])[] = [
  ['core', 'yaml'], // pure helpers; the YAML subset reader, its scalar typing and the one writer
  ['model'], // types, diagnostics and source positions
  ['schema'], // the file as written (zod)
  ['normalise'], // written model → framework and entries
  ['compute'], // report data (pure figures)
  ['rules'], // checks on the framework and ledger (a rule may use computed figures)
  ['document'], // report data → a document of blocks
  ['render'], // report data → text, md, html, docx, json, csv
  ['export'], // xlsx and IATI (its cells use render's formats)
  ['load'], // reads files (and sheets), hands them to schema, normalise and rules
  ['ledger', 'git'], // the ledger writer: reads through load, appends under a lock; a revision's files, read through git
  ['init'], // writes a new framework from a template or a sheet
  ['cli'], // commands: wire options to the functions below
];

/** Folders of the pure core: they never touch the outside (fs, child processes, the OS). */
const PURE = [
  'core',
  'yaml',
  'model',
  'schema',
  'normalise',
  'rules',
  'compute',
  'document',
  'render',
  'export',
];

/**
 * Violations let stand for a while, each with its reason and owner: none today (the decoder work
 * moved sheet rows into the ledger writer's room and split the two decoders; the documents work
 * moved history to compute). An entry here fails the test once it is fixed, so it is removed then,
 * and the list cannot grow unseen.
 */
const KNOWN: readonly string[] = [];

const alt = (folders: readonly string[]) => `^src/(${folders.join('|')})/`;

/** One rule per folder: it may not import a folder on its own floor or above. */
function floorRules(): IForbiddenRuleType[] {
  return FLOORS.flatMap((floor, i) =>
    floor.map((folder) => {
      const above = [...floor.filter((f) => f !== folder), ...FLOORS.slice(i + 1).flat()];
      return {
        name: `floor-${folder}`,
        comment: `src/${folder}/ imports only its own files and the floors below it`,
        severity: 'error' as const,
        from: { path: `^src/${folder}/` },
        to: { path: above.length > 0 ? alt(above) : '^$' },
      };
    }),
  );
}

/** The violations of the rules in `root`'s src/, as `rule: from → to`, and the modules read. */
async function violations(root: string): Promise<{ list: string[]; modules: number }> {
  const forbidden: IForbiddenRuleType[] = [
    ...floorRules(),
    { name: 'no-circular', severity: 'error', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'pure-core',
      comment: 'the core never touches the outside; only load, ledger, init and cli do',
      severity: 'error',
      from: { path: alt(PURE) },
      to: { path: '^(node:)?(fs|fs/promises|child_process|os|process|net|http|https)$' },
    },
    {
      name: 'not-resolved',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ];
  const cwd = process.cwd();
  process.chdir(root);
  let result: ICruiseResult;
  try {
    const out = await cruise(['src'], {
      validate: true,
      ruleSet: { forbidden },
      // TypeScript 7 has no JavaScript API for dependency-cruiser to parse with; swc reads the
      // same syntax, and with tsPreCompilationDeps `import type` counts as an arrow too.
      parser: 'swc',
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      // Packages' subpath exports (`csv-parse/sync`) resolve as Node resolves them.
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default'],
      },
    });
    result = out.output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
  // A circle is named by its files, whichever of them it was found from.
  const list = result.summary.violations.map((v) =>
    v.cycle
      ? `${v.rule.name}: ${[...new Set([v.from, ...v.cycle.map((c) => c.name)])].sort().join(' ⇄ ')}`
      : `${v.rule.name}: ${v.from} → ${v.to}`,
  );
  return { list: [...new Set(list)].sort(), modules: result.modules.length };
}

describe('the floors of src/', () => {
  test('every folder of src/ stands on one floor', () => {
    const folders = readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const placed = FLOORS.flat();
    expect(new Set(placed).size, 'a folder on two floors').toBe(placed.length);
    expect([...placed].sort()).toEqual(folders);
  });

  test('no import runs up a floor or sideways, none makes a circle, the core stays pure', async () => {
    const { list, modules } = await violations(ROOT);
    // Not vacuous: every source file was read.
    expect(modules).toBeGreaterThan(100);
    const unknown = list.filter((v) => !KNOWN.includes(v));
    expect(unknown, 'new violations (see docs/CONTRIBUTING.md, "The floors")').toEqual([]);
    const fixed = KNOWN.filter((v) => !list.includes(v));
    expect(fixed, 'fixed: remove these from KNOWN in test/floors/floors.test.ts').toEqual([]);
  });

  test('the rules catch what they are for: an arrow up (type-only too), a circle, the core reading files', async () => {
    const { list, modules } = await violations(path.join(ROOT, 'test', 'floors', 'fixture'));
    expect(modules).toBe(4); // a.ts, b.ts, c.ts and fs
    expect(list).toEqual([
      'floor-core: src/core/a.ts → src/cli/b.ts',
      'no-circular: src/cli/b.ts ⇄ src/core/a.ts',
      'pure-core: src/model/c.ts → fs',
    ]);
  });
});
