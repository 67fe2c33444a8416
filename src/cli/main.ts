import { Command, CommanderError } from 'commander';
import { CliError, errLine, type Io, processIo } from './context.js';
import { OutputError, writeStderr } from './output.js';

/** A command module: it registers its options and action on the program. */
interface CommandModule {
  register(program: Command, io: Io, setExit: (code: number) => void): void;
}

/**
 * One module per command, loaded on demand: a run loads only the command it runs (the bundle
 * initialises a module at its first import), so `validate` never pays for the report renderers
 * or the ledger writer's lock. Help, typos and `help CMD` load them all. The order is help's.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  validate: () => import('./commands/validate.js'),
  record: () => import('./commands/record.js'),
  history: () => import('./commands/history.js'),
  status: () => import('./commands/status.js'),
  variance: () => import('./commands/variance.js'),
  funding: () => import('./commands/funding.js'),
  report: () => import('./commands/report.js'),
  portfolio: () => import('./commands/portfolio.js'),
  diff: () => import('./commands/diff.js'),
  export: () => import('./commands/export.js'),
  template: () => import('./commands/template.js'),
  import: () => import('./commands/import.js'),
  init: () => import('./commands/init.js'),
  schema: () => import('./commands/schema.js'),
};

/** Options of the program itself that take a value (the word after them is not the command). */
const VALUE_OPTIONS = new Set(['--framework']);

/** The command a command line names, if it is one of ours. */
function commandOf(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return Object.hasOwn(COMMANDS, a) ? a : undefined;
  }
  return undefined;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 invalid data or refused record, 2 usage error. */
export async function main(argv: string[], given?: Io): Promise<number> {
  let io: Io;
  try {
    io = given ?? processIo();
  } catch (e) {
    // The working directory was deleted under the shell (process.cwd() fails): one line, no trace.
    const code = (e as NodeJS.ErrnoException).code;
    writeStderr(
      code === 'ENOENT'
        ? 'neaspec-track: the current directory no longer exists (ENOENT): cd to one that does and run the command again\n'
        : `neaspec-track: cannot start: ${(e as Error).message}\n`,
    );
    return 1;
  }
  if (io.stdoutClosed) {
    // Checked first, so that `record` writes nothing whose confirmation nobody would see.
    io.err('neaspec-track: cannot write to standard output: it is closed (EBADF); nothing was done\n');
    return 1;
  }
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('neaspec-track')
    .description("Keep a strategic plan's results framework honest: validate, record, report.")
    .version(VERSION, '-V, --version')
    .option(
      '--framework <path>',
      'framework directory or file (default: $NEASPEC_TRACK_FRAMEWORK, the current directory, or the shipped NEASPEC framework)',
    )
    .option('--debug', 'print stack traces for unexpected failures')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  const name = commandOf(argv);
  const wanted = name ? [name] : Object.keys(COMMANDS);
  const modules = await Promise.all(wanted.map((n) => (COMMANDS[n] as () => Promise<CommandModule>)()));
  for (const m of modules) m.register(program, io, setExit);
  program.commands.forEach((cmd) => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version succeed; help shown because a command is missing is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      return 2;
    }
    if (e instanceof CliError) {
      errLine(io, `neaspec-track: ${e.message}`);
      return e.exitCode;
    }
    if (e instanceof OutputError) {
      io.err(`neaspec-track: ${e.message}\n`);
      return 1;
    }
    const debug = argv.includes('--debug');
    io.err(`neaspec-track: unexpected failure: ${(e as Error)?.message ?? String(e)}\n`);
    if (debug) io.err(`${(e as Error)?.stack ?? ''}\n`);
    else io.err('hint: run again with --debug for the stack trace, and report it with the command you ran\n');
    return 1;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
