import { CliError, type Io, writeOut } from './context.js';

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

/**
 * Writes the bytes to `file` (relative to the working directory) and says so on stderr; `-` writes
 * them to standard output, on purpose (`--out - | …`).
 */
export function writeBinary(io: Io, bytes: Uint8Array, file: string): void {
  writeOut(io, bytes, file);
}
