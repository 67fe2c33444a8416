import { pushAll } from '../core/arrays.js';
import type { WorkbookFramework } from '../load/workbook.js';
import { block, blockList, flow, flowList, Num, type YamlValue } from '../yaml/write.js';
import { GITHUB_WORKFLOW, GITHUB_WORKFLOW_PATH, GITLAB_CI, GITLAB_CI_PATH } from './ci.js';

/**
 * The files `init` writes, as (relative path, text) pairs: plan.yaml and budget.yaml (from a
 * workbook, or a small example to overwrite), progress/, a README, a .gitattributes that lets
 * two officers' appends to the same ledger merge, and CI files (GitHub and GitLab) that validate
 * and guard the record. Pure.
 */

export interface InitFile {
  path: string;
  text: string;
}

/** The editor's schema line: the schema of neaspec-track installed as a dev dependency beside the framework. */
export const SCHEMA_LINE =
  '# yaml-language-server: $schema=node_modules/neaspec-track/schema/framework.schema.json';

type Fields = { [key: string]: YamlValue | undefined };

export interface PlanFacts {
  id: string;
  title: string;
  start: number;
  end: number;
  currency: string;
}

/** A small framework to overwrite: one programme, an outcome and an output, one indicator each, two budget lines. */
export function exampleFramework(p: PlanFacts): WorkbookFramework {
  const years: Fields = {};
  for (let y = p.start; y <= p.end; y++) years[String(y)] = new Num('10000');
  const mid = Math.min(p.end, p.start + Math.floor((p.end - p.start) / 2));
  return {
    plan: {
      id: p.id,
      title: p.title,
      start: new Num(String(p.start)),
      end: new Num(String(p.end)),
      currency: p.currency,
    },
    programmes: [{ id: 'P1', title: 'First programme area' }],
    results: [
      { id: 'P1.O1', level: 'outcome', programme: 'P1', title: 'What the programme area changes' },
      { id: 'P1.O1.1', level: 'output', parent: 'P1.O1', title: 'What the secretariat delivers for it' },
    ],
    indicators: [
      {
        id: 'P1.O1-a',
        result: 'P1.O1',
        title: 'Member States applying the guidance',
        unit: 'countries',
        measure: 'number',
        direction: 'increase',
        aggregation: 'level',
        frequency: 'annual',
        baseline: { year: new Num(String(p.start - 1)), value: new Num('0') },
        targets: { [String(mid)]: new Num('2'), [String(p.end)]: new Num('4') },
        means_of_verification: 'Country reports',
      },
      {
        id: 'P1.O1.1-a',
        result: 'P1.O1.1',
        title: 'Workshops held',
        unit: 'workshops',
        measure: 'number',
        direction: 'increase',
        aggregation: 'cumulative',
        frequency: 'quarterly',
        baseline: { year: new Num(String(p.start - 1)), value: new Num('0') },
        targets: { [String(p.start)]: new Num('2'), [String(p.end)]: new Num('10') },
        means_of_verification: 'Workshop reports',
      },
    ],
    budget: {
      sources: [{ id: 'CORE', title: 'Core fund' }],
      contributors: [],
      rates: {},
      lines: [
        {
          id: 'B-P1-1',
          title: 'Workshops',
          result: 'P1.O1.1',
          source: 'CORE',
          category: 'meetings',
          planned: years,
        },
        {
          id: 'B-P1-2',
          title: 'Guidance and studies',
          result: 'P1.O1',
          source: 'CORE',
          category: 'consultants',
          planned: years,
        },
      ],
    },
    revisions: [],
    narratives: [],
    ledger: new Map(),
  };
}

/** plan.yaml: the plan, programmes, results, indicators, revisions and narratives. */
function planText(fw: WorkbookFramework, example: boolean): string {
  const out = [SCHEMA_LINE, '#'];
  out.push(
    example
      ? '# The plan and its results framework. Replace the example programme, results and indicators with\n# your own; `neaspec-track validate` checks every change (your editor too, with the line above).'
      : '# The plan and its results framework, built by `neaspec-track init --from` from a workbook.',
  );
  pushAll(out, ['', 'plan:', ...planBlock(fw.plan), '']);
  pushAll(out, [...flowList('programmes', fw.programmes), '']);
  pushAll(out, [...flowList('results', fw.results), '']);
  pushAll(out, blockList('indicators', fw.indicators));
  if (fw.revisions.length > 0) pushAll(out, ['', ...blockList('revisions', fw.revisions)]);
  if (fw.narratives.length > 0) pushAll(out, ['', ...narrativeList(fw.narratives)]);
  return `${out.join('\n')}\n`;
}

function planBlock(plan: Fields): string[] {
  const { dimensions, meetings, ...rest } = plan;
  const out = block(rest, '  ');
  if (dimensions && typeof dimensions === 'object' && !Array.isArray(dimensions)) {
    pushAll(out, ['  dimensions:', ...block(dimensions as Fields, '    ')]);
  }
  if (Array.isArray(meetings) && meetings.length > 0) pushAll(out, flowList('meetings', meetings, '  '));
  return out;
}

/** Narratives with their Markdown as literal blocks, as a person would write them. */
function narrativeList(list: Fields[]): string[] {
  const out = ['narratives:'];
  for (const n of list) {
    out.push(`  - about: ${flow(n.about as YamlValue)}`, `    date: ${flow(n.date as YamlValue)}`);
    const text = String(n.text ?? '');
    if (/^[^\s].*$/s.test(text) && !/[\r\u2028\u2029]/.test(text)) {
      out.push(`    text: |${text.endsWith('\n') ? '' : '-'}`);
      for (const l of text.replace(/\n$/, '').split('\n')) out.push(l === '' ? '' : `      ${l}`);
    } else out.push(`    text: ${flow(text)}`);
  }
  return out;
}

/** budget.yaml: sources, contributors, rates and lines. */
function budgetText(fw: WorkbookFramework): string {
  const b = fw.budget;
  const out = [
    SCHEMA_LINE,
    '#',
    '# The budget: funding sources and budget lines with planned amounts per year.',
    '',
    'budget:',
  ];
  pushAll(out, flowList('sources', b.sources, '  '));
  if (b.contributors.length > 0) pushAll(out, flowList('contributors', b.contributors, '  '));
  if (Object.keys(b.rates).length > 0) out.push(`  rates: ${flow(b.rates)}`);
  pushAll(out, flowList('lines', b.lines, '  '));
  return `${out.join('\n')}\n`;
}

/** A ledger file: its entries as one-line flow mappings. */
function ledgerText(entries: Fields[]): string {
  return `${[SCHEMA_LINE, ...flowList('progress', entries)].join('\n')}\n`;
}

const GITATTRIBUTES = `# Two officers appending to the same ledger on two branches: git keeps both sides' lines instead of
# a conflict (the entries are one line each). \`neaspec-track validate\` then catches a true duplicate.
progress/*.yaml merge=union
progress/*.yml merge=union
progress/*.csv merge=union
`;

declare const __VERSION__: string | undefined;
/** The version of neaspec-track that runs (set by the build; a development build says 0.0.0-dev). */
const TOOL_VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

function packageJson(id: string): string {
  return `${JSON.stringify(
    {
      name: `${id}-framework`,
      private: true,
      description: 'A results framework kept with neaspec-track',
      scripts: { validate: 'neaspec-track validate --strict .' },
      // The version that wrote the file: the project has no public address to name, so a framework
      // installed from a tarball or a git URL replaces this with that (its README says so).
      devDependencies: { 'neaspec-track': TOOL_VERSION },
      allowScripts: { 'neaspec-track': true },
    },
    null,
    2,
  )}\n`;
}

function readme(title: string): string {
  return `# ${title}

The results framework and ledger of this plan, kept with neaspec-track.

\`package.json\` names neaspec-track by the version that wrote this folder. Where you install it from
a tarball or a git URL rather than a registry, install it that way once
(\`npm install --save-dev ../neaspec-track-${TOOL_VERSION}.tgz\`, or the git URL you cloned from): npm then
writes that source into \`package.json\`.

| file | what it holds |
| --- | --- |
| \`plan.yaml\` | the plan, programme areas, results chain and indicators with baselines and targets |
| \`budget.yaml\` | funding sources and budget lines with planned amounts per year |
| \`progress/\` | the ledger: results and spending, appended by \`neaspec-track record\` or \`import\` |

Everyday commands (after \`npm install\`):

\`\`\`sh
npx neaspec-track validate                          # check every file
npx neaspec-track record result P1.O1.1-a 1 --period 2026-Q1
npx neaspec-track template --period 2026-Q1        # a sheet to collect a round's figures
npx neaspec-track import filled.xlsx --dry-run      # check it, then import without --dry-run
npx neaspec-track report --format docx              # the meeting document
\`\`\`

\`.gitattributes\` lets two branches that both appended to a ledger merge without a conflict.
\`.github/workflows/neaspec-track.yml\` (GitHub) and \`.gitlab-ci.yml\` (GitLab) validate every push;
on a pull request they also refuse a change that edits, removes or moves a recorded entry, or
changes an ended year's target or planned amount in place (\`npx neaspec-track validate --base\`), and
post what the change does to the figures as a comment (\`npx neaspec-track diff --format md\`).
`;
}

/** Every file of a new framework directory. */
export function initFiles(fw: WorkbookFramework, example: boolean): InitFile[] {
  const files: InitFile[] = [
    { path: 'plan.yaml', text: planText(fw, example) },
    { path: 'budget.yaml', text: budgetText(fw) },
  ];
  const ledgers = [...fw.ledger];
  for (const [file, entries] of ledgers) {
    // Entries kept in the plan or budget file, or in CSV, go to a ledger file of their own.
    const name =
      /^progress\/[^/]+\.ya?ml$/.test(file) && !['plan.yaml', 'budget.yaml'].includes(file)
        ? file
        : `progress/${(file.split('/').pop() ?? 'ledger').replace(/\.(ya?ml|csv)$/i, '')}.yaml`;
    files.push({ path: name, text: ledgerText(entries) });
  }
  if (ledgers.length === 0) files.push({ path: 'progress/.gitkeep', text: '' });
  const title = String(fw.plan.title ?? fw.plan.id);
  files.push(
    { path: 'README.md', text: readme(title) },
    { path: '.gitattributes', text: GITATTRIBUTES },
    { path: GITHUB_WORKFLOW_PATH, text: GITHUB_WORKFLOW },
    { path: GITLAB_CI_PATH, text: GITLAB_CI },
    { path: 'package.json', text: packageJson(String(fw.plan.id)) },
  );
  return files;
}
