/**
 * Bounds on a zip file (a workbook) read before anything is inflated: its central directory says
 * how many entries it has and how large each is uncompressed. A "zip bomb" — a few megabytes that
 * inflate to gigabytes — is refused from those figures, in a line, instead of exhausting memory
 * (a 4.7 MB .xlsx whose sheet inflated to 4.5 GiB ran 40 s and aborted). An entry that inflates to
 * more than its directory says is stopped by the reader's own limit (see sheet.ts).
 */

/** How much of a zip file may be inflated. */
export interface ZipLimits {
  entries: number;
  total: number;
  ratio: number;
  ratioFrom: number;
}

/** The limits: far above any workbook a programme fills in, far below what exhausts memory. */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  entries: 10_000,
  /** Total uncompressed bytes. */
  total: 512 * 1024 * 1024,
  /** Uncompressed / compressed, for entries over `ratioFrom` bytes uncompressed. */
  ratio: 200,
  ratioFrom: 16 * 1024 * 1024,
};

/** Why the zip must not be inflated, or null when its directory is within the limits. */
export function zipProblem(bytes: Uint8Array, limits: Readonly<ZipLimits> = ZIP_LIMITS): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'the zip file is damaged or cut short (it has no central directory)';
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    return 'the zip file is in the ZIP64 form, which no workbook of this size needs: save it again from Excel';
  }
  if (count > limits.entries) return `the zip file has ${count} entries (at most ${limits.entries} are read)`;
  if (offset + size > bytes.length)
    return 'the zip file is damaged or cut short (its directory lies past its end)';
  let total = 0;
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      return 'the zip file is damaged (its central directory is broken)';
    }
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + Math.min(nameLength, 200))).toString('utf8');
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) {
      return `the zip entry ${name} is in the ZIP64 form, which no workbook of this size needs: save it again from Excel`;
    }
    total += uncompressed;
    if (total > limits.total) {
      return `the workbook would inflate to more than ${mib(limits.total)} (at ${name}); a workbook to import is far smaller: is it the right file?`;
    }
    if (uncompressed > limits.ratioFrom && uncompressed > compressed * limits.ratio) {
      return `the zip entry ${name} would inflate ${Math.round(uncompressed / Math.max(1, compressed))} times, to ${mib(uncompressed)} (a zip bomb?); at most ${limits.ratio} times is read`;
    }
    p += 46 + nameLength + extra + comment;
  }
  return null;
}

function mib(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MiB`;
}
