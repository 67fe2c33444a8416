import { Command, CommanderError } from 'commander';
import * as history from './commands/history.js';
import * as record from './commands/record.js';
import * as report from './commands/report.js';
import * as schema from './commands/schema.js';
import * as status from './commands/status.js';
import * as validate from './commands/validate.js';
import * as variance from './commands/variance.js';
import { CliError, type Io, processIo } from './context.js';

/** One module per command, each exporting `register(program, io, setExit)`. */
const COMMANDS = [validate, record, history, status, variance, report, schema];

/** Runs the CLI and returns the exit code: 0 ok, 1 invalid data or refused record, 2 usage error. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
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
  for (const c of COMMANDS) c.register(program, io, setExit);
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
      io.err(`neaspec-track: ${e.message}\n`);
      return e.exitCode;
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
