import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exampleFramework, initFiles } from '../../init/files.js';
import { checkFiles } from '../../load/index.js';
import { describeErrno } from '../../model/errno.js';
import { formatText } from '../../render/diagnostics.js';
import { CliError, chalkFor, type GlobalOptions, type Io, readUserFile } from '../context.js';

interface InitOptions {
  from?: string;
  id?: string;
  title?: string;
  start?: string;
  end?: string;
  currency?: string;
}

/** `init [DIR]`: a new framework directory, from a small example or from a workbook in the export's layout. */
export async function runInit(
  io: Io,
  _global: GlobalOptions,
  dir: string | undefined,
  opts: InitOptions,
): Promise<number> {
  const target = path.resolve(io.cwd, dir ?? '.');
  const shown = dir ?? '.';
  let fw: Awaited<ReturnType<typeof fromWorkbook>>;
  if (opts.from !== undefined) {
    for (const o of ['id', 'title', 'start', 'end', 'currency'] as const) {
      if (opts[o] !== undefined)
        throw new CliError(`--${o} comes from the workbook with --from; give one or the other`, 2);
    }
    fw = await fromWorkbook(io, opts.from);
  } else {
    const year = Number(opts.start ?? new Date(io.today() * 86_400_000).getUTCFullYear());
    const end = Number(opts.end ?? year + 4);
    if (!Number.isInteger(year) || !Number.isInteger(end) || end < year || year < 1900 || end > 2200) {
      throw new CliError('--start and --end are years, the end not before the start', 2);
    }
    const id = opts.id ?? slug(path.basename(target));
    if (!/^[a-z0-9-]+$/.test(id))
      throw new CliError(`--id "${id}" must be lower-case letters, digits and "-"`, 2);
    const currency = opts.currency ?? 'USD';
    if (!/^[A-Z]{3}$/.test(currency))
      throw new CliError(`--currency "${currency}" is not an ISO 4217 code such as USD`, 2);
    fw = exampleFramework({
      id,
      title: opts.title ?? `Strategic plan ${year}–${end}`,
      start: year,
      end,
      currency,
    });
  }
  const files = initFiles(fw, opts.from === undefined);

  // Never overwrite: every file init would write must be new.
  const clash = files.filter((f) => existsSync(path.join(target, f.path)) && f.path !== 'progress/.gitkeep');
  if (clash.length > 0) {
    throw new CliError(
      `${shown} already has ${clash.map((f) => f.path).join(', ')}; init writes only new files`,
      1,
    );
  }
  if (existsSync(target) && readdirSync(target).some((n) => /\.ya?ml$/i.test(n))) {
    throw new CliError(
      `${shown} already holds YAML files; init starts a new framework in an empty directory`,
      1,
    );
  }

  // The framework must validate before anything is written.
  const yaml = files.filter((f) => /\.ya?ml$/.test(f.path) && !f.path.startsWith('.'));
  const checked = checkFiles(
    target,
    yaml.map((f) => ({
      name: path.join(shown, f.path).split(path.sep).join('/'),
      path: path.join(target, f.path),
      text: f.text,
    })),
  );
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    io.err(formatText(errors, chalkFor({ ...io, color: false }), target));
    throw new CliError(
      `the workbook's framework has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; fix them in the workbook; nothing was written`,
      1,
    );
  }
  try {
    for (const f of files) {
      const p = path.join(target, f.path);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, f.text, { flag: 'wx' });
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CliError(`cannot write in ${shown}: ${describeErrno(code)} (${code})`, 1);
  }
  for (const f of files) io.out(`wrote ${path.join(shown, f.path).split(path.sep).join('/')}\n`);
  const warnings = checked.diagnostics.filter((d) => d.severity === 'warning').length;
  io.out(
    `${shown}: a framework that validates${warnings > 0 ? ` (${warnings} ${warnings === 1 ? 'warning' : 'warnings'}: run \`neaspec-track validate ${shown}\`)` : ''}; next: edit plan.yaml and budget.yaml, then \`npm install\` for the editor's schema and CI\n`,
  );
  return 0;
}

async function fromWorkbook(io: Io, file: string) {
  const bytes = readUserFile(io, file);
  const { readWorkbookFramework, WorkbookError } = await import('../../load/workbook.js');
  try {
    return await readWorkbookFramework(bytes);
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(`${file}: ${e.message}; nothing was written`, 1);
    throw e;
  }
}

/** A directory name as a plan id: lower-case letters, digits and "-". */
function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'plan' : s;
}

/** Registers `init`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('init')
    .description(
      'start a framework: plan.yaml, budget.yaml, progress/, README, .gitattributes and a CI workflow',
    )
    .argument('[dir]', 'the directory to create it in (default: the current one)')
    .option(
      '--from <workbook>',
      'build plan.yaml, budget.yaml and the ledger from a workbook in the layout `export` writes',
    )
    .option('--id <id>', 'the plan id (default: from the directory name)')
    .option('--title <title>', 'the plan title')
    .option('--start <year>', 'the first plan year (default: this year)')
    .option('--end <year>', 'the last plan year (default: start + 4)')
    .option('--currency <code>', 'the plan currency (default: USD)')
    .action(async (dir: string | undefined, opts: InitOptions, cmd: Command) => {
      setExit(await runInit(io, cmd.optsWithGlobals(), dir, opts));
    });
}
