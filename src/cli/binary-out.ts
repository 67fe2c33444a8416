import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, type Io } from './context.js';

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
  return out ?? `${planId}-${kind}-${asOf}.${ext}`;
}

/** Writes the bytes to `file` (relative to the working directory) and says so on stderr. */
export function writeBinary(io: Io, bytes: Uint8Array, file: string): void {
  try {
    writeFileSync(path.resolve(io.cwd, file), bytes);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as Error).message}`, 1);
  }
  io.err(`wrote ${file}\n`);
}
