import path from 'node:path';
import { CliError, type Io } from './context.js';
import { OutputError, writeOutFile } from './output.js';

/**
 * Where a binary output (a Word document, a workbook) goes: --out, else a file named for the plan,
 * the kind and the date in the working directory. Never the terminal: bytes of a zip file there
 * help no one (`--out /dev/stdout` pipes it on purpose).
 */
export function binaryTarget(
  out: string | undefined,
  planId: string,
  kind: string,
  asOf: string,
  ext: string,
): string {
  if (out !== undefined && out.trim() === '') throw new CliError('--out needs a file name', 2);
  return out ?? `${planId}-${kind}-${asOf}.${ext}`;
}

/** Writes the bytes to `file` (relative to the working directory) and says so on stderr. */
export function writeBinary(io: Io, bytes: Uint8Array, file: string): void {
  try {
    writeOutFile(path.resolve(io.cwd, file), bytes, file);
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message, 1);
    throw e;
  }
  io.err(`wrote ${file}\n`);
}
