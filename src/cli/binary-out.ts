import { CliError, type Io, outTarget } from './context.js';
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

/**
 * Writes the bytes to `file` (relative to the working directory) and says so on stderr; `-` writes
 * them to standard output, on purpose (`--out - | …`).
 */
export function writeBinary(io: Io, bytes: Uint8Array, file: string): void {
  const target = outTarget(io, file);
  if (target === null) {
    if (io.outBytes) io.outBytes(bytes);
    else io.out(Buffer.from(bytes).toString('latin1'));
    return;
  }
  try {
    writeOutFile(target, bytes, file);
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message, 1);
    throw e;
  }
  io.err(`wrote ${file}\n`);
}
